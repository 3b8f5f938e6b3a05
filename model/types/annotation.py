"""The annotation format: ``Span``, ``Document`` and the coded ``GoldEvent`` rows of an article.

The same classes validate annotation files and feed training. Offsets are character offsets
into the article text, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from model.labels import LABELS, Label
from model.taxonomy import taxonomy_problems

EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
LATEST_PUBLISHED = dt.date(2100, 12, 31)
MAX_ID_CHARS = 200
ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"  # no control characters
# Documented only (the ``_not_blank`` validator enforces it and says "text is empty"): a text
# holds at least one character that is not whitespace.
NOT_BLANK_SCHEMA = {"pattern": r"\S"}


def _published(value: Any) -> Any:
    """Accept a date or a string of exactly ``YYYY-MM-DD`` (not a number, not ``20240101``
    or the other ISO forms ``date.fromisoformat`` reads), in a sane range.

    >>> _published("2024-12-02")
    datetime.date(2024, 12, 2)
    >>> _published("20240101")
    Traceback (most recent call last):
    ...
    ValueError: '20240101' is not a date 'YYYY-MM-DD'
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise ValueError("expected a date as 'YYYY-MM-DD'")
    if isinstance(value, str):
        digits = value[:4] + value[5:7] + value[8:]
        exact = len(value) == 10 and value[4] + value[7] == "--"
        try:
            if not (exact and digits.isascii() and digits.isdigit()):
                raise ValueError(value)
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date 'YYYY-MM-DD'") from None
    if not EARLIEST_PUBLISHED <= value <= LATEST_PUBLISHED:
        raise ValueError(
            f"publication date {value.isoformat()} is outside "
            f"{EARLIEST_PUBLISHED.isoformat()}..{LATEST_PUBLISHED.isoformat()}"
        )
    return value


