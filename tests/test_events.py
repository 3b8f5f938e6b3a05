"""Event assembly, golden cases: seed sentences with hand-written spans (found with str.find, so
revisions of the gold annotations do not break them), plus invariants over every gold article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import InputError
from model.events import extract_events
from model.types import Document, Event, Span

GOLD = Path(__file__).resolve().parent.parent / "annotations" / "seeds.jsonl"
GOV, REBELS, RUSSIA = "Syrian government forces", "Syrian rebels", "Russian forces"


def spans_in(text: str, *items: tuple[str, str]) -> list[Span]:
    """Spans for ``(label, surface)`` items, each found after the previous one."""
    spans, cursor = [], 0
    for label, surface in items:
        start = text.find(surface, cursor)
        assert start >= 0, f"{surface!r} not found after {cursor}"
        spans.append(Span(start=start, end=start + len(surface), label=label))  # type: ignore[arg-type]
        cursor = start + len(surface)
    return spans


def check_grounding(text: str, events: list[Event]) -> None:
    """Every grounded field's text is text[start:end]; every event has a sentence."""
    for event in events:
        assert event.sentences and event.fatalities >= 0
        fields = [*event.actors, *event.locations, *event.casualties, *event.sentences]
        fields += [f for f in (event.date, event.trigger) if f is not None]
        for field in fields:
            assert text[field.start : field.end] == field.text


A, L, D, C = "ACTOR", "LOCATION", "DATE", "CASUALTY"

# --- 001 (published 2024-12-02) ---------------------------------------------------------------

AIRSTRIKES_001 = (
    "On Sunday (December 1), Syria launched airstrikes on Aleppo with the support of Russia. "
    "Syrian President Bashar al-Assad vowed to repel the rebel forces entering Aleppo.\n\n"
    "Local residents reported that in the airstrikes the following day, a bomb hit a crowded "
    "residential area in the city center. Rescue workers on the scene revealed that the attack "
    "resulted in at least 7 deaths and dozens of injuries."
)


def test_001_airstrikes_following_day_and_casualties() -> None:
    text = AIRSTRIKES_001
    spans = spans_in(text, (D, "Sunday (December 1)"), (A, "Syria"), (L, "Aleppo"), (A, "Russia"),
                     (A, "Bashar al-Assad"), (A, "rebel forces"), (L, "Aleppo"),
                     (D, "following day"), (C, "at least 7 deaths"), (C, "dozens of injuries"))
    events = extract_events(text, spans, published=dt.date(2024, 12, 2))
    check_grounding(text, events)
    first, second = events
    assert (first.event_type, first.sub_event_type) == ("Explosions/Remote violence",
                                                        "Air/drone strike")
    assert first.date is not None and first.date.date_start == dt.date(2024, 12, 1)
    assert first.date.time_precision == 1 and not first.date.inherited
    assert first.actor("actor1").name == GOV  # "Syria" as an actor
    assert first.actor("actor2") is None  # Russia is an ally ("with the support of")
    assert [loc.name for loc in first.locations] == ["Aleppo"]
    assert first.locations[0].geo_precision == 1
    # "vowed to repel" is an intention, not an event
    assert second.sub_event_type == "Air/drone strike"
    assert second.date.date_start == dt.date(2024, 12, 2)  # "the following day"
    assert len(second.sentences) == 2  # the casualty sentence elaborates the strike
    kinds = [(c.kind, c.min, c.max, c.approx) for c in second.casualties]
    assert kinds == [("killed", 7, None, False), ("injured", 12, None, True)]
    assert second.fatalities == 7


def test_001_entered_on_friday_night() -> None:
    text = "Rebels entered Aleppo on Friday night, forcing the Syrian army to redeploy."
    spans = spans_in(text, (A, "Rebels"), (L, "Aleppo"), (D, "Friday night"), (A, "Syrian army"))
    (event,) = extract_events(text, spans, published=dt.date(2024, 12, 2))
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.date.date_start == dt.date(2024, 11, 29)
    assert (event.actor("actor1").name, event.actor("actor2").name) == (REBELS, GOV)
    assert event.actor("actor1").actor_type == "rebel group"
    assert event.actor("actor2").inter == 1


