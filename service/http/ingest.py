"""Reading a ``POST /annotations`` body: content type, strict JSON, limits, validation.

In this order, each step answering before the next one runs:

1. the content type: ``application/json`` (an array of documents, or one) or JSONL
   (``application/x-ndjson``, also spelt ``application/jsonl`` and ``application/json-lines``),
   UTF-8 when a charset is given; anything else is 415;
2. UTF-8 and nesting depth (``service.http.bodies.check_json_text``, 400);
3. strict JSON (``service.http.jsonstrict.loads_strict``: no NaN or Infinity, no number out of
   range), per body or per JSONL line, and the number of documents (413);
4. per document: its text, its spans and its ``meta`` against their limits (413, every one
   named), and every string and key of it valid Unicode (422);
5. the code ``conflict-ie validate`` runs (``training.corpus.parse_records``, 422, every
   problem of every document by line or document number).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from model.errors import AnnotationError
from model.types import Document
from service.http.bodies import JSONL_TYPES, check_json_text
from service.http.errors import LimitError, MediaTypeError
from service.http.jsonstrict import loads_strict, unicode_problems
from service.settings import Settings
from training.corpus import parse_records

JSON_TYPE = "application/json"
ANNOTATION_TYPES = (JSON_TYPE, *JSONL_TYPES)


@dataclass(frozen=True)
class IngestLimits:
    """What one ``POST /annotations`` may hold (``Settings``, ``CONFLICT_IE_*``)."""

    documents: int
    chars: int
    spans: int
    meta_bytes: int
    depth: int

    @classmethod
    def from_settings(cls, settings: Settings) -> IngestLimits:
        return cls(documents=settings.max_annotation_documents,
                   chars=settings.max_annotation_chars, spans=settings.max_annotation_spans,
                   meta_bytes=settings.max_meta_bytes, depth=settings.max_json_depth)


def annotation_kind(content_type: str | None) -> str:
    """``"json"`` or ``"jsonl"`` for the content types ``POST /annotations`` reads.

    Raises:
        MediaTypeError: any other type, none, or a charset other than UTF-8 (415).

    >>> annotation_kind("application/json; charset=UTF-8"), annotation_kind("application/x-ndjson")
    ('json', 'jsonl')
    """
    media, *params = [part.strip().lower() for part in (content_type or "").split(";")]
    charsets = [p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")]
    if media in ANNOTATION_TYPES and all(c in ("utf-8", "utf8") for c in charsets):
        return "json" if media == JSON_TYPE else "jsonl"
    sent = f"Content-Type {content_type!r}" if content_type else "no Content-Type"
    raise MediaTypeError(
        f"{sent}: send annotations as {JSON_TYPE} (an array of documents) or "
        f"{JSONL_TYPES[0]} (one document a line), in UTF-8"
    )


def parse_documents(body: bytes, content_type: str | None, limits: IngestLimits) -> list[Document]:
    """Every document of a ``POST /annotations`` body, validated as ``conflict-ie validate`` does.

    Raises:
        MediaTypeError: not JSON or JSONL (415).
        BodyError: not UTF-8, or nested deeper than ``limits.depth`` (400).
        LimitError: more documents than ``limits.documents``, or documents past a size limit,
            every one named (413).
        AnnotationError: every problem of every document, by line or document number (422).
    """
    jsonl = annotation_kind(content_type) == "jsonl"
    text = check_json_text(body, max_depth=limits.depth, lines=jsonl)
    unit = "line" if jsonl else "document"
    values, problems = _values(text, jsonl=jsonl)
    if len(values) + len(problems) > limits.documents:
        raise LimitError(
            f"{len(values) + len(problems)} documents in one request; the limit is "
            f"{limits.documents} (CONFLICT_IE_MAX_ANNOTATION_DOCUMENTS)"
        )
    too_large = [f"{unit} {n}: {p}" for n, value in values for p in _past_limits(value, limits)]
    if too_large:
        detail = too_large[0] if len(too_large) == 1 else f"{len(too_large)} documents too large"
        raise LimitError(detail, too_large if len(too_large) > 1 else None)
    records: list[tuple[int, str]] = []
    for n, value in values:
        unreadable = unicode_problems(value)
        problems += [(n, p) for p in unreadable]
        if not unreadable:
            records.append((n, json.dumps(value)))
    docs, found = parse_records(records, describe=lambda n: f"{unit} {n}")
    messages = [f"{unit} {n}: {m}" for n, m in sorted(problems + found, key=lambda p: p[0])]
    if not messages and not docs:
        messages.append("the body holds no document")
    if messages:
        raise AnnotationError(messages)
    return docs


def _values(text: str, *, jsonl: bool) -> tuple[list[tuple[int, Any]], list[tuple[int, str]]]:
    """The numbered JSON values of a body, and the numbered problems of those that are not JSON.

    A JSONL line's problem reads as ``conflict-ie validate`` words it; a bad JSON body is one
    problem of the whole body.
    """
    if not jsonl:
        try:
            raw = loads_strict(text)
        except json.JSONDecodeError as exc:
            raise AnnotationError(
                [f"bad JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
            ) from None
        return list(enumerate(raw if isinstance(raw, list) else [raw], start=1)), []
    values: list[tuple[int, Any]] = []
    problems: list[tuple[int, str]] = []
    for n, line in enumerate(text.split("\n"), start=1):  # U+2028 and friends stay in a line
        if not line.strip():
            continue
        try:
            values.append((n, loads_strict(line)))
        except json.JSONDecodeError as exc:
            problems.append((n, f"bad JSON: {exc.msg} at column {exc.colno}"))
    return values, problems


def _past_limits(value: Any, limits: IngestLimits) -> list[str]:
    """What of one document (a JSON value) is past its limit (nothing when it is no object)."""
    if not isinstance(value, dict):
        return []
    found = []
    text, spans, meta = value.get("text"), value.get("spans"), value.get("meta")
    if isinstance(text, str) and len(text) > limits.chars:
        found.append(f"text has {len(text)} characters; the limit is {limits.chars} "
                     "(CONFLICT_IE_MAX_ANNOTATION_CHARS)")
    if isinstance(spans, list) and len(spans) > limits.spans:
        found.append(f"{len(spans)} spans; the limit is {limits.spans} "
                     "(CONFLICT_IE_MAX_ANNOTATION_SPANS)")
    if meta is not None:
        size = len(json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
                   .encode("utf-8", "surrogatepass"))
        if size > limits.meta_bytes:
            found.append(f"meta has {size} bytes; the limit is {limits.meta_bytes} "
                         "(CONFLICT_IE_MAX_META_BYTES)")
    return found
