"""``POST /extract`` and ``POST /extract/batch``: articles in, spans and events out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import anyio
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from model.events import extract_events
from model.types import Event, Span
from service.routes.deps import ModelDep, ReadAccess, SettingsDep
from service.settings import Settings
from service.state import LoadedModel, TaggerLike

EXAMPLE = "Russian warplanes struck Aleppo on Sunday, killing at least 7 civilians."

router = APIRouter(tags=["extract"], dependencies=[ReadAccess])


class Article(BaseModel):
    """One news article to read."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        description="The article, plain text.",
        examples=[EXAMPLE],
    )
    published: dt.date | None = Field(
        default=None, description="Publication date (YYYY-MM-DD); anchors relative dates."
    )
    id: str | None = Field(default=None, description="Your id for the article, echoed back.")

    @field_validator("text")
    @classmethod
    def _readable(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("text is empty")
        return _encodable(text)

    @field_validator("id")
    @classmethod
    def _id_encodable(cls, value: str | None) -> str | None:
        return None if value is None else _encodable(value)


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"invalid Unicode (lone surrogate) at position {exc.start}") from None
    return value


class ModelRef(BaseModel):
    version: str


class Extraction(BaseModel):
    """What the model found in one article."""

    id: str | None
    events: list[Event]
    spans: list[Span]
    model: ModelRef


class Batch(BaseModel):
    articles: list[Article] = Field(min_length=1, description="At most CONFLICT_IE_MAX_BATCH.")


class BatchResult(BaseModel):
    results: list[Extraction]


def _check_size(articles: list[Article], settings: Settings) -> None:
    for number, article in enumerate(articles, start=1):
        if len(article.text) > settings.max_text_chars:
            where = f"article {number}" if len(articles) > 1 else "article"
            raise HTTPException(
                status_code=413,
                detail=f"{where} has {len(article.text)} characters; the limit is "
                f"{settings.max_text_chars} (CONFLICT_IE_MAX_TEXT_CHARS)",
            )


def extract_many(tagger: TaggerLike, articles: Sequence[Article]) -> list[Extraction]:
    """Tag articles (windows batched together) and assemble each one's events.

    CPU-bound: call it from a worker thread.
    """
    found = tagger.predict_many([article.text for article in articles])
    version = ModelRef(version=tagger.version)
    return [
        Extraction(
            id=article.id,
            events=extract_events(article.text, spans, published=article.published),
            spans=spans,
            model=version,
        )
        for article, spans in zip(articles, found, strict=True)
    ]


def warm_up(tagger: TaggerLike) -> None:
    """Run one extraction so lazy resources (gazetteer, date parser) load before traffic."""
    extract_many(tagger, [Article(text=EXAMPLE, published=dt.date(2024, 12, 1))])


async def _in_worker(
    request: Request, loaded: LoadedModel, articles: list[Article]
) -> list[Extraction]:
    """Extract in an inference thread, on the one model this request read at its start.

    On timeout the request stops waiting (``abandon_on_cancel``); the thread finishes alone.
    """
    limiter = request.app.state.inference_limiter
    return await anyio.to_thread.run_sync(
        extract_many, loaded.tagger, articles, abandon_on_cancel=True, limiter=limiter
    )


@router.post("/extract", response_model=Extraction)
async def extract(
    article: Article, request: Request, loaded: ModelDep, settings: SettingsDep
) -> Extraction:
    """Tag one article and return its spans and the events assembled from them."""
    _check_size([article], settings)
    (result,) = await _in_worker(request, loaded, [article])
    return result


@router.post("/extract/batch", response_model=BatchResult)
async def extract_batch(
    batch: Batch, request: Request, loaded: ModelDep, settings: SettingsDep
) -> BatchResult:
    """Tag up to CONFLICT_IE_MAX_BATCH articles with one model; results keep their order."""
    if len(batch.articles) > settings.max_batch:
        raise HTTPException(
            status_code=413,
            detail=f"batch has {len(batch.articles)} articles; the limit is "
            f"{settings.max_batch} (CONFLICT_IE_MAX_BATCH)",
        )
    _check_size(batch.articles, settings)
    return BatchResult(results=await _in_worker(request, loaded, batch.articles))
