"""The type grid: the one-incident reports of ``bench/phrases/types.json`` (every ACLED event
type and sub-event type) through the whole extractor (spans from the model).

    .venv/bin/python bench/type_grid.py [--model models/current] [--json]

A report is right on the type when one of the table's events (running totals aside) has the
coder's event type, and on the sub-type when one has both. Printed: right / reports by
sub-event type, then each report read wrong with the types the table gave.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grid_cli import run_grid  # noqa: E402

from model.extractor import Extractor  # noqa: E402
from model.types import Article  # noqa: E402

INVENTORY = ROOT / "bench" / "phrases" / "types.json"
PUBLISHED = dt.date(2024, 3, 20)  # a Wednesday: "on Monday" is two days before


def score(extractor: Extractor, inventory: dict[str, Any]) -> dict[str, Any]:
    """Right / reports by sub-event type, and the reports read wrong."""
    reports = inventory["reports"]
    results = extractor.extract_many([Article(text=r["text"], published=PUBLISHED)
                                      for r in reports])
    total: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    subtyped: Counter[str] = Counter()
    wrong = []
    for report, result in zip(reports, results, strict=True):
        got = [(e.event_type, e.sub_event_type) for e in result.events if not e.cumulative]
        sub = report["sub_event_type"]
        total[sub] += 1
        typed[sub] += any(t == report["event_type"] for t, _ in got)
        right = (report["event_type"], sub) in got
        subtyped[sub] += right
        if not right:
            wrong.append({"want": [report["event_type"], sub], "got": got, "text": report["text"]})
    return {
        "sub_event_types": {s: {"type": typed[s], "sub_type": subtyped[s], "reports": total[s]}
                            for s in sorted(total)},
        "type": sum(typed.values()), "sub_type": sum(subtyped.values()),
        "reports": sum(total.values()), "wrong": wrong,
    }


def _render(figures: dict[str, Any]) -> None:
    print("| sub-event type | type right | sub-type right |\n|---|---:|---:|")
    for sub, counts in figures["sub_event_types"].items():
        print(f"| {sub} | {counts['type']}/{counts['reports']} | "
              f"{counts['sub_type']}/{counts['reports']} |")
    print(f"| **all** | **{figures['type']}/{figures['reports']}** | "
          f"**{figures['sub_type']}/{figures['reports']}** |")
    for item in figures["wrong"]:
        print(f"- want {item['want']}, got {item['got']}: {item['text']}")


def main(argv: list[str] | None = None) -> int:
    return run_grid(__doc__ or "", INVENTORY, score, _render, argv)


if __name__ == "__main__":
    raise SystemExit(main())
