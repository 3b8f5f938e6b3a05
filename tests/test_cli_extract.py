"""``conflict-ie extract`` with a fake tagger (the real model is not needed)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.events.table import CSV_COLUMNS
from model.extractor import Extractor
from model.types import Event, Extraction, Span
from service.cli import main
from service.settings import get_settings

TEXT = (
    "Syrian Rebels Capture Aleppo\n"
    "27 October, 2015\n"
    "Rebels entered Aleppo on Friday night, forcing the Syrian army to redeploy. "
    "The army said at least 7 soldiers were killed."
)
SURFACES = [("ACTOR", "Syrian Rebels"), ("LOCATION", "Aleppo"), ("DATE", "27 October, 2015"),
            ("ACTOR", "Rebels"), ("LOCATION", "Aleppo"), ("DATE", "Friday night"),
            ("ACTOR", "Syrian army"), ("ACTOR", "army"), ("CASUALTY", "at least 7 soldiers")]


class FakeTagger:
    """A ``SpanPredictor`` returning hand-written spans for TEXT, whatever it is given; a label
    in ``scores`` gets that score, the others none."""

    version = "fake"

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.meta: dict = {}
        self.scores: dict[str, float] = {}

    def predict_many(self, texts: list[str], *, cancel: object = None) -> list[list[Span]]:
        return [self._spans(text) for text in texts]

    def _spans(self, text: str) -> list[Span]:
        self.calls.append(text)
        spans, cursor = [], 0
        for label, surface in SURFACES:
            start = text.index(surface, cursor)
            cursor = start + len(surface)
            spans.append(Span(start=start, end=cursor, label=label,  # type: ignore[arg-type]
                              score=self.scores.get(label)))
        return spans


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeTagger:
    """``Extractor.load`` gives the fake tagger; ``tagger.loaded`` records each load's path and
    device, ``tagger.options`` its other options (backend, threads, min_score)."""
    tagger = FakeTagger()
    loaded: list[tuple[Path, str]] = []
    options: list[dict[str, object]] = []

    def load(path: Path, *, device: str, min_score: float | None = None,
             **rest: object) -> Extractor:
        loaded.append((path, device))
        options.append({"min_score": min_score, **rest})
        return Extractor(tagger, min_score=min_score)

    monkeypatch.setattr(Extractor, "load", load)
    tagger.loaded = loaded  # type: ignore[attr-defined]
    tagger.options = options  # type: ignore[attr-defined]
    return tagger


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set ``CONFLICT_IE_*`` variables with ``environment.setenv``; the settings are read
    again, and again after the test."""
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json_output(fake: FakeTagger, article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(article), "--model", "/m", "--device", "cpu"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert Extraction.model_validate(out).model.version == "fake"
    assert set(out) == {"id", "published", "published_from", "events", "spans", "model"}
    assert (out["published"], out["published_from"]) == ("2015-10-27", "dateline")
    assert [s["text"] for s in out["spans"]] == [s for _, s in SURFACES]
    events = [Event.model_validate(e) for e in out["events"]]
    (entered,) = events  # the headline's "Capture", "entered" and the toll: one incident
    assert entered.sub_event_type == "Non-state actor overtakes territory"
    assert entered.date.date_start.isoformat() == "2015-10-23"  # the Friday before
    assert entered.fatalities == 7  # the next sentence elaborates it
    assert fake.loaded == [(Path("/m"), "cpu")]  # type: ignore[attr-defined]


def test_min_score_drops_unsure_spans_and_events(
    fake: FakeTagger, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.scores = {"CASUALTY": 0.1, "DATE": 0.9}
    assert main(["extract", str(article), "--min-score", "0.2"]) == 0
    out = Extraction.model_validate_json(capsys.readouterr().out)
    assert "at least 7 soldiers" not in [s.text for s in out.spans]
    assert len(out.spans) == len(SURFACES) - 1  # unscored ACTOR and LOCATION spans stay
    (entered,) = out.events
    # the dropped count is not put back by the casualty finder
    assert entered.fatalities == 0 and entered.confidence >= 0.2
    assert main(["extract", str(article), "--min-score", "1"]) == 0
    assert Extraction.model_validate_json(capsys.readouterr().out).events == ()


@pytest.mark.parametrize("backend", ["torch", "onnx-int8"])
def test_the_model_loads_with_the_settings_the_service_uses(
    fake: FakeTagger, article: Path, environment: pytest.MonkeyPatch, backend: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    environment.setenv("CONFLICT_IE_BACKEND", backend)
    environment.setenv("CONFLICT_IE_INFERENCE_THREADS", "3")
    environment.setenv("CONFLICT_IE_MIN_SCORE", "0.2")
    fake.scores = {"CASUALTY": 0.1}
    assert main(["extract", str(article), "--model", "/m"]) == 0
    out = Extraction.model_validate_json(capsys.readouterr().out)
    assert fake.options == [  # type: ignore[attr-defined]
        {"backend": backend, "threads": 3, "min_score": 0.2}]
    assert "at least 7 soldiers" not in [s.text for s in out.spans]  # the min score applied
    assert main(["extract", str(article), "--model", "/m", "--min-score", "0"]) == 0
    assert fake.options[-1]["min_score"] == 0  # type: ignore[attr-defined]  # the option wins
    kept = Extraction.model_validate_json(capsys.readouterr().out)
    assert "at least 7 soldiers" in [s.text for s in kept.spans]


@pytest.mark.parametrize("value", ["2", "-0.5", "x"])
def test_min_score_outside_0_to_1_is_a_usage_error(
    article: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(article), "--min-score", value])
    assert exit_info.value.code == 2
    assert "--min-score" in capsys.readouterr().err


def test_published_option_wins(fake: FakeTagger, article: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(article), "--published", "2024-12-02"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["published"], out["published_from"]) == ("2024-12-02", "input")
    dates = [e["date"]["date_start"] for e in out["events"] if e["date"]]
    assert "2024-11-29" in dates


def test_csv_output(fake: FakeTagger, article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(article), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and tuple(rows[0]) == CSV_COLUMNS
    row = next(r for r in rows if r["event_date"] == "2015-10-23")
    assert (row["sub_event_type"], row["actor1"], row["actor2"]) == (
        "Non-state actor overtakes territory", "Syrian rebels", "Syrian government forces")
    assert (row["location"], row["geo_precision"], row["fatalities"]) == ("Aleppo", "1", "7")
    assert (row["year"], row["disorder_type"], row["country"], row["iso"], row["region"]) == (
        "2015", "Political violence", "Syria", "760", "Middle East")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "1", "12")
    assert row["source"] == ""  # no --source and no --id


@pytest.mark.parametrize(("options", "source"), [
    (["--id", "a-17"], "a-17"), (["--id", "a-17", "--source", "SANA"], "SANA"),
    (["--source", "The New Arab"], "The New Arab")])
def test_csv_source_column(fake: FakeTagger, article: Path, capsys: pytest.CaptureFixture[str],
                           options: list[str], source: str) -> None:
    assert main(["extract", str(article), "--format", "csv", *options]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split(",") == list(CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO("\n".join([header, *lines]))))
    assert rows and {r["source"] for r in rows} == {source}


def test_stdin(fake: FakeTagger, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT))
    assert main(["extract", "-"]) == 0
    assert fake.calls == [TEXT]
    assert json.loads(capsys.readouterr().out)["events"]


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Extraction"
    assert "fatalities" in schema["$defs"]["Event"]["properties"]
    assert {"published", "published_from", "spans", "events"} <= schema["properties"].keys()


def test_missing_model_says_how_to_train(tmp_path: Path, article: Path,
                                         caplog: pytest.LogCaptureFixture) -> None:
    assert main(["extract", str(article), "--model", str(tmp_path / "none")]) == 2
    assert "train one with `conflict-ie train`" in caplog.text


@pytest.mark.parametrize("content", [None, "", "  \n"])
def test_missing_or_empty_file(fake: FakeTagger, tmp_path: Path, content: str | None,
                               caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "a.txt"
    if content is not None:
        path.write_text(content)
    assert main(["extract", str(path)]) == 2
    assert str(path) in caplog.text
    assert fake.calls == []


def test_no_file_argument(fake: FakeTagger, caplog: pytest.LogCaptureFixture) -> None:
    assert main(["extract"]) == 2
    assert "FILE" in caplog.text


def test_bad_published_date(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(article), "--published", "28/11/2024"])
    assert exit_info.value.code == 2
    assert "not a date YYYY-MM-DD" in capsys.readouterr().err


def test_module_imports_without_torch() -> None:
    code = "import sys, service.cli.extract; sys.exit('torch' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
