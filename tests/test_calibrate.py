"""Calibrated span scores: ECE, the Platt map, and a fit on a real (tiny) model."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from model.tagging.tagger import Tagger
from tests.tiny_model import TINY_DOCS
from training import calibrate
from training.calibrate import ScoredPrediction, expected_calibration_error, platt, platt_score


def synthetic(n: int, *, truth: float, said: float) -> list[ScoredPrediction]:
    rng = random.Random(0)
    return [ScoredPrediction(said, rng.random() < truth, "DATE") for _ in range(n)]


def test_ece_is_zero_for_honest_scores_and_the_gap_otherwise() -> None:
    honest = [ScoredPrediction(0.75, i % 4 != 0, "DATE") for i in range(400)]
    assert expected_calibration_error(honest) == pytest.approx(0.0)
    assert expected_calibration_error(synthetic(2000, truth=0.6, said=0.9)) == pytest.approx(
        0.3, abs=0.03)


def test_platt_maps_overconfident_scores_to_the_observed_rate() -> None:
    preds = synthetic(1000, truth=0.6, said=0.95) + synthetic(1000, truth=0.3, said=0.5)
    scale, shift = platt(preds)
    assert platt_score(0.95, scale, shift) == pytest.approx(0.6, abs=0.05)
    assert platt_score(0.5, scale, shift) == pytest.approx(0.3, abs=0.05)
    fixed = [dataclasses.replace(p, score=platt_score(p.score, scale, shift)) for p in preds]
    assert expected_calibration_error(fixed) < expected_calibration_error(preds) / 5


def test_fit_on_a_model_picks_a_grid_temperature_and_keeps_f1(tiny_model_dir: Path) -> None:
    tagger = Tagger.load(tiny_model_dir, backend="torch")
    docs = list(TINY_DOCS) * 10  # 90 spans: enough for the Platt map
    fitted = calibrate.fit(tagger, docs)
    assert fitted.temperature in calibrate.TEMPERATURES and fitted.spans >= calibrate.MIN_SPANS
    assert fitted.ece_after is not None and fitted.ece_after <= fitted.ece_before + 1e-9
    tagger.inference = calibrate.apply(tagger.inference, fitted)
    spans = tagger.predict_many([d.text for d in TINY_DOCS])
    assert [[s.key for s in found] for found in spans] == [[s.key for s in d.spans]
                                                           for d in TINY_DOCS]
    assert all(0.0 <= s.score <= 1.0 for found in spans for s in found)


def test_too_few_spans_keep_the_identity_map(tiny_model_dir: Path) -> None:
    fitted = calibrate.fit(Tagger.load(tiny_model_dir, backend="torch"), TINY_DOCS[:1])
    assert (fitted.scale, fitted.shift) == (1.0, 0.0)


def test_platt_sources_weigh_each_source_the_same() -> None:
    large = synthetic(1000, truth=0.9, said=0.9)
    small = synthetic(100, truth=0.5, said=0.9)
    rate = [sum(p.correct for p in s) / len(s) for s in (large, small)]
    pooled = platt_score(0.9, *platt(large + small))
    balanced = platt_score(0.9, *calibrate.platt_sources([large, small]))
    assert pooled == pytest.approx((1000 * rate[0] + 100 * rate[1]) / 1100, abs=0.01)
    assert balanced == pytest.approx((rate[0] + rate[1]) / 2, abs=0.01)
    assert calibrate.platt_sources([[], []]) == (1.0, 0.0)


def test_recalibrate_refits_the_map_from_fold_models(tiny_model_dir: Path, tmp_path: Path) -> None:
    import json
    import shutil

    model = Path(shutil.copytree(tiny_model_dir, tmp_path / "model"))
    fold = Path(shutil.copytree(tiny_model_dir, tmp_path / "folds" / "fold-1"))
    meta = json.loads((fold / "meta.json").read_text())
    meta["data"]["documents"] = [TINY_DOCS[0].id]  # so the fold "held out" the others
    (fold / "meta.json").write_text(json.dumps(meta))
    before = json.loads((model / "tagger.json").read_text())["inference"]
    record = calibrate.recalibrate(model, list(TINY_DOCS) * 10, [fold], list(TINY_DOCS))
    after = json.loads((model / "tagger.json").read_text())["inference"]
    assert after["temperature"] == before["temperature"] == record["temperature"]
    assert (after["scale"], after["shift"]) == (record["scale"], record["shift"])
    assert record["cross_validated_spans"] == sum(len(d.spans) for d in TINY_DOCS[1:])
    assert json.loads((model / "meta.json").read_text())["calibration"] == record
    spans = Tagger.load(model, backend="torch").predict_many([d.text for d in TINY_DOCS])
    assert [[s.key for s in found] for found in spans] == [[s.key for s in d.spans]
                                                           for d in TINY_DOCS]


def test_recalibrate_needs_held_out_predictions(tiny_model_dir: Path) -> None:
    with pytest.raises(ValueError, match="held out none"):  # the fold trained on every document
        calibrate.recalibrate(tiny_model_dir, list(TINY_DOCS), [tiny_model_dir], list(TINY_DOCS))


def test_calibrate_command_needs_fold_models(tiny_model_dir: Path, tmp_path: Path) -> None:
    from service.cli import main

    code = main(["calibrate", "--model", str(tiny_model_dir), "--folds", str(tmp_path)])
    assert code == 2
