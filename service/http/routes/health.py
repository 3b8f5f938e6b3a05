"""``GET /health`` and ``GET /model``: is a model in service, and which one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from model.labels import LABELS
from service.http.errors import request_id
from service.http.redact import redact, redact_meta
from service.http.routes.deps import HolderDep, ModelDep, ReadAccess, SettingsDep

router = APIRouter(tags=["model"])


class Health(BaseModel):
    status: str
    model: str | None = None
    detail: str | None = None


class Unavailable(Health):
    """``/health`` without a model: why, and the request id as in every error body."""

    request_id: str


class ModelInfo(BaseModel):
    """The model in service, from its ``meta.json`` (server paths left out)."""

    version: str = Field(description="The model directory's name.")
    backend: str | None = Field(description="What runs the network: torch or onnx-int8.")
    labels: list[str]
    metrics: dict[str, Any] | None
    data_sha256: str | None
    loaded_at: dt.datetime
    meta: dict[str, Any] = Field(description="meta.json, with any server path cut to its name.")


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Unavailable, "description": "No model is loaded."}},
)
def health(holder: HolderDep, settings: SettingsDep, request: Request) -> Health | JSONResponse:
    """200 when a model is in service; 503, with the reason, until then."""
    loaded = holder.loaded
    if loaded is None:
        body = Unavailable(status="unavailable", detail=redact(holder.problem, settings),
                           request_id=request_id(request.scope))
        return JSONResponse(body.model_dump(), status_code=503)
    return Health(status="ok", model=loaded.version)


@router.get("/model", response_model=ModelInfo, dependencies=[ReadAccess])
def model_info(loaded: ModelDep, settings: SettingsDep) -> ModelInfo:
    """Version, labels, held-out metrics and training-data hash of the model in service."""
    meta = redact_meta(dict(loaded.extractor.meta), settings)
    return ModelInfo(
        version=loaded.version,
        backend=loaded.extractor.backend,
        labels=list(LABELS),  # loading checked the model's label map against these
        metrics=meta.get("metrics"),
        data_sha256=meta.get("data", {}).get("sha256"),
        loaded_at=loaded.loaded_at,
        meta=meta,
    )
