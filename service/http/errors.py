"""The service's one error shape, request ids, and the handlers that answer every error with it.

Every response carries an ``X-Request-ID`` header: the client's own when it sent a sane token
(letters, digits and ``._:=+/-``, at most 128 characters), else a fresh one. Every error body
is ``{"detail": "...", "problems": [...], "request_id": "..."}`` (``problems`` when there are
several), whether it comes from validation, a domain exception, an ``HTTPException``, a limit
or an unexpected exception: ``RequestContext`` catches the last kind, logs its traceback with
the request id and answers a JSON 500, never a plain-text "Internal Server Error".

A 405 names in ``Allow`` every method the path answers, from all the routes that match it (the
framework names only the first route's). Text that cannot be encoded as UTF-8 (a lone
surrogate a client sent, echoed in a message) is escaped, so an error is always answered.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from fastapi import FastAPI, Request, routing
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from model.errors import (
    AnnotationError,
    ConflictIEError,
    InputError,
    ModelLoadError,
    error_messages,
)
from service.http.redact import redact

log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}")


class ErrorBody(BaseModel):
    """Every error response: a one-line ``detail``, ``problems`` when there are several, and
    the request id (also in the ``X-Request-ID`` header)."""

    detail: str
    problems: list[str] | None = None
    request_id: str = Field(description="This request's id; quote it when reporting a problem.")


class BodyError(ConflictIEError):
    """A request body that cannot be read as text or JSON at all (400)."""


class LimitError(ConflictIEError):
    """A request past one of the service's limits (413); the message names the setting.

    ``problems`` lists every item past a limit when there are several.
    """

    def __init__(self, detail: str, problems: list[str] | None = None) -> None:
        super().__init__(detail)
        self.problems = problems


class MediaTypeError(ConflictIEError):
    """A body of a content type the route does not read (415)."""


def request_id(scope: Scope) -> str:
    """The id ``RequestContext`` gave this request (``"-"`` outside it).

    >>> request_id({"state": {"request_id": "abc"}})
    'abc'
    """
    return str(scope.get("state", {}).get("request_id", "-"))


def sane_request_id(value: str | None) -> str | None:
    """A client-sent request id if it is a sane token, else ``None``.

    >>> sane_request_id("4bf92f35-77b3"), sane_request_id("a b"), sane_request_id(None)
    ('4bf92f35-77b3', None, None)
    """
    return value if value is not None and _SANE_ID.fullmatch(value) else None


def error_response(
    scope: Scope,
    status_code: int,
    detail: str,
    *,
    problems: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The service's error shape, with this request's id, and no server path in its text."""
    settings = getattr(getattr(scope.get("app"), "state", None), "settings", None)
    if settings is not None:
        detail = redact(detail, settings)
        problems = None if problems is None else [redact(p, settings) for p in problems]
    detail = _encodable(detail)
    problems = None if problems is None else [_encodable(p) for p in problems]
    body: dict[str, Any] = {"detail": detail}
    if problems is not None:
        body["problems"] = problems
    body["request_id"] = request_id(scope)
    return JSONResponse(body, status_code=status_code, headers=headers)


def _encodable(text: str) -> str:
    """``text`` with anything UTF-8 cannot encode (lone surrogates) escaped.

    >>> print(_encodable("lone \\ud800, fine \\u00e9"))
    lone \\ud800, fine \u00e9
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def allowed_methods(app: Any, scope: Scope) -> list[str]:
    """Every method some route of ``app`` answers at the path of ``scope``, sorted."""
    contexts = getattr(routing, "iter_route_contexts", None)
    routes = contexts(app.routes) if contexts is not None else app.routes
    methods: set[str] = set()
    for route in routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


class RequestContext:
    """Outermost ASGI middleware: a request id for every request, a JSON 500 for any bug.

    An exception raised after the response has started cannot be answered any more; it is
    logged and re-raised, and the server drops the connection.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope["headers"]).get(REQUEST_ID_HEADER.lower().encode(), b"")
        rid = sane_request_id(sent.decode("latin-1")) or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"x-request-id"]
                message = message | {"headers": [*headers, (b"x-request-id", rid.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("request %s: %s %s failed", rid, scope["method"], scope["path"])
            if started:
                raise
            detail = f"internal error: the service failed on this request (request id {rid})"
            await error_response(scope, 500, detail)(scope, receive, send_with_id)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code in {204, 304}:
        return Response(status_code=exc.status_code, headers=exc.headers)
    headers = exc.headers
    if exc.status_code == 405:
        methods = allowed_methods(request.app, request.scope)
        headers = (headers or {}) | ({"Allow": ", ".join(methods)} if methods else {})
    return error_response(request.scope, exc.status_code, str(exc.detail), headers=headers)


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    """Map the project's exceptions to 4xx/503 (the one place that does)."""
    if isinstance(exc, AnnotationError):
        detail = f"{len(exc.problems)} annotation problem(s)"
        return error_response(request.scope, 422, detail, problems=exc.problems)
    if isinstance(exc, LimitError):
        return error_response(request.scope, 413, str(exc), problems=exc.problems)
    if isinstance(exc, MediaTypeError):
        return error_response(request.scope, 415, str(exc))
    status = (
        422 if isinstance(exc, InputError)
        else 503 if isinstance(exc, ModelLoadError)
        else 400
    )
    return error_response(request.scope, status, str(exc))


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = error_messages(exc.errors())
    detail = f"invalid request: {len(problems)} problem(s): " + "; ".join(problems[:5])
    return error_response(request.scope, 422, detail, problems=problems)


def install_error_handlers(app: FastAPI) -> None:
    """Answer validation errors, domain exceptions and ``HTTPException`` in the one shape."""
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(ConflictIEError, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
