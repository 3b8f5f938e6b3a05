"""One article in, its extraction out: the input and output of ``Extractor.extract``.

``POST /extract`` takes an ``Article`` and answers with an ``Extraction``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
)

from model.types.annotation import (
    ID_PATTERN,
    MAX_ID_CHARS,
    NOT_BLANK_SCHEMA,
    PublishedDate,
    Span,
    _encodable,
    _not_blank,
)
from model.types.events import _FROZEN, Event


class Article(BaseModel):
    """One news article to read: the input of ``Extractor.extract`` and of ``POST /extract``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(
        min_length=1, description="The article, plain text.", json_schema_extra=NOT_BLANK_SCHEMA
    )
    published: PublishedDate | None = Field(
        default=None,
        description="Publication date; anchors relative dates. Default: a dateline in the text.",
    )
    id: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_ID_CHARS,
        pattern=ID_PATTERN,
        description="Your id for the article, echoed back.",
    )

    @field_validator("text")
    @classmethod
    def _readable(cls, text: str) -> str:
        return _encodable(_not_blank(text))

    @field_validator("id")
    @classmethod
    def _id_encodable(cls, value: str | None) -> str | None:
        return None if value is None else _encodable(value)


class ModelRef(BaseModel):
    """Which model produced an extraction."""

    model_config = _FROZEN

    version: str = Field(description="The model directory's name.")


class Extraction(BaseModel):
    """What the model found in one article: its spans and the events assembled from them."""

    model_config = _FROZEN

    id: str | None = Field(description="The article's id, when one was given.")
    published: dt.date | None = Field(
        description="The publication date relative dates were resolved against; null if none."
    )
    published_from: Literal["input", "dateline"] | None = Field(
        description="Where that date came from: given with the article, or a dateline in it."
    )
    spans: tuple[Span, ...] = Field(description="Predicted spans, by offset, text filled.")
    events: tuple[Event, ...] = Field(description="Events assembled from the spans.")
    model: ModelRef
