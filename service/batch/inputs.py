"""The input of ``conflict-ie batch``: a JSONL, CSV or Parquet corpus, read and checked row by row.

A corpus has a ``text`` column and optional ``id``, ``published``, ``source`` and ``url`` columns
(others are ignored). A file that cannot be read, or that has no ``text`` column, is an
``InputError`` (nothing runs). A bad *row* is not: ``read_corpus`` returns it as a ``BadRow``
with the reason, the batch reports it in ``articles_status.csv`` and goes on.

- ``row`` numbers are 1-based: the line of a JSONL file (blank lines are counted, not read), the
  record after the header of a CSV file, the row of a Parquet file.
- A row without an id (missing, null or empty) gets ``txt-`` + the first 16 hex digits of the
  SHA-256 of its text: stable when rows move, are inserted or deleted, so a rerun finds the
  article again; editing the text makes it a new article. Two rows with the same text and no
  id get the same id, and the second is skipped as a duplicate. Integer ids become strings.
- ``input_sha256`` hashes what an extraction depends on (the publication date and the text);
  resuming redoes an article whose hash changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model.errors import InputError, error_messages
from model.types import Article

COLUMNS = ("id", "text", "published", "source", "url")
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
           ".pq": "parquet"}
GENERATED_ID_PREFIX = "txt-"
RawRow = tuple[int, Mapping[str, Any] | str]
"""A row number and the row's fields, or the reason the row could not be read."""


@dataclass(frozen=True)
class InputArticle:
    """A valid row: an article to extract (or already extracted, when resuming)."""

    row: int
    id: str
    id_generated: bool
    text: str
    published: str | None
    source: str | None
    url: str | None
    input_sha256: str


@dataclass(frozen=True)
class BadRow:
    """A row that is skipped, and why."""

    row: int
    id: str | None
    reason: str
    id_generated: bool = False


def text_id(text: str) -> str:
    """The id of an article given without one.

    >>> text_id("Rebels entered Hama.")
    'txt-607f96271965aee1'
    """
    return GENERATED_ID_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def input_sha256(text: str, published: str | None) -> str:
    """SHA-256 of what an extraction depends on: the publication date and the text."""
    return hashlib.sha256(f"{published or ''}\n{text}".encode()).hexdigest()


