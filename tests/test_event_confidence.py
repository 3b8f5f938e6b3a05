"""The measured event confidence: features, the fit, ECE and the stored model."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from model.events.assembly import event_fields, extract_events
from model.events.confidence import (
    EVENT_FEATURES,
    EventConfidenceModel,
    event_confidence_model,
    event_features,
)
from model.types import Span
from training.event_confidence import (
    Examples,
    bootstrap_ece,
    fit,
    log_loss,
    reliability,
    reliability_svg,
)

TEXT = "Gunmen attacked a school in Kaduna on Monday, killing one guard and kidnapping 30 students."


def _spans(score: float | None) -> list[Span]:
    found = [("Gunmen", "ACTOR"), ("Kaduna", "LOCATION"), ("Monday", "DATE"),
             ("one guard", "CASUALTY"), ("30 students", "CASUALTY")]
    return [Span(start=TEXT.index(s), end=TEXT.index(s) + len(s), label=label, score=score)
            for s, label in found]


def test_features_read_the_event_and_its_span_scores() -> None:
    (event,) = extract_events(TEXT, _spans(0.8), published=dt.date(2024, 3, 6))
    assert (event.fatalities, event.detained) == (1, 30)
    scores = {(s.start, s.end, s.label): s.score for s in _spans(0.8)}
    features = event_features(event, [scores.get(k) for k in event_fields(event)])
    assert len(features) == len(EVENT_FEATURES)
    named = dict(zip(EVENT_FEATURES, features, strict=True))
    assert named["span_score"] == pytest.approx(0.8)
    assert (named["counts_people"], named["own_date"]) == (1.0, 1.0)
    assert named["position"] == 0.0  # told in the article's first sentence
    later = event.model_copy(update={"sentences": tuple(
        s.model_copy(update={"start": s.start + 1000}) for s in event.sentences)})
    moved = dict(zip(EVENT_FEATURES, event_features(later, []), strict=True))
    assert moved["position"] == pytest.approx(math.log1p(1000 / 500))


def test_the_model_is_a_calibrated_probability() -> None:
    model = EventConfidenceModel((1.0, 2.0, 0.0, 0.0, 0.0, 0.0, -1.0), (1.0, 0.0), {})
    low, high = model((0.5, 0.2, 0, 0, 0, 0)), model((0.9, 0.9, 1, 1, 1, 0))
    assert 0.0 < low < high < 1.0


def _examples(rng: np.random.Generator, n: int) -> Examples:
    features = rng.uniform(0, 1, size=(n, len(EVENT_FEATURES)))
    p = 1 / (1 + np.exp(-(4 * features[:, 1] - 2)))
    right = (rng.uniform(0, 1, n) < p).astype(float)
    return Examples(features, right, features[:, 0] * features[:, 1])


def test_fit_recovers_a_calibrated_score_on_synthetic_events() -> None:
    rng = np.random.default_rng(7)
    fitted = fit(_examples(rng, 600), _examples(rng, 600))
    assert fitted["features"] == list(EVENT_FEATURES)
    assert fitted["weights"][1] > 2  # the span score carries the signal
    assert fitted["record"]["ece_dev"] < 0.08  # out of sample: n=600, 10 bins
    assert fitted["record"]["ece_dev"] <= fitted["record"]["ece_dev_prior"]


def test_fit_refuses_a_train_part_with_one_class() -> None:
    rng = np.random.default_rng(1)
    one = _examples(rng, 20)
    with pytest.raises(ValueError, match="right and wrong"):
        fit(Examples(one.features, np.ones(20), one.prior), one)


def test_reliability_bins_and_diagram() -> None:
    rows = reliability(np.array([0.05, 0.95, 0.91]), np.array([0.0, 1.0, 0.0]))
    assert [(r["events"], r["accuracy"]) for r in rows] == [(1, 0.0), (2, 0.5)]
    svg = reliability_svg(rows, rows, "t")
    assert svg.startswith("<svg") and svg.count("<rect") == 3


def test_the_stored_fit_loads_and_names_its_figures() -> None:
    model = event_confidence_model()
    assert model is not None, "model/data/event_confidence.json is missing or stale"
    assert len(model.weights) == len(EVENT_FEATURES) + 1
    assert {"ece_dev", "dev_events", "train_events", "model"} <= set(model.record)


def test_the_platt_map_is_kept_only_where_it_lowers_the_out_of_fold_loss() -> None:
    rng = np.random.default_rng(3)
    fitted = fit(_examples(rng, 400), _examples(rng, 200))
    record = fitted["record"]
    if record["train_oof_log_loss_platt"] >= record["train_oof_log_loss"]:
        assert fitted["platt"] == [1.0, 0.0]
    else:
        assert fitted["platt"] != [1.0, 0.0]
    assert log_loss(np.array([0.9, 0.1]), np.array([1.0, 0.0])) == pytest.approx(-np.log(0.9))


def test_the_ece_interval_brackets_its_spread() -> None:
    rng = np.random.default_rng(5)
    p = rng.uniform(0, 1, 60)
    y = (rng.uniform(0, 1, 60) < p).astype(float)
    low, high = bootstrap_ece(p, y)
    assert 0 <= low < high <= 1
    assert bootstrap_ece(np.array([]), np.array([])) == []


def _shifted(rng: np.random.Generator, n: int, shift: float) -> Examples:
    """Events whose odds of being right are the train part's moved by ``shift``."""
    features = rng.uniform(0, 1, size=(n, len(EVENT_FEATURES)))
    p = 1 / (1 + np.exp(-(4 * features[:, 1] - 2 + shift)))
    right = (rng.uniform(0, 1, n) < p).astype(float)
    return Examples(features, right, features[:, 0] * features[:, 1])


def test_the_dev_part_calibrates_where_its_cross_fitted_loss_says_so() -> None:
    rng = np.random.default_rng(11)
    fitted = fit(_shifted(rng, 600, 0.0), _shifted(rng, 600, 2.0))  # dev right far more often
    record = fitted["record"]
    assert record["dev_platt"] is True
    assert record["dev_log_loss_crossfit"] < record["dev_log_loss"]
    assert record["ece_dev_crossfit"] < record["ece_dev_before_dev_map"]
    same = fit(_shifted(rng, 600, 0.0), _shifted(rng, 100, 0.0))["record"]
    assert same["dev_platt"] is False  # a dev part like the train part: no map
    assert same["ece_dev"] == same["ece_dev_before_dev_map"]
