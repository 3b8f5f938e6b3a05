"""``POST /extract`` and ``POST /extract/batch``: articles in, ``Extraction``s out.

The work is ``model.Extractor.extract_many``; this module only bounds the request (sizes) and
runs it in an inference thread.
"""

from __future__ import annotations

import anyio
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from model.types import Article, Extraction
from service.routes.deps import ModelDep, ReadAccess, SettingsDep
from service.settings import Settings
from service.state import LoadedModel

router = APIRouter(tags=["extract"], dependencies=[ReadAccess])


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


async def _in_worker(
    request: Request, loaded: LoadedModel, articles: list[Article]
) -> list[Extraction]:
    """Extract in an inference thread, on the one model this request read at its start.

    On timeout the request stops waiting (``abandon_on_cancel``); the thread finishes alone.
    """
    limiter = request.app.state.inference_limiter
    return await anyio.to_thread.run_sync(
        loaded.extractor.extract_many, articles, abandon_on_cancel=True, limiter=limiter
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
