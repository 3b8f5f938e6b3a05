"""What bounds a request: two ASGI middlewares (body size, 413; time, 504) and the one size
check of the articles of ``/extract``, ``/extract/batch`` and ``/suggest`` (413).

All answer with the service's error shape, ``{"detail": "...", "request_id": "..."}``, and
name the setting that sets the limit. The middlewares are plain ASGI (no
``BaseHTTPMiddleware``) so they neither buffer bodies nor interfere with streaming responses.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import anyio
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from model.types import Article
from service.http.errors import error_response, request_id
from service.settings import Settings

log = logging.getLogger(__name__)


def check_article_sizes(articles: Sequence[Article], settings: Settings) -> None:
    """Refuse with 413 an article longer than ``max_text_chars``, then articles longer than
    ``max_request_chars`` in all; the message names the article (its number in a list of
    several, its id when it has one) and the setting.

    >>> try:
    ...     check_article_sizes([Article(text="abc")], Settings(max_text_chars=2))
    ... except HTTPException as exc:
    ...     print(exc.status_code, exc.detail)
    413 article has 3 characters; the limit is 2 (CONFLICT_IE_MAX_TEXT_CHARS)
    """
    for number, article in enumerate(articles, start=1):
        if len(article.text) > settings.max_text_chars:
            where = "article" if len(articles) == 1 else f"article {number}"
            if article.id is not None:
                where += f" {article.id!r}" if len(articles) == 1 else f" ({article.id!r})"
            raise HTTPException(
                status_code=413,
                detail=f"{where} has {len(article.text)} characters; the limit is "
                f"{settings.max_text_chars} (CONFLICT_IE_MAX_TEXT_CHARS)",
            )
    total = sum(len(a.text) for a in articles)
    if total > settings.max_request_chars:
        raise HTTPException(
            status_code=413,
            detail=f"the articles have {total} characters in all; the limit is "
            f"{settings.max_request_chars} (CONFLICT_IE_MAX_REQUEST_CHARS)",
        )


class _TooLarge(HTTPException):
    """Raised while reading; an ``HTTPException`` so the framework answers it as such."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(status_code=413, detail=_too_large(max_bytes))


def _too_large(max_bytes: int) -> str:
    return f"request body is larger than {max_bytes} bytes (CONFLICT_IE_MAX_BODY_BYTES)"


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413, before and while reading them."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await error_response(scope, 413, _too_large(self.max_bytes))(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if started:
                raise
            await error_response(scope, 413, _too_large(self.max_bytes))(scope, receive, send)


class RequestTimeout:
    """Answer 504 when a request has not started its response after ``seconds``.

    The timeout cancels the awaiting handler; that sets its inference job's cancel flag, so a
    job not yet run is skipped and a running one stops at its next window batch
    (``service.http.inference``): the CPU is freed, not left to an abandoned prediction.
    """

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        with anyio.move_on_after(self.seconds) as scope_timer:
            await self.app(scope, receive, tracking_send)
        if scope_timer.cancelled_caught and not started:
            log.warning(
                "request %s: %s %s timed out after %ss",
                request_id(scope), scope["method"], scope["path"], self.seconds,
            )
            detail = f"request took longer than {self.seconds:g} s (CONFLICT_IE_REQUEST_TIMEOUT_S)"
            await error_response(scope, 504, detail)(scope, receive, send)
