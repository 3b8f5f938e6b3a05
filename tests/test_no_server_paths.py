"""No response of any endpoint shows where the server keeps its files."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from service.http.redact import redact, redact_meta

from .fakes import AUTH, FakeTagger, FixedScoreToolkit, client_for, service_settings


def _secrets(tmp_path: Path) -> list[str]:
    models = tmp_path / "models"
    return [str(tmp_path), str(tmp_path.resolve()), str(models), str(models.resolve())]


def _meta(models: Path) -> dict:
    """A meta.json full of paths, as an older or hand-made model may have."""
    return {
        "metrics": {"dev": {"f1": 0.8}},
        "data": {"sha256": "abc", "documents": ["d1"], "source": str(models / "data.jsonl")},
        "config": {"base_model": "/home/someone/encoders/minilm", "out": str(models / "m1")},
        "trained_at": [str(models.resolve() / "m1"), "C:\\models\\m1"],
    }


def _call_everything(client: TestClient) -> list[httpx.Response]:
    doc = {"id": "d1", "text": "Rebels shelled Aleppo.", "spans": []}
    responses = [
        client.get("/health"),
        client.get("/model"),
        client.get("/openapi.json"),
        client.get("/docs"),
        client.post("/extract", json={"text": "Rebels shelled Aleppo on Sunday."}),
        client.post("/extract/batch", json={"articles": [{"text": "Aleppo."}]}),
        client.post("/extract", json={"text": ""}),
        client.post("/annotations", json=[doc], headers=AUTH),
        client.post("/annotations", json=[doc | {"text": ""}], headers=AUTH),
        client.get("/annotations", headers=AUTH),
        client.get("/nope"),
    ]
    started = client.post("/retrain", headers=AUTH)
    responses.append(started)
    if started.status_code == 202:
        job = started.json()["id"]
        client.app.state.retrainer.wait(10)  # type: ignore[attr-defined]
        responses += [client.get(f"/retrain/{job}"), client.delete(f"/retrain/{job}",
                                                                   headers=AUTH)]
    return responses


def _assert_clean(responses: list[httpx.Response], secrets: list[str]) -> None:
    for response in responses:
        for secret in secrets:
            assert secret not in response.text, (response.request.url, secret, response.text)
        assert "/home/someone" not in response.text


def test_model_info_has_no_path_and_meta_is_cut_to_names(tmp_path: Path) -> None:
    models = tmp_path / "models"
    tagger = FakeTagger(meta=_meta(models))
    with client_for(tmp_path, tagger=tagger) as client:
        info = client.get("/model").json()
    assert "path" not in info
    assert info["meta"]["config"] == {"base_model": "minilm", "out": "<models_dir>/m1"}
    assert info["meta"]["trained_at"] == ["<models_dir>/m1", "m1"]
    assert info["data_sha256"] == "abc"


def test_no_endpoint_shows_the_models_dir_with_a_model(tmp_path: Path) -> None:
    settings = service_settings(tmp_path)
    failing = FixedScoreToolkit(
        settings.models_dir, fail=OSError(f"cannot write {settings.models_dir.resolve()}/new")
    )
    with client_for(tmp_path, tagger=FakeTagger(meta=_meta(settings.models_dir)),
                    toolkit=failing.toolkit()) as client:
        responses = _call_everything(client)
    failed = next(r for r in responses if r.request.url.path.startswith("/retrain/"))
    assert failed.json()["message"] == "OSError: cannot write <models_dir>/new"
    _assert_clean(responses, _secrets(tmp_path))


def test_no_endpoint_shows_the_models_dir_without_a_model(tmp_path: Path) -> None:
    with client_for(tmp_path, toolkit=FixedScoreToolkit(tmp_path / "models").toolkit()) as client:
        responses = _call_everything(client)
    health = responses[0]
    assert health.status_code == 503
    assert health.json()["detail"].startswith("no model at <models_dir>/current")
    _assert_clean(responses, _secrets(tmp_path))


def test_redact_replaces_whole_folders_only(tmp_path: Path) -> None:
    settings = service_settings(tmp_path)
    root = str(settings.models_dir)
    assert redact(f"at {root}/current and {root}-old", settings) == (
        f"at <models_dir>/current and {root}-old"
    )
    assert redact_meta({"k": (root, 3, None)}, settings) == {"k": ["<models_dir>", 3, None]}