def test_001_two_clauses_two_dates() -> None:
    text = ("Russian and Syrian warplanes began bombing other towns in Idlib Province on Saturday "
            "(November 30) and intensified airstrikes on Sunday (December 1).")
    spans = spans_in(text, (A, "Russian and Syrian warplanes"), (L, "Idlib Province"),
                     (D, "Saturday (November 30)"), (D, "Sunday (December 1)"))
    events = extract_events(text, spans, published=dt.date(2024, 12, 2))
    check_grounding(text, events)
    assert [e.date.date_start for e in events] == [dt.date(2024, 11, 30), dt.date(2024, 12, 1)]
    for event in events:
        assert event.sub_event_type == "Air/drone strike"
        assert [a.name for a in event.actors if a.role == "actor1"] == [RUSSIA, GOV]
        assert event.locations[0].name == "Idlib"
        assert (event.locations[0].admin1, event.locations[0].geo_precision) == ("Idlib", 3)


def test_001_army_regains_towns_dozens_of_soldiers() -> None:
    text = ("The Syrian army announced on the 1st that they had regained several towns recently "
            "taken by rebel forces, with dozens of soldiers losing their lives in the assault on "
            "Aleppo.")
    spans = spans_in(text, (A, "Syrian army"), (D, "1st"), (A, "rebel forces"),
                     (C, "dozens of soldiers"), (L, "Aleppo"))
    (event,) = extract_events(text, spans, published=dt.date(2024, 12, 2))
    assert event.sub_event_type == "Government regains territory"
    assert event.date.date_start == dt.date(2024, 12, 1)  # "the 1st"
    assert event.actor("actor1").name == GOV  # not "taken by rebel forces"
    assert event.actor("actor2").name == REBELS
    assert event.casualties[0].kind == "killed" and event.fatalities == 12


# --- 000 (published 2016-11-12) ---------------------------------------------------------------

RECAPTURE_000 = (
    "Syrian regime forces have recaptured all ground taken by rebel fighters in last month's "
    "Aleppo offensive, strenghtening Damascus' siege on the east of the city.\n"
    "The Syrian army and Iranian-backed militias recaptured key areas including the western "
    "district of Dahiyet al-Assad and the village of Minyan outside the city, the Syrian "
    "Observatory for Human Rights said.\n"
    "Russian warplanes launched massive air raids on the villages of Mansoura, Kfar Dael and "
    "Tadil on the western suburbs of the city."
)


def test_000_recapture_is_one_event_and_air_raids_another() -> None:
    text = RECAPTURE_000
    spans = spans_in(text, (A, "Syrian regime forces"), (A, "rebel fighters"), (D, "last month"),
                     (L, "Aleppo"), (A, "Damascus"), (A, "Syrian army"),
                     (A, "Iranian-backed militias"), (L, "Dahiyet al-Assad"), (L, "Minyan"),
                     (A, "Russian warplanes"), (L, "Mansoura"), (L, "Kfar Dael"), (L, "Tadil"))
    recapture, raids = extract_events(text, spans, published=dt.date(2016, 11, 12))
    assert recapture.sub_event_type == "Government regains territory"
    assert len(recapture.sentences) == 2  # same type, no date, Dahiyet al-Assad is in Aleppo
    assert recapture.actor("actor1").name == GOV
    # "last month's offensive" dates the offensive, not this: the report's own day
    assert recapture.date.method == "published" and recapture.date.inherited
    names = {loc.name: loc for loc in recapture.locations}
    assert names["Dahiyet al-Assad"].source == "project"
    assert names["Dahiyet al-Assad"].latitude == pytest.approx(36.18, abs=0.05)
    assert raids.sub_event_type == "Air/drone strike"
    assert raids.actor("actor1").name == RUSSIA
    assert raids.actor("actor1").actor_type == "external/other forces"
    assert [loc.name for loc in raids.locations] == ["Mansoura", "Kfar Dael", "Tadil"]
    assert all(loc.country_code == "SY" for loc in raids.locations)


TOLL_000 = (
    "The Observatory said over 450 fighters and civilians had been killed since the rebels began "
    "their latest bid to break the siege on 28 October.\n"
    "The dead include 215 Syrian and foreign opposition fighters - including some who carried out "
    "suicide bomb attacks - and 143 regime forces.\n"
    "Nearly 100 civilians were also killed in the fighting, the majority of them in regime-held "
    "west Aleppo, where 29 children were among those killed in waves of rebel rocket fire, "
    "according to Damascus.\n"
    "The city has been divided since mid-2012, and in September, the government announced an "
    "operation to recapture all of Aleppo.\n"
    "More than 300,000 people have been killed in Syria's five-year war."
)


