"""Fit the measured event confidence: logistic weights on the coded train part, a Platt map on
their out-of-fold probabilities (five folds of the train part) kept only where it lowers their
out-of-fold log loss, then a Platt map on the dev part's events (the calibration step) kept only
where, cross-fitted over five folds of the dev events, it lowers their log loss; the expected
calibration error (ECE) on the dev part, in sample and cross-fitted, and a reliability diagram.

An example is one predicted event; it is right when the one-to-one matcher pairs it with a
coded event of the same type (``training.event_eval``). The fit is written to
``model/data/event_confidence.json`` and read by ``model.events.confidence``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model.events.assembly import event_fields
from model.events.confidence import EVENT_FEATURES, event_features
from model.extractor import Extractor
from model.types import Article, Document, Extraction
from training.calibrate import (
    ScoredPrediction,
    ece_if_calibrated,
    expected_calibration_error,
    fit_logistic,
    platt,
)
from training.event_eval import gold_view, match, predicted_view

log = logging.getLogger(__name__)

L2 = 0.01  # weight penalty of the logistic fit (few examples: keep the weights small)
BINS = 10
FOLDS = 5


@dataclass(frozen=True)
class Examples:
    """Features, labels and the hand-set confidence of predicted events."""

    features: np.ndarray
    right: np.ndarray
    prior: np.ndarray  # the trigger prior x mean span score (the confidence before this fit)


def examples(docs: Sequence[Document], extractions: Sequence[Extraction]) -> Examples:
    """One row per predicted event of coded ``docs``: its features and whether it is right."""
    rows, labels, priors = [], [], []
    for doc, extraction in zip(docs, extractions, strict=True):
        scores = {s.key: s.score for s in extraction.spans}
        gold = [gold_view(e, doc.text, doc.meta.published) for e in doc.events or ()]
        pred = [predicted_view(e) for e in extraction.events]
        pairs = dict((j, i) for i, j in match(gold, pred))
        for j, event in enumerate(extraction.events):
            found = event_features(event, [scores.get(key) for key in event_fields(event)])
            rows.append(found)
            labels.append(j in pairs and gold[pairs[j]].event_type == event.event_type)
            priors.append(found[0] * found[1])
    return Examples(np.array(rows, dtype=float).reshape(-1, len(EVENT_FEATURES)),
                    np.array(labels, dtype=float), np.array(priors, dtype=float))


def predict(extractor: Extractor, docs: Sequence[Document]) -> list[Extraction]:
    return extractor.extract_many([Article(text=d.text, published=d.meta.published)
                                   for d in docs])


def _scored(p: np.ndarray, y: np.ndarray) -> list[ScoredPrediction]:
    return [ScoredPrediction(float(a), bool(b), "EVENT") for a, b in zip(p, y, strict=True)]


def _design(x: Examples) -> np.ndarray:
    return np.hstack([x.features, np.ones((len(x.right), 1))])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.clip(1 / (1 + np.exp(-z)), 1e-6, 1 - 1e-6)


def out_of_fold(train: Examples, folds: int = FOLDS) -> np.ndarray:
    """Each train event's logistic probability from a fit on the other folds (event ``i`` is
    in fold ``i % folds``)."""
    fold = np.arange(len(train.right)) % folds
    design, p = _design(train), np.zeros(len(train.right))
    for k in range(folds):
        rest = fold != k
        if rest.all() or not 0 < train.right[rest].mean() < 1:
            continue
        weights = fit_logistic(design[rest], train.right[rest], l2=L2)
        p[~rest] = _sigmoid(design[~rest] @ weights)
    return p


def fit(train: Examples, dev: Examples) -> dict[str, Any]:
    """Logistic weights on ``train``, the Platt map on their out-of-fold probabilities, a Platt
    map on ``dev`` where its cross-fitted log loss is lower, and the figures of each. The
    weights never see ``dev``; ``ece_dev_crossfit`` is the dev ECE no dev event's own map made."""
    if not len(train.right) or not 0 < train.right.mean() < 1:
        raise ValueError("the train part needs right and wrong predicted events to fit on")
    weights = fit_logistic(_design(train), train.right, l2=L2)

    def raw(x: Examples) -> np.ndarray:
        return _sigmoid(_design(x) @ weights)

    oof = out_of_fold(train)
    scale, shift = _platt_map(oof, train.right)
    mapped = _mapped_out_of_fold(oof, train.right)
    loss_raw, loss_mapped = log_loss(oof, train.right), log_loss(mapped, train.right)
    if loss_mapped >= loss_raw:  # the map does not help out of fold: the fit's own probability
        scale, shift = 1.0, 0.0

    def calibrated(x: Examples) -> np.ndarray:
        z = raw(x)
        return _sigmoid(scale * np.log(z / (1 - z)) + shift)

    # The dev part calibrates: a Platt map on its events, kept only where the map fitted on the
    # other folds lowers each fold's log loss (cross-fitted: no dev event is judged by a map
    # fitted on it).
    before = calibrated(dev)
    crossfit = _mapped_out_of_fold(before, dev.right) if 0 < dev.right.mean() < 1 else before
    dev_map = log_loss(crossfit, dev.right) < log_loss(before, dev.right)
    if dev_map:
        a, b = _platt_map(before, dev.right)
        scale, shift = a * scale, a * shift + b  # one map: the train map, then the dev map
    dev_p = calibrated(dev)
    record = {
        "train_events": len(train.right), "train_right": int(train.right.sum()),
        "train_oof_log_loss": round(loss_raw, 4), "train_oof_log_loss_platt": round(loss_mapped, 4),
        "dev_events": len(dev.right), "dev_right": int(dev.right.sum()),
        "ece_dev_prior": expected_calibration_error(_scored(dev.prior, dev.right), BINS),
        "ece_dev_logistic": expected_calibration_error(_scored(raw(dev), dev.right), BINS),
        "dev_platt": dev_map,
        "dev_log_loss": round(log_loss(before, dev.right), 4),
        "dev_log_loss_crossfit": round(log_loss(crossfit, dev.right), 4),
        "ece_dev_before_dev_map": expected_calibration_error(_scored(before, dev.right), BINS),
        "ece_dev_crossfit": expected_calibration_error(
            _scored(crossfit if dev_map else before, dev.right), BINS),
        "ece_dev": expected_calibration_error(_scored(dev_p, dev.right), BINS),
        "ece_dev_interval": bootstrap_ece(dev_p, dev.right),
        "ece_dev_if_calibrated": ece_if_calibrated(list(dev_p)),
        "ece_train": expected_calibration_error(_scored(calibrated(train), train.right), BINS),
        "reliability_dev": reliability(dev_p, dev.right),
        "reliability_dev_prior": reliability(dev.prior, dev.right),
    }
    return {"features": list(EVENT_FEATURES),
            "weights": [round(float(w), 6) for w in weights],
            "platt": [round(scale, 6), round(shift, 6)], "record": record}


