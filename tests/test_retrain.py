"""Retraining through the API with a fake toolkit: promotion gate, one job at a time, cancel,
persisted reports, caps and a safe swap."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from model.types import Document
from service.retrain.manager import FINISHED, Job, JobState, regressions
from service.store import AnnotationStore
from training.corpus import conflict_paths, load_documents
from training.registry import held_for_gate, prune_models, retrain_split

from .fakes import AUTH, ROOT, FakeTagger, FixedScoreToolkit, client_for, service_settings

SEED_IDS = sorted(d.id for d in load_documents(conflict_paths(ROOT / "annotations")))
DEV_IDS = sorted(d.id for d in load_documents([ROOT / "annotations" / "external" / "dev"]))
NEW_DOC = {"id": "new-1", "text": "Rebels shelled Idlib on Monday.", "spans": []}


def wait_for(client: TestClient, job_id: str, timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = client.get(f"/retrain/{job_id}").json()
        if report["state"] in FINISHED:
            return report
        time.sleep(0.02)
    raise AssertionError(f"retrain {job_id} still running after {timeout} s")


def wait_until(client: TestClient, job_id: str, ready: Any, timeout: float = 10.0) -> dict:
    """The job's report once ``ready(report)`` holds (the job thread starts asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = client.get(f"/retrain/{job_id}").json()
        if ready(report):
            return report
        time.sleep(0.02)
    raise AssertionError(f"retrain {job_id} never got ready: {report}")


def start(client: TestClient) -> dict[str, Any]:
    response = client.post("/retrain", headers=AUTH)
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/retrain/{response.json()['id']}"
    return response.json()


def kit_for(tmp_path: Path, **options: Any) -> FixedScoreToolkit:
    return FixedScoreToolkit(tmp_path / "models", **options)


def test_a_model_no_worse_within_tolerance_is_promoted(tmp_path: Path) -> None:
    kit = kit_for(tmp_path, old_f1=0.5, new_f1=0.49)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit(), gate_share=0) as client:
        assert client.post("/annotations", json=[NEW_DOC], headers=AUTH).status_code == 201
        report = wait_for(client, start(client)["id"])
        assert report["state"] == "succeeded", report
        assert report["progress"] == 1.0
        assert report["metrics"]["old"]["ACTOR"] == 0.5
        assert report["metrics"]["new"]["ACTOR"] == 0.49
        assert (report["old_version"], report["new_version"]) == ("fake-1", "trained-1")
        assert client.get("/health").json()["model"] == "trained-1"
        assert (tmp_path / "models" / "current").resolve().name == "trained-1"
    (trained_on,) = kit.trained_on
    assert sorted(trained_on) == sorted([*SEED_IDS, "new-1"])  # every conflict annotation
    assert kit.gated_on == [DEV_IDS]  # the gate: the transfer dev set, never trained on
    assert report["train_documents"] == len(trained_on)
    assert report["gate_documents"] == len(DEV_IDS)


def test_a_held_out_share_of_posted_documents_gates_and_never_trains(tmp_path: Path) -> None:
    posted = [{"id": f"user-{i}", "text": "Shelling hit Hama.", "spans": []} for i in range(20)]
    held = sorted(d["id"] for d in posted if held_for_gate(d["id"], 0.25))
    assert 0 < len(held) < 20
    kit = kit_for(tmp_path)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit(), gate_share=0.25) as c:
        assert c.post("/annotations", json=posted, headers=AUTH).status_code == 201
        assert wait_for(c, start(c)["id"])["state"] == "succeeded"
    assert not set(held) & set(kit.trained_on[0])
    assert kit.gated_on[0] == [*DEV_IDS, *held]


def test_a_worse_model_is_not_promoted_and_is_removed(tmp_path: Path) -> None:
    kit = kit_for(tmp_path, old_f1=0.5, new_f1=0.47)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit()) as client:
        report = wait_for(client, start(client)["id"])
        assert report["state"] == "rejected", report
        assert "ACTOR: F1 0.470 < 0.500 - 0.02" in report["message"]
        assert client.get("/health").json()["model"] == "fake-1"
    assert not (tmp_path / "models" / "trained-1").exists()
    assert not (tmp_path / "models" / "current").exists()


def test_one_job_at_a_time_409_and_cancel(tmp_path: Path) -> None:
    gate = threading.Event()
    kit = kit_for(tmp_path, gate=gate)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit()) as client:
        job = start(client)
        busy = client.post("/retrain", headers=AUTH)
        assert busy.status_code == 409
        assert f"GET /retrain/{job['id']}" in busy.json()["detail"]
        running = wait_until(client, job["id"], lambda r: r["stage"] == "training")
        assert running["state"] == "running"
        assert client.delete(f"/retrain/{job['id']}").status_code == 401  # needs the token
        assert client.delete(f"/retrain/{job['id']}", headers=AUTH).status_code == 202
        report = wait_for(client, job["id"])
        assert report["state"] == "cancelled" and "DELETE" in report["message"]
        assert client.delete(f"/retrain/{job['id']}", headers=AUTH).status_code == 409
        assert client.delete("/retrain/nope", headers=AUTH).status_code == 404
        assert client.get("/health").json()["model"] == "fake-1"
        gate.set()
        assert wait_for(client, start(client)["id"])["state"] == "succeeded"  # free again


