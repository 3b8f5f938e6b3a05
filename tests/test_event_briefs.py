"""Briefs in the present tense and places named the way wire copy names them: where people come
from, peacekeepers' nationality, a town measured from the capital, exonyms of big towns,
coordinated directions, "a remote area of eastern Afghanistan", a region spelt another way;
present-tense shootings, vigils and blockades, hostile fire beside a word of accidents, and what
people are accused of. Spans are marked by hand, so these test the reader alone
(``bench/probes/zp.json`` holds briefs of these kinds)."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.actors import canonical_actors
from model.events.locations import geocode
from model.events.triggers import find_triggers, is_cumulative
from tests.test_event_phrase_grid import read as read_on
from tests.test_event_reading import A, C, D, L

PUBLISHED = dt.date(2022, 3, 14)  # a Monday


def _places(events: list) -> list[tuple[str | None, str | None]]:
    return [(e.locations[0].country_code, e.locations[0].admin1) if e.locations else (None, None)
            for e in events]


def test_where_a_victim_comes_from_is_not_where_it_happened() -> None:
    text = "A UN peacekeeper from Guinea died in an attack in northeastern Mali."
    events = read_on(text, (C, "A UN peacekeeper"), (L, "Guinea"), (L, "northeastern Mali"),
                     published=PUBLISHED)
    assert [e.locations[0].country_code for e in events] == ["ML"]


def test_peacekeepers_nationality_places_no_event() -> None:
    """Peacekeepers serve abroad: their nationality is not the country of the ambush."""
    text = ("Gunmen ambushed UN peacekeepers near Sevare town. Five Togolese peacekeepers were "
            "killed in the ambush.")
    events = read_on(text, (A, "Gunmen"), (L, "Sevare town"), (C, "Five Togolese peacekeepers"),
                     published=PUBLISHED)
    assert events and all(loc.country_code != "TG" for e in events for loc in e.locations)


def test_a_town_measured_from_the_capital_is_in_its_country() -> None:
    """"15 kilometres north of the capital Baghdad" is a reference point that still tells the
    country: Taji is Iraq's, not Japan's Taiji."""
    text = ("A suicide bomber attacked a government building in Taji, 15 kilometres north of "
            "the capital Baghdad, killing 22.")
    events = read_on(text, (A, "suicide bomber"), (L, "Taji"), (L, "Baghdad"), (C, "22"),
                     published=PUBLISHED)
    assert _places(events) == [("IQ", "Baghdad")]


def test_a_country_after_a_level_word_is_no_town() -> None:
    """"a remote area of eastern Afghanistan" is Afghanistan's east, not Saudi Arabia's Eastern
    Province."""
    place = geocode("eastern Afghanistan", context_before="site in a remote area of ")
    assert place is not None and (place.country_code, place.kind) == ("AF", "country")


@pytest.mark.parametrize(("surface", "country", "admin1"), [
    ("Cologne", "DE", "North Rhine-Westphalia"),  # Köln, not Lombardy's Cologne
    ("Bombay", "IN", "Maharashtra"),
    ("Hani", "TR", "Diyarbakir"),  # not Hamhung, 50 times its size, by another of its names
    ("northern and eastern Baghdad", "IQ", "Baghdad"),
    ("Islamabad suburbs", "PK", "Islamabad"),
    ("Somalia capital city Mogadishu", "SO", "Banaadir"),
    ("Lower Shebelle region", "SO", "Lower Shabelle"),
    ("Galgaduud", "SO", "Galguduud"),
])
def test_names_wire_copy_uses(surface: str, country: str, admin1: str) -> None:
    place = geocode(surface)
    assert place is not None and (place.country_code, place.admin1) == (country, admin1)


def test_whitehall_stays_a_whitehall() -> None:
    """Another name of a town only 20 times bigger than the biggest of that spelling is not
    taken: Atlanta is not "Whitehall"."""
    place = geocode("Whitehall")
    assert place is not None and place.name.startswith("Whitehall")


def test_a_loose_spelling_abroad_needs_the_article_to_name_no_country() -> None:
    """"Nampala" in an article on Mali is a town no gazetteer holds, not Mozambique's Nampula."""
    assert geocode("Nampala", prefer_countries=("ML",)) is None


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Rebels shoot dead a motorcycle-taxi driver and a teacher in Sugapa.", "shooting"),
    ("Relatives of the disappeared hold a silent vigil outside the secretariat in Kilinochchi.",
     "protest"),
    ("Indigenous authorities block the Inter-American Highway at kilometre 170 to demand the "
     "attorney general's resignation.", "protest"),
])
def test_present_tense_triggers(sentence: str, trigger: str) -> None:
    assert [m.entry.id for m in find_triggers(sentence)] == [trigger]


def test_police_blocking_a_road_is_no_protest() -> None:
    assert not find_triggers("Police blocked the main road into the town on Sunday.")


