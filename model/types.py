"""The typed core shared by every package: ``Span`` and ``Document``.

The same classes validate annotation files, feed training, and are the API's schema.
Offsets are character offsets into ``Document.text``, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from model.labels import Label


class Span(BaseModel):
    """A labelled character span ``text[start:end]``.

    >>> Span(start=0, end=6, label="LOCATION").length
    6
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int = Field(ge=0, description="First character, 0-based.")
    end: int = Field(ge=0, description="One past the last character.")
    label: Label
    text: str | None = Field(default=None, description="Optional copy of text[start:end].")

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def key(self) -> tuple[int, int, str]:
        """``(start, end, label)``: what identity, equality and scoring use."""
        return (self.start, self.end, self.label)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class DocumentMeta(BaseModel):
    """Metadata of an article; unknown keys are kept."""

    model_config = ConfigDict(frozen=True, extra="allow")

    published: dt.date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    source: str | None = None


class Document(BaseModel):
    """An article with its gold or predicted spans.

    Validation collects every span problem before failing, so a user sees all of them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    text: str
    spans: tuple[Span, ...] = ()
    meta: DocumentMeta = DocumentMeta()

    @model_validator(mode="after")
    def _check_spans(self) -> Document:
        problems = span_problems(self.text, self.spans)
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def with_spans(self, spans: list[Span] | tuple[Span, ...]) -> Document:
        """Return a copy of this document holding ``spans`` sorted by offset."""
        ordered = tuple(sorted(spans, key=lambda s: (s.start, s.end)))
        return Document(id=self.id, text=self.text, spans=ordered, meta=self.meta)


def span_problems(text: str, spans: tuple[Span, ...] | list[Span]) -> list[str]:
    """Return every problem of ``spans`` against ``text`` (empty when all is clean).

    >>> span_problems("in Aleppo", [Span(start=3, end=9, label="LOCATION")])
    []
    >>> span_problems("in Aleppo", [Span(start=2, end=9, label="LOCATION")])
    ["span [2, 9) LOCATION ' Aleppo' has leading/trailing whitespace"]
    """
    problems: list[str] = []
    for span in spans:
        where = f"span [{span.start}, {span.end}) {span.label}"
        if span.end <= span.start:
            problems.append(f"{where}: end must be greater than start")
            continue
        if span.end > len(text):
            problems.append(f"{where}: end is past the text's length {len(text)}")
            continue
        surface = text[span.start : span.end]
        if span.text is not None and span.text != surface:
            problems.append(f"{where}: text {span.text!r} != {surface!r}")
        if surface != surface.strip():
            problems.append(f"{where} {surface!r} has leading/trailing whitespace")
    ordered = sorted(
        (s for s in spans if s.start < s.end <= len(text)), key=lambda s: (s.start, s.end)
    )
    reach: Span | None = None  # the span reaching furthest right so far
    for span in ordered:
        if reach is not None and reach.overlaps(span):
            problems.append(
                f"span [{reach.start}, {reach.end}) {reach.label} overlaps "
                f"span [{span.start}, {span.end}) {span.label}"
            )
        if reach is None or span.end > reach.end:
            reach = span
    return problems


def document_to_json(doc: Document, *, with_text: bool = True) -> dict[str, Any]:
    """Serialise a document in the annotation format, optionally filling each span's text."""
    spans = [
        {"start": s.start, "end": s.end, "label": s.label}
        | ({"text": doc.text[s.start : s.end]} if with_text else {})
        for s in doc.spans
    ]
    meta = doc.meta.model_dump(mode="json", exclude_none=True)
    return {"id": doc.id, "text": doc.text, "spans": spans, "meta": meta}


# The event schema lives in its own module (issue 4); re-exported here so that ``model.types``
# stays the one place to import the typed core from.
from model.event_types import (  # noqa: E402, F401
    Actor,
    Casualty,
    Event,
    EventDate,
    Location,
    Sentence,
    Trigger,
)
