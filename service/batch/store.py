"""What ``conflict-ie batch`` writes in its OUTPUT folder, and reads back to resume.

- ``extractions/part-NNNNNN.parquet``: the per-article store, one row per extracted article
  (``STORE_SCHEMA``: ``id``, ``input_sha256``, ``model_version``, ``spans``, ``events`` and
  ``extraction``, the ``Extraction`` as JSON). Parts are written whole (a temporary file renamed),
  numbered in write order; when an id is stored twice (an edited article), the later part wins.
- ``events.parquet``: one row per event of the articles of the last run (``EVENT_SCHEMA``): the
  article's id, url and publication date, the event id, the ``extract --format csv`` columns
  (ACLED's, in its order, then injured and detained; ``source`` is the input's source, else the
  article id), the event's character offsets, the model version and the event as JSON.
- ``articles_status.csv``: one row per input row (``STATUS_COLUMNS``).

Nothing here runs a model; every file is replaced atomically, so a killed run leaves whole files.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from model.errors import InputError
from model.events.table import CSV_COLUMNS, event_row
from model.types import Extraction

EXTRACTIONS_DIR = "extractions"
EVENTS_FILE = "events.parquet"
STATUS_FILE = "articles_status.csv"
PART_ROWS = 1000

STORE_SCHEMA = pa.schema([
    ("id", pa.string()), ("input_sha256", pa.string()), ("model_version", pa.string()),
    ("spans", pa.int32()), ("events", pa.int32()), ("extraction", pa.string()),
])
# The Parquet type of each ``CSV_COLUMNS`` column that is not text.
_CSV_TYPES: dict[str, pa.DataType] = {
    "year": pa.int16(), "time_precision": pa.int8(), "inter1": pa.int8(), "inter2": pa.int8(),
    "interaction": pa.int8(), "iso": pa.int16(), "latitude": pa.float64(),
    "longitude": pa.float64(), "geo_precision": pa.int8(), "fatalities": pa.int32(),
    "injured": pa.int32(), "detained": pa.int32(),
}
EVENT_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("url", pa.string()), ("published", pa.string()),
    ("event_id", pa.string()),
    *((name, _CSV_TYPES.get(name, pa.string())) for name in CSV_COLUMNS),
    ("char_start", pa.int32()), ("char_end", pa.int32()), ("model_version", pa.string()),
    ("event", pa.string()),
])
Status = Literal["ok", "skipped", "failed"]


@dataclass(frozen=True)
class StoredArticle:
    """The store's record of one extracted article (its extraction JSON aside)."""

    id: str
    input_sha256: str
    model_version: str
    spans: int
    events: int


@dataclass(frozen=True)
class ArticleStatus:
    """One row of ``articles_status.csv``: what became of one input row."""

    row: int
    id: str | None
    status: Status
    reason: str | None = None
    spans: int | None = None
    events: int | None = None
    reused: bool = False
    id_generated: bool = False
    model_version: str | None = None
    input_sha256: str | None = None


STATUS_COLUMNS = tuple(ArticleStatus.__dataclass_fields__)


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path``, renamed over it once written."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# -- the per-article store ----------------------------------------------------------------------


def store_parts(out_dir: Path) -> list[Path]:
    """The store's parts under ``out_dir``, in write order."""
    return sorted((out_dir / EXTRACTIONS_DIR).glob("part-*.parquet"))


def _read_part(part: Path, columns: Sequence[str]) -> pa.Table:
    try:
        return pq.read_table(part, columns=list(columns))
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{part}: unreadable extraction store part: {exc}") from None


def stored_articles(out_dir: Path) -> dict[str, StoredArticle]:
    """The latest stored record of each article id (empty for a new OUTPUT folder)."""
    latest: dict[str, StoredArticle] = {}
    columns = [f.name for f in STORE_SCHEMA if f.name != "extraction"]
    for part in store_parts(out_dir):
        for record in _read_part(part, columns).to_pylist():
            latest[record["id"]] = StoredArticle(**record)
    return latest


