"""The place finder: names the tagger missed that the text itself calls places."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.place_finder import find_place_spans, with_found_places
from model.types import Span
from tests.test_event_reading import C, D, read


@pytest.mark.parametrize(("text", "places"), [
    ("An ambush wounded a policeman in the department of Cauca, police said.", ["Cauca"]),
    ("Militants attacked a base in Tahoua Region, killing five.", ["Tahoua Region"]),
    ("In Helmand province two soldiers died.", ["Helmand province"]),
    ("Shots were fired at a bus stop in Moss, Norway on Friday.", ["Moss", "Norway"]),
    ("Boko Haram attacked a village in Borno State on Monday.", ["Borno State"]),
])
def test_a_name_the_text_calls_a_place(text: str, places: list[str]) -> None:
    assert [text[s.start:s.end] for s in find_place_spans(text, [])] == places


@pytest.mark.parametrize("text", [
    "The Department of Justice said so.",  # a ministry
    "The United States Department of State said so.",
    "Fighters of the Islamic State attacked.",  # a group
    "He met the governor of the province of Xqzwv on Monday.",  # no gazetteer knows it
])
def test_no_place_where_the_words_name_none(text: str) -> None:
    assert find_place_spans(text, []) == []


def test_a_tagged_span_is_left_as_it_is() -> None:
    text = "A bomb exploded in Kurram district."
    tagged = Span(start=19, end=34, label="LOCATION")
    assert find_place_spans(text, [tagged]) == []


def test_an_event_is_placed_by_a_place_the_tagger_missed() -> None:
    (event,) = read("Gunmen killed two soldiers in the department of Cauca on Monday.",
                    (C, "two soldiers"), (D, "Monday"), published=dt.date(2023, 6, 15))
    assert (event.locations[0].country_code, event.locations[0].admin1) == ("CO", "Cauca")


def test_a_big_town_tagged_as_an_actor_after_in_is_a_place() -> None:
    text = "A missile strike on an apartment block in Dnipro killed 14 people."
    spans = [Span(start=text.index("Dnipro"), end=text.index("Dnipro") + 6, label="ACTOR")]
    (place,) = with_found_places(text, spans)
    assert place.label == "LOCATION"


def test_a_known_actor_after_in_stays_an_actor() -> None:
    text = "Divisions in Hamas grew."
    spans = [Span(start=13, end=18, label="ACTOR")]
    assert [s.label for s in with_found_places(text, spans)] == ["ACTOR"]


@pytest.mark.parametrize(("text", "found"), [
    ("Shelling killed four people in Kharkiv on Friday.", ["Kharkiv"]),
    ("Clashes broke out near Somalia's border.", []),  # a possessive: no name of its own
    ("The vote in January was delayed, lawmakers in Congress said.", []),
    ("Troops fought rebels in Hamas-held areas.", []),
])
def test_a_well_known_place_after_in_that_no_span_covers(text: str, found: list[str]) -> None:
    assert [text[s.start:s.end] for s in find_place_spans(text, [])] == found


def test_an_event_with_no_place_span_is_placed_by_a_country_after_in() -> None:
    (event,) = read("Gunmen killed two soldiers in Mali on Monday.", (C, "two soldiers"),
                    (D, "Monday"), published=dt.date(2023, 6, 15))
    assert event.locations[0].country_code == "ML"