PublishedDate = Annotated[
    dt.date,
    BeforeValidator(_published),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            # exactly YYYY-MM-DD, years 1900 to 2100: the range below, as a pattern
            "pattern": r"^(?:19[0-9]{2}|20[0-9]{2}|2100)-(?:0[1-9]|1[0-2])-"
            r"(?:0[1-9]|[12][0-9]|3[01])$",
            "description": f"YYYY-MM-DD, {EARLIEST_PUBLISHED.isoformat()} to "
            f"{LATEST_PUBLISHED.isoformat()}.",
        }
    ),
]


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("text is empty")
    return text


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
    score: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Predicted spans: the model's probability that this exact span and label "
        "are right (calibrated); absent in gold annotations.",
    )

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
    """Metadata of an article; unknown keys are kept, as far as strict JSON carries them:
    every string and key valid Unicode, every number finite.

    >>> from pydantic import ValidationError
    >>> try:
    ...     DocumentMeta(scores=[0.5, float("nan")])
    ... except ValidationError as exc:
    ...     print(exc.errors()[0]["msg"])
    Value error, scores.1: nan is not a finite number
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    published: PublishedDate | None = Field(
        default=None, description="Publication date, YYYY-MM-DD."
    )
    source: str | None = None
    labels: tuple[Label, ...] | None = Field(
        default=None,
        description="The labels this document is annotated for; absent means all four. "
        "Training keeps the others out of the loss and evaluation out of the scores.",
    )

    def annotated(self) -> tuple[str, ...]:
        """The labels marked in this document (all of them unless ``labels`` says otherwise).

        >>> DocumentMeta(labels=["LOCATION"]).annotated(), len(DocumentMeta().annotated())
        (('LOCATION',), 4)
        """
        return LABELS if self.labels is None else tuple(self.labels)

    @model_validator(mode="after")
    def _strict_json(self) -> DocumentMeta:
        """Refuse what a strict JSON reader of an export would choke on."""
        stack = list({"source": self.source, **(self.model_extra or {})}.items())
        while stack:
            where, value = stack.pop()
            if isinstance(value, float) and (value != value or abs(value) == float("inf")):
                raise ValueError(f"{where}: {value} is not a finite number")
            for text in (where, value) if isinstance(value, str) else (where,):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    shown = where.encode("utf-8", "backslashreplace").decode("utf-8")
                    raise ValueError(f"{shown}: invalid Unicode (lone surrogate) at position "
                                     f"{exc.start}") from None
            if isinstance(value, dict):
                stack += [(f"{where}.{key}", item) for key, item in value.items()]
            elif isinstance(value, list | tuple):
                stack += [(f"{where}.{n}", item) for n, item in enumerate(value)]
        return self

Offsets = tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]]
"""``[start, end]`` of a span of the same article line (end exclusive)."""


class GoldEvent(BaseModel):
    """One coded incident of an article: an ACLED-style row whose fields point at its spans.

    Each grounding field (``date_span``, ``actor1``, ``actor2``, ``location``,
    ``casualty_spans``) holds the offsets of a span of the same line with the matching label;
    ``Document`` checks that they do. Coding rules: ``annotations/GUIDELINES.md``, "Events".
    Rows of a silver document (``meta.silver``) may leave the type and every grounding out.

    >>> GoldEvent(event_type="Battles", sub_event_type="Armed clash", date="2022-05-01",
    ...           time_precision=1, fatalities=3, casualty_spans=[(0, 7)]).fatalities
    3
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_type: str | None = Field(description="ACLED event type (model/taxonomy.py).")
    sub_event_type: str | None = Field(description="ACLED sub-event type of that type.")
    date: dt.date | None = Field(description="First day of the incident.")
    date_end: dt.date | None = Field(default=None, description="Last day, for a range.")
    time_precision: Literal[1, 2, 3] | None = Field(
        default=None, description="ACLED time precision: 1 day, 2 week, 3 month or coarser."
    )
    date_span: Offsets | None = Field(
        default=None, description="DATE span the date comes from; null: the publication date."
    )
    actor1: Offsets | None = Field(default=None, description="ACTOR span of who acted.")
    actor2: Offsets | None = Field(default=None, description="ACTOR span of the other side.")
    location: Offsets | None = Field(default=None, description="LOCATION span of the place.")
    country: str | None = Field(default=None, description="Country where it happened.")
    admin1: str | None = Field(default=None, description="First-level division (GeoNames).")
    geo_precision: Literal[1, 2, 3] | None = Field(
        default=None, description="ACLED geo precision: 1 town, 2 near/part, 3 region."
    )
    fatalities: int = Field(default=0, ge=0, description="People killed (conservative).")
    injured: int = Field(default=0, ge=0, description="People injured.")
    detained: int = Field(default=0, ge=0, description="People detained, arrested, abducted.")
    casualty_spans: tuple[Offsets, ...] = Field(
        default=(), description="CASUALTY spans the three counts were read from."
    )
    note: str | None = Field(default=None, description="A coder's remark.")


