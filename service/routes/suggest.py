"""``POST /suggest``: unannotated articles in the order to annotate them, with the reason."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from model.ranking import Suggestion
from model.types import Article
from service.routes.deps import ModelDep, ReadAccess, SettingsDep

router = APIRouter(tags=["annotations"], dependencies=[ReadAccess])


class SuggestRequest(BaseModel):
    articles: list[Article] = Field(
        min_length=1, description="Unannotated articles, each with an id; at most "
        "CONFLICT_IE_MAX_SUGGEST."
    )
    top: int | None = Field(default=None, ge=1, description="Return only the first N.")


class SuggestResult(BaseModel):
    suggestions: list[Suggestion]
    model: str = Field(description="The model that ranked them.")


@router.post("/suggest", response_model=SuggestResult)
async def suggest(
    body: SuggestRequest, request: Request, loaded: ModelDep, settings: SettingsDep
) -> SuggestResult:
    """Order articles by how much the model would learn from their annotation: the words it
    is least sure of, with near-duplicates of higher-ranked articles pushed down."""
    articles = body.articles
    if len(articles) > settings.max_suggest:
        raise HTTPException(status_code=413, detail=f"{len(articles)} articles; the limit is "
                            f"{settings.max_suggest} (CONFLICT_IE_MAX_SUGGEST)")
    total = sum(len(a.text) for a in articles)
    if total > settings.max_request_chars:
        raise HTTPException(status_code=413, detail=f"the articles have {total} characters; "
                            f"the limit is {settings.max_request_chars} "
                            "(CONFLICT_IE_MAX_REQUEST_CHARS)")
    extractor = loaded.extractor
    ranked = await request.app.state.inference.call(
        extractor, lambda: extractor.rank(articles, top=body.top)
    )
    return SuggestResult(suggestions=ranked, model=extractor.version)
