"""Score the event table on the silver pool: the Wikipedia terrorism rows the silver check set
does not hold (the pool ``training.casualty_kind`` draws its examples from), one article a row.

    .venv/bin/python bench/silver_pool.py --csv global_terrorism.csv [--model models/current]
                                          [--rows rows.jsonl] [--json]

``global_terrorism.csv`` is in the SupChanda/Predicting-perpetrators-of-global-terrorism
repository (``annotations/events/README.md``); it is not committed. The rows are crowd-coded
(silver): a row's dead and injured figures are sometimes not those its description tells, so
no figure here reaches 100%. The pool is where the reading is developed and checked; the
committed silver set (``annotations/events/silver/``) and the coded dev part stay checks nobody
reads. Each row is extracted alone, as the service extracts an article. Figures: killed right
(the article's total against the row's dead figure; "written": rows whose dead figure is
written in the description), someone killed right, injured right, events per report (running
totals aside; a row is one incident, though a few descriptions tell two), and the row's
country among the countries of the table's events (right), none placed, or only other
countries (wrong).
``--rows`` writes each row's figures as JSON lines to compare two versions of the reading.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.errors import InputError  # noqa: E402
from model.events.locations import country_code  # noqa: E402
from model.extractor import Extractor  # noqa: E402
from model.types import Article, Document  # noqa: E402
from training.casualty_kind import pool  # noqa: E402
from training.event_eval import written_count  # noqa: E402

SILVER = ROOT / "annotations" / "events" / "silver" / "wikipedia_terrorism_cc_by_sa.jsonl"


def row_figures(doc: Document, extractor: Extractor) -> dict[str, object]:
    """One row's gold and predicted totals and countries."""
    (gold,) = doc.events
    events = [e for e in extractor.extract(Article(text=doc.text, published=doc.meta.published))
              .events if not e.cumulative]
    codes = {loc.country_code for e in events for loc in e.locations[:1] if loc.country_code}
    code = country_code(gold.country or "")
    return {"id": doc.id, "killed": gold.fatalities, "injured": gold.injured,
            "predicted_killed": sum(e.fatalities for e in events),
            "predicted_injured": sum(e.injured for e in events),
            "written": bool(gold.fatalities and written_count(doc.text, gold.fatalities)),
            "events": len(events),
            "country": "none" if not codes else "right" if code in codes else "wrong"}


def summary(rows: list[dict[str, object]]) -> dict[str, object]:
    written = [r for r in rows if r["written"]]

    def share(part: list[dict[str, object]], key: str) -> float:
        return round(sum(r[f"predicted_{key}"] == r[key] for r in part) / max(len(part), 1), 4)

    return {"rows": len(rows), "killed_right": share(rows, "killed"),
            "killed_right_written": share(written, "killed"), "written_rows": len(written),
            "someone_killed_right": round(sum(
                (r["predicted_killed"] > 0) == (r["killed"] > 0) for r in rows) / len(rows), 4),
            "injured_right": share(rows, "injured"),
            "events_per_report": round(sum(r["events"] for r in rows) / len(rows), 4),
            "reports_with_several_events": sum(r["events"] > 1 for r in rows),
            "country": dict(Counter(r["country"] for r in rows))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True, help="global_terrorism.csv")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    parser.add_argument("--rows", type=Path, help="write each row's figures here (JSON lines)")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not args.csv.is_file():
        parser.error(f"--csv {args.csv}: no such file")
    if not (args.model / "tagger.json").is_file():
        parser.error(f"not a model directory (no tagger.json): {args.model}")
    try:
        docs = pool(args.csv, SILVER)
    except InputError as exc:
        parser.error(f"--csv {exc}")
    if not docs:
        parser.error(f"--csv {args.csv}: no readable row (expected global_terrorism.csv's "
                     "columns date, dead, injured, location, details)")
    extractor = Extractor.load(args.model)
    rows = [row_figures(doc, extractor) for doc in tqdm(docs, desc="pool rows", unit="row")]
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    figures = summary(rows)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