def test_000_casualty_counts() -> None:
    text = TOLL_000
    spans = spans_in(text, (C, "over 450 fighters and civilians"), (A, "rebels"), (D, "28 October"),
                     (C, "215 Syrian and foreign opposition fighters"), (C, "143 regime forces"),
                     (C, "Nearly 100 civilians"), (L, "west Aleppo"), (C, "29 children"),
                     (A, "rebel"), (A, "Damascus"), (D, "mid-2012"), (D, "September"),
                     (A, "government"), (L, "Aleppo"), (C, "More than 300,000 people"),
                     (L, "Syria"))
    # Running totals since 28 October and of the whole war, and their breakdowns ("The dead
    # include ...", "were also killed"): no event of the table.
    assert extract_events(text, spans, published=dt.date(2016, 11, 12)) == []
    kept = extract_events(text, spans, published=dt.date(2016, 11, 12), keep_excluded=True)
    check_grounding(text, kept)
    assert [e.excluded for e in kept] == ["cumulative"]
    (toll,) = kept
    assert toll.date.date_start == dt.date(2016, 10, 28) and toll.cumulative
    readings = [(c.kind, c.min, c.max, c.approx, c.subset) for c in toll.casualties]
    assert readings == [("killed", 451, None, False, False), ("killed", 215, 215, False, False),
                        ("killed", 143, 143, False, False), ("killed", None, 99, True, False),
                        ("killed", 29, 29, False, True), ("killed", 300_001, None, False, False)]
    # "announced an operation to recapture" is not an event


# --- 002 (dateline "27 October, 2015") -------------------------------------------------------

IS_002 = (
    "Syria: Aleppo's fate in the balance as IS advances\n2 min read\n27 October, 2015\n"
    "IS\u00a0militants allegedly cut the route earlier\u00a0this week after they captured a "
    "checkpoint in Therian, south of Aleppo.\n"
    "On Tuesday, IS forces entered the edges of\u00a0Safireh, a\u00a0town that borders Aleppo to "
    "the southeast."
)


def test_002_published_from_dateline_and_unknown_place() -> None:
    text = IS_002
    spans = spans_in(text, (L, "Syria"), (L, "Aleppo"), (A, "IS"), (D, "27 October, 2015"),
                     (A, "IS\u00a0militants"), (D, "earlier\u00a0this week"), (L, "Therian"),
                     (L, "Aleppo"), (D, "Tuesday"), (A, "IS forces"), (L, "Safireh"),
                     (L, "Aleppo"))
    checkpoint, safireh = extract_events(text, spans)  # no published: the dateline is used
    assert checkpoint.sub_event_type == "Non-state actor overtakes territory"
    assert checkpoint.actor("actor1").name == "Islamic State"
    assert (checkpoint.date.date_start, checkpoint.date.time_precision) == (
        dt.date(2015, 10, 26), 2)
    therian = next(loc for loc in checkpoint.locations if loc.text == "Therian")
    assert (therian.name, therian.latitude, therian.geo_precision) == ("Therian", None, None)
    aleppo = next(loc for loc in checkpoint.locations if loc.text == "Aleppo")
    assert aleppo.geo_precision == 2  # "south of Aleppo"
    assert safireh.date.date_start == dt.date(2015, 10, 27)  # Tuesday = the publication day
    assert safireh.locations[0].name == "Safireh"


def test_wire_dateline_anchors_weekdays_and_sentences_keep_abbreviations() -> None:
    text = ("WASHINGTON, Jan. 5, 2017 - Coalition forces conducted 19 strikes against ISIL near "
            "Raqqa on Wednesday. Twelve civilians were killed near Mosul on Tuesday, according "
            "to Lt. Gen. Stephen J. Townsend.")
    spans = spans_in(text, (D, "Jan. 5, 2017"), (A, "Coalition forces"), (A, "ISIL"),
                     (L, "Raqqa"), (D, "Wednesday"), (C, "Twelve civilians"), (L, "Mosul"),
                     (D, "Tuesday"), (A, "Stephen J. Townsend"))
    events = extract_events(text, spans)  # no published: the wire dateline is used
    check_grounding(text, events)
    strike, killing = events
    assert strike.date.date_start == dt.date(2017, 1, 4)  # the Wednesday before Jan. 5, 2017
    assert killing.date.date_start == dt.date(2017, 1, 3)
    assert killing.sentences[0].text.endswith("Stephen J. Townsend.")  # not cut at "J."
    assert killing.fatalities == 12


