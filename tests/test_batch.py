"""``conflict-ie batch`` and ``dedup``: formats, bad rows, resume, dedup, exit codes, Ray actors.

Most tests run the batch in this process (``workers=0``) with the fake tagger through a real
``Extractor``; one runs the tiny real model on two Ray actors, in one Ray session for the module.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from model.errors import InputError
from model.events.dedup import CorpusEvent
from model.events.table import CSV_COLUMNS
from model.extractor import Extractor
from model.types import Article, Event, Span
from service.batch.inputs import text_id
from service.batch.runner import BatchOptions, BatchReport, run_batch
from service.batch.store import stored_articles
from service.batch.worker import Loader
from service.cli import main
from service.loading import LoadOptions
from tests.fakes import FakeTagger, ScoredTagger

PUBLISHED = "2024-12-02"  # a Monday: "Sunday" is 2024-12-01
ARTICLES = [
    {"id": "reuters", "text": "Russian warplanes struck Aleppo on Sunday, killing 7 civilians.",
     "published": PUBLISHED, "source": "Reuters", "url": "https://example.org/r"},
    {"id": "afp", "text": "On Sunday, Russian jets bombed Aleppo, killing 9 civilians.",
     "published": PUBLISHED, "source": "AFP", "url": "https://example.org/a"},
    {"id": "bbc", "text": "Russian airstrikes hit Aleppo on Sunday, killing 8 civilians.",
     "published": PUBLISHED, "source": "BBC", "url": None},
]
NEAR_MISSES = [  # same strike words, but another town, another day, another attack and actor
    {"id": "idlib", "text": "Russian warplanes struck Idlib on Sunday, killing 3 civilians.",
     "published": PUBLISHED},
    {"id": "monday", "text": "Russian warplanes struck Aleppo on Monday, killing 4 civilians.",
     "published": PUBLISHED},
    {"id": "shelled", "text": "Russian rebels shelled Aleppo on Sunday, killing 5 civilians.",
     "published": PUBLISHED},
]


def fake_loader(model_dir: str, options: LoadOptions) -> Extractor:
    return Extractor(FakeTagger())


class BrittleTagger(FakeTagger):
    """The fake tagger, failing on any text containing BOOM; it records what it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def predict_many(self, texts: Sequence[str], *, cancel: object = None) -> list[list[Span]]:
        self.seen.extend(texts)
        if any("BOOM" in t for t in texts):
            raise RuntimeError("tagger exploded")
        return super().predict_many(texts)


def write_corpus(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    """``rows`` as JSONL, CSV or Parquet, by ``path``'s extension."""
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    elif path.suffix == ".csv":
        names = list(dict.fromkeys(k for r in rows for k in r))
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=names)
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
    else:
        pq.write_table(pa.Table.from_pylist(list(rows)), path)
    return path


def run(corpus: Path, out: Path, loader: Loader = fake_loader,
        **options: Any) -> BatchReport:
    settings = {"model_dir": corpus.parent, "workers": 0, "threads": None, "progress": False,
                "loader": loader} | options
    return run_batch(corpus, out, BatchOptions(**settings))


def status(out: Path) -> dict[str, dict[str, str]]:
    with (out / "articles_status.csv").open(encoding="utf-8") as handle:
        return {r["row"]: r for r in csv.DictReader(handle)}


def events(out: Path) -> list[dict[str, Any]]:
    return pq.read_table(out / "events.parquet").to_pylist()


