"""``model.Extractor``: the one object that turns text into grounded events."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from model import Article, Extractor, SpanPredictor
from model.errors import InputError, ModelLoadError
from tests.fakes import FakeTagger, ScoredTagger

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Russian warplanes struck Aleppo on Sunday, killing 7 civilians."


def test_extract_many_keeps_order_and_fills_span_text() -> None:
    extractor = Extractor(FakeTagger(version="v1"))
    first, second = extractor.extract_many(
        [Article(text=TEXT, id="a", published=dt.date(2024, 12, 2)), "Rebels took Idlib."]
    )
    assert (first.id, second.id) == ("a", None)
    assert [s.text for s in first.spans] == ["Russian", "Aleppo", "Sunday", "7 civilians"]
    assert first.model.version == "v1"
    event = first.events[0]
    assert event.date.date_start == dt.date(2024, 12, 1) and event.fatalities == 7


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (Article(text=TEXT, published=dt.date(2024, 12, 2)), (dt.date(2024, 12, 2), "input")),
        (Article(text="Rebels advance\n27 October, 2015\n" + TEXT), (dt.date(2015, 10, 27),
                                                                     "dateline")),
        (Article(text=TEXT), (None, None)),
    ],
)
def test_says_which_publication_date_it_used(article: Article, expected: tuple) -> None:
    result = Extractor(FakeTagger()).extract(article)
    assert (result.published, result.published_from) == expected


def test_fake_and_extractor_are_span_predictors() -> None:
    assert isinstance(FakeTagger(), SpanPredictor)
    assert isinstance(Extractor(FakeTagger()), SpanPredictor)


TWO_EVENTS = f"Rebels attacked Idlib. {TEXT}"
ALL_SURE = {"ACTOR": 0.9, "LOCATION": 0.9, "DATE": 0.9, "CASUALTY": 0.9}


def test_min_score_drops_unsure_spans_before_the_events_are_assembled() -> None:
    extractor = Extractor(ScoredTagger({"ACTOR": 0.9, "LOCATION": 0.9, "DATE": 0.4}))
    article = Article(text=TEXT, published=dt.date(2024, 12, 2))
    everything = extractor.extract(article)
    sure = extractor.extract(article, min_score=0.5)
    assert [s.text for s in everything.spans] == ["Russian", "Aleppo", "Sunday", "7 civilians"]
    assert [s.text for s in sure.spans] == ["Russian", "Aleppo", "7 civilians"]  # unscored kept
    assert everything.events[0].date is not None
    assert sure.events[0].date.method == "published"  # the unsure date span was dropped
    assert sure.events[0].fatalities == 7


def test_min_score_drops_unsure_events_and_numbers_the_rest_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the prior-based confidence, which tells these two events apart (the fitted one may not)
    monkeypatch.setattr("model.events.assembly.event_confidence_model", lambda: None)
    extractor = Extractor(ScoredTagger(ALL_SURE))
    article = Article(text=TWO_EVENTS, published=dt.date(2024, 12, 2))
    everything = extractor.extract(article)
    assert [e.trigger.lexeme for e in everything.events if e.trigger] == ["attack", "air_strike"]
    first, second = everything.events
    assert first.confidence != second.confidence
    threshold = (first.confidence + second.confidence) / 2
    surest = max(everything.events, key=lambda e: e.confidence)
    (kept,) = extractor.extract(article, min_score=threshold).events
    assert kept.id == "E1" and kept.model_copy(update={"id": surest.id}) == surest
    assert extractor.extract(article, min_score=0.0).events == everything.events
    assert extractor.extract(article, min_score=1.0).events == ()


def test_min_score_keeps_everything_a_model_without_scores_finds() -> None:
    extractor = Extractor(FakeTagger())
    article = Article(text=TWO_EVENTS, published=dt.date(2024, 12, 2))
    assert extractor.extract(article, min_score=0.99).spans == extractor.extract(article).spans


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), True, "0.5"])
def test_min_score_outside_0_to_1_is_refused(bad: Any) -> None:
    with pytest.raises(InputError, match="min_score"):
        Extractor(FakeTagger()).extract_many([TEXT], min_score=bad)


def test_load_says_how_to_make_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="train one with `conflict-ie train`"):
        Extractor.load(tmp_path / "missing")
    with pytest.raises(ModelLoadError, match="not a model directory"):
        Extractor.load(tmp_path)


def test_loads_a_real_model_directory(tiny_model_dir: Path) -> None:
    extractor = Extractor.load(tiny_model_dir)
    result = extractor.extract("Rebels attacked Idlib on Monday.")
    assert result.model.version == tiny_model_dir.name
    assert all(s.text == "Rebels attacked Idlib on Monday."[s.start : s.end] for s in result.spans)


@pytest.mark.parametrize(
    "module", ["model", "service.http.app", "service.cli", "training.evaluate"]
)
def test_importing_does_not_load_torch(module: str) -> None:
    code = f"import sys, {module}; sys.exit(int('torch' in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
