"""Does the annotation loop pay? Rounds of annotation chosen by ``rank`` versus at random.

A simulation with the gold standing in for the annotator: start from the conflict seeds, then
in each round add ``--per-round`` articles from a pool the model has not seen, chosen by
``Extractor.rank`` (uncertainty with diversity) or at random (``--random-runs`` draws,
averaged), retrain, and score the transfer dev set. The pool is the GUM news and interview
documents of ``annotations/external/``; so that they are unseen, the models here train in
one stage from the bare encoder (``general=false``, no transfer mixing), the same for both
strategies. Prints F1 per round and writes a PNG.

    .venv/bin/python bench/active_learning.py --rounds 4 --per-round 4 --png docs/al.png
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.extractor import Extractor  # noqa: E402
from model.types import Article, Document  # noqa: E402
from training.config import TrainConfig  # noqa: E402
from training.corpus import load_documents, load_transfer  # noqa: E402
from training.evaluate import evaluate  # noqa: E402
from training.train import train  # noqa: E402

CONFIG = TrainConfig(general=False, transfer_share=0.0, early_stopping=False, max_epochs=6,
                     export_onnx=False)


def fit_and_score(docs: Sequence[Document], dev: Sequence[Document]) -> tuple[Extractor, float]:
    with tempfile.TemporaryDirectory(prefix="conflict-ie-al-") as tmp:
        extractor = Extractor.load(train(list(docs), CONFIG, Path(tmp) / "m", progress=False),
                                   backend="torch")
        return extractor, evaluate(extractor, dev).micro.f1


def run(strategy: str, start: tuple[Extractor, float], seeds: list[Document],
        pool: list[Document], dev: list[Document], rounds: int, per_round: int,
        seed: int) -> list[float]:
    """One strategy's F1 curve; ``start`` is the seeds-only model and its F1 (round 0)."""
    rng = random.Random(seed)
    chosen: list[Document] = []
    left = list(pool)
    extractor, f1 = start
    curve = [f1]
    for number in range(1, rounds + 1):
        if strategy == "rank":
            order = extractor.rank([Article(id=d.id, text=d.text) for d in left], top=per_round)
            picked_ids = {s.id for s in order}
            picked = [d for d in left if d.id in picked_ids]
        else:
            picked = rng.sample(left, per_round)
        chosen += picked
        left = [d for d in left if d not in picked]
        extractor, f1 = fit_and_score(seeds + chosen, dev)
        curve.append(f1)
        print(f"{strategy} (seed {seed}) round {number}: +{[d.id for d in picked]} "
              f"dev micro F1 {f1:.3f}", flush=True)
    return curve


def plot(curves: dict[str, list[float]], per_round: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    for name, curve in curves.items():
        ax.plot([i * per_round for i in range(len(curve))], curve, marker="o", label=name)
    ax.set_xlabel("articles annotated beyond the seeds")
    ax.set_ylabel("micro F1 on the transfer dev set")
    ax.set_title("Choosing what to annotate: rank vs random")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--per-round", type=int, default=4)
    parser.add_argument("--random-runs", type=int, default=2)
    parser.add_argument("--png", type=Path)
    parser.add_argument("--json", type=Path, help="write the curves here")
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    seeds = load_documents([ROOT / "annotations"])
    transfer, dev = load_transfer(ROOT / "annotations" / "external")
    pool = [d for d in transfer if d.id.startswith(("gum_news", "gum_interview"))]
    start = fit_and_score(seeds, dev)  # round 0 is the same model for every strategy
    print(f"seeds only: dev micro F1 {start[1]:.3f}", flush=True)
    curves = {"rank": run("rank", start, seeds, pool, dev, args.rounds, args.per_round, 0)}
    randoms = [run("random", start, seeds, pool, dev, args.rounds, args.per_round, s)
               for s in range(args.random_runs)]
    curves[f"random (mean of {len(randoms)})"] = [statistics.fmean(v) for v in zip(*randoms,
                                                                                      strict=True)]
    for name, curve in curves.items():
        print(f"{name}: " + " ".join(f"{f:.3f}" for f in curve))
    if args.json:
        args.json.write_text(json.dumps(curves | {"random_runs": randoms}, indent=2))
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        plot(curves, args.per_round, args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