def read_corpus(path: str | Path) -> list[InputArticle | BadRow]:
    """Every row of the corpus at ``path``, checked, in file order.

    Raises:
        InputError: no such file, an unknown extension, a file that does not parse, or no
            ``text`` column; the message names the file and what was found.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown corpus format {path.suffix!r} (expected {known})")
    reader = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[kind]
    return list(check_rows(reader(path)))


def check_rows(rows: Iterable[RawRow]) -> Iterator[InputArticle | BadRow]:
    """Check ``(row, fields)`` pairs (``fields`` a reason string when unreadable), ids unique."""
    first: dict[str, int] = {}
    for row, fields in rows:
        item = BadRow(row, None, fields) if isinstance(fields, str) else check_row(row, fields)
        if isinstance(item, InputArticle):
            if item.id in first:
                item = BadRow(row, item.id, f"duplicate id {item.id!r} (first at row "
                                            f"{first[item.id]})", item.id_generated)
            else:
                first[item.id] = row
        yield item


def check_row(row: int, fields: Mapping[str, Any]) -> InputArticle | BadRow:
    """One row as an ``InputArticle``, or a ``BadRow`` naming every problem."""
    raw_id = fields.get("id")
    text = fields.get("text")
    if text is None:
        return BadRow(row, _shown_id(raw_id), "text is missing")
    if not isinstance(text, str):
        return BadRow(row, _shown_id(raw_id), f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        return BadRow(row, _shown_id(raw_id), "text is empty")
    problems: list[str] = []
    article_id = _article_id(raw_id, text, problems)
    source, url = (_optional_text(fields, key, problems) for key in ("source", "url"))
    published = fields.get("published")
    published = None if published in ("", None) else published
    try:
        article = Article(text=text, published=published, id=article_id)
    except ValidationError as exc:
        problems.extend(error_messages(exc.errors()))
    if problems:
        return BadRow(row, article_id, "; ".join(problems), raw_id in (None, ""))
    iso = article.published.isoformat() if article.published else None
    return InputArticle(row=row, id=article_id, id_generated=raw_id in (None, ""), text=text,
                        published=iso, source=source, url=url,
                        input_sha256=input_sha256(text, iso))


def _shown_id(raw_id: Any) -> str | None:
    return None if raw_id in (None, "") else str(raw_id)


def _article_id(raw_id: Any, text: str, problems: list[str]) -> str:
    if raw_id in (None, ""):
        return text_id(text)
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        return str(raw_id)
    if not isinstance(raw_id, str):
        problems.append(f"id must be a string or an integer, got {type(raw_id).__name__}")
        return str(raw_id)
    if ";" in raw_id:
        problems.append("id contains ';' (the corpus CSV separates article ids with ';')")
    return raw_id


def _optional_text(fields: Mapping[str, Any], key: str, problems: list[str]) -> str | None:
    value = fields.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        problems.append(f"{key} must be a string, got {type(value).__name__}")
        return None
    return value


def _no_text_column(path: Path, found: Iterable[str]) -> InputError:
    names = ", ".join(repr(n) for n in found) or "none"
    return InputError(f"{path}: no 'text' column (found: {names}); a corpus needs 'text' and "
                      f"may have {', '.join(c for c in COLUMNS if c != 'text')}")


# -- readers: (row, fields or the reason the row is unreadable) -------------------------------


def _jsonl_rows(path: Path) -> list[RawRow]:
    rows: list[RawRow] = []
    keys: dict[str, None] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                rows.append((number, f"line is not UTF-8 (byte {exc.start})"))
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((number, f"line is not valid JSON: {exc.msg} (column {exc.colno})"))
                continue
            if not isinstance(value, dict):
                rows.append((number, f"line is a JSON {type(value).__name__}, not an object"))
                continue
            keys.update(dict.fromkeys(value))
            rows.append((number, value))
    if any(isinstance(f, dict) for _, f in rows) and "text" not in keys:
        raise _no_text_column(path, keys)
    return rows


def _csv_rows(path: Path) -> list[RawRow]:
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 24))  # long articles
    rows: list[RawRow] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "text" not in reader.fieldnames:
                raise _no_text_column(path, reader.fieldnames or ())
            for number, record in enumerate(reader, start=1):
                if None in record:
                    rows.append((number, f"{len(record[None])} more field(s) than the header"))
                    continue
                rows.append((number, record))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}): {exc.reason}") from None
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file: {exc}") from None
    return rows


def _parquet_rows(path: Path) -> list[RawRow]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: not a readable Parquet file: {exc}") from None
    if "text" not in table.column_names:
        raise _no_text_column(path, table.column_names)
    wanted = [c for c in COLUMNS if c in table.column_names]
    for name in wanted:
        _check_parquet_type(path, name, table.schema.field(name).type)
    records = table.select(wanted).to_pylist()
    return [(number, _plain(record)) for number, record in enumerate(records, start=1)]


def _check_parquet_type(path: Path, name: str, kind: Any) -> None:
    import pyarrow.types as pt

    ok = pt.is_string(kind) or pt.is_large_string(kind) or pt.is_null(kind)
    if name == "id":
        ok = ok or pt.is_integer(kind)
    if name == "published":
        ok = ok or pt.is_date(kind) or pt.is_timestamp(kind)
    if not ok:
        raise InputError(f"{path}: column {name!r} has type {kind}, which batch cannot read "
                         f"(expected strings{', or integers' if name == 'id' else ''}"
                         f"{', dates or timestamps' if name == 'published' else ''})")


def _plain(record: Mapping[str, Any]) -> dict[str, Any]:
    """Parquet dates and timestamps as ISO days (a timestamp's day), as the other formats give."""
    out = dict(record)
    value = out.get("published")
    if isinstance(value, dt.datetime):
        out["published"] = value.date().isoformat()
    elif isinstance(value, dt.date):
        out["published"] = value.isoformat()
    return out
