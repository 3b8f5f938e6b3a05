"""The HTTP service: ``create_app(settings)`` builds it; the lifespan loads the model.

One process holds one model (``service.state.ModelHolder``), one annotation store and one
retrain manager. Routes live in ``service/routes/``; this module wires them, the limits
(body size, request time) and the error handlers, so that bad input of any kind gets a
clear 4xx in one shape, ``{"detail": "...", "problems": [...]}``, never a traceback.

Run it with ``conflict-ie serve`` (one worker: a second would hold a second model and a
second retrain state).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from model.errors import (
    AnnotationError,
    ConflictIEError,
    InputError,
    ModelLoadError,
    error_messages,
)
from model.extractor import Extractor
from model.types import Document
from service.limits import BodySizeLimit, RequestTimeout
from service.retrain import RetrainManager, Toolkit, default_toolkit
from service.routes import annotations, extract, health, retrain, ui
from service.settings import Settings, get_settings
from service.state import ModelHolder
from service.store import AnnotationStore
from training.registry import current_path

log = logging.getLogger(__name__)

DESCRIPTION = """Marks ACTOR, LOCATION, DATE and CASUALTY spans in news articles and assembles
them into conflict events. Write endpoints (annotations, retrain) need
`Authorization: Bearer <CONFLICT_IE_API_TOKEN>`."""


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
        store = AnnotationStore(settings.annotation_store)
        app.state.settings = settings
        app.state.models = holder
        app.state.store = store
        app.state.retrainer = RetrainManager(settings, holder, store, kit)
        app.state.inference_limiter = anyio.CapacityLimiter(settings.inference_threads)
        log.info("annotation store at %s (%d documents)", store.path, store.count())
        yield
        app.state.retrainer.close()

    app = FastAPI(
        title="conflict-ie",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    errors = {
        422: {"model": ErrorBody, "description": "Invalid input; every problem is named."},
        413: {"model": ErrorBody, "description": "Body, article or batch over its limit."},
    }
    for module in (extract, health, annotations, retrain, ui):
        app.include_router(module.router, responses=errors)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(ConflictIEError, _domain_error)
    # Outermost last: the time limit covers everything, the size limit reads the body first.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout_s)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


class ErrorBody(BaseModel):
    """Every error response: a one-line ``detail``, and ``problems`` when there are several."""

    detail: str
    problems: list[str] | None = None


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    """Map the project's exceptions to 4xx/503 (the one place that does)."""
    if isinstance(exc, AnnotationError):
        detail = f"{len(exc.problems)} annotation problem(s)"
        return JSONResponse({"detail": detail, "problems": exc.problems}, status_code=422)
    status = 422 if isinstance(exc, InputError) else 503 if isinstance(exc, ModelLoadError) else 400
    return JSONResponse({"detail": str(exc)}, status_code=status)


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = error_messages(exc.errors())
    detail = f"invalid request: {len(problems)} problem(s): " + "; ".join(problems[:5])
    return JSONResponse({"detail": detail, "problems": problems}, status_code=422)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema, plus ``Document`` (the annotation format ``/annotations`` takes)."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        _, defs = models_json_schema(
            [(Document, "validation")], ref_template="#/components/schemas/{model}"
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in defs.get("$defs", {}).items():
            components.setdefault(name, definition)
        app.openapi_schema = schema
    return app.openapi_schema
