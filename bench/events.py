"""Event-level ablation: the same event reading over gold spans and over each model's spans.

    .venv/bin/python bench/events.py --models models/A models/B [--gold-spans] [--json]

Prints one table per source of spans (``training.event_eval.format_event_scores``) over every
set of ``--data`` (default ``annotations/events``: train, dev, second, silver). Gold spans
measure the event reading alone; each model measures tagger + reading. The dev part is never
trained on; comparing models trained with and without the coded train part shows what the
learned spans add.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.extractor import Extractor  # noqa: E402
from training.event_eval import format_event_scores  # noqa: E402
from training.event_runs import evaluate_event_sets, load_event_sets  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "annotations" / "events")
    parser.add_argument("--models", type=Path, nargs="*", default=[])
    parser.add_argument("--gold-spans", action="store_true", help="also score over gold spans")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    sets = load_event_sets(args.data)
    sources: list[tuple[str, Extractor | None]] = []
    if args.gold_spans:
        sources.append(("gold spans", None))
    for path in args.models:
        if not path.is_dir():
            print(f"bench/events.py: no model at {path}", file=sys.stderr)
            return 2
        sources.append((path.resolve().name, Extractor.load(path)))
    if not sources:
        print("bench/events.py: give --models and/or --gold-spans", file=sys.stderr)
        return 2
    out = {}
    for name, extractor in sources:
        started = time.perf_counter()
        results = evaluate_event_sets(sets, extractor)
        seconds = time.perf_counter() - started
        out[name] = {"seconds": round(seconds, 1)} | {k: v.to_json() for k, v in results.items()}
        if not args.json:
            print(f"== {name} ({seconds:.0f} s)")
            print(format_event_scores(results))
    if args.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
