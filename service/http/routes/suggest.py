"""``POST /suggest``: unannotated articles in the order to annotate them, with the reason."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, model_validator

from model.ranking import Suggestion
from model.types import ID_PATTERN, MAX_ID_CHARS, Article
from service.http.bodies import StrictJSONRoute
from service.http.limits import check_article_sizes
from service.http.routes.deps import ModelDep, ReadAccess, SettingsDep

router = APIRouter(tags=["annotations"], dependencies=[ReadAccess], route_class=StrictJSONRoute)


class SuggestArticle(Article):
    """An article to rank: as ``/extract`` takes it, but the id is required (suggestions
    name articles by it)."""

    id: str = Field(
        min_length=1, max_length=MAX_ID_CHARS, pattern=ID_PATTERN,
        description="Your id for the article; suggestions name it.",
    )

    @model_validator(mode="before")
    @classmethod
    def _has_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("id") is None:
            raise ValueError("no id: ranking needs an id on each article")
        return data


class SuggestRequest(BaseModel):
    articles: list[SuggestArticle] = Field(
        min_length=1, description="Unannotated articles, each with an id; at most "
        "CONFLICT_IE_MAX_SUGGEST, each at most CONFLICT_IE_MAX_TEXT_CHARS characters."
    )
    top: int | None = Field(default=None, ge=1, description="Return only the first N.")


class SuggestResult(BaseModel):
    suggestions: list[Suggestion]
    model: str = Field(description="The model that ranked them.")


@router.post(
    "/suggest",
    response_model=SuggestResult,
    responses={503: {"description": "No model is loaded, or the model in service cannot rank "
                     "(it gives no word probabilities)."}},
)
async def suggest(
    body: SuggestRequest, request: Request, loaded: ModelDep, settings: SettingsDep
) -> SuggestResult:
    """Order articles by how much the model would learn from their annotation: the words it
    is least sure of, with near-duplicates of higher-ranked articles pushed down."""
    articles = body.articles
    if len(articles) > settings.max_suggest:
        raise HTTPException(status_code=413, detail=f"{len(articles)} articles; the limit is "
                            f"{settings.max_suggest} (CONFLICT_IE_MAX_SUGGEST)")
    check_article_sizes(articles, settings)
    extractor = loaded.extractor
    if getattr(extractor.predictor, "predict_with_probabilities", None) is None:
        raise HTTPException(status_code=503, detail=f"the model in service ({extractor.version}) "
                            "gives no word probabilities: it cannot rank")
    ranked = await request.app.state.inference.call(
        extractor, lambda: extractor.rank(articles, top=body.top)
    )
    return SuggestResult(suggestions=ranked, model=extractor.version)
