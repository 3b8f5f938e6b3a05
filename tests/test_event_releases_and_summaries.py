"""Releases that sum up several operations, people captured by the police, arrests told again,
corrections and wanted lists, a state of siege, two people killed as "him and his bodyguard",
a count split in two spans, a town measured from far away, the wounded treated the next day,
tallies of a year, and weapons found and cleared. Spans are marked by hand, so these test the
reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.locations import geocode
from model.events.place_finder import find_place_spans
from model.events.triggers import not_event_reason
from tests.test_event_reading import A, C, D, L, read, triggered


def test_a_release_that_sums_up_several_operations_gives_each_its_own_event() -> None:
    text = ("Coalition Forces detain 9 suspects in operations targeting al-Qaeda in Iraq\n\n"
            "BAGHDAD, Iraq (July 20) - Coalition Forces detained 9 suspected terrorists during "
            "operations Thursday in central and northern Iraq.\n\nNear Baqubah, in Diyala "
            "province, the ground force detained a cell leader and four of his associates.\n\n"
            "In Mosul, Coalition Forces detained four suspects during a raid on a house.")
    events = read(text, (A, "Coalition Forces"), (C, "9 suspects"), (L, "Iraq"),
                  (L, "BAGHDAD"), (D, "July 20"), (C, "9 suspected terrorists"),
                  (D, "Thursday"), (L, "Baqubah"), (L, "Diyala province"),
                  (C, "a cell leader and four of his associates"), (L, "Mosul"),
                  (C, "four suspects"), published=dt.date(2007, 7, 20))
    assert sorted((e.locations[0].admin1, e.detained) for e in events) == [
        ("Diyala", 5), ("Nineveh", 4)]


def test_people_captured_by_the_police_and_associates_arrested_again() -> None:
    text = ("Seven members of the Clan del Golfo were captured by the National Police in "
            "Caucasia on Thursday.")
    (event,) = read(text, (C, "Seven members"), (A, "Clan del Golfo"), (A, "National Police"),
                    (L, "Caucasia"), (D, "Thursday"), published=dt.date(2023, 6, 3))
    assert (event.sub_event_type, event.detained) == ("Arrests", 7)
    text = ("Iraqi Police arrested a suspected militant and two of his associates Wednesday in "
            "Basrah. The two associates, who were at the house, were also arrested after "
            "police found bomb-making materials in a car.")
    (event,) = read(text, (A, "Iraqi Police"), (C, "a suspected militant"), (C, "two"),
                    (D, "Wednesday"), (L, "Basrah"), (C, "two associates"),
                    published=dt.date(2009, 10, 2))
    assert (event.sub_event_type, event.detained) == ("Arrests", 3)
    assert triggered("Police seized two pistols and six hand grenades.") == []
    assert triggered("They found bomb-making materials.") == []


def test_corrections_wanted_lists_and_plans_are_no_events() -> None:
    assert not_event_reason("Earlier information stating that two soldiers were wounded was "
                            "also incorrect.") == "false_claim"
    assert not_event_reason("A release incorrectly reported that rockets hit the base.") == (
        "false_claim")
    assert not_event_reason("The army retracted its report that gunmen had seized four "
                            "fishermen.") == "false_claim"
    assert not_event_reason("The army declared 12 rebel commanders wanted for attacks on "
                            "villages.") == "judicial"
    assert not_event_reason("The men were allegedly planning attacks on troops.") == "intent"
    assert triggered("police arrested five suspects, members of a cell planning attacks") == [
        "arrested"]


def test_a_state_of_siege_is_no_place() -> None:
    text = "Hours after the government decreed a 90-DAY STATE OF SIEGE, police raided offices."
    assert find_place_spans(text, []) == []


def test_him_and_his_bodyguard_are_two_dead() -> None:
    text = ("A bomb planted under the car of a Fatah official in Sidon exploded on Wednesday, "
            "killing him and his bodyguard.")
    (event,) = read(text, (A, "Fatah"), (L, "Sidon"), (D, "Wednesday"),
                    published=dt.date(2000, 3, 8))
    assert event.fatalities == 2


def test_a_count_the_tagger_split_in_two_counts_once() -> None:
    text = ("Three members of the Abu Sayyaf Group were killed in an encounter in Patikul on "
            "Tuesday. Pursuing troops recovered the bodies of three ASG members.")
    (event,) = read(text, (C, "Three members"), (A, "Abu Sayyaf Group"), (L, "Patikul"),
                    (D, "Tuesday"), (C, "three"), (C, "ASG"), published=dt.date(2018, 11, 8))
    assert event.fatalities == 3


def test_a_town_far_from_the_place_is_not_where_it_happened() -> None:
    text = ("Nine soldiers were killed when militants attacked a post in the Tillaberi region on "
            "Sunday. The assault targeted the post at Tondikiwindi, about 200 km north of the "
            "capital Niamey. \"Twenty-one terrorists were neutralised,\" the ministry said.")
    (event,) = read(text, (C, "Nine soldiers"), (A, "militants"), (L, "Tillaberi region"),
                    (D, "Sunday"), (L, "Tondikiwindi"), (L, "Niamey"),
                    (C, "Twenty-one terrorists"), published=dt.date(2021, 3, 22))
    assert (event.locations[0].admin1, event.fatalities) == ("Tillabéri", 30)


def test_the_wounded_treated_the_next_day_and_two_of_them_who_died() -> None:
    text = ("AT LEAST SEVEN POLICEMEN WERE KILLED AND FOUR OTHERS WOUNDED LAST NIGHT WHEN "
            "GUERRILLAS ATTACKED THE POLICE STATION IN HUANCAPI. THE WOUNDED POLICEMEN WERE "
            "FLOWN TO THE HOSPITAL IN AYACUCHO THIS MORNING. MEDICAL SOURCES REPORTED THAT TWO "
            "OF THEM DIED SHORTLY AFTER ARRIVAL.")
    (event,) = read(text, (C, "AT LEAST SEVEN POLICEMEN"), (C, "FOUR OTHERS"),
                    (D, "LAST NIGHT"), (A, "GUERRILLAS"), (L, "HUANCAPI"),
                    (C, "WOUNDED POLICEMEN"), (L, "AYACUCHO"), (D, "THIS MORNING"),
                    (C, "TWO OF"), published=dt.date(1989, 3, 12))
    assert (event.fatalities, event.injured) == (9, 2)
    assert event.date.date_start == dt.date(1989, 3, 11)


def test_tallies_and_fighting_that_did_not_happen() -> None:
    assert triggered("Police reported no new clashes on Friday.") == []
    text = ("Militant violence in Pakistan killed 1,524 people last year, a research group "
            "said. Khyber Pakhtunkhwa accounted for more than half of all fatalities. Of those "
            "killed, 508 were members of the security forces and 604 were militants. An "
            "official said the army had killed hundreds of militants in operations.")
    events = read(text, (L, "Pakistan"), (C, "1,524 people"), (D, "last year"),
                  (L, "Khyber Pakhtunkhwa"), (C, "508"), (C, "604"), (A, "army"),
                  (C, "hundreds of militants"), published=dt.date(2024, 1, 4))
    assert events == []


def test_a_name_known_abroad_is_a_home_town_by_another_spelling() -> None:
    place = geocode("Iskandariyah", prefer_countries=["IQ"])
    assert (place.country_code, place.admin1) == ("IQ", "Babil")


def test_weapons_found_and_cleared_and_an_untagged_morning() -> None:
    assert triggered("A patrol found and cleared a pressure-plate IED on a road.") == [
        "found and cleared a pressure-plate IED"]
    text = ("An IED struck a minibus in Maiwand, Kandahar province, yesterday, killing four "
            "civilians. Afghan forces detained two suspects in Kandahar city this morning.")
    events = read(text, (L, "Maiwand"), (L, "Kandahar province"), (D, "yesterday"),
                  (C, "four civilians"), (A, "Afghan forces"), (C, "two suspects"),
                  (L, "Kandahar city"), published=dt.date(2013, 3, 3))
    assert sorted((e.sub_event_type, str(e.date.date_start)) for e in events) == [
        ("Arrests", "2013-03-03"), ("Remote explosive/landmine/IED", "2013-03-02")]


def test_cattle_taken_debunked_strikes_and_a_report_issued_this_morning() -> None:
    text = ("Nine people were killed on Wednesday when armed youths raided a cattle camp in "
            "Jonglei state. Six people were wounded and about 300 head of cattle were taken.")
    (event,) = read(text, (C, "Nine people"), (D, "Wednesday"), (A, "armed youths"),
                    (L, "Jonglei state"), (C, "Six people"), (C, "about 300 head"),
                    published=dt.date(2020, 7, 16))
    assert (event.fatalities, event.injured) == (9, 6)
    assert not_event_reason("The government said reports of an air strike on the airport "
                            "were false.") == "false_claim"
    assert not_event_reason("Messages circulating on social media claiming that militants "
                            "attacked a bus.") == "false_claim"
    assert not_event_reason("This is the third attack on a police post in the department "
                            "since April.") == "statistics"
    text = ("GUERRILLAS ATTACKED THE CIVIL GUARD POST IN HUANCAPI AT ABOUT 2300 YESTERDAY. "
            "ACCORDING TO A COMMUNIQUE ISSUED THIS MORNING, FIVE POLICEMEN WERE KILLED. BEFORE "
            "FLEEING, THE GUERRILLAS DYNAMITED THE MUNICIPAL BUILDING.")
    (event,) = read(text, (A, "GUERRILLAS"), (L, "HUANCAPI"), (D, "YESTERDAY"),
                    (D, "THIS MORNING"), (C, "FIVE POLICEMEN"), published=dt.date(1989, 4, 14))
    assert (event.event_type, event.fatalities) == ("Battles", 5)
    assert event.date.date_start == dt.date(1989, 4, 13)


def test_a_suicide_bomber_counted_once_one_of_eleven_wounded_and_hours_later() -> None:
    text = ("A suicide bomber blew himself up at a police checkpoint in Dera Ismail Khan on "
            "Sunday, killing six policemen. \"Everything went white,\" said constable Rahim "
            "Gul, one of 11 people wounded in the blast. The bomber was also killed. Hours "
            "later, a roadside bomb struck a military vehicle in North Waziristan, wounding two "
            "soldiers.")
    first, second = read(text, (L, "Dera Ismail Khan"), (D, "Sunday"), (C, "six policemen"),
                         (C, "one of 11 people"), (L, "North Waziristan"), (C, "two soldiers"),
                         published=dt.date(2019, 11, 25))
    assert (first.fatalities, first.injured) == (7, 11)
    assert (second.fatalities, second.injured) == (0, 2)


def test_a_dateline_town_names_the_province_of_an_ambiguous_district() -> None:
    text = ("RAIPUR (Central India News Service) - Security forces shot dead three Maoist rebels "
            "in a gunfight in the forests of Bijapur district early on Tuesday, police said.")
    (event,) = read(text, (A, "Security forces"), (C, "three Maoist rebels"),
                    (L, "Bijapur district"), (D, "Tuesday"), published=dt.date(2024, 3, 19))
    assert event.locations[0].admin1 == "Chhattisgarh"
