"""``POST /annotations`` (validate and store) and ``GET /annotations`` (export, paged, as JSONL).

Reading the stored annotations always needs the token: they are what users sent (full article
texts, possibly licensed), unlike the derived data other reads return. What a body must be and
the limits it must keep: ``service.http.ingest``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from service.http.bodies import JSONL_TYPES, json_depth
from service.http.ingest import JSON_TYPE, IngestLimits, annotation_kind, parse_documents
from service.http.jsonstrict import loads_strict
from service.http.routes.deps import SettingsDep, StoreDep, TokenAccess, WriteAccess
from service.store import AnnotationExistsError, AnnotationStore

router = APIRouter(prefix="/annotations", tags=["annotations"])

PAGE_DEFAULT = 100  # documents per page of GET /annotations
PAGE_MAX = 1000
_CHUNK = 50  # documents read from the store at a time while a page streams
_CURSOR_CHARS = 2048
CURSOR_PATTERN = "^[A-Za-z0-9_-]+$"  # unpadded URL-safe base64
NEXT_CURSOR_HEADER = "X-Next-Cursor"

_DOCUMENT = {"$ref": "#/components/schemas/Document"}
BODY_DOC: dict[str, Any] = {
    "required": True,
    "description": "A JSON array of documents (or one document), or JSONL (one document a "
    "line, as in annotations/*.jsonl) with Content-Type application/x-ndjson "
    "(also application/jsonl, application/json-lines); UTF-8. Other types get 415.",
    "content": {
        JSON_TYPE: {
            "schema": {
                "anyOf": [{"type": "array", "items": _DOCUMENT, "minItems": 1}, _DOCUMENT]
            }
        },
        **{kind: {"schema": {"type": "string"}} for kind in JSONL_TYPES},
    },
}


TOKEN_LABEL = "api-token"  # who saved, when the client names no annotator
Annotator = Annotated[
    str | None,
    Header(alias="X-Annotator", min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$",
           description="Who saves (kept with each version), UTF-8 percent-encoded (`Zo%C3%AB` "
           f"for Zoë), at most 100 characters; default {TOKEN_LABEL!r}, the token's label."),
]
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def saved_by(annotator: str | None) -> str:
    """The name an ``X-Annotator`` header gives (percent-decoded), else the token's label.

    >>> saved_by("Zo%C3%AB"), saved_by(None)
    ('Zoë', 'api-token')

    Raises:
        HTTPException: 422, a name that is not UTF-8, blank, too long or holds control
            characters once decoded.
    """
    if annotator is None:
        return TOKEN_LABEL
    try:
        name = unquote(annotator, errors="strict")
    except UnicodeDecodeError:
        name = None
    if name is None or not name.strip() or len(name) > 100 or _CONTROL.search(name):
        raise HTTPException(status_code=422, detail="X-Annotator: give a name of 1 to 100 "
                            "characters, UTF-8 percent-encoded, without control characters")
    return name


class Stored(BaseModel):
    stored: int
    ids: list[str]
    total: int


@router.post(
    "",
    status_code=201,
    response_model=Stored,
    dependencies=[WriteAccess],
    openapi_extra={"requestBody": BODY_DOC},
    responses={
        409: {"description": "replace=false and some ids are stored with other content "
              "(every one named); nothing was stored."},
        413: {"description": "Over a limit: documents per request, characters of a text, spans "
              "of a document, bytes of a meta, documents in the store (every one named)."},
        415: {"description": "Not application/json or JSONL, or not UTF-8."},
        422: {"description": "Every problem of every document, by line or number."},
    },
)
async def post_annotations(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    annotator: Annotator = None,
    replace: Annotated[
        bool, Query(description="false: refuse (409) to replace a stored document whose "
                    "content differs, so the client can ask first.")
    ] = True,
) -> Stored:
    """Validate documents in the annotation format and store them durably (all or none).

    A document whose id is already stored replaces it (unless ``replace=false``); the replaced
    one is kept as a previous version (``GET /annotations/{id}/versions``), and each version
    records who saved it (``X-Annotator``) and when. Needs the bearer token.
    """
    content_type = request.headers.get("content-type")
    annotation_kind(content_type)  # 415 before reading the body
    who = saved_by(annotator)
    body = await request.body()
    limits = IngestLimits.from_settings(settings)
    docs = await run_in_threadpool(parse_documents, body, content_type, limits)
    try:
        await run_in_threadpool(
            lambda: store.put(docs, saved_by=who, replace=replace))
    except AnnotationExistsError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from None
    total = await run_in_threadpool(store.count)
    return Stored(stored=len(docs), ids=[d.id for d in docs], total=total)


_PAGE_HEADERS = {
    NEXT_CURSOR_HEADER: {
        "description": "The cursor of the next page; absent on the last page.",
        "schema": {"type": "string", "pattern": CURSOR_PATTERN, "maxLength": _CURSOR_CHARS},
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
              json_schema_extra={"pattern": CURSOR_PATTERN},
              description=f"Where to go on: the {NEXT_CURSOR_HEADER} of the previous page, "
              "unchanged (anything else is 400)."),
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

    Only a cursor ``encode_cursor`` writes is taken: its characters, a JSON array of a time
    and an id (read strictly and never nested, so no input can make the parser recurse), and
    exactly the text ``encode_cursor`` makes of that position (an id that is no valid
    Unicode cannot be).

    Raises:
        HTTPException: 400, when the cursor is not one this service issued.
    """
    try:
        if not re.fullmatch(CURSOR_PATTERN[1:-1], cursor):
            raise ValueError("not URL-safe base64")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        if json_depth(raw) > 1:
            raise ValueError("nested")
        created, doc_id = loads_strict(raw)
        if not (isinstance(created, str) and isinstance(doc_id, str)):
            raise ValueError("not two strings")
        dt.datetime.fromisoformat(created)
        if encode_cursor((created, doc_id)) != cursor:
            raise ValueError("not as issued")
    except (binascii.Error, ValueError, TypeError):  # UnicodeError and JSONDecodeError too
        raise HTTPException(
            status_code=400,
            detail=f"cursor {cursor[:40]!r} is not valid: pass the {NEXT_CURSOR_HEADER} header "
            "of the previous page unchanged, or no cursor for the first page",
        ) from None
    return created, doc_id