def corpus_rows(out: Path) -> list[dict[str, str]]:
    with (out / "corpus_events.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# -- input formats --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_each_format_gives_the_extractors_events(tmp_path: Path, suffix: str) -> None:
    rows = [dict(r) for r in ARTICLES]
    if suffix == ".parquet":  # Parquet's own types: a date column, integer-free ids stay text
        rows = [r | {"published": dt.date(2024, 12, 2)} for r in rows]
    report = run(write_corpus(tmp_path / f"corpus{suffix}", rows), tmp_path / "out")
    assert (report.rows, report.ok, report.extracted, report.skipped) == (3, 3, 3, 0)
    assert {r["status"] for r in status(tmp_path / "out").values()} == {"ok"}
    got = events(tmp_path / "out")
    expected = Extractor(FakeTagger()).extract_many(
        [Article(text=r["text"], published=PUBLISHED, id=r["id"]) for r in ARTICLES])
    assert [(e["article_id"], Event.model_validate_json(e["event"])) for e in got] == [
        (x.id, event) for x in expected for event in x.events]
    first = got[0]
    assert (first["source"], first["url"], first["published"]) == (
        "Reuters", "https://example.org/r", PUBLISHED)
    assert ARTICLES[0]["text"][first["char_start"] : first["char_end"]] == first["notes"]


def test_events_parquet_holds_the_csv_columns_with_their_types(tmp_path: Path) -> None:
    run(write_corpus(tmp_path / "c.jsonl", ARTICLES + NEAR_MISSES[:1]), tmp_path / "out")
    schema = pq.read_schema(tmp_path / "out" / "events.parquet")
    assert schema.names == [
        "article_id", "url", "published", "event_id", *CSV_COLUMNS, "char_start", "char_end",
        "model_version", "event"]
    assert str(schema.field("interaction").type) == "int8" and str(
        schema.field("iso").type) == "int16" and str(schema.field("injured").type) == "int32"
    rows = {r["article_id"]: r for r in events(tmp_path / "out")}
    assert rows["reuters"]["source"] == "Reuters"
    assert rows["idlib"]["source"] == "idlib"  # no source given: the article id
    assert (rows["idlib"]["year"], rows["idlib"]["region"], rows["idlib"]["country"]) == (
        2024, "Middle East", "Syria")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_a_corpus_without_text_is_an_input_error(tmp_path: Path, suffix: str) -> None:
    corpus = write_corpus(tmp_path / f"c{suffix}", [{"id": "a", "body": "Rebels took Hama."}])
    with pytest.raises(InputError, match=r"no 'text' column \(found: 'id', 'body'\)"):
        run(corpus, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.jsonl", None, "no such file"),
    ("corpus.txt", b"Rebels took Hama.", "unknown corpus format '.txt'"),
    ("corpus.parquet", b"not parquet at all", "not a readable Parquet file"),
    ("corpus.csv", b"id,text\na,\xff\xfe broken\n", "not UTF-8"),
])
def test_an_unreadable_corpus_is_an_input_error(tmp_path: Path, name: str,
                                                content: bytes | None, message: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError, match=message):
        run(tmp_path / name, tmp_path / "out")


def test_a_parquet_text_column_of_numbers_is_an_input_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.parquet", [{"id": "a", "text": 3}])
    with pytest.raises(InputError, match="column 'text' has type int64"):
        run(corpus, tmp_path / "out")


# -- bad rows -------------------------------------------------------------------------------------


def test_bad_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    good = "Rebels attacked Idlib on Monday."
    lines = [
        json.dumps({"id": "ok", "text": good}),
        json.dumps({"text": "Russian warplanes struck Aleppo on Sunday."}),  # id from the text
        json.dumps({"id": "ok", "text": "Another article, same id."}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "bad-date", "text": good, "published": "2024-13-01"}),
        json.dumps({"id": "no-text"}),
        "{not json",
        "",  # blank lines are counted, not read
        json.dumps(["a", "list"]),
        json.dumps({"id": "a;b", "text": good}),
        json.dumps({"id": 7, "text": good}),
        json.dumps({"text": "Russian warplanes struck Aleppo on Sunday."}),  # same text, no id
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run(corpus, tmp_path / "out")
    rows = status(tmp_path / "out")
    generated = text_id("Russian warplanes struck Aleppo on Sunday.")
    assert {n: (r["id"], r["status"]) for n, r in rows.items()} == {
        "1": ("ok", "ok"), "2": (generated, "ok"), "3": ("ok", "skipped"),
        "4": ("empty", "skipped"), "5": ("bad-date", "skipped"), "6": ("no-text", "skipped"),
        "7": ("", "skipped"), "9": ("", "skipped"), "10": ("a;b", "skipped"), "11": ("7", "ok"),
        "12": (generated, "skipped")}
    reasons = {n: r["reason"] for n, r in rows.items()}
    assert reasons["3"] == "duplicate id 'ok' (first at row 1)"
    assert reasons["4"] == "text is empty"
    assert "'2024-13-01' is not a date" in reasons["5"]
    assert reasons["6"] == "text is missing"
    assert reasons["7"].startswith("line is not valid JSON")
    assert reasons["9"] == "line is a JSON list, not an object"
    assert "id contains ';'" in reasons["10"]
    assert reasons["12"] == f"duplicate id {generated!r} (first at row 2)"
    assert [rows[n]["id_generated"] for n in ("1", "2", "12")] == ["false", "true", "true"]
    assert (report.ok, report.skipped, report.failed) == (3, 8, 0)
    assert {e["article_id"] for e in events(tmp_path / "out")} == {"ok", generated, "7"}


