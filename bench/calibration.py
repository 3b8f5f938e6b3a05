"""Expected calibration error of span scores on cross-validated predictions, and a diagram.

For each fold model of ``conflict-ie cv --keep-models DIR`` (each already calibrated on the
transfer dev set when it was trained, ``training.calibrate``): predict the seed article it did
not train on, and judge every predicted span (exact start, end and label). Prints the ECE
(10 equal-width bins), overall and per label, of

- ``raw``: no calibration (temperature 1, no Platt map);
- ``dev``: the calibration fitted at training time on the transfer dev set;
- ``dev + cross-validated``: what ``conflict-ie calibrate --folds DIR`` does, cross-fitted:
  fold k's Platt map is refitted on its dev predictions and the *other* folds' held-out
  predictions (never on the article it is judged on), the two sources weighing the same;

and writes a reliability diagram PNG.

    .venv/bin/python bench/calibration.py --folds /tmp/folds --png docs/reliability.png

(``--folds``: the ``--keep-models`` folder of ``conflict-ie cv``.)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.tagging.tagger import Tagger  # noqa: E402
from training.calibrate import (  # noqa: E402
    ScoredPrediction,
    expected_calibration_error,
    platt_score,
    platt_sources,
    scored_predictions,
    unmapped,
)
from training.corpus import load_documents  # noqa: E402


def predictions(folds: Path, data: Path, dev: Path) -> dict[str, list[ScoredPrediction]]:
    """The three calibrations' scores of every fold's held-out predictions (see above)."""
    docs, dev_docs = load_documents([data]), load_documents([dev])
    held: list[list[ScoredPrediction]] = []
    on_dev: list[list[ScoredPrediction]] = []
    raw: list[ScoredPrediction] = []
    shipped: list[ScoredPrediction] = []
    for model in sorted(p for p in folds.glob("fold-*") if p.is_dir()):
        trained = set(json.loads((model / "meta.json").read_text())["data"]["documents"])
        test = [d for d in docs if d.id not in trained]
        shipped += scored_predictions(Tagger.load(model, backend="torch"), test)
        bare = Tagger.load(model, backend="torch")
        bare.inference = dataclasses.replace(bare.inference, temperature=1.0, scale=1.0,
                                             shift=0.0)
        raw += scored_predictions(bare, test)
        tagger = unmapped(Tagger.load(model, backend="torch"))
        held.append(scored_predictions(tagger, test))
        on_dev.append(scored_predictions(tagger, dev_docs))
    refitted: list[ScoredPrediction] = []
    for k, preds in enumerate(held):
        others = [p for j, fold in enumerate(held) if j != k for p in fold]
        scale, shift = platt_sources([on_dev[k], others])
        refitted += [dataclasses.replace(p, score=platt_score(p.score, scale, shift))
                     for p in preds]
    return {"raw": raw, "dev": shipped, "dev + cross-validated": refitted}


def diagram(named: dict[str, list[ScoredPrediction]], path: Path, bins: int = 10) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect")
    for name, preds in named.items():
        xs, ys, sizes = [], [], []
        for b in range(bins):
            inside = [p for p in preds if min(int(p.score * bins), bins - 1) == b]
            if inside:
                xs.append(sum(p.score for p in inside) / len(inside))
                ys.append(sum(p.correct for p in inside) / len(inside))
                sizes.append(12 + 2 * len(inside))
        ece = expected_calibration_error(preds)
        ax.plot(xs, ys, marker="o", label=f"{name} (ECE {ece:.3f}, {len(preds)} spans)")
    ax.set_xlabel("span score (mean in bin)")
    ax.set_ylabel("share of spans exactly right")
    ax.set_title("Span scores on cross-validated seed predictions")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=ROOT / "annotations")
    parser.add_argument("--dev", type=Path, default=ROOT / "annotations" / "external" / "dev")
    parser.add_argument("--png", type=Path, help="write the reliability diagram here")
    args = parser.parse_args(argv)
    named = predictions(args.folds, args.data, args.dev)
    for name, preds in named.items():
        labels = sorted({p.label for p in preds})
        per_label = {lb: expected_calibration_error([p for p in preds if p.label == lb])
                     for lb in labels}
        print(f"{name}: ECE {expected_calibration_error(preds):.4f} over {len(preds)} spans; "
              f"per label {per_label}")
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        diagram(named, args.png)
        print(f"reliability diagram: {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
