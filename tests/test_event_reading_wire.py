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


@pytest.mark.parametrize(("text", "person"), [
    ("Salvadoran Attorney General Roberto Garcia Alvarado was killed today when a bomb "
     "exploded.", "Salvadoran Attorney General Roberto Garcia Alvarado"),
    ("Human rights activist Jane Doe was shot dead.", "Human rights activist Jane Doe"),
    ("Rebels entered the city. Ahmed Ali was killed in the fighting.", "Ahmed Ali"),
])
def test_one_person_by_title_and_name(text: str, person: str) -> None:
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == [person]


@pytest.mark.parametrize("text", [
    "Kurdistan Regional Government was killed off by the vote.",  # a group's name
    "Islamic State was defeated. Army General Staff was killed.",  # a group's name
])
def test_no_person_where_the_words_are_no_title_or_name(text: str) -> None:
    assert find_casualty_spans(text, []) == []


@pytest.mark.parametrize(("text", "marks", "counts"), [
    ("At least 12 people have been killed in clashes between herders and farmers in Plateau "
     "state since Friday, police said on Monday.",
     ((C, "At least 12 people"), (L, "Plateau state"), (D, "since Friday")), (12, 0, 0)),
    ("Security forces arrested 15 suspected members of the Islamic State in raids across "
     "Istanbul on Tuesday.", ((A, "Security forces"), (C, "15 suspected members"),
                              (L, "Istanbul"), (D, "Tuesday")), (0, 0, 15)),
    ("Fighting in Khartoum killed at least 25 civilians on Tuesday, a doctors' union said, "
     "bringing the death toll since April to more than 1,000.",
     ((L, "Khartoum"), (C, "at least 25 civilians"), (D, "Tuesday"), (C, "more than 1,000")),
     (25, 0, 0)),
    ("An air strike killed seven members of one family, including four children, in Idlib on "
     "Saturday.", ((C, "seven members"), (C, "one family"), (C, "four children"), (L, "Idlib"),
                   (D, "Saturday")), (7, 0, 0)),
    ("Unidentified assailants hacked to death a village chief and his wife in Ituri province "
     "overnight.", ((C, "Unidentified assailants"), (L, "Ituri province")), (2, 0, 0)),
    ("The bodies of five men were found in a ditch near Culiacan on Wednesday.",
     ((C, "five men"), (L, "Culiacan"), (D, "Wednesday")), (5, 0, 0)),
    ("At least 12 farmers were killed in an attack on a village in Borno state, and the death "
     "toll could rise as rescuers search for the missing.",
     ((C, "At least 12 farmers"), (L, "Borno state")), (12, 0, 0)),
    ("A roadside bomb killed two soldiers in Upper Dir district on Monday; no group has "
     "claimed responsibility yet.",
     ((C, "two soldiers"), (L, "Upper Dir district"), (D, "Monday")), (2, 0, 0)),
])
def test_one_incident_told_with_a_period_a_total_or_a_family(
        text: str, marks: tuple[tuple[str, str], ...], counts: tuple[int, int, int]) -> None:
    (event,) = read(text, *marks, published=PUBLISHED)
    assert (event.fatalities, event.injured, event.detained) == counts
    assert not event.cumulative


def test_bodies_recovered_after_a_flood_are_no_event() -> None:
    assert read("Rescuers recovered the bodies of five men after floods swept through Derna on "
                "Monday.", (C, "five men"), (L, "Derna"), (D, "Monday"),
                published=PUBLISHED) == []


@pytest.mark.parametrize(("text", "found"), [
    ("A Somali lawmaker from a regional parliament was killed in Mogadishu.",
     ["A Somali lawmaker"]),  # the parliament is no second victim
    ("An army man was killed by militants who broke into his house and shot him.",
     ["An army man"]),  # him is the man
    ("Gunmen stopped a woman on the road and shot her.", ["her"]),
    ("A District Reserve Guard (DRG) jawan was killed and three others were injured.",
     ["A District Reserve Guard (DRG) jawan", "three others"]),
    ("A gunman shot dead prominent Jordanian writer Nahed Hattar outside a court.",
     ["prominent Jordanian writer Nahed Hattar"]),
])
def test_who_the_finder_counts(text: str, found: list[str]) -> None:
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == found


