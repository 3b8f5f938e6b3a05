"""Cross-article deduplication (``model.events.dedup``) on hand-made reports of one incident."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from model.events.dedup import (
    RADIUS_KM,
    CorpusEvent,
    SourcedEvent,
    dedup_events,
    haversine_km,
    same_event,
)
from model.events.table import CORPUS_CSV_COLUMNS, corpus_event_row, corpus_events_to_csv
from model.types import Actor, Casualty, Event, EventDate, Location, Sentence

DAY = dt.date(2024, 12, 1)
ALEPPO = (36.20124, 37.16117)
REMOTE, AIR = "Explosions/Remote violence", "Air/drone strike"
REGIME, REBELS, RUSSIA = "Syrian government forces", "Syrian rebels", "Russian forces"
TEXTS: dict[str, str] = {}  # article id -> text (one text per article id in corpus())


def _grounded(text: str, surface: str) -> dict[str, object]:
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface, "confidence": 0.9}


def _km_north(origin: tuple[float, float], km: float) -> tuple[float, float]:
    return (origin[0] + km / 111.195, origin[1])


def report(
    article_id: str,
    text: str,
    *,
    eid: str = "E1",
    event_type: str | None = REMOTE,
    sub: str | None = AIR,
    when: str | None = "on Sunday",
    day: dt.date = DAY,
    days: int = 1,
    place: str | None = "Aleppo",
    name: str | None = None,
    coords: tuple[float, float] | None = ALEPPO,
    geo: int = 1,
    actor1: tuple[str, str] | None = ("Syrian army", REGIME),
    actor2: tuple[str, str] | None = None,
    killed: tuple[str, int] | None = None,
    cumulative: bool = False,
) -> SourcedEvent:
    """One article's event: mentions are surfaces of ``text``; actors are (surface, canonical)."""
    TEXTS[article_id] = text
    date = None if when is None else EventDate(
        **_grounded(text, when), date_start=day, date_end=day + dt.timedelta(days=days - 1),
        precision="day" if days == 1 else "month", time_precision=1 if days == 1 else 3,
        method="rule:test")
    actors = tuple(
        Actor(**_grounded(text, pair[0]), name=pair[1], actor_type=None, inter=None, known=True,
              role=role)
        for role, pair in (("actor1", actor1), ("actor2", actor2)) if pair is not None)
    locations = () if place is None else (Location(
        **_grounded(text, place), name=name or place, latitude=coords[0] if coords else None,
        longitude=coords[1] if coords else None, country="Syria", country_code="SY",
        admin1=None, geo_precision=geo, source="geonames"),)
    casualties = () if killed is None else (
        Casualty(**_grounded(text, killed[0]), kind="killed", min=killed[1]),)
    event = Event(
        id=eid, event_type=event_type, sub_event_type=sub, trigger=None, date=date,
        actors=actors, locations=locations, casualties=casualties,
        fatalities=killed[1] if killed else 0, cumulative=cumulative,
        sentences=(Sentence(start=0, end=len(text), text=text),), confidence=0.8)
    return SourcedEvent(article_id=article_id, event=event)


def three_outlets() -> list[SourcedEvent]:
    return [
        report("reuters", "Syrian army jets struck Aleppo on Sunday, killing 7 people.",
               killed=("7", 7)),
        report("sana", "At least 9 died when regime warplanes hit Aleppo on Sunday.",
               actor1=("regime", REGIME), killed=("At least 9", 9)),
        report("afp", "On Sunday an air strike by the Syrian army on Aleppo killed 12.",
               eid="E3", when="On Sunday", killed=("12", 12)),
    ]


def article_sets(events: list[CorpusEvent]) -> list[set[str]]:
    return [set(e.source_articles) for e in events]