def event_problems(
    text: str, spans: tuple[Span, ...], events: tuple[GoldEvent, ...], *, silver: bool = False
) -> list[str]:
    """Every problem of gold event rows against their article (empty when all is clean).

    >>> text = "Rebels shelled Kabul, killing 4 people."
    >>> spans = (Span(start=0, end=6, label="ACTOR"), Span(start=15, end=20, label="LOCATION"),
    ...          Span(start=30, end=38, label="CASUALTY"))
    >>> row = dict(event_type="Explosions/Remote violence", date="2022-01-01", time_precision=1,
    ...            sub_event_type="Shelling/artillery/missile attack", actor1=(0, 6))
    >>> event_problems(text, spans, (GoldEvent(**row, location=(15, 20), fatalities=4),))
    ['event 1: fatalities 4 with no casualty_spans']
    >>> event_problems(text, spans, (GoldEvent(**row, location=(0, 6)),))
    ["event 1: location [0, 6) 'Rebels' is not a LOCATION span of the article"]
    """
    labelled = {(s.start, s.end): s.label for s in spans}
    problems: list[str] = []
    for number, event in enumerate(events, start=1):
        where = f"event {number}"
        if event.event_type is not None or not silver:
            problems += [f"{where}: {p}" for p in taxonomy_problems(
                event.event_type, event.sub_event_type)]
        if not silver:
            if event.sub_event_type is None:
                problems.append(f"{where}: sub_event_type is missing")
            if event.date is None or event.time_precision is None:
                problems.append(f"{where}: date and time_precision are required")
        if event.date_end is not None and (event.date is None or event.date_end < event.date):
            problems.append(f"{where}: date_end {event.date_end} is before date {event.date}")
        refs = [("date_span", event.date_span, "DATE"), ("actor1", event.actor1, "ACTOR"),
                ("actor2", event.actor2, "ACTOR"), ("location", event.location, "LOCATION"),
                *(("casualty_spans", ref, "CASUALTY") for ref in event.casualty_spans)]
        for name, ref, label in refs:
            if ref is None:
                continue
            start, end = ref
            if not start < end <= len(text):
                problems.append(f"{where}: {name} [{start}, {end}) is not inside the text")
            elif labelled.get((start, end)) != label:
                problems.append(f"{where}: {name} [{start}, {end}) {text[start:end]!r} is not a "
                                f"{label} span of the article")
        counted = [k for k in ("fatalities", "injured", "detained") if getattr(event, k)]
        if counted and not event.casualty_spans and not silver:
            problems.append(f"{where}: {' and '.join(f'{k} {getattr(event, k)}' for k in counted)}"
                            " with no casualty_spans")
    return problems


class Document(BaseModel):
    """An article with its gold or predicted spans.

    Validation collects every span problem before failing, so a user sees all of them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=MAX_ID_CHARS, pattern=ID_PATTERN)
    text: str = Field(min_length=1, json_schema_extra=NOT_BLANK_SCHEMA)
    spans: tuple[Span, ...] = ()
    meta: DocumentMeta = DocumentMeta()
    events: tuple[GoldEvent, ...] | None = Field(
        default=None,
        description="Coded incidents (annotations/GUIDELINES.md, 'Events'); [] means none "
        "happened; absent means not coded for events.",
    )

    @field_validator("text")
    @classmethod
    def _text_readable(cls, text: str) -> str:
        return _encodable(_not_blank(text))

    @field_validator("id")
    @classmethod
    def _id_encodable(cls, value: str) -> str:
        return _encodable(value)

    @model_validator(mode="after")
    def _check_spans(self) -> Document:
        problems = span_problems(self.text, self.spans)
        if self.events is not None:
            silver = bool(getattr(self.meta, "silver", False))
            problems += event_problems(self.text, self.spans, self.events, silver=silver)
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


def document_to_json(
    doc: Document, *, with_text: bool = True, with_scores: bool = False
) -> dict[str, Any]:
    """Serialise a document in the annotation format, optionally filling each span's text.

    ``with_scores``: also each span's ``score``, where it has one (predicted spans).

    >>> doc = Document(id="d", text="in Aleppo",
    ...                spans=[Span(start=3, end=9, label="LOCATION", score=0.91)])
    >>> document_to_json(doc, with_scores=True)["spans"]
    [{'start': 3, 'end': 9, 'label': 'LOCATION', 'text': 'Aleppo', 'score': 0.91}]
    >>> "score" in document_to_json(doc)["spans"][0]
    False
    """
    spans = [
        {"start": s.start, "end": s.end, "label": s.label}
        | ({"text": doc.text[s.start : s.end]} if with_text else {})
        | ({"score": s.score} if with_scores and s.score is not None else {})
        for s in doc.spans
    ]
    meta = doc.meta.model_dump(mode="json", exclude_none=True)
    out = {"id": doc.id, "text": doc.text, "spans": spans, "meta": meta}
    if doc.events is not None:
        out["events"] = [event.model_dump(mode="json", exclude_defaults=True,
                                          exclude={"note"} if event.note is None else None)
                         | {"event_type": event.event_type,
                            "sub_event_type": event.sub_event_type, "date": _iso(event.date)}
                         for event in doc.events]
    return out


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"invalid Unicode (lone surrogate) at position {exc.start}") from None
    return value
