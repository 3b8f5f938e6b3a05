"""Ways of writing a casualty that the phrase grid (``bench/grid.py``) found unread: verbs of
killing, wounding and taking people that wire copy, releases and local papers use, "no soldier
was hurt", an age range, an ordinal ("a third abducted"), a toll "revised to", and an incident
first told as "The blast ...". Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.assembly import extract_events
from model.events.triggers import find_triggers
from model.types import Event
from tests.test_event_reading import A, C, D, L, spans_in

PUBLISHED = dt.date(2024, 3, 6)
WHERE = "in the village of Kagoro in Kaduna State, Nigeria, on Monday"
MARKS = ((L, "Kagoro"), (L, "Kaduna State"), (L, "Nigeria"), (D, "Monday"))


def read(text: str, *marks: tuple[str, str], published: dt.date = PUBLISHED) -> list[Event]:
    """The events of ``text`` read with the spans ``marks`` (in any order)."""
    ordered = sorted(marks, key=lambda mark: text.index(mark[1]))
    return extract_events(text, spans_in(text, *ordered), published=published)


def _totals(text: str, *marks: tuple[str, str]) -> tuple[int, int, int]:
    events = read(text, *marks, *MARKS)
    assert events, text
    return (sum(e.fatalities or 0 for e in events), sum(e.injured or 0 for e in events),
            sum(e.detained or 0 for e in events))


@pytest.mark.parametrize(("text", "count", "want"), [
    (f"Gunmen liquidated seven villagers {WHERE}.", "seven villagers", (7, 0, 0)),
    (f"Seven villagers were liquidated when gunmen attacked {WHERE}.", "Seven villagers",
     (7, 0, 0)),
    (f"Gunmen mowed down seven villagers {WHERE}.", "seven villagers", (7, 0, 0)),
    (f"Seven villagers were left in critical condition when gunmen attacked {WHERE}.",
     "Seven villagers", (0, 7, 0)),
    (f"Seven villagers were badly burned when gunmen attacked {WHERE}.", "Seven villagers",
     (0, 7, 0)),
    (f"Seven villagers were seized by gunmen {WHERE}.", "Seven villagers", (0, 0, 7)),
    (f"Gunmen seized seven villagers {WHERE}.", "seven villagers", (0, 0, 7)),
    (f"Gunmen captured at least 12 villagers {WHERE}.", "at least 12 villagers", (0, 0, 12)),
    (f"Gunmen snatched seven villagers {WHERE}.", "seven villagers", (0, 0, 7)),
    (f"Seven villagers were whisked away by gunmen {WHERE}.", "Seven villagers", (0, 0, 7)),
    (f"Seven villagers were forcibly disappeared {WHERE}.", "Seven villagers", (0, 0, 7)),
    (f"Seven villagers were held incommunicado {WHERE}.", "Seven villagers", (0, 0, 7)),
    (f"Seven villagers were picked up by police {WHERE}.", "Seven villagers", (0, 0, 7)),
    (f"Police hauled in seven villagers {WHERE}.", "seven villagers", (0, 0, 7)),
])
def test_verbs_of_harm(text: str, count: str, want: tuple[int, int, int]) -> None:
    assert _totals(text, (C, count)) == want


def test_nobody_hurt_is_no_count() -> None:
    text = (f"Troops killed a suspected militant and captured two others {WHERE}; no soldier "
            "was hurt.")
    assert _totals(text, (C, "two others"), (C, "no soldier")) == (1, 0, 2)


def test_an_age_range_is_no_count() -> None:
    text = f"Three men aged between 20 and 35 were abducted from their farm {WHERE}."
    assert _totals(text, (C, "Three men"), (C, "20 and 35")) == (0, 0, 3)


def test_an_ordinal_after_a_count_is_one_more() -> None:
    text = f"Two soldiers were killed and a third abducted when militants overran a base {WHERE}."
    assert _totals(text, (C, "Two soldiers"), (C, "third"), (A, "militants")) == (2, 0, 1)


def test_another_wounded_after_the_dead() -> None:
    text = f"The ambush {WHERE} left one police officer dead and another critically wounded."
    assert _totals(text, (C, "one police officer")) == (1, 1, 0)


def test_a_toll_revised_to_a_number_is_the_toll() -> None:
    text = (f"Ten people were killed in clashes {WHERE}; the toll was later revised to 14.")
    assert _totals(text, (C, "Ten people")) == (14, 0, 0)  # the finder reads the 14


def test_the_wounded_taken_to_hospital() -> None:
    text = (f"Police fired tear gas at protesters {WHERE} and arrested 18 people, while at least "
            "six were taken to hospital with injuries.")
    assert _totals(text, (C, "18 people"), (C, "at least six")) == (0, 6, 18)


def test_an_incident_first_told_as_the_blast() -> None:
    text = f"The blast at a market {WHERE} left 12 dead and 31 wounded, police said."
    (event,) = read(text, (C, "12 dead"), (C, "31 wounded"), *MARKS, published=PUBLISHED)
    assert (event.event_type, event.fatalities, event.injured) == (
        "Explosions/Remote violence", 12, 31)


def test_the_blast_after_an_incident_told_refers_back() -> None:
    text = (f"A bomb exploded at a market {WHERE}, killing 12 people. The blast also wounded "
            "31 others, police said.")
    events = read(text, (C, "12 people"), (C, "31 others"), *MARKS, published=PUBLISHED)
    assert [(e.fatalities, e.injured) for e in events] == [(12, 31)]


def test_the_attack_a_group_claimed_is_an_incident() -> None:
    text = ("Two guards died in the commune of Curanilahue, Biobio region, on Monday. "
            "The Coordinadora Arauco Malleco claimed responsibility for the attack.")
    (event,) = read(text, (C, "Two guards"), (L, "Curanilahue"), (L, "Biobio region"),
                    (D, "Monday"), (A, "Coordinadora Arauco Malleco"))
    assert event.event_type is not None and event.fatalities == 2
    claim = text[text.index("The Coordinadora"):]
    assert find_triggers(claim) == []  # "the attack" refers back once an incident was told
    assert [m.entry.id for m in find_triggers(claim, first_mention=True)] == ["attack"]


def test_the_murders_a_communique_denies_are_no_incident() -> None:
    text = ("SAN SALVADOR, 5 DEC 90 (RADIO) -- THE FMLN ISSUED A COMMUNIQUE TODAY REJECTING THE "
            "ACCUSATIONS OF THE GOVERNMENT, WHICH HAS BLAMED IT FOR THE RECENT MURDERS OF "
            "MAYORS.")
    assert read(text, (A, "FMLN"), (A, "GOVERNMENT"), published=dt.date(1990, 12, 5)) == []


def test_a_toll_of_the_wounded_beside_the_dead() -> None:
    text = (f"A car bomb killed at least 10 people {WHERE}, police said; a hospital official "
            "later put the number of dead at 15 and the wounded at 30.")
    assert _totals(text, (C, "at least 10 people"), (C, "15"), (C, "30")) == (15, 30, 0)


def test_the_wounded_who_died_told_first() -> None:
    text = ("Of the 11 people injured in a grenade attack in Kagoro, two later died in hospital, "
            "police in Kaduna State, Nigeria, said on Monday.")
    assert _totals(text, (C, "11 people"), (C, "two")) == (2, 9, 0)


def test_a_sentence_without_a_space_after_its_period() -> None:
    text = ("Eight policemen were killed by a roadside bomb in San Pedro de Uraba, Antioquia "
            "Department.The incident is one of the worst attacks on the police since the end of "
            "the peace process.")
    events = read(text, (C, "Eight policemen"), (L, "San Pedro de Uraba"),
                  (L, "Antioquia Department"))
    assert [(e.fatalities, e.cumulative) for e in events] == [(8, False)]


def test_a_wounded_soldier_who_succumbed_is_dead_only() -> None:
    text = ("A soldier who was wounded in an ambush in Kagoro succumbed to his injuries on Monday, "
            "bringing the number of soldiers killed to six, officials in Kaduna State, Nigeria, "
            "said.")
    assert _totals(text, (C, "six")) == (6, 0, 0)


@pytest.mark.parametrize(("text", "marks", "sub_event_type"), [
    ("Marines nabbed a suspected cartel boss in Zapopan, Jalisco, on Saturday.",
     ((L, "Zapopan"), (L, "Jalisco"), (D, "Saturday")), "Arrests"),
    ("Agents arrested a retired colonel in Caracas on Tuesday, accusing him of plotting against "
     "the government.", ((L, "Caracas"), (D, "Tuesday")), "Arrests"),
    ("Russia and Ukraine swapped 95 prisoners of war each in Sumy oblast on Monday.",
     ((A, "Russia"), (A, "Ukraine"), (L, "Sumy oblast"), (D, "Monday")), "Agreement"),
    ("The government and the TPLF signed a cessation of hostilities in Pretoria on Wednesday.",
     ((A, "government"), (A, "TPLF"), (L, "Pretoria"), (D, "Wednesday")), "Agreement"),
])
def test_arrests_and_agreements(text: str, marks: tuple[tuple[str, str], ...],
                                sub_event_type: str) -> None:
    assert [e.sub_event_type for e in read(text, *marks)] == [sub_event_type]


def test_gunmen_nobody_names_abduct() -> None:
    text = f"Gunmen seized seven villagers {WHERE}."
    (event,) = read(text, (A, "Gunmen"), (C, "seven villagers"), *MARKS)
    assert (event.sub_event_type, event.detained) == ("Abduction/forced disappearance", 7)
    assert event.actors[0].actor_type == "political militia"


def test_a_man_forced_into_a_vehicle_is_abducted() -> None:
    text = ("A student activist went missing from Turbat, Balochistan, on Friday after armed men "
            "forced him into a vehicle, his family said.")
    (event,) = read(text, (L, "Turbat"), (L, "Balochistan"), (D, "Friday"), (A, "armed men"))
    assert event.sub_event_type == "Abduction/forced disappearance"
