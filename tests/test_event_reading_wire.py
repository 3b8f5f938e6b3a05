"""Wire reports from many countries: lists of victims, counts left injured or missing, who
spoke and who was attacked, the weapon that names an incident, protests with arrests. Spans
are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.casualties import counts_things
from model.events.casualty_finder import find_casualty_spans
from model.events.sentences import split_clauses
from tests.test_event_reading import A, C, D, L, read

PUBLISHED = dt.date(2023, 6, 15)  # a Thursday


@pytest.mark.parametrize(("text", "count", "killed"), [
    ("A suicide bomber struck the crossing, killing two Israeli soldiers, a border policeman, "
     "and a security guard for a private company.", "two Israeli soldiers", 4),
    ("Gunmen killed two soldiers, a policeman and a driver in Gao.", "two soldiers", 4),
    ("Gunmen shot dead two adults and an infant in Kano.", "two adults", 3),
    ("Rebels killed two soldiers in Gao, a spokesman said.", "two soldiers", 2),
])
def test_people_listed_one_by_one_after_a_count(text: str, count: str, killed: int) -> None:
    (event,) = read(text, (C, count), published=PUBLISHED)
    assert event.fatalities == killed


def test_left_injured_counts_and_left_missing_does_not() -> None:
    (event,) = read("Four people were killed, 7 were left missing, and another one was left "
                    "severely injured in a Boko Haram attack on Garin-Amadou.",
                    (C, "Four people"), (C, "7"), (L, "Garin-Amadou"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (4, 1)


def test_people_are_not_things_beside_them() -> None:
    assert not counts_things("children herding goats", "")
    assert not counts_things("", " over two days")
    assert counts_things("", " vehicles were destroyed")
    text = "Clashes in Tripoli killed 55 people and injured 146 over two days."
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == ["55 people", "146"]


def test_a_speaker_after_the_trigger_is_no_side() -> None:
    (event,) = read("Unknown gunmen shot dead a journalist outside his home in Karachi on "
                    "Thursday, police said.", (A, "Unknown gunmen"), (L, "Karachi"),
                    (D, "Thursday"), (A, "police"), published=PUBLISHED)
    assert event.sub_event_type == "Attack"  # not an armed clash with the police
    assert [a.text for a in event.actors if a.role] == ["Unknown gunmen"]


def test_known_as_does_not_split_a_clause() -> None:
    text = "Soldiers killed a commander known as 'Jhon Mechas' in a bombing raid."
    assert split_clauses(text, 0, len(text), [(9, 15), (52, 64)]) == [(0, len(text))]


def test_a_named_weapon_names_the_incident_over_a_bare_killing() -> None:
    (event,) = read("Colombian soldiers killed a dissident FARC commander, as troops searched "
                    "the area, in a bombing raid in Norte de Santander on Friday.",
                    (A, "Colombian soldiers"), (L, "Norte de Santander"), (D, "Friday"),
                    published=PUBLISHED)
    assert event.sub_event_type == "Air/drone strike"


def test_a_suicide_bombing_of_a_protest_is_a_suicide_bombing() -> None:
    (event,) = read("A suicide bomber attacked a protest in Suruc on Monday. Thirty-two were "
                    "killed.", (L, "Suruc"), (D, "Monday"), (C, "Thirty-two"),
                    published=PUBLISHED)
    assert (event.sub_event_type, event.fatalities) == ("Suicide bomb", 32)


def test_protesters_detained_is_a_protest_with_intervention() -> None:
    (event,) = read("Thousands of people rallied in Tbilisi on Sunday against a proposed foreign "
                    "agents law. Police detained 20 protesters.", (L, "Tbilisi"), (D, "Sunday"),
                    (A, "Police"), (C, "20 protesters"), published=PUBLISHED)
    assert (event.sub_event_type, event.detained) == ("Protest with intervention", 20)


def test_a_general_strike_is_no_air_strike_and_mortar_rounds_are_shelling() -> None:
    assert read("Unions called a general strike in Lagos on Monday, and two people were "
                "killed.", (L, "Lagos"), (D, "Monday"), (C, "two people"),
                published=PUBLISHED)[0].sub_event_type != "Air/drone strike"
    (event,) = read("Four rounds of mortars were fired at the palace in Bogota on Monday, "
                    "killing 13 people.", (L, "Bogota"), (D, "Monday"), (C, "13 people"),
                    published=PUBLISHED)
    assert (event.sub_event_type, event.fatalities) == ("Shelling/artillery/missile attack", 13)
