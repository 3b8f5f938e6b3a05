"""``word_offsets``: abbreviations, initials, numbers and clitics kept whole; exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.decode import ABBREVIATIONS, word_offsets


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in word_offsets(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S. said", ["the", "U.S.", "said"]),
        ("U.N. and U.K. envoys", ["U.N.", "and", "U.K.", "envoys"]),
        ("at 10 a.m. e.g. today", ["at", "10", "a.m.", "e.g.", "today"]),
        ("backed by the U.S.", ["backed", "by", "the", "U.S."]),
        ("U.S.-backed SDF", ["U.S.-backed", "SDF"]),
        ("U.S forces", ["U.S", "forces"]),
        ("Lt. Gen. Stephen J. Townsend", ["Lt.", "Gen.", "Stephen", "J.", "Townsend"]),
        ("Mr. Putin and Dr. Ali", ["Mr.", "Putin", "and", "Dr.", "Ali"]),
        ("On Jan. 1 and Sept. 30", ["On", "Jan.", "1", "and", "Sept.", "30"]),
        ("Resolution No. 2254", ["Resolution", "No.", "2254"]),
        ("he said no. Then", ["he", "said", "no", ".", "Then"]),
        ("300,000 people", ["300,000", "people"]),
        ("1.5 million, 2,500.75 dollars", ["1.5", "million", ",", "2,500.75", "dollars"]),
        ("killed 5,000, wounded 20.", ["killed", "5,000", ",", "wounded", "20", "."]),
        ("Assad's regime", ["Assad", "'s", "regime"]),
        ("Syria’s war", ["Syria", "’s", "war"]),
        ("rebels' 'stop'", ["rebels", "'", "'", "stop", "'"]),
        ("rebel-held CJTF-OIR al-Assad", ["rebel-held", "CJTF-OIR", "al-Assad"]),
        ("a 2,000-strong force", ["a", "2,000-strong", "force"]),
        ("in Aleppo. Rebels", ["in", "Aleppo", ".", "Rebels"]),
        ("Plan B.\nThe end", ["Plan", "B", ".", "The", "end"]),
        ("General Gen", ["General", "Gen"]),
        ("Syria,2015", ["Syria", ",", "2015"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize("abbreviation", ABBREVIATIONS)
def test_every_abbreviation_keeps_its_period(abbreviation: str) -> None:
    assert words(f"by {abbreviation}. Smith")[1] == f"{abbreviation}."


def check_partition(text: str) -> None:
    """Tokens are non-empty, ordered, disjoint, hold no space, and cover every other char."""
    offsets = word_offsets(text)
    covered: list[int] = []
    previous_end = 0
    for start, end in offsets:
        assert previous_end <= start < end <= len(text)
        assert not any(c.isspace() for c in text[start:end])
        covered.extend(range(start, end))
        previous_end = end
    assert covered == [i for i, c in enumerate(text) if not c.isspace()]


TRICKY = st.text(alphabet=st.sampled_from(list("aUSJGen.,'’s-‐ \n\t\u00a019")), max_size=40)
PIECES = st.lists(
    st.sampled_from(["U.S.", "Gen.", "J.", "No.", "1,000", "2.5", "'s", "-", " ", "\n", "x", "."]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TRICKY, PIECES, st.text(max_size=60)))
def test_every_non_space_character_is_in_exactly_one_token(text: str) -> None:
    check_partition(text)


@settings(max_examples=500, deadline=None)
@given(word=st.text(min_size=1, max_size=8), initial=st.booleans())
def test_word_shape_fast_paths_agree_with_the_general_rule(word: str, initial: bool) -> None:
    from model.tagging.encoding import _any_shape, word_shape

    assert word_shape(word, initial=initial) == _any_shape(word, initial=initial)


@pytest.mark.parametrize(
    ("word", "shape"),
    [("rebels", "lower"), ("Aleppo", "title"), ("A", "title"), ("HTS", "upper"),
     ("McCain", "title"), ("iPhone", "mixed"), ("2015", "digit"), ("²", "digit"),
     ("300,000", "digit"), ("M5", "alnum"), ("al-Assad", "mixed"), ("—", "punct"), ("Ǆ", "title")],
)
def test_word_shape_examples(word: str, shape: str) -> None:
    from model.tagging.encoding import word_shape

    assert word_shape(word) == shape