def test_a_hostage_executed_is_killed_and_a_family_inside_a_count_is_no_more() -> None:
    (event,) = read("A teenage hostage was reportedly executed in Sulu on Monday.", (L, "Sulu"),
                    (D, "Monday"), published=PUBLISHED)
    assert (event.fatalities, event.detained) == (1, 0)
    (event,) = read("Four people, including a mother and her two children, were killed when a "
                    "vehicle hit a mine in Banki on Monday.", (C, "Four people"),
                    (C, "two children"), (L, "Banki"), (D, "Monday"), published=PUBLISHED)
    assert event.fatalities == 4


def test_an_accident_at_work_and_a_plan_executed_are_no_events() -> None:
    assert read("An engineer was killed while working at Waterloo station on Wednesday.",
                (L, "Waterloo station"), (D, "Wednesday"), published=PUBLISHED) == []
    assert read("The government executed a planned shutdown of public services during the "
                "outbreak; 81 people had lost their lives to measles by Sunday.",
                (C, "81 people"), (D, "Sunday"), published=PUBLISHED) == []
    (event,) = read("Militants executed two prisoners in Raqqa on Sunday.", (A, "Militants"),
                    (C, "two prisoners"), (L, "Raqqa"), (D, "Sunday"), published=PUBLISHED)
    assert event.fatalities == 2


def test_an_event_without_a_place_takes_the_country_of_the_group_that_acted() -> None:
    (event,) = read("Boko Haram jihadists attacked a military base, killing 3 soldiers.",
                    (A, "Boko Haram jihadists"), (C, "3 soldiers"), published=PUBLISHED)
    place = event.locations[0]
    assert (place.country_code, place.text, place.geo_precision) == ("NG", "Boko Haram", 3)
    (event,) = read("Gunmen killed a Turkish opposition politician's bodyguard on Monday.",
                    (A, "Gunmen"), (D, "Monday"), published=PUBLISHED)
    assert event.locations[0].country_code == "TR"  # a nationality in the sentence


def test_an_unknown_district_of_a_known_province_is_placed_in_the_province() -> None:
    from model.events.locations import geocode

    place = geocode("Nawa district", context_after=" of southern Helmand province")
    assert (place.country_code, place.admin1) == ("AF", "Helmand")  # not Cote d'Ivoire's Nawa
    place = geocode("Palma District", context_after=" of Cabo Delgado, Mozambique")
    assert (place.country_code, place.admin1) == ("MZ", "Cabo Delgado")


@pytest.mark.parametrize(("text", "marks", "counts"), [
    ("Boko Haram slit the throats of 4 farmers in an attack in Maiduguri.",
     ((C, "4 farmers"), (L, "Maiduguri")), (4, 0, 0)),
    ("Mortars hit slums in Bogota: 13 people, mostly homeless, die and 50 are wounded.",
     ((L, "Bogota"), (C, "13 people"), (C, "50")), (13, 50, 0)),
    ("Gunmen killed Younis and his assistant in southern Kirkuk.",
     ((A, "Gunmen"), (L, "Kirkuk")), (2, 0, 0)),
    ("Terrorists abducted a 17-year-old teenager and later shot him dead in Pulwama.",
     ((A, "Terrorists"), (L, "Pulwama")), (1, 0, 0)),
    ("Militants threw a firebomb into a house in Duma, killing 18-months-old Ali Saad.",
     ((A, "Militants"), (L, "Duma"), (C, "18-months-old Ali Saad")), (1, 0, 0)),
])
def test_more_ways_of_telling_the_dead(
        text: str, marks: tuple[tuple[str, str], ...], counts: tuple[int, int, int]) -> None:
    (event,) = read(text, *marks, published=PUBLISHED)
    assert (event.fatalities, event.injured, event.detained) == counts


