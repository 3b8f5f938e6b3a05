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

The transfer dev set is general news: on conflict articles the model is surer than it is
right more often (on the seeds' cross-validated predictions the dev-fitted map leaves an ECE of
about 0.08). ``recalibrate`` refits the Platt map of a trained model on the dev set *and*
cross-validated conflict predictions (each fold model of ``conflict-ie cv --keep-models`` on
the article it did not train on), the two sources weighing the same: ``conflict-ie calibrate``.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model.tagging import META_FILE, TAGGER_FILE
from model.tagging.encoding import InferenceConfig, merge_window_probs
from model.tagging.tagger import Tagger
from model.tagging.torch_backend import write_json
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


def ece_if_calibrated(scores: Sequence[float], bins: int = 10, draws: int = 1000,
                      seed: int = 0) -> float:
    """The mean binned ECE that a perfectly calibrated score would get on this many predictions
    with these scores: each drawn right with the probability its score states, ``draws``
    times. On a few dozen predictions it is far above 0 (chance alone), which is what an ECE
    measured on so few can be compared with.

    >>> ece_if_calibrated([0.5] * 40) > 0.05, ece_if_calibrated([0.5] * 4000) < 0.02
    (True, True)
    """
    if not scores:
        return 0.0
    p = np.array(scores, dtype=float)
    index = np.minimum((p * bins).astype(int), bins - 1)
    draws_right = np.random.default_rng(seed).random((draws, len(p))) < p
    total = np.zeros(draws)
    for b in range(bins):
        inside = index == b
        if inside.any():
            gap = np.abs(draws_right[:, inside].mean(axis=1) - p[inside].mean())
            total += inside.mean() * gap
    return round(float(total.mean()), 4)


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


def platt(predictions: Sequence[ScoredPrediction], steps: int = 25,
          weights: Sequence[float] | None = None) -> tuple[float, float]:
    """Logistic regression of correctness on the score's log-odds: ``(a, b)``; each
    prediction counts ``weights[i]`` times (default once).

    >>> preds = [ScoredPrediction(s, c, "X") for s, c in [(0.9, True)] * 8 + [(0.9, False)] * 2
    ...          + [(0.3, True)] * 5 + [(0.3, False)] * 5]
    >>> [round(v, 2) for v in platt(preds)]
    [0.46, 0.39]
    """
    x = np.array([_logit(p.score) for p in predictions])
    y = np.array([p.correct for p in predictions], dtype=float)
    design = np.stack([x, np.ones_like(x)], axis=1)
    w = fit_logistic(design, y, weights=weights, start=np.array([1.0, 0.0]), steps=steps)
    return float(w[0]), float(w[1])


def fit_logistic(design: np.ndarray, y: np.ndarray, *, weights: Sequence[float] | None = None,
                 l2: float = 0.0, start: np.ndarray | None = None,
                 steps: int = 25) -> np.ndarray:
    """Weights ``w`` of the logistic regression ``P(y) = sigmoid(design @ w)``, by Newton's
    method with backtracking (the log loss is convex); ``l2`` penalises every weight but the
    last column's (the intercept); row ``i`` counts ``weights[i]`` times.

    >>> x = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0], [3.0, 1.0]])
    >>> w = fit_logistic(x, np.array([0.0, 0.0, 1.0, 1.0]), l2=0.1)
    >>> bool(w[0] > 0)
    True
    """
    v = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    v = v / v.sum()
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0

    def loss(w: np.ndarray) -> float:
        z = design @ w
        return float(np.sum(v * (np.logaddexp(0.0, z) - y * z)) + 0.5 * penalty @ (w * w))

    w = np.zeros(design.shape[1]) if start is None else start.astype(float)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(design @ w)))
        gradient = design.T @ (v * (p - y)) + penalty * w
        hessian = (design.T @ (design * (v * p * (1 - p))[:, None]) + np.diag(penalty)
                   + 1e-6 * np.eye(design.shape[1]))
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        while size > 1e-4 and loss(w - size * step) > loss(w):
            size /= 2
        w = w - size * step
    return w


