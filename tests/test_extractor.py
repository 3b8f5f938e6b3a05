"""``model.Extractor``: the one object that turns text into grounded events."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from model import Article, Extractor, SpanPredictor
from model.errors import ModelLoadError
from tests.fakes import FakeTagger

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


@pytest.mark.parametrize("module", ["model", "service.app", "service.cli", "training.evaluate"])
def test_importing_does_not_load_torch(module: str) -> None:
    code = f"import sys, {module}; sys.exit(int('torch' in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