def test_csv_rows_with_extra_fields_or_blank_cells(tmp_path: Path) -> None:
    corpus = tmp_path / "c.csv"
    corpus.write_text('id,text,published\na,"Rebels, again, in Idlib on Monday.",\n'
                      "b,Rebels attacked Idlib,2024-12-02,surplus\n,,\n", encoding="utf-8")
    run(corpus, tmp_path / "out")
    rows = status(tmp_path / "out")
    assert rows["1"]["status"] == "ok"  # an empty published cell is no date
    assert (rows["2"]["status"], rows["2"]["reason"]) == ("skipped",
                                                          "1 more field(s) than the header")
    assert (rows["3"]["status"], rows["3"]["reason"]) == ("skipped", "text is empty")


# -- resume and failures --------------------------------------------------------------------------


def test_a_rerun_skips_done_articles_and_redoes_edited_ones(tmp_path: Path) -> None:
    tagger = BrittleTagger()
    loader = lambda d, dev: Extractor(tagger)  # noqa: E731 - this process only (workers=0)
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    write_corpus(corpus, ARTICLES)
    assert run(corpus, out, loader).extracted == 3
    tagger.seen.clear()
    again = run(corpus, out, loader)
    assert (again.extracted, again.reused, again.ok, tagger.seen) == (0, 3, 3, [])
    assert {r["reused"] for r in status(out).values()} == {"true"}

    edited = [ARTICLES[0] | {"text": "Russian warplanes struck Idlib on Sunday."},
              ARTICLES[1] | {"published": "2024-12-09"}, ARTICLES[2], NEAR_MISSES[0]]
    write_corpus(corpus, edited)
    third = run(corpus, out, loader)
    assert (third.extracted, third.reused) == (3, 1)
    assert sorted(tagger.seen) == sorted(r["text"] for r in (edited[0], edited[1], edited[3]))
    by_article = {e["article_id"]: e for e in events(out)}
    assert by_article["reuters"]["location"] == "Idlib"  # the edited text, not the stored one
    assert by_article["afp"]["event_date"] == "2024-12-08"  # the Sunday before the new date
    assert set(by_article) == {"reuters", "afp", "bbc", "idlib"}
    assert len(list((out / "extractions").glob("part-*.parquet"))) == 2
    assert stored_articles(out)["reuters"].input_sha256 == status(out)["1"]["input_sha256"]


def test_a_failing_article_is_reported_and_retried_on_rerun(tmp_path: Path) -> None:
    tagger = BrittleTagger()
    loader = lambda d, dev: Extractor(tagger)  # noqa: E731
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    write_corpus(corpus, [*ARTICLES[:2], {"id": "boom", "text": "BOOM in Aleppo on Sunday."}])
    report = run(corpus, out, loader, batch_size=8)
    rows = status(out)
    assert (report.ok, report.failed) == (2, 1)
    assert (rows["3"]["status"], rows["3"]["reason"]) == ("failed",
                                                          "RuntimeError: tagger exploded")
    write_corpus(corpus, [*ARTICLES[:2], {"id": "boom", "text": "Shells hit Aleppo on Sunday."}])
    tagger.seen.clear()
    assert run(corpus, out, loader).extracted == 1
    assert tagger.seen == ["Shells hit Aleppo on Sunday."]


def test_an_interrupted_run_keeps_its_work_and_the_rerun_finishes(tmp_path: Path) -> None:
    class Interrupting(BrittleTagger):
        def predict_many(self, texts: Sequence[str], *, cancel: object = None) -> list[list[Span]]:
            if any("STOP" in t for t in texts):
                raise KeyboardInterrupt
            return super().predict_many(texts)

    tagger = Interrupting()
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    write_corpus(corpus, [*ARTICLES, {"id": "stop", "text": "STOP"}, NEAR_MISSES[0]])
    with pytest.raises(KeyboardInterrupt):
        run(corpus, out, lambda d, dev: Extractor(tagger), batch_size=1)
    assert [r["status"] for r in status(out).values()] == ["ok", "ok", "ok", "failed", "failed"]
    assert status(out)["4"]["reason"] == "the run stopped before this article"
    calm = BrittleTagger()
    rerun = run(corpus, out, lambda d, dev: Extractor(calm), batch_size=1)
    assert (rerun.reused, rerun.extracted, rerun.ok) == (3, 2, 5)
    assert calm.seen == ["STOP", NEAR_MISSES[0]["text"]]


# -- dedup ----------------------------------------------------------------------------------------


