"""What to annotate next: uncertainty with diversity, as a pure function, a command and /suggest."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from model.errors import InputError
from model.extractor import Extractor
from model.ranking import rank, word_uncertainty
from model.types import Article, Span
from service.cli import main
from service.http.app import create_app

from .fakes import FakeTagger, FixedScoreToolkit, service_settings

POOL = {
    "strike-a": "Russian warplanes struck Idlib on Monday, killing 12 civilians.",
    "strike-b": "Russian warplanes struck Idlib on Monday, killing 12 civilians today.",
    "vote": "The council met on Sunday and approved the budget.",
    "siege": "Syrian army shelled east Aleppo on Sunday, killing 12 civilians.",
}


def test_word_uncertainty_is_the_mean_least_confidence() -> None:
    assert word_uncertainty(np.array([[1.0, 0.0], [0.6, 0.4]])) == pytest.approx(0.2)
    assert word_uncertainty(np.zeros((0, 9))) == 0.0


def test_uncertain_first_and_near_duplicates_pushed_down() -> None:
    ids = list(POOL)
    texts = list(POOL.values())
    low = Span(start=0, end=7, label="ACTOR", text="Russian", score=0.31)
    ranked = rank(ids, texts, [0.30, 0.29, 0.05, 0.20], [[low], [], [], []])
    assert [s.id for s in ranked] == ["strike-a", "siege", "strike-b", "vote"]
    first, _, third, _ = ranked
    assert first.uncertain_spans == 1 and "'Russian' ACTOR 0.31" in first.reason
    assert third.similarity > 0.7 and "most similar above: strike-a" in third.reason
    assert [s.rank for s in ranked] == [1, 2, 3, 4]
    assert [s.id for s in rank(ids, texts, [0.3, 0.29, 0.05, 0.2], [[]] * 4, top=2)] == [
        "strike-a", "siege"]


def test_a_real_model_ranks_every_article(tiny_model_dir: Path) -> None:
    extractor = Extractor.load(tiny_model_dir)
    ranked = extractor.rank([Article(id=k, text=v) for k, v in POOL.items()])
    assert sorted(s.id for s in ranked) == sorted(POOL)
    assert all(0 <= s.uncertainty <= 1 for s in ranked)


def test_ranking_needs_probabilities_and_ids(tiny_model_dir: Path) -> None:
    with pytest.raises(InputError, match="no word probabilities"):
        Extractor(FakeTagger()).rank([Article(id="a", text="x")])
    with pytest.raises(InputError, match="no id"):
        Extractor.load(tiny_model_dir).rank([Article(text="x")])


def test_rank_command(tiny_model_dir: Path, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in POOL.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert main(["rank", str(tmp_path), "--model", str(tiny_model_dir), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(d["id"] for d in lines) == sorted(POOL) and lines[0]["rank"] == 1
    assert main(["rank", str(tmp_path / "nothing"), "--model", str(tiny_model_dir)]) == 2


def test_suggest_endpoint(tiny_model_dir: Path, tmp_path: Path) -> None:
    settings = service_settings(tmp_path, max_suggest=3)
    app = create_app(settings, extractor=Extractor.load(tiny_model_dir),
                     toolkit=FixedScoreToolkit(settings.models_dir).toolkit())
    with TestClient(app) as client:
        articles = [{"id": k, "text": v} for k, v in list(POOL.items())[:3]]
        response = client.post("/suggest", json={"articles": articles, "top": 2})
        assert response.status_code == 200, response.text
        body = response.json()
        assert [s["rank"] for s in body["suggestions"]] == [1, 2]
        assert body["model"] == tiny_model_dir.name
        too_many = [{"id": k, "text": v} for k, v in POOL.items()]
        assert client.post("/suggest", json={"articles": too_many}).status_code == 413
        no_id = client.post("/suggest", json={"articles": [{"text": "Aleppo"}]})
        assert no_id.status_code == 422 and "no id" in no_id.json()["detail"]
