"""``conflict-ie dedup``: one row per real-world event across a corpus's articles.

A separate, pure step over what ``conflict-ie batch`` wrote (``batch`` runs it too, unless
``--no-dedup``): it reads the events of many articles, merges reports of one incident with
``model.events.dedup.dedup_events`` (ACLED's rule, documented there) and writes, in OUTPUT:

- ``corpus_events.csv``: the ACLED table, one row per corpus event
  (``model.events.table.CORPUS_CSV_COLUMNS``): ACLED's columns in its order (``source`` lists
  the outlets of the reports, from the events file's ``source`` column, else their article ids),
  ``injured`` and ``detained``, then ``event_id``; ``source_articles`` lists the ids of every
  article that reports it (``;``-separated), ``source_count`` counts them, and
  ``<field>_article`` / ``<field>_char_start`` / ``<field>_char_end`` ground the date, actors,
  location and fatalities in the article each came from.
- ``corpus_events.jsonl``: one ``CorpusEvent`` per line, lossless (every source event with all
  its grounded fields); ``CorpusEvent.model_validate_json`` reads a line back.

INPUT is a batch OUTPUT folder (its ``events.parquet``, else its ``extractions/`` store), an
events Parquet file as ``batch`` writes it, or a JSONL file of ``Extraction`` objects with ids
(what ``POST /extract/batch`` returns, one per line).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from model.errors import InputError, error_messages
from model.events.dedup import RADIUS_KM, CorpusEvent, SourcedEvent, dedup_events
from model.events.table import corpus_events_to_csv
from model.types import Event, Extraction

log = logging.getLogger(__name__)

CSV_FILE = "corpus_events.csv"
JSONL_FILE = "corpus_events.jsonl"


@dataclass(frozen=True)
class DedupReport:
    """What a dedup run read and wrote."""

    reports: int
    events: int
    merged: int
    csv_path: Path
    jsonl_path: Path


def load_sourced_events(path: str | Path) -> list[SourcedEvent]:
    """The events at ``path`` (see the module docstring), each with its article id.

    Raises:
        InputError: nothing readable there, or an event or extraction that does not validate.
    """
    from service.batch.store import EVENTS_FILE, iter_extractions, store_parts

    path = Path(path)
    if path.is_dir():
        if (path / EVENTS_FILE).is_file():
            return _from_events_parquet(path / EVENTS_FILE)
        if store_parts(path):
            return [_sourced(s.id, e, f"{path}: article {s.id!r}")
                    for s, x in iter_extractions(path) for e in x.events]
        raise InputError(f"{path}: no {EVENTS_FILE} and no extractions/ store (is it the "
                         f"OUTPUT folder of `conflict-ie batch`?)")
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    if path.suffix.lower() == ".parquet":
        return _from_events_parquet(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return _from_extractions_jsonl(path)
    raise InputError(f"{path}: expected a batch OUTPUT folder, a .parquet events file or a "
                     f".jsonl file of extractions")


def _sourced(
    article_id: str | None, event: Event, where: str, source: str | None = None
) -> SourcedEvent:
    try:
        return SourcedEvent(article_id=article_id, event=event, source=source)
    except ValidationError as exc:
        raise InputError(f"{where}: " + "; ".join(error_messages(exc.errors()))) from None


def _from_events_parquet(path: Path) -> list[SourcedEvent]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        names = pq.read_schema(path).names
        if not {"article_id", "event"} <= set(names):
            raise InputError(f"{path}: an events file needs the columns 'article_id' and "
                             f"'event' (found: {', '.join(names)})")
        columns = ["article_id", "event", *(["source"] if "source" in names else [])]
        records = pq.read_table(path, columns=columns).to_pylist()
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: not a readable Parquet file: {exc}") from None
    out = []
    for number, record in enumerate(records, start=1):
        where = f"{path}: row {number}"
        try:
            event = Event.model_validate_json(record["event"] or "")
        except ValidationError as exc:
            raise InputError(f"{where}: " + "; ".join(error_messages(exc.errors()))) from None
        out.append(_sourced(record["article_id"], event, where, record.get("source")))
    return out


def _from_extractions_jsonl(path: Path) -> list[SourcedEvent]:
    out: list[SourcedEvent] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                extraction = Extraction.model_validate_json(line)
            except ValidationError as exc:
                raise InputError(f"{where}: " + "; ".join(error_messages(exc.errors()))) from None
            if extraction.id is None:
                raise InputError(f"{where}: the extraction has no id (dedup lists article ids)")
            out.extend(_sourced(extraction.id, e, where) for e in extraction.events)
    return out


def write_corpus_events(events: Sequence[CorpusEvent], out_dir: Path) -> tuple[Path, Path]:
    """Write ``corpus_events.csv`` and ``corpus_events.jsonl`` under ``out_dir`` (replaced)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = (out_dir / CSV_FILE, out_dir / JSONL_FILE)
    texts = (corpus_events_to_csv(events),
             "".join(e.model_dump_json() + "\n" for e in events))
    for path, text in zip(paths, texts, strict=True):
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return paths


def dedup_reports(
    reports: Sequence[SourcedEvent], out_dir: Path, *, radius_km: float = RADIUS_KM
) -> DedupReport:
    """Deduplicate ``reports`` and write the corpus events under ``out_dir``."""
    try:
        events = dedup_events(reports, radius_km=radius_km)
    except ValueError as exc:  # an (article, event) pair given twice
        raise InputError(str(exc)) from None
    csv_path, jsonl_path = write_corpus_events(events, out_dir)
    merged = sum(1 for e in events if e.source_count > 1)
    log.info("dedup: %d event report(s) -> %d corpus event(s), %d reported by several "
             "articles; wrote %s", len(reports), len(events), merged, csv_path)
    return DedupReport(len(reports), len(events), merged, csv_path, jsonl_path)


def run_dedup(
    input_path: str | Path, out_dir: str | Path, *, radius_km: float = RADIUS_KM
) -> DedupReport:
    """``conflict-ie dedup INPUT OUTPUT``: read the events at INPUT, write the corpus events."""
    return dedup_reports(load_sourced_events(input_path), Path(out_dir), radius_km=radius_km)

