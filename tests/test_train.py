"""Training: label alignment, augmentation, determinism, the train CLI and models/current."""

from __future__ import annotations

import dataclasses
import json
import random
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from model.labels import TAG2ID
from model.tagging.tagger import Tagger
from model.types import Document, Span
from service.cli import main
from tests.conftest import ROOT
from tests.tiny_model import TINY_DOCS, make_tokenizer, tiny_train_config
from training.config import TrainConfig
from training.corpus import load_training_data, write_documents
from training.cv import cross_validate
from training.data import IGNORE, data_sha256, document_features, mention_pool, replace_mentions
from training.evaluate import evaluate
from training.general import base_key
from training.registry import current_path, ensure_base, train_model
from training.train import train

TINY_CLI_SETTINGS = [
    f"{key}={value}"
    for key, value in {
        "max_epochs": 3,
        "batch_size": 2,
        "lr": 1e-2,
        "max_length": 24,
        "stride": 6,
        "augment_copies": 0,
        "general": False,
        "transfer_share": 0.0,
        "export_onnx": False,
        "precision": "fp32",
    }.items()
]
TINY_GENERAL = [  # the general stage, tiny: one epoch, a share of transfer windows per epoch
    s for s in TINY_CLI_SETTINGS if not s.startswith(("general=", "transfer_share="))
] + ["general=true", "general_epochs=1", "general_batch_size=2", "transfer_share=0.5"]


def test_first_subword_carries_the_label_rest_ignored():
    tokenizer = make_tokenizer(["syrian", "army", "shell", "##ed", "ale", "##ppo", "."])
    doc = Document(
        id="d",
        text="Syrian army shelled Aleppo.",
        spans=[Span(start=0, end=11, label="ACTOR"), Span(start=20, end=26, label="LOCATION")],
    )
    (feature,) = document_features(tokenizer, doc, max_length=32, stride=4)
    tokens = tokenizer.convert_ids_to_tokens(list(feature.input_ids))
    assert tokens == ["[CLS]", "syrian", "army", "shell", "##ed", "ale", "##ppo", ".", "[SEP]"]
    expected = ["-", "B-ACTOR", "I-ACTOR", "O", "-", "B-LOCATION", "-", "O", "-"]
    assert list(feature.labels) == [TAG2ID.get(t, IGNORE) for t in expected]
    assert feature.shape_ids[0] == 0 and len(set(feature.shape_ids[1:3])) == 2  # Title, lower


def test_long_document_gives_overlapping_labelled_windows():
    tokenizer = make_tokenizer(["rebels", "attacked", "idlib", "."])
    text = " ".join(["Rebels attacked Idlib."] * 10)
    spans = [Span(start=16 + 23 * k, end=21 + 23 * k, label="LOCATION") for k in range(10)]
    features = document_features(
        tokenizer, Document(id="d", text=text, spans=spans), max_length=10, stride=3
    )
    assert len(features) > 3 and all(len(f.input_ids) <= 10 for f in features)
    labelled = sum(f.labels.count(TAG2ID["B-LOCATION"]) for f in features)
    assert labelled > 10  # every mention at least once, some twice in the overlaps


def test_mention_replacement_swaps_within_a_label_and_keeps_spans_valid():
    pool = mention_pool(TINY_DOCS)
    assert pool["LOCATION"] == ("east Aleppo", "Idlib", "Hama")
    new = replace_mentions(TINY_DOCS[0], pool, random.Random(3), probability=1.0)
    assert [s.label for s in new.spans] == [s.label for s in TINY_DOCS[0].spans]
    for old, span in zip(TINY_DOCS[0].spans, new.spans, strict=True):
        assert new.span_text(span) in pool[span.label]
        if len(pool[span.label]) > 1:  # a lone mention has nothing to swap with
            assert new.span_text(span) != TINY_DOCS[0].span_text(old)
    assert replace_mentions(TINY_DOCS[0], pool, random.Random(3), probability=0.0) == TINY_DOCS[0]


def test_lexicon_swaps_places_and_dates_only():
    extra = {"LOCATION": ("Kharkiv",), "DATE": ("3 March 2022",)}
    new = replace_mentions(
        TINY_DOCS[0],
        mention_pool(TINY_DOCS),
        random.Random(0),
        probability=1.0,
        extra=extra,
        extra_share=1.0,
    )
    surfaces = {s.label: new.span_text(s) for s in new.spans}
    assert (surfaces["LOCATION"], surfaces["DATE"]) == ("Kharkiv", "3 March 2022")
    assert surfaces["ACTOR"] in mention_pool(TINY_DOCS)["ACTOR"]


