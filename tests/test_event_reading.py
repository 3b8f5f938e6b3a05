"""Event reading beyond the seed articles: casualties, the ACLED taxonomy, one incident one
event, and what is not an event. Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.assembly import extract_events
from model.events.triggers import find_triggers
from model.types import Event, Span

PUBLISHED = dt.date(2024, 3, 9)  # a Saturday


def spans_in(text: str, *marks: tuple[str, str]) -> list[Span]:
    """Spans for ``(label, surface)`` pairs, each the first occurrence after the previous one."""
    spans, cursor = [], 0
    for label, surface in marks:
        start = text.index(surface, cursor)
        spans.append(Span(start=start, end=start + len(surface), label=label))
        cursor = start + len(surface)
    return spans


def read(text: str, *marks: tuple[str, str], published: dt.date = PUBLISHED) -> list[Event]:
    return extract_events(text, spans_in(text, *marks), published=published)


A, L, D, C = "ACTOR", "LOCATION", "DATE", "CASUALTY"


def triggered(text: str) -> list[str]:
    """The words of ``text`` the trigger lexicon matches."""
    return [text[t.start:t.end] for t in find_triggers(text)]


def test_killing_and_wounding_coordinated() -> None:
    (event,) = read("Shelling hit a market in Donetsk on Friday, killing 4 people and wounding "
                    "9 others.", (L, "Donetsk"), (D, "Friday"), (C, "4 people"), (C, "9 others"))
    assert (event.fatalities, event.injured) == (4, 9)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.date.date_start == dt.date(2024, 3, 8)


def test_killing_and_kidnapping_is_one_attack_with_detained() -> None:
    (event,) = read("Gunmen attacked a school in Kaduna on Monday, killing one guard and "
                    "kidnapping 30 students.", (A, "Gunmen"), (L, "Kaduna"), (D, "Monday"),
                    (C, "one guard"), (C, "30 students"))
    assert (event.fatalities, event.injured, event.detained) == (1, 0, 30)
    assert event.event_type == "Violence against civilians"


def test_a_passive_count_after_a_killed_one() -> None:
    (event,) = read("A police officer is killed and ten other people are injured when two "
                    "insurgents blow themselves up outside a police station in Islamabad.",
                    (C, "A police officer"), (C, "ten other people"), (L, "Islamabad"))
    assert (event.fatalities, event.injured) == (1, 10)
    assert event.sub_event_type == "Suicide bomb"


def test_soldiers_killing_insurgents_is_typed_and_counted() -> None:
    (event,) = read("Soldiers killed two insurgents near Kandahar on Monday.",
                    (A, "Soldiers"), (C, "two insurgents"), (L, "Kandahar"), (D, "Monday"))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.fatalities == 2 and event.actor("actor1").text == "Soldiers"


def test_detentions_are_arrests() -> None:
    (event,) = read("Security forces arrested 28 people linked to the Islamic State in Tehran "
                    "on Sunday.", (A, "Security forces"), (C, "28 people"),
                    (A, "Islamic State"), (L, "Tehran"), (D, "Sunday"))
    assert (event.sub_event_type, event.detained, event.fatalities) == ("Arrests", 28, 0)


def test_protests_and_riots_have_types() -> None:
    (peaceful,) = read("Thousands of people protested in Nairobi on Tuesday.",
                       (L, "Nairobi"), (D, "Tuesday"))
    assert (peaceful.event_type, peaceful.sub_event_type) == ("Protests", "Peaceful protest")
    (dispersed,) = read("Police used tear gas to disperse protesters in Dhaka on Friday, "
                        "detaining 12 demonstrators.", (A, "Police"), (L, "Dhaka"),
                        (D, "Friday"), (C, "12 demonstrators"))
    assert dispersed.sub_event_type == "Protest with intervention" and dispersed.detained == 12
    (riot,) = read("Rioters set fire to shops in Paris on Thursday; 11 people were arrested.",
                   (A, "Rioters"), (L, "Paris"), (D, "Thursday"), (C, "11 people"))
    assert (riot.event_type, riot.detained) == ("Riots", 11)


def test_headline_lead_and_later_toll_are_one_event() -> None:
    text = ("Car bomb kills dozens at military base in Wardak\n"
            "A car bomb was on Monday rammed into a military base in Maidan Shahr. "
            "Dozens died in the attack, reportedly conducted by the Taliban.\n"
            "Officials later said 36 people were killed and 58 wounded.")
    events = read(text, (L, "Wardak"), (D, "Monday"), (L, "Maidan Shahr"), (C, "Dozens"),
                  (A, "Taliban"), (C, "36 people"), (C, "58"))
    assert len(events) == 1
    (event,) = events
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert (event.fatalities, event.injured) == (36, 58)  # the updated toll, not added up


def test_a_court_sentence_with_a_background_attack_is_no_event() -> None:
    text = ("Court sentences three men over 2019 bombing\n"
            "A court in Colombo on Friday sentenced three men to death for the 2019 bombing "
            "that killed 20 people.")
    assert read(text, (L, "Colombo"), (D, "Friday"), (D, "2019"), (C, "20 people")) == []
    kept = extract_events(text, spans_in(text, (L, "Colombo"), (D, "Friday"), (D, "2019"),
                                         (C, "20 people")),
                          published=PUBLISHED, keep_excluded=True)
    assert kept and all(e.excluded for e in kept)


def test_threats_and_plans_are_no_events() -> None:
    assert read("The militia threatened to attack the capital next week.",
                (A, "militia")) == []


def test_accidents_are_no_events() -> None:
    assert read("A fire at an apartment block in Lagos killed seven people on Sunday.",
                (L, "Lagos"), (C, "seven people"), (D, "Sunday")) == []


def test_an_undated_wire_item_takes_the_publication_date_and_the_headline_place() -> None:
    text = "Attack in Mopti\nFour soldiers are killed when gunmen ambush a convoy."
    (event,) = read(text, (L, "Mopti"), (C, "Four soldiers"), (A, "gunmen"))
    assert event.date.date_start == PUBLISHED and event.date.method == "published"
    assert event.locations[0].text == "Mopti"
    assert (event.event_type, event.fatalities) == ("Battles", 4)


def test_an_old_incident_recalled_is_background() -> None:
    text = ("Rebels shelled Goma on Friday, killing three civilians. In March 2012 the same "
            "group seized the town.")
    events = read(text, (A, "Rebels"), (L, "Goma"), (D, "Friday"), (C, "three civilians"),
                  (D, "March 2012"))
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_two_incidents_on_different_days_stay_two() -> None:
    text = ("An air strike hit Marib on Monday, killing five fighters. On Wednesday, a roadside "
            "bomb killed two soldiers in Aden.")
    events = read(text, (L, "Marib"), (D, "Monday"), (C, "five fighters"), (D, "Wednesday"),
                  (C, "two soldiers"), (L, "Aden"))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Air/drone strike", 5), ("Remote explosive/landmine/IED", 2)]


def test_one_person_named_without_a_number_counts_one() -> None:
    (event,) = read("Journalist Nabil Hasan al-Quaety was shot dead in Aden on Tuesday. "
                    "Al-Quaety, a photographer, died in his car.",
                    (C, "Nabil Hasan al-Quaety"), (L, "Aden"), (D, "Tuesday"), (C, "Al-Quaety"))
    assert event.fatalities == 1


def test_coordinated_people_are_summed() -> None:
    (event,) = read("A man stabbed people in Streatham on Sunday and injured a man and two "
                    "women.", (L, "Streatham"), (D, "Sunday"), (C, "a man and two women"))
    assert event.injured == 3


def test_a_relative_date_in_a_quotation_does_not_date_the_incident() -> None:
    events = read('Four people were stabbed to death in Paris on Thursday. The mayor wrote: '
                  '"Paris is mourning this afternoon after this attack."',
                  (C, "Four people"), (L, "Paris"), (D, "Thursday"), (L, "Paris"),
                  (D, "this afternoon"))
    assert [e.date.date_start for e in events] == [dt.date(2024, 3, 7)]


def test_a_takeover_with_no_armed_side_and_nobody_hurt_is_no_event() -> None:
    assert read("Firefighters brought the blaze at the depot in Riyadh under control on "
                "Saturday.", (L, "Riyadh"), (D, "Saturday")) == []


def test_hong_kong_is_coded_as_acled_codes_it() -> None:
    (event,) = read("Thousands of protesters rallied in Hong Kong on Friday.",
                    (A, "protesters"), (L, "Hong Kong"), (D, "Friday"))
    place = event.locations[0]
    assert (place.country, place.country_code, place.admin1) == ("China", "CN", "Hong Kong")


def test_a_place_is_read_with_its_parent_after_it() -> None:
    (event,) = read("An air strike hit Ariha in Idlib province on Monday, killing 3 people.",
                    (L, "Ariha"), (L, "Idlib province"), (D, "Monday"), (C, "3 people"))
    assert event.locations[0].country_code == "SY"


def test_an_incident_recalled_from_days_before_the_lead_is_background() -> None:
    events = read("Protesters threw eggs at police in Hong Kong on Friday. The protests began "
                  "on June 12, when police fired tear gas at protesters in Hong Kong.",
                  (A, "Protesters"), (L, "Hong Kong"), (D, "Friday"), (D, "June 12"),
                  (A, "police"), (A, "protesters"), (L, "Hong Kong"),
                  published=dt.date(2019, 6, 23))
    assert [(e.event_type, e.date.date_start) for e in events] == [
        ("Riots", dt.date(2019, 6, 21))]


def test_a_place_name_cannot_vouch_for_its_own_country() -> None:
    events = read("Protesters marched in London, Britain, on Saturday, then gathered in "
                  "Whitehall.", (A, "Protesters"), (L, "London"), (L, "Britain"),
                  (D, "Saturday"), (L, "Whitehall"))
    assert {p.country_code for e in events for p in e.locations} == {"GB", None}


def test_a_bare_strike_is_an_air_strike_when_it_hurt_anyone_else_no_event() -> None:
    (event,) = read("Strikes hit Khan Younis on Tuesday, killing 5 people.",
                    (L, "Khan Younis"), (D, "Tuesday"), (C, "5 people"))
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence",
                                                        "Air/drone strike")
    assert read("Dock workers in Antwerp went on strike on Tuesday.",
                (L, "Antwerp"), (D, "Tuesday")) == []


def test_a_rally_where_violence_broke_out_is_a_riot() -> None:
    (event,) = read("Violence broke out on Saturday when thousands of people rallied at Freedom "
                    "Plaza in Washington, DC to protest the election results.",
                    (D, "Saturday"), (A, "people"), (L, "Freedom Plaza"), (L, "Washington, DC"))
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert "Washington, D.C." in {p.admin1 for p in event.locations}


def test_a_release_date_in_the_dateline_dates_no_incident() -> None:
    text = ("KABUL, Afghanistan (March 3, 2011) - Afghan and coalition forces detained two "
            "suspected insurgents in Nad Ali district, Helmand province, on Tuesday.")
    (event,) = read(text, (L, "KABUL"), (L, "Afghanistan"), (D, "March 3, 2011"),
                    (A, "Afghan and coalition forces"), (C, "two suspected insurgents"),
                    (L, "Nad Ali district"), (L, "Helmand province"), (D, "Tuesday"),
                    published=dt.date(2011, 3, 3))
    assert (event.sub_event_type, event.detained) == ("Arrests", 2)
    assert event.date.date_start == dt.date(2011, 3, 1)  # Tuesday, not the release date
    assert event.locations[0].admin1 == "Helmand"


def test_a_weapons_cache_seized_is_disrupted_weapons_use() -> None:
    (event,) = read("Afghan forces discovered a weapons cache containing 20 mortar rounds in "
                    "Kandahar on Monday.", (A, "Afghan forces"), (L, "Kandahar"), (D, "Monday"))
    assert (event.event_type, event.sub_event_type) == ("Strategic developments",
                                                        "Disrupted weapons use")


def test_a_risen_death_toll_is_the_count_of_its_incident() -> None:
    (event,) = read("The death toll from Monday's bombing in Quetta rose to 23 on Wednesday.",
                    (D, "Monday"), (L, "Quetta"), (D, "Wednesday"))
    assert event.fatalities == 23


def test_people_dispersed_are_not_counted() -> None:
    events = read("Police fired tear gas to disperse hundreds of protesters in Nairobi on "
                  "Friday and arrested 25 people.", (A, "Police"),
                  (C, "hundreds of protesters"), (L, "Nairobi"), (D, "Friday"),
                  (C, "25 people"))
    assert [(e.sub_event_type, e.fatalities, e.injured, e.detained) for e in events] == [
        ("Protest with intervention", 0, 0, 25)]


def test_a_press_release_with_incidents_in_two_provinces_gives_two_events() -> None:
    text = ("Afghan and coalition forces detained several suspected insurgents during "
            "operations across Afghanistan yesterday.\nIn Kandahar province, a combined force "
            "detained a Taliban facilitator in Panjwai district.\nIn Helmand province, the "
            "force killed two insurgents in Nad-e Ali district.")
    events = read(text, (A, "Afghan and coalition forces"), (C, "several suspected insurgents"),
                  (L, "Afghanistan"), (D, "yesterday"), (L, "Kandahar province"),
                  (A, "combined force"), (C, "a Taliban facilitator"), (L, "Panjwai district"),
                  (L, "Helmand province"), (A, "force"), (C, "two insurgents"),
                  (L, "Nad-e Ali district"))
    assert [(e.sub_event_type, e.fatalities, e.detained, e.locations[0].admin1)
            for e in events] == [("Arrests", 0, 1, "Kandahar"), ("Armed clash", 2, 0, "Helmand")]


def test_gunmen_storming_a_village_to_kill_and_abduct_is_one_attack() -> None:
    (event,) = read("Armed men stormed a village in Zamfara state overnight, killing 23 "
                    "villagers and abducting dozens of women, residents said on Monday.",
                    (C, "Armed men"), (L, "Zamfara state"), (D, "overnight"),
                    (C, "23 villagers"), (C, "dozens of women"), (D, "Monday"))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert (event.fatalities, event.detained) == (23, 12)  # the armed men are not counted
    assert event.date.date_start == dt.date(2024, 3, 8)  # overnight, not the day it was said


def test_a_missile_fired_and_intercepted_is_disrupted_weapons_use() -> None:
    (event,) = read("Houthi rebels fired a ballistic missile at the Saudi city of Jizan on "
                    "Friday; it was intercepted, the coalition said.",
                    (A, "Houthi rebels"), (L, "Jizan"), (D, "Friday"), (A, "coalition"))
    assert event.sub_event_type == "Disrupted weapons use"


def test_an_age_is_no_count_and_an_added_count_is_summed() -> None:
    (event,) = read("A 14-year-old boy was killed by soldiers near Ramallah on Friday. Two more "
                    "people were also killed in the raid.", (C, "14-year-old boy"),
                    (A, "soldiers"), (L, "Ramallah"), (D, "Friday"), (C, "Two more people"))
    assert event.fatalities == 3


def test_accidents_and_other_senses_are_no_events() -> None:
    assert read("A power firm helicopter strikes cables and crashes near Fairfield on Tuesday, "
                "killing three occupants.", (L, "Fairfield"), (D, "Tuesday"),
                (C, "three occupants")) == []
    assert read("The company withdrew from the deal in Denver on Monday.",
                (L, "Denver"), (D, "Monday")) == []
    assert read("He admitted his guilt in eight murders in Toronto on Tuesday.",
                (C, "eight murders"), (L, "Toronto"), (D, "Tuesday")) == []


def test_an_unread_date_gives_way_to_the_publication_date() -> None:
    (event,) = read("Two days later, gunmen attacked a checkpoint in Kaduna, killing 3 soldiers.",
                    (D, "Two days later"), (A, "gunmen"), (L, "Kaduna"), (C, "3 soldiers"))
    assert event.date.date_start == PUBLISHED and event.date.method == "published"


def test_one_person_named_by_a_role_is_counted_without_a_tag() -> None:
    (event,) = read("A member of the village council was shot dead in Kidal on Tuesday.",
                    (L, "Kidal"), (D, "Tuesday"))
    assert event.fatalities == 1
    (event,) = read("Gunmen shot and killed the deputy commander of the police station in Gao.",
                    (A, "Gunmen"), (L, "Gao"))
    assert event.fatalities == 1
    (event,) = read("A shopkeeper and his son were gunned down by militants in Peshawar.",
                    (A, "militants"), (L, "Peshawar"))
    assert event.fatalities == 2


def test_the_attackers_counted_are_not_the_victims() -> None:
    (event,) = read("Two men on a motorcycle shot dead a teacher in Quetta.",
                    (C, "Two men"), (L, "Quetta"))
    assert event.fatalities == 1
    (event,) = read("Five gunmen opened fire at a police post in Narathiwat, killing a policeman.",
                    (C, "Five gunmen"), (L, "Narathiwat"), (C, "a policeman"))
    assert event.fatalities == 1
    (event,) = read("A senator was gunned down by a number of unknown gunmen in Kabul.",
                    (C, "number of unknown gunmen"), (L, "Kabul"))
    assert event.fatalities == 1


def test_numbers_that_count_things_or_units_are_no_casualties() -> None:
    (event,) = read("Two explosions in Baghdad killed three civilians.",
                    (C, "Two"), (L, "Baghdad"), (C, "three civilians"))
    assert event.fatalities == 3
    (event,) = read("A rifleman of 13 Sikh Light Infantry was killed in an encounter in Manipur.",
                    (C, "13 Sikh Light Infantry"), (L, "Manipur"))
    assert event.fatalities == 1


def test_parts_of_a_total_are_not_added_to_it() -> None:
    (event,) = read("At least 19 people, including eight police officers and ten civilians, were "
                    "killed in a bomb explosion in Kabul.", (C, "At least 19 people"),
                    (C, "eight police officers"), (C, "ten civilians"), (L, "Kabul"))
    assert event.fatalities == 19
    (event,) = read("Seven soldiers were killed and 9 (5 soldiers and 4 civilians) were wounded "
                    "in an attack in Mopti.", (C, "Seven soldiers"), (C, "9"), (C, "5 soldiers"),
                    (C, "4 civilians"), (L, "Mopti"))
    assert (event.fatalities, event.injured) == (7, 9)


def test_a_count_cut_before_its_conjunction_keeps_its_verb() -> None:
    (event,) = read("A car bombing in Mogadishu killed 10 and wounded 20 others.",
                    (L, "Mogadishu"), (C, "10 and"), (C, "20 others"))
    assert (event.fatalities, event.injured) == (10, 20)


def test_a_total_with_its_incident_verb_is_the_incident_count() -> None:
    (event,) = read("Car bombs exploded across Baghdad, killing 13 people in total and wounding "
                    "57 others.", (L, "Baghdad"), (C, "13 people"), (C, "57 others"))
    assert (event.fatalities, event.injured, event.cumulative) == (13, 57, False)


def test_the_setting_a_story_recalls_is_no_event() -> None:
    text = ("Iraq's parliament voted on Sunday to expel foreign troops. The move follows the "
            "killing of a general in an airstrike in Baghdad.")
    assert read(text, (L, "Baghdad")) == []
    text = ("Police arrested three men in Tunis on Friday. The arrests were made at a house in the "
            "city. Last month a suicide bombing killed two people in Tunis.")
    events = read(text, (C, "three men"), (L, "Tunis"), (D, "Friday"), (D, "Last month"),
                  (C, "two people"), (L, "Tunis"))
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_deaths_without_violence_are_no_events() -> None:
    assert read("The health ministry said 81 people had died during the measles outbreak in "
                "Apia.", (A, "health ministry"), (C, "81 people"), (L, "Apia")) == []


def test_an_event_placed_in_a_country_takes_the_place_named_in_it() -> None:
    (event,) = read("Drones struck oil facilities in Saudi Arabia on Saturday, killing two "
                    "guards. The plant at Abqaiq burned for hours.",
                    (L, "Saudi Arabia"), (D, "Saturday"), (C, "two guards"), (L, "Abqaiq"))
    assert (event.locations[0].country_code, event.locations[0].admin1) == (
        "SA", "Eastern Province")


def test_words_of_violence_in_other_senses_are_no_events() -> None:
    assert read("Republicans attacked the resolution as a sham.", (A, "Republicans")) == []
    assert read("He died on Tuesday after a long battle with cancer.", (D, "Tuesday")) == []
    assert read("The bill has sparked controversy and protests.") == []
    assert read("He suffered a cardiac arrest on Monday and died.", (D, "Monday")) == []
    assert read("Trump held a campaign rally in Pennsylvania on Friday.", (A, "Trump"),
                (L, "Pennsylvania"), (D, "Friday")) == []
    assert read("In Cyprus, the ruling Democratic Rally hailed the pipeline on Friday.",
                (L, "Cyprus"), (A, "Democratic Rally"), (D, "Friday")) == []
    (event,) = read("Thousands rallied in Nicosia on Friday.", (L, "Nicosia"), (D, "Friday"))
    assert event.sub_event_type == "Peaceful protest"


def test_counts_with_a_determiner_a_collective_or_an_aside_are_read() -> None:
    (event,) = read("A blast hit a military vehicle near Jowhar, killing the three soldiers "
                    "instantly and injuring two others.", (L, "Jowhar"), (C, "three soldiers"),
                    (C, "two others"))
    assert (event.fatalities, event.injured) == (3, 2)
    (event,) = read("A group of 17 police recruits were shot dead in Ghazni.",
                    (C, "group of 17 police recruits"), (L, "Ghazni"))
    assert event.fatalities == 17
    (event,) = read("A bomb exploded in a bar in Bogota, killing six (some reports say seven).",
                    (L, "Bogota"))
    assert event.fatalities == 6
    (event,) = read("An officer was killed in an ambush in Nineveh, while another went missing.",
                    (L, "Nineveh"), (C, "another"))
    assert event.fatalities == 1


def test_an_event_with_no_place_is_placed_by_its_victims_nationality() -> None:
    (event,) = read("Suspected jihadists killed two Malian soldiers overnight.",
                    (A, "Suspected jihadists"), (C, "two Malian soldiers"))
    location = event.locations[0]
    assert (location.country_code, location.geo_precision, location.text) == ("ML", 3, "Malian")


def test_an_unknown_place_gives_way_to_a_known_one_nearby() -> None:
    (event,) = read("A bomb wounded 4 soldiers in the Bajaur District of North-west Pakistan.",
                    (C, "4 soldiers"), (L, "Bajaur District"), (L, "North-west Pakistan"))
    assert event.locations[0].country_code == "PK"


def test_actors_nationality_places_an_otherwise_unknown_name_but_refuses_none() -> None:
    text = "Russian troops dispersed a protest in Enerhodar on Friday and arrested 5 people."
    (event,) = read(text, (A, "Russian troops"), (L, "Enerhodar"), (D, "Friday"),
                    (C, "5 people"))
    assert event.locations[0].country_code == "UA"


def test_a_date_opening_the_clause_dates_the_incident_not_the_later_toll() -> None:
    (event,) = read("On Saturday morning, a gunman shot shoppers at a store in El Paso, with the "
                    "death toll rising to 22 people on Monday.", (D, "Saturday morning"),
                    (A, "gunman"), (L, "El Paso"), (C, "22 people"), (D, "Monday"),
                    published=dt.date(2024, 3, 12))
    assert (event.date.date_start, event.fatalities, event.cumulative) == (
        dt.date(2024, 3, 9), 22, False)
    assert event.sub_event_type == "Attack"


def test_a_charge_is_no_event() -> None:
    assert read("Police in Kabul charged two gunmen with murder on Sunday over a shooting at a "
                "market.", (A, "Police"), (L, "Kabul"), (A, "two gunmen"), (D, "Sunday")) == []


def test_an_accident_in_the_headline_and_blasts_beside_an_accident_are_no_events() -> None:
    text = ("Dozens dead in boat fire off California\n\nA fire on a dive boat near Santa Cruz "
            "Island killed 33 people on Monday after explosions on board, officials said.")
    assert read(text, (L, "California"), (L, "Santa Cruz Island"),
                (C, "33 people"), (D, "Monday")) == []
    assert read("A gas leak led to an explosion that killed 39 people in Magnitogorsk on Monday.",
                (C, "39 people"), (L, "Magnitogorsk"), (D, "Monday")) == []
    (event,) = read("A bomb explosion killed 9 people at a market in Kano on Monday.",
                    (C, "9 people"), (L, "Kano"), (D, "Monday"))
    assert event.fatalities == 9


def test_an_arrest_for_ordinary_crime_is_no_event() -> None:
    assert read("Police arrested a man in Oxford on Tuesday over the theft of a gold toilet.",
                (A, "Police"), (C, "a man"), (L, "Oxford"), (D, "Tuesday")) == []
    (event,) = read("Police arrested 12 rebels in Gao on Tuesday over a drug smuggling ring.",
                    (A, "Police"), (C, "12 rebels"), (L, "Gao"), (D, "Tuesday"))
    assert event.sub_event_type == "Arrests"


def test_a_plural_group_beside_a_count_adds_nothing() -> None:
    (event,) = read("Taliban fighters attacked a hospital in Ghor on Sunday; at least 35 people "
                    "were killed, all civilians.", (A, "Taliban fighters"), (L, "Ghor"),
                    (D, "Sunday"), (C, "at least 35 people"), (C, "all civilians"))
    assert event.fatalities == 35
    (event,) = read("Two civilians were shot dead in Mavivi by ADF militants, and the attackers "
                    "fled.", (C, "Two civilians"), (L, "Mavivi"), (A, "ADF militants"),
                    (C, "attackers"))
    assert event.fatalities == 2


def test_an_including_aside_does_not_hide_the_verb_of_its_count() -> None:
    (event,) = read("Two soldiers were killed and ten people including five security men were "
                    "injured in bomb attacks in Bannu on Sunday.", (C, "Two soldiers"),
                    (C, "ten people"), (C, "five security men"), (L, "Bannu"), (D, "Sunday"))
    assert (event.fatalities, event.injured) == (2, 10)


def test_more_people_and_things_read_right() -> None:
    (event,) = read("A Somali police officer and his bodyguard were shot dead in Mogadishu.",
                    (L, "Mogadishu"))
    assert event.fatalities == 2
    (event,) = read("A U.S. service member was killed by a roadside bomb in Hasakah.",
                    (L, "Hasakah"))
    assert event.fatalities == 1
    (event,) = read("A police officer was killed and two vehicles were burnt in an attack in "
                    "Mandera.", (C, "A police officer"), (C, "two vehicles"), (L, "Mandera"))
    assert event.fatalities == 1


def test_an_attack_at_a_court_or_a_memorial_service_is_an_event() -> None:
    (event,) = read("Gunmen opened fire at a court in Islamabad, killing 11 people.",
                    (A, "Gunmen"), (L, "Islamabad"), (C, "11 people"))
    assert event.fatalities == 11
    (event,) = read("9 people were killed when a man lobbed a grenade at a memorial service in "
                    "Yambio.", (C, "9 people"), (L, "Yambio"))
    assert event.fatalities == 9
    assert read("A court in Islamabad sentenced two men for a bombing that killed 40 people.",
                (L, "Islamabad"), (C, "two men"), (C, "40 people")) == []


def test_a_suicide_car_bomber_and_coming_under_fire_are_violence() -> None:
    (event,) = read("A suicide car-bomber rammed his vehicle into a police compound in Samarra.",
                    (A, "police"), (L, "Samarra"))
    assert event.sub_event_type == "Suicide bomb"
    (event,) = read("Two policemen were killed after their car came under fire in Ingushetia.",
                    (C, "Two policemen"), (L, "Ingushetia"))
    assert event.fatalities == 2


def test_present_tense_wounds_and_pairs_of_victims_are_read() -> None:
    (event,) = read("Twin bombings kill a police officer and wound nine people in Peshawar.",
                    (C, "nine people"), (L, "Peshawar"))
    assert (event.fatalities, event.injured) == (1, 9)
    (event,) = read("Gunmen shot dead a mother and her daughter in Quetta.", (A, "Gunmen"),
                    (L, "Quetta"))
    assert event.fatalities == 2
    (event,) = read("A former soldier, who worked as a driver, was killed by three armed men in "
                    "Davao.", (C, "three armed men"), (L, "Davao"))
    assert event.fatalities == 1


def test_a_false_claim_counts_nobody() -> None:
    (event,) = read("A roadside bomb injured four soldiers in Hiran. Al-Shabab falsely claimed "
                    "that 30 soldiers were killed.", (C, "four soldiers"), (L, "Hiran"),
                    (A, "Al-Shabab"), (C, "30 soldiers"))
    assert (event.fatalities, event.injured) == (0, 4)


def test_explosives_detonated_and_encounters_are_events() -> None:
    (event,) = read("Militants blew up a school in Rafah on Monday.", (A, "Militants"),
                    (L, "Rafah"), (D, "Monday"))
    assert event.event_type == "Explosions/Remote violence"
    (event,) = read("A motorcycle loaded with explosives exploded in Calamar on Monday.",
                    (L, "Calamar"), (D, "Monday"))
    assert event.event_type == "Explosions/Remote violence"
    (event,) = read("Three security personnel were injured in an encounter with Maoists in "
                    "Dantewada district.", (C, "Three security personnel"), (A, "Maoists"),
                    (L, "Dantewada district"))
    assert (event.event_type, event.injured) == ("Battles", 3)


def test_a_place_across_a_border_comes_after_the_place_of_the_incident() -> None:
    (event,) = read("Two police officers were injured in a bomb attack in Kunar province, on the "
                    "border with Pakistan.", (C, "Two police officers"), (L, "Kunar province"),
                    (L, "Pakistan"))
    assert event.locations[0].country_code == "AF"
    (event,) = read("An explosion targeted a police station in the southern province of Adana.",
                    (L, "southern"), (L, "Adana"))
    assert event.locations[0].country_code == "TR"  # "southern" alone is no place


def test_pronouns_bodies_and_people_left_dead_are_counted() -> None:
    (event,) = read("A vehicle rammed a woman near Hebron, killing her.", (L, "Hebron"))
    assert event.fatalities == 1
    (event,) = read("A rocket attack by militants at Qala-i-Jangi left a person dead and 15 "
                    "others injured.", (A, "militants"), (L, "Qala-i-Jangi"), (C, "15 others"))
    assert (event.fatalities, event.injured) == (1, 15)
    (event,) = read("A bomb placed under a car in Mogadishu killed his driver.", (L, "Mogadishu"))
    assert event.fatalities == 1
    (event,) = read("A man was kidnapped and later executed by rebels in San Miguel.",
                    (A, "rebels"), (L, "San Miguel"))
    assert (event.fatalities, event.detained) == (1, 0)
    (event,) = read("A security man guarding an oil pipeline west of Baqubah was killed in an "
                    "attack.", (L, "Baqubah"))
    assert event.fatalities == 1


def test_more_victims_and_fewer_things_are_read() -> None:
    (event,) = read("Rebels shelled a house in Caqueta, killing two adults and an infant.",
                    (A, "Rebels"), (L, "Caqueta"), (C, "two adults"))
    assert event.fatalities == 3
    (event,) = read("Unknown gunmen assassinated a businessman in Mogadishu.",
                    (C, "Unknown gunmen"), (L, "Mogadishu"))
    assert event.fatalities == 1
    (event,) = read("At least two bomb disposal experts were killed in a roadside blast in Bari.",
                    (C, "At least two"), (L, "Bari"))
    assert event.fatalities == 2
    (event,) = read("Thirty four people were killed in Shonong and dozens of animals were "
                    "stolen.", (C, "Thirty four people"), (L, "Shonong"), (C, "dozens"))
    assert event.fatalities == 34


def test_a_nationality_vouches_for_no_country_and_a_reference_point_comes_last() -> None:
    (event,) = read("A car bomb outside the Italian consulate in Cairo killed one person.",
                    (L, "Italian"), (L, "Cairo"), (C, "one person"))
    assert event.locations[0].country_code == "EG"
    (event,) = read("A suicide bomber killed 22 people in Baqubah, north of the capital Baghdad.",
                    (C, "22 people"), (L, "Baqubah"), (L, "Baghdad"))
    assert event.locations[0].admin1 == "Diyala"
