"""The modality grid: the reports of ``bench/phrases/modality.json`` through the whole
extractor (spans from the model).

    .venv/bin/python bench/modality_grid.py [--model models/current] [--json]

A coder who saw no code wrote 6 reports for each of 25 kinds of news that tell of violence
without an incident of their own (a threat, a trial, an anniversary, a year's figures, a denied
rumour, talks without a deal, a sport report ...): 4 with no incident, of one to ten sentences,
and 2 where an incident of the article is told beside the same frame. A report with no incident
is right when the table gives no event; one with an incident is judged as a probe is
(``bench/probes.py``: country, admin1, counts, type, day, one event). Printed: right / reports
by kind and field, then each report read wrong.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grid_cli import run_grid  # noqa: E402
from probes import render_groups, score_groups  # noqa: E402

from model.extractor import Extractor  # noqa: E402

INVENTORY = ROOT / "bench" / "phrases" / "modality.json"
PUBLISHED = dt.date(2024, 3, 20)  # a Wednesday: "on Monday" is two days before


def score(extractor: Extractor, inventory: dict[str, Any]) -> dict[str, Any]:
    """Right / reports by kind of news and field, and the reports read wrong."""
    reports = [{**r, "events": int(r["incident"])} for r in inventory["reports"]]
    return score_groups(reports, extractor, "kind", PUBLISHED)


def main(argv: list[str] | None = None) -> int:
    return run_grid(__doc__ or "", INVENTORY, score, lambda f: render_groups(f, "kind"), argv)


if __name__ == "__main__":
    raise SystemExit(main())