def test_hostile_fire_is_no_accident() -> None:
    """"fire" is a word of accidents, but "Armenian fire" is hostile fire."""
    text = ("An Azerbaijani soldier is killed and another wounded by Armenian fire on the border "
            "in Tovuz District, the defence ministry in Baku says.")
    events = read_on(text, (C, "An Azerbaijani soldier"), (C, "another"), (A, "Armenian"),
                     (L, "Tovuz District"), (L, "Baku"), published=PUBLISHED)
    assert [e.fatalities for e in events] == [1]


def test_not_seen_since_is_no_running_total() -> None:
    assert not is_cumulative("Militiamen abduct two activists in Rugombo; their families say "
                             "they have not been seen since.")
    assert is_cumulative("Militiamen have abducted 40 activists since the elections.")


def test_what_people_are_accused_of_dates_nothing() -> None:
    """"accusing them of plotting a coup with exiles since 2019": the arrest is news today."""
    text = ("Military counterintelligence agents arrest four army officers at a base in Maracay, "
            "accusing them of plotting a coup with exiles since 2019.")
    events = read_on(text, (A, "Military counterintelligence agents"), (C, "four army officers"),
                     (L, "Maracay"), (D, "2019"), published=PUBLISHED)
    assert [(e.sub_event_type, e.detained, e.excluded) for e in events] == [
        ("Arrests", 4, None)]
    assert str(events[0].date.date_start) == str(PUBLISHED)


def test_a_toll_that_rises_in_the_present_dates_its_incident() -> None:
    """"The death toll from Tuesday's suicide bombing ... rises to 19": 19 dead on Tuesday (and
    "at a market" is no count of "a")."""
    text = ("The death toll from Tuesday's suicide bombing at a market in Konduga, Borno State, "
            "rises to 19, with 27 others injured.")
    events = read_on(text, (D, "Tuesday"), (L, "Konduga"), (L, "Borno State"),
                     (C, "27 others"), published=dt.date(2024, 6, 20))
    assert [(e.fatalities, e.injured, str(e.date.date_start)) for e in events] == [
        (19, 27, "2024-06-18")]


def test_the_cause_of_a_protest_does_not_date_it() -> None:
    """"in response to yesterday's mass shooting": the shooting's day, not the riot's."""
    text = ("Kurds riot near the Place de la Republique in Paris, damaging shops. The riot "
            "followed a peaceful protest in response to yesterday's mass shooting at a Kurdish "
            "cultural center.")
    events = read_on(text, (A, "Kurds"), (L, "Place de la Republique"), (L, "Paris"),
                     (D, "yesterday"), published=PUBLISHED)
    assert [str(e.date.date_start) for e in events] == [str(PUBLISHED)]


def test_one_of_the_wounded_who_dies_later_is_dead() -> None:
    text = ("Police fire live rounds at opposition supporters protesting in Arusha on Sunday, "
            "killing one and wounding six; one of the wounded later dies in hospital.")
    events = read_on(text, (A, "Police"), (A, "opposition supporters"), (L, "Arusha"),
                     (D, "Sunday"), (C, "one"), (C, "six"), (C, "one of"), published=PUBLISHED)
    assert [(e.fatalities, e.injured) for e in events] == [(2, 5)]


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Saudi air defences intercept two explosive-laden drones launched towards Khamis Mushait.",
     "disrupted"),
    ("Cartel drones drop explosives on El Aguaje, killing two soldiers.", "air_strike"),
    ("Gunfire between rival militias in Bawku leaves seven people dead.", "clash"),
    ("Azerbaijani forces shell positions near Jermuk.", "shelling"),
])
def test_more_present_tense_triggers(sentence: str, trigger: str) -> None:
    assert trigger in [m.entry.id for m in find_triggers(sentence)]


def test_a_ministry_in_the_capital_tells_the_country_not_the_place() -> None:
    """"the defence ministry in Yerevan says": Jermuk is Armenia's (a namesake abroad is not),
    and Yerevan is not where the shelling was."""
    text = ("Azerbaijani forces shell positions near Jermuk, wounding three Armenian soldiers, the "
            "defence ministry in Yerevan says.")
    events = read_on(text, (A, "Azerbaijani forces"), (L, "Jermuk"),
                     (C, "three Armenian soldiers"), (L, "Yerevan"), published=PUBLISHED)
    assert _places(events) == [("AM", "Vayots Dzor")]


def test_armed_islamists_killed_by_troops_is_a_clash() -> None:
    text = ("Algerian troops kill two armed Islamists and capture a third during a sweep of the "
            "forests of Tizi Ouzou Province.")
    events = read_on(text, (A, "Algerian troops"), (C, "two armed Islamists"), (C, "a third"),
                     (L, "Tizi Ouzou Province"), published=PUBLISHED)
    assert [e.sub_event_type for e in events] == ["Armed clash"]


