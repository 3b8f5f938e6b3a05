"""The assembler's parts: trigger lexicon, sentence/clause splitting, roles, the CSV table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import pytest

from model.events import extract_events, triggers
from model.events.actors import canonical_actors
from model.events.roles import assign_roles
from model.events.sentences import split_clauses, split_sentences
from model.events.table import CSV_COLUMNS, event_row, events_to_csv
from model.events.triggers import classify, find_triggers, is_cumulative, lexicon
from model.taxonomy import SUB_EVENT_TYPES
from model.types import Span


@pytest.mark.parametrize(
    ("sentence", "lexeme", "sub_event_type"),
    [
        ("Russian warplanes launched massive air raids on the villages.", "air_strike",
         "Air/drone strike"),
        ("Syria launched airstrikes on Aleppo.", "air_strike", "Air/drone strike"),
        ("The Russian and Syrian air forces bombed rebel-held northwest Syria to push back a "
         "rebel offensive that captured territory.", "bombing_air", "Air/drone strike"),
        ("A bomb exploded near the police station.", "bombing", "Remote explosive/landmine/IED"),
        ("Two insurgents blew themselves up outside a police station.", "suicide_bomb",
         "Suicide bomb"),
        ("Militants threw a grenade at a bus.", "grenade", "Grenade"),
        ("Gunmen kidnapped 30 students from a school.", "abduction",
         "Abduction/forced disappearance"),
        ("Police detained 12 demonstrators in Minsk.", "protest_intervention",
         "Protest with intervention"),
        ("Thousands of people protested peacefully in Nairobi.", "protest", "Peaceful protest"),
        ("Soldiers opened fire on protesters, killing eleven.", "excessive_force",
         "Excessive force against protesters"),
        ("Rioters set fire to shops in the city centre.", "riot", "Violent demonstration"),
        ("Police arrested 28 people linked to the Islamic State.", "arrests", "Arrests"),
        ("Authorities defused 30 explosive devices in Tehran.", "disrupted",
         "Disrupted weapons use"),
        ("The two sides agreed to a ceasefire on Monday.", "agreement", "Agreement"),
        ("Soldiers killed two insurgents near Kandahar.", "killing", "Attack"),
        ("Israel increased strikes on Iran-backed forces in Syria.", "air_strike_context",
         "Air/drone strike"),
        ("29 children were killed in waves of rebel rocket fire.", "shelling",
         "Shelling/artillery/missile attack"),
        ("A car bomb exploded in the market.", "ied", "Remote explosive/landmine/IED"),
        ("A suicide bomber struck a checkpoint.", "suicide_bomb", "Suicide bomb"),
        ("Gunmen attacked civilians in the village.", "shooting", "Attack"),
        ("Troops attacked civilians in the village.", "attack_on_civilians", "Attack"),
        ("Clashes continue in the Saif al-Dawleh district.", "clash", "Armed clash"),
        ("Rebels launched an incursion into a dozen towns.", "attack", "Armed clash"),
        ("Rebels entered Aleppo on Friday night.", "enter", "@territory"),
        ("Syrian rebels lose ground to regime forces in Aleppo.", "lose_ground", "@territory"),
        ("Rebel forces managed to retake control of two farms.", "capture", "@territory"),
    ],
)
def test_trigger_lexicon(sentence: str, lexeme: str, sub_event_type: str) -> None:
    matches = find_triggers(sentence)
    best = min(matches, key=lambda m: m.entry.priority)
    assert best.entry.id == lexeme and best.entry.sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "sentence",
    [
        "Bashar al-Assad vowed to repel the rebel forces entering Aleppo.",  # intention
        "Syrian troops are also attempting to retake the supply route.",  # intention
        "The attack was the biggest in years.",  # refers back
        "Rescue workers revealed that the attack resulted in 7 deaths.",  # refers back
        "Damascus denies targeting civilians indiscriminately.",  # denial
        "The dead include 215 fighters - including some who carried out suicide bomb attacks - "
        "and 143 regime forces.",  # parenthetical aside
        "They are infamous for their mass slaughter of captured military personnel.",
        "Back then, after months of bombing and siege, the rebels agreed to withdraw.",
        "No aid has entered the east since July.",
        "The weather was fine.",
    ],
)
def test_sentences_without_a_trigger(sentence: str) -> None:
    assert find_triggers(sentence) == []


def test_territory_sub_event_depends_on_the_agent() -> None:
    capture = next(e for e in lexicon().entries if e.id == "capture")
    assert classify(capture, "state forces")[1] == "Government regains territory"
    assert classify(capture, "rebel group")[1] == "Non-state actor overtakes territory"
    assert classify(capture, "external/other forces") == ("Battles", None)
    assert classify(capture, None) == ("Battles", None)


def test_every_lexicon_type_is_acled() -> None:
    acled = {t: set(subs) for t, subs in SUB_EVENT_TYPES.items()}
    for entry in lexicon().entries:
        assert entry.sub_event_type in acled[entry.event_type] | {None, "@territory"}
        for pair in (entry.armed_target, entry.civilian_target):
            assert pair is None or pair[1] in acled[pair[0]]
    assert set(lexicon().territory.values()) <= acled["Battles"]


@pytest.mark.parametrize(
    ("clause", "cumulative"),
    [
        ("More than 300,000 people have been killed in Syria's five-year war.", True),
        ("The escalating conflict has claimed at least 327 lives.", True),
        ("over 80 people have been killed since the start of the year", True),
        ("A bomb killed 7 people in the city center.", False),
    ],
)
def test_cumulative(clause: str, cumulative: bool) -> None:
    assert is_cumulative(clause) is cumulative


def test_split_sentences_keeps_offsets_and_nbsp() -> None:
    text = ("Syria: Aleppo's fate\n\n27 October, 2015\nIS\u00a0militants cut the route. "
            "Gen. Ali said so.")
    bounds = split_sentences(text)
    assert [text[a:b] for a, b in bounds] == [
        "Syria: Aleppo's fate", "27 October, 2015", "IS\u00a0militants cut the route.",
        "Gen. Ali said so."]


def test_sentences_do_not_end_at_periods_the_word_tokenizer_keeps() -> None:
    text = ("WASHINGTON, Jan. 5, 2017 - U.S. forces struck ISIL near Raqqa. Civilians were "
            "killed, said Lt. Gen. Stephen J. Townsend. No. 2 was hit, etc. The U.N. Then left.")
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "WASHINGTON, Jan. 5, 2017 - U.S. forces struck ISIL near Raqqa.",
        "Civilians were killed, said Lt. Gen. Stephen J. Townsend.",
        "No. 2 was hit, etc. The U.N. Then left."]


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        ("Syrian Rebels Capture Aleppo as Russian Forces Intensify Airstrikes", 2),
        ("Warplanes began bombing towns in Idlib Province on Saturday and intensified airstrikes "
         "on Sunday.", 2),
        ("The district was obliterated by regime shelling and bombs.", 1),
        ("Rebels shelled the town; regime jets bombed the villages.", 2),
        ("Rebels, as well as their allies, shelled the town and bombed it.", 1),
    ],
)
def test_split_clauses(sentence: str, clauses: int) -> None:
    triggers = [(m.start, m.end) for m in find_triggers(sentence)]
    bounds = split_clauses(sentence, 0, len(sentence), triggers)
    assert len(bounds) == clauses
    assert all(sentence[a:b] == sentence[a:b].strip() for a, b in bounds)


def _mentions(text: str, *surfaces: str) -> list[tuple[Span, tuple]]:
    found, cursor = [], 0
    for surface in surfaces:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        found.append((Span(start=start, end=cursor, label="ACTOR"), canonical_actors(surface)))
    return found


@pytest.mark.parametrize(
    ("text", "surfaces", "actor1", "actor2"),
    [
        ("The Syrian army and Iranian-backed militias recaptured key areas.",
         ("Syrian army", "Iranian-backed militias"), "Syrian government forces", None),
        ("Syrian rebels lose ground to regime forces in Aleppo",
         ("Syrian rebels", "regime forces"), "Syrian government forces", "Syrian rebels"),
        ("The district was obliterated by regime shelling.", ("regime",),
         "Syrian government forces", None),
        ("Rebels say the campaign answers strikes in recent weeks against civilians by the "
         "Russian air force.", ("Rebels", "Russian air force"), "Russian forces", None),
        ("The regime assault, backed by Russian warplanes, has killed hundreds.",
         ("regime", "Russian warplanes"), "Syrian government forces", None),
        ("Rising attacks by Assad's regime against opposition enclaves.",
         ("Assad", "regime", "opposition"), "Syrian government forces", "Syrian rebels"),
        ("Aleppo is now under rebel control.", ("rebel",), "Syrian rebels", None),
    ],
)
def test_roles(text: str, surfaces: tuple[str, ...], actor1: str, actor2: str | None) -> None:
    trigger = min(find_triggers(text), key=lambda m: m.entry.priority)
    actors = assign_roles(text, (0, len(text)), trigger, _mentions(text, *surfaces))
    first = next((a.name for a in actors if a.role == "actor1"), None)
    second = next((a.name for a in actors if a.role == "actor2"), None)
    assert (first, second) == (actor1, actor2)


def test_csv_row_uses_acled_columns() -> None:
    text = "Rebels shelled east Aleppo last week, killing at least 7 civilians."
    spans = []
    for label, surface in [("ACTOR", "Rebels"), ("LOCATION", "east Aleppo"),
                           ("DATE", "last week"), ("CASUALTY", "at least 7 civilians")]:
        start = text.index(surface)
        spans.append(Span(start=start, end=start + len(surface), label=label))
    events = extract_events(text, spans, published=dt.date(2024, 12, 2))
    rows = list(csv.DictReader(io.StringIO(events_to_csv(events))))
    assert tuple(rows[0]) == CSV_COLUMNS
    row = rows[0]
    assert row["event_date"] == "2024-11-28"  # the middle of the week 25 Nov - 1 Dec
    assert (row["time_precision"], row["geo_precision"], row["fatalities"]) == ("2", "2", "7")
    assert (row["actor1"], row["actor2"], row["location"]) == ("Syrian rebels", "", "Aleppo")
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["notes"] == text
    assert event_row(events[0])["latitude"] == pytest.approx(36.2, abs=0.05)



@pytest.mark.parametrize("sentence", [
    "Two IEDs exploded near a checkpoint in March, and protesters marched on Kabul.",
    "AN IED EXPLODED TODAY; GUERRILLAS ATTACKED A POST AND KIDNAPPED TWO MEN.",
    "Rebels entered Aleppo and fighters fought the army; police fired tear gas at the crowd.",
    "İstanbul police detained 12 protesters after an air strike killed five.",  # lower() grows
])
def test_lower_case_trigger_patterns_find_what_the_case_blind_ones_find(
        sentence: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folded = find_triggers(sentence)
    lex = lexicon()
    blind = replace(lex, entries=tuple(replace(e, lower_pattern=None, lower_context=None)
                                       for e in lex.entries))
    monkeypatch.setattr(triggers, "lexicon", lambda: blind)
    assert [(t.entry.id, t.start, t.end) for t in find_triggers(sentence)] == [
        (t.entry.id, t.start, t.end) for t in folded]
    assert folded
