"""``GET /ui``: the review page (one static HTML page, its script and style sheet).

The page calls the API itself from the browser (``/extract``, ``/suggest``, ``/events``,
``/annotations`` and its versions, summary and export, ``/retrain``), with the write token the
user types (kept in ``sessionStorage``, never in the page). Nothing
is built: the files under ``service/http/static/`` (the HTML page, its ES modules and its style
sheet) are served as they are, with a content security policy that lets them load nothing but
themselves.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse
from pydantic import BaseModel

from model.labels import LABEL_COLORS, LABELS
from model.taxonomy import SUB_EVENT_TYPES

STATIC = Path(__file__).resolve().parent.parent / "static"
SCRIPTS = ("review.js", "api.js", "render.js", "text.js", "events.js", "work.js", "queue.js")
ASSETS = {**dict.fromkeys(SCRIPTS, "text/javascript"), "review.css": "text/css"}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; "
    "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(prefix="/ui", tags=["ui"], include_in_schema=False)


class UiConfig(BaseModel):
    """What the page needs to know of the labels (names in order, colours) and of ACLED's
    event taxonomy (sub-event types by event type)."""

    labels: list[str]
    colors: dict[str, str]
    event_types: dict[str, list[str]]


@router.get("")
def review_page() -> FileResponse:
    """The review page: paste, extract, correct the spans, save as an annotation."""
    return FileResponse(STATIC / "review.html", media_type="text/html", headers=HEADERS)


@router.get("/config.json", response_model=UiConfig)
def ui_config() -> UiConfig:
    return UiConfig(labels=list(LABELS), colors=LABEL_COLORS,
                    event_types={k: list(v) for k, v in SUB_EVENT_TYPES.items()})


@router.get("/static/{name}")
def asset(name: str) -> FileResponse:
    """The page's scripts (ES modules) and style sheet (only those: no path reaches another
    file)."""
    if name not in ASSETS:
        raise HTTPException(status_code=404, detail=f"no asset {name!r}")
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=HEADERS)
