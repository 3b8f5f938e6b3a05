"""Leave-one-article-out cross-validation (or k folds of whole articles).

Each fold trains a model with ``training.train.train`` exactly as ``conflict-ie train`` would
(its own held-out article for early stopping comes from the training articles of the fold),
then scores the left-out article(s) with ``training.evaluate``.
"""

from __future__ import annotations

import logging
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.extractor import Extractor
from model.labels import LABELS
from model.types import Document
from training.config import TrainConfig
from training.evaluate import Scores, evaluate
from training.train import train

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fold:
    """One fold: the articles it held out, their scores, and the training time."""

    held_out: tuple[str, ...]
    scores: Scores
    train_seconds: float
    dev_scores: Scores | None = None  # the fold's model on the out-of-domain dev set


@dataclass(frozen=True)
class CVResult:
    folds: tuple[Fold, ...]
    labels: tuple[str, ...]

    def summary(self) -> dict[str, tuple[float, float]]:
        """Mean and sample standard deviation of F1 over folds, per label and micro/macro.

        A fold whose held-out articles have no span of a label and predict none is left out
        of that label's mean.
        """
        out: dict[str, tuple[float, float]] = {}
        for label in self.labels:
            values = [
                f.scores.per_label[label].f1
                for f in self.folds
                if f.scores.per_label[label].support or f.scores.per_label[label].predicted
            ]
            out[label] = _mean_std(values)
        out["micro"] = _mean_std([f.scores.micro.f1 for f in self.folds])
        out["macro"] = _mean_std([f.scores.macro.f1 for f in self.folds])
        return out

    def dev_summary(self) -> dict[str, tuple[float, float]] | None:
        """Mean and std over the fold models of their F1 on the dev set (labels it marks)."""
        devs = [f.dev_scores for f in self.folds if f.dev_scores is not None]
        if not devs:
            return None
        out = {label: _mean_std([d.per_label[label].f1 for d in devs])
               for label in self.labels if any(d.per_label[label].support for d in devs)}
        out["micro"] = _mean_std([d.micro.f1 for d in devs])
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "folds": [
                {"held_out": list(f.held_out), "train_seconds": f.train_seconds}
                | f.scores.to_json()
                for f in self.folds
            ],
            "summary": {k: {"mean": m, "std": s} for k, (m, s) in self.summary().items()},
            "dev_summary": {k: {"mean": m, "std": s}
                            for k, (m, s) in (self.dev_summary() or {}).items()},
        }


def document_folds(docs: Sequence[Document], folds: int | None = None) -> list[list[Document]]:
    """Split articles into folds: one per article (``None``) or ``folds`` round-robin groups.

    >>> docs = [Document(id=str(i), text="x") for i in range(5)]
    >>> [[d.id for d in f] for f in document_folds(docs, 2)]
    [['0', '2', '4'], ['1', '3']]
    """
    ordered = sorted(docs, key=lambda d: d.id)
    k = len(ordered) if folds is None else folds
    if not 2 <= k <= len(ordered):
        raise ValueError(f"{k} folds for {len(ordered)} documents; need 2 <= folds <= documents")
    return [ordered[i::k] for i in range(k)]


def cross_validate(
    docs: Sequence[Document],
    config: TrainConfig,
    *,
    folds: int | None = None,
    labels: Sequence[str] = LABELS,
    base: Path | None = None,
    transfer: Sequence[Document] = (),
    keep_models: Path | None = None,
    dev: Sequence[Document] = (),
    calibrate_on: Sequence[Document] = (),
    progress: bool = True,
) -> CVResult:
    """Train on all but one fold, score that fold, for every fold.

    ``base`` (the general-stage checkpoint, trained on the transfer corpora only, so it has
    seen no fold) and ``transfer`` are passed to every fold's ``train``. ``keep_models``: keep
    each fold's model there (``fold-<n>``, its held-out ids in ``meta.json``) for later
    re-scoring, e.g. with other decoders, windows or backends. ``dev``: documents no fold
    trains on (the transfer dev set), scored by every fold's model too; ``calibrate_on``:
    documents each fold's span scores are calibrated on, as ``train_model`` does.
    """
    results = []
    for number, held in enumerate(document_folds(docs, folds), start=1):
        held_ids = {d.id for d in held}
        train_docs = [d for d in docs if d.id not in held_ids]
        log.info("fold %d: holding out %s", number, sorted(held_ids))
        with tempfile.TemporaryDirectory(prefix="conflict-ie-cv-") as tmp:
            out = keep_models / f"fold-{number}" if keep_models else Path(tmp) / "model"
            started = time.perf_counter()
            path = train(train_docs, config, out, base=base, transfer=transfer,
                         calibrate_on=calibrate_on, progress=progress)
            seconds = time.perf_counter() - started
            model = Extractor.load(path, backend="torch")
            scores = evaluate(model, held, labels=labels)
            dev_scores = evaluate(model, dev, labels=labels) if dev else None
        log.info("fold %d: micro F1 %.3f (%.0f s)", number, scores.micro.f1, seconds)
        results.append(Fold(tuple(sorted(held_ids)), scores, round(seconds, 1), dev_scores))
    return CVResult(tuple(results), tuple(labels))


def format_table(result: CVResult) -> str:
    """A Markdown table: F1 per fold and label, then mean ± std (sample) over folds."""
    columns = [*result.labels, "micro", "macro"]
    lines = [
        "| held out | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for fold in result.folds:
        s = fold.scores
        cells = [_cell(s.per_label[lb].f1, s.per_label[lb].support) for lb in result.labels]
        cells += [f"{s.micro.f1:.3f}", f"{s.macro.f1:.3f}"]
        lines.append(f"| {', '.join(fold.held_out)} | " + " | ".join(cells) + " |")
    summary = result.summary()
    cells = [f"**{summary[c][0]:.3f} ± {summary[c][1]:.3f}**" for c in columns]
    lines.append("| mean ± std | " + " | ".join(cells) + " |")
    dev = result.dev_summary()
    if dev:
        lines += ["", "Out-of-domain dev set, each fold's model (mean ± std):", "",
                  "| " + " | ".join(dev) + " |", "|" + "---:|" * len(dev),
                  "| " + " | ".join(f"{m:.3f} ± {s:.3f}" for m, s in dev.values()) + " |"]
    return "\n".join(lines)


def _cell(f1: float, support: int) -> str:
    return f"{f1:.3f} ({support})"


def _mean_std(values: list[float]) -> tuple[float, float]:
    if not values:
        return (0.0, 0.0)
    std = statistics.stdev(values) if len(values) > 1 else 0.0
    return (statistics.fmean(values), std)