def platt_sources(sources: Sequence[Sequence[ScoredPrediction]]) -> tuple[float, float]:
    """The Platt map fitted on several sources of predictions, each weighing the same in all
    (so a few hundred dev spans do not drown a few hundred conflict spans, or the reverse)."""
    kept = [list(s) for s in sources if s]
    if not kept:
        return 1.0, 0.0
    weights = [1.0 / len(s) for s in kept for _ in s]
    return platt([p for s in kept for p in s], weights=weights)


def unmapped(tagger: Tagger) -> Tagger:
    """``tagger`` scoring at its temperature without its Platt map (the map's input)."""
    tagger.inference = _with(tagger.inference, scale=1.0, shift=0.0)
    return tagger


def cross_validated(folds: Sequence[Path], docs: Sequence[Document]) -> list[ScoredPrediction]:
    """Each fold model's predictions on the documents of ``docs`` it did not train on
    (at its own temperature, without its Platt map)."""
    out: list[ScoredPrediction] = []
    for model in folds:
        meta = json.loads((model / META_FILE).read_text(encoding="utf-8"))
        trained = set(meta["data"]["documents"])
        held_out = [d for d in docs if d.id not in trained]
        if held_out:
            out += scored_predictions(unmapped(Tagger.load(model, backend="torch")), held_out)
    return out


def recalibrate(model_dir: Path, dev: Sequence[Document], folds: Sequence[Path],
                docs: Sequence[Document]) -> dict[str, Any]:
    """Refit ``model_dir``'s Platt map on ``dev`` and the folds' cross-validated predictions
    of ``docs``, and write it into its tagger.json (both backends read it) and meta.json.

    The temperature stays the one fitted at training time. Returns the calibration record.
    """
    tagger = unmapped(Tagger.load(model_dir, backend="torch"))
    on_dev = scored_predictions(tagger, dev)
    in_domain = cross_validated(folds, docs)
    if not in_domain:
        raise ValueError("the fold models held out none of these documents (or predicted no "
                         "span there): no cross-validated predictions to calibrate on")
    if len(on_dev) + len(in_domain) < MIN_SPANS:
        raise ValueError(f"{len(on_dev) + len(in_domain)} predicted spans: too few to calibrate")
    scale, shift = platt_sources([on_dev, in_domain])
    record = {
        "temperature": tagger.inference.temperature, "scale": round(scale, 4),
        "shift": round(shift, 4), "spans": len(on_dev) + len(in_domain),
        "method": "Platt map on the dev set and cross-validated conflict predictions, "
                  "equal weight", "dev_documents": [d.id for d in dev],
        "dev_spans": len(on_dev), "cross_validated_spans": len(in_domain),
        "folds": [f.name for f in folds],
    }
    _update(model_dir / TAGGER_FILE, lambda spec: spec["inference"].update(
        scale=record["scale"], shift=record["shift"]))
    _update(model_dir / META_FILE, lambda meta: meta.update(calibration=record))
    return record


def _update(path: Path, change: Any) -> None:
    """Rewrite a JSON file through ``change``, atomically (``write_json``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    write_json(path, data)


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


def sparse_design(rows: Sequence[Mapping[str, float]], vocabulary: Sequence[str]) -> np.ndarray:
    """The design matrix of named features (an intercept column last); names outside
    ``vocabulary`` weigh nothing."""
    index = {name: i for i, name in enumerate(vocabulary)}
    x = np.zeros((len(rows), len(vocabulary) + 1))
    x[:, -1] = 1.0
    for row, features in enumerate(rows):
        for name, value in features.items():
            if name in index:
                x[row, index[name]] = value
    return x


def features_seen(rows: Sequence[Mapping[str, float]], min_count: int) -> list[str]:
    """The feature names present in at least ``min_count`` rows, sorted."""
    counts: dict[str, int] = {}
    for features in rows:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    return sorted(name for name, n in counts.items() if n >= min_count)
