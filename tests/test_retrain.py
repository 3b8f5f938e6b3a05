"""Retraining through the API with a fake toolkit: promotion rule, one job at a time, safe swap."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from service.retrain import regressions, split_documents

from .fakes import AUTH, FakeTagger, FixedScoreToolkit, client_for

HELDOUT = "004_81434ea560be425d"
NEW_DOC = {"id": "new-1", "text": "Rebels shelled Idlib on Monday.", "spans": []}


def wait_for(client: TestClient, job_id: str, timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = client.get(f"/retrain/{job_id}").json()
        if report["state"] in ("succeeded", "rejected", "failed"):
            return report
        time.sleep(0.02)
    raise AssertionError(f"retrain {job_id} still running after {timeout} s")


def start(client: TestClient) -> dict[str, Any]:
    response = client.post("/retrain", headers=AUTH)
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/retrain/{response.json()['id']}"
    return response.json()


def test_a_model_no_worse_within_tolerance_is_promoted(tmp_path: Path) -> None:
    kit = FixedScoreToolkit(old_f1=0.5, new_f1=0.49)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit()) as client:
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
    assert "new-1" in trained_on  # stored annotations join the seeds...
    assert HELDOUT not in trained_on  # ...and the held-out document never trains
    assert report["train_documents"] == len(trained_on) == 5


def test_a_worse_model_is_not_promoted_and_is_removed(tmp_path: Path) -> None:
    kit = FixedScoreToolkit(old_f1=0.5, new_f1=0.47)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit()) as client:
        report = wait_for(client, start(client)["id"])
        assert report["state"] == "rejected", report
        assert "ACTOR: F1 0.470 < 0.500 - 0.02" in report["message"]
        assert client.get("/health").json()["model"] == "fake-1"
    assert not (tmp_path / "models" / "trained-1").exists()
    assert not (tmp_path / "models" / "current").exists()


def test_one_job_at_a_time_409(tmp_path: Path) -> None:
    gate = threading.Event()
    kit = FixedScoreToolkit(gate=gate)
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit()) as client:
        job = start(client)
        busy = client.post("/retrain", headers=AUTH)
        assert busy.status_code == 409
        assert f"GET /retrain/{job['id']}" in busy.json()["detail"]
        running = client.get(f"/retrain/{job['id']}").json()
        assert running["state"] == "running"
        assert running["stage"] == "training"
        gate.set()
        assert wait_for(client, job["id"])["state"] == "succeeded"
        assert wait_for(client, start(client)["id"])["state"] == "succeeded"  # free again


def test_a_failed_training_keeps_the_model_in_service(tmp_path: Path) -> None:
    kit = FixedScoreToolkit(fail=OSError("disk full"))
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit.toolkit()) as client:
        report = wait_for(client, start(client)["id"])
        assert report["state"] == "failed"
        assert report["message"] == "OSError: disk full"
        assert client.get("/health").json()["model"] == "fake-1"


def test_without_a_model_the_first_retrain_is_promoted(tmp_path: Path) -> None:
    with client_for(tmp_path, toolkit=FixedScoreToolkit(new_f1=0.1).toolkit()) as client:
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
    with client_for(tmp_path, tagger=old, toolkit=FixedScoreToolkit().toolkit()) as client:
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
    from model.types import Document

    seed = Document(id="a", text="old")
    fixed = Document(id="a", text="fixed")
    train, held = split_documents([seed, Document(id="h", text="x")], [fixed], ["h"])
    assert [d.text for d in train] == ["fixed"]
    assert [d.id for d in held] == ["h"]
    assert regressions({"DATE": 0.5}, {"DATE": 0.48}, tolerance=0.02) == []
    assert regressions({"DATE": 0.5}, {}, tolerance=0.02) == ["DATE: F1 0.000 < 0.500 - 0.02"]
