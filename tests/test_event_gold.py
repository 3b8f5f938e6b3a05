"""Coded events in the annotation format: validation, round trip, matching and scoring."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from model.events.assembly import extract_events
from model.events.casualties import VAGUE_COUNTS, parse_quantity
from model.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES
from model.types import Document, GoldEvent, Span, document_to_json
from service.cli import main
from training.corpus import parse_line
from training.event_eval import (
    EventView,
    admin1_key,
    match,
    score_events,
    score_views,
)
from training.event_runs import load_event_sets

TEXT = "Shelling hit a market in Donetsk on Friday, killing 4 people and wounding 9 others."
SPANS = [
    {"start": 25, "end": 32, "label": "LOCATION"},
    {"start": 36, "end": 42, "label": "DATE"},
    {"start": 52, "end": 60, "label": "CASUALTY"},
    {"start": 74, "end": 82, "label": "CASUALTY"},
]
ROW = {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "date": "2022-07-29", "time_precision": 1, "date_span": [36, 42], "location": [25, 32],
    "country": "Ukraine", "admin1": "Donetsk", "geo_precision": 1,
    "fatalities": 4, "injured": 9, "casualty_spans": [[52, 60], [74, 82]],
}


def _line(**row_changes: object) -> str:
    row = {**ROW, **row_changes}
    return json.dumps({"id": "d1", "text": TEXT, "spans": SPANS,
                       "meta": {"published": "2022-07-30"}, "events": [row]})


def _problems(**row_changes: object) -> list[str]:
    return parse_line(_line(**row_changes))[1]


def test_a_clean_row_validates_and_round_trips() -> None:
    doc, problems = parse_line(_line())
    assert problems == [] and doc is not None and doc.events is not None
    again = Document.model_validate(document_to_json(doc))
    assert again.events == doc.events


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"event_type": "War"}, "unknown event_type 'War'"),
        ({"sub_event_type": "Arrests"}, "belongs to 'Strategic developments'"),
        ({"sub_event_type": "Bombing"}, "unknown sub_event_type 'Bombing'"),
        ({"sub_event_type": None}, "sub_event_type is missing"),
        ({"date": None}, "date and time_precision are required"),
        ({"date_end": "2022-07-01"}, "date_end 2022-07-01 is before date 2022-07-29"),
        ({"location": [36, 42]}, "location [36, 42) 'Friday' is not a LOCATION span"),
        ({"date_span": [0, 8]}, "date_span [0, 8) 'Shelling' is not a DATE span"),
        ({"actor1": [70, 200]}, "actor1 [70, 200) is not inside the text"),
        ({"casualty_spans": []}, "fatalities 4 and injured 9 with no casualty_spans"),
        ({"fatalities": -1}, "greater than or equal to 0"),
        ({"time_precision": 4}, "time_precision"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_the_validator_names_each_problem(changes: dict, expected: str) -> None:
    problems = _problems(**changes)
    assert any(expected in p for p in problems), problems


def test_an_article_where_nothing_happened_is_coded_empty() -> None:
    doc, problems = parse_line(json.dumps({"id": "d", "text": "A court sentenced three men.",
                                           "events": []}))
    assert problems == [] and doc is not None and doc.events == ()
    assert document_to_json(doc)["events"] == []


def test_silver_rows_may_be_ungrounded_but_not_wrong() -> None:
    base = {"id": "s", "text": "A bomb killed two.", "meta": {"silver": True, "labels": []}}
    ok = {**base, "events": [{"event_type": None, "sub_event_type": None, "date": "2017-05-14",
                              "country": "Egypt", "fatalities": 2}]}
    assert parse_line(json.dumps(ok))[1] == []
    bad = {**base, "events": [{"event_type": "Battles", "sub_event_type": "Arrests",
                               "date": None, "fatalities": 2}]}
    assert any("belongs to" in p for p in parse_line(json.dumps(bad))[1])


def test_the_taxonomy_is_acleds() -> None:
    assert len(EVENT_TYPES) == 6
    assert sum(len(subs) for subs in SUB_EVENT_TYPES.values()) == 25


@pytest.mark.parametrize(
    ("words", "count"),
    [("tens of people", 10), ("dozens of civilians", 12), ("hundreds of people", 100),
     ("a few soldiers", 3), ("several civilians", 10), ("numerous people", 10),
     ("multiple people", 10), ("civilians", 10)],
)
def test_vague_words_follow_the_one_written_rule(words: str, count: int) -> None:
    quantity = parse_quantity(words)
    assert quantity is not None and quantity.min == count
    assert VAGUE_COUNTS.get(words.split(" of ")[0].rsplit(" ", 1)[0], count) == count


def _view(anchor: tuple[int, int], *, etype: str = "Battles", day: int = 1,
          region: tuple[int, int] | None = None, killed: int = 0) -> EventView:
    return EventView(etype, None, dt.date(2022, 1, day), "UA", None, None, None, killed, 0, 0,
                     (anchor,), (region or anchor,))


def test_a_split_incident_gives_one_match_and_one_false_event() -> None:
    gold = [_view((0, 10))]
    pred = [_view((0, 10), region=(0, 40)), _view((5, 12), region=(0, 40))]
    scores = score_views([("x" * 40, gold, pred)])
    assert (scores.matched, scores.precision, scores.recall) == (1, 0.5, 1.0)
    assert scores.events_per_single_incident == 2.0


def test_a_missing_event_lowers_recall_only() -> None:
    gold = [_view((0, 10)), _view((50, 60), etype="Riots")]
    pred = [_view((0, 10), region=(0, 40))]
    scores = score_views([("x" * 80, gold, pred)])
    assert (scores.precision, scores.recall) == (1.0, 0.5)
    assert match(gold, pred) == [(0, 0)]


def test_a_false_event_on_a_no_incident_article_is_counted() -> None:
    scores = score_views([("x" * 40, [], [_view((0, 10))]), ("y" * 40, [], [])])
    assert scores.no_incident_articles == 2 and scores.false_event_rate == 0.5
    assert scores.precision == 0.0


def test_matching_prefers_the_pair_that_agrees_on_type_and_date() -> None:
    gold = [_view((0, 10), etype="Riots", day=2)]
    pred = [_view((0, 10), region=(0, 40)), _view((0, 10), etype="Riots", day=2, region=(0, 40))]
    assert match(gold, pred) == [(0, 1)]


def test_fields_are_scored_on_matched_events_from_assembled_events() -> None:
    doc, _ = parse_line(_line())
    assert doc is not None
    predicted = extract_events(doc.text, doc.spans, published=doc.meta.published)
    scores = score_events([doc], [predicted])
    assert scores.matched == 1
    assert scores.fields["event_type"] == 1.0 and scores.fields["country"] == 1.0
    assert scores.fields["date"] == 1.0  # Friday before 30 July 2022 is 29 July


def test_event_confidence_is_scored_for_calibration() -> None:
    doc, _ = parse_line(_line())
    assert doc is not None
    (event,) = extract_events(doc.text, doc.spans, published=doc.meta.published)
    false = event.model_copy(update={"id": "E2", "event_type": "Protests",
                                     "sub_event_type": "Peaceful protest"})
    sure = [e.model_copy(update={"confidence": 0.9}) for e in (event, false)]
    # one right and one wrong event, both said to be 90% sure: |0.5 - 0.9| = 0.4
    assert score_events([doc], [sure]).confidence_ece == 0.4
    assert score_events([doc], [[sure[0]]]).confidence_ece == 0.1
    # a perfectly calibrated 90% on two events is right on both 81% of the time: |1 - 0.9|,
    # else off by at least 0.4; what chance alone makes of an ECE on so few
    chance = score_events([doc], [sure]).confidence_ece_if_calibrated
    assert chance is not None and 0.15 < chance < 0.3


def test_admin1_names_compare_without_level_words() -> None:
    assert admin1_key("Nineveh Governorate") == admin1_key("nineveh")
    assert admin1_key("Kabul") != admin1_key("Kandahar")


def test_evaluate_events_cli_on_gold_spans(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "a.jsonl").write_text(_line() + "\n", encoding="utf-8")
    assert main(["evaluate", "--events", "--spans", "gold", "--data", str(tmp_path),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sets"]["dev"]["matched"] == 1 and out["spans"] == "gold spans"


def test_evaluate_events_refuses_uncoded_data(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": "x"}) + "\n")
    assert main(["evaluate", "--events", "--spans", "gold", "--data", str(tmp_path)]) == 2


def test_agreement_matches_second_codings_by_article(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "first.jsonl").write_text(_line() + "\n")
    other = json.loads(_line(fatalities=5))
    other["id"] = "d1@second"
    (tmp_path / "second").mkdir()
    (tmp_path / "second" / "b.jsonl").write_text(json.dumps(other) + "\n")
    assert main(["evaluate", "--events", "--data", str(tmp_path / "first.jsonl"),
                 "--against", str(tmp_path / "second"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["events"]["fields"]["fatalities"] == 0.0
    assert out["events"]["fields"]["injured"] == 1.0


def test_the_committed_event_gold_loads_in_sets() -> None:
    sets = load_event_sets(Path(__file__).parent.parent / "annotations" / "events")
    assert {"dev", "train", "silver"} <= set(sets)
    dev_ids = {d.id for d in sets["dev"]}
    assert not dev_ids & {d.id for d in sets["train"]}
    assert len(sets["dev"]) + len(sets["train"]) >= 60
    assert all(isinstance(e, GoldEvent) for d in sets["dev"] for e in d.events or ())


def test_spans_of_a_row_must_exist_in_the_same_line() -> None:
    doc = Document(id="a", text=TEXT, spans=[Span(start=25, end=32, label="LOCATION")])
    with pytest.raises(ValueError, match="is not a DATE span"):
        Document(id="a", text=TEXT, spans=doc.spans,
                 events=[GoldEvent(event_type="Battles", sub_event_type="Armed clash",
                                   date=dt.date(2022, 1, 1), time_precision=1,
                                   date_span=(36, 42))])


def test_the_killed_figure_of_articles_whose_count_is_written_out() -> None:
    written = "A bomb killed 12 people in Kabul." + " " * 20
    vague = "A bomb killed dozens of people in Kabul." + " " * 20
    gold_12 = [_view((2, 6), killed=12)]
    scores = score_views([(written, gold_12, [_view((2, 6), killed=12)]),
                          (vague, gold_12, [_view((2, 6), killed=10)])])
    assert (scores.killed_exact, scores.killed_exact_written) == (0.5, 1.0)
