"""The probe scorer (bench/probes.py) on hand-made tables: no model needed."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from model.errors import InputError
from model.events.assembly import extract_events
from tests.test_event_reading import C, D, L, spans_in

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("probes", ROOT / "bench" / "probes.py")
assert _SPEC is not None and _SPEC.loader is not None
probes = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(probes)

TEXT = "Gunmen killed five villagers in Kaduna on Tuesday, police said."
PROBE = {"text": TEXT, "published": "2024-03-07", "incident": True, "country": "NG",
         "admin1": "Kaduna State", "killed": 5, "injured": 0, "detained": 0,
         "event_type": "Violence against civilians", "date": "2024-03-05", "events": 1}


def _events() -> list:
    spans = spans_in(TEXT, (C, "five villagers"), (L, "Kaduna"), (D, "Tuesday"))
    return extract_events(TEXT, spans, published=dt.date(2024, 3, 7))


def test_a_right_table_is_right_on_every_field() -> None:
    assert probes.judge(PROBE, _events()) == dict.fromkeys(
        ("incident", "country", "admin1", "killed", "injured", "detained", "type", "day",
         "events"), True)


def test_a_wrong_count_and_a_no_incident_probe() -> None:
    right = probes.judge(PROBE | {"killed": 6, "events": 2}, _events())
    assert (right["killed"], right["events"], right["country"]) == (False, False, True)
    assert probes.judge({"incident": False}, _events()) == {"incident": False}
    assert probes.judge({"incident": False}, []) == {"incident": True}


def test_the_probe_files_hold_what_the_scorer_reads() -> None:
    for path in sorted((ROOT / "bench" / "probes").glob("*.json")):
        for probe in json.loads(path.read_text(encoding="utf-8")):
            assert {"text", "published", "incident", "style"} <= set(probe), path
            dt.date.fromisoformat(probe["published"])
            if probe["incident"]:
                assert probe["country"] and probe["events"] >= 1, path
                assert all(probe[k] is None or probe[k] >= 0
                           for k in ("killed", "injured", "detained")), path


def test_unreadable_probe_files_are_refused_with_their_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    for content, said in (("{", "cannot read"), ("{}", "JSON list"), ('[{"text": "x"}]', "lacks"),
                          ('[{"text": "x", "published": "May 1", "incident": false, '
                           '"style": "brief"}]', "no ISO date"),
                          (json.dumps([{k: v for k, v in PROBE.items() if k != "killed"}
                                       | {"style": "b"}]), "lacks killed"),
                          (json.dumps([PROBE | {"style": "b", "injured": -1}]),
                           "injured must be a count")):
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(InputError, match=said):
            probes.read_probes(bad)
    with pytest.raises(InputError, match="cannot read"):
        probes.read_probes(tmp_path / "missing.json")


def test_a_count_the_answer_leaves_null_is_not_judged() -> None:
    right = probes.judge(PROBE | {"injured": None, "detained": None}, _events())
    assert "injured" not in right and "detained" not in right
    assert right["killed"] is True


def test_counts_of_a_report_of_several_incidents_are_its_main_incidents() -> None:
    text = ("Gunmen killed five villagers in Kaduna on Tuesday, police said. In a separate "
            "attack on Wednesday, gunmen killed two farmers in Zaria.")
    spans = spans_in(text, (C, "five villagers"), (L, "Kaduna"), (D, "Tuesday"),
                     (D, "Wednesday"), (C, "two farmers"), (L, "Zaria"))
    events = extract_events(text, spans, published=dt.date(2024, 3, 7))
    assert len(events) == 2
    right = probes.judge(PROBE | {"text": text, "events": 2}, events)
    assert right["killed"] is True  # 5, not the 7 of both rows
    assert probes.judge(PROBE | {"text": text}, events)["killed"] is False  # one told: 7 is wrong


def test_divisions_compare_without_accents_level_words_or_apostrophes() -> None:
    assert probes._division("Quiché Department") == probes._division("Quiche")
    assert probes._division("T'bilisi") == probes._division("Tbilisi")
    assert probes._division("Kharkiv Oblast") != probes._division("Kherson Oblast")


class _TableOf:
    """Stands in for the extractor: every text gets the events of ``TEXT``."""

    def extract_many(self, articles: list) -> list:
        return [type("Extraction", (), {"events": _events()})() for _ in articles]


def test_grouped_scores_count_each_group_and_list_the_reports_read_wrong() -> None:
    reports = [PROBE | {"kind": "threat"}, {"text": "They vowed to strike.", "incident": False,
                                            "events": 0, "kind": "threat"},
               {"text": "Talks resume.", "incident": False, "events": 0, "kind": "talks"}]
    figures = probes.score_groups(reports, _TableOf(), "kind", dt.date(2024, 3, 7))
    assert figures["groups"]["threat"]["incident"] == [1, 2]
    assert figures["groups"]["threat"]["killed"] == [1, 1]
    assert figures["groups"]["talks"] == {"incident": [0, 1]}
    assert figures["all"]["incident"] == [1, 3]
    assert [(w["kind"], w["fields"]) for w in figures["wrong"]] == [
        ("threat", ["incident"]), ("talks", ["incident"])]
    assert figures["wrong"][0]["got"] == ["Attack 2024-03-05 NG/Kaduna k5 i0 d0"]
