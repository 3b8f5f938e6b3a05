"""uvicorn for the service: connection limits and timeouts, all from ``Settings``.

What uvicorn offers is set explicitly (``server_config``):

- ``timeout_keep_alive`` (``CONFLICT_IE_KEEP_ALIVE_S``): an idle keep-alive connection is
  closed this long after its last response.
- ``limit_concurrency`` (``CONFLICT_IE_MAX_CONNECTIONS``): with this many connections open or
  requests running, uvicorn answers new requests 503 (plain text, before the application).
- ``backlog`` (``CONFLICT_IE_BACKLOG``): connections the kernel queues before they are accepted.
- ``h11_max_incomplete_event_size`` (``CONFLICT_IE_MAX_HEADER_BYTES``): a longer request head
  gets uvicorn's plain-text 400 and the connection is closed, but only while the head is
  incomplete: h11 checks its buffer only when it waits for more, so a longer head that arrives
  whole (one packet, or the last packet completing it) would be read. ``HeaderDeadlineProtocol``
  measures every head before h11 parses it, and answers a longer one the same way.
- ``timeout_graceful_shutdown`` (``CONFLICT_IE_GRACEFUL_SHUTDOWN_S``): on shutdown, requests
  still running after this long are cancelled.

What uvicorn does not offer: its keep-alive timer starts only after a response, and every byte
received cancels it, so a connection that sends nothing, or a request head one byte at a time,
is never closed (slowloris). ``HeaderDeadlineProtocol`` adds that deadline
(``CONFLICT_IE_HEADER_TIMEOUT_S``): from the moment a connection opens, and again after each
response, a complete request head must arrive within the deadline or the connection is closed.
A request body that trickles in is bounded by the application's ``CONFLICT_IE_REQUEST_TIMEOUT_S``
(504), which covers reading the body.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, ClassVar

import h11
import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from service.settings import Settings

log = logging.getLogger(__name__)


_HEAD_END = re.compile(rb"\n\r?\n")  # where h11 ends a request head
_TOO_LARGE = (
    b"HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: 23\r\n\r\nRequest head too large."
)


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline for receiving each complete request head and a
    size limit that holds however the head arrives."""

    header_timeout: ClassVar[float] = 10.0
    max_head_bytes: ClassVar[int] = 16_384

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle:  # a whole request head arrived: the request is on its way
            self._disarm()

    def handle_events(self) -> None:
        if self.conn.their_state is h11.IDLE and self._head_too_large():
            log.info("closing %s: request head over %d bytes", self.client, self.max_head_bytes)
            self.transport.write(_TOO_LARGE)
            self.transport.close()
            return
        super().handle_events()

    def _head_too_large(self) -> bool:
        """Whether the request head waiting in h11's buffer is (or will be) over the limit."""
        buffered, _ = self.conn.trailing_data
        start = len(buffered) - len(buffered.lstrip(b"\r\n"))  # blank lines before it
        if len(buffered) - start <= self.max_head_bytes:
            return False  # within the limit, whole or not (h11 bounds what is incomplete)
        return _HEAD_END.search(buffered, start, start + self.max_head_bytes) is None

    def on_response_complete(self) -> None:
        cycle = self.cycle
        super().on_response_complete()
        if self.cycle is cycle and not self.transport.is_closing():  # no pipelined request
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request is being answered
        if not self.transport.is_closing():
            log.debug("closing %s: no complete request head in %ss", self.client,
                      self.header_timeout)
            self.transport.close()


def deadline_protocol(
    seconds: float, *, max_head_bytes: int = 16_384
) -> type[HeaderDeadlineProtocol]:
    """``HeaderDeadlineProtocol`` with a deadline of ``seconds`` and heads of at most
    ``max_head_bytes``."""
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,),
                {"header_timeout": seconds, "max_head_bytes": max_head_bytes})


def server_config(app: ASGIApp, settings: Settings, **overrides: Any) -> uvicorn.Config:
    """The uvicorn configuration ``conflict-ie serve`` runs: one worker, every limit set.

    ``overrides`` go to ``uvicorn.Config`` as they are (tests: ``log_config=None``).
    """
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "workers": 1,
        "http": deadline_protocol(settings.header_timeout_s,
                                  max_head_bytes=settings.max_header_bytes),
        "ws": "none",  # the service has no WebSocket endpoint
        "lifespan": "on",
        "timeout_keep_alive": settings.keep_alive_s,
        "limit_concurrency": settings.max_connections,
        "backlog": settings.backlog,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
        "timeout_graceful_shutdown": settings.graceful_shutdown_s,
    }
    return uvicorn.Config(app, **(options | overrides))
