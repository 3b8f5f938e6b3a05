"""The real lifespan and the real retrain (train, load, evaluate, publish) on tiny data.

The model in service at the start is a stand-in whose gate score is known: one that finds
nothing (any trained model beats it: promoted) or an oracle that finds the gold spans (the
tiny model cannot match it: refused). Requests keep flowing while a retrain runs and swaps
(a request held inside the old model across the swap: ``test_retrain.py``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from model.extractor import Extractor
from model.types import Document, Span, document_to_json
from service.http.app import create_app
from service.retrain.manager import default_toolkit
from training.corpus import write_documents
from training.registry import current_path, publish

from .fakes import AUTH, service_settings
from .test_retrain import start, wait_for
from .tiny_model import TINY_DOCS, tiny_train_config

TEXT = "Rebels attacked Idlib on Monday."
# The gate document: words the tiny model never saw, so only the oracle gets it right.
GATE_TEXT = "Zzyzx forces shelled Blorf on Friday."
GATE_DOC = Document(id="gate-1", text=GATE_TEXT, spans=[
    Span(start=0, end=12, label="ACTOR"), Span(start=21, end=26, label="LOCATION"),
    Span(start=30, end=36, label="DATE")])


class StandIn:
    """A tagger whose predictions are fixed: nothing, or the gold spans of ``TINY_DOCS``."""

    def __init__(self, version: str, *, oracle: bool, gate: threading.Event | None = None) -> None:
        self.version, self.meta = version, {}
        known = [*TINY_DOCS, GATE_DOC]
        self.gold = {d.text: list(d.spans) for d in known} if oracle else {}
        self.gate = gate
        self.entered = threading.Event()

    def predict_many(self, texts: Sequence[str], *, cancel: object = None) -> list[list[Span]]:
        self.entered.set()
        gate = self.gate  # read once: clearing it later does not release a held request
        if gate is not None:
            gate.wait(10)
        return [self.gold.get(text, []) for text in texts]


@pytest.fixture
def tiny_seeds(tmp_path: Path) -> Path:
    """Seeds: the tiny documents; gate: a transfer dev set holding one of them."""
    folder = tmp_path / "seeds"
    write_documents(TINY_DOCS, folder / "tiny.jsonl")
    write_documents([GATE_DOC], folder / "external" / "dev" / "dev.jsonl")
    return folder


def make_client(tmp_path: Path, seeds: Path, base: Path, tagger: Any = None) -> TestClient:
    settings = service_settings(tmp_path, annotations_dir=seeds,
                                transfer_dir=seeds / "external", gate_share=0)
    toolkit = default_toolkit(settings, config=tiny_train_config(base))
    extractor = None if tagger is None else Extractor(tagger)
    return TestClient(create_app(settings, extractor=extractor, toolkit=toolkit))


def test_the_real_lifespan_loads_models_current(tmp_path: Path, tiny_model_dir: Path) -> None:
    settings = service_settings(tmp_path)
    settings.models_dir.mkdir()
    publish(settings.models_dir, tiny_model_dir)
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json() == {"status": "ok", "model": "tiny", "detail": None}
        info = client.get("/model").json()
        assert re.fullmatch(r"[0-9a-f]{64}", info["data_sha256"])
        assert info["metrics"]["train_seconds"] >= 0
        response = client.post("/extract", json={"text": TEXT, "published": "2024-12-02"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["model"] == {"version": "tiny"}
        assert all(TEXT[s["start"] : s["end"]] == s["text"] for s in body["spans"])


def test_retrain_promotes_a_better_model_while_requests_keep_flowing(
    tmp_path: Path, tiny_seeds: Path, tiny_base_dir: Path
) -> None:
    old = StandIn("blind", oracle=False)
    with make_client(tmp_path, tiny_seeds, tiny_base_dir, old) as client:
        stored = Document(id="extra", text=TEXT, spans=TINY_DOCS[1].spans[:3])
        posted = client.post("/annotations", json=[document_to_json(stored)], headers=AUTH)
        assert posted.status_code == 201
        flowing: list[tuple[int, str]] = []
        done = threading.Event()

        def keep_asking() -> None:  # none of these may fail, before, during or after the swap
            while not done.is_set():
                r = client.post("/extract/batch", json={"articles": [{"text": "Hama"}]})
                flowing.append((r.status_code, r.json()["results"][0]["model"]["version"]))

        asker = threading.Thread(target=keep_asking)
        asker.start()
        report = wait_for(client, start(client)["id"], timeout=60)
        time.sleep(0.1)
        done.set()
        asker.join(10)

        assert report["state"] == "succeeded", report
        new = report["new_version"]
        assert report["metrics"]["old"] == dict.fromkeys(report["metrics"]["old"], 0.0)
        assert report["train_documents"] == len(TINY_DOCS) + 1  # the seeds and the stored one
        assert report["gate_documents"] == 1
        assert client.get("/health").json()["model"] == new
        assert current_path(tmp_path / "models").resolve().name == new
        after = client.post("/extract", json={"text": TEXT}).json()
        assert after["model"]["version"] == new

    assert flowing and all(status == 200 for status, _ in flowing)
    versions = [v for _, v in flowing]
    assert set(versions) == {"blind", new}  # served before, during and after the swap
    assert versions == sorted(versions, key=lambda v: v == new)  # old ones, then new ones


def test_retrain_refuses_a_model_worse_than_the_one_in_service(
    tmp_path: Path, tiny_seeds: Path, tiny_base_dir: Path
) -> None:
    with make_client(tmp_path, tiny_seeds, tiny_base_dir, StandIn("oracle", oracle=True)) as c:
        report = wait_for(c, start(c)["id"], timeout=60)
        assert report["state"] == "rejected", report
        assert report["metrics"]["old"]["ACTOR"] == 1.0
        assert report["message"].startswith("not promoted: ")
        assert c.get("/health").json()["model"] == "oracle"
    models = tmp_path / "models"
    assert not current_path(models).exists()
    assert [p.name for p in models.iterdir()] == []  # the refused model was removed
