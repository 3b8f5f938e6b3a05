"""``conflict-ie preannotate`` and the whole round trip: model spans -> doccano / Label Studio ->
a reviewer's corrections in the tool's own export format -> ``convert`` -> ``validate`` ->
``POST /annotations`` -> ``POST /retrain``."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from model.extractor import Extractor
from model.labels import LABELS
from model.types import Document, Span
from service.cli import main
from training.convert import labelstudio_config, read_doccano, read_labelstudio
from training.preannotate import read_articles

from .fakes import AUTH, FakeTagger, FixedScoreToolkit, client_for

SCORES = {"ACTOR": 0.62, "LOCATION": 0.91, "DATE": 0.97, "CASUALTY": 0.45}
ARTICLES = [
    {
        "id": "pre-1",
        "text": "Russian warplanes struck Aleppo on Sunday, killing 7 civilians.",
        "meta": {"published": "2024-12-01", "source": "wire"},
    },
    {
        "id": "pre-2",
        "text": "The rebels shelled Hama on Monday, a spokesman for Aleppo Today said.",
        "meta": {"published": "2024-12-03"},
    },
]
# What the reviewer leaves in the tool: "Russian" widened to the actor's full name, the news
# outlet "Aleppo Today" unmarked, the missed "Hama" added.
CORRECTED = {
    "pre-1": [("Russian warplanes", "ACTOR"), ("Aleppo", "LOCATION"), ("Sunday", "DATE"),
              ("7 civilians", "CASUALTY")],
    "pre-2": [("rebels", "ACTOR"), ("Hama", "LOCATION"), ("Monday", "DATE")],
}


class ScoredTagger(FakeTagger):
    """``FakeTagger``'s spans, each scored by its label (``SCORES``)."""

    def predict_many(self, texts: Sequence[str], *, cancel: object = None) -> list[list[Span]]:
        found = super().predict_many(texts)
        return [[s.model_copy(update={"score": SCORES[s.label]}) for s in spans]
                for spans in found]


class RecordingToolkit(FixedScoreToolkit):
    """A ``FixedScoreToolkit`` that keeps the documents each retrain trained on."""

    def __init__(self, models_dir: Path) -> None:
        super().__init__(models_dir)
        self.trained_docs: list[list[Document]] = []

    def train(self, docs: Sequence[Document], gate_docs: Sequence[Document], progress: Any,
              cancel: Any) -> tuple[Path, dict[str, float]]:
        self.trained_docs.append(list(docs))
        return super().train(docs, gate_docs, progress, cancel)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """``Extractor.load`` gives the scored fake tagger; returns the (path, device) loads."""
    loaded: list[tuple[Path, str]] = []

    def load(path: Path, *, device: str, min_score: float | None = None,
             **options: object) -> Extractor:
        loaded.append((path, device))
        return Extractor(ScoredTagger(version="fake-pre"), min_score=min_score)

    monkeypatch.setattr(Extractor, "load", load)
    return loaded


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def surfaces(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(doc["text"][s["start"]:s["end"]], s["label"]) for s in doc["spans"]]


# --- reading articles -------------------------------------------------------------------------


def test_read_articles_from_jsonl_and_folder(tmp_path: Path, articles: Path) -> None:
    docs = read_articles(articles)
    assert [d.id for d in docs] == ["pre-1", "pre-2"]
    assert docs[0].meta.published.isoformat() == "2024-12-01" and docs[0].spans == ()
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "b.txt").write_text("Rebels shelled Hama.", encoding="utf-8")
    (folder / "a.txt").write_text("Shelling hit Idlib.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    assert [(d.id, d.text) for d in read_articles(folder)] == [
        ("a", "Shelling hit Idlib.\n"), ("b", "Rebels shelled Hama.")]


