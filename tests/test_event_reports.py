"""Patterns of press releases, wire briefs and long wire stories from many countries: the dead
of both sides, tolls named in other words, the wounded who died, protests met with force, days
still to come, weapons listed as found, places people come from, and towns placed inside the
provinces a story names. Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.assembly import extract_events
from model.events.casualties import casualty_kind, parse_quantity
from model.events.casualty_finder import find_casualty_spans
from model.events.locations import geocode
from model.events.triggers import find_triggers
from tests.test_event_reading import A, C, D, L, read, spans_in

PUBLISHED = dt.date(2024, 2, 14)  # a Wednesday


def test_the_dead_of_the_other_side_add_to_the_toll() -> None:
    (event,) = read("Suspected jihadists killed a soldier in an attack on an army post near "
                    "Mopti on Friday. Four of the assailants were neutralised during the "
                    "fighting, the army said.",
                    (A, "Suspected jihadists"), (C, "a soldier"), (L, "Mopti"), (D, "Friday"),
                    (C, "Four of"), published=PUBLISHED)
    assert event.fatalities == 5


def test_the_dead_of_one_side_told_again_are_not_added() -> None:
    (event,) = read("A roadside bomb killed four soldiers in Kandahar on Monday. The four "
                    "soldiers were killed when their vehicle struck the device.",
                    (C, "four soldiers"), (L, "Kandahar"), (D, "Monday"),
                    (C, "The four soldiers"), published=PUBLISHED)
    assert event.fatalities == 4


def test_a_person_named_in_apposition_is_found_and_his_home_is_not_the_place() -> None:
    text = ("Troops killed four militants near Mir Ali on Monday. A soldier, Sepoy Ali Khan, 24, "
            "of Karak District, was martyred in the firefight.")
    assert "A soldier" in [text[s.start:s.end] for s in find_casualty_spans(text, [])]
    (event,) = read(text, (C, "four militants"), (L, "Mir Ali"), (D, "Monday"),
                    (L, "Karak District"), published=PUBLISHED)
    assert event.fatalities == 5
    assert "Karak District" not in [loc.text for loc in event.locations]


def test_a_man_beaten_to_death_by_villagers_is_mob_violence() -> None:
    (event,) = read("Villagers beat to death a man suspected of stealing cattle in Sirajganj "
                    "district on Sunday night, police said.",
                    (L, "Sirajganj district"), (D, "Sunday night"), published=PUBLISHED)
    assert (event.fatalities, event.sub_event_type) == (1, "Mob violence")


def test_people_rescued_are_not_held_and_neutralising_kills() -> None:
    assert casualty_kind("seven abducted women", "Troops neutralised 12 terrorists and rescued ",
                         " during an encounter.")[0] == "killed_or_injured"
    assert casualty_kind("12", "The troops engaged the criminals, neutralising ",
                         " of them, while others fled with gunshot wounds.")[0] == "killed"


def test_a_toll_named_in_other_words() -> None:
    text = ("The number of people killed in an attack on a market in northern Burkina Faso "
            "rose to 27 on Monday, a regional official said.")
    assert "27" in [text[s.start:s.end] for s in find_casualty_spans(text, [])]
    assert parse_quantity("the number of people") is None
    assert parse_quantity("a number of people").min == 10  # vague, not a toll
    assert casualty_kind("34", "The health office later put the toll at ",
                         ", all of them soldiers and recruits.")[0] == "killed"


def test_an_overall_toll_is_the_incidents_own() -> None:
    (event,) = read("Militiamen attacked a camp near Fataki on Monday. Volunteers recovered the "
                    "bodies of 31 people. Soldiers pursued the attackers and killed two of "
                    "them, bringing the overall death toll to 33.",
                    (A, "Militiamen"), (L, "Fataki"), (D, "Monday"), (C, "31 people"),
                    (C, "two of them"), published=PUBLISHED)
    assert event.fatalities == 33


def test_the_wounded_who_succumbed_move_to_the_dead() -> None:
    (event,) = read("Gunmen stormed a market near Barsalogho on Saturday, killing 22 people and "
                    "wounding 14. Five of the injured succumbed to their wounds at the regional "
                    "hospital in Kaya on Monday.",
                    (A, "Gunmen"), (L, "Barsalogho"), (D, "Saturday"), (C, "22 people"),
                    (C, "14"), (C, "Five of the injured"), (L, "Kaya"), (D, "Monday"),
                    published=PUBLISHED)
    assert (event.fatalities, event.injured) == (27, 9)
    assert [loc.text for loc in event.locations] == ["Barsalogho"]  # Kaya: where they died


def test_some_of_the_wounded_set_off_by_a_comma_are_part_of_them() -> None:
    (event,) = read("A missile struck a training camp in Marib on Tuesday, killing 34 recruits. "
                    "Officials said 50 others had been wounded, several of them critically.",
                    (L, "Marib"), (D, "Tuesday"), (C, "34 recruits"), (C, "50 others"),
                    (C, "several"), published=PUBLISHED)
    assert event.injured == 50


def test_a_months_toll_is_a_running_total() -> None:
    events = read("A suicide bomber killed six soldiers at a checkpoint near Haditha on Monday. "
                  "The Islamic State group claimed the attack. According to the United "
                  "Nations, more than 1,000 Iraqis were killed in acts of violence in January "
                  "alone.",
                  (C, "six soldiers"), (L, "Haditha"), (D, "Monday"), (A, "Islamic State group"),
                  (C, "more than 1,000 Iraqis"), (D, "January"), published=PUBLISHED)
    assert [e.fatalities for e in events if not e.cumulative] == [6]


def test_protesters_shot_by_police_is_force_against_protesters_with_its_arrests() -> None:
    text = ("Two killed as police break up port protest\n\nPolice shot dead two protesters and "
            "wounded 30 others in Mombasa on Tuesday. Police said 70 people had been arrested "
            "and would be arraigned on Monday.")
    events = extract_events(text, spans_in(text, (C, "Two"), (A, "police"), (C, "two protesters"),
                                           (C, "30 others"), (L, "Mombasa"), (D, "Tuesday"),
                                           (C, "70 people"), (D, "Monday")),
                            published=PUBLISHED)
    assert len(events) == 1
    assert events[0].sub_event_type == "Excessive force against protesters"
    assert (events[0].fatalities, events[0].injured, events[0].detained) == (2, 30, 70)


def test_weapons_listed_as_found_and_a_car_hijacked_are_no_attacks() -> None:
    found = find_triggers("One pistol with a loaded magazine, two hand grenades, four mobile "
                          "handsets and letters bearing the outfit's letterhead were recovered "
                          "from their possession.")
    assert [m.entry.id for m in found] == []
    assert "abduction" not in [m.entry.id for m in find_triggers("A car was hijacked and set "
                                                                 "on fire.")]
    assert [m.entry.id for m in find_triggers("Pirates hijacked a tanker.")] == ["abduction"]


def test_a_man_captured_by_his_alias_is_an_arrest() -> None:
    found = find_triggers('Troops captured alias "Tuerto", the head of finances of the group.')
    assert [m.entry.id for m in found] == ["capture_person"]


def test_a_riot_last_summer_is_background() -> None:
    events = read("Eight police officers were injured when youths threw petrol bombs in Derry "
                  "on Tuesday night. Police fired baton rounds. Officers made no arrests. Last "
                  "summer, similar rioting in the city left a dozen officers injured.",
                  (C, "Eight police officers"), (L, "Derry"), (D, "Tuesday night"),
                  (C, "a dozen officers"), published=PUBLISHED)
    assert [e.injured for e in events] == [8]


def test_yesterday_untagged_dates_the_incident() -> None:
    text = ("LIMA, 14 APR 89 (RADIO NACIONAL) -- [TEXT] A COLUMN OF SOME 40 GUERRILLAS "
            "YESTERDAY ATTACKED A PEASANT COMMUNITY IN HUANTA PROVINCE, KILLING 14 PEASANTS, "
            "MILITARY SOURCES REPORTED TODAY.")
    (event,) = extract_events(text, spans_in(text, (L, "HUANTA PROVINCE"), (C, "14 PEASANTS"),
                                             (D, "TODAY")),
                              published=dt.date(1989, 4, 14))
    assert event.date.date_start == dt.date(1989, 4, 13)


def test_places_read_in_the_context_the_story_gives() -> None:
    boni = geocode("Boni", context_after=", in central Mali's Mopti region, on Friday")
    assert (boni.country_code, boni.admin1) == ("ML", "Mopti")  # not Bonn: the region it lies in
    assert geocode("Boni", prefer_countries=("ML",)) is None  # not Bonn
    assert geocode("Uruzgan province", context_after=", Thursday.").country_code == "AF"
    text = ("Three soldiers died in a clash in Argelia municipality, in Colombia's Cauca "
            "department, on Tuesday.")
    (event,) = read(text, (C, "Three soldiers"), (L, "Argelia municipality"),
                    (L, "Cauca department"), (D, "Tuesday"), published=PUBLISHED)
    assert event.locations[0].admin1 == "Cauca"


def test_an_untagged_dateline_city_places_a_release() -> None:
    text = ("MAIDUGURI (NWS) – The police command says its operatives have arrested five "
            "suspected suppliers of arms to insurgents in Konduga Local Government Area.")
    (event,) = extract_events(text, spans_in(text, (C, "five suspected suppliers"),
                                             (L, "Konduga Local Government Area")),
                              published=PUBLISHED)
    assert event.locations[0].country_code == "NG"


def test_a_count_someone_claims_is_not_the_toll() -> None:
    (event,) = read("A car bomb killed 12 soldiers at a base in Maidan Shahr on Monday. A Taliban "
                    "spokesman claimed 190 were dead.",
                    (C, "12 soldiers"), (L, "Maidan Shahr"), (D, "Monday"), (A, "Taliban"),
                    published=PUBLISHED)
    assert event.fatalities == 12


def test_a_story_with_a_quiet_headline_recalls_an_older_bombing() -> None:
    text = ("Prime Minister signs decree to ban face veils in offices\n\nOn Friday, the Prime "
            "Minister signed a decree banning face veils in public offices. Two people were "
            "killed and eight injured in a suicide bombing in Tunis on January 30.")
    events = extract_events(text, spans_in(text, (D, "Friday"), (C, "Two people"),
                                           (C, "eight"), (L, "Tunis"), (D, "January 30")),
                            published=PUBLISHED)
    assert events == []
    text = text.replace("Prime Minister signs decree", "Bombing victims buried as minister "
                        "signs decree")  # a headline that tells of violence: still news
    assert len(extract_events(text, spans_in(text, (C, "Two people"), (C, "eight"),
                                             (L, "Tunis"), (D, "January 30")),
                              published=PUBLISHED)) == 1


def test_towns_move_only_to_the_one_province_a_story_names_in_their_country() -> None:
    text = ("Three soldiers died in a clash in Argelia municipality on Tuesday. Cauca department "
            "and Tolima department have seen more attacks this year.")
    (event,) = read(text, (C, "Three soldiers"), (L, "Argelia municipality"), (D, "Tuesday"),
                    (L, "Cauca department"), (L, "Tolima department"), published=PUBLISHED)
    assert event.locations[0].admin1 == geocode("Argelia municipality").admin1  # unmoved


def test_a_recapture_joins_the_dead_told_in_the_next_two_sentences() -> None:
    events = read("Government forces on Sunday recaptured the village of Nguri in Cabo Delgado "
                  "province from insurgents. Eighteen insurgents were killed and three captured "
                  "during the operation. One soldier was killed and two others were wounded.",
                  (D, "Sunday"), (L, "Nguri"), (L, "Cabo Delgado province"),
                  (C, "Eighteen insurgents"), (C, "three"), (C, "One soldier"), (C, "two others"),
                  published=PUBLISHED)
    assert len(events) == 1
    assert (events[0].fatalities, events[0].injured, events[0].detained) == (19, 2, 3)


def test_stories_that_report_no_incident_of_their_own() -> None:
    stories = [
        ("A year after massacre, village survivors still wait for answers\n\nOUAGADOUGOU, May 7 "
         "(NWS) - Survivors of a massacre in Kourfayel marked its first anniversary on Tuesday. "
         "At least 47 civilians were killed.", [(L, "Kourfayel"), (C, "47 civilians")]),
        ("U.N. says civilian deaths fell 15 percent in first half of the year\n\nKABUL, July 31 "
         "(Meridian) - The number of civilians killed fell by 15 percent, the report said. "
         "Insurgents planted most of the roadside bombs.", [(L, "KABUL")]),
        ("Press Release No. 212/2018\nMinistry announces reward for ELN commander\n\nBOGOTA "
         "(Aug. 24) - The ministry offered a reward for the commander. The pipeline has been "
         "bombed more than 60 times so far this year.", [(L, "BOGOTA")]),
        ("MANILA (Continental Press) - The army on Friday denied that soldiers killed civilians "
         "during an operation in Northern Samar last month.", [(L, "Northern Samar")]),
        ("Government, rebels end informal talks without truce\n\nMANILA - Envoys ended two days "
         "of talks on Monday. The rebels have kept up ambushes in the countryside. The "
         "military says their strength has fallen to about 4,000 fighters.", []),
    ]
    for text, marks in stories:
        assert extract_events(text, spans_in(text, *marks), published=PUBLISHED) == [], text


def test_a_killing_clause_goes_on_with_the_background_its_sentence_began() -> None:
    events = read("Gunmen killed five people in Lamu on Tuesday. In December, gunmen raided "
                  "the town of Mpeketoni, killing more than 60 people.",
                  (C, "five people"), (L, "Lamu"), (D, "Tuesday"), (D, "December"),
                  (L, "Mpeketoni"), (C, "more than 60 people"), published=PUBLISHED)
    assert [e.fatalities for e in events] == [5]


def test_weapons_found_in_a_search_are_no_attack_and_people_captured_alive_are_held() -> None:
    for text in ("Seized from him were a caliber .45 pistol, a hand grenade and documents.",
                 "A search of the shelter yielded two rifles, 600 rounds of ammunition, four "
                 "hand grenades and food.",
                 "During searches, officers found mobile phones with the relevant "
                 "correspondence, hand-drawn maps and an RGD-5 grenade."):
        assert find_triggers(text) == [], text
    assert [m.entry.id for m in find_triggers("Four PKK militants captured alive in Lice")] == [
        "capture_person"]
    assert [m.entry.id for m in find_triggers("Rebels seized the town of Kidal.")] == ["capture"]


def test_a_toll_updated_by_the_next_morning_with_its_attacker_and_an_earlier_figure() -> None:
    events = read("A suicide bomber blew himself up at a bank in Kabul on Tuesday, killing at "
                  "least 19 people. By Wednesday morning the ministry said 26 people had been "
                  "killed in addition to the attacker and 48 others wounded. The health ministry "
                  "had earlier put the number of wounded at more than 60. More than 1,500 "
                  "civilians were killed across Afghanistan in the first five months of the year.",
                  (L, "Kabul"), (D, "Tuesday"), (C, "at least 19 people"),
                  (D, "Wednesday morning"), (C, "26 people"), (C, "48 others"),
                  (C, "more than 60"), (C, "More than 1,500 civilians"), published=PUBLISHED)
    news = [e for e in events if not e.cumulative]
    assert [(e.fatalities, e.injured) for e in news] == [(27, 48)]
    assert news[0].date.date_start == dt.date(2024, 2, 13)


def test_a_figure_that_could_not_be_verified_and_an_explained_initial_count() -> None:
    (event,) = read("Al Shabaab fighters ambushed a convoy near Beledweyne on Tuesday, killing "
                    "seven soldiers and wounding five. Initial reports had put the number of "
                    "soldiers killed at five, but two of the wounded had died. Troops killed nine "
                    "of the attackers. Al Shabaab said it had killed 20 soldiers, a figure that "
                    "could not be independently verified.",
                    (L, "Beledweyne"), (D, "Tuesday"), (C, "seven soldiers"), (C, "five"),
                    (C, "five"), (C, "two of the wounded"), (C, "nine of the attackers"),
                    (C, "20 soldiers"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (16, 5)


def test_old_radio_copy_people_by_role_a_breakdown_and_people_taken_away() -> None:
    text = ("BOGOTA, 20 JUN 88 (RADIO) -- [TEXT] THE MAYOR OF THE MUNICIPALITY OF YONDO, IN "
            "ANTIOQUIA DEPARTMENT, WAS SHOT DEAD LAST NIGHT BY HOODED GUNMEN. HIS BODYGUARD, A "
            "NATIONAL POLICE AGENT, WAS WOUNDED IN THE LEGS.")
    (event,) = extract_events(text, spans_in(text, (L, "YONDO"), (L, "ANTIOQUIA DEPARTMENT"),
                                             (D, "LAST NIGHT")),
                              published=dt.date(1988, 6, 20))
    assert (event.fatalities, event.injured) == (1, 1)
    (event,) = read("Nine fighters died in clashes in Tame on Saturday: five ELN guerrillas and "
                    "four dissidents, the army said.",
                    (C, "Nine fighters"), (L, "Tame"), (D, "Saturday"),
                    (C, "five ELN guerrillas"), (C, "four dissidents"), published=PUBLISHED)
    assert event.fatalities == 9
    assert casualty_kind("four peasants", "The attackers withdrew toward the border, taking ",
                         " with them.")[0] == "detained"


def test_a_massacre_in_old_radio_copy_with_its_first_figure_and_people_taken_away() -> None:
    text = ("LIMA, 19 AUG 89 (RADIO) -- [TEXT] SOME 40 MEMBERS OF THE SHINING PATH TERRORIST "
            "ORGANIZATION MASSACRED 14 PEASANTS IN HUAYLLAPAMPA ON THURSDAY NIGHT. INITIAL "
            "REPORTS SPOKE OF NINE DEAD, BUT POLICE FOUND 14 BODIES. MOST WERE KILLED WITH "
            "MACHETES. FIVE OTHER VILLAGERS WERE WOUNDED AND THREE YOUNG MEN WERE TAKEN AWAY BY "
            "THE ATTACKERS.")
    events = extract_events(text, spans_in(text, (C, "SOME 40 MEMBERS"), (C, "14 PEASANTS"),
                                           (L, "HUAYLLAPAMPA"), (D, "THURSDAY NIGHT"),
                                           (C, "NINE DEAD"), (C, "14 BODIES"), (C, "MOST"),
                                           (C, "FIVE OTHER VILLAGERS"), (C, "THREE YOUNG MEN")),
                            published=dt.date(1989, 8, 19))
    assert len(events) == 1
    assert events[0].sub_event_type == "Attack"
    assert (events[0].fatalities, events[0].injured, events[0].detained) == (14, 5, 3)


def test_a_town_in_the_west_bank_keeps_its_name() -> None:
    jenin = geocode("Jenin", context_before="a gunfight near ", context_after=" in the West Bank.")
    assert (jenin.country_code, jenin.geo_precision) == ("PS", 2)


def test_a_person_listed_after_a_count_takes_its_kind_unless_a_verb_of_its_own_follows() -> None:
    (event,) = read("A CAR BOMB EXPLODED IN LIMA LAST NIGHT, KILLING TWO POLICEMEN AND A PASSERBY "
                    "AND WOUNDING AT LEAST 25 PEOPLE.",
                    (L, "LIMA"), (D, "LAST NIGHT"), (C, "TWO POLICEMEN"), (C, "A PASSERBY"),
                    (C, "AT LEAST 25 PEOPLE"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (3, 25)
    (event,) = read("Gunmen killed two soldiers and a civilian was wounded in Kano on Monday.",
                    (C, "two soldiers"), (C, "a civilian"), (L, "Kano"), (D, "Monday"),
                    published=PUBLISHED)
    assert (event.fatalities, event.injured) == (2, 1)


def test_the_dead_of_the_other_side_in_capitals() -> None:
    (event,) = read("CONTRAS ATTACKED A COOPERATIVE NEAR PANTASMA ON WEDNESDAY. SIX MEMBERS OF THE "
                    "MILITIA AND TWO CHILDREN WERE KILLED. THE DEFENDERS KILLED NINE OF THE "
                    "MERCENARIES.",
                    (L, "PANTASMA"), (D, "WEDNESDAY"), (C, "SIX MEMBERS"), (C, "TWO CHILDREN"),
                    (C, "NINE OF"), published=PUBLISHED)
    assert event.fatalities == 17


def test_what_a_group_does_and_people_marched_away_are_no_incident() -> None:
    events = read("Gunmen abducted 43 worshippers from a mosque in Zamfara on Sunday, marching the "
                  "men and several teenage boys into the forest. Armed gangs have grown bolder in "
                  "Katsina, where they steal cattle, kidnap for ransom and tax villagers.",
                  (C, "43 worshippers"), (L, "Zamfara"), (D, "Sunday"), (L, "Katsina"),
                  published=PUBLISHED)
    assert [(e.sub_event_type, e.detained) for e in events] == [
        ("Abduction/forced disappearance", 43)]
    assert geocode("Nam Lim Pa") is None  # not "Nam Lim, Panama"


def test_an_incident_told_by_its_month_after_the_lead_is_recalled_and_injuries_sustained() -> None:
    events = read("A civilian was killed and two others injured on Sunday when their vehicle "
                  "struck a bomb on the Dadaab road in Garissa County. Police deployed a team. "
                  "The road has been targeted repeatedly; in January, three police reservists "
                  "were killed near Liboi.",
                  (C, "A civilian"), (C, "two others"), (D, "Sunday"), (L, "Garissa County"),
                  (D, "January"), (C, "three police reservists"), (L, "Liboi"),
                  published=PUBLISHED)
    assert [(e.fatalities, e.injured) for e in events] == [(1, 2)]
    assert casualty_kind("two passengers", "The driver died on the spot, while ",
                         " sustained serious injuries.")[0] == "injured"
