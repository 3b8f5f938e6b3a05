"""``POST /annotations`` (validate and store) and ``GET /annotations`` (export as JSONL)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from model.errors import AnnotationError
from model.types import Document
from service.routes.deps import ReadAccess, StoreDep, WriteAccess
from training.corpus import parse_records

router = APIRouter(prefix="/annotations", tags=["annotations"])

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines")

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


def parse_documents(body: bytes, content_type: str) -> list[Document]:
    """Validate every document of a request body with the code ``conflict-ie validate`` runs.

    Raises:
        AnnotationError: naming every problem, each prefixed with its line or document number.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotationError(
            [f"body is not UTF-8 text (bad byte at offset {exc.start})"]
        ) from None
    if content_type.split(";")[0].strip().lower() in JSONL_TYPES:
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
async def post_annotations(request: Request, store: StoreDep) -> Stored:
    """Validate documents in the annotation format and store them durably (all or none).

    A document whose id is already stored replaces it. Needs the bearer token.
    """
    body = await request.body()
    docs = await run_in_threadpool(parse_documents, body, request.headers.get("content-type", ""))
    await run_in_threadpool(store.put, docs)
    total = await run_in_threadpool(store.count)
    return Stored(stored=len(docs), ids=[d.id for d in docs], total=total)


@router.get(
    "",
    dependencies=[ReadAccess],
    response_class=Response,
    responses={200: {"content": {"application/x-ndjson": {}}, "description": "JSONL export."}},
)
def export_annotations(store: StoreDep) -> Response:
    """Every stored document as JSONL, oldest first, in the annotation format."""
    lines = store.jsonl()
    return Response(
        content="".join(f"{line}\n" for line in lines),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="annotations.jsonl"'},
    )