def _platt_map(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt's map of ``p`` to ``y``; the base rate where ``p`` does not rank right above wrong."""
    scale, shift = platt(_scored(p, y))
    if scale <= 0:
        return 0.0, float(np.log(y.mean() / (1 - y.mean())))
    return scale, shift


def _mapped_out_of_fold(p: np.ndarray, y: np.ndarray, folds: int = FOLDS) -> np.ndarray:
    """Each probability mapped by a Platt map fitted on the other folds' (the map's own
    out-of-fold figure, to compare with ``p`` unmapped)."""
    fold = np.arange(len(y)) % folds
    out = p.copy()
    for k in range(folds):
        rest = fold != k
        if not 0 < y[rest].mean() < 1:
            continue
        scale, shift = _platt_map(p[rest], y[rest])
        z = np.log(p[~rest] / (1 - p[~rest]))
        out[~rest] = _sigmoid(scale * z + shift)
    return out


def bootstrap_ece(p: np.ndarray, y: np.ndarray, draws: int = 1000,
                  seed: int = 0) -> list[float]:
    """The 5th and 95th percentiles of the ECE over ``draws`` resamples of the events: how far
    a figure on a few dozen events can move by chance."""
    if not len(y):
        return []
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(draws):
        pick = rng.integers(0, len(y), len(y))
        values.append(expected_calibration_error(_scored(p[pick], y[pick]), BINS))
    return [round(float(v), 4) for v in np.percentile(values, [5, 95])]


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of ``y`` under ``p``."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def reliability(p: np.ndarray, y: np.ndarray, bins: int = BINS) -> list[dict[str, float]]:
    """Per equal-width bin with events: its range, count, mean confidence and accuracy."""
    index = np.minimum((p * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        inside = index == b
        if inside.any():
            out.append({"low": b / bins, "high": (b + 1) / bins, "events": int(inside.sum()),
                        "confidence": round(float(p[inside].mean()), 4),
                        "accuracy": round(float(y[inside].mean()), 4)})
    return out


def write(fitted: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
    log.info("event confidence written to %s", path)


def reliability_svg(rows: Sequence[dict[str, float]], prior: Sequence[dict[str, float]],
                    title: str) -> str:
    """A reliability diagram: accuracy per confidence bin (bars, measured model; dots, the
    hand-set confidence), the diagonal for perfect calibration."""
    size, pad = 320, 40
    scale = size - 2 * pad

    def xy(x: float, y: float) -> tuple[float, float]:
        return pad + x * scale, size - pad - y * scale

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
             f'font-family="sans-serif" font-size="10">',
             f'<text x="{size / 2}" y="16" text-anchor="middle">{title}</text>',
             f'<rect x="{pad}" y="{pad}" width="{scale}" height="{scale}" fill="none" '
             'stroke="#999"/>',
             '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999" stroke-dasharray="4"/>'.format(
                 *xy(0, 0), *xy(1, 1))]
    for row in rows:
        x0, y0 = xy(row["low"], row["accuracy"])
        parts.append(f'<rect x="{x0 + 1:.1f}" y="{y0:.1f}" width="{scale / BINS - 2:.1f}" '
                     f'height="{size - pad - y0:.1f}" fill="#4a7ab5"><title>{row["events"]} '
                     f'events, confidence {row["confidence"]}</title></rect>')
    for row in prior:
        cx, cy = xy(row["confidence"], row["accuracy"])
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#e07b39"/>')
    parts += [f'<text x="{size / 2}" y="{size - 8}" text-anchor="middle">confidence</text>',
              f'<text x="12" y="{size / 2}" transform="rotate(-90 12 {size / 2})" '
              'text-anchor="middle">share right</text>', "</svg>"]
    return "\n".join(parts) + "\n"