def test_a_background_total_over_years_does_not_swell_the_incident() -> None:
    (event,) = read("Gunmen killed at least 12 people and kidnapped dozens in a raid on Kurmin "
                    "Kare village in Kaduna state overnight, police said on Tuesday. He said the "
                    "gunmen took away at least 30 people. Armed gangs have killed thousands of "
                    "people in northwest Nigeria in recent years.",
                    (A, "Gunmen"), (C, "at least 12 people"), (C, "dozens"),
                    (L, "Kurmin Kare village"), (L, "Kaduna state"), (D, "overnight"),
                    (A, "police"), (C, "at least 30 people"), (C, "thousands of people"),
                    (L, "northwest Nigeria"), published=PUBLISHED)
    assert (event.sub_event_type, event.fatalities, event.detained) == ("Attack", 12, 30)


def test_a_possessive_parent_gives_way_to_the_place_it_holds() -> None:
    (event,) = read("Israeli strike kills family in Gaza's Rafah. An Israeli air strike on a "
                    "house in Rafah killed eight members of one family on Saturday.",
                    (A, "Israeli"), (L, "Gaza"), (L, "Rafah"), (A, "Israeli"), (L, "Rafah"),
                    (C, "eight members"), (C, "one family"), (D, "Saturday"),
                    published=PUBLISHED)
    assert (event.locations[0].text, event.fatalities) == ("Rafah", 8)


def test_an_attack_that_hurt_people_is_no_interception() -> None:
    (event,) = read("A Russian drone attack on Odesa overnight injured 14 people. Ukraine's air "
                    "force said it shot down 29 of 31 drones.", (A, "Russian"), (L, "Odesa"),
                    (D, "overnight"), (C, "14 people"), (A, "air force"), published=PUBLISHED)
    assert (event.sub_event_type, event.injured) == ("Air/drone strike", 14)


def test_a_direction_that_is_part_of_a_name_and_an_unknown_region_with_a_nationality() -> None:
    from model.events.locations import geocode

    assert geocode("South Kivu province").admin1 == "South Kivu"  # not "Kivu", southern
    assert geocode("northern Helmand province").admin1 == "Helmand"
    (event,) = read("Two Chadian soldiers died when their vehicle hit a landmine in the Lake "
                    "Chad basin on Monday.", (C, "Two Chadian soldiers"),
                    (L, "Lake Chad basin"), (D, "Monday"), published=PUBLISHED)
    assert event.locations[0].country_code == "TD"  # the nationality, before the unknown place
    assert event.locations[1].text == "Lake Chad basin"


def test_a_raid_that_held_people_is_an_arrest_and_a_lynching_mob_violence() -> None:
    (event,) = read("Israeli forces arrested 14 Palestinians in overnight raids across the West "
                    "Bank, the army said on Friday.", (A, "Israeli forces"),
                    (C, "14 Palestinians"), (L, "West Bank"), (A, "army"), (D, "Friday"),
                    published=PUBLISHED)
    assert (event.sub_event_type, event.detained) == ("Arrests", 14)
    (event,) = read("A mob lynched two men accused of theft in a village in Bihar on Wednesday.",
                    (C, "two men"), (L, "Bihar"), (D, "Wednesday"), published=PUBLISHED)
    assert (event.sub_event_type, event.fatalities) == ("Mob violence", 2)


@pytest.mark.parametrize(("text", "marks", "killed"), [
    ("A bomb attack by Islamic State insurgents left an Iraqi Policeman dead and 2 others "
     "injured in Kirkuk.", ((L, "Kirkuk"),), 1),
    ("Masked miscreants killed Ananta Bijoy Das, 30, a blogger, in Sylhet town on Monday.",
     ((L, "Sylhet town"), (D, "Monday")), 1),
    ("Israel's tourism minister Rehavam Ze'evi is assassinated by three gunmen at a hotel in "
     "Jerusalem.", ((L, "Jerusalem"),), 1),
    ("Militants robbed a bank in Kasserine on Monday, and afterwards they killed a brother of "
     "Said Ghozlani (a soldier who was killed in 2016).", ((L, "Kasserine"), (D, "Monday"),
                                                           (D, "2016")), 1),
])
def test_one_person_by_an_age_a_present_passive_or_beside_an_old_date_in_an_aside(
        text: str, marks: tuple[tuple[str, str], ...], killed: int) -> None:
    (event,) = read(text, *marks, published=PUBLISHED)
    assert event.fatalities == killed


