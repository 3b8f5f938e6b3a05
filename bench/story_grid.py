"""The story grid: the reports of ``bench/phrases/stories.json`` through the whole extractor
(spans from the model).

    .venv/bin/python bench/story_grid.py [--model models/current] [--json]

A coder who saw no code invented 30 incidents and told each in 5 ways: a brief; a wire story
whose later sentences refer back to it; an article whose toll is updated and broken down; a
press release; an article that recalls older incidents as background. Each should be one event
with the same answer. 20 more reports tell two incidents each. Judged as a probe is
(``bench/probes.py``: country, admin1, counts, type, day, and the number of events). Printed:
right / reports by way of telling and field, then each report read wrong.
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

INVENTORY = ROOT / "bench" / "phrases" / "stories.json"
PUBLISHED = dt.date(2024, 3, 20)  # a Wednesday: "on Monday" is two days before


def score(extractor: Extractor, inventory: dict[str, Any]) -> dict[str, Any]:
    """Right / reports by way of telling and field, and the reports read wrong."""
    reports = [{**r, "incident": True} for r in inventory["reports"]]
    return score_groups(reports, extractor, "telling", PUBLISHED)


def main(argv: list[str] | None = None) -> int:
    return run_grid(__doc__ or "", INVENTORY, score, lambda f: render_groups(f, "telling"), argv)


if __name__ == "__main__":
    raise SystemExit(main())