def test_annotation_documents_are_read_without_their_spans(tmp_path: Path) -> None:
    doc = {"id": "g", "text": "in Aleppo", "spans": [{"start": 3, "end": 9, "label": "LOCATION"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    assert read_articles(path)[0].spans == ()


def test_bad_articles_report_every_problem(tmp_path: Path, fake_model: list) -> None:
    path = tmp_path / "bad.jsonl"
    lines = ["{oops", json.dumps({"id": "x"}), json.dumps({"id": "y", "text": "a", "date": 1}),
             json.dumps({"id": "z", "text": "b"}), json.dumps({"id": "z", "text": "c"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(Exception) as info:
        read_articles(path)
    text = str(info.value)
    for expected in (":1: bad JSON", ":2: text", ":3: date", "duplicate article id 'z'"):
        assert expected in text
    assert main(["preannotate", str(path), str(out), "--to", "doccano"]) == 2
    assert not out.exists() and fake_model == []  # nothing loaded, nothing written


# --- the formats ------------------------------------------------------------------------------


def test_doccano_output(articles: Path, tmp_path: Path, fake_model: list) -> None:
    out = tmp_path / "doccano.jsonl"
    assert main(["preannotate", str(articles), str(out), "--to", "doccano",
                 "--model", "/m", "--device", "cpu"]) == 0
    assert fake_model == [(Path("/m"), "cpu")]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert set(records[0]) == {"text", "label", "meta"}
    assert records[0]["meta"] == {"article_id": "pre-1", "published": "2024-12-01",
                                  "source": "wire"}
    text = records[0]["text"]
    assert [(text[s:e], lab) for s, e, lab in records[0]["label"]] == [
        ("Russian", "ACTOR"), ("Aleppo", "LOCATION"), ("Sunday", "DATE"),
        ("7 civilians", "CASUALTY")]


def test_labelstudio_output_and_config(articles: Path, tmp_path: Path, fake_model: list) -> None:
    out = tmp_path / "ls" / "tasks.json"
    assert main(["preannotate", str(articles), str(out), "--to", "labelstudio"]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert tasks[0]["data"] == {"text": ARTICLES[0]["text"], "article_id": "pre-1",
                                "meta": ARTICLES[0]["meta"]}
    (prediction,) = tasks[0]["predictions"]
    assert prediction["model_version"] == "fake-pre"
    assert prediction["score"] == SCORES["CASUALTY"]  # the least sure span: sorts it first
    first = prediction["result"][0]
    assert {k: first[k] for k in ("from_name", "to_name", "type", "score")} == {
        "from_name": "label", "to_name": "text", "type": "labels", "score": SCORES["ACTOR"]}
    assert first["value"] == {"start": 0, "end": 7, "text": "Russian", "labels": ["ACTOR"],
                              "score": SCORES["ACTOR"]}
    ids = [r["id"] for t in tasks for r in t["predictions"][0]["result"]]
    assert len(ids) == len(set(ids)) == 7

    config = ET.fromstring((tmp_path / "ls" / "tasks.label-config.xml").read_text("utf-8"))
    labels = config.find("Labels")
    assert (labels.get("name"), labels.get("toName")) == (first["from_name"], first["to_name"])
    assert [lab.get("value") for lab in labels.findall("Label")] == list(LABELS)
    assert len({lab.get("background") for lab in labels.findall("Label")}) == len(LABELS)
    assert config.find("Text").attrib == {"name": "text", "value": "$text"}


def test_min_score_leaves_out_unsure_spans(articles: Path, tmp_path: Path,
                                           fake_model: list) -> None:
    out = tmp_path / "d.jsonl"
    assert main(["preannotate", str(articles), str(out), "--to", "doccano",
                 "--min-score", "0.6"]) == 0
    labels = [lab for line in out.read_text("utf-8").splitlines()
              for _, _, lab in json.loads(line)["label"]]
    assert "CASUALTY" not in labels and labels.count("ACTOR") == 2
    with pytest.raises(SystemExit):
        main(["preannotate", str(articles), str(out), "--to", "doccano", "--min-score", "2"])


def test_a_real_tiny_model_preannotates(tiny_model_dir: Path, tmp_path: Path) -> None:
    from tests.tiny_model import TINY_DOCS

    src = tmp_path / "tiny.jsonl"
    src.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in TINY_DOCS),
                   encoding="utf-8")
    out = tmp_path / "tiny-tasks.json"
    assert main(["preannotate", str(src), str(out), "--to", "labelstudio",
                 "--model", str(tiny_model_dir)]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    expected = Extractor.load(tiny_model_dir).predict_many([d.text for d in TINY_DOCS])
    for task, doc, spans in zip(tasks, TINY_DOCS, expected, strict=True):
        assert task["data"]["article_id"] == doc.id
        (prediction,) = task["predictions"]
        assert prediction["model_version"] == tiny_model_dir.name
        got = [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
               for r in prediction["result"]]
        assert got == [s.key for s in spans]
        assert all(r["value"]["text"] == doc.text[s:e] for r, (s, e, _) in
                   zip(prediction["result"], got, strict=True))
    assert any(t["predictions"][0]["result"] for t in tasks)
    assert (tmp_path / "tiny-tasks.label-config.xml").read_text("utf-8") == labelstudio_config()


def test_labelstudio_tasks_need_a_completed_annotation(tmp_path: Path) -> None:
    text = "Rebels shelled Hama."
    region = {"type": "labels", "value": {"start": 15, "end": 19, "labels": ["LOCATION"]}}
    tasks = [
        {"id": 1, "data": {"text": text, "article_id": "done"},
         "annotations": [{"was_cancelled": True, "result": []}, {"result": [region]}]},
        {"id": 2, "data": {"text": text, "article_id": "skipped"},
         "annotations": [{"was_cancelled": True, "result": [region]}]},
        {"id": 3, "data": {"text": text}, "annotations": [], "predictions": [{"result": []}]},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    docs, problems = read_labelstudio(path)
    assert [(d.id, [s.key for s in d.spans]) for d in docs] == [("done", [(15, 19, "LOCATION")])]
    assert [p.message.split(":")[0] for p in problems] == ["task 2 (skipped)", "task 3 (3)"]
    assert all("no completed annotation" in p.message for p in problems)


def test_labelstudio_regions_whose_text_does_not_fit_their_offsets(tmp_path: Path) -> None:
    text = "\U0001f4a5 Rebels shelled Hama."  # an emoji: one code point, two UTF-16 units
    shifted = {"start": 18, "end": 22, "text": "Hama", "labels": ["LOCATION"]}  # UTF-16 count
    task = {"data": {"text": text, "article_id": "e1"},
            "annotations": [{"result": [{"type": "labels", "value": shifted}]}]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    docs, problems = read_labelstudio(path)
    assert docs == [] and "text 'Hama' != 'ama.'" in problems[0].message
    task["annotations"][0]["result"][0]["value"] |= {"start": 17, "end": 21}
    path.write_text(json.dumps([task]), encoding="utf-8")
    docs, problems = read_labelstudio(path)
    assert problems == [] and docs[0].span_text(docs[0].spans[0]) == "Hama"


def test_doccano_relation_projects_export_entities(tmp_path: Path) -> None:
    record = {"id": 9, "text": "Rebels shelled Hama.", "relations": [],
              "entities": [{"id": 1, "label": "LOCATION", "start_offset": 15, "end_offset": 19},
                           {"id": 2, "label": "ACTOR", "start_offset": 0, "end_offset": 6}],
              "meta": {"article_id": "r1", "published": "2024-12-01"}}
    path = tmp_path / "rel.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    docs, problems = read_doccano(path)
    assert problems == []
    assert (docs[0].id, docs[0].meta.published.isoformat()) == ("r1", "2024-12-01")
    assert [s.key for s in docs[0].spans] == [(0, 6, "ACTOR"), (15, 19, "LOCATION")]


# --- what the tools do with the file: import, a reviewer's corrections, export ------------------


def find(text: str, surface: str, after: int = 0) -> tuple[int, int]:
    start = text.index(surface, after)
    return start, start + len(surface)


def correct_doccano(imported: Path, exported: Path) -> None:
    """doccano's import and export of a sequence-labelling project, and a reviewer's fixes.

    Import keeps ``text`` and ``label`` as the example and its spans and every other column
    as the example's meta; export writes ``{"id": <doccano id>, "text", **meta, "label":
    [[start, end, label], ...], "Comments": []}`` (doccano's ``data_import`` builders,
    ``ExportedExample.to_dict`` and the JSONL export formatters).
    """
    out = []
    for number, line in enumerate(imported.read_text("utf-8").splitlines(), start=1):
        row = json.loads(line)
        text, spans = row.pop("text"), [list(s) for s in row.pop("label")]
        if "Russian" in text:  # widen "Russian" to "Russian warplanes"
            spans = [[*find(text, "Russian warplanes"), s[2]] if s[2] == "ACTOR" else s
                     for s in spans]
        else:  # unmark the outlet "Aleppo Today", add the missed "Hama"
            outlet = find(text, "Aleppo")
            spans = [s for s in spans if (s[0], s[1]) != outlet]
            spans.append([*find(text, "Hama"), "LOCATION"])
        out.append({"id": number, "text": text, **row, "label": sorted(spans), "Comments": []})
    exported.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")


def correct_labelstudio(imported: Path, exported: Path) -> None:
    """Label Studio's import and JSON export, and a reviewer's fixes made on the prediction.

    The reviewer's annotation starts from the prediction's regions (``origin: prediction``),
    changes some (``prediction-changed``), adds others (``manual``); the export holds every
    task with its ``data`` as imported, its ``annotations`` and ``predictions``.
    """
    tasks = json.loads(imported.read_text(encoding="utf-8"))
    for number, task in enumerate(tasks, start=1):
        text = task["data"]["text"]
        result = [r | {"origin": "prediction"} for r in task["predictions"][0]["result"]]
        for r in result:
            r["value"].pop("score", None)
            r.pop("score", None)
        if "Russian" in text:
            actor = next(r for r in result if r["value"]["labels"] == ["ACTOR"])
            start, end = find(text, "Russian warplanes")
            actor["value"].update(start=start, end=end, text=text[start:end])
            actor["origin"] = "prediction-changed"
        else:
            outlet = find(text, "Aleppo")
            result = [r for r in result if (r["value"]["start"], r["value"]["end"]) != outlet]
            start, end = find(text, "Hama")
            result.append({"id": "Xy7kQ2", "from_name": "label", "to_name": "text",
                           "type": "labels", "origin": "manual",
                           "value": {"start": start, "end": end, "text": "Hama",
                                     "labels": ["LOCATION"]}})
        task.update(id=100 + number, project=3, annotations=[{
            "id": 200 + number, "completed_by": 1, "result": result, "was_cancelled": False,
            "ground_truth": False, "lead_time": 12.5, "task": 100 + number}])
        task["predictions"][0].update(id=300 + number, task=100 + number)
    exported.write_text(json.dumps(tasks), encoding="utf-8")


def wait_for(client: TestClient, job_id: str, timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = client.get(f"/retrain/{job_id}").json()
        if report["state"] not in ("queued", "running"):
            return report
        time.sleep(0.02)
    raise AssertionError(f"retrain {job_id} still running after {timeout} s")


@pytest.mark.parametrize(
    ("tool", "correct"), [("doccano", correct_doccano), ("labelstudio", correct_labelstudio)]
)
def test_round_trip_back_to_retrain(tool: str, correct: Callable[[Path, Path], None],
                                    articles: Path, tmp_path: Path, fake_model: list) -> None:
    suffix = "jsonl" if tool == "doccano" else "json"
    for_tool, from_tool = tmp_path / f"for-{tool}.{suffix}", tmp_path / f"from-{tool}.{suffix}"
    assert main(["preannotate", str(articles), str(for_tool), "--to", tool]) == 0
    correct(for_tool, from_tool)
    converted = tmp_path / "annotations" / "new.jsonl"
    assert main(["convert", "--from", tool, "--to", "jsonl", str(from_tool), str(converted)]) == 0
    assert main(["validate", str(converted)]) == 0

    lines = [json.loads(line) for line in converted.read_text("utf-8").splitlines()]
    assert {d["id"]: surfaces(d) for d in lines} == CORRECTED
    assert [d["meta"] for d in lines] == [a["meta"] for a in ARTICLES]

    kit = RecordingToolkit(tmp_path / "models")
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit(), gate_share=0) as client:
        headers = AUTH | {"Content-Type": "application/x-ndjson"}
        posted = client.post("/annotations", content=converted.read_bytes(), headers=headers)
        assert posted.status_code == 201, posted.text
        exported = client.get("/annotations", headers=AUTH)
        stored = [json.loads(line) for line in exported.text.splitlines()]
        assert {d["id"]: surfaces(d) for d in stored} == CORRECTED
        assert [d["meta"] for d in stored] == [a["meta"] for a in ARTICLES]
        job = client.post("/retrain", headers=AUTH)
        assert job.status_code == 202, job.text
        assert wait_for(client, job.json()["id"])["state"] == "succeeded"
    (trained,) = kit.trained_docs
    by_id = {d.id: d for d in trained}
    for doc_id, expected in CORRECTED.items():
        doc = by_id[doc_id]
        assert [(doc.span_text(s), s.label) for s in doc.spans] == expected
        assert all(s.score is None for s in doc.spans)  # gold now, not predictions
