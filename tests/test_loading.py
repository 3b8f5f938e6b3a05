"""One loader: the service and every command load the model through ``load_extractor``, with
the same settings (``CONFLICT_IE_BACKEND``, ``..._INFERENCE_THREADS``, ``..._MIN_SCORE``).

Each entry point runs for real on the tiny model; a spy on ``Extractor.load`` records how it
was asked to load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from model.errors import InputError
from model.extractor import Extractor
from model.types import document_to_json
from service.cli import main
from service.loading import LoadOptions, load_extractor
from service.retrain.manager import default_toolkit
from service.settings import Settings, get_settings
from tests.tiny_model import TINY_DOCS

SETTINGS = {"backend": "torch", "threads": 1, "min_score": 0.3}


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """The options of every ``Extractor.load`` call, with the ``CONFLICT_IE_*`` of SETTINGS set
    (the settings are read again, and again after the test)."""
    calls: list[dict[str, Any]] = []
    real = Extractor.load

    def spy(path: Path, **options: Any) -> Extractor:
        calls.append(options)
        return real(path, **options)

    monkeypatch.setattr(Extractor, "load", spy)
    monkeypatch.setenv("CONFLICT_IE_BACKEND", "torch")
    monkeypatch.setenv("CONFLICT_IE_INFERENCE_THREADS", "1")
    monkeypatch.setenv("CONFLICT_IE_MIN_SCORE", "0.3")
    get_settings.cache_clear()
    yield calls
    monkeypatch.undo()
    get_settings.cache_clear()


def _inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """One article as text, the tiny articles as JSONL, the tiny annotations as JSONL."""
    article = tmp_path / "article.txt"
    article.write_text(TINY_DOCS[0].text, encoding="utf-8")
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n"
                                for d in TINY_DOCS), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(document_to_json(d)) + "\n" for d in TINY_DOCS),
                    encoding="utf-8")
    return article, articles, gold


def _command(name: str, model: Path, tmp_path: Path) -> list[str]:
    article, articles, gold = _inputs(tmp_path)
    common = ["--model", str(model)]
    return {
        "extract": ["extract", str(article), *common],
        "rank": ["rank", str(articles), *common],
        "preannotate": ["preannotate", str(articles), str(tmp_path / "pre.jsonl"),
                        "--to", "doccano", *common],
        "batch": ["batch", str(articles), str(tmp_path / "out"), "--workers", "0",
                  "--no-progress", "--no-dedup", *common],
        "evaluate": ["evaluate", "--data", str(gold), *common],
    }[name]


@pytest.mark.parametrize("command", ["extract", "rank", "preannotate", "batch"])
def test_every_command_loads_with_the_services_settings(
    command: str, tiny_model_dir: Path, tmp_path: Path, loads: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(_command(command, tiny_model_dir, tmp_path)) == 0
    capsys.readouterr()
    assert loads == [SETTINGS | {"device": "cpu"}]


def test_evaluation_loads_with_the_settings_but_scores_every_span(
    tiny_model_dir: Path, tmp_path: Path, loads: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(_command("evaluate", tiny_model_dir, tmp_path)) == 0
    capsys.readouterr()
    assert loads == [SETTINGS | {"device": "cpu", "min_score": None}]


def test_the_service_loads_with_its_settings(
    tiny_model_dir: Path, loads: list[dict[str, Any]]
) -> None:
    extractor = default_toolkit(get_settings()).load(tiny_model_dir)
    assert loads == [SETTINGS | {"device": "cpu"}]
    assert (extractor.backend, extractor.min_score) == ("torch", 0.3)


def test_options_replace_their_settings_and_none_keeps_them() -> None:
    settings = Settings(backend="onnx-int8", inference_threads=4, min_score=0.5)
    assert LoadOptions.from_settings(settings) == LoadOptions("onnx-int8", "cpu", 4, 0.5)
    assert LoadOptions.from_settings(settings, threads=1, min_score=0.0, device="cuda") == \
        LoadOptions("onnx-int8", "cuda", 1, 0.0)


def test_the_extractors_min_score_is_the_default_of_each_call(tiny_model_dir: Path) -> None:
    text = TINY_DOCS[0].text
    strict = load_extractor(tiny_model_dir, LoadOptions(backend="torch", min_score=1.0))
    assert strict.extract(text).spans == ()  # no span is scored above 1
    assert strict.extract(text, min_score=0.0).spans != ()  # a call's own value wins
    with pytest.raises(InputError, match="min_score 2"):
        Extractor(strict.predictor, min_score=2)


def test_the_service_serves_with_the_min_score_setting(tiny_model_dir: Path,
                                                        tmp_path: Path) -> None:
    """The service loads ``<models_dir>/current`` through the loader: CONFLICT_IE_MIN_SCORE is
    the default of every request, and a request's ``min_score`` replaces it."""
    from fastapi.testclient import TestClient

    from service.http.app import create_app
    from tests.fakes import service_settings
    from training.registry import current_path

    settings = service_settings(tmp_path, backend="torch", inference_threads=1, min_score=1.0)
    settings.models_dir.mkdir(parents=True)
    current_path(settings.models_dir).symlink_to(tiny_model_dir, target_is_directory=True)
    text = TINY_DOCS[0].text
    with TestClient(create_app(settings)) as client:
        assert client.get("/model").json()["backend"] == "torch"
        strict = client.post("/extract", json={"text": text})
        every = client.post("/extract", params={"min_score": 0}, json={"text": text})
    assert strict.status_code == every.status_code == 200, strict.text
    assert strict.json()["spans"] == []  # no span is scored above 1
    assert every.json()["spans"] != []