def test_three_outlets_reporting_one_strike_give_one_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, out = write_corpus(tmp_path / "c.jsonl", ARTICLES + NEAR_MISSES), tmp_path / "out"
    report = run(corpus, out)
    rows = corpus_rows(out)
    assert report.corpus_events == len(rows) == 4
    merged = [r for r in rows if r["source_count"] != "1"]
    assert len(merged) == 1
    strike = merged[0]
    assert strike["source_articles"] == "afp;bbc;reuters"
    assert (strike["event_date"], strike["location"], strike["actor1"]) == (
        "2024-12-01", "Aleppo", "Russian forces")
    assert (strike["fatalities"], strike["fatalities_min"], strike["fatalities_max"]) == (
        "7", "7", "9")  # the conservative count, and the range the outlets gave
    texts = {r["id"]: r["text"] for r in ARTICLES}
    start, end = int(strike["fatalities_char_start"]), int(strike["fatalities_char_end"])
    assert texts[strike["fatalities_article"]][start:end] == "7 civilians"
    assert sorted(r["source_articles"] for r in rows if r is not strike) == [
        "idlib", "monday", "shelled"]
    lines = (out / "corpus_events.jsonl").read_text(encoding="utf-8").splitlines()
    assert CorpusEvent.model_validate_json(lines[0]).source_count == 3

    capsys.readouterr()
    assert strike["source"] == "AFP; BBC; Reuters"  # ACLED's column: the outlets
    assert (strike["interaction"], strike["civilian_targeting"], strike["iso"]) == (
        "80", "Civilian targeting", "760")  # external forces alone; 7 civilians killed; Syria
    assert main(["dedup", str(out), str(tmp_path / "again")]) == 0  # the separate step
    assert json.loads(capsys.readouterr().out)["events"] == 4
    assert corpus_rows(tmp_path / "again") == rows
    extractions = tmp_path / "extractions.jsonl"
    found = Extractor(FakeTagger()).extract_many([Article(**{k: r[k] for k in ("id", "text",
                                                  "published")}) for r in ARTICLES + NEAR_MISSES])
    extractions.write_text("".join(x.model_dump_json() + "\n" for x in found), encoding="utf-8")
    assert main(["dedup", str(extractions), str(tmp_path / "from-jsonl")]) == 0
    without_outlets = corpus_rows(tmp_path / "from-jsonl")  # extractions name no outlet
    assert without_outlets[0]["source"] == "afp; bbc; reuters"
    assert [r | {"source": ""} for r in without_outlets] == [r | {"source": ""} for r in rows]


def test_no_dedup_leaves_the_step_for_later(tmp_path: Path) -> None:
    corpus, out = write_corpus(tmp_path / "c.jsonl", ARTICLES), tmp_path / "out"
    run(corpus, out)
    assert (out / "corpus_events.csv").exists()
    assert run(corpus, out, dedup=False).corpus_events is None
    assert not (out / "corpus_events.csv").exists()  # no stale table beside new events


# -- the command line -----------------------------------------------------------------------------


@pytest.fixture
def cli_loader(monkeypatch: pytest.MonkeyPatch) -> BrittleTagger:
    """``Extractor.load`` in the workers replaced by the brittle fake tagger."""
    tagger = BrittleTagger()
    monkeypatch.setattr(Extractor, "load", lambda d, **options: Extractor(tagger))
    return tagger


def test_cli_exit_codes(tmp_path: Path, cli_loader: BrittleTagger, caplog: pytest.LogCaptureFixture,
                        capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.INFO)
    corpus = write_corpus(tmp_path / "c.csv", ARTICLES)
    model = tmp_path / "model"
    model.mkdir()
    common = ["--model", str(model), "--workers", "0", "--no-progress"]
    assert main(["batch", str(corpus), str(tmp_path / "out"), *common]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["ok"], summary["corpus_events"]) == (3, 1)

    write_corpus(corpus, [*ARTICLES, {"id": "boom", "text": "BOOM", "published": ""}])
    assert main(["batch", str(corpus), str(tmp_path / "out"), *common]) == 1  # one failed

    assert main(["batch", str(tmp_path / "none.csv"), str(tmp_path / "o2"), *common]) == 2
    assert "none.csv: no such file" in caplog.text
    assert main(["batch", str(corpus), str(tmp_path / "o3"), "--model",
                 str(tmp_path / "no-model"), "--workers", "0"]) == 2
    assert "train one with `conflict-ie train`" in caplog.text
    assert main(["batch", str(corpus), str(tmp_path / "o4"), "--workers", "0",
                 "--address", "auto"]) == 2
    assert main(["dedup", str(tmp_path), str(tmp_path / "o5")]) == 2
    assert "no events.parquet and no extractions/ store" in caplog.text
    with pytest.raises(SystemExit) as exc:
        main(["batch", str(corpus), str(tmp_path / "o6"), "--workers", "-1"])
    assert exc.value.code == 2