def test_three_outlets_merge_with_the_lowest_count() -> None:
    (merged,) = dedup_events(three_outlets())
    assert merged.id == "C1" and merged.source_count == 3
    assert merged.source_articles == ("afp", "reuters", "sana")  # scan order: article id
    assert (merged.fatalities, merged.fatalities_min, merged.fatalities_max) == (7, 7, 12)
    assert (merged.event_type, merged.sub_event_type) == (REMOTE, AIR)
    assert (merged.date_start, merged.date_end, merged.time_precision) == (DAY, DAY, 1)
    assert merged.actor1 == REGIME and merged.actor2 is None
    assert merged.location is not None and merged.location.name == "Aleppo"
    origin = merged.origins.fatalities
    assert origin is not None and (origin.article_id, origin.text) == ("reuters", "7")
    assert [s.event.casualties[0].text for s in merged.sources] == ["12", "7", "At least 9"]


def test_a_single_report_has_the_same_shape() -> None:
    (single,) = dedup_events(three_outlets()[:1])
    assert single.source_articles == ("reuters",)
    assert (single.fatalities, single.fatalities_min, single.fatalities_max) == (7, 7, 7)
    assert single.origins.actor1 is not None and single.origins.actor1.text == "Syrian army"


BASE = "Syrian army jets struck Aleppo on Sunday."
NEAR_MISSES = {
    "next day": dict(day=DAY + dt.timedelta(days=1)),
    "town 40 km away": dict(place="Aleppo", name="Anadan", coords=_km_north(ALEPPO, 40)),
    "different actor1": dict(actor1=("Syrian army", RUSSIA)),
    "Battles vs remote violence": dict(event_type="Battles", sub="Armed clash"),
    "different sub-event type": dict(sub="Shelling/artillery/missile attack"),
    "a month holding the day": dict(day=dt.date(2024, 12, 1), days=31),
    "a province vs its capital": dict(geo=3),
    "a running total": dict(cumulative=True),
    "other place, no coordinates": dict(place="Aleppo", name="Therian", coords=None),
}


@pytest.mark.parametrize("change", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_near_misses_stay_apart(change: dict[str, object]) -> None:
    events = [report("a", BASE), report("b", BASE, **change)]  # type: ignore[arg-type]
    assert not same_event(*events)
    assert article_sets(dedup_events(events)) == [{"a"}, {"b"}]


@pytest.mark.parametrize(
    "both", [dict(when=None), dict(place=None), dict(event_type=None, sub=None)],
    ids=["undated", "no location", "no event type"])
def test_reports_missing_a_key_never_merge(both: dict[str, object]) -> None:
    events = [report("a", BASE, **both), report("b", BASE, **both)]  # type: ignore[arg-type]
    assert len(dedup_events(events)) == 2


def test_the_same_article_twice_never_merges() -> None:
    events = [report("a", BASE), report("a", BASE, eid="E2")]
    assert [e.sources[0].event.id for e in dedup_events(events)] == ["E1", "E2"]


def test_a_report_given_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="'E1' of article 'a'"):
        dedup_events([report("a", BASE), report("a", BASE)])


def test_article_ids_may_not_hold_the_csv_separator() -> None:
    with pytest.raises(ValidationError):
        report("a;b", BASE)


CLASH = "Rebels fought the Syrian army in Aleppo on Sunday."


def test_a_battle_reported_from_both_sides_merges() -> None:
    one = report("a", CLASH, event_type="Battles", sub="Armed clash",
                 actor1=("Rebels", REBELS), actor2=("Syrian army", REGIME))
    other = report("b", CLASH, event_type="Battles", sub=None,
                   actor1=("Syrian army", REGIME), actor2=("Rebels", REBELS))
    (merged,) = dedup_events([other, one])
    assert (merged.actor1, merged.actor2, merged.sub_event_type) == (REBELS, REGIME, "Armed clash")


def test_an_air_strike_with_the_sides_swapped_does_not_merge() -> None:
    text = "Russian jets struck the Syrian army in Aleppo on Sunday."
    one = report("a", text, actor1=("Russian jets", RUSSIA), actor2=("Syrian army", REGIME))
    other = report("b", text, actor1=("Syrian army", REGIME), actor2=("Russian jets", RUSSIA))
    assert len(dedup_events([one, other])) == 2