def test_training_is_deterministic_for_a_seed(tiny_base_dir: Path, tmp_path: Path):
    config = tiny_train_config(tiny_base_dir, max_epochs=3, augment_copies=1)
    weights = [
        load_file(
            str(
                train(list(TINY_DOCS), config, tmp_path / name, progress=False)
                / "model.safetensors"
            )
        )
        for name in ("a", "b")
    ]
    assert weights[0].keys() == weights[1].keys()
    assert all(torch.equal(weights[0][k], weights[1][k]) for k in weights[0])


def test_early_stopping_keeps_best_epoch_and_refits(tiny_base_dir: Path, tmp_path: Path):
    config = tiny_train_config(tiny_base_dir, early_stopping=True, patience=2, max_epochs=6)
    path = train(list(TINY_DOCS), config, tmp_path / "m", progress=False)
    metrics = json.loads((path / "meta.json").read_text())["metrics"]
    assert metrics["dev_documents"] == ["tiny-2"]
    assert metrics["refit_on_all"] is True
    best = max(metrics["history"], key=lambda r: r["dev_f1"])
    assert metrics["best_epoch"] == best["epoch"]


def test_train_cli_writes_meta_and_points_current(tiny_base_dir: Path, tmp_path: Path):
    data, models = tmp_path / "ann" / "tiny.jsonl", tmp_path / "models"
    write_documents(TINY_DOCS, data)
    argv = [
        "train",
        "--data",
        str(data),
        "--out",
        str(models),
        "--base-model",
        str(tiny_base_dir),
        "--no-progress",
        *[x for s in TINY_CLI_SETTINGS for x in ("--set", s)],
    ]
    assert main(argv) == 0
    link = current_path(models)
    assert link.is_symlink() and not Path(link.readlink()).is_absolute()
    meta = json.loads((link / "meta.json").read_text())
    assert meta["base_model"] == {"folder": tiny_base_dir.name}
    assert str(tiny_base_dir.parent) not in json.dumps(meta)  # no local paths in meta.json
    assert meta["data"]["sha256"] == data_sha256(TINY_DOCS)
    assert meta["config"]["max_epochs"] == 3 and meta["config"]["seed"] == 13
    assert {"metrics", "created", "labels"} <= meta.keys()
    first = link.resolve()
    assert Tagger.load(link).version == first.name

    assert main([*argv, "--if-missing"]) == 0  # exists and loads: nothing to do
    assert sorted(p.name for p in models.iterdir()) == sorted([first.name, "current"])
    assert main(argv) == 0
    assert link.resolve() != first and link.resolve().parent == models.resolve()
    assert not list(models.glob(".*"))  # no staging directory or temporary link left


def test_bf16_training_learns_and_is_recorded(tiny_base_dir: Path, tmp_path: Path):
    config = tiny_train_config(tiny_base_dir, max_epochs=8, precision="bf16")
    path = train(list(TINY_DOCS), config, tmp_path / "m", progress=False)
    meta = json.loads((path / "meta.json").read_text())
    assert meta["config"]["precision"] == "bf16"
    losses = [r["loss"] for r in meta["metrics"]["history"]]
    assert losses[-1] < losses[0] / 2
    weights = load_file(str(path / "model.safetensors"))
    assert all(w.dtype == torch.float32 and torch.isfinite(w).all() for w in weights.values())


def test_frozen_layers_stay_as_loaded(tiny_base_dir: Path, tmp_path: Path):
    from training.general import fresh_network

    config = tiny_train_config(tiny_base_dir, max_epochs=2, frozen_layers=1)
    before = fresh_network(config).state_dict()
    path = train(list(TINY_DOCS), config, tmp_path / "m", progress=False)
    after = load_file(str(path / "model.safetensors"))
    lower = ("encoder.embeddings.", "encoder.encoder.layer.0.")
    frozen = [k for k in before if k.startswith(lower)]
    trained = [k for k in before if k.startswith("encoder.encoder.layer.1.")]
    assert frozen and trained
    assert all(torch.equal(before[k], after[k]) for k in frozen)
    assert not all(torch.equal(before[k], after[k]) for k in trained)


def test_precision_is_part_of_the_general_checkpoint_key():
    config = TrainConfig(base_model="/enc")
    fp32, bf16 = (dataclasses.replace(config, precision=p) for p in ("fp32", "bf16"))
    assert base_key(TINY_DOCS, fp32) != base_key(TINY_DOCS, bf16)
    auto = dataclasses.replace(config, precision="auto")
    assert base_key(TINY_DOCS, auto) == base_key(TINY_DOCS, auto.with_overrides(
        [f"precision={auto.resolved_precision()}"]))
    with pytest.raises(ValueError, match="precision"):
        TrainConfig(precision="fp16")  # type: ignore[arg-type]


