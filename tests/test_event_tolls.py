"""Long wire stories: a toll updated or restated later, tallies of a war told at the end, who
attacked and who was only meant to be harmed, and places people were taken to. Spans are
marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.casualties import casualty_kind, counts_things, parse_quantity
from model.events.casualty_finder import find_casualty_spans
from model.types import Span
from tests.test_event_reading import A, C, D, L, read

PUBLISHED = dt.date(2024, 2, 14)  # a Wednesday


def _killed(events: list) -> int:
    return sum(e.fatalities for e in events if not e.cumulative)


def test_a_toll_that_rose_replaces_the_first_count() -> None:
    events = read("Russian missiles struck Kharkiv early on Wednesday, killing four people. "
                  "Officials initially reported four dead, but the toll rose to six after "
                  "rescuers pulled two more bodies from the rubble.",
                  (L, "Kharkiv"), (D, "Wednesday"), (C, "four people"), (C, "four dead"),
                  published=PUBLISHED)
    assert len(events) == 1
    assert events[0].fatalities == 6


def test_a_toll_updated_on_a_later_day_stays_with_its_incident() -> None:
    events = read("Rebels killed 22 people in an attack on a village in North Kivu on Saturday. "
                  "Search teams found 20 more bodies on Monday, bringing the toll to 42. "
                  "Eleven people were wounded.",
                  (A, "Rebels"), (C, "22 people"), (L, "North Kivu"), (D, "Saturday"),
                  (C, "20 more bodies"), (D, "Monday"), (C, "Eleven people"),
                  published=PUBLISHED)
    assert len(events) == 1
    assert (events[0].fatalities, events[0].injured) == (42, 11)
    assert events[0].date.date_start == dt.date(2024, 2, 10)  # the attack's Saturday


def test_a_death_toll_counts_the_dead_whatever_cue_is_nearer() -> None:
    assert casualty_kind("12", "The death toll from the bombing rose to ",
                         " as hospitals treated dozens of wounded.")[0] == "killed"


def test_a_war_tally_at_the_end_of_a_story_is_no_part_of_its_incident() -> None:
    text = ("Two Israeli civilians were killed when a rocket hit a house near Kiryat Shmona on "
            "Monday. The rocket was one of about 15 launched. The two people killed were "
            "working in a shed. More than 300 Hezbollah fighters and about 70 civilians have "
            "been killed in Lebanon, according to tallies.")
    events = read(text, (C, "Two Israeli civilians"), (L, "Kiryat Shmona"), (D, "Monday"),
                  (C, "More than 300 Hezbollah fighters"), (C, "about 70 civilians"),
                  (L, "Lebanon"), published=PUBLISHED)
    assert _killed(events) == 2


def test_thousands_killed_in_a_war_is_a_running_total() -> None:
    events = read("Tens of thousands of people were killed during the 2014-2017 war against "
                  "the group.", (C, "Tens of thousands of people"), published=PUBLISHED)
    assert all(e.cumulative for e in events)


def test_a_harm_meant_or_attempted_counts_nobody() -> None:
    text = "A suicide bomber attempted to kill the British ambassador to Yemen."
    assert find_casualty_spans(text, []) == []
    assert casualty_kind("two judges", "The gunmen tried to kill ", ".")[0] == "killed_or_injured"


def test_what_the_killer_did_next_does_not_make_the_dead_the_attackers() -> None:
    (event,) = read("An Afghan policeman shot dead at least eight fellow officers, burned their "
                    "bodies and took their weapons.", (C, "at least eight fellow officers"),
                    published=PUBLISHED)
    assert event.fatalities == 8


def test_the_attackers_counted_before_staged_are_not_the_dead() -> None:
    (event,) = read("A team of 30 to 50 militants staged a raid on an army checkpoint, killing "
                    "13 soldiers.", (C, "30 to 50 militants"), (C, "13 soldiers"),
                    published=PUBLISHED)
    assert event.fatalities == 13


@pytest.mark.parametrize(("span", "count"), [
    ("commander of militants", 1), ("the head of the district's police", 1),
    ("leaders of rebels", 10),
])
def test_one_person_of_a_group_is_one(span: str, count: int) -> None:
    assert parse_quantity(span, people=True).min == count


def test_blasts_counted_are_no_people() -> None:
    (event,) = read("Two blasts occurred at crowded intersections in Hyderabad, killing 17 and "
                    "injuring more than 100 others.", (C, "Two"), (L, "Hyderabad"), (C, "17"),
                    (C, "more than 100 others"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (17, 101)


def test_motorbikes_seized_are_no_dead() -> None:
    (event,) = read("The army repelled the assailants, 21 of whom were killed, and said 18 "
                    "motorbikes had been seized.", (C, "21 of"), (C, "18"), published=PUBLISHED)
    assert event.fatalities == 21


def test_killed_and_wounded_on_one_subject_is_no_one_kind() -> None:
    (event,) = read("Six Kurdish Peshmerga were killed and wounded when a bomb went off west of "
                    "Kirkuk.", (C, "Six Kurdish Peshmerga"), (L, "Kirkuk"), published=PUBLISHED)
    assert event.fatalities == 0  # the learned kind model does not decide it either


def test_leaving_him_shot_dead_is_one_killed() -> None:
    (event,) = read("A militant attacked a Shia notable in Wah Cantonment, leaving him shot "
                    "dead.", (L, "Wah Cantonment"), published=PUBLISHED)
    assert event.fatalities == 1


def test_people_left_missing_after_a_coordinated_subject_are_not_counted() -> None:
    (event,) = read("Boko Haram militants attacked a base in Borno State leaving 18 soldiers dead "
                    "and at least 157 soldiers and police officers were left missing.",
                    (A, "Boko Haram militants"), (L, "Borno State"), (C, "18 soldiers"),
                    (C, "at least 157 soldiers"), published=PUBLISHED)
    assert event.fatalities == 18


def test_the_dead_named_again_as_a_plural_are_not_ten_more() -> None:
    (event,) = read("Two suspected militants and a soldier were killed in a gunfight in Kupwara "
                    "on Monday. Police said the dead militants had not yet been identified.",
                    (C, "Two suspected militants"), (C, "a soldier"), (L, "Kupwara"),
                    (D, "Monday"), (C, "dead militants"), published=PUBLISHED)
    assert event.fatalities == 3


def test_people_fired_on_are_not_counted_as_harmed() -> None:
    (event,) = read("Police opened fire on hundreds of people protesting in Bokkos on Monday, "
                    "killing two protesters.", (A, "Police"), (C, "hundreds of people"),
                    (L, "Bokkos"), (D, "Monday"), (C, "two protesters"), published=PUBLISHED)
    assert event.fatalities == 2


@pytest.mark.parametrize("where", ["taken to Medina hospital", "evacuated to Niamey"])
def test_where_the_wounded_were_taken_is_not_where_it_happened(where: str) -> None:
    place = where.split(" to ")[1]
    events = read(f"A bomb exploded in Mogadishu on Saturday, killing seven civilians. At least "
                  f"17 people were wounded and {where}.", (L, "Mogadishu"), (D, "Saturday"),
                  (C, "seven civilians"), (C, "At least 17 people"), (L, place),
                  published=PUBLISHED)
    assert len(events) == 1
    assert (events[0].fatalities, events[0].injured) == (7, 17)
    assert place not in [loc.text for loc in events[0].locations]


def test_a_role_after_a_nationality_is_found() -> None:
    text = ("The Burundian environment minister was shot dead in Bujumbura. A police spokesman "
            "said a woman was arrested.")
    found = find_casualty_spans(text, [Span(start=4, end=13, label="LOCATION")])
    assert [text[s.start:s.end] for s in found] == ["environment minister", "a woman"]


@pytest.mark.parametrize("text", [
    "Police arrested three men in Pulwama on Friday and recovered two pistols and a grenade.",
    "Counter-terrorism police detained four suspects in Peshawar on Monday. A suicide vest and "
    "two hand grenades were recovered from the house.",
])
def test_weapons_seized_name_no_attack(text: str) -> None:
    events = read(text, published=PUBLISHED)
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_a_weapon_found_after_a_relative_clause_still_names_the_attack() -> None:
    (event,) = read("Seventeen people were killed when a booby trapped corpse of a man who had "
                    "been kidnapped days before was found near Koro.", (C, "Seventeen people"),
                    (L, "Koro"), published=PUBLISHED)
    assert event.sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(("text", "sub"), [
    ("A coalition air weapons team killed two insurgents in Zhari district on Monday.",
     "Air/drone strike"),
    ("An Afghan and coalition patrol found a cache of 40 pressure-plate triggers in Maiwand "
     "district on Monday.", "Disrupted weapons use"),
])
def test_press_release_words_for_air_strikes_and_caches(text: str, sub: str) -> None:
    events = read(text, published=PUBLISHED)
    assert [e.sub_event_type for e in events] == [sub]


def test_troops_neutralised_count_as_killed() -> None:
    (event,) = read("The army said 14 assailants were neutralised in the counter-attack near "
                    "Djibo on Sunday.", (C, "14 assailants"), (L, "Djibo"), (D, "Sunday"),
                    published=PUBLISHED)
    assert event.fatalities == 14


def test_the_dead_broken_down_after_included_add_nothing() -> None:
    (event,) = read("A car bomb killed 12 people and wounded 30 in Baghdad on Sunday. The 12 "
                    "dead included three women and a traffic policeman.", (C, "12 people"),
                    (C, "30"), (L, "Baghdad"), (D, "Sunday"), (C, "three women"),
                    (C, "a traffic policeman"), published=PUBLISHED)
    assert event.fatalities == 12


def test_an_additional_count_is_its_number() -> None:
    (event,) = read("At least two people were killed and an additional 25 were injured when a "
                    "car bomb went off in Azaz.", (C, "At least two people"),
                    (C, "additional 25"), (L, "Azaz"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (2, 25)


def test_a_span_with_no_count_gives_way_to_the_person_found_around_it() -> None:
    (event,) = read("Afghan and coalition forces captured a senior Taliban leader in Logar "
                    "province on Thursday.", (A, "Afghan and coalition forces"),
                    (C, "senior Taliban"), (L, "Logar province"), (D, "Thursday"),
                    published=PUBLISHED)
    assert event.detained == 1


@pytest.mark.parametrize("text", [
    "In the first half of this year his office received more than 400 complaints of arbitrary "
    "arrests and torture.",
    "Human rights groups said most complaints of extrajudicial executions come from the "
    "emergency zones.",
])
def test_incidents_told_in_general_are_no_events(text: str) -> None:
    assert read(text, published=PUBLISHED) == []


def test_a_plural_verb_with_its_object_is_an_incident() -> None:
    events = read("Werner S. attacks Andreas Hollstein, the mayor of Altena, with a knife.",
                  (L, "Altena"), published=PUBLISHED)
    assert len(events) == 1


def test_a_denial_of_reports_is_no_event() -> None:
    assert read("Ukraine's armed forces on Tuesday denied reports circulating on social media "
                "that soldiers had detained two foreign journalists near Bakhmut.",
                (C, "two foreign journalists"), (L, "Bakhmut"), published=PUBLISHED) == []


def test_this_city_is_the_datelines_city() -> None:
    text = ("SAN SALVADOR, 14 MAR 90 (RADIO) -- [TEXT] A NIGHT WATCHMAN WAS KILLED WHEN A BOMB "
            "EXPLODED LAST NIGHT IN THE SAN MIGUELITO NEIGHBORHOOD OF THIS CAPITAL.")
    (event,) = read(text, (L, "SAN SALVADOR"), (D, "14 MAR 90"), (D, "LAST NIGHT"),
                    (L, "SAN MIGUELITO"), published=dt.date(1990, 3, 14))
    assert event.locations[0].country_code == "SV"


def test_a_wounded_man_who_died_later_moves_to_the_dead() -> None:
    (event,) = read("Insurgents attacked a combat outpost in Watapur district yesterday. Five "
                    "insurgents were killed and a coalition service member was wounded. The "
                    "coalition service member later died of wounds sustained in the attack.",
                    (A, "Insurgents"), (L, "Watapur district"), (D, "yesterday"),
                    (C, "Five insurgents"), (C, "a coalition service member"),
                    published=PUBLISHED)
    assert (event.fatalities, event.injured) == (6, 0)


def test_one_of_the_injured_who_died_is_one() -> None:
    (event,) = read("Three soldiers were killed and two others injured when a bomb hit their "
                    "vehicle near Turbat on Wednesday. One of the injured soldiers later died of "
                    "his wounds.", (C, "Three soldiers"), (C, "two others"), (L, "Turbat"),
                    (D, "Wednesday"), (C, "injured soldiers"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (4, 1)


@pytest.mark.parametrize(("text", "agreement"), [
    ("Ceasefire talks between Israel and Hamas ended a second day in Cairo on Friday without a "
     "breakthrough.", False),
    ("Government and rebel negotiators will meet in Oslo next month to discuss a return to peace "
     "talks.", False),
    ("The army and the rebels agreed on Friday to a ceasefire in Blue Nile state.", True),
    ("A truce brokered by Qatar took effect in Gaza on Friday.", True),
])
def test_a_ceasefire_is_an_agreement_only_when_agreed(text: str, agreement: bool) -> None:
    subs = [e.sub_event_type for e in read(text, published=PUBLISHED)]
    assert ("Agreement" in subs) is agreement


def test_a_share_is_no_count_of_people() -> None:
    assert counts_things("", "% of the casualties were women")
    assert counts_things("", " percent of those killed")
    assert not counts_things("", " people were killed")


def test_a_count_over_the_year_is_a_running_total() -> None:
    events = read("The report said at least 19 civilians had been killed in air strikes during "
                  "the year.", (C, "at least 19 civilians"), published=PUBLISHED)
    assert all(e.cumulative for e in events)


def test_a_village_stormed_and_the_attack_told_later_are_one_event() -> None:
    events = read("Fighters stormed a village in North Darfur state on Sunday, killing 27 people. "
                  "The attack on Um Sunta began at dawn when fighters surrounded the village and "
                  "opened fire.", (A, "Fighters"), (L, "North Darfur state"), (D, "Sunday"),
                  (C, "27 people"), (L, "Um Sunta"), (A, "fighters"), published=PUBLISHED)
    assert len(events) == 1
    assert events[0].fatalities == 27


def test_the_day_a_report_was_made_yields_to_the_incidents_own() -> None:
    events = read("Gunmen abducted 43 people in Zamfara state, police said on Tuesday. The "
                  "gunmen kidnapped them in Dan Kurmi village late on Saturday.", (A, "Gunmen"),
                  (C, "43 people"), (L, "Zamfara state"), (D, "Tuesday"), (L, "Dan Kurmi"),
                  (D, "late on Saturday"), published=PUBLISHED)
    assert len(events) == 1
    assert events[0].date.date_start == dt.date(2024, 2, 10)


def test_an_explosives_laden_vehicle_is_an_explosive_device() -> None:
    (event,) = read("Two police officers were killed and nine people, including four civilians, "
                    "wounded when an explosives-laden motorcycle blew up in Corinto on Monday.",
                    (C, "Two police officers"), (C, "nine people"), (C, "four civilians"),
                    (L, "Corinto"), (D, "Monday"), published=PUBLISHED)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert (event.fatalities, event.injured) == (2, 9)


@pytest.mark.parametrize("text", [
    "The military has increasingly relied on air power as it loses ground to armed groups.",
    "The group has in the past accused government forces of shelling areas under its control.",
])
def test_a_state_of_things_is_no_event(text: str) -> None:
    assert [e for e in read(text, published=PUBLISHED)
            if e.event_type == "Battles"] == []


def test_the_agents_named_by_a_column_of_are_not_the_dead() -> None:
    (event,) = read("FOURTEEN PEASANTS WERE MURDERED ON 7 OCTOBER BY A COLUMN OF APPROXIMATELY 40 "
                    "SHINING PATH TERRORISTS IN CONCEPCION PROVINCE.", (C, "FOURTEEN PEASANTS"),
                    (D, "7 OCTOBER"), (C, "40 SHINING PATH TERRORISTS"),
                    (L, "CONCEPCION PROVINCE"), published=dt.date(1989, 10, 9))
    assert event.fatalities == 14


def test_attackers_named_with_their_group_in_brackets_are_not_the_wounded() -> None:
    (event,) = read("SIX POLICEMEN WERE KILLED LAST NIGHT WHEN ABOUT 150 GUERRILLAS OF THE "
                    "REVOLUTIONARY ARMED FORCES OF COLOMBIA (FARC) ATTACKED THE POLICE STATION OF "
                    "PUERTO LLERAS WITH DYNAMITE, GRENADES AND RIFLES.", (C, "SIX POLICEMEN"),
                    (D, "LAST NIGHT"), (C, "ABOUT 150 GUERRILLAS"), (L, "PUERTO LLERAS"),
                    published=dt.date(1990, 6, 19))
    assert (event.fatalities, event.injured) == (6, 0)
    assert event.sub_event_type != "Grenade"  # one of the arms of an armed attack


def test_the_dead_named_after_their_count_are_not_more_dead() -> None:
    (event,) = read("TWO ALLEGED SUBVERSIVES WERE KILLED YESTERDAY DURING A SHOOTOUT IN GUAYAQUIL. "
                    "THE TWO DEAD, A MAN AND A WOMAN, HAVE NOT YET BEEN IDENTIFIED.",
                    (C, "TWO ALLEGED SUBVERSIVES"), (D, "YESTERDAY"), (L, "GUAYAQUIL"),
                    (C, "TWO DEAD"), published=dt.date(1990, 8, 30))
    assert event.fatalities == 2
    assert event.sub_event_type == "Armed clash"  # a shootout


def test_a_time_of_day_is_no_year() -> None:
    events = read("THE GUERRILLAS SURROUNDED THE TOWN AT 2000 AND ATTACKED THE STATION, KILLING "
                  "SIX POLICEMEN.", (A, "GUERRILLAS"), (D, "2000"), (C, "SIX POLICEMEN"),
                  published=dt.date(1990, 6, 19))
    assert [e.date.date_start.year for e in events if e.date] != [2000]


def test_a_radio_station_that_names_no_place_is_a_dateline() -> None:
    (event,) = read("(CLANDESTINE), 16 MAY 90 (RADIO VENCEREMOS) -- [TEXT] THREE CIVILIANS WERE "
                    "KILLED YESTERDAY AFTERNOON WHEN AIRCRAFT OF THE AIR FORCE BOMBED THE CANTON "
                    "OF SAN ANTONIO, IN THE JURISDICTION OF SUCHITOTO, CUSCATLAN DEPARTMENT.",
                    (D, "16 MAY 90"), (C, "THREE CIVILIANS"), (D, "YESTERDAY AFTERNOON"),
                    (L, "CANTON"), (L, "SAN ANTONIO"), (L, "SUCHITOTO"),
                    (L, "CUSCATLAN DEPARTMENT"), published=dt.date(1990, 5, 16))
    assert event.date.date_start == dt.date(1990, 5, 15)
    assert event.locations[0].country_code == "SV"
    assert {loc.country_code for loc in event.locations} <= {"SV", None}  # "CANTON": a level word


@pytest.mark.parametrize(("text", "marks", "killed"), [
    ("The decapitated bodies of two brothers kidnapped by militants were found on Saturday in "
     "Rafah.", ((L, "Rafah"),), 2),
    ("Islamic State burned eight people alive in Kirkuk province.",
     ((C, "eight people"), (L, "Kirkuk province")), 8),
    ("Six villagers were all found dead with machete wounds in Palma district on Monday.",
     ((L, "Palma district"), (D, "Monday")), 6),
    ("Three soldiers, who were heavily injured in an attack in Sirnak province on Tuesday, have "
     "succumbed to their injuries.", ((C, "Three soldiers"), (L, "Sirnak province")), 3),
])
def test_the_dead_found_burned_or_succumbed(text: str, marks: tuple, killed: int) -> None:
    events = read(text, *marks, published=PUBLISHED)
    assert sum(e.fatalities for e in events) == killed


def test_killing_and_injuring_one_group_is_no_one_kind() -> None:
    (event,) = read("A patrol struck a roadside bomb in Orakzai, killing and injuring five "
                    "soldiers.", (L, "Orakzai"), (C, "five soldiers"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (0, 0)


def test_an_incident_years_ago_is_background() -> None:
    events = read("In the town of San Miguel, where gunmen massacred 14 people at a bar five "
                  "years ago, the mayoral candidate campaigns with a bulletproof vest.",
                  (L, "San Miguel"), (C, "14 people"), published=PUBLISHED)
    assert events == []


def test_fighting_that_goes_on_is_no_incident() -> None:
    assert read("The military says the rebels have been weakened, but clashes continue in "
                "rural areas.", published=PUBLISHED) == []


def test_assault_rifles_seized_are_no_assault() -> None:
    (event,) = read("State police arrested seven men and seized four assault rifles in Navolato "
                    "on Thursday.", (A, "State police"), (C, "seven men"), (L, "Navolato"),
                    (D, "Thursday"), published=PUBLISHED)
    assert event.sub_event_type == "Arrests"


def test_a_weapon_opening_the_news_after_a_dateline_is_no_name() -> None:
    (event,) = read("KRAMATORSK (Global Wire) – Shelling of a residential area in "
                    "Kostiantynivka killed two civilians on Wednesday.", (L, "Kostiantynivka"),
                    (C, "two civilians"), (D, "Wednesday"), published=PUBLISHED)
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_the_wounded_man_detained_is_detained() -> None:
    (event,) = read("Forces killed an insurgent and wounded another in Panjwai district last "
                    "night. The wounded insurgent was detained and treated by medics.",
                    (C, "an insurgent"), (C, "another"), (L, "Panjwai district"),
                    (D, "last night"), (C, "wounded insurgent"), published=PUBLISHED)
    assert (event.fatalities, event.injured, event.detained) == (1, 1, 1)
