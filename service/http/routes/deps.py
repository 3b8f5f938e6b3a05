"""Dependencies shared by the routes, declared once with ``Annotated``.

Heavy objects live on ``app.state`` (set up in the lifespan); these functions hand them to
endpoints, so tests can swap any of them with ``app.dependency_overrides``. Those the
extraction routes use are ``async def``: they only read ``app.state``, and FastAPI would run a
plain ``def`` on a worker thread, a hop per dependency (together about 1 ms of each request).
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.http.auth_limit import FailedAuthLimiter
from service.retrain.manager import RetrainManager
from service.settings import Settings
from service.state import LoadedModel, ModelHolder
from service.store import AnnotationStore


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_holder(request: Request) -> ModelHolder:
    return request.app.state.models


async def get_store(request: Request) -> AnnotationStore:
    return request.app.state.store


async def get_retrainer(request: Request) -> RetrainManager:
    return request.app.state.retrainer


SettingsDep = Annotated[Settings, Depends(get_settings)]
HolderDep = Annotated[ModelHolder, Depends(get_holder)]
StoreDep = Annotated[AnnotationStore, Depends(get_store)]
RetrainerDep = Annotated[RetrainManager, Depends(get_retrainer)]


async def current_model(holder: HolderDep) -> LoadedModel:
    """The model for this whole request, read once (503 while there is none; the error
    handler cuts server paths out of the reason)."""
    loaded = holder.loaded
    if loaded is None:
        raise HTTPException(status_code=503, detail=holder.problem)
    return loaded


ModelDep = Annotated[LoadedModel, Depends(current_model)]

_bearer = HTTPBearer(
    auto_error=False,
    description="The token set in CONFLICT_IE_API_TOKEN: writes, GET /annotations, and every "
    "read but /health and /docs when CONFLICT_IE_PROTECT_READS=true.",
)


def require_token(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let a request through only with the configured bearer token.

    A client address that sent too many wrong tokens lately gets 429 with ``Retry-After``
    (``service.http.auth_limit``), whatever it sends now.
    """
    if settings.api_token is None:
        raise HTTPException(
            status_code=403,
            detail="endpoints that need the API token are disabled: no token is configured "
            "(set CONFLICT_IE_API_TOKEN and restart the service)",
        )
    limiter: FailedAuthLimiter = request.app.state.auth_limiter
    address = request.client.host if request.client is not None else "-"
    wait = limiter.retry_after(address)
    if wait is not None:
        raise HTTPException(
            status_code=429,
            detail=f"too many wrong tokens from this address: try again in {wait} s "
            "(CONFLICT_IE_AUTH_MAX_FAILURES, CONFLICT_IE_AUTH_FAILURE_WINDOW_S)",
            headers={"Retry-After": str(wait)},
        )
    if credentials is None:
        raise HTTPException(
            status_code=401,
            detail="missing bearer token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    expected = settings.api_token.get_secret_value().encode()
    if not secrets.compare_digest(credentials.credentials.encode(), expected):
        limiter.failed(address)
        raise HTTPException(status_code=403, detail="invalid bearer token")
    limiter.succeeded(address)


TokenAccess = Depends(require_token)
"""Always needs the token: every write, and reading the stored annotations (what users sent,
full article texts: the token that writes them reads them)."""
WriteAccess = TokenAccess


async def require_read_access(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Reads of derived data (extraction, model, retrain reports) are open unless
    CONFLICT_IE_PROTECT_READS asks for the token there too."""
    if settings.protect_reads:
        require_token(request, settings, credentials)


ReadAccess = Depends(require_read_access)
