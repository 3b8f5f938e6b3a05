"""Evaluation: known scores on hand-made predictions, label filter, stray-I agreement, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2

from model.decode import spans_to_tags, tags_to_spans, word_offsets
from model.extractor import Extractor
from model.types import Document, Span
from service.cli import main
from tests.tiny_model import TINY_DOCS
from training.corpus import load_documents, write_documents
from training.cv import CVResult, Fold, document_folds, format_table
from training.evaluate import score_documents

TEXT = "Syrian army shelled east Aleppo on Sunday, killing 12 civilians in Idlib."
GOLD = Document(
    id="g",
    text=TEXT,
    spans=[
        Span(start=0, end=11, label="ACTOR"),
        Span(start=20, end=31, label="LOCATION"),
        Span(start=35, end=41, label="DATE"),
        Span(start=51, end=63, label="CASUALTY"),
        Span(start=67, end=72, label="LOCATION"),
    ],
)
PREDICTED = GOLD.with_spans(
    [
        Span(start=0, end=11, label="ACTOR"),  # right
        Span(start=25, end=31, label="LOCATION"),  # 'Aleppo': wrong edge, overlaps
        Span(start=35, end=41, label="ACTOR"),  # 'Sunday' as ACTOR: wrong label
        Span(start=51, end=63, label="CASUALTY"),  # right
        Span(start=67, end=72, label="LOCATION"),  # right
    ]
)


def test_scores_of_hand_made_predictions():
    scores = score_documents([GOLD], [PREDICTED])
    by = scores.per_label
    assert (by["ACTOR"].precision, by["ACTOR"].recall) == (0.5, 1.0)
    assert by["ACTOR"].f1 == pytest.approx(2 / 3)
    assert (by["LOCATION"].precision, by["LOCATION"].recall, by["LOCATION"].f1) == (0.5, 0.5, 0.5)
    assert (by["LOCATION"].overlap_precision, by["LOCATION"].overlap_recall) == (1.0, 1.0)
    assert (by["DATE"].f1, by["DATE"].support, by["DATE"].predicted) == (0.0, 1, 0)
    assert by["CASUALTY"].f1 == 1.0
    assert (scores.micro.precision, scores.micro.recall, scores.micro.f1) == pytest.approx(
        (0.6, 0.6, 0.6)
    )
    assert (scores.micro.overlap_precision, scores.micro.overlap_recall) == (0.8, 0.8)
    assert scores.macro.f1 == pytest.approx((2 / 3 + 0.5 + 0 + 1) / 4)
    assert scores.micro.support == 5


def test_labels_filter_scores_only_those_labels():
    scores = score_documents([GOLD], [PREDICTED], labels=["LOCATION", "DATE"])
    assert list(scores.per_label) == ["LOCATION", "DATE"]
    assert (scores.micro.precision, scores.micro.recall) == pytest.approx((0.5, 1 / 3))
    assert scores.micro.support == 3
    assert set(scores.to_json()["per_label"]) == {"LOCATION", "DATE"}


def test_mismatched_documents_and_unknown_labels_are_rejected():
    with pytest.raises(ValueError, match="PERSON"):
        score_documents([GOLD], [PREDICTED], labels=["PERSON"])
    with pytest.raises(ValueError, match="order"):
        score_documents([GOLD], [TINY_DOCS[0]])


STRAY_WORDS = "Syrian army shelled Aleppo on Sunday"
STRAY_GOLD = ["B-ACTOR", "I-ACTOR", "O", "B-LOCATION", "O", "B-DATE"]
STRAY_CASES = [
    (["I-ACTOR", "I-ACTOR", "O", "I-LOCATION", "O", "I-DATE"], 1.0),
    (["B-ACTOR", "I-DATE", "O", "B-LOCATION", "O", "O"], 1 / 3),
    (["O", "I-ACTOR", "O", "B-LOCATION", "I-LOCATION", "B-DATE"], 1 / 3),
]


@pytest.mark.parametrize(("pred_tags", "f1"), STRAY_CASES)
def test_stray_inside_policy_agrees_between_decoder_and_seqeval(pred_tags, f1):
    """One fixture, both sides: the decoder's spans score exactly what seqeval reads."""
    words = word_offsets(STRAY_WORDS)
    gold = Document(id="s", text=STRAY_WORDS, spans=tags_to_spans(STRAY_GOLD, words))
    predicted = gold.with_spans(tags_to_spans(pred_tags, words))
    ours = score_documents([gold], [predicted]).micro.f1
    conlleval_like = f1_score([STRAY_GOLD], [pred_tags])  # seqeval default mode, raw tags
    reencoded = spans_to_tags(words, predicted.spans)
    strict = f1_score([STRAY_GOLD], [reencoded], mode="strict", scheme=IOB2)
    assert ours == pytest.approx(f1)
    assert conlleval_like == pytest.approx(f1)
    assert strict == pytest.approx(f1)


def test_evaluate_cli_json_labels_and_predictions(tiny_model_dir: Path, tmp_path: Path, capsys):
    data = tmp_path / "tiny.jsonl"
    write_documents(TINY_DOCS, data)
    out = tmp_path / "pred.jsonl"
    argv = ["evaluate", "--model", str(tiny_model_dir), "--data", str(data), "--json"]
    assert main([*argv, "--predictions", str(out)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"micro", "macro", "per_label"} <= result.keys()
    assert {"precision", "recall", "f1"} <= result["micro"].keys()
    assert {"precision", "recall", "f1", "support"} <= result["per_label"]["LOCATION"].keys()
    assert result["micro"]["f1"] == 1.0
    assert [d.spans for d in load_documents([out])] == [d.spans for d in TINY_DOCS]
    # each predicted span is written with its score, the one the model gives it
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    written = [[(s["start"], s["end"], s["label"], s["score"]) for s in line["spans"]]
               for line in lines]
    predicted = Extractor.load(tiny_model_dir).predict_many([d.text for d in TINY_DOCS])
    assert written == [[(*s.key, s.score) for s in spans] for spans in predicted]
    assert all(0 < score <= 1 for spans in written for *_, score in spans)

    assert main([*argv, "--labels", "location,DATE"]) == 0
    assert set(json.loads(capsys.readouterr().out)["per_label"]) == {"LOCATION", "DATE"}
    assert main(argv[:-1]) == 0
    assert "micro" in capsys.readouterr().out
    assert main([*argv, "--labels", "PLACE"]) == 2
    assert main(["evaluate", "--model", str(tmp_path), "--data", str(data)]) == 2


def test_cv_folds_and_table():
    docs = [Document(id=f"d{i}", text="x") for i in range(5)]
    assert [[d.id for d in f] for f in document_folds(docs)] == [[f"d{i}"] for i in range(5)]
    with pytest.raises(ValueError, match="folds"):
        document_folds(docs, 6)
    scores = score_documents([GOLD], [PREDICTED])
    folds = (Fold(("a",), scores, 1.0), Fold(("b",), score_documents([GOLD], [GOLD]), 1.0))
    result = CVResult(folds, ("ACTOR", "LOCATION", "DATE", "CASUALTY"))
    summary = result.summary()
    assert summary["micro"][0] == pytest.approx(0.8)
    assert summary["CASUALTY"] == (1.0, 0.0)
    table = format_table(result)
    assert "| mean ± std |" in table and table.count("\n") == 4
    assert result.to_json()["summary"]["micro"]["mean"] == pytest.approx(0.8)
