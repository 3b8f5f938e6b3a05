"""The learned casualty kind model: features, loading, where it decides, and its fit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from model.errors import ModelLoadError
from model.events.assembly import extract_events
from model.events.kind_model import KIND_MODEL_ENV, _read, kind_features, kind_model
from model.types import (
    Casualty,
    Document,
    DocumentMeta,
    Event,
    GoldEvent,
    Sentence,
    Span,
)
from training.casualty_kind import Example, examples, fit, killed_exact, span_figures

# Both cues side by side: the rules cannot tell killed from injured.
TEXT = "The blast in Kabul killed or wounded 12 people on Monday."
SPANS = [Span(start=13, end=18, label="LOCATION"), Span(start=37, end=46, label="CASUALTY"),
         Span(start=50, end=56, label="DATE")]


@pytest.fixture(autouse=True)
def _fresh_cache():
    _read.cache_clear()
    yield
    _read.cache_clear()


def _model_file(tmp_path: Path, weights: dict[str, float], bias: float = 0.0) -> Path:
    path = tmp_path / "kind.json"
    path.write_text(json.dumps({"weights": weights, "bias": bias}), encoding="utf-8")
    return path


def _reading(monkeypatch: pytest.MonkeyPatch, setting: str) -> Casualty:
    monkeypatch.setenv(KIND_MODEL_ENV, setting)
    (event,) = extract_events(TEXT, SPANS, published=dt.date(2024, 3, 9))
    (casualty,) = event.casualties
    return casualty


def test_features_read_the_words_around_the_span_by_distance() -> None:
    found = kind_features("12 people", "The blast killed or wounded ", " on Monday.",
                          "killed_or_injured")
    assert found[:3] == ["rule:killed_or_injured", "last:people", "L1:wounded"]
    assert "L3:blast" in found and "R1:on" in found and "R2:monday" in found


def test_the_model_decides_where_the_rules_guess(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    assert _reading(monkeypatch, "off").kind == "killed_or_injured"
    path = _model_file(tmp_path, {"L1:wounded": 2.0}, bias=-0.5)
    casualty = _reading(monkeypatch, str(path))
    assert casualty.kind == "killed"
    assert casualty.confidence < 1.0  # the model's probability times the span's score


def test_a_near_cue_is_left_to_the_rules(monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    monkeypatch.setenv(KIND_MODEL_ENV, str(_model_file(tmp_path, {}, bias=-9.0)))
    text = "Gunmen killed 5 people in Kano."
    spans = [Span(start=14, end=22, label="CASUALTY"), Span(start=26, end=30, label="LOCATION")]
    (event,) = extract_events(text, spans, published=dt.date(2024, 3, 9))
    assert event.fatalities == 5


def test_the_packaged_model_loads_and_a_bad_file_is_refused(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(KIND_MODEL_ENV, raising=False)
    assert kind_model() is not None, "model/data/casualty_kind.json is missing"
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    monkeypatch.setenv(KIND_MODEL_ENV, str(bad))
    with pytest.raises(ModelLoadError, match=KIND_MODEL_ENV):
        kind_model()


def _doc(text: str, dead: int, injured: int) -> Document:
    meta = DocumentMeta(published=dt.date(2024, 3, 9), source="test", labels=(),
                        license="test", silver=True)
    gold = GoldEvent(event_type=None, sub_event_type=None, date=dt.date(2024, 3, 9),
                     time_precision=1, country="Afghanistan", fatalities=dead, injured=injured)
    return Document(id="d", text=text, meta=meta, events=(gold,))


def _extraction(text: str, counts: list[tuple[int, int, int]]) -> Any:
    """What the fit reads of an extraction: its events."""
    casualties = tuple(Casualty(start=a, end=b, text=text[a:b], confidence=0.9,
                                kind="killed_or_injured", min=n, max=n) for a, b, n in counts)
    event = Event(id="E1", event_type=None, sub_event_type=None, trigger=None, date=None, actors=(),
                  locations=(), casualties=casualties, fatalities=0,
                  sentences=(Sentence(start=0, end=len(text), text=text),), confidence=0.5)
    return SimpleNamespace(events=(event,))


def test_spans_are_labelled_by_the_row_counts() -> None:
    text = "A bomb killed 4 people and wounded 9 others, police said, and 7 fled."
    doc = _doc(text, dead=4, injured=9)
    found = list(examples([doc], [_extraction(text, [(14, 22, 4), (35, 43, 9), (62, 63, 7)])]))
    assert [e.killed for e in found] == [True, False]  # 7 matches neither: unlabelled
    assert "L1:killed" in found[0].features


def test_fit_needs_both_kinds_and_reports_its_figures() -> None:
    killed = Example({"L1:killed": 1.0, "rule:killed": 1.0}, True, "far_cue", "killed")
    injured = Example({"L1:wounded": 1.0, "rule:killed": 1.0}, False, "far_cue", "killed")
    with pytest.raises(ValueError, match="both killed and injured"):
        fit([killed] * 5)
    fitted = fit([killed] * 5 + [injured] * 5)
    assert fitted["weights"]["L1:killed"] > 0 > fitted["weights"]["L1:wounded"]
    figures = span_figures(fitted, [killed, injured])
    assert figures == {"check_spans_decided": 2, "rules_right": 1, "model_right": 2}


def test_killed_exact_compares_the_row_total() -> None:
    text = "A bomb killed 4 people."
    doc = _doc(text, dead=4, injured=0)
    extraction = _extraction(text, [(14, 22, 4)])
    right = SimpleNamespace(events=(extraction.events[0].model_copy(update={"fatalities": 4}),))
    assert killed_exact([doc], [extraction]) == 0.0
    assert killed_exact([doc], [right]) == 1.0



def test_the_fit_command_refuses_a_file_with_no_rows(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from training.casualty_kind import main

    empty = tmp_path / "rows.csv"
    empty.write_text("date,dead,injured,details,location\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["--csv", str(empty), "--out", str(tmp_path / "kind.json")])
    assert exit_info.value.code == 2
    assert "no readable rows" in capsys.readouterr().err
    assert not (tmp_path / "kind.json").exists()