def test_an_unknown_decoder_is_refused_before_training():
    with pytest.raises(ValueError, match="decoder 'beam'; expected one of"):
        TrainConfig(decoder="beam")  # type: ignore[arg-type]


def test_cli_rejects_bad_overrides(tmp_path: Path):
    assert main(["train", "--data", str(tmp_path), "--set", "precision=fp16"]) == 2
    assert main(["train", "--data", str(tmp_path), "--set", "frozen_layers=-1"]) == 2
    assert main(["train", "--data", str(tmp_path), "--set", "join_threshold=1.5"]) == 2
    assert main(["train", "--data", str(tmp_path), "--set", "casing=upper"]) == 2
    assert main(["train", "--data", str(tmp_path), "--set", "nope=1"]) == 2
    assert main(["train", "--data", str(tmp_path), "--set", "refit=maybe"]) == 2


@pytest.mark.slow
def test_default_model_trains_from_nothing_within_twelve_minutes(tmp_path: Path):
    """The general stage, the domain stage, calibration and the onnx-int8 export, as
    ``make serve`` runs them on a fresh machine; then a retrain from the cached checkpoint."""
    torch.set_num_threads(2)
    data = load_training_data(ROOT / "annotations", ROOT / "annotations" / "external")
    started = time.perf_counter()
    path = train_model(data.domain, TrainConfig(), tmp_path, transfer=data.transfer,
                       transfer_dev=data.transfer_dev, progress=False)
    assert time.perf_counter() - started < 12 * 60
    scores = evaluate(Tagger.load(path), data.domain)
    assert scores.micro.f1 > 0.9  # it has seen these articles
    again = time.perf_counter()
    train_model(data.domain, TrainConfig(), tmp_path, transfer=data.transfer,
                transfer_dev=data.transfer_dev, progress=False)
    assert time.perf_counter() - again < 5 * 60


@pytest.mark.slow
def test_leave_one_article_out_cross_validation_on_the_seeds(tmp_path: Path):
    torch.set_num_threads(2)
    data = load_training_data(ROOT / "annotations", ROOT / "annotations" / "external")
    base = ensure_base(data.transfer, TrainConfig(), tmp_path, progress=False)
    result = cross_validate(data.domain, TrainConfig(), base=base, transfer=data.transfer,
                            calibrate_on=data.transfer_dev, progress=False)
    assert len(result.folds) == 5
    assert result.summary()["micro"][0] >= 0.82  # README reports the measured table


def test_two_stage_training_caches_the_general_checkpoint(tiny_base_dir: Path, tmp_path: Path):
    data, models, transfer = tmp_path / "ann", tmp_path / "models", tmp_path / "ann" / "external"
    write_documents(TINY_DOCS, data / "tiny.jsonl")
    partial = [  # a transfer corpus that marks no DATE nor CASUALTY
        Document(id=f"t-{d.id}", text=d.text, meta={"labels": ["ACTOR", "LOCATION"]},
                 spans=[s for s in d.spans if s.label in ("ACTOR", "LOCATION")])
        for d in TINY_DOCS
    ]
    write_documents(partial, transfer / "general.jsonl")
    write_documents(partial[:1], transfer / "dev" / "dev.jsonl")
    argv = ["train", "--data", str(data), "--out", str(models), "--transfer", str(transfer),
            "--base-model", str(tiny_base_dir), "--no-progress",
            *[x for s in TINY_GENERAL for x in ("--set", s)]]
    assert main(argv) == 0
    (base,) = models.glob("base-*")
    base_meta = json.loads((base / "meta.json").read_text())
    assert base_meta["stage"] == "general" and base_meta["data"]["documents"] == 2
    assert "dev_micro_f1" in base_meta["metrics"]["history"][0]  # dev scored, never trained on
    meta = json.loads((current_path(models) / "meta.json").read_text())
    assert meta["base_model"]["general_stage"] == base.name
    assert meta["data"]["documents"] == sorted(d.id for d in TINY_DOCS)  # every conflict doc
    first = current_path(models).resolve()
    assert main(argv) == 0  # a retrain reuses the cached checkpoint
    assert list(models.glob("base-*")) == [base] and current_path(models).resolve() != first


def test_general_stage_needs_the_transfer_corpora(tiny_base_dir: Path, tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture):
    write_documents(TINY_DOCS, tmp_path / "tiny.jsonl")
    argv = ["train", "--data", str(tmp_path), "--transfer", str(tmp_path / "missing"),
            "--out", str(tmp_path / "m"), "--base-model", str(tiny_base_dir)]
    assert main(argv) == 2
    assert "no transfer corpora" in caplog.text
