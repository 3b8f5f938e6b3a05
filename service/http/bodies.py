"""Request bodies that cannot be read at all get a 400 that says why, before anything parses them.

Two checks, shared by the ``JsonBodyGuard`` middleware (every JSON or JSONL body, before
FastAPI parses it) and ``POST /annotations`` (which parses its body itself):

- the body must be UTF-8: ``body is not UTF-8: bad byte 0xff at offset 12``;
- JSON may nest at most ``CONFLICT_IE_MAX_JSON_DEPTH`` levels: deeper bodies would make the
  parser recurse (a 50,000-deep array raises ``RecursionError``) and no document nests so.

The depth is measured without recursion and without parsing: strings are cut out with one
regular expression and the brackets that remain are counted.

What passes is then parsed strictly (``service.http.jsonstrict.loads_strict``: no NaN or Infinity,
no number out of range), by FastAPI through ``StrictJSONRoute`` and by ``POST /annotations``
itself: one parser for every body of the API.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from itertools import accumulate
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.http.errors import BodyError, error_response
from service.http.jsonstrict import loads_strict

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_STRUCTURE = re.compile(r"[^\[\]{}\n]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})  # the requests JsonBodyGuard checks


def readable_text(body: bytes) -> str:
    """Decode a body as UTF-8.

    Raises:
        BodyError: naming the first bad byte and its offset.

    >>> readable_text(b'{"text": "ok"}')
    '{"text": "ok"}'
    >>> readable_text(b'{"text": "\\xff"}')
    Traceback (most recent call last):
    ...
    service.http.errors.BodyError: body is not UTF-8: bad byte 0xff at offset 10
    """
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(
            f"body is not UTF-8: bad byte 0x{body[exc.start]:02x} at offset {exc.start}"
        ) from None


def json_depth(text: str, *, lines: bool = False) -> int:
    """How deep the arrays and objects of a JSON text nest (of its deepest line, for JSONL).

    >>> json_depth('{"a": [1, {"b": "[[[not counted]]]"}]}')
    3
    >>> json_depth('[[1]]\\n[2]', lines=True)
    2
    """
    structure = _NOT_STRUCTURE.sub("", _STRING.sub("", text))
    parts = structure.split("\n") if lines else [structure.replace("\n", "")]
    return max((max(accumulate(map(_STEP.__getitem__, p)), default=0) for p in parts), default=0)


def check_json_text(body: bytes, *, max_depth: int, lines: bool = False) -> str:
    """The body as text, once it is UTF-8 and nests at most ``max_depth`` levels.

    Raises:
        BodyError: it is not UTF-8, or nests deeper.
    """
    text = readable_text(body)
    if text.count("[") + text.count("{") > max_depth:  # else it cannot nest deeper
        depth = json_depth(text, lines=lines)
        if depth > max_depth:
            raise BodyError(
                f"JSON nested deeper than {max_depth} levels ({depth}; "
                "CONFLICT_IE_MAX_JSON_DEPTH)"
            )
    return text


def body_kind(content_type: str | None) -> str | None:
    """``"json"``, ``"jsonl"``, or ``None`` for a body FastAPI would not parse as JSON.

    No content type counts as JSON, as FastAPI reads it.

    >>> body_kind(None), body_kind("application/json; charset=utf-8"), body_kind("text/plain")
    ('json', 'json', None)
    >>> body_kind("application/problem+json"), body_kind("application/x-ndjson")
    ('json', 'jsonl')
    """
    if not content_type:
        return "json"
    media = content_type.split(";")[0].strip().lower()
    if media in JSONL_TYPES:
        return "jsonl"
    if media == "application/json" or (media.startswith("application/") and
                                       media.endswith("+json")):
        return "json"
    return None


class JsonBodyGuard:
    """Answer 400 to a JSON/JSONL body that is not UTF-8 or nests too deep; pass others on.

    Sits inside ``BodySizeLimit``, which bounds what it reads; the body it read is handed on
    unchanged.
    """

    def __init__(self, app: ASGIApp, *, max_depth: int) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        raw_type = dict(scope["headers"]).get(b"content-type")
        kind = body_kind(raw_type.decode("latin-1") if raw_type is not None else None)
        if kind is None:
            await self.app(scope, receive, send)
            return
        body, complete = await _read_all(receive)
        if not complete:  # the client went away while sending
            return
        try:
            check_json_text(body, max_depth=self.max_depth, lines=kind == "jsonl")
        except BodyError as exc:
            await error_response(scope, 400, str(exc))(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)


async def _read_all(receive: Receive) -> tuple[bytes, bool]:
    """The whole body, and whether it arrived whole (``False`` on a disconnect)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives ``body`` once, then whatever the client sends next."""
    pending = True

    async def replay() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class StrictJSONRequest(Request):
    """A request whose ``json()`` is ``loads_strict``: what FastAPI parses bodies with.

    A bad number is a ``JSONDecodeError``, which FastAPI answers as invalid JSON (422, with
    the reason and the character): the same answer as any other malformed body.
    """

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads_strict(readable_text(await self.body()))
        return self._json


class StrictJSONRoute(APIRoute):
    """An ``APIRoute`` whose JSON body is read with ``loads_strict`` (``route_class`` of every
    router whose routes take a JSON body)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
