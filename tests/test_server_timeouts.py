"""Idle and slow connections against a real ``uvicorn.Server`` on a loopback port.

The server runs in a thread with ``service.http.server.server_config``, as ``conflict-ie serve``
runs it, with short timeouts so the tests take seconds.
"""

from __future__ import annotations

import selectors
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from model.extractor import Extractor
from service.http.app import create_app
from service.http.server import HeaderDeadlineProtocol, server_config

from .fakes import FakeTagger, FixedScoreToolkit, service_settings

HEADER_TIMEOUT = 1.0
PARTIAL_HEAD = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"  # no blank line: never complete


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(tmp_path: Path, *, tagger: FakeTagger | None = None,
                   **overrides: Any) -> Iterator[tuple[str, Any]]:
    """``(base URL, app)`` of the service under uvicorn in a thread; stopped on exit."""
    values = {"header_timeout_s": HEADER_TIMEOUT, "keep_alive_s": 1, "port": _free_port()}
    settings = service_settings(tmp_path, **(values | overrides))
    app = create_app(settings, extractor=Extractor(tagger or FakeTagger()),
                     toolkit=FixedScoreToolkit(settings.models_dir).toolkit())
    server = uvicorn.Server(server_config(app, settings, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{settings.port}", app
    finally:
        server.should_exit = True
        thread.join(10)


def _open(port: int, count: int, stack: ExitStack, first: bytes = b"") -> list[socket.socket]:
    sockets = []
    for _ in range(count):
        sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
        if first:
            sock.sendall(first)
        sockets.append(sock)
    return sockets


def _wait_closed(sockets: list[socket.socket], within: float) -> dict[socket.socket, float]:
    """When each socket was closed by the server (seconds from now); unclosed ones missing."""
    started = time.monotonic()
    closed: dict[socket.socket, float] = {}
    with selectors.DefaultSelector() as selector:
        for sock in sockets:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        while len(closed) < len(sockets) and time.monotonic() - started < within:
            for key, _ in selector.select(timeout=0.1):
                sock = key.fileobj
                try:
                    data = sock.recv(65536)  # type: ignore[union-attr]
                except (ConnectionResetError, BlockingIOError):
                    data = b""
                if not data:
                    closed[sock] = time.monotonic() - started  # type: ignore[index]
                    selector.unregister(sock)
    return closed


def test_300_idle_and_half_open_connections_are_closed_and_requests_still_answer(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path, max_connections=1000) as (url, _), ExitStack() as stack:
        port = int(url.rsplit(":", 1)[1])
        opened = time.monotonic()
        idle = _open(port, 150, stack)
        half = _open(port, 150, stack, first=PARTIAL_HEAD)
        all_open = time.monotonic()  # opening 300 sockets takes a while on a loaded machine
        answered = httpx.get(f"{url}/health", timeout=5)  # meanwhile, a normal request
        assert answered.status_code == 200
        # it did not wait for the others: those close HEADER_TIMEOUT after they were opened
        assert time.monotonic() - all_open < HEADER_TIMEOUT
        waited_from = time.monotonic() - opened
        closed = _wait_closed(idle + half, within=HEADER_TIMEOUT + 4)
        assert len(closed) == 300, f"{300 - len(closed)} connections still open"
        after_open = [waited_from + t for t in closed.values()]
        assert min(after_open) > 0.8 * HEADER_TIMEOUT  # closed by the deadline, not refused
        assert max(after_open) < HEADER_TIMEOUT + 4
        assert httpx.get(f"{url}/health", timeout=5).status_code == 200


def test_a_request_head_sent_a_byte_at_a_time_is_cut_at_the_deadline(tmp_path: Path) -> None:
    with running_server(tmp_path) as (url, _), ExitStack() as stack:
        (sock,) = _open(int(url.rsplit(":", 1)[1]), 1, stack)
        started = time.monotonic()
        head = PARTIAL_HEAD + b"X-Slow: " + b"a" * 200
        try:
            for byte in head:  # slowloris: every byte would reset uvicorn's keep-alive timer
                sock.sendall(bytes([byte]))
                time.sleep(0.02)
                if time.monotonic() - started > HEADER_TIMEOUT + 3:
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass
        closed = _wait_closed([sock], within=HEADER_TIMEOUT + 3)
        assert sock in closed
        assert time.monotonic() - started < HEADER_TIMEOUT + 3.5


def test_a_kept_alive_connection_with_a_partial_second_request_is_closed(tmp_path: Path) -> None:
    with running_server(tmp_path, keep_alive_s=30) as (url, _), ExitStack() as stack:
        (sock,) = _open(int(url.rsplit(":", 1)[1]), 1, stack)
        sock.sendall(PARTIAL_HEAD + b"\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        sock.sendall(PARTIAL_HEAD)  # then a second request that never completes
        assert sock in _wait_closed([sock], within=HEADER_TIMEOUT + 3)


def test_a_slow_answer_is_not_cut_by_the_header_deadline(tmp_path: Path) -> None:
    slow = FakeTagger(delay=HEADER_TIMEOUT + 0.5)
    with running_server(tmp_path, tagger=slow) as (url, _):
        response = httpx.post(f"{url}/extract", json={"text": "Aleppo"}, timeout=10)
        assert response.status_code == 200


def test_over_the_connection_limit_requests_get_503_until_idle_ones_are_dropped(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path, max_connections=20) as (url, _), ExitStack() as stack:
        idle = _open(int(url.rsplit(":", 1)[1]), 25, stack)
        time.sleep(0.2)
        assert httpx.get(f"{url}/health", timeout=5).status_code == 503
        _wait_closed(idle, within=HEADER_TIMEOUT + 3)
        assert httpx.get(f"{url}/health", timeout=5).status_code == 200


def test_a_bug_is_a_json_500_over_a_real_socket(tmp_path: Path) -> None:
    with running_server(tmp_path) as (url, app):

        def boom() -> None:
            raise RuntimeError("bug")

        app.add_api_route("/boom", boom)
        response = httpx.get(f"{url}/boom", timeout=5)
        assert response.status_code == 500
        assert response.headers["content-type"] == "application/json"
        assert response.json()["request_id"] == response.headers["x-request-id"]


def test_serve_uses_every_connection_setting(tmp_path: Path) -> None:
    settings = service_settings(tmp_path, header_timeout_s=7.5, keep_alive_s=3,
                                max_connections=123, backlog=45, max_header_bytes=9999,
                                graceful_shutdown_s=11)
    config = server_config(create_app(settings), settings)
    assert issubclass(config.http, HeaderDeadlineProtocol)
    assert config.http.header_timeout == 7.5  # type: ignore[union-attr]
    assert (config.timeout_keep_alive, config.limit_concurrency, config.backlog) == (3, 123, 45)
    assert config.h11_max_incomplete_event_size == 9999
    assert config.timeout_graceful_shutdown == 11
    assert config.workers == 1
