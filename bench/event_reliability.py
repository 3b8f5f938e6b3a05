"""The reliability of the event confidence the package ships, on a coded part: its ECE, what a
perfectly calibrated confidence would score on as many events (``ece_if_calibrated``), the
bootstrap interval, mean confidence against the share right, and a reliability diagram.

    .venv/bin/python bench/event_reliability.py [--part dev] [--svg docs/event-reliability.svg]
    .venv/bin/python bench/event_reliability.py --coders coder10,coder11   # some coders' articles

An event is right when the one-to-one matcher pairs it with a coded event of its type, as in
``conflict-ie calibrate-events`` and ``evaluate --events``. Unlike ``calibrate-events``, nothing
is fitted: the confidence is the one ``model/data/event_confidence.json`` gives.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.errors import AnnotationError, ModelLoadError  # noqa: E402
from model.extractor import Extractor  # noqa: E402
from training.event_confidence import bootstrap_ece, reliability, reliability_svg  # noqa: E402
from training.event_eval import confidence_figures, judged_confidence  # noqa: E402
from training.event_runs import load_event_sets, predict_events  # noqa: E402

log = logging.getLogger("event_reliability")


def _kept(coder: str | None, args: argparse.Namespace) -> bool:
    """Whether an article's coder passes ``--coders`` and ``--other-coders``."""
    if args.coders and coder not in args.coders.split(","):
        return False
    return not (args.other_coders and coder in args.other_coders.split(","))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    parser.add_argument("--data", type=Path, default=ROOT / "annotations" / "events")
    parser.add_argument("--part", default="dev", help="the coded part (a folder of --data)")
    parser.add_argument("--svg", type=Path, help="write the reliability diagram here")
    parser.add_argument("--coders", help="only the articles these coders coded (meta.coder, "
                        "comma-separated)")
    parser.add_argument("--other-coders", help="only the articles these coders did not code")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        sets = load_event_sets(args.data)
    except AnnotationError as exc:
        parser.error(f"{args.data}: {exc}")
    if args.part not in sets:
        parser.error(f"no coded part {args.part!r} under {args.data} (parts: {sorted(sets)})")
    docs = [d for d in sets[args.part] if _kept(getattr(d.meta, "coder", None), args)]
    if not docs:
        parser.error(f"no article of {args.part!r} is left by --coders / --other-coders")
    try:
        extractor = Extractor.load(args.model)
    except ModelLoadError as exc:
        parser.error(str(exc))
    judged = judged_confidence(docs, predict_events(docs, extractor))
    p = np.array([j.score for j in judged], dtype=float)
    y = np.array([j.correct for j in judged], dtype=float)
    figures = {
        "part": args.part, "articles": len(docs), "events": len(p), "right": int(y.sum()),
        **confidence_figures(judged),
        "ece_interval": bootstrap_ece(p, y),
        "mean_confidence": round(float(p.mean()), 4) if len(p) else None,
        "share_right": round(float(y.mean()), 4) if len(y) else None,
        "reliability": reliability(p, y),
    }
    print(json.dumps(figures, indent=1))
    if args.svg:
        title = f"events, {args.part}: ECE {figures['confidence_ece']} ({len(p)} events)"
        try:
            args.svg.write_text(reliability_svg(figures["reliability"], [], title),
                                encoding="utf-8")
        except OSError as exc:
            parser.error(f"cannot write {args.svg}: {exc.strerror or exc}")
        log.info("reliability diagram written to %s", args.svg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