@pytest.mark.parametrize(("surface", "admin1"), [("Sfax", "Sfax"), ("Ben Arous", "Ben Arous"),
                                                 ("Baku", "Baku")])
def test_english_names_of_divisions(surface: str, admin1: str) -> None:
    place = geocode(surface)
    assert place is not None and place.admin1 == admin1


def test_a_groups_country_vetoes_no_place_named_as_written() -> None:
    """Al-Shabaab fights in Somalia, but Wajir is Kenya's; a loose namesake abroad stays out."""
    text = "Al-Shabaab fighters attacked a police station in Wajir, injuring three police officers."
    events = read_on(text, (A, "Al-Shabaab fighters"), (L, "Wajir"),
                     (C, "three police officers"), published=PUBLISHED)
    assert _places(events) == [("KE", "Wajir")]
    text = "Boko Haram militants attacked a military base close to the town of Baga."
    events = read_on(text, (A, "Boko Haram militants"), (L, "Baga"), published=PUBLISHED)
    assert all(loc.country_code in (None, "NG") for e in events for loc in e.locations)


def test_people_sent_to_hospital_are_wounded() -> None:
    text = ("A suicide car bomber struck a ministry building in Kabul, killing four people and "
            "sending 42 to the hospital.")
    events = read_on(text, (A, "suicide car bomber"), (L, "Kabul"), (C, "four people"),
                     (C, "42"), published=PUBLISHED)
    assert [(e.fatalities, e.injured) for e in events] == [(4, 42)]


def test_the_point_a_superlative_is_measured_from_is_no_total_nor_background() -> None:
    """"the deadliest attack in the country since 27 January" tells today's bombing; "the biggest
    since March 2020, when Russia and Turkey agreed to a ceasefire" still recalls the ceasefire."""
    text = ("A suicide car bomber killed 19 police officers in front of a Baghdad academy in the "
            "deadliest attack in the country since 27 January.")
    events = read_on(text, (A, "suicide car bomber"), (C, "19 police officers"), (L, "Baghdad"),
                     (D, "27 January"), published=dt.date(2007, 6, 28))
    assert [(e.fatalities, e.excluded, e.cumulative) for e in events] == [(19, None, False)]
    assert is_cumulative("More than 300 people have been killed since January.")
    assert is_cumulative("Most of the 300 people killed since January were civilians.")


def test_a_month_this_year_recalls_its_incident() -> None:
    """"In April this year, an air strike ... killed more than 160 people" is background to a
    story published in September, not part of its news."""
    text = ("Military aircraft bombed a village in the Sagaing region on Tuesday, killing 17 "
            "civilians.\n\nThe army has responded to the resistance with air strikes.\n\nIn April "
            "this year, an air strike on a gathering in Kanbalu township killed more than 160 "
            "people.")
    events = read_on(text, (A, "Military aircraft"), (L, "Sagaing region"), (D, "Tuesday"),
                     (C, "17 civilians"), (D, "April this year"), (L, "Kanbalu township"),
                     (C, "more than 160 people"), published=dt.date(2023, 9, 20))
    assert [e.fatalities for e in events] == [17]


def test_kidnapped_and_murdered_in_the_present_are_dead() -> None:
    text = "Two teenagers are kidnapped and murdered near the settlement of Tekoa."
    events = read_on(text, (C, "Two teenagers"), (L, "Tekoa"), published=PUBLISHED)
    assert [(e.fatalities, e.detained) for e in events] == [(2, 0)]


@pytest.mark.parametrize(("surface", "after", "prefer", "country"), [
    ("Mansoura", "", ("EG",), "EG"),  # Egypt's city, not the Aleppo village
    ("Al-Mansoura district", " of Aden.", (), "YE"),
    ("Mansoura", "", ("SY",), "SY"),
    ("Mansoura", "", (), "SY"),  # the seed articles' village, where nothing else says
])
def test_a_seed_village_yields_to_a_namesake_of_the_articles_country(
        surface: str, after: str, prefer: tuple[str, ...], country: str) -> None:
    place = geocode(surface, context_after=after, prefer_countries=prefer)
    assert place is not None and place.country_code == country


@pytest.mark.parametrize(("surface", "country"), [
    ("Quetta Civil Hospital", "PK"), ("Baramulla Police station", "IN"),
    ("Jenin refugee camp", "PS"), ("Bakara market", None),  # not France's Baccarat
])
def test_a_facility_is_placed_at_the_town_it_is_named_after(
        surface: str, country: str | None) -> None:
    place = geocode(surface)
    assert (place.country_code if place else None) == country


@pytest.mark.parametrize(("surface", "kind"), [
    ("Supporters of opposition leader Ousmane Sonko", None),  # the political opposition
    ("opposition activists", None),
    ("opposition fighters", "rebel group"),
    ("the armed opposition", "rebel group"),
])
def test_the_political_opposition_is_no_rebel_group(surface: str, kind: str | None) -> None:
    assert canonical_actors(surface, ())[0].actor_type == kind