def test_an_attacker_is_not_the_target_of_the_same_strike() -> None:
    text = "Russian jets struck the Syrian army in Aleppo on Sunday."
    one = report("a", text, actor1=("Russian jets", RUSSIA))
    other = report("b", text, actor1=None, actor2=("Russian jets", RUSSIA))
    assert len(dedup_events([one, other])) == 2


def test_missing_sides_are_filled_from_other_reports() -> None:
    text = "Syrian army jets struck Aleppo rebels on Sunday."
    one = report("a", text)
    other = report("b", text, actor1=None, actor2=("rebels", REBELS))
    (merged,) = dedup_events([one, other])
    assert (merged.actor1, merged.actor2) == (REGIME, REBELS)
    assert merged.origins.actor2 is not None and merged.origins.actor2.article_id == "b"


def test_a_battle_never_collects_three_sides() -> None:
    names = {"a": REBELS, "b": REGIME, "c": "Hayat Tahrir al-Sham"}
    events = [report(a, CLASH, event_type="Battles", sub="Armed clash", actor1=("Rebels", n))
              for a, n in names.items()]
    assert article_sets(dedup_events(events)) == [{"a", "b"}, {"c"}]


def test_another_spelling_within_the_radius_merges() -> None:
    halab = _km_north(ALEPPO, 4)
    one = report("a", BASE)
    other = report("b", "Syrian army jets struck Halab on Sunday.", place="Halab", coords=halab)
    (merged,) = dedup_events([other, one])
    assert merged.location is not None and merged.location.name == "Aleppo"


def test_unplaced_places_match_by_normalized_name() -> None:
    one = report("a", "The Syrian army struck Therian on Sunday.", place="Therian", coords=None)
    other = report("b", "The Syrian army struck THERIAN, on Sunday.", place="THERIAN,",
                   coords=None)
    assert len(dedup_events([one, other])) == 1


def test_the_most_precise_place_is_kept() -> None:
    east = report("a", "Syrian army jets struck east Aleppo on Sunday.", place="east Aleppo",
                  name="Aleppo", coords=_km_north(ALEPPO, 2), geo=2)
    town = report("b", BASE)
    (merged,) = dedup_events([east, town])
    assert merged.location is not None and merged.location.geo_precision == 1
    assert merged.origins.location is not None and merged.origins.location.article_id == "b"


@pytest.mark.parametrize(
    ("a", "b", "c"),
    [
        (dict(coords=ALEPPO), dict(coords=_km_north(ALEPPO, 7)),
         dict(coords=_km_north(ALEPPO, 14))),
        (dict(sub=AIR), dict(sub=None), dict(sub="Shelling/artillery/missile attack")),
    ],
    ids=["places 7 km apart", "sub-event types"],
)
def test_complete_linkage_does_not_chain(
    a: dict[str, object], b: dict[str, object], c: dict[str, object]
) -> None:
    ra, rb, rc = (report(i, BASE, **kw) for i, kw in (("a", a), ("b", b), ("c", c)))  # type: ignore[arg-type]
    assert same_event(ra, rb) and same_event(rb, rc) and not same_event(ra, rc)
    assert article_sets(dedup_events([rc, rb, ra])) == [{"a", "b"}, {"c"}]


def test_reports_without_a_killed_count_do_not_count_as_zero() -> None:
    silent = report("a", BASE)
    (merged,) = dedup_events([silent, three_outlets()[0]])
    assert (merged.fatalities, merged.fatalities_min, merged.fatalities_max) == (7, 7, 7)
    (alone,) = dedup_events([silent])
    assert (alone.fatalities, alone.fatalities_min, alone.fatalities_max) == (0, None, None)


def test_ids_follow_the_earliest_report_and_natural_event_order() -> None:
    later = report("a", BASE, eid="E2", day=DAY + dt.timedelta(days=1))
    events = [later, report("z", BASE, eid="E10"), report("z", BASE, eid="E9")]
    out = dedup_events(events)
    assert [(e.id, e.sources[0].event.id) for e in out] == [("C1", "E9"), ("C2", "E10"),
                                                            ("C3", "E2")]