def test_cli_min_score_reaches_every_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    loads: list[dict[str, Any]] = []

    def load(path: Path, **options: Any) -> Extractor:
        loads.append(options)
        tagger = ScoredTagger({"ACTOR": 0.9, "LOCATION": 0.8, "DATE": 0.7, "CASUALTY": 0.3})
        return Extractor(tagger, min_score=options["min_score"])

    monkeypatch.setattr(Extractor, "load", load)
    corpus = write_corpus(tmp_path / "c.jsonl", ARTICLES)
    model = tmp_path / "model"
    model.mkdir()
    common = ["--model", str(model), "--workers", "0", "--no-progress", "--no-dedup"]
    assert main(["batch", str(corpus), str(tmp_path / "all"), *common]) == 0
    assert main(["batch", str(corpus), str(tmp_path / "sure"), *common, "--min-score", "0.35"]) == 0
    capsys.readouterr()
    assert [options["min_score"] for options in loads] == [None, 0.35]
    every, sure = status(tmp_path / "all"), status(tmp_path / "sure")
    assert [int(r["spans"]) for r in every.values()] == [4, 4, 4]
    assert [int(r["spans"]) for r in sure.values()] == [3, 3, 3]  # the 0.3 counts are dropped
    assert sorted(e["fatalities"] for e in events(tmp_path / "all")) == [7, 8, 9]
    kept = events(tmp_path / "sure")  # no count put back; events less sure than 0.35 dropped
    assert kept and all(e["fatalities"] == 0 for e in kept)
    assert all(json.loads(e["event"])["confidence"] >= 0.35 for e in kept)
    with pytest.raises(SystemExit) as exc:
        main(["batch", str(corpus), str(tmp_path / "bad"), *common, "--min-score", "1.5"])
    assert exc.value.code == 2
    assert "--min-score" in capsys.readouterr().err


# -- Ray: the tiny real model on two actors --------------------------------------------------------


@pytest.fixture(scope="module")
def ray_session() -> Any:
    """One local Ray for the module: 2 CPUs, no dashboard, no usage reporting."""
    ray = pytest.importorskip("ray")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    yield ray
    ray.shutdown()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray Data's own DataContext fields
def test_ray_actors_run_the_tiny_model(tmp_path: Path, tiny_model_dir: Path,
                                       ray_session: Any) -> None:
    from tests.tiny_model import TINY_DOCS

    rows = [{"id": f"{d.id}-{i}", "text": d.text, "published": PUBLISHED if i % 2 else None}
            for i in range(4) for d in TINY_DOCS]  # whole batches without a date too
    corpus = write_corpus(tmp_path / "c.parquet", rows)
    on_ray = run(corpus, tmp_path / "ray", loader=None, model_dir=tiny_model_dir, workers=2,
                 batch_size=2, threads=1)
    assert (on_ray.ok, on_ray.failed) == (8, 0)
    assert 1 <= len(on_ray.workers) <= 2 and os.getpid() not in {w.pid for w in on_ray.workers}
    assert sum(w.articles for w in on_ray.workers) == 8
    assert all(w.peak_rss_mb > 0 for w in on_ray.workers)
    run(corpus, tmp_path / "here", loader=None, model_dir=tiny_model_dir)  # no Ray
    key = lambda e: (e["article_id"], e["event_id"])  # noqa: E731
    assert sorted(events(tmp_path / "ray"), key=key) == sorted(events(tmp_path / "here"), key=key)
    spans = {r["id"]: r["spans"] for r in status(tmp_path / "ray").values()}
    assert spans == {r["id"]: r["spans"] for r in status(tmp_path / "here").values()}
    assert any(int(n) > 0 for n in spans.values())


def test_a_worker_batch_reads_missing_dates_and_fails_only_bad_rows() -> None:
    from service.batch.worker import ExtractBatch

    worker = ExtractBatch("unused", loader=fake_loader)
    out = worker({"id": ["nan", "empty", "bad", "ok"],
                  "text": ["Rebels entered Hama.", "Rebels entered Hama.", "Rebels entered Hama.",
                           "Rebels entered Hama on Sunday."],
                  "published": [float("nan"), "", "2024-13-40", PUBLISHED],
                  "input_sha256": ["a", "b", "c", "d"]})
    assert out["status"] == ["ok", "ok", "failed", "ok"]
    assert out["error"][2].startswith("ValidationError") and out["error"][0] == ""
    assert json.loads(out["extraction"][0])["published"] is None
    assert json.loads(out["extraction"][3])["published"] == PUBLISHED