# --- 003 (published 2024-11-30) --------------------------------------------------------------

HTS_003 = (
    "According to the Britain-based Syrian Observatory for Human Rights, the militants, led by "
    "Hayat Tahrir al-Sham (HTS), a jihadist alliance previously affiliated to Al-Qaeda, attacked "
    "government-held areas in Aleppo and Idlib on November 25. They have since seized dozens of "
    "towns and villages, taking control of most parts of Aleppo.\n"
    "Conflict escalates in Aleppo, over 300 casualties reported\n"
    "The escalating conflict has claimed at least 327 lives, including 44 civilians."
)


def test_003_offensive_pronoun_subject_and_toll() -> None:
    text = HTS_003
    spans = spans_in(text, (A, "militants"), (A, "Hayat Tahrir al-Sham"), (A, "HTS"),
                     (A, "Al-Qaeda"), (L, "Aleppo"), (L, "Idlib"), (D, "November 25"),
                     (L, "Aleppo"), (L, "Aleppo"), (C, "over 300 casualties"),
                     (C, "at least 327 lives"), (C, "44 civilians"))
    (attack,) = extract_events(text, spans, published=dt.date(2024, 11, 30))
    assert attack.sub_event_type == "Armed clash"
    assert attack.date.date_start == dt.date(2024, 11, 25)
    assert {a.name for a in attack.actors} >= {"Hayat Tahrir al-Sham", "al-Qaeda"}
    assert [a.name for a in attack.actors if a.text == "HTS"] == ["Hayat Tahrir al-Sham"]
    # "They have since seized ..." goes on with the same offensive: one incident
    assert any("seized" in s.text for s in attack.sentences)
    # "The escalating conflict has claimed at least 327 lives": a running total, no event
    casualties = [(c.kind, c.subset) for c in attack.casualties]
    assert casualties == [("killed_or_injured", False)] and attack.fatalities == 0


# --- 004 (published 2024-11-28) --------------------------------------------------------------

BOMBED_004 = (
    "The Russian and Syrian air forces bombed rebel-held northwest Syria near the border with "
    "Turkey on Thursday to push back a rebel offensive that captured territory for the first time "
    "in years, Syrian army and rebel sources said.\n"
    "The attack was the biggest since March 2020 when Russia, which backs Assad, and Turkey, which "
    "supports the rebels, agreed to a ceasefire that ended years of fighting.\n"
    "They say over 80 people, mostly civilians, have been killed since the start of the year in "
    "drone strikes on rebel-held villages."
)


def test_004_bombing_and_cumulative_drone_strikes() -> None:
    text = BOMBED_004
    spans = spans_in(text, (A, "Russian and Syrian air forces"), (L, "northwest Syria"),
                     (L, "Turkey"), (D, "Thursday"), (A, "rebel"), (D, "March 2020"),
                     (A, "Russia"), (A, "Assad"), (A, "Turkey"), (A, "rebels"),
                     (C, "over 80 people"), (D, "start of the year"))
    bombing, ceasefire, drones = extract_events(text, spans, published=dt.date(2024, 11, 28),
                                                keep_excluded=True)
    assert bombing.excluded is None
    assert (ceasefire.sub_event_type, ceasefire.excluded) == ("Agreement", "background")
    assert bombing.sub_event_type == "Air/drone strike"
    assert bombing.date.date_start == dt.date(2024, 11, 28)
    assert [a.name for a in bombing.actors if a.role == "actor1"] == [RUSSIA, GOV]
    assert bombing.actor("actor2").name == REBELS
    assert (bombing.locations[0].name, bombing.locations[0].geo_precision) == ("Syria", 3)
    # "The attack was the biggest since March 2020 ..." refers back: no event of its own
    assert drones.sub_event_type == "Air/drone strike" and drones.excluded is not None
    assert drones.cumulative
    assert (drones.date.date_start, drones.date.date_end) == (dt.date(2024, 1, 1),
                                                            dt.date(2024, 11, 28))
    assert drones.fatalities == 81


# --- rules and contracts --------------------------------------------------------------------


