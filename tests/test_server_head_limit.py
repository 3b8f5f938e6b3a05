"""The request-head limit (``CONFLICT_IE_MAX_HEADER_BYTES``) holds however the head arrives:
in one packet, in pieces, or completed by its last packet, against a real server."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from .test_server_timeouts import running_server

LIMIT = 16_384


def _exchange(port: int, pieces: list[bytes], *, to_close: bool = False) -> tuple[bytes, bool]:
    """What the server answers to ``pieces`` sent one after another (its head; with
    ``to_close``, all it sends until it closes), and whether it closed the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        for piece in pieces:
            sock.sendall(piece)
            time.sleep(0.05)
        answer = b""
        while to_close or b"\r\n\r\n" not in answer:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                return answer, False
            if not chunk:
                return answer, True
            answer += chunk
        return answer, False


def _head(header_bytes: int, path: str = "/health") -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: x\r\nX-Pad: ".encode() + b"a" * header_bytes
            + b"\r\n\r\n")


@pytest.mark.parametrize(
    "split", ["whole", "halves", "last-byte"],
)
def test_a_20_kb_head_is_refused_and_the_connection_closed(tmp_path: Path, split: str) -> None:
    head = _head(20_000)
    pieces = {"whole": [head], "halves": [head[:10_000], head[10_000:]],
              "last-byte": [head[:-1], head[-1:]]}[split]
    with running_server(tmp_path) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        answer, closed = _exchange(port, pieces, to_close=True)
        assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
        assert closed


def test_heads_up_to_the_limit_and_large_bodies_are_served(tmp_path: Path) -> None:
    with running_server(tmp_path) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        fits = _head(LIMIT - len(_head(0)))
        assert len(fits) == LIMIT
        answer, _ = _exchange(port, [fits])
        assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
        text = b'{"text": "' + b"Rebels shelled Aleppo. " * 2000 + b'"}'
        request = (b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Content-Length: " + str(len(text)).encode() + b"\r\n\r\n" + text)
        answer, _ = _exchange(port, [request])  # head and a 46 KB body in one packet
        assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
        over = _head(LIMIT - len(_head(0)) + 1)
        answer, closed = _exchange(port, [over], to_close=True)
        assert answer.startswith(b"HTTP/1.1 400 ") and closed
