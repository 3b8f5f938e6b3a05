"""Calibrated span scores: temperature and a Platt map, fitted on held-out documents.

A span's raw score is its probability under the BIO-constrained distribution of the word
probabilities (``model.tagging.viterbi``). Two corrections make it mean what it says, both
fitted on documents the model never trained on (the transfer dev set at training time):

1. temperature ``T``: word logits are divided by ``T`` before the softmax (``T > 1`` softens
   an over-confident network), chosen on a grid to minimise the log loss of span correctness;
2. a Platt map on the span's log-odds, ``sigmoid(a * logit(p) + b)``, fitted by logistic
   regression (Newton steps) on the same spans: it corrects what one temperature cannot,
   e.g. spans joined from two segments, whose exact probability is low although they are
   usually right.

"Correct" means exact: same start, end and label as a gold span (what ``evaluate`` counts).
``expected_calibration_error`` is the usual binned ECE (equal-width bins, weighted by size).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from model.tagging.encoding import InferenceConfig, merge_window_probs
from model.tagging.tagger import Tagger
from model.tagging.viterbi import decode_spans
from model.types import Document, Span

TEMPERATURES = tuple(round(t, 2) for t in np.arange(0.6, 3.01, 0.1))
MIN_SPANS = 30  # fewer predicted spans than this: keep the identity map
_EPS = 1e-6


@dataclass(frozen=True)
class ScoredPrediction:
    """One predicted span's score and whether it is exactly right."""

    score: float
    correct: bool
    label: str


@dataclass(frozen=True)
class Calibration:
    temperature: float = 1.0
    scale: float = 1.0
    shift: float = 0.0
    spans: int = 0
    ece_before: float | None = None
    ece_after: float | None = None


def scored_predictions(tagger: Tagger, docs: Sequence[Document]) -> list[ScoredPrediction]:
    """Every predicted span of ``docs`` (labels each document annotates), scored and judged."""
    return judge(docs, tagger.predict_many([d.text for d in docs]))


def judge(docs: Sequence[Document], predicted: Sequence[Sequence[Span]]) -> list[ScoredPrediction]:
    """Each predicted span's score and whether it matches a gold span exactly."""
    out: list[ScoredPrediction] = []
    for doc, spans in zip(docs, predicted, strict=True):
        wanted = set(doc.meta.annotated())
        gold = {s.key for s in doc.spans if s.label in wanted}
        out += [
            ScoredPrediction(float(s.score if s.score is not None else 0.0), s.key in gold,
                             s.label)
            for s in spans if s.label in wanted
        ]
    return out


def expected_calibration_error(predictions: Sequence[ScoredPrediction], bins: int = 10) -> float:
    """Binned ECE: sum over equal-width score bins of share x |accuracy - mean score|.

    >>> expected_calibration_error([ScoredPrediction(0.9, True, "DATE"),
    ...                             ScoredPrediction(0.9, False, "DATE")])
    0.4
    """
    if not predictions:
        return 0.0
    scores = np.array([p.score for p in predictions])
    correct = np.array([p.correct for p in predictions], dtype=float)
    index = np.minimum((scores * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        inside = index == b
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - scores[inside].mean())
    return round(float(total), 4)


def fit(tagger: Tagger, docs: Sequence[Document]) -> Calibration:
    """Temperature then Platt map fitted on ``docs`` (the network runs once)."""
    encoded = [tagger.encode(d.text) for d in docs]
    logits = tagger.window_scores(encoded)

    def predictions(temperature: float) -> list[ScoredPrediction]:
        inference = _with(tagger.inference, temperature=temperature, scale=1.0, shift=0.0)
        spans = [decode_spans(merge_window_probs(e, s, temperature=temperature), e.words,
                              d.text, inference)
                 for d, e, s in zip(docs, encoded, logits, strict=True)]
        return judge(docs, spans)

    best = min(TEMPERATURES, key=lambda t: _log_loss(predictions(t)))
    raw = predictions(best)
    if len(raw) < MIN_SPANS:
        return Calibration(temperature=best, spans=len(raw))
    scale, shift = platt(raw)
    after = [dataclasses.replace(p, score=platt_score(p.score, scale, shift)) for p in raw]
    return Calibration(best, round(scale, 4), round(shift, 4), len(raw),
                       expected_calibration_error(raw), expected_calibration_error(after))


def apply(inference: InferenceConfig, calibration: Calibration) -> InferenceConfig:
    """``inference`` with the calibration's temperature and Platt map."""
    return _with(inference, temperature=calibration.temperature, scale=calibration.scale,
                 shift=calibration.shift)


def platt(predictions: Sequence[ScoredPrediction], steps: int = 25) -> tuple[float, float]:
    """Logistic regression of correctness on the score's log-odds: ``(a, b)``.

    >>> preds = [ScoredPrediction(s, c, "X") for s, c in [(0.9, True)] * 8 + [(0.9, False)] * 2
    ...          + [(0.3, True)] * 5 + [(0.3, False)] * 5]
    >>> [round(v, 2) for v in platt(preds)]
    [0.46, 0.39]
    """
    x = np.array([_logit(p.score) for p in predictions])
    y = np.array([p.correct for p in predictions], dtype=float)
    design = np.stack([x, np.ones_like(x)], axis=1)

    def loss(w: np.ndarray) -> float:
        z = design @ w
        return float(np.mean(np.logaddexp(0.0, z) - y * z))

    w = np.array([1.0, 0.0])
    for _ in range(steps):  # Newton's method with backtracking: the log loss is convex
        p = 1 / (1 + np.exp(-(design @ w)))
        gradient = design.T @ (p - y) / len(y)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) / len(y) + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        while size > 1e-4 and loss(w - size * step) > loss(w):
            size /= 2
        w = w - size * step
    return float(w[0]), float(w[1])


def platt_score(score: float, scale: float, shift: float) -> float:
    """``sigmoid(scale * logit(score) + shift)``.

    >>> platt_score(0.5, 1.0, 0.0)
    0.5
    """
    return sigmoid(scale * _logit(score) + shift)


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large ``|z|``."""
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def _logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def _log_loss(predictions: Sequence[ScoredPrediction]) -> float:
    if not predictions:
        return 0.0
    p = np.clip([x.score for x in predictions], _EPS, 1 - _EPS)
    y = np.array([x.correct for x in predictions], dtype=float)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def _with(inference: InferenceConfig, **changes: float) -> InferenceConfig:
    return dataclasses.replace(inference, **changes)
