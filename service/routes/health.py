"""``GET /health`` and ``GET /model``: is a model in service, and which one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from model.labels import LABELS
from service.routes.deps import HolderDep, ModelDep, ReadAccess

router = APIRouter(tags=["model"])


class Health(BaseModel):
    status: str
    model: str | None = None
    detail: str | None = None


class ModelInfo(BaseModel):
    """The model in service, from its ``meta.json``."""

    version: str
    labels: list[str]
    metrics: dict[str, Any] | None
    data_sha256: str | None
    path: str | None
    loaded_at: dt.datetime
    meta: dict[str, Any]


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "No model is loaded."}},
)
def health(holder: HolderDep) -> Health | JSONResponse:
    """200 when a model is in service; 503, with the reason, until then."""
    loaded = holder.loaded
    if loaded is None:
        body = Health(status="unavailable", detail=holder.problem)
        return JSONResponse(body.model_dump(), status_code=503)
    return Health(status="ok", model=loaded.version)


@router.get("/model", response_model=ModelInfo, dependencies=[ReadAccess])
def model_info(loaded: ModelDep) -> ModelInfo:
    """Version, labels, held-out metrics and training-data hash of the model in service."""
    meta = dict(loaded.extractor.meta)
    return ModelInfo(
        version=loaded.version,
        labels=list(LABELS),  # loading checked the model's label map against these
        metrics=meta.get("metrics"),
        data_sha256=meta.get("data", {}).get("sha256"),
        path=str(loaded.path) if loaded.path else None,
        loaded_at=loaded.loaded_at,
        meta=meta,
    )
