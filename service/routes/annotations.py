"""``POST /annotations`` (validate and store) and ``GET /annotations`` (export, paged, as JSONL).

Reading the stored annotations always needs the token: they are what users sent (full article
texts, possibly licensed), unlike the derived data other reads return.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from model.errors import AnnotationError
from model.types import Document
from service.bodies import JSONL_TYPES, check_json_text
from service.routes.deps import SettingsDep, StoreDep, TokenAccess, WriteAccess
from service.store import AnnotationStore
from training.corpus import parse_records

router = APIRouter(prefix="/annotations", tags=["annotations"])

PAGE_DEFAULT = 100  # documents per page of GET /annotations
PAGE_MAX = 1000
_CHUNK = 50  # documents read from the store at a time while a page streams
_CURSOR_CHARS = 2048
NEXT_CURSOR_HEADER = "X-Next-Cursor"

_BODY_DOC = {
    "required": True,
    "description": "A JSON array of documents, or JSONL (one document a line, as in "
    "annotations/*.jsonl) with Content-Type application/x-ndjson.",
    "content": {
        "application/json": {
            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}}
        },
        "application/x-ndjson": {"schema": {"type": "string"}},
    },
}


class Stored(BaseModel):
    stored: int
    ids: list[str]
    total: int


def parse_documents(body: bytes, content_type: str, *, max_depth: int) -> list[Document]:
    """Validate every document of a request body with the code ``conflict-ie validate`` runs.

    Raises:
        BodyError: the body is not UTF-8, or its JSON nests deeper than ``max_depth`` (400).
        AnnotationError: naming every problem, each prefixed with its line or document number.
    """
    jsonl = content_type.split(";")[0].strip().lower() in JSONL_TYPES
    text = check_json_text(body, max_depth=max_depth, lines=jsonl)
    if jsonl:
        lines = text.split("\n")  # as a file reads: U+2028 and friends stay inside a line
        records = [(f"line {n}", line) for n, line in enumerate(lines, 1)]
    else:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnnotationError(
                [f"bad JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
            ) from None
        items = raw if isinstance(raw, list) else [raw]
        records = [(f"document {n}", json.dumps(item)) for n, item in enumerate(items, 1)]
    docs, found = parse_records(records)
    problems = [f"{where}: {message}" for where, message in found]
    if not records or (not docs and not problems):
        problems.append("the body holds no document")
    if problems:
        raise AnnotationError(problems)
    return docs


@router.post(
    "",
    status_code=201,
    response_model=Stored,
    dependencies=[WriteAccess],
    openapi_extra={"requestBody": _BODY_DOC},
    responses={422: {"description": "Every problem of every document, by line or number."}},
)
async def post_annotations(request: Request, store: StoreDep, settings: SettingsDep) -> Stored:
    """Validate documents in the annotation format and store them durably (all or none).

    A document whose id is already stored replaces it. Needs the bearer token.
    """
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    docs = await run_in_threadpool(
        lambda: parse_documents(body, content_type, max_depth=settings.max_json_depth)
    )
    await run_in_threadpool(store.put, docs)
    total = await run_in_threadpool(store.count)
    return Stored(stored=len(docs), ids=[d.id for d in docs], total=total)


_PAGE_HEADERS = {
    NEXT_CURSOR_HEADER: {
        "description": "The cursor of the next page; absent on the last page.",
        "schema": {"type": "string"},
    },
    "Link": {
        "description": 'The next page as `</annotations?limit=N&cursor=C>; rel="next"`; '
        "absent on the last page.",
        "schema": {"type": "string"},
    },
}


@router.get(
    "",
    dependencies=[TokenAccess],
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            "description": "One page of stored documents, JSONL in the annotation format.",
            "headers": _PAGE_HEADERS,
        },
        400: {"description": "The cursor is not one this service issued."},
    },
)
def export_annotations(
    store: StoreDep,
    limit: Annotated[
        int, Query(ge=1, le=PAGE_MAX, description=f"Documents per page (at most {PAGE_MAX}).")
    ] = PAGE_DEFAULT,
    cursor: Annotated[
        str | None,
        Query(min_length=1, max_length=_CURSOR_CHARS,
              description=f"Where to go on: the {NEXT_CURSOR_HEADER} of the previous page."),
    ] = None,
) -> StreamingResponse:
    """Stored documents as JSONL, oldest first, a page at a time. Needs the bearer token.

    Follow the ``X-Next-Cursor`` header (or the ``Link`` header's ``rel="next"``) until a page
    comes without one; documents stored meanwhile come on later pages, none twice.
    """
    after = decode_cursor(cursor) if cursor is not None else None
    keys = store.keys(after=after, limit=limit + 1)
    headers = {"Content-Disposition": 'attachment; filename="annotations.jsonl"'}
    if len(keys) > limit:
        keys = keys[:limit]
        following = encode_cursor(keys[-1])
        headers[NEXT_CURSOR_HEADER] = following
        headers["Link"] = f'</annotations?limit={limit}&cursor={following}>; rel="next"'
    last = keys[-1] if keys else None
    return StreamingResponse(
        _page_lines(store, after, last), media_type="application/x-ndjson", headers=headers
    )


def _page_lines(
    store: AnnotationStore, after: tuple[str, str] | None, last: tuple[str, str] | None
) -> Iterator[str]:
    """The JSON lines of the documents after ``after`` up to ``last``, read a chunk at a time."""
    position = after
    while last is not None and (position is None or position < last):
        rows = store.page(after=position, limit=_CHUNK)
        if not rows:
            return
        for created, doc_id, body in rows:
            if (created, doc_id) > last:
                return
            yield body + "\n"
        position = (rows[-1][0], rows[-1][1])


def encode_cursor(key: tuple[str, str]) -> str:
    """An opaque cursor for the position ``(created_at, id)``.

    >>> decode_cursor(encode_cursor(("2024-12-02T10:00:00.000+00:00", "doc 1")))
    ('2024-12-02T10:00:00.000+00:00', 'doc 1')
    """
    raw = json.dumps(list(key), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    """The position a cursor of ``encode_cursor`` stands for.

    Raises:
        HTTPException: 400, when the cursor is not one this service issued.
    """
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        created, doc_id = json.loads(raw.decode("utf-8"))
        if not (isinstance(created, str) and isinstance(doc_id, str)):
            raise ValueError("not two strings")
        dt.datetime.fromisoformat(created)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise HTTPException(
            status_code=400,
            detail=f"cursor {cursor[:40]!r} is not valid: pass the {NEXT_CURSOR_HEADER} header "
            "of the previous page unchanged, or no cursor for the first page",
        ) from None
    return created, doc_id
