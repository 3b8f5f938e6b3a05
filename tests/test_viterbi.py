"""Constrained BIO decoding against brute-force enumeration of every valid tag path."""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from model.decode import word_offsets
from model.labels import LABELS, TAG2ID, TAGS
from model.tagging.viterbi import (
    ScoredSpan,
    allowed_start,
    allowed_transitions,
    constrained_viterbi,
    decode,
    forward_backward,
    segment_probability,
)

N_TAGS = len(TAGS)


def is_valid(path: list[int] | tuple[int, ...]) -> bool:
    """BIO validity read straight from the tag names (independent of the module's matrices)."""
    previous = "O"
    for tag in (TAGS[i] for i in path):
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            return False
        previous = tag
    return True


@functools.cache
def valid_paths(n: int) -> np.ndarray:
    """Every valid path of ``n`` words, ``[n_paths, n]``."""
    return np.array([p for p in itertools.product(range(N_TAGS), repeat=n) if is_valid(p)])


def brute_force(probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every valid path ``[n_paths, n_words]`` and its probability under the constrained model."""
    n = len(probs)
    paths = valid_paths(n)
    weights = probs[np.arange(n), paths].prod(axis=1)
    return paths, weights / weights.sum()


def brute_segment(
    paths: np.ndarray, weights: np.ndarray, first: int, last: int, label: str
) -> float:
    begin, inside = TAG2ID[f"B-{label}"], TAG2ID[f"I-{label}"]
    hit = paths[:, first] == begin
    for t in range(first + 1, last + 1):
        hit &= paths[:, t] == inside
    if last + 1 < paths.shape[1]:
        hit &= paths[:, last + 1] != inside
    return float(weights[hit].sum())


def prob_rows(n: int) -> st.SearchStrategy[np.ndarray]:
    """Softmax-like rows: positive, normalised, with a wide spread of values."""
    raw = arrays(np.float64, (n, N_TAGS), elements=st.floats(1e-3, 1.0))
    return raw.map(lambda a: a / a.sum(axis=1, keepdims=True))


SMALL = st.integers(1, 5).flatmap(prob_rows)


def one_hot_rows(tags: list[str], *, high: float = 0.9) -> np.ndarray:
    probs = np.full((len(tags), N_TAGS), (1 - high) / (N_TAGS - 1))
    for t, tag in enumerate(tags):
        probs[t, TAG2ID[tag]] = high
    return probs


def test_transition_constraints() -> None:
    allowed, start = allowed_transitions(), allowed_start()
    for i, j in itertools.product(range(N_TAGS), repeat=2):
        assert allowed[i, j] == (not TAGS[j].startswith("I-") or TAGS[i][2:] == TAGS[j][2:])
    assert [TAGS[i] for i in np.flatnonzero(start)] == ["O", *(f"B-{x}" for x in LABELS)]


@settings(max_examples=150, deadline=None)
@given(SMALL)
def test_viterbi_is_the_most_probable_valid_path(probs: np.ndarray) -> None:
    paths, weights = brute_force(probs)
    path = constrained_viterbi(probs)
    assert is_valid(path)
    got = weights[(paths == path).all(axis=1)]
    assert got.size == 1 and got[0] == pytest.approx(weights.max(), rel=1e-9)


@settings(max_examples=150, deadline=None)
@given(SMALL)
def test_marginals_match_enumeration(probs: np.ndarray) -> None:
    paths, weights = brute_force(probs)
    expected = np.zeros_like(probs)
    for t in range(len(probs)):
        np.add.at(expected[t], paths[:, t], weights)
    post = forward_backward(probs)
    np.testing.assert_allclose(post.marginals, expected, atol=1e-10)


@settings(max_examples=100, deadline=None)
@given(SMALL)
def test_segment_probability_matches_enumeration(probs: np.ndarray) -> None:
    paths, weights = brute_force(probs)
    post = forward_backward(probs)
    n = len(probs)
    for first, last in itertools.combinations_with_replacement(range(n), 2):
        for label in LABELS:
            expected = brute_segment(paths, weights, first, last, label)
            assert segment_probability(post, first, last, label) == pytest.approx(
                expected, rel=1e-9, abs=1e-12
            )


@settings(max_examples=100, deadline=None)
@given(SMALL, st.booleans())
def test_decode_labels_and_scores_follow_the_marginals(probs: np.ndarray, join: bool) -> None:
    n = len(probs)
    text = " ".join(["w"] * n)
    words = [(2 * i, 2 * i + 1) for i in range(n)]
    paths, weights = brute_force(probs)
    post = forward_backward(probs)
    for span in decode(probs, words, text, join=join):
        first, last = span.start // 2, (span.end - 1) // 2  # word i is text[2i : 2i + 1]
        sums = [
            post.marginals[first : last + 1, [TAG2ID[f"B-{x}"], TAG2ID[f"I-{x}"]]].sum()
            for x in LABELS
        ]
        assert sums[LABELS.index(span.label)] == pytest.approx(max(sums), rel=1e-9)  # ties: any
        assert span.score == pytest.approx(
            brute_segment(paths, weights, first, last, span.label), rel=1e-9, abs=1e-12
        )


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 300).flatmap(prob_rows), st.floats(0.0, 30.0))
def test_long_sharp_inputs_stay_valid_and_normalised(probs: np.ndarray, sharpness: float) -> None:
    sharp = probs**sharpness
    sharp /= sharp.sum(axis=1, keepdims=True)
    assert is_valid(constrained_viterbi(sharp))
    post = forward_backward(sharp)
    assert np.isfinite(post.marginals).all()
    np.testing.assert_allclose(post.marginals.sum(axis=1), 1.0, rtol=1e-9)


def log_space_forward_backward(probs: np.ndarray) -> tuple[np.ndarray, float]:
    """Per-word marginals and log Z by the textbook dense forward-backward in log space (9 x 9
    transitions from ``allowed_transitions``): slow, but it cannot underflow."""
    log_step = np.where(allowed_transitions(), 0.0, -np.inf)
    log_p = np.log(np.maximum(probs, 1e-12))
    alpha = np.empty_like(log_p)
    beta = np.zeros_like(log_p)
    alpha[0] = log_p[0] + np.where(allowed_start(), 0.0, -np.inf)
    for t in range(1, len(log_p)):
        alpha[t] = log_p[t] + np.logaddexp.reduce(alpha[t - 1][:, None] + log_step, axis=0)
    for t in range(len(log_p) - 2, -1, -1):
        beta[t] = np.logaddexp.reduce(log_step + log_p[t + 1] + beta[t + 1], axis=1)
    log_z = float(np.logaddexp.reduce(alpha[-1]))
    return np.exp(alpha + beta - log_z), log_z


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 600), st.floats(0.0, 40.0), st.integers(0, 2**32 - 1))
def test_long_inputs_match_log_space_forward_backward(n: int, sharpness: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    probs = rng.dirichlet(np.full(N_TAGS, 0.3), size=n) ** sharpness  # down to the floor
    probs /= probs.sum(axis=1, keepdims=True)
    post = forward_backward(probs)
    marginals, log_z = log_space_forward_backward(probs)
    np.testing.assert_allclose(post.marginals, marginals, atol=1e-9)
    assert np.log(post.scales).sum() == pytest.approx(log_z, rel=1e-9)  # Z = prod(scales)


def test_impossible_rows_still_decode() -> None:
    probs = np.zeros((3, N_TAGS))
    probs[:, TAG2ID["I-DATE"]] = 1.0  # only an invalid path has mass: the floor decides
    path = constrained_viterbi(probs)
    assert is_valid(path) and [TAGS[i] for i in path] == ["B-DATE", "I-DATE", "I-DATE"]
    spans = decode(probs, word_offsets("a b c"), "a b c")
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 5, "DATE")]
    assert 0.0 <= spans[0].score <= 1.0


@pytest.mark.parametrize(
    ("high", "expected"),
    [(0.9, "ACTOR"), (0.6, "LOCATION")],  # the larger summed P(B-X) + P(I-X) wins
)
def test_name_split_across_labels_becomes_one_span(high: float, expected: str) -> None:
    text = "the United States said"
    probs = one_hot_rows(["O", "B-ACTOR", "B-LOCATION", "O"])
    probs[1, TAG2ID["B-ACTOR"]] = high
    probs[2, TAG2ID["B-LOCATION"]] = 0.95
    probs /= probs.sum(axis=1, keepdims=True)
    spans = decode(probs, word_offsets(text), text)
    assert [(text[s.start : s.end], s.label) for s in spans] == [("United States", expected)]
    post = forward_backward(probs)
    sums = {x: post.marginals[1:3, [TAG2ID[f"B-{x}"], TAG2ID[f"I-{x}"]]].sum() for x in LABELS}
    assert expected == max(sums, key=sums.__getitem__)
    assert spans[0].score == pytest.approx(segment_probability(post, 1, 2, expected))
    assert spans[0].score < 0.1  # the model never said "one ACTOR": the score is honest


def test_dotted_acronym_and_person_names_join() -> None:
    text = "Boris Johnson met U.S. envoys"
    spans = decode(
        one_hot_rows(["B-ACTOR", "B-LOCATION", "O", "B-ACTOR", "O"]), word_offsets(text), text
    )
    assert [text[s.start : s.end] for s in spans] == ["Boris Johnson", "U.S."]


@pytest.mark.parametrize("text", ["United\nStates", "United , States", "United,States"])
def test_newline_or_punctuation_prevents_joining(text: str) -> None:
    tags = ["B-ACTOR", "B-LOCATION"] if "\n" in text else ["B-ACTOR", "O", "B-LOCATION"]
    spans = decode(one_hot_rows(tags), word_offsets(text), text)
    assert [(text[s.start : s.end], s.label) for s in spans] == [
        ("United", "ACTOR"),
        ("States", "LOCATION"),
    ]


@pytest.mark.parametrize(("continues", "threshold", "expected"), [
    (0.5, 0.1, ["Washington Chris Gregoire"]),  # the model half-reads one name: joined
    (0.01, 0.1, ["Washington", "Chris Gregoire"]),  # two names side by side: kept apart
    (0.01, 0.0, ["Washington Chris Gregoire"]),  # threshold 0: every spaced pair joins
])
def test_join_needs_the_model_to_read_a_continuation(
    continues: float, threshold: float, expected: list[str]
) -> None:
    text = "Washington Chris Gregoire"
    probs = one_hot_rows(["B-LOCATION", "B-ACTOR", "I-ACTOR"])
    probs[1:, TAG2ID["I-LOCATION"]] = continues  # one LOCATION name read on
    probs /= probs.sum(axis=1, keepdims=True)
    inside = forward_backward(probs).marginals[1, [TAG2ID[f"I-{x}"] for x in LABELS]].sum()
    assert (inside >= 0.1) == (continues == 0.5)
    spans = decode(probs, word_offsets(text), text, join_threshold=threshold)
    assert [text[s.start : s.end] for s in spans] == expected


def test_join_false_keeps_viterbi_segments() -> None:
    text = "Wad Madani"
    probs = one_hot_rows(["B-LOCATION", "B-LOCATION"])
    assert [text[s.start : s.end] for s in decode(probs, word_offsets(text), text)] == [text]
    spans = decode(probs, word_offsets(text), text, join=False)
    assert [text[s.start : s.end] for s in spans] == ["Wad", "Madani"]
    assert all(s.score > 0.5 for s in spans)


def test_to_span_and_errors() -> None:
    text = "Aleppo"
    (span,) = decode(one_hot_rows(["B-LOCATION"]), word_offsets(text), text)
    assert isinstance(span, ScoredSpan) and span.score > 0.9
    assert span.to_span(text).key == (0, 6, "LOCATION") and span.to_span(text).text == text
    assert decode(np.zeros((0, N_TAGS)), [], "") == []
    with pytest.raises(ValueError, match="1 probability rows for 2 words"):
        decode(one_hot_rows(["O"]), [(0, 1), (2, 3)], "a b")
    with pytest.raises(ValueError, match=r"shape \[n_words, 9\]"):
        constrained_viterbi(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        forward_backward(np.full((1, N_TAGS), np.nan))
    with pytest.raises(ValueError, match="PERSON"):
        segment_probability(forward_backward(one_hot_rows(["O"])), 0, 0, "PERSON")