def test_a_failed_training_keeps_the_model_in_service(tmp_path: Path) -> None:
    kit = kit_for(tmp_path, fail=OSError("disk full"))
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit()) as client:
        report = wait_for(client, start(client)["id"])
        assert report["state"] == "failed"
        assert report["message"] == "OSError: disk full"
        assert client.get("/health").json()["model"] == "fake-1"


def test_too_many_documents_is_413(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), retrain_max_documents=2) as client:
        response = client.post("/retrain", headers=AUTH)
        assert response.status_code == 413
        assert "CONFLICT_IE_RETRAIN_MAX_DOCUMENTS" in response.json()["detail"]


def test_reports_survive_a_restart_and_interrupted_jobs_say_so(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit_for(tmp_path).toolkit()) as c:
        done = wait_for(c, start(c)["id"])
    store = AnnotationStore(service_settings(tmp_path).annotation_store)
    stuck = Job(id="stuck", state=JobState.RUNNING, stage="training")
    store.save_job(stuck.id, stuck.to_json(), stuck.created_at.isoformat())
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        assert client.get(f"/retrain/{done['id']}").json()["state"] == "succeeded"
        again = client.get("/retrain/stuck").json()
        assert again["state"] == "failed" and "restarted" in again["message"]


def test_without_a_model_the_first_retrain_is_promoted(tmp_path: Path) -> None:
    with client_for(tmp_path, toolkit=kit_for(tmp_path, new_f1=0.1).toolkit()) as client:
        assert client.get("/health").status_code == 503
        report = wait_for(client, start(client)["id"])
        assert report["state"] == "succeeded"
        assert "old" not in report["metrics"]
        assert client.get("/health").json() == {
            "status": "ok",
            "model": "trained-1",
            "detail": None,
        }


def test_requests_in_flight_finish_on_the_old_model(tmp_path: Path) -> None:
    gate = threading.Event()
    old = FakeTagger(gate=gate)
    with client_for(tmp_path, tagger=old, toolkit=kit_for(tmp_path).toolkit()) as client:
        answers: list[Any] = []
        in_flight = threading.Thread(
            target=lambda: answers.append(client.post("/extract", json={"text": "Aleppo"}))
        )
        in_flight.start()
        assert old.entered.wait(5)  # the request is inside the old model now
        assert wait_for(client, start(client)["id"])["state"] == "succeeded"
        after = client.post("/extract", json={"text": "Aleppo"})
        assert after.json()["model"]["version"] == "trained-1"
        gate.set()
        in_flight.join(5)
    (response,) = answers
    assert response.status_code == 200
    assert response.json()["model"]["version"] == "fake-1"
    assert response.json()["spans"][0]["text"] == "Aleppo"


def test_split_and_regressions_are_plain_functions() -> None:
    seed = Document(id="a", text="old")
    fixed = Document(id="a", text="fixed")
    train, gate = retrain_split([seed, Document(id="b", text="x")], [fixed], share=0.0)
    assert [d.text for d in train] == ["fixed", "x"] and gate == []
    assert regressions({"DATE": 0.5}, {"DATE": 0.48}, tolerance=0.02) == []
    assert regressions({"DATE": 0.5}, {}, tolerance=0.02) == ["DATE: F1 0.000 < 0.500 - 0.02"]


def test_pruning_keeps_the_current_model_the_newest_and_their_base(tmp_path: Path) -> None:
    import json

    from training.registry import publish

    names = [f"2026120{i}-000000-0000000{i}" for i in range(1, 6)]
    for i, name in enumerate(names):
        (tmp_path / name).mkdir()
        meta = {"base_model": {"general_stage": f"base-{i % 2:012d}"}}
        (tmp_path / name / "meta.json").write_text(json.dumps(meta))
    for i in range(3):
        (tmp_path / f"base-{i:012d}").mkdir()
        time.sleep(0.01)  # base-000000000002 is the newest
    (tmp_path / "mine").mkdir()  # not a name this project gives: never touched
    publish(tmp_path, tmp_path / names[1])
    removed = prune_models(tmp_path, keep=2)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "current")
    assert left == sorted([names[1], names[3], names[4], "base-000000000000",
                           "base-000000000001", "base-000000000002", "mine"])
    assert sorted(p.name for p in removed) == [names[0], names[2]]


@pytest.mark.parametrize("share", [0.0, 0.2, 1.0])
def test_gate_choice_is_stable(share: float) -> None:
    ids = [f"doc-{i}" for i in range(50)]
    assert [held_for_gate(i, share) for i in ids] == [held_for_gate(i, share) for i in ids]


def test_an_install_that_cannot_train_refuses_retrain_with_503(tmp_path: Path) -> None:
    kit = FixedScoreToolkit(tmp_path / "models").toolkit()
    cannot = dataclasses.replace(kit, missing="retraining needs torch, which this install lacks")
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=cannot) as client:
        response = client.post("/retrain", headers=AUTH)
        assert response.status_code == 503
        assert "needs torch" in response.json()["detail"]
        assert client.get("/health").status_code == 200  # still serving


def test_the_real_toolkit_names_what_a_serving_install_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from service.retrain.manager import default_toolkit

    assert default_toolkit(service_settings(tmp_path)).missing is None  # the full install
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "torch" else real(name, *a))
    assert "torch" in default_toolkit(service_settings(tmp_path)).missing
