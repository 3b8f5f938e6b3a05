"""Path parameters that may hold a slash: ``/annotations/{id}`` with the id ``a/b``.

An OpenAPI path parameter is one segment: a client sends a ``/`` inside it percent-encoded
(``/annotations/a%2Fb/versions``). The server decodes the path before routing, which would
turn that into ``/annotations/a/b/versions``, another resource. ``EncodedSlashes`` decodes the
paths under its prefixes again from the raw path, keeping each encoded slash as U+0000 (a
character no id may hold), and the ``segment`` convertor (``{name:segment}`` in a route) takes
one segment and gives that character back as ``/``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from starlette.convertors import Convertor, register_url_convertor
from starlette.types import ASGIApp, Receive, Scope, Send

SLASH = "\x00"  # an encoded slash inside a segment, while routing
_ENCODED_SLASH = re.compile(rb"%2[fF]")


class SegmentConvertor(Convertor[str]):
    """One path segment; a slash that was percent-encoded in it comes back as ``/``."""

    regex = "[^/]+"

    def convert(self, value: str) -> str:
        return value.replace(SLASH, "/")

    def to_string(self, value: str) -> str:
        return value.replace("%", "%25").replace("/", "%2F")


register_url_convertor("segment", SegmentConvertor())


def keep_encoded_slashes(raw_path: bytes) -> str:
    """The path of ``raw_path`` decoded, each ``%2F`` kept apart as ``SLASH``.

    >>> keep_encoded_slashes(b"/annotations/a%2Fb%20c/versions").split("/")
    ['', 'annotations', 'a\\x00b c', 'versions']
    """
    return SLASH.join(unquote(part.decode("latin-1")) for part in _ENCODED_SLASH.split(raw_path))


class EncodedSlashes:
    """Route the paths under ``prefixes`` with their encoded slashes kept (see the module)."""

    def __init__(self, app: ASGIApp, *, prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path") if scope["type"] == "http" else None
        if raw and _ENCODED_SLASH.search(raw) and scope["path"].startswith(self.prefixes):
            scope = scope | {"path": keep_encoded_slashes(raw)}
        await self.app(scope, receive, send)
