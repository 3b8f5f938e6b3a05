"""Arrest operations told with the words of what the held men are said to do, claims and
statistics that are no incident, and counts the reader used to lose: a second object before
"and wounding", the men of the other side in a clash, a named victim with his age, people taken
into custody, seized, captured or carried off, "both", "sent to hell", the bodies of the other
side; where those who tell of it sit, a country named before its division, a hospital named
after a place. Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.casualties import kind_rule, parse_quantity
from model.events.casualty_finder import find_casualty_spans
from model.events.datelines import find_dateline
from model.events.dates import resolve_date
from model.events.locations import geocode
from model.events.triggers import asides, find_triggers, not_event_reason
from tests.test_event_reading import A, C, D, L, read

PUBLISHED = dt.date(2011, 8, 17)


def events_of(text: str, *marks: tuple[str, str]) -> list[tuple[str | None, int, int, int]]:
    return [(e.sub_event_type, e.fatalities, e.injured, e.detained)
            for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]


def test_what_a_detainee_is_believed_to_do_is_no_event_of_its_own() -> None:
    text = ("An Afghan and coalition security force detained two suspected insurgents in "
            "Nahr-e Saraj district, Helmand province, yesterday. The Taliban leader is believed "
            "to coordinate the movement of weapons and to direct roadside-bomb attacks against "
            "police checkpoints.")
    assert events_of(text, (A, "Afghan and coalition security force"),
                     (C, "two suspected insurgents"), (L, "Nahr-e Saraj district"),
                     (L, "Helmand province"), (D, "yesterday")) == [("Arrests", 0, 0, 2)]
    assert not_event_reason("The facilitator is suspected of moving fighters for attacks on "
                            "Khost City.") == "allegation"
    # a detainee described inside the clause that tells the arrest keeps the arrest
    assert not_event_reason("Police detained a suspected insurgent wanted for the killing of "
                            "a local sheikh.") is None
    assert not_event_reason("Police arrested four men on Sunday who were planning suicide "
                            "attacks on government offices.") is None


def test_a_bomb_maker_or_a_bomb_cell_is_no_bombing_but_a_car_bombing_is() -> None:
    assert [t.entry.id for t in find_triggers(
        "Iraqi Army arrests suspected AQI bomb maker in Mosul")] == ["arrests"]
    assert find_triggers("searching for a Taliban roadside-bomb cell leader") == []
    assert find_triggers("a network that plants roadside bombs along the road") == []
    [bombing] = find_triggers("a double car bombing in Mogadishu")
    assert bombing.entry.sub_event_type == "Remote explosive/landmine/IED"
    fire = find_triggers("The security force returned fire, killing the armed man.")[0]
    assert fire.entry.sub_event_type == "Armed clash"


def test_machine_gunned_and_a_dynamite_charge_are_incidents() -> None:
    assert [t.entry.id for t in find_triggers("A COMMANDO MACHINE-GUNNED THE MAYOR")] == [
        "shooting"]
    assert [t.entry.id for t in find_triggers("A DYNAMITE CHARGE DESTROYED THE BANK")] == ["ied"]


def test_what_someone_said_in_quotation_marks_is_no_incident() -> None:
    text = ("LIMA, 28 DEC 90 (EFE) -- THE MINISTER SAID 'THE SHINING PATH MURDERS PEASANTS AND "
            "DYNAMITES BRIDGES' AT A CEREMONY.")
    assert find_triggers(text) == []
    assert asides('Iran said it had "unintentionally" shot down a jet, blaming "human error".'
                  ) == []


def test_year_figures_are_statistics() -> None:
    assert not_event_reason("THE FIGURES ALSO LIST 410 CIVILIANS KILLED IN REBEL ATTACKS ON "
                            "VILLAGES.") == "statistics"
    assert not_event_reason("THE MINISTRY SAID THE NUMBER OF CLASHES FELL SHARPLY IN THE LAST "
                            "QUARTER.") == "statistics"


def test_a_second_object_before_and_wounding_is_the_first_verbs() -> None:
    assert kind_rule("FIVE ENLISTED MEN", "AMBUSHED AN ARMY TRUCK, KILLING A LIEUTENANT AND ",
                     " AND WOUNDING THREE OTHERS.") == ("killed", "near_cue")


def test_the_other_side_of_a_clash_is_not_harmed() -> None:
    assert kind_rule("SOME 60 FMLN GUERRILLAS", "12 TERRORISTS WERE KILLED AND THREE SOLDIERS "
                     "WOUNDED IN A CLASH BETWEEN TROOPS OF THE ATLACATL BATTALION AND A COLUMN OF ",
                     " NEAR SAN JOSE LAS FLORES.")[0] == "killed_or_injured"


def test_people_found_by_the_finder_taken_into_custody_or_named_with_an_age() -> None:
    text = ("Afghan and coalition forces took a Hezb-e Islami Gulbuddin weapons facilitator and "
            "two of his associates into custody in Alingar district.")
    [found] = find_casualty_spans(text, [])
    assert parse_quantity(text[found.start:found.end], people=True).min == 3
    text = ("BOGOTA, 12 MAY 90 (EFE) -- [TEXT] SUPERIOR COURT JUDGE ALVARO RESTREPO MEJIA, 44, WAS "
            "ASSASSINATED TODAY IN MEDELLIN.")
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == [
        "SUPERIOR COURT JUDGE ALVARO RESTREPO MEJIA"]


def test_seized_passengers_are_held_and_both_is_two() -> None:
    assert kind_rule("14 passengers", "Gunmen blocked the highway and seized ",
                     " from three vehicles.")[0] == "detained"
    assert parse_quantity("BOTH MEN", people=True).min == 2


def test_a_press_release_dateline_with_a_weekday() -> None:
    found = find_dateline("KABUL (Monday, 15 March 2010) - Police in Kunduz province arrested "
                          "four men.")
    assert found is not None and found[0] == dt.date(2010, 3, 15)


def test_an_arrest_operation_keeps_its_type_after_what_the_leader_is_said_to_have_done() -> None:
    text = ("A security force arrested a Haqqani network leader in Sabari district, Khost "
            "province, Sunday. The leader directed a group of fighters who ambushed Afghan "
            "police convoys along the Khost-Gardez road.")
    assert events_of(text, (A, "security force"), (C, "a Haqqani network leader"),
                     (L, "Sabari district"), (L, "Khost province"), (D, "Sunday"),
                     (A, "Afghan police")) == [("Arrests", 0, 0, 1)]
    assert [t.entry.id for t in find_triggers(
        "troops raided two buildings believed to house a cell that assembles car bombs")] == [
        "attack"]
    assert [t.entry.id for t in find_triggers("searching for a man believed to run a kidnapping "
                                              "ring")] == []


def test_capture_sent_to_hell_and_carrying_off_are_read() -> None:
    assert kind_rule("13 suspects", "Coalition forces capture ", ", kill one gunman")[0] == (
        "detained")
    assert kind_rule("four terrorists", "after an intense exchange of fire, ",
                     " were sent to hell, while two were apprehended.")[0] == "killed"
    assert kind_rule("SIX OTHERS", "KILLING ELEVEN PEOPLE, INCLUDING THREE DRIVERS, AND CARRYING "
                     "OFF ", " INTO THE BUSH.")[0] == "detained"


def test_the_attackers_named_past_the_span_are_not_harmed() -> None:
    assert kind_rule("SOME 40 NEW PEOPLE", "THREE OTHERS WOUNDED WHEN ",
                     "'S ARMY REBELS AMBUSHED THEIR PATROL IN LAS NAVAS.")[0] == (
        "killed_or_injured")


def test_one_person_before_and_after_a_dateline_dash() -> None:
    text = ("MANILA, 3 AUG 90 (DZRH RADIO) -- A LIEUTENANT AND SIX ENLISTED MEN OF THE "
            "PHILIPPINE ARMY WERE KILLED AND THREE OTHERS WOUNDED WHEN REBELS AMBUSHED THEIR "
            "PATROL IN LAS NAVAS.")
    assert events_of(text, (C, "SIX ENLISTED MEN"), (C, "THREE OTHERS"), (A, "REBELS"),
                     (L, "LAS NAVAS"))[0][1:] == (7, 3, 0)


def test_the_bodies_of_the_other_side_add_to_the_dead() -> None:
    text = ("SHINING PATH TERRORISTS LAST NIGHT ATTACKED THE POLICE POST IN VILCASHUAMAN, "
            "KILLING FOUR CIVIL GUARDS AND WOUNDING TWO OTHERS. THE POLICEMEN REPELLED THE "
            "ATTACK, AND THE BODIES OF THREE SUBVERSIVES WERE FOUND NEAR THE POST.")
    assert events_of(text, (A, "SHINING PATH TERRORISTS"), (L, "VILCASHUAMAN"),
                     (C, "FOUR CIVIL GUARDS"), (C, "TWO OTHERS"),
                     (C, "THREE SUBVERSIVES"))[0][1:] == (7, 2, 0)
    text = ("Soldier, two NPA rebels killed in Las Navas clash. One soldier and two members of "
            "the New People's Army were killed in an encounter in Las Navas.")
    assert [e[1] for e in events_of(text, (C, "two"), (C, "One soldier"), (C, "two members"),
                                    (L, "Las Navas"))] == [3]


def test_where_those_who_tell_of_it_sit_is_not_where_it_happened() -> None:
    text = ("REBELS AMBUSHED AN ARMY PATROL IN LAS NAVAS, NORTHERN SAMAR, KILLING SEVEN SOLDIERS. "
            "MILITARY AUTHORITIES IN CATARMAN SAID THE REBELS DETONATED A LANDMINE BEFORE "
            "RAKING THE SOLDIERS WITH AUTOMATIC FIRE.")
    found = read(text, (A, "REBELS"), (L, "LAS NAVAS"), (L, "NORTHERN SAMAR"),
                 (C, "SEVEN SOLDIERS"), (L, "CATARMAN"), published=PUBLISHED)
    assert len(found) == 1 and found[0].locations[0].name == "Las Navas"


def test_a_country_named_before_a_division_and_a_hospital_named_after_a_place() -> None:
    place = geocode("North-West region", context_before="a bus in Cameroon's ",
                    prefer_countries=("ZA",))
    assert place is not None and place.country_code == "CM"
    text = ("A car bomb exploded outside a restaurant in Mogadishu, killing seven people. Crews "
            "carried 15 wounded people to Madina and Erdogan hospitals.")
    found = read(text, (L, "Mogadishu"), (C, "seven people"), (C, "15 wounded people"),
                 (L, "Madina"), published=PUBLISHED)  # no Madinah of Saudi Arabia
    assert [e.locations[0].country_code for e in found] == ["SO"]


def test_general_news_words_that_are_no_incident() -> None:
    assert not_event_reason("The Crew Dragon was launched via a Falcon 9 rocket from the "
                            "Kennedy Space Center.") == "spaceflight"
    assert find_triggers("On live television Erdogan also attacked the proclamation of the "
                         "Golan Heights as Israeli territory.") == []
    assert find_triggers("In mid-September, Trump held his first indoor rally in months.") == []
    assert find_triggers("A man set himself on fire outside the White House.") == []
    assert [t.entry.id for t in find_triggers("Militants attacked the police station.")] == [
        "attack"]


def test_last_month_name_is_the_one_before_this_month_and_a_verbal_attack_is_none() -> None:
    found = resolve_date("last October", published=dt.date(2019, 9, 29))
    assert found is not None and (found.start, found.end) == (dt.date(2018, 10, 1),
                                                              dt.date(2018, 10, 31))
    assert find_triggers("Trump attacked Drudge as a consistent Trump opponent.") == []


def test_deaths_in_a_story_of_an_earthquake_are_no_attack() -> None:
    text = ("Seismic activity continues to shake Puerto Rico with 5.2 quake\n\nOn Wednesday a "
            "magnitude 6.4 event destroyed at least 300 homes, killed one and injured eight "
            "people.")
    assert read(text, (C, "one"), (C, "eight people"), published=PUBLISHED) == []


def test_an_ambush_of_civilians_is_an_attack_and_of_soldiers_a_clash() -> None:
    text = ("Four people are killed after jihadists ambush a government delegation near Nara, "
            "Mali.")
    assert events_of(text, (C, "Four people"), (A, "jihadists"), (L, "Nara"),
                     (L, "Mali")) == [("Attack", 4, 0, 0)]
    text = "Jihadists ambushed an army patrol near Nara on Sunday, killing six soldiers."
    assert events_of(text, (A, "Jihadists"), (L, "Nara"), (D, "Sunday"),
                     (C, "six soldiers")) == [("Armed clash", 6, 0, 0)]


def test_nab_taken_into_custody_and_a_sub_commander_are_held() -> None:
    text = ("Troops nabbed seven suspected logistics suppliers to Boko Haram/ISWAP terrorists at "
            "a checkpoint.")
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == [
        "seven suspected logistics suppliers"]
    assert kind_rule("The suspects", "", " have been taken into custody for questioning.")[0] == (
        "detained")
    text = "A security force apprehended a Taliban sub-commander in Arghandab."
    assert [text[s.start:s.end] for s in find_casualty_spans(text, [])] == [
        "a Taliban sub-commander"]


def test_two_verbs_joined_by_and_count_other_people() -> None:
    text = ("An Afghan-led security force apprehended a Taliban sub-commander and detained two of "
            "his associates in Arghandab district on Tuesday.")
    assert events_of(text, (A, "Afghan-led security force"), (C, "two of"),
                     (L, "Arghandab district"), (D, "Tuesday"))[0][1:] == (0, 0, 3)
    text = "Gunmen attacked a market in Afgooye, killing 3 soldiers and killing 3 women."
    assert events_of(text, (A, "Gunmen"), (L, "Afgooye"), (C, "3 soldiers"),
                     (C, "3 women"))[0][1:] == (6, 0, 0)
    text = ("Six gunmen attacked a market in Kokrajhar with rifles and grenades, killing 14 and "
            "injuring 15.")  # "and grenades": no verb of its own
    assert events_of(text, (A, "Six gunmen"), (L, "Kokrajhar"), (C, "14"),
                     (C, "15"))[0][1:] == (14, 15, 0)