def test_an_armed_groups_country_places_a_name_other_countries_share() -> None:
    # Greece has towns named Chora; the Taliban's Afghanistan has the district Chorah
    (event,) = read("Taliban fighters killed four policemen in Chora district on Monday.",
                    (A, "Taliban fighters"), (C, "four policemen"), (L, "Chora district"),
                    (D, "Monday"), published=PUBLISHED)
    assert (event.locations[0].country_code, event.locations[0].admin1) == ("AF", "Uruzgan")


def test_two_subjects_of_one_passive_share_its_verb() -> None:
    (event,) = read("A village guard was killed and three other guards and one official were "
                    "slightly injured in an attack by PKK militants on Monday.",
                    (C, "A village guard"), (C, "three other guards"), (C, "one official"),
                    (A, "PKK militants"), (D, "Monday"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (1, 4)


def test_an_animal_is_no_casualty() -> None:
    assert find_casualty_spans("Militants threw a grenade at an army camp, killing a sniffer "
                               "dog.", []) == []
    text = "A bomb killed a soldier and wounded a dozen people."
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == [
        "a soldier", "a dozen people"]


def test_a_campaign_told_in_the_present_perfect_is_a_running_total() -> None:
    events = read("Two soldiers were killed by gunmen in Yala on Monday. Militants have been "
                  "targeting schools, killing over 200 people.", (C, "Two soldiers"),
                  (A, "gunmen"), (L, "Yala"), (D, "Monday"), (A, "Militants"),
                  (C, "over 200 people"), published=PUBLISHED)
    assert [e.fatalities for e in events] == [2]


@pytest.mark.parametrize(("text", "marks", "counts"), [
    ("A bomb killed two civilians and wounded nine others near the Supreme Court on Monday.",
     ((C, "two civilians"), (C, "nine others"), (L, "Supreme Court"), (D, "Monday")), (2, 9, 0)),
    ("A bomb aimed at a former minister killed his driver and a police officer in Bogota on "
     "Monday.", ((L, "Bogota"), (D, "Monday")), (2, 0, 0)),
    ("Militants ambushed a group of police officers leaving a mosque in Darzab on Monday, "
     "killing 10 of them.", ((C, "group of police officers"), (L, "Darzab"), (D, "Monday"),
                             (C, "10 of")), (10, 0, 0)),
    ("Militants ambushed a patrol boat in the delta on Monday, killing all 12 occupants.",
     ((L, "delta"), (D, "Monday"), (C, "all 12 occupants")), (12, 0, 0)),
    ("One person was killed while 15 others, including three policemen were seriously injured "
     "in a grenade attack in Srinagar on Monday.",
     ((C, "One person"), (C, "15 others"), (C, "three policemen"), (L, "Srinagar"),
      (D, "Monday")), (1, 15, 0)),
    ("Twelve people were killed in an attack in Cabo Delgado on Monday, with thousands of "
     "villagers fleeing into Tanzania.", ((C, "Twelve people"), (L, "Cabo Delgado"),
                                          (D, "Monday"), (C, "thousands of villagers"),
                                          (L, "Tanzania")), (12, 0, 0)),
    ("Militants attacked a base in Tahoua on Monday, killing five, wounding eleven, and "
     "kidnapping eight soldiers.", ((L, "Tahoua"), (D, "Monday"), (C, "five, wounding eleven"),
                                    (C, "eight soldiers")), (5, 11, 8)),
])
def test_counts_told_around_other_words(
        text: str, marks: tuple[tuple[str, str], ...], counts: tuple[int, int, int]) -> None:
    (event,) = read(text, *marks, published=PUBLISHED)
    assert (event.fatalities, event.injured, event.detained) == counts


def test_a_participle_and_its_agent_stand_between_a_person_and_the_verb() -> None:
    events = read("Gunmen kidnapped a civilian in Bandipora on Monday. Later, the person "
                  "kidnapped by the gunmen was found dead.", (A, "Gunmen"), (L, "Bandipora"),
                  (D, "Monday"), published=PUBLISHED)
    assert sum(e.fatalities for e in events) == 1


@pytest.mark.parametrize(("text", "marks"), [
    ("The broadcaster, who battled cancer for years, died on Friday in Texas.",
     ((D, "Friday"), (L, "Texas"))),
    ("The owner of a lion lodge near Pretoria was killed by his lions on Tuesday.",
     ((L, "Pretoria"), (D, "Tuesday"))),
    ("Researchers found a remote code execution flaw in the router on Monday.",
     ((D, "Monday"),)),
])
def test_no_incident_in_words_that_also_name_violence(
        text: str, marks: tuple[tuple[str, str], ...]) -> None:
    assert read(text, *marks, published=PUBLISHED) == []


@pytest.mark.parametrize("text", [
    "Around 300,000 people were killed in the conflict, during which he led the party.",
    "More than 250,000 people have been killed in the region, the agency said.",  # the count
])
def test_a_wars_toll_is_a_running_total(text: str) -> None:
    count = "Around 300,000 people" if text.startswith("Around") else "More than 250,000 people"
    assert read(text, (C, count), published=PUBLISHED) == []


@pytest.mark.parametrize(("text", "marks"), [
    ("Protest leaders in Khartoum said on Monday they would hold talks with the army.",
     ((L, "Khartoum"), (D, "Monday"), (A, "army"))),
    ("The army said on Monday it would send 500 more troops to Mindanao.",
     ((A, "army"), (D, "Monday"), (C, "500 more troops"), (L, "Mindanao"))),
    ("A bus overturned on a mountain road in Nepal on Tuesday, killing 14 passengers.",
     ((L, "Nepal"), (D, "Tuesday"), (C, "14 passengers"))),
])
def test_no_incident_in_plans_accidents_and_words_beside_protest(
        text: str, marks: tuple[tuple[str, str], ...]) -> None:
    assert read(text, *marks, published=PUBLISHED) == []


def test_mourners_are_not_counted_with_the_dead() -> None:
    events = read("Thousands of people attended the funeral in Baghdad on Friday of a cleric "
                  "killed in a bombing.", (C, "Thousands of people"), (L, "Baghdad"),
                  (D, "Friday"), published=PUBLISHED)
    assert all(e.fatalities == 0 for e in events)


def test_a_count_of_unclear_kind_beside_a_shooting_is_an_incident() -> None:
    (event,) = read("Unknown militants fatally shot two policemen in Quetta on Monday and fled.",
                    (C, "Unknown militants"), (C, "two policemen"), (L, "Quetta"), (D, "Monday"),
                    published=PUBLISHED)
    assert event.event_type is not None


def test_where_people_fled_to_is_not_where_it_happened() -> None:
    (event,) = read("Hundreds of villagers fled to Bangladesh after soldiers torched homes in "
                    "Rakhine state on Friday.", (C, "Hundreds of villagers"), (L, "Bangladesh"),
                    (A, "soldiers"), (L, "Rakhine state"), (D, "Friday"), published=PUBLISHED)
    assert event.locations[0].country_code == "MM"


@pytest.mark.parametrize(("text", "marks", "counts"), [
    ("A bomb killed at least 18 people including 8 civilians and 10 soldiers, and another 27 "
     "people were wounded in Semdinli on Monday.",
     ((C, "at least 18 people"), (C, "8 civilians"), (C, "10 soldiers"),
      (C, "another 27 people"), (L, "Semdinli"), (D, "Monday")), (18, 27, 0)),
    ("An ELN sniper shot and killed a Colombian soldier in Teorama on Monday.",
     ((A, "ELN sniper"), (A, "Colombian soldier"), (L, "Teorama"), (D, "Monday")), (1, 0, 0)),
    ("Militants attacked a village in Macomia on Monday, shooting dead a person and wounding "
     "another one.", ((A, "Militants"), (L, "Macomia"), (D, "Monday")), (1, 1, 0)),
    ("A guard who worked at the governor's palace was gunned down in Marrupa on Monday.",
     ((L, "Marrupa"), (D, "Monday")), (1, 0, 0)),
    ("A police sub-inspector was killed and a constable was injured in a gun battle with "
     "Maoists in Rajnandgaon on Monday.", ((C, "police sub-inspector"), (A, "Maoists"),
                                           (L, "Rajnandgaon"), (D, "Monday")), (1, 1, 0)),
    ("At least two women and a girl were killed and four others injured by a landmine in "
     "Bijapur on Monday.", ((C, "At least two women and a girl"), (C, "four others"),
                            (L, "Bijapur"), (D, "Monday")), (3, 4, 0)),
])
def test_counts_read_past_lists_alternatives_and_descriptions(
        text: str, marks: tuple[tuple[str, str], ...], counts: tuple[int, int, int]) -> None:
    (event,) = read(text, *marks, published=PUBLISHED)
    assert (event.fatalities, event.injured, event.detained) == counts


def test_either_of_two_fates_is_not_read_as_the_first() -> None:
    (event,) = read("20 policemen were killed and 17 others were either captured or wounded in "
                    "Farah on Monday.", (C, "20 policemen"), (C, "17 others"), (L, "Farah"),
                    (D, "Monday"), published=PUBLISHED)
    assert (event.fatalities, event.detained) == (20, 0)


@pytest.mark.parametrize(("text", "marks", "killed"), [
    ("Militants gunned down three workers in Balochistan on Friday, just days after a similar "
     "attack killed 10 labourers in the province.",
     ((A, "Militants"), (C, "three workers"), (L, "Balochistan"), (D, "Friday"),
      (C, "10 labourers")), 3),
    ("Gunmen killed two soldiers in Gao on Monday, a week after an ambush that killed 12 "
     "soldiers near Kidal.", ((A, "Gunmen"), (C, "two soldiers"), (L, "Gao"), (D, "Monday"),
                              (C, "12 soldiers"), (L, "Kidal")), 2),
])
def test_an_earlier_incident_told_as_the_setting_adds_nothing(
        text: str, marks: tuple[tuple[str, str], ...], killed: int) -> None:
    events = read(text, *marks, published=PUBLISHED)
    assert [e.fatalities for e in events] == [killed]


def test_a_person_is_read_in_its_own_sentence_not_from_the_one_before() -> None:
    text = ("A candidate was killed when a bomb exploded in his car in the city of Kandahar. "
            "Also in Kandahar, a police commander and his bodyguard were killed.")
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == [
        "A candidate", "a police commander and his bodyguard"]


def test_crowd_control_weapons_on_supporters_are_a_protest_met_by_force() -> None:
    (event,) = read("Police in Dhaka fired tear gas and rubber bullets to disperse thousands of "
                    "opposition supporters on Saturday; at least 30 were detained.",
                    (A, "Police"), (L, "Dhaka"), (C, "thousands of opposition supporters"),
                    (D, "Saturday"), (C, "at least 30"), published=PUBLISHED)
    assert (event.sub_event_type, event.detained) == ("Protest with intervention", 30)


def test_a_rally_someone_will_hold_is_no_event() -> None:
    assert read("The opposition will hold a rally in Managua on Sunday.", (L, "Managua"),
                (D, "Sunday"), published=PUBLISHED) == []


def test_rocket_fire_is_no_accident_and_where_it_came_from_is_not_where_it_hit() -> None:
    (event,) = read("Rockets fired from Syria hit the town of Kilis, killing three children. "
                    "Five other people were also wounded in the rocket fire.", (L, "Syria"),
                    (L, "Kilis"), (C, "three children"), (C, "Five other people"),
                    published=PUBLISHED)
    assert (event.fatalities, event.injured, event.locations[0].country_code) == (3, 5, "TR")


def test_a_border_is_a_reference_point() -> None:
    (event,) = read("A soldier was killed in a roadside bombing in the South Waziristan tribal "
                    "region near the Afghan border on Monday.", (C, "A soldier"),
                    (L, "South Waziristan tribal region"), (L, "Afghan border"), (D, "Monday"),
                    published=PUBLISHED)
    assert event.locations[0].country_code == "PK"