def test_same_incident_merges_only_with_same_date() -> None:
    text = ("Rebels shelled Aleppo on Tuesday. Rebel rockets hit Aleppo on Tuesday. "
            "Rebels shelled Aleppo on Wednesday.")
    spans = spans_in(text, (A, "Rebels"), (L, "Aleppo"), (D, "Tuesday"), (A, "Rebel"),
                     (L, "Aleppo"), (D, "Tuesday"), (A, "Rebels"), (L, "Aleppo"),
                     (D, "Wednesday"))
    events = extract_events(text, spans, published=dt.date(2024, 11, 28))
    assert [len(e.sentences) for e in events] == [2, 1]
    assert [e.id for e in events] == ["E1", "E2"]


def test_no_spans_no_trigger_no_event() -> None:
    assert extract_events("The weather was fine.", []) == []
    assert extract_events("", []) == []


def test_trigger_with_only_a_place_is_an_event_with_empty_arguments() -> None:
    assert extract_events("Clashes continued.", []) == []  # nothing of an incident around it
    text = "Clashes continued in Idlib."
    (event,) = extract_events(text, spans_in(text, (L, "Idlib")))
    assert event.sub_event_type == "Armed clash"
    assert (event.date, event.actors, event.fatalities) == (None, (), 0)
    assert event.locations[0].text == "Idlib"


def test_without_published_relative_dates_stay_unresolved() -> None:
    text = "Rebels entered Aleppo on Friday night."
    spans = spans_in(text, (A, "Rebels"), (L, "Aleppo"), (D, "Friday night"))
    (event,) = extract_events(text, spans)
    assert event.date is not None and event.date.date_start is None
    assert event.date.method == "unresolved" and event.date.text == "Friday night"


@pytest.mark.parametrize(("start", "end"), [(0, 99), (5, 5), (7, 3)])
def test_spans_outside_the_text_are_refused(start: int, end: int) -> None:
    with pytest.raises(InputError, match="outside the text"):
        extract_events("Rebels entered Aleppo.", [Span(start=start, end=end, label="ACTOR")])


def test_event_json_round_trip_and_schema() -> None:
    text = AIRSTRIKES_001
    spans = spans_in(text, (D, "Sunday (December 1)"), (A, "Syria"), (L, "Aleppo"))
    (event,) = extract_events(text, spans, published=dt.date(2024, 12, 2))
    assert Event.model_validate_json(event.model_dump_json()) == event
    schema = Event.model_json_schema()
    assert {"event_type", "date", "actors", "locations", "casualties", "fatalities"} <= set(
        schema["properties"])
    assert all("description" in p for p in schema["properties"].values())


def test_input_spans_are_not_mutated_and_order_does_not_matter() -> None:
    text = "Rebels entered Aleppo on Friday night, forcing the Syrian army to redeploy."
    spans = spans_in(text, (A, "Rebels"), (L, "Aleppo"), (D, "Friday night"), (A, "Syrian army"))
    before = list(spans)
    forward = extract_events(text, spans, published=dt.date(2024, 12, 2))
    backward = extract_events(text, spans[::-1], published=dt.date(2024, 12, 2))
    assert spans == before and forward == backward


def _gold_documents() -> list[Document]:
    if not GOLD.is_file():
        return []
    return [Document.model_validate_json(line) for line in GOLD.read_text().splitlines()
            if line.strip()]


@pytest.mark.skipif(not GOLD.is_file(), reason="annotations/seeds.jsonl not written yet")
def test_invariants_over_gold_articles() -> None:
    docs = _gold_documents()
    assert docs
    for doc in docs:
        events = extract_events(doc.text, doc.spans, published=doc.meta.published)
        check_grounding(doc.text, events)
        assert [e.id for e in events] == [f"E{i}" for i in range(1, len(events) + 1)]
        for event in events:
            json.loads(event.model_dump_json())
            if event.date and event.date.date_start:
                assert event.date.date_start <= event.date.date_end


SEED_TEXT = HTS_003 + "\n" + BOMBED_004


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_spans_never_crash(data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(0, len(SEED_TEXT)), max_size=24)))
    spans = [
        Span(start=a, end=b, label=data.draw(st.sampled_from(["ACTOR", "LOCATION", "DATE",
                                                              "CASUALTY"])))
        for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b
    ]
    published = data.draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))))
    events = extract_events(SEED_TEXT, spans, published=published)
    check_grounding(SEED_TEXT, events)
