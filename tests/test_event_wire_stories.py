"""Wire stories and releases with their background told around the news: a cause told in the
sentence before the toll, tallies in the headline, recalled paragraphs, people angry over an
earlier killing, ages after names, negated captures, bombs found, datelines below an office's
line, and places named inside longer names. Spans are marked by hand, so these test the reader
alone."""

from __future__ import annotations

import datetime as dt

from model.events.assembly import extract_events
from model.events.casualties import casualty_kind
from model.events.locations import geocode
from model.events.triggers import find_triggers
from tests.test_event_reading import A, C, D, L, read, spans_in

PUBLISHED = dt.date(2024, 7, 22)  # a Monday


def test_a_toll_takes_its_cause_from_the_sentence_before() -> None:
    (event,) = read("Militants used a truck packed with explosives to attack a police post in "
                    "Mardin. Officials said that 2 policemen have died and 7 others have been "
                    "wounded.", (A, "Militants"), (L, "Mardin"), (C, "2 policemen"),
                    (C, "7 others"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (2, 7)
    assert event.event_type is not None


def test_a_toll_with_no_sign_of_violence_is_no_event() -> None:
    assert read("The weather was hot in Mardin. Officials said that 2 people have died.",
                (L, "Mardin"), (C, "2 people"), published=PUBLISHED) == []


def test_vehicles_set_on_fire_are_property_destruction() -> None:
    (event,) = read("Maoists set at least 15 construction vehicles and machines on fire in "
                    "Bijapur district on Sunday.", (A, "Maoists"), (L, "Bijapur district"),
                    (D, "Sunday"), published=PUBLISHED)
    assert event.sub_event_type == "Looting/property destruction"


def test_descriptors_before_a_place_and_districts_abroad() -> None:
    place = geocode("restive southwestern Balochistan province")
    assert place is not None and place.admin1 == "Balochistan"
    assert geocode("Nawa district", prefer_countries=["AF"]) is None  # not Ivory Coast's Nawa


def test_a_paragraph_dated_long_ago_goes_on_with_its_own_story() -> None:
    text = ("Police fired tear gas at a protest in Basra on Sunday.\n\nNobody was hurt, "
            "officials said.\n\nA protest movement that began in October 2019 spread across "
            "the south. More than 600 people were killed as security forces crushed it.")
    events = extract_events(text, spans_in(text, (L, "Basra"), (D, "Sunday"),
                                           (D, "October 2019"), (C, "More than 600 people")),
                            published=PUBLISHED)
    assert [e.fatalities for e in events] == [0]


def test_a_season_of_a_past_year_is_background() -> None:
    text = ("Police fired tear gas at a protest in Basra on Sunday.\n\nIn the summer of 2018, "
            "at least 12 protesters were killed in clashes with security forces.")
    events = extract_events(text, spans_in(text, (L, "Basra"), (D, "Sunday"),
                                           (D, "the summer of 2018"),
                                           (C, "at least 12 protesters")), published=PUBLISHED)
    assert [e.fatalities for e in events] == [0]


def test_people_treated_in_hospital_are_injured() -> None:
    assert casualty_kind("Twelve people", "", " were treated in hospital for the effects of the "
                         "gas.")[0] == "injured"


def test_a_crowd_angry_over_a_killing_is_not_its_victim() -> None:
    assert casualty_kind("Hundreds of protesters", "", " angry over the killing of a student "
                         "stormed the town hall.")[0] == "killed_or_injured"


def test_a_tally_of_the_year_in_a_relative_clause_is_a_running_total() -> None:
    text = ("Leaders of two communities signed a ceasefire in Bor on Wednesday, pledging to end "
            "cattle raids that have killed scores of people this year.")
    events = extract_events(text, spans_in(text, (L, "Bor"), (D, "Wednesday"),
                                           (C, "scores of people")), published=PUBLISHED)
    assert all(e.fatalities == 0 for e in events)


def test_a_headline_that_words_the_leads_tally_is_a_tally() -> None:
    text = ("UN says drone strikes have killed hundreds of civilians in Amhara\n\n"
            "GENEVA, July 22 (Newswire) - Drone strikes have killed at least 350 civilians in "
            "Amhara since the start of the year, the UN said on Monday.")
    events = extract_events(text, spans_in(text, (C, "hundreds of civilians"), (L, "Amhara"),
                                           (L, "GENEVA"), (C, "at least 350 civilians"),
                                           (L, "Amhara"), (D, "Monday")), published=PUBLISHED)
    assert events == []


def test_an_age_after_a_name_is_no_count() -> None:
    (event,) = read("GUERRILLAS KILLED 9 VILLAGERS IN A RAID ON PADAVIYA TODAY. AMONG THE DEAD "
                    "WERE A FARMER, K. SILVA, 52, AND HIS WIFE.", (A, "GUERRILLAS"),
                    (C, "9 VILLAGERS"), (L, "PADAVIYA"), (D, "TODAY"), (C, "52"),
                    published=PUBLISHED)
    assert event.fatalities == 9


def test_nobody_captured_is_no_capture() -> None:
    assert find_triggers("No rebels were captured.") == []
    assert [m.entry.id for m in find_triggers("Troops captured two rebels.")] != []


def test_a_bomb_found_and_destroyed_is_disrupted_weapons_use() -> None:
    (event,) = read("Soldiers and coalition forces discovered and destroyed a roadside bomb in "
                    "Arghandab district last night.", (A, "Soldiers"), (A, "coalition forces"),
                    (L, "Arghandab district"), (D, "last night"), published=PUBLISHED)
    assert event.sub_event_type == "Disrupted weapons use"


def test_a_dateline_below_the_issuing_office_dates_the_release_not_the_incident() -> None:
    text = ("Operations Command - Media Office\n\nBAQUBAH, July 22 - Security forces arrested "
            "five suspects in Muqdadiyah district on Sunday.")
    (event,) = extract_events(text, spans_in(text, (L, "BAQUBAH"), (D, "July 22"),
                                             (A, "Security forces"), (C, "five suspects"),
                                             (L, "Muqdadiyah district"), (D, "Sunday")),
                              published=PUBLISHED)
    assert event.date.date_start == dt.date(2024, 7, 21)


def test_news_of_this_week_about_something_years_ago_is_news() -> None:
    text = ("CHILPANCINGO, July 22 (Newswire) - Thousands marched in Chilpancingo on Sunday "
            "over the students who vanished ten years ago.")
    (event,) = extract_events(text, spans_in(text, (L, "CHILPANCINGO"), (D, "July 22"),
                                             (L, "Chilpancingo"), (D, "Sunday")),
                              published=PUBLISHED)
    assert event.sub_event_type == "Peaceful protest"
    text = ("MEXICO CITY, July 22 (Newswire) - In the town where gunmen killed 14 people five "
            "years ago, a candidate campaigns in a bulletproof vest.")
    assert extract_events(text, spans_in(text, (L, "MEXICO CITY"), (D, "July 22"),
                                         (C, "14 people")), published=PUBLISHED) == []


def test_a_name_inside_a_longer_name_does_not_vouch_for_its_country() -> None:
    text = ("BAMAKO, July 22 - Soldiers captured seven suspects near the village of Boni on "
            "Sunday. They were hiding near the Boni–Hombori road.")
    (event,) = extract_events(text, spans_in(text, (L, "BAMAKO"), (D, "July 22"),
                                             (A, "Soldiers"), (C, "seven suspects"),
                                             (L, "Boni"), (D, "Sunday"),
                                             (L, "Boni–Hombori road")), published=PUBLISHED)
    assert {loc.country_code for loc in event.locations} <= {"ML", None}  # not Bonn


def test_a_toll_of_dead_and_wounded_is_not_added_to_what_explains_it() -> None:
    (event,) = read("A car bomb killed three people and injured 18 in Huancayo last night. This "
                    "morning police said the toll has risen to five dead and 23 wounded, after "
                    "rescuers found two more bodies and five more injured people went to "
                    "hospitals.", (C, "three people"), (C, "18"), (L, "Huancayo"),
                    (D, "last night"), (C, "five dead"), (C, "23"), (C, "two more bodies"),
                    (C, "five more injured people"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (5, 23)


def test_a_person_who_died_after_that_is_found() -> None:
    (event,) = read("Rebels attacked an army post in Usulutan last night, officials said. It "
                    "has also been reported that a child died when a mortar round fell on a "
                    "house near the post.", (A, "Rebels"), (L, "Usulutan"), (D, "last night"),
                    published=PUBLISHED)
    assert event.fatalities == 1


def test_soldiers_who_embraced_shahadat_are_dead() -> None:
    assert casualty_kind("two soldiers", "During the exchange of fire, ",
                         " embraced shahadat.")[0] == "killed"


def test_what_a_group_does_in_the_present_is_no_incident() -> None:
    text = ("Analysts say the ELN, with an estimated 5,800 fighters, has used the ceasefire to "
            "expand its territory in areas bordering Venezuela, where it clashes with "
            "dissidents of the former FARC rebel group.")
    assert extract_events(text, spans_in(text, (A, "ELN"), (L, "Venezuela"),
                                         (A, "dissidents")), published=PUBLISHED) == []


def test_a_weekly_summary_and_what_it_also_lists_are_running_totals() -> None:
    text = ("POPAYAN, July 22, 2024 - Weekly operational summary. During the past week, units of "
            "the division achieved the following results: four members killed in military "
            "action and 11 captured. Troops also cleared two minefields, destroying 37 "
            "explosive devices.")
    events = extract_events(text, spans_in(text, (L, "POPAYAN"), (D, "July 22, 2024"),
                                           (D, "the past week"), (C, "four members"),
                                           (C, "11")), published=PUBLISHED)
    assert events == []
    assert [m.entry.id for m in find_triggers("Troops cleared two minefields.")] == ["disrupted"]


def test_what_happened_since_a_past_event_does_not_make_that_event_news() -> None:
    assert "capture" not in [m.entry.id for m in find_triggers(
        "The dam has been at the centre of fighting since the SNA captured Manbij in December.")]
    assert [m.entry.id for m in find_triggers("The SNA captured Manbij on Sunday.")] == [
        "capture"]


def test_a_count_with_an_aside_before_its_verb_is_found_and_a_part_in_a_state_is_no_count() -> None:
    (event,) = read("Rebels raided a village in Irumu territory on Saturday, killing 18 people. "
                    "Several other villagers were wounded and at least 15, most of them "
                    "teenagers, were abducted, he said.", (A, "Rebels"), (L, "Irumu territory"),
                    (D, "Saturday"), (C, "18 people"), published=PUBLISHED)
    assert event.detained == 15
    (event,) = read("Police fired on protesters in Nampula on Sunday. A doctor said the 17 "
                    "wounded had been treated for gunshot wounds, and four of them were in "
                    "serious condition.", (L, "Nampula"), (D, "Sunday"), (C, "17 wounded"),
                    (C, "four of"), published=PUBLISHED)
    assert event.injured == 17


def test_rocket_propelled_grenades_beside_small_arms_are_an_armed_clash() -> None:
    (event,) = read("A joint patrol was attacked with small-arms and rocket-propelled grenade fire "
                    "near Sar-e Kala in Zabul province early this morning. The patrol returned "
                    "fire, killing one insurgent.", (A, "A joint patrol"), (L, "Sar-e Kala"),
                    (L, "Zabul province"), (D, "early this morning"), (C, "one insurgent"),
                    published=PUBLISHED)
    assert event.event_type == "Battles"


def test_where_the_wounded_are_treated_does_not_split_the_incident() -> None:
    (event,) = read("Militants attacked a base near Sabiid in Lower Shabelle on Sunday, and "
                    "soldiers killed eleven of them. Two soldiers sustained minor injuries and are "
                    "receiving treatment in Mogadishu.", (A, "Militants"), (L, "Sabiid"),
                    (L, "Lower Shabelle"), (D, "Sunday"), (C, "eleven of them"),
                    (C, "Two soldiers"), (L, "Mogadishu"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (11, 2)


def test_a_two_letter_word_is_no_country_code() -> None:
    assert geocode("At") is None and geocode("No") is None
    place = geocode("UK")
    assert place is not None and place.country_code == "GB"


def test_nobody_hurt_after_a_semicolon_counts_nobody_and_tells_nothing_of_those_before() -> None:
    (event,) = read("FOUR HOODED MEN KIDNAPPED A BUSINESSMAN IN TARAPOTO YESTERDAY. THEY "
                    "INTERCEPTED THE VEHICLE AND FORCED THE TWO MEN INTO A TRUCK; NO ONE WAS HURT.",
                    (A, "FOUR HOODED MEN"), (C, "A BUSINESSMAN"), (L, "TARAPOTO"),
                    (D, "YESTERDAY"), (C, "TWO MEN"), (C, "ONE"), published=PUBLISHED)
    assert (event.injured, event.sub_event_type) == (0, "Abduction/forced disappearance")
    assert [m.entry.id for m in find_triggers("Air defences intercepted 29 of 31 drones.")] == [
        "disrupted"]
