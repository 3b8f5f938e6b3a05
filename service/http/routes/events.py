"""``POST /events``: the events of an article's spans, as corrected by a reviewer.

No model runs: the spans come with the request (the review page's, after corrections) and the
events are assembled from them by the same pure function ``POST /extract`` uses
(``model.events.extract_events``). Each event also comes as a coded row of the annotation
format (``GoldEvent``, grounded in the given spans), ready to correct and save with the
annotation.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter, HTTPException
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from model.errors import AnnotationError
from model.events import extract_events
from model.events.coded import gold_event
from model.events.dates import read_publication
from model.types import Article, Event, GoldEvent, Span
from model.types.annotation import span_problems
from service.http.bodies import StrictJSONRoute
from service.http.limits import check_article_sizes
from service.http.routes.deps import ReadAccess, SettingsDep

router = APIRouter(tags=["extract"], dependencies=[ReadAccess], route_class=StrictJSONRoute)


class SpannedArticle(Article):
    """An article with its spans (character offsets, end exclusive, none overlapping)."""

    spans: list[Span] = Field(default=[], description="At most CONFLICT_IE_MAX_ANNOTATION_SPANS.")


class AssembledEvents(BaseModel):
    published: dt.date | None = Field(description="The date relative dates resolve against.")
    published_from: Literal["input", "dateline"] | None = Field(
        description="Where that date came from: given with the article, or a dateline in it.")
    events: list[Event] = Field(description="The events the spans make, as /extract gives them.")
    coded: list[GoldEvent] = Field(
        description="Each event as a coded row of the annotation format, grounded in the "
        "given spans (a field whose words are no span of the right label is left empty)."
    )


@router.post(
    "/events",
    response_model=AssembledEvents,
    responses={
        413: {"description": "Over a limit: characters of the text or spans of the article."},
        422: {"description": "Every problem of the spans (outside the text, overlapping, ...)."},
    },
)
async def assemble_events(article: SpannedArticle, settings: SettingsDep) -> AssembledEvents:
    """Assemble events from the article's spans (no model runs): the event table for
    corrected spans."""
    check_article_sizes([article], settings)
    if len(article.spans) > settings.max_annotation_spans:
        raise HTTPException(status_code=413, detail=f"article has {len(article.spans)} spans; "
                            f"the limit is {settings.max_annotation_spans} "
                            "(CONFLICT_IE_MAX_ANNOTATION_SPANS)")
    problems = span_problems(article.text, article.spans)
    if problems:
        raise AnnotationError(problems)
    publication = read_publication(article.text, article.published)  # the dateline, once
    spans = [s.model_copy(update={"text": None}) for s in article.spans]
    events = await run_in_threadpool(extract_events, article.text, spans, published=publication)
    return AssembledEvents(published=publication.date, published_from=publication.source,
                           events=events,
                           coded=[gold_event(e, spans) for e in events])
