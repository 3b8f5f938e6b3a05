"""The learned event filter: its features, its fit, and how extraction applies it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from model.errors import InputError, ModelLoadError
from model.events.assembly import extract_events
from model.events.event_filter import FILTER_ENV, event_features, event_filter
from model.events.kind_model import KIND_MODEL_ENV
from model.types import Document, GoldEvent, Span
from training import event_filter as ef

D = dt.date(2024, 3, 9)
REAL = "Gunmen attacked a police post in Kaduna on Friday, killing 3 soldiers."
METAPHOR = "On Friday in Ankara, Erdogan attacked the West in a speech."


def spans(text: str, *marks: tuple[str, str]) -> list[Span]:
    out = []
    for label, surface in marks:
        start = text.index(surface)
        out.append(Span(start=start, end=start + len(surface), label=label))
    return out


REAL_SPANS = spans(REAL, ("ACTOR", "Gunmen"), ("LOCATION", "Kaduna"), ("DATE", "Friday"),
                   ("CASUALTY", "3 soldiers"))
METAPHOR_SPANS = spans(METAPHOR, ("DATE", "Friday"), ("LOCATION", "Ankara"),
                       ("ACTOR", "Erdogan"))


def test_features_name_the_words_around_the_trigger() -> None:
    (event,) = extract_events(METAPHOR, METAPHOR_SPANS, published=D, learned_filter=False)
    found = event_features(event, METAPHOR)
    assert {"before:erdogan", "after:the", "after:west", "lexeme:attack"} <= set(found)
    assert found["counts people"] == 0.0


def test_features_say_where_the_event_is_told_and_how_old_it_is() -> None:
    (event,) = extract_events(REAL, REAL_SPANS, published=D, learned_filter=False)
    found = event_features(event, REAL, D)
    assert found["lead"] == 1.0 and found["late"] == 0.0
    assert found["gap:0-2"] == 1.0 and found["gap:>30"] == 0.0
    assert found["gap:<0"] == 0.0 and "gap:none" not in found
    old = event_features(event, REAL, D + dt.timedelta(days=90))
    assert old["gap:>30"] == 1.0 and old["gap:0-2"] == 0.0
    assert not any(k.startswith("gap:") for k in event_features(event, REAL))  # no release date
    undated = event.model_copy(update={"date": None})
    assert event_features(undated, REAL, D)["gap:none"] == 1.0


def _examples() -> list[ef.Example]:
    real = extract_events(REAL, REAL_SPANS, published=D, learned_filter=False)
    fake = extract_events(METAPHOR, METAPHOR_SPANS, published=D, learned_filter=False)
    rows = []
    for i in range(12):  # twelve articles of each kind, one event each
        rows.append(ef.Example(event_features(real[0], REAL), True, "train", f"r{i}"))
        rows.append(ef.Example(event_features(fake[0], METAPHOR), False, "judged", f"m{i}"))
    return rows


def test_the_fit_separates_incidents_from_other_senses_and_records_its_figures() -> None:
    fitted = ef.fit(_examples())
    assert 0 < fitted["threshold"] < 1
    record = fitted["record"]
    assert record["examples"] == {"train": 12, "judged": 12, "probe": 0, "pool": 0,
                                  "excluded": 0}
    assert record["out_of_fold"]["recall"] >= ef.RECALL_FLOOR
    assert record["out_of_fold"]["wrong_dropped"] == 12
    assert fitted["weights"]["word:west"] < 0 < fitted["weights"]["counts people"]


def test_the_fit_needs_both_kinds() -> None:
    with pytest.raises(ValueError, match="right and wrong"):
        ef.fit([e for e in _examples() if e.incident])


def test_out_of_fold_never_scores_an_article_with_its_own_fit() -> None:
    rows = [*_examples()[:4], ef.Example({"word:odd": 1.0}, True, "train", "alone")]
    p = ef.out_of_fold(rows, folds=5)
    assert p.shape == (5,) and np.all((p > 0) & (p < 1))


def test_extraction_applies_the_filter_named_by_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "filter.json"
    path.write_text(json.dumps(ef.fit(_examples())), encoding="utf-8")
    monkeypatch.setenv(FILTER_ENV, str(path))
    assert extract_events(METAPHOR, METAPHOR_SPANS, published=D) == []
    (kept,) = extract_events(METAPHOR, METAPHOR_SPANS, published=D, keep_excluded=True)
    assert kept.excluded == "unlikely"
    assert [e.fatalities for e in extract_events(REAL, REAL_SPANS, published=D)] == [3]
    monkeypatch.delenv(FILTER_ENV)
    assert event_filter() is None
    assert len(extract_events(METAPHOR, METAPHOR_SPANS, published=D)) == 1


def test_a_file_that_is_no_filter_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    monkeypatch.setenv(FILTER_ENV, str(bad))
    with pytest.raises(ModelLoadError, match="no fitted event filter"):
        event_filter()


def test_coded_and_judged_examples_are_labelled_by_match_and_by_anchor() -> None:
    real = extract_events(REAL, REAL_SPANS, published=D, learned_filter=False)
    start = REAL.index("Kaduna")
    doc = Document(id="a", text=REAL, spans=REAL_SPANS, meta={"published": D}, events=[
        GoldEvent(event_type="Battles", sub_event_type="Armed clash", date=dt.date(2024, 3, 8),
                  time_precision=1, location=(start, start + 6), country="Nigeria",
                  fatalities=3, casualty_spans=[(REAL.index("3 soldiers"),
                                                 REAL.index("3 soldiers") + 10)])])
    (coded,) = ef.coded_examples([doc], [REAL_SPANS])
    assert coded.incident
    anchor = ef.anchor(real[0])
    judged = ef.Judged("j", REAL, D, {anchor: False})
    (example,) = ef.judged_examples([judged], [REAL_SPANS])
    assert not example.incident
    assert ef.judged_examples([ef.Judged("j", REAL, D, {(0, 1): True})], [REAL_SPANS]) == []


def test_the_judged_articles_in_the_repository_read() -> None:
    root = Path(__file__).resolve().parent.parent / "annotations" / "events" / "judged"
    articles = ef.read_judged(sorted(root.glob("*.json")))
    assert len(articles) >= 70 and all(a.incidents for a in articles)
    for article in articles:
        for (start, end), _ in article.incidents.items():
            assert 0 <= start < end <= len(article.text)


@pytest.mark.parametrize("content", ["not json", "{}", '{"articles": [{"id": "a"}]}',
                                     '{"articles": [{"id": "a", "text": "t", "meta": {}, '
                                     '"judgements": [{"anchor": [0], "incident": true}]}]}'])
def test_a_broken_judged_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "judged.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="not a judged-events file"):
        ef.read_judged([bad])


@pytest.mark.parametrize("setting", [FILTER_ENV, KIND_MODEL_ENV])
def test_loading_a_model_checks_the_fitted_file_settings(
    setting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_model_dir: Path
) -> None:
    from service.loading import load_extractor

    monkeypatch.setenv(setting, str(tmp_path / "missing.json"))
    with pytest.raises(ModelLoadError, match=setting):
        load_extractor(tiny_model_dir)


TRIAL = ("A court in Kaduna on Friday sentenced two men to death for an attack that killed "
         "3 soldiers.")
TRIAL_SPANS = spans(TRIAL, ("LOCATION", "Kaduna"), ("DATE", "Friday"),
                    ("CASUALTY", "3 soldiers"))


def test_report_examples_label_by_what_the_report_tells() -> None:
    none = ef.Report("n", METAPHOR, D, incident=False)
    real = ef.Report("r", REAL, D, incident=True, event_type="Battles")
    examples = ef.report_examples([none, real], [METAPHOR_SPANS, REAL_SPANS], "probe")
    assert [(e.article, e.incident, e.source) for e in examples] == [
        ("n", False, "probe"), ("r", True, "probe")]


def test_what_the_rules_leave_out_is_fitted_on_as_no_incident() -> None:
    assert extract_events(TRIAL, TRIAL_SPANS, published=D, learned_filter=False) == []
    (left_out,) = ef.report_examples([ef.Report("t", TRIAL, D, incident=False)], [TRIAL_SPANS],
                                     "probe")
    assert (left_out.source, left_out.incident, left_out.article) == ("excluded", False, "t")
    assert "word:sentenced" in left_out.features


def test_the_threshold_is_set_on_the_events_the_filter_is_asked_about() -> None:
    rows = _examples()
    left_out = [ef.Example(e.features, False, "excluded", f"x{i}")
                for i, e in enumerate(rows) if e.incident]  # what the rules drop, never asked
    record = ef.fit(rows + left_out)["record"]
    assert record["examples"]["excluded"] == 12
    assert record["out_of_fold_without_filter"]["kept"] == 24  # the asked events alone


def test_the_probe_files_in_the_repository_read() -> None:
    root = Path(__file__).resolve().parent.parent / "bench" / "probes"
    reports = ef.read_probe_reports([root / "a.json"])
    assert len(reports) >= 40 and any(not r.incident for r in reports)
    assert all(r.event_type for r in reports if r.incident)


@pytest.mark.parametrize(("content", "said"), [
    ("not json", "cannot read"), ("{}", "JSON list"), ('[{"text": "t"}]', "lacks"),
    ('[{"text": "t", "published": "soon", "incident": true, "style": "b"}]', "no ISO date")])
def test_a_broken_probe_file_is_a_clear_error(tmp_path: Path, content: str, said: str) -> None:
    bad = tmp_path / "x.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=said):
        ef.read_probe_reports([bad])


def test_a_fixed_fifth_of_the_pool_rows_is_fitted_on() -> None:
    docs = [Document(id=f"row{i}", text=REAL, spans=[], meta={"published": D}) for i in range(200)]
    chosen = ef.pool_reports(docs)
    assert 20 < len(chosen) < 60 and chosen == ef.pool_reports(docs)
    assert all(r.incident and r.text == REAL for r in chosen)


@pytest.mark.parametrize("option", ["--csv", "--probes"])
def test_fit_event_filter_refuses_a_missing_or_broken_source(
    option: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from model.types import document_to_json
    from service.cli import main

    (tmp_path / "train").mkdir()
    doc = Document(id="a", text=REAL, spans=REAL_SPANS, meta={"published": D}, events=[])
    (tmp_path / "train" / "a.jsonl").write_text(json.dumps(document_to_json(doc)) + "\n",
                                                encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    source = tmp_path / "missing.csv" if option == "--csv" else broken
    assert main(["fit-event-filter", "--data", str(tmp_path), option, str(source)]) == 2
    assert ("no such file" if option == "--csv" else "a JSON list of probes") in caplog.text
    if option == "--csv":  # a file, but no incident rows in it
        source.write_text("date,type,dead,injured,location,details\nnot,a,row\n",
                          encoding="utf-8")
        assert main(["fit-event-filter", "--data", str(tmp_path), "--csv", str(source)]) == 2
        assert "no readable incident rows" in caplog.text
        source.write_bytes(b"\xfe\xff\x00date")  # not UTF-8 text
        assert main(["fit-event-filter", "--data", str(tmp_path), "--csv", str(source)]) == 2
        assert "not a readable CSV" in caplog.text
