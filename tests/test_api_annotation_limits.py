"""Limits on annotation writes (413, each named with its setting, nothing stored) and a store
that can never make ``/retrain`` impossible: a retrain takes the newest posted documents that
fit ``CONFLICT_IE_RETRAIN_MAX_DOCUMENTS`` beside the seeds."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from .fakes import AUTH, FakeTagger, FixedScoreToolkit, client_for, service_settings

SEEDS = 2  # in each test's own seed folder


def _doc(doc_id: str, **fields: Any) -> dict:
    return {"id": doc_id, "text": "Rebels shelled Aleppo.", "spans": []} | fields


def _stored(client: TestClient) -> list[str]:
    lines = client.get("/annotations", params={"limit": 1000}, headers=AUTH).text.splitlines()
    return [json.loads(line)["id"] for line in lines]


@pytest.mark.parametrize(
    ("settings", "documents", "detail"),
    [
        ({"max_annotation_documents": 3}, [_doc(f"d{n}") for n in range(4)],
         "4 documents in one request; the limit is 3 (CONFLICT_IE_MAX_ANNOTATION_DOCUMENTS)"),
        ({"max_annotation_chars": 30}, [_doc("a"), _doc("b", text="Rebels shelled Aleppo " * 2)],
         "document 2: text has 44 characters; the limit is 30 (CONFLICT_IE_MAX_ANNOTATION_CHARS)"),
        ({"max_annotation_spans": 2},
         [_doc("a", spans=[{"start": 15, "end": 21, "label": "LOCATION"}] * 3)],
         "document 1: 3 spans; the limit is 2 (CONFLICT_IE_MAX_ANNOTATION_SPANS)"),
        ({"max_meta_bytes": 40}, [_doc("a", meta={"source": "x" * 40})],
         "document 1: meta has 53 bytes; the limit is 40 (CONFLICT_IE_MAX_META_BYTES)"),
    ],
    ids=["documents", "chars", "spans", "meta"],
)
def test_each_write_limit_is_413_naming_its_setting(
    tmp_path: Path, settings: dict, documents: list[dict], detail: str
) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), **settings) as client:
        response = client.post("/annotations", json=documents, headers=AUTH)
        assert response.status_code == 413, response.text
        assert response.json()["detail"] == detail
        lines = "\n".join(json.dumps(d) for d in documents)
        as_jsonl = client.post("/annotations", content=lines.encode(),
                               headers=AUTH | {"Content-Type": "application/x-ndjson"})
        assert as_jsonl.status_code == 413
        assert as_jsonl.json()["detail"] == detail.replace("document ", "line ")
        assert _stored(client) == []


def test_every_document_past_a_limit_is_named(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), max_annotation_chars=30) as client:
        long = "Rebels shelled Aleppo again and again."
        response = client.post("/annotations", json=[_doc("a", text=long), _doc("b"),
                                                     _doc("c", text=long)], headers=AUTH)
        assert response.status_code == 413
        body = response.json()
        assert body["detail"] == "2 documents too large"
        assert [p.split(":")[0] for p in body["problems"]] == ["document 1", "document 3"]


def test_a_full_store_refuses_new_documents_but_takes_replacements(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), max_store_documents=3) as client:
        assert client.post("/annotations", json=[_doc("a"), _doc("b")],
                           headers=AUTH).status_code == 201
        full = client.post("/annotations", json=[_doc("c"), _doc("d")], headers=AUTH)
        assert full.status_code == 413, full.text
        assert "would hold 4 documents; the limit is 3 (CONFLICT_IE_MAX_STORE_DOCUMENTS)" in (
            full.json()["detail"])
        assert _stored(client) == ["a", "b"]
        assert client.post("/annotations", json=[_doc("c")], headers=AUTH).status_code == 201
        changed = [_doc("a", text="Rebels shelled Idlib."), _doc("b", text="Rebels left.")]
        assert client.post("/annotations", json=changed, headers=AUTH).status_code == 201
        assert client.delete("/annotations/c", headers=AUTH).status_code == 200
        assert client.post("/annotations", json=[_doc("d")], headers=AUTH).status_code == 201


def _seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    lines = [json.dumps(_doc(f"seed-{n}")) for n in range(SEEDS)]
    (folder / "seeds.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _retrain(client: TestClient) -> dict:
    response = client.post("/retrain", headers=AUTH)
    assert response.status_code == 202, response.text
    client.app.state.retrainer.wait(10)  # type: ignore[attr-defined]
    return client.get(f"/retrain/{response.json()['id']}").json()


def test_a_flood_of_annotations_cannot_stop_retraining(tmp_path: Path) -> None:
    """Before: more posted documents than CONFLICT_IE_RETRAIN_MAX_DOCUMENTS made every
    /retrain a 413 for good. Now a retrain takes the newest that fit beside the seeds."""
    settings = service_settings(tmp_path)
    kit = FixedScoreToolkit(settings.models_dir)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit(), gate_share=0.0,
                    annotations_dir=_seeds(tmp_path), retrain_max_documents=SEEDS + 3) as client:
        for n in range(8):
            assert client.post("/annotations", json=[_doc(f"flood-{n}")],
                               headers=AUTH).status_code == 201
            time.sleep(0.005)  # millisecond timestamps
        client.post("/annotations", json=[_doc("flood-2", text="Rebels shelled Idlib.")],
                    headers=AUTH)  # rewritten last: among the newest
        report = _retrain(client)
        assert report["state"] == "succeeded", report
        assert (report["train_documents"], report["unused_documents"]) == (SEEDS + 3, 5)
        assert kit.trained_on[0] == ["seed-0", "seed-1", "flood-2", "flood-6", "flood-7"]


def test_a_stored_document_that_no_longer_validates_is_left_out(tmp_path: Path) -> None:
    settings = service_settings(tmp_path)
    kit = FixedScoreToolkit(settings.models_dir)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit(),
                    annotations_dir=_seeds(tmp_path), gate_share=0.0) as client:
        client.post("/annotations", json=[_doc("good"), _doc("old")], headers=AUTH)
        stale = json.dumps(_doc("old", meta={"published": "20240101"}))  # valid before issue 28
        with sqlite3.connect(settings.annotation_store) as conn:
            conn.execute("UPDATE documents SET body = ? WHERE id = 'old'", (stale,))
        report = _retrain(client)
        assert report["state"] == "succeeded", report
        assert report["unused_documents"] == 1
        assert "good" in kit.trained_on[0] and "old" not in kit.trained_on[0]


def test_seed_files_alone_past_the_limit_are_still_413(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), annotations_dir=_seeds(tmp_path),
                    retrain_max_documents=SEEDS - 1) as client:
        response = client.post("/retrain", headers=AUTH)
        assert response.status_code == 413
        assert response.json()["detail"] == (
            f"the seed files hold {SEEDS} documents; the limit is {SEEDS - 1} "
            "(CONFLICT_IE_RETRAIN_MAX_DOCUMENTS)")
