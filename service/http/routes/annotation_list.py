"""The stored annotations at a glance: ``GET /annotation-summaries`` (the newest, without their
texts) and ``GET /annotation-events.csv`` (their events as the ACLED-style table).

Both need the token, as every read of what users sent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from model.events.coded import document_rows
from model.events.table import rows_to_csv
from service.http.routes.deps import StoreDep, TokenAccess
from service.store import AnnotationStore

# Paths of their own: under /annotations/ they would share a path with DELETE /annotations/{id}.
router = APIRouter(tags=["annotations"], dependencies=[TokenAccess])

SUMMARY_MAX = 1000


class AnnotationSummary(BaseModel):
    id: str
    version: int = Field(description="The current version's number.")
    updated_at: dt.datetime = Field(description="When the current version was stored.")
    saved_by: str | None = Field(description="Who stored it (null: before this was kept).")
    spans: int = Field(description="How many spans it holds.")
    events: int | None = Field(description="How many coded events; null: not coded for events.")


class Summaries(BaseModel):
    total: int = Field(description="Documents in the store.")
    annotations: list[AnnotationSummary] = Field(description="The newest first.")


@router.get("/annotation-summaries", response_model=Summaries)
async def annotation_summary(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=SUMMARY_MAX, description="How many, newest first.")]
    = 100,
) -> Summaries:
    """The most recently saved annotations (id, version, who, when, how many spans and
    events), newest first. Needs the bearer token."""
    found = await run_in_threadpool(store.summaries, limit=limit)
    total = await run_in_threadpool(store.count)
    return Summaries(total=total, annotations=[
        AnnotationSummary.model_validate(dataclasses.asdict(s)) for s in found])


def _events_csv(store: AnnotationStore) -> str:
    return rows_to_csv(row for doc in store.documents() for row in document_rows(doc))


@router.get(
    "/annotation-events.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                     "description": "One row per event, ACLED's columns then injured, detained."}},
)
async def annotation_events_csv(store: StoreDep) -> Response:
    """The events of every stored annotation as the ACLED-style CSV: a document's coded
    events where it was coded, else the events its spans make; ``source`` is its id. Needs
    the bearer token."""
    text = await run_in_threadpool(_events_csv, store)
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})
