from __future__ import annotations

import pytest
from pydantic import ValidationError

from model.decode import spans_to_tags, tags_for_text, tags_to_spans, word_offsets
from model.labels import LABELS, TAGS, parse_labels, tag_to_id
from model.types import Document, Span, span_problems

TEXT = "Syrian army shelled east Aleppo on Sunday."


def test_tags_derive_from_labels():
    assert len(TAGS) == 1 + 2 * len(LABELS)
    assert all(tag_to_id(tag) == i for i, tag in enumerate(TAGS))
    with pytest.raises(ValueError, match="'B-PERSON'"):
        tag_to_id("B-PERSON")


def test_parse_labels_rejects_unknown():
    assert parse_labels("date") == ("DATE",)
    with pytest.raises(ValueError, match="PLACE"):
        parse_labels("LOCATION,PLACE")


def test_document_collects_every_span_problem():
    spans = [
        {"start": 5, "end": 2, "label": "ACTOR"},
        {"start": 0, "end": 99, "label": "ACTOR"},
        {"start": 0, "end": 7, "label": "ACTOR"},
        {"start": 0, "end": 11, "label": "ACTOR", "text": "Syrian arm"},
        {"start": 20, "end": 31, "label": "LOCATION"},
        {"start": 25, "end": 31, "label": "LOCATION"},
    ]
    with pytest.raises(ValidationError) as err:
        Document(id="d", text=TEXT, spans=spans)
    message = str(err.value)
    for needle in ("greater than start", "past the text", "whitespace", "'Syrian arm'", "overlaps"):
        assert needle in message


def test_span_problems_reports_nested_overlaps():
    spans = [
        Span(start=0, end=20, label="ACTOR"),
        Span(start=2, end=4, label="ACTOR"),
        Span(start=6, end=8, label="ACTOR"),
    ]
    assert len(span_problems("x" * 30, spans)) == 2


def test_unknown_label_is_rejected():
    with pytest.raises(ValidationError, match="PERSON"):
        Span(start=0, end=1, label="PERSON")


def test_tags_round_trip_through_spans():
    spans = [
        Span(start=0, end=11, label="ACTOR"),
        Span(start=20, end=31, label="LOCATION"),
        Span(start=35, end=41, label="DATE"),
    ]
    tokens = word_offsets(TEXT)
    tags = spans_to_tags(tokens, spans)
    assert tags == ["B-ACTOR", "I-ACTOR", "O", "B-LOCATION", "I-LOCATION", "O", "B-DATE", "O"]
    assert tags_to_spans(tags, tokens) == spans


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["I-ACTOR", "I-ACTOR", "O"], [(0, 11, "ACTOR")]),  # stray I- starts an entity
        (["B-ACTOR", "I-DATE", "O"], [(0, 6, "ACTOR"), (7, 11, "DATE")]),
        (["B-ACTOR", "B-ACTOR", "O"], [(0, 6, "ACTOR"), (7, 11, "ACTOR")]),
        (["O", "O", "O"], []),
    ],
)
def test_stray_inside_policy(tags, expected):
    tokens = word_offsets("Syrian army shelled")
    got = [(s.start, s.end, s.label) for s in tags_to_spans(tags, tokens)]
    assert got == expected


def test_tags_to_spans_checks_lengths():
    with pytest.raises(ValueError, match="2 tags for 1 tokens"):
        tags_to_spans(["O", "O"], [(0, 1)])


def test_word_offsets_keep_hyphenated_words_and_split_possessives():
    text = "Assad's rebel-held Dahiyet al-Assad"
    assert [text[s:e] for s, e in word_offsets(text)] == [
        "Assad",
        "'s",
        "rebel-held",
        "Dahiyet",
        "al-Assad",
    ]
    assert tags_for_text(text, [Span(start=0, end=5, label="ACTOR")])[0] == "B-ACTOR"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"id": "d", "text": ""}, "at least 1 character"),
        ({"id": "d", "text": " \n"}, "text is empty"),
        ({"id": "a\tb", "text": "x"}, "should match pattern"),
        ({"id": "d", "text": "x", "meta": {"published": 20241201}}, "expected a date"),
        ({"id": "d", "text": "x", "meta": {"published": "2101-01-01"}}, "outside 1900-01-01"),
    ],
)
def test_documents_refuse_empty_text_control_ids_and_odd_dates(raw: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Document.model_validate(raw)
