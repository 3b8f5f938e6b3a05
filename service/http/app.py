"""The HTTP service: ``create_app(settings)`` builds it; the lifespan loads the model.

One process holds one model (``service.state.ModelHolder``), one annotation store and one
retrain manager. Routes live in ``service/http/routes/``; this module wires them, the limits
(body size, JSON depth, request time), the request id and the error handlers
(``service.http.errors``), so that bad input of any kind gets a clear 4xx and a bug a 500, both in
one shape, ``{"detail": "...", "problems": [...], "request_id": "..."}``, never a traceback.

Run it with ``conflict-ie serve`` (one worker: a second would hold a second model and a
second retrain state; connection limits and timeouts in ``service.http.server``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI

from model.extractor import Extractor
from service.http.auth_limit import FailedAuthLimiter
from service.http.bodies import JsonBodyGuard
from service.http.errors import ErrorBody, RequestContext, install_error_handlers
from service.http.inference import InferenceWorker
from service.http.limits import BodySizeLimit, RequestTimeout
from service.http.openapi import build_openapi
from service.http.paths import EncodedSlashes
from service.http.routes import (
    annotation_history,
    annotation_list,
    annotations,
    events,
    extract,
    health,
    retrain,
    suggest,
    ui,
)
from service.retrain.manager import RetrainManager, Toolkit, default_toolkit
from service.settings import Settings, get_settings
from service.state import ModelHolder
from service.store import AnnotationStore
from training.registry import current_path

__all__ = ["ErrorBody", "create_app"]

log = logging.getLogger(__name__)

DESCRIPTION = """Marks ACTOR, LOCATION, DATE and CASUALTY spans in news articles and assembles
them into conflict events.

Operations with a security requirement need `Authorization: Bearer <CONFLICT_IE_API_TOKEN>`
(401 without it, 403 with a wrong one or when the server has no token configured). Every
response carries an `X-Request-ID` header; every error body is
`{"detail", "problems"?, "request_id"}`. Before the application, the server itself may answer
any request with a plain-text 400 (malformed request head, or one over
CONFLICT_IE_MAX_HEADER_BYTES) or 503 (over CONFLICT_IE_MAX_CONNECTIONS), and closes
connections that send no complete request head within CONFLICT_IE_HEADER_TIMEOUT_S."""


def create_app(
    settings: Settings | None = None,
    *,
    extractor: Extractor | None = None,
    toolkit: Toolkit | None = None,
) -> FastAPI:
    """Build the service.

    Args:
        settings: defaults to the environment's (``CONFLICT_IE_*``).
        extractor: serve this extractor instead of loading ``<models_dir>/current`` (tests).
        toolkit: the train/load/evaluate functions retraining uses (tests pass tiny ones).
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        kit = toolkit or default_toolkit(settings)
        holder = ModelHolder()
        if extractor is not None:
            holder.swap(extractor)
        else:
            current = current_path(settings.models_dir)
            await anyio.to_thread.run_sync(holder.load, current, kit.load)
            if holder.loaded is not None:  # load gazetteer, date parser... before traffic
                await anyio.to_thread.run_sync(holder.loaded.extractor.warm_up)
        store = AnnotationStore(settings.annotation_store,
                                max_documents=settings.max_store_documents,
                                keep_versions=settings.annotation_versions)
        app.state.settings = settings
        app.state.models = holder
        app.state.store = store
        app.state.retrainer = RetrainManager(settings, holder, store, kit)
        worker = InferenceWorker(wait_ms=settings.batch_wait_ms,
                                 max_chars=settings.batch_gather_chars)
        worker.start()
        app.state.inference = worker
        log.info("annotation store at %s (%d documents)", store.path, store.count())
        yield
        worker.close()
        app.state.retrainer.close()

    app = FastAPI(
        title="conflict-ie",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.auth_limiter = FailedAuthLimiter(
        max_failures=settings.auth_max_failures, window_s=settings.auth_failure_window_s
    )
    for module in (extract, events, suggest, health, annotations, annotation_list,
                   annotation_history, retrain, ui):
        app.include_router(module.router)
    install_error_handlers(app)
    # Outermost last: the request id and the catch-all wrap everything, the time limit covers
    # the rest, the size limit bounds what the JSON check reads.
    app.add_middleware(JsonBodyGuard, max_depth=settings.max_json_depth)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout_s)
    app.add_middleware(EncodedSlashes, prefixes=("/annotations/",))
    app.add_middleware(RequestContext)
    app.openapi = lambda: _openapi(app, settings)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI, settings: Settings) -> dict[str, Any]:
    if app.openapi_schema is None:
        app.openapi_schema = build_openapi(app, settings)
    return app.openapi_schema