def test_the_radius_is_an_option() -> None:
    far = report("b", BASE, name="Anadan", coords=_km_north(ALEPPO, 40))
    assert len(dedup_events([report("a", BASE), far])) == 2
    assert len(dedup_events([report("a", BASE), far], radius_km=50)) == 1
    assert math.isclose(haversine_km(*ALEPPO, *_km_north(ALEPPO, 40)), 40, rel_tol=1e-3)
    assert RADIUS_KM == 10


def corpus() -> list[SourcedEvent]:
    clash = dict(event_type="Battles", sub="Armed clash", actor1=("Rebels", REBELS),
                 actor2=("Syrian army", REGIME))
    swapped = dict(clash, actor1=clash["actor2"], actor2=clash["actor1"])
    return [
        *three_outlets(),
        report("aljazeera", CLASH, eid="E2", **clash),  # type: ignore[arg-type]
        report("dw", CLASH, eid="E1", **swapped),  # type: ignore[arg-type]
        report("ap", BASE, eid="E2", day=DAY + dt.timedelta(days=1)),
        report("bbc", BASE, when=None),
        report("bbc", BASE, eid="E2", coords=_km_north(ALEPPO, 7)),
        report("cnn", BASE, coords=_km_north(ALEPPO, 14)),
    ]


@settings(max_examples=60, deadline=None)
@given(st.permutations(corpus()))
def test_the_result_does_not_depend_on_input_order(shuffled: list[SourcedEvent]) -> None:
    before = list(shuffled)
    assert dedup_events(shuffled) == dedup_events(corpus())
    assert shuffled == before


def test_csv_round_trip_keeps_source_ids_and_offsets() -> None:
    events = dedup_events(corpus())
    rows = list(csv.DictReader(io.StringIO(corpus_events_to_csv(events))))
    assert tuple(rows[0]) == CORPUS_CSV_COLUMNS and len(rows) == len(events)
    for row, event in zip(rows, events, strict=True):
        assert tuple(row["source_articles"].split(";")) == event.source_articles
        assert int(row["source_count"]) == event.source_count
        if row["location_article"]:
            text = TEXTS[row["location_article"]]
            place = text[int(row["location_char_start"]):int(row["location_char_end"])]
            assert event.origins.location is not None and place == event.origins.location.text
    first = corpus_event_row(events[0])
    assert (first["fatalities_article"], first["fatalities_char_start"]) == ("reuters", 50)


def test_json_round_trip() -> None:
    for event in dedup_events(corpus()):
        assert CorpusEvent.model_validate_json(event.model_dump_json()) == event


def test_corpus_events_written_before_the_acled_columns_still_read() -> None:
    """``corpus_events.jsonl`` lines without the fields the ACLED columns added validate."""
    for event in dedup_events(corpus()):
        old = json.loads(event.model_dump_json())
        for key in ("inter1", "inter2", "injured", "detained"):
            del old[key]
        for source in old["sources"]:
            del source["source"]
        if old["location"]:
            del old["location"]["admin2"]
        again = CorpusEvent.model_validate(old)
        assert (again.id, again.injured, again.inter1, again.source_articles) == (
            event.id, 0, None, event.source_articles)


def test_injured_and_detained_are_the_lowest_stated_counts() -> None:
    reports = three_outlets()

    def hurt(r: SourcedEvent, kind: str, count: int | None) -> SourcedEvent:
        extra = () if count is None else (
            Casualty(**_grounded(TEXTS[r.article_id], r.event.sentences[0].text[:5]), kind=kind,
                     min=count),)
        update = {"casualties": r.event.casualties + extra, kind: count or 0}
        return r.model_copy(update={"event": r.event.model_copy(update=update)})

    reports = [hurt(reports[0], "injured", 9), hurt(reports[1], "injured", 4),
               hurt(reports[2], "detained", 3)]
    [merged] = dedup_events(reports)
    assert (merged.injured, merged.detained) == (4, 3)  # a report without one is not a zero
    assert merged.inter1 is None  # the hand-made actors carry no inter code
