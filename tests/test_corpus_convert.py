from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.errors import AnnotationError
from model.types import Document, Span
from service.cli import main
from training.convert import read_conll, read_doccano, read_labelstudio, to_conll
from training.corpus import check_files, load_documents, write_documents

TEXT = "Syrian army shelled east Aleppo on Sunday."
GOOD = {"id": "a", "text": TEXT, "spans": [{"start": 0, "end": 11, "label": "ACTOR"}]}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_validate_reports_every_problem_with_file_and_line(tmp_path, capsys):
    bad = write_lines(
        tmp_path / "bad.jsonl",
        [
            json.dumps(GOOD),
            "{not json",
            json.dumps({"text": TEXT}),
            json.dumps(GOOD | {"spans": [{"start": 0, "end": 11, "label": "ARMY"}]}),
            json.dumps(GOOD | {"id": "b", "spans": [{"start": 30, "end": 20, "label": "ACTOR"}]}),
            json.dumps(GOOD | {"id": "c", "spans": [{"start": 0, "end": 12, "label": "ACTOR"}]}),
            json.dumps(
                GOOD
                | {
                    "id": "d",
                    "spans": [{"start": 0, "end": 11, "label": "ACTOR", "text": "Syrian Army"}],
                }
            ),
            json.dumps(GOOD),
        ],
    )
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[1] for line in out] == ["2", "3", "4", "5", "6", "7", "8"]
    joined = "\n".join(out)
    for needle in (
        "bad JSON",
        "id: Field required",
        "'ARMY'",
        "greater than start",
        "whitespace",
        "'Syrian Army' != 'Syrian army'",
        "duplicate id 'a'",
    ):
        assert needle in joined
    assert all(line.startswith(f"{bad}:") for line in out)


def test_validate_clean_file_exits_zero(tmp_path):
    write_lines(tmp_path / "ok.jsonl", [json.dumps(GOOD)])
    assert main(["validate", str(tmp_path / "ok.jsonl")]) == 0


def test_load_documents_raises_with_all_problems(tmp_path):
    write_lines(tmp_path / "x.jsonl", ["[]", "{}"])
    with pytest.raises(AnnotationError) as err:
        load_documents([tmp_path])
    assert len(err.value.problems) == 3  # a list; then id and text missing


def test_write_then_read_round_trip(tmp_path):
    doc = Document.model_validate(GOOD | {"meta": {"published": "2024-12-02", "source": "x"}})
    write_documents([doc], tmp_path / "out.jsonl")
    docs, problems = check_files([tmp_path / "out.jsonl"])
    assert problems == [] and docs == [doc]


def test_doccano_import(tmp_path):
    path = write_lines(
        tmp_path / "d.jsonl",
        [
            json.dumps({"id": 7, "text": TEXT, "label": [[0, 11, "ACTOR"], [20, 31, "location"]]}),
            json.dumps({"text": TEXT, "label": [[0, 99, "ACTOR"]]}),
        ],
    )
    docs, problems = read_doccano(path)
    assert [(s.start, s.end, s.label) for s in docs[0].spans] == [
        (0, 11, "ACTOR"),
        (20, 31, "LOCATION"),
    ]
    assert docs[0].id == "7"
    assert len(problems) == 1 and problems[0].line == 2 and "past the text" in problems[0].message


def test_labelstudio_import(tmp_path):
    task = {
        "id": 3,
        "data": {"text": TEXT},
        "annotations": [
            {
                "result": [
                    {
                        "type": "labels",
                        "value": {"start": 35, "end": 41, "text": "Sunday", "labels": ["DATE"]},
                    },
                ]
            }
        ],
    }
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task, {"data": {}}]), encoding="utf-8")
    docs, problems = read_labelstudio(path)
    assert docs[0].spans == (Span(start=35, end=41, label="DATE"),)
    assert len(problems) == 1 and "task 2" in problems[0].message


def test_conll_round_trip(tmp_path):
    doc = Document(
        id="a",
        text="Syrian army shelled east Aleppo.\nRebels fled on Sunday.",
        spans=[
            Span(start=0, end=11, label="ACTOR"),
            Span(start=20, end=31, label="LOCATION"),
            Span(start=33, end=39, label="ACTOR"),
            Span(start=48, end=54, label="DATE"),
        ],
    )
    conll = to_conll([doc])
    path = tmp_path / "a.conll"
    path.write_text(conll, encoding="utf-8")
    docs, problems = read_conll(path)
    assert problems == []
    back = docs[0]
    assert back.id == "a"
    assert [back.text[s.start : s.end] for s in back.spans] == [
        "Syrian army",
        "east Aleppo",
        "Rebels",
        "Sunday",
    ]
    assert to_conll([back]) == conll


def test_conll_reports_bad_lines(tmp_path):
    path = write_lines(tmp_path / "b.conll", ["# id = z", "Aleppo B-LOCATION", "oops", "x Q-FOO"])
    docs, problems = read_conll(path)
    assert [p.line for p in problems] == [3, 4]
    assert docs[0].spans[0].label == "LOCATION"


def test_convert_cli(tmp_path):
    src = write_lines(
        tmp_path / "d.jsonl", [json.dumps({"text": TEXT, "label": [[0, 11, "ACTOR"]]})]
    )
    out = tmp_path / "out.jsonl"
    assert main(["convert", "--from", "doccano", "--to", "jsonl", str(src), str(out)]) == 0
    assert main(["validate", str(out)]) == 0
    conll = tmp_path / "out.conll"
    assert main(["convert", "--from", "jsonl", "--to", "conll", str(out), str(conll)]) == 0
    assert "Syrian B-ACTOR" in conll.read_text(encoding="utf-8")
    assert (
        main(["convert", "--from", "doccano", "--to", "jsonl", str(tmp_path / "no"), str(out)]) == 2
    )


def test_label_studio_and_the_review_page_share_one_colour_per_label() -> None:
    """``model.labels.LABEL_COLORS`` is the one definition: the Label Studio config reads it,
    as ``/ui/config.json`` does for the review page (tests/test_ui.py)."""
    from xml.etree import ElementTree

    from model.labels import LABEL_COLORS, LABELS
    from training.convert import labelstudio_config

    labels = ElementTree.fromstring(labelstudio_config()).iter("Label")
    assert {label.get("value"): label.get("background") for label in labels} == LABEL_COLORS
    assert list(LABEL_COLORS) == list(LABELS)
