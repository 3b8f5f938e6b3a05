"""Partitives of people just counted ("three of them children"), the wounded who died told by
"one of them", a suicide bomber a toll leaves out, restated dead, superseded first reports,
people fought rather than harmed, denials, warnings, recalled incidents, planned marches,
explosions that are no accident, and places where news was received or said. Spans are marked
by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.casualties import kind_rule
from model.events.dates import resolve_date
from model.events.locations import geocode
from model.events.triggers import lexicon, not_event_reason, target_type
from tests.test_event_reading import A, C, D, L, read, triggered


def test_a_partitive_inside_the_span_counts_no_one_more() -> None:
    text = ("Rockets hit a camp in Dikwa on Monday, killing seven villagers, three of them "
            "children, and wounding 15 others.")
    (event,) = read(text, (L, "Dikwa"), (D, "Monday"), (C, "seven villagers"),
                    (C, "three of them children"), (C, "15 others"))
    assert (event.fatalities, event.injured) == (7, 15)


def test_one_of_the_wounded_who_died_in_the_same_clause() -> None:
    text = ("Three policemen were wounded in an ambush near Tumaco on Friday, and one of them "
            "later died in hospital.")
    (event,) = read(text, (C, "Three policemen"), (L, "Tumaco"), (D, "Friday"),
                    (C, "one of them"))
    assert (event.fatalities, event.injured) == (1, 2)


def test_one_of_them_died_in_the_next_sentence() -> None:
    text = ("FIVE SOLDIERS WERE WOUNDED WHEN GUERRILLAS ATTACKED A PATROL NEAR SAN VICENTE ON "
            "MONDAY. ONE OF THEM, A SERGEANT, DIED THIS MORNING.")
    (event,) = read(text, (C, "FIVE SOLDIERS"), (A, "GUERRILLAS"), (L, "SAN VICENTE"),
                    (D, "MONDAY"), (C, "ONE OF"), (D, "THIS MORNING"))
    assert (event.fatalities, event.injured) == (1, 4)


def test_one_of_the_people_attacked_who_died_was_never_counted_wounded() -> None:
    text = ("A man with a knife attacked shoppers in a market in Leeds on Friday, and one of "
            "them died at the scene. Two other people were wounded.")
    (event,) = read(text, (L, "Leeds"), (D, "Friday"), (C, "one of them"),
                    (C, "Two other people"))
    assert (event.fatalities, event.injured) == (1, 2)


def test_a_suicide_bomber_the_toll_leaves_out_is_dead() -> None:
    text = ("A suicide bomber blew up a car at a checkpoint in Mogadishu on Tuesday, killing "
            "nine people, police said. The figure does not include the bomber.")
    (event,) = read(text, (L, "Mogadishu"), (D, "Tuesday"), (C, "nine people"))
    assert event.fatalities == 10
    assert kind_rule("the bomber", "The figure does not include ", ".")[0] == "killed"


def test_one_killed_and_another_dead_of_wounds_restate_the_two() -> None:
    text = ("Gunmen ambushed a National Guard patrol near Culiacan on Monday and two guardsmen "
            "were killed. One guardsman was killed at the scene and another died of his wounds "
            "in hospital.")
    (event,) = read(text, (A, "Gunmen"), (L, "Culiacan"), (D, "Monday"),
                    (C, "two guardsmen"), (C, "One guardsman"))
    assert event.fatalities == 2


def test_a_first_report_superseded_by_more_bodies_found() -> None:
    text = ("SHINING PATH GUERRILLAS MURDERED 8 PEASANTS IN THE COMMUNITY OF ACOS ON THURSDAY. "
            "INITIAL REPORTS SPOKE OF 6 DEAD, BUT A PATROL THAT REACHED THE VILLAGE FOUND TWO "
            "MORE BODIES.")
    (event,) = read(text, (A, "SHINING PATH GUERRILLAS"), (C, "8 PEASANTS"), (L, "ACOS"),
                    (D, "THURSDAY"), (C, "6 DEAD"), (C, "TWO MORE BODIES"))
    assert event.fatalities == 8
    assert event.event_type == "Violence against civilians"  # peasants are civilians
    assert target_type(next(e for e in lexicon().entries if e.id == "attack"),
                       "13 peasants") == ("Violence against civilians", "Attack")


def test_people_fought_are_not_hurt() -> None:
    assert kind_rule("some 20 Abu Sayyaf members", "One soldier was killed and four others "
                     "were wounded as troops clashed with ", " in Patikul.")[1] == "not_harmed"
    assert kind_rule("Around 400 demonstrators", "", ", many of them women holding photographs "
                     "of sons they say were taken away by agents, had gathered on the road "
                     "on Monday.")[1] == "not_harmed"


def test_denials_warnings_and_recalled_incidents_are_no_events() -> None:
    assert not_event_reason("The ministry categorically dismisses claims circulated online that "
                            "rebels overran a base and killed 40 soldiers.") == "false_claim"
    assert not_event_reason("No attack took place on the base.") == "false_claim"
    assert not_event_reason("Anyone found violating the curfew will be arrested.") == "intent"
    assert not_event_reason("Police charged with batons to break up a sit-in, arresting 23 "
                            "people.") is None  # batons, not a court
    text = ("Bamenda, 27 September 2019\n\nA curfew is instituted in Mezam division from 28 "
            "September 2019 until further notice.\n\nThe population is reminded that the same "
            "groups killed three gendarmes during the last lockdown in Batibo.")
    assert read(text, (L, "Bamenda"), (D, "27 September 2019"), (L, "Mezam"),
                (D, "28 September 2019"), (C, "three gendarmes"), (L, "Batibo"),
                published=dt.date(2019, 9, 27)) == []


def test_words_that_name_no_incident_of_their_own() -> None:
    assert triggered("Security forces arrested 14 activists a day before planned marches.") == [
        "arrested"]
    assert triggered("Agents in riot gear blocked their path.") == []
    assert triggered('"Every car bomb in a market takes us back years."') == []
    assert triggered("Officials gave no casualty figures for the recent clashes.") == []


def test_a_day_told_against_a_later_one_and_a_state_since_a_month() -> None:
    assert resolve_date("Tuesday, a day before", published=dt.date(2022, 3, 9)).start == dt.date(
        2022, 3, 8)
    text = ("NATIONAL POLICE AGENTS YESTERDAY BROKE UP A MARCH BY 600 WORKERS IN SAN SALVADOR AND "
            "ARRESTED 23 PERSONS. THE MARCHERS WERE DEMANDING THE RELEASE OF UNIONISTS HELD "
            "SINCE SEPTEMBER WHEN AGENTS IN RIOT GEAR BLOCKED THEIR PATH, AND FOUR MARCHERS WERE "
            "INJURED.")
    (event,) = read(text, (A, "NATIONAL POLICE AGENTS"), (D, "YESTERDAY"), (L, "SAN SALVADOR"),
                    (C, "23 PERSONS"), (D, "SEPTEMBER"), (C, "FOUR MARCHERS"),
                    published=dt.date(1989, 10, 11))
    assert (event.event_type, event.injured, event.detained) == ("Protests", 4, 23)
    assert event.date.date_start == dt.date(1989, 10, 10)


def test_a_car_packed_with_explosives_that_set_fire_to_cars_is_no_accident() -> None:
    text = ("A CAR PACKED WITH 60 KILOGRAMS OF EXPLOSIVES BLEW UP IN THE MARKET OF TRIPOLI THIS "
            "MORNING, KILLING NINE PEOPLE. THE BLAST SET FIRE TO SEVERAL CARS.")
    (event,) = read(text, (L, "TRIPOLI"), (D, "THIS MORNING"), (C, "NINE PEOPLE"),
                    published=dt.date(1986, 11, 5))
    assert (event.sub_event_type, event.fatalities) == ("Remote explosive/landmine/IED", 9)


def test_where_news_was_received_or_said_is_not_where_it_happened() -> None:
    text = ("GUERRILLAS RAIDED THE COMMUNITY OF CCANCCAYLLO, HUANTA PROVINCE, ON MONDAY AND "
            "MURDERED 13 PEASANTS, ACCORDING TO A REPORT RECEIVED IN LIMA THIS MORNING.")
    (event,) = read(text, (A, "GUERRILLAS"), (L, "CCANCCAYLLO"), (L, "HUANTA PROVINCE"),
                    (D, "MONDAY"), (C, "13 PEASANTS"), (L, "LIMA"), (D, "THIS MORNING"),
                    published=dt.date(1984, 8, 14))
    assert event.locations[0].admin1 == "Ayacucho"
    text = ("SIX PEOPLE WERE KILLED YESTERDAY IN FIGHTING NEAR PIETERMARITZBURG, A POLICE "
            "SPOKESMAN SAID IN PRETORIA TODAY.")
    (event,) = read(text, (C, "SIX PEOPLE"), (D, "YESTERDAY"), (L, "PIETERMARITZBURG"),
                    (L, "PRETORIA"), (D, "TODAY"), published=dt.date(1990, 3, 28))
    assert event.locations[0].name == "Pietermaritzburg"


def test_a_place_only_like_a_name_outside_its_stated_parent_is_not_it() -> None:
    assert geocode("CCOCHAPAMPA", context_after=", HUANTA PROVINCE, AYACUCHO DEPARTMENT",
                   prefer_countries=["PE"]) is None  # not Cashapampa, Ancash
    natal = geocode("NATAL", prefer_countries=["ZA"])
    assert (natal.country_code, natal.admin1) == ("ZA", "KwaZulu-Natal")
    assert geocode("Natal", prefer_countries=["BR"]).country_code == "BR"
