"""``POST /extract`` and ``POST /extract/batch``: articles in, ``Extraction``s out.

The work is ``model.Extractor.extract_many`` on the service's inference thread
(``service.http.inference``, which batches concurrent requests); this module only bounds the
request (sizes, ``min_score``) and hands it over.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from model.types import Article, Extraction
from service.http.bodies import StrictJSONRoute
from service.http.limits import check_article_sizes
from service.http.routes.deps import ModelDep, ReadAccess, SettingsDep
from service.state import LoadedModel

router = APIRouter(tags=["extract"], dependencies=[ReadAccess], route_class=StrictJSONRoute)

MinScore = Annotated[
    float | None,
    Query(
        ge=0.0,
        le=1.0,
        description="Drop spans the model scores below this (spans without a score are kept) "
        "before events are assembled, then events whose confidence is below it. Default: "
        "CONFLICT_IE_MIN_SCORE (unset: keep everything); 0 keeps everything.",
    ),
]


class Batch(BaseModel):
    articles: list[Article] = Field(min_length=1, description="At most CONFLICT_IE_MAX_BATCH.")


class BatchResult(BaseModel):
    results: list[Extraction]


async def _in_worker(
    request: Request, loaded: LoadedModel, articles: list[Article], min_score: float | None
) -> list[Extraction]:
    """Extract on the inference thread, with the one model this request read at its start.

    On timeout the request's job is cancelled: skipped if not started, stopped at the next
    window batch if nothing else in its batch still waits.
    """
    return await request.app.state.inference.run(loaded.extractor, articles, min_score=min_score)


@router.post("/extract", response_model=Extraction)
async def extract(
    article: Article,
    request: Request,
    loaded: ModelDep,
    settings: SettingsDep,
    min_score: MinScore = None,
) -> Extraction:
    """Tag one article and return its spans and the events assembled from them."""
    check_article_sizes([article], settings)
    (result,) = await _in_worker(request, loaded, [article], min_score)
    return result


@router.post("/extract/batch", response_model=BatchResult)
async def extract_batch(
    batch: Batch,
    request: Request,
    loaded: ModelDep,
    settings: SettingsDep,
    min_score: MinScore = None,
) -> BatchResult:
    """Tag up to CONFLICT_IE_MAX_BATCH articles with one model; results keep their order."""
    if len(batch.articles) > settings.max_batch:
        raise HTTPException(
            status_code=413,
            detail=f"batch has {len(batch.articles)} articles; the limit is "
            f"{settings.max_batch} (CONFLICT_IE_MAX_BATCH)",
        )
    check_article_sizes(batch.articles, settings)
    return BatchResult(results=await _in_worker(request, loaded, batch.articles, min_score))