def iter_extractions(
    out_dir: Path, wanted: Mapping[str, str] | None = None
) -> Iterator[tuple[StoredArticle, Extraction]]:
    """Stored extractions whose ``(id, input_sha256)`` is in ``wanted`` (default: the latest of
    each id), each once, in store order."""
    if wanted is None:
        wanted = {i: s.input_sha256 for i, s in stored_articles(out_dir).items()}
    seen: set[str] = set()
    for part in store_parts(out_dir):
        for record in _read_part(part, STORE_SCHEMA.names).to_pylist():
            key = record["id"]
            if key in seen or wanted.get(key) != record["input_sha256"]:
                continue
            seen.add(key)
            extraction = Extraction.model_validate_json(record.pop("extraction"))
            yield StoredArticle(**record), extraction


class ExtractionWriter:
    """Appends records (``STORE_SCHEMA`` dicts) to the store, one part per ``part_rows``."""

    def __init__(self, out_dir: Path, *, part_rows: int = PART_ROWS) -> None:
        self.directory = out_dir / EXTRACTIONS_DIR
        self.directory.mkdir(parents=True, exist_ok=True)
        parts = store_parts(out_dir)
        self.next_number = int(parts[-1].stem.split("-")[1]) + 1 if parts else 0
        self.part_rows = part_rows
        self.pending: list[dict[str, Any]] = []

    def add(self, record: Mapping[str, Any]) -> None:
        self.pending.append(dict(record))
        if len(self.pending) >= self.part_rows:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        path = self.directory / f"part-{self.next_number:06d}.parquet"
        with _replacing(path) as tmp:
            pq.write_table(pa.Table.from_pylist(self.pending, schema=STORE_SCHEMA), tmp)
        self.next_number += 1
        self.pending = []

    def __enter__(self) -> ExtractionWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()  # also on an error or Ctrl-C: what was extracted is kept


# -- events.parquet and articles_status.csv -------------------------------------------------------


def event_records(
    article_id: str, extraction: Extraction, *, source: str | None = None, url: str | None = None
) -> list[dict[str, Any]]:
    """One ``EVENT_SCHEMA`` row per event of an article: its table row (``source``, else the
    article id, in ACLED's source column), offsets and JSON."""
    published = extraction.published.isoformat() if extraction.published else None
    return [
        {"article_id": article_id, "url": url, "published": published,
         "event_id": event.id, **event_row(event, source=source or article_id),
         "char_start": min(s.start for s in event.sentences),
         "char_end": max(s.end for s in event.sentences),
         "model_version": extraction.model.version, "event": event.model_dump_json()}
        for event in extraction.events
    ]


def write_events(out_dir: Path, rows: Iterable[Mapping[str, Any]], *,
                 group_rows: int = 10_000) -> int:
    """Write ``events.parquet`` (``EVENT_SCHEMA``) from event rows, ``group_rows`` per row
    group, without holding them all; return the number of rows."""
    count, group = 0, []
    with _replacing(out_dir / EVENTS_FILE) as tmp, pq.ParquetWriter(tmp, EVENT_SCHEMA) as writer:
        for row in rows:
            group.append(dict(row))
            if len(group) >= group_rows:
                writer.write_table(pa.Table.from_pylist(group, schema=EVENT_SCHEMA))
                count, group = count + len(group), []
        if group or not count:  # an empty file still has the schema
            writer.write_table(pa.Table.from_pylist(group, schema=EVENT_SCHEMA))
    return count + len(group)


def write_status(out_dir: Path, statuses: Iterable[ArticleStatus]) -> Path:
    """Write ``articles_status.csv``, ordered by input row; empty cells for nulls."""
    path = out_dir / STATUS_FILE
    with _replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=STATUS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for status in sorted(statuses, key=lambda s: s.row):
            writer.writerow({k: _cell(v) for k, v in asdict(status).items()})
    return path


def _cell(value: object) -> object:
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else value
