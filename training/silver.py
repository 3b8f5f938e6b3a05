"""Silver event rows from Wikipedia's lists of terrorist incidents.

The source is ``global_terrorism.csv`` of SupChanda/Predicting-perpetrators-of-global-terrorism
(rows scraped from Wikipedia's "List of terrorist incidents" pages: date, attack type, dead,
injured, "city, country", a short description, perpetrator). The rows are crowd-coded, so they
are silver: a large second check of killed/injured counts, country and date, never gold and
never trained on. Each kept row becomes one article (the description) with one ungrounded
event row and ``meta.silver``.

    python -m training.silver --csv global_terrorism.csv --out annotations/events/silver/FILE
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from model.errors import InputError
from model.events.locations import country_code, country_name
from model.types import Document, DocumentMeta, GoldEvent
from training.corpus import write_documents

log = logging.getLogger(__name__)

SOURCE = ("Wikipedia lists of terrorist incidents "
          "(via SupChanda/Predicting-perpetrators-of-global-terrorism)")
LICENSE = "CC BY-SA 3.0"
_CITATION = re.compile(r"\[(?:\d+|citation needed|[a-z])\]")
_MIN_WORDS = 12


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """The CSV's rows as dicts.

    Raises:
        InputError: the file cannot be read as UTF-8 CSV (the message names it).
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a readable CSV ({type(exc).__name__}: {exc})") from None


def to_document(row: dict[str, str]) -> Document | None:
    """One CSV row as a silver article, or None when a field cannot be read."""
    try:
        day = dt.datetime.strptime(row["date"].strip(), "%B %d %Y").date()
        dead, injured = int(row["dead"]), int(row["injured"])
    except (ValueError, KeyError):
        return None
    text = " ".join(_CITATION.sub("", row.get("details") or "").split())
    code = country_code(row.get("location", "").rsplit(",", 1)[-1].strip())
    if code is None or len(text.split()) < _MIN_WORDS or dead < 0 or injured < 0:
        return None
    digest = hashlib.sha1(f"{day}|{text}".encode()).hexdigest()[:12]
    meta = DocumentMeta(published=day, source=SOURCE, labels=(), license=LICENSE, silver=True,
                        location=row["location"].strip(),
                        perpetrator=(row.get("perpetrator") or "").strip(),
                        attack_type=(row.get("type") or "").strip())
    event = GoldEvent(event_type=None, sub_event_type=None, date=day, time_precision=1,
                      country=country_name(code), fatalities=dead, injured=injured)
    return Document(id=f"silver_wpterror_{digest}", text=text, meta=meta, events=(event,))


def select(rows: Iterable[dict[str, str]], *, since: int, limit: int) -> list[Document]:
    """Readable rows from ``since`` on, one per id, the ``limit`` first by a stable hash."""
    docs = {d.id: d for d in map(to_document, rows)
            if d is not None and d.meta.published and d.meta.published.year >= since}
    return sorted(docs.values(), key=lambda d: d.id)[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--since", type=int, default=2000, help="first year kept")
    parser.add_argument("--limit", type=int, default=1000, help="articles kept")
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        parser.error(f"--csv {args.csv}: no such file")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        docs = select(read_rows(args.csv), since=args.since, limit=args.limit)
    except InputError as exc:
        parser.exit(2, f"{parser.prog}: error: {exc}\n")
    count = write_documents(docs, args.out)
    log.info("wrote %d silver articles to %s", count, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
