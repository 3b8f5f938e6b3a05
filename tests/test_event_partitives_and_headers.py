"""Partitives of the wounded who died later, tolls of the wounded, the attackers named before
"two of whom", the enemy "neutralised", people fired at or dispersed (not harmed), wounds in a
limb, the day the dead were found, a street named after a country, stations in datelines, and
false reports debunked. Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.assembly import extract_events
from model.events.casualties import is_subset, kind_rule
from model.events.casualty_finder import find_casualty_spans
from model.events.datelines import dateline_end, find_dateline
from model.events.triggers import find_triggers
from tests.test_event_reading import A, C, D, L, read, spans_in


def _found(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_casualty_spans(text, [])]


def test_one_of_the_wounded_who_died_later_moves_to_the_dead() -> None:
    text = ("SAN SALVADOR, 14 MAR 89 (RADIO ONDAS DEL LEMPA) -- [TEXT] FOUR SOLDIERS WERE KILLED "
            "AND NINE WOUNDED YESTERDAY WHEN FMLN GUERRILLAS ATTACKED THE DETACHMENT AT SANTIAGO "
            "DE MARIA, USULUTAN DEPARTMENT. TROOPS REPELLED THE ATTACKERS, TWO OF WHOM WERE "
            "KILLED. COPREFA ADDED THAT ONE OF THE WOUNDED, A CORPORAL, DIED THIS MORNING.")
    (event,) = read(text, (L, "SAN SALVADOR"), (C, "FOUR SOLDIERS"), (C, "NINE"),
                    (D, "YESTERDAY"), (A, "FMLN GUERRILLAS"), (L, "SANTIAGO DE MARIA"),
                    (L, "USULUTAN DEPARTMENT"), (C, "TWO OF"), (D, "THIS MORNING"),
                    published=dt.date(1989, 3, 14))
    assert (event.fatalities, event.injured) == (7, 8)  # 4 soldiers, 2 attackers, 1 corporal
    assert event.locations[0].admin1 == "Usulutan"  # not the station's river (Lempa)


def test_some_of_the_counted_wounded_who_died_and_a_toll_by_side() -> None:
    text = ("COLOMBO (LANKA NATIONAL BROADCAST) 5 JUN 87 -- [TEXT] SOURCES SAID TODAY THAT 18 "
            "SOLDIERS WERE KILLED WHEN TERRORISTS AMBUSHED AN ARMY PATROL ON WEDNESDAY IN "
            "TRINCOMALEE DISTRICT. FOUR OF THE 9 WOUNDED SOLDIERS LATER DIED IN HOSPITAL, BRINGING "
            "THE DEATH TOLL AMONG THE SECURITY FORCES TO 22.")
    (event,) = read(text, (L, "COLOMBO"), (L, "LANKA"), (D, "5 JUN 87"), (D, "TODAY"),
                    (C, "18 SOLDIERS"), (A, "TERRORISTS"), (D, "WEDNESDAY"),
                    (L, "TRINCOMALEE DISTRICT"), (C, "FOUR OF THE"), (C, "9 WOUNDED SOLDIERS"),
                    published=dt.date(1987, 6, 5))
    assert (event.fatalities, event.injured) == (22, 5)
    assert event.date.date_start == dt.date(1987, 6, 3)  # Wednesday, not the day it was said
    assert (event.locations[0].country_code, event.locations[0].admin1) == (
        "LK", "Eastern Province")  # not Lanka, Assam, named by the station


def test_a_toll_of_the_wounded_after_the_death_toll() -> None:
    assert kind_rule("32", "By Saturday the death toll had risen to 17, including the bomber, "
                     "and the number of wounded to ", ", officials said.")[0] == "injured"
    assert kind_rule("17", "By Saturday the death toll had risen to ", ", including the "
                     "bomber")[0] == "killed"


def test_the_enemy_neutralised_and_a_soldier_who_paid_the_supreme_price() -> None:
    text = ("Troops repelled an attack by terrorists on Damboa, Borno State, on Saturday. The "
            "troops engaged the terrorists and neutralised 11 of them. Sadly, one gallant soldier "
            "paid the supreme price, while three others were wounded in action.")
    (event,) = read(text, (L, "Damboa"), (L, "Borno State"), (D, "Saturday"), (C, "11"),
                    (C, "one gallant soldier"), (C, "three others"),
                    published=dt.date(2021, 8, 16))
    assert (event.fatalities, event.injured) == (12, 3)


def test_one_of_them_succumbed_after_a_comma_that_opens_the_sentence() -> None:
    assert not is_subset("Sadly, ", " of them succumbed while undergoing treatment")
    assert is_subset("50 others were wounded, ", " of them critically")
    assert is_subset("Of the 27 wounded, ", " had gunshot wounds")
    text = ("A police vehicle ran over an improvised explosive device in Mandera County on "
            "Sunday. Three officers lost their lives on the spot, while two others sustained "
            "serious injuries. Sadly, one of them succumbed while undergoing treatment.")
    (event,) = read(text, (L, "Mandera County"), (D, "Sunday"), (C, "Three officers"),
                    (C, "two others"), (C, "one of"), published=dt.date(2023, 6, 12))
    assert (event.fatalities, event.injured) == (4, 1)


def test_people_fired_at_or_dispersed_are_not_the_dead() -> None:
    assert kind_rule("hundreds of hawkers", "Police fired tear gas and live bullets at ",
                     " marching through Nairobi, killing two people")[0] == "killed_or_injured"
    assert kind_rule("200 traders", "police used tear gas to disperse about ",
                     " protesting a ban, and arrested nine of them")[0] == "killed_or_injured"
    assert kind_rule("THE DRIVER", "", ", WHO TRIED TO ESCAPE, WAS SHOT IN THE LEG AND WAS "
                     "TAKEN TO HOSPITAL")[0] == "injured"


def test_people_named_by_a_role_with_also_or_a_wound_sustained() -> None:
    assert _found("A peasant woman was also wounded by crossfire.") == ["A peasant woman"]
    assert _found("The driver sustained a gunshot wound in the attack.") == ["The driver"]
    assert _found("A police spokesman said that one of the wounded, a night watchman, died of "
                  "his injuries.") == ["one of the wounded"]


def test_the_day_the_dead_were_found_is_not_the_day_of_the_raid() -> None:
    text = ("THE BODIES OF 11 VILLAGERS WERE FOUND THIS MORNING IN SIRIPURA, TRINCOMALEE "
            "DISTRICT, AFTER GUERRILLAS RAIDED IT LATE YESTERDAY, THE COMMAND SAID.")
    (event,) = read(text, (C, "11 VILLAGERS"), (D, "THIS MORNING"), (L, "SIRIPURA"),
                    (L, "TRINCOMALEE DISTRICT"), (D, "LATE YESTERDAY"),
                    published=dt.date(1987, 5, 19))
    assert event.date.date_start == dt.date(1987, 5, 18)


def test_a_street_named_after_a_country_places_nothing() -> None:
    text = ("LIMA, 9 JUN 92 (PACIFIC CABLE SERVICE) -- [TEXT] A CAR BOMB WENT OFF LAST NIGHT "
            "OUTSIDE A BANK IN THE LA VICTORIA DISTRICT, KILLING THREE PEOPLE. SEVERAL OF THE "
            "VICTIMS WERE WAITING FOR BUSES ON AVENIDA MEXICO.")
    (event,) = read(text, (L, "LIMA"), (D, "LAST NIGHT"), (L, "LA VICTORIA DISTRICT"),
                    (C, "THREE PEOPLE"), (L, "AVENIDA MEXICO"), published=dt.date(1992, 6, 9))
    assert {loc.country_code for loc in event.locations} <= {"PE", None}


def test_datelines_with_the_station_before_the_date() -> None:
    text = "COLOMBO (LANKA NATIONAL BROADCAST) 5 JUN 87 -- [TEXT] EIGHTEEN SOLDIERS DIED."
    assert find_dateline(text)[0] == dt.date(1987, 6, 5)
    assert text[dateline_end(text):].startswith(" EIGHTEEN")
    text = ("NEW DELHI NORTHERN NEWS SERVICE IN ENGLISH 1130 GMT 11 AUG 94 -- [TEXT] ONE CIVILIAN "
            "WAS KILLED WHEN MILITANTS HURLED A GRENADE IN SRINAGAR THIS AFTERNOON.")
    (event,) = read(text, (L, "NEW DELHI"), (C, "ONE CIVILIAN"), (A, "MILITANTS"),
                    (L, "SRINAGAR"), (D, "THIS AFTERNOON"), published=dt.date(1994, 8, 11))
    assert event.locations[0].admin1 == "Jammu and Kashmir"  # not where it was monitored


def test_a_false_report_debunked_is_no_event() -> None:
    text = ("The attention of the Army has been drawn to a report circulating on social media "
            "alleging that terrorists overran a military base in Monguno on Monday night and "
            "killed 30 soldiers. The report is false.")
    spans = spans_in(text, (L, "Monguno"), (D, "Monday night"), (C, "30 soldiers"))
    assert extract_events(text, spans, published=dt.date(2020, 1, 8)) == []


def test_a_march_fired_on_and_weapons_beside_a_grenade() -> None:
    assert "excessive_force" in [m.entry.id for m in find_triggers(
        "POLICE OPENED FIRE WITH RUBBER BULLETS ON A STUDENT MARCH IN ULUNDI.")]
    assert not find_triggers("THE MARCH 19 ELECTIONS WERE CALLED OFF.")  # the month
    assert "grenade" not in [m.entry.id for m in find_triggers(
        "The terrorists opened indiscriminate fire and lobbed grenades at the search party.")]
    assert "ied" not in [m.entry.id for m in find_triggers(
        "The force killed six insurgents during an operation targeting a Taliban improvised "
        "explosive device facilitator.")]


def test_some_of_the_wounded_described_are_part_of_them() -> None:
    assert is_subset("", " of the six wounded were policemen; the other two were a driver")
    assert not is_subset("", " of the 9 wounded soldiers later died in hospital")
    text = ("A bomb ripped through a police van in Dera Ismail Khan on Monday, killing three "
            "policemen and wounding six other people. Four of the six wounded were policemen.")
    (event,) = read(text, (L, "Dera Ismail Khan"), (D, "Monday"), (C, "three policemen"),
                    (C, "six other people"), (C, "Four"), (C, "six wounded"),
                    published=dt.date(2014, 4, 22))
    assert (event.fatalities, event.injured) == (3, 6)


def test_meanwhile_with_a_trigger_of_its_own_is_another_incident() -> None:
    text = ("A CAR BOMB EXPLODED THIS MORNING IN BEIRUT, KILLING 19 PEOPLE. MEANWHILE, SHELLS "
            "FELL ON RESIDENTIAL AREAS OF BEIRUT BEFORE DAWN, KILLING 2 CIVILIANS.")
    events = read(text, (D, "THIS MORNING"), (L, "BEIRUT"), (C, "19 PEOPLE"), (L, "BEIRUT"),
                  (D, "BEFORE DAWN"), (C, "2 CIVILIANS"), published=dt.date(1985, 7, 22))
    assert [e.fatalities for e in events] == [19, 2]
    (event,) = read("A car bomb exploded in Beirut on Monday, killing 19 people. Meanwhile, the "
                    "death toll rose to 23.", (L, "Beirut"), (D, "Monday"), (C, "19 people"),
                    published=dt.date(1985, 7, 23))
    assert event.fatalities == 23


def test_an_attacker_left_out_of_the_toll_told_is_added() -> None:
    text = ("A suicide bomber blew herself up at a market in Konduga on Monday, killing at least "
            "11 people. By Tuesday the death toll had risen to 14. The figure does not include "
            "the bomber, who was also killed.")
    (event,) = read(text, (L, "Konduga"), (D, "Monday"), (C, "at least 11 people"),
                    (D, "Tuesday"), (C, "14"), published=dt.date(2024, 2, 13))
    assert event.fatalities == 15


def test_a_rebel_radio_names_its_own_fallen_after_the_enemy_dead() -> None:
    text = ("(CLANDESTINE), 03 NOV 85 (RADIO AURORA) -- [TEXT] YESTERDAY OUR UNITS AMBUSHED AN "
            "ARMY PATROL IN SAN MIGUEL DEPARTMENT. ELEVEN SOLDIERS WERE KILLED. WE REGRET TO "
            "REPORT THAT COMPANERO ISMAEL, A PLATOON CHIEF, FELL HEROICALLY WHILE COVERING THE "
            "WITHDRAWAL.")
    (event,) = read(text, (D, "YESTERDAY"), (L, "SAN MIGUEL DEPARTMENT"),
                    (C, "ELEVEN SOLDIERS"), (A, "COMPANERO ISMAEL"),
                    published=dt.date(1985, 11, 3))
    assert event.fatalities == 12


def test_attackers_counted_before_their_verb_with_a_group_name_set_off() -> None:
    assert kind_rule("SOME 100 MEMBERS", "FIVE POLICEMEN WERE KILLED YESTERDAY WHEN ",
                     " OF THE REVOLUTIONARY ARMED FORCES OF COLOMBIA, FARC, ATTACKED THE "
                     "POLICE STATION")[0] == "killed_or_injured"


def test_attackers_who_withdrew_to_the_mountains_handed_over_nothing() -> None:
    assert not find_triggers("THE ATTACKERS WITHDREW TOWARD THE MOUNTAINS WHEN AN ARMY UNIT "
                             "ARRIVED FROM SANTANDER DE QUILICHAO.")
    assert [m.entry.id for m in find_triggers(
        "Russian troops withdrew from Kherson city on Friday.")] == ["withdrawal"]


def test_one_person_named_before_the_counted_people_and_and() -> None:
    text = ("A CARABINERO CORPORAL AND A PASSERBY WERE KILLED AND NINE PEOPLE WERE WOUNDED WHEN "
            "A CAR BOMB EXPLODED LAST NIGHT IN SANTIAGO.")
    (event,) = read(text, (C, "A PASSERBY"), (C, "NINE PEOPLE"), (D, "LAST NIGHT"),
                    (L, "SANTIAGO"), published=dt.date(1987, 11, 19))
    assert (event.fatalities, event.injured) == (2, 9)


def test_a_release_with_bullets_and_both_sides_dead() -> None:
    text = ("KABUL, Afghanistan (Nov. 14, 2019) - Commandos conducted a clearing operation in "
            "Nad-e Ali district, Helmand province, Tuesday night.\n\n- 11 Taliban fighters "
            "killed\n- Two ANA commandos killed\n\nIn the engagement that followed, 11 insurgents "
            "were killed. Two commandos lost their lives.")
    (event,) = read(text, (L, "KABUL"), (L, "Nad-e Ali district"), (L, "Helmand province"),
                    (D, "Tuesday night"), (C, "- 11 Taliban fighters"), (C, "Two ANA commandos"),
                    (C, "11 insurgents"), (C, "Two commandos"), published=dt.date(2019, 11, 14))
    assert event.fatalities == 13


def test_wounded_who_sustained_injuries_beside_the_dead_and_a_woman_hit_who_died() -> None:
    assert kind_rule("5 others", "Regrettably, 2 soldiers paid the supreme price, while ",
                     " and a Civilian JTF member sustained injuries.")[0] == "injured"
    assert _found("A woman hit by a stray round in the town later died of her wounds.") == [
        "A woman"]


def test_a_weeks_tally_terrorists_killed_and_a_gang_named_by_a_number() -> None:
    text = ("Yesterday, security forces conducted an operation in Mir Ali, North Waziristan "
            "District. Own troops engaged the terrorists, as a result of which 6 terrorists were "
            "killed. With this operation, the number of terrorists killed in the area in the "
            "past week has risen to 17.")
    (event,) = read(text, (D, "Yesterday"), (L, "Mir Ali"), (L, "North Waziristan District"),
                    (C, "6 terrorists"), published=dt.date(2023, 7, 12))
    assert (event.fatalities, event.event_type) == (6, "Battles")
    (event,) = read("Gunmen of the 400 Mawozo gang kidnap 11 passengers from a bus in "
                    "Croix-des-Bouquets, Haiti, on Monday.", (C, "400 Mawozo gang"),
                    (C, "11 passengers"), (L, "Croix-des-Bouquets"), (L, "Haiti"),
                    (D, "Monday"), published=dt.date(2021, 6, 16))
    assert event.detained == 11


def test_a_victims_birth_year_dates_no_update() -> None:
    text = ("KRAMATORSK (Aug. 16) - On Monday evening Russian forces shelled Bakhmut. Two "
            "civilians were killed and five were injured.\n\nUPDATE: Rescuers found the body of "
            "a third victim, a man born in 1961. As of now, the toll of the shelling stands at "
            "three dead and five wounded.")
    (event,) = read(text, (L, "KRAMATORSK"), (D, "Monday evening"), (L, "Bakhmut"),
                    (C, "Two civilians"), (C, "five"), (C, "a third victim"), (D, "1961"),
                    published=dt.date(2022, 8, 16))
    assert event.fatalities == 3


def test_an_armed_strike_called_is_no_air_strike_and_dawn_dates_its_day() -> None:
    assert "strike" not in [m.entry.id for m in find_triggers(
        'THE SHINING PATH HAS CALLED A 48-HOUR "ARMED STRIKE" IN HUANCAYO.')]
    (event,) = read("A force raided three houses in Al-Aith, Salah al-Din province, at dawn on "
                    "Sunday and arrested seven suspects.", (L, "Al-Aith"),
                    (L, "Salah al-Din province"), (D, "at dawn on Sunday"), (C, "seven suspects"),
                    published=dt.date(2020, 3, 17))
    assert (event.date.date_start, event.detained) == (dt.date(2020, 3, 15), 7)


def test_bullets_after_a_periods_results_are_tallies() -> None:
    text = ("BOGOTA, Colombia (January 5, 2022) - The National Army presents the operational "
            "results of the 2021 campaign plan.\n\n- 1,245 members of armed groups captured\n"
            "- 214 members of armed groups neutralised in military operations\n\nThe Army will "
            "maintain its offensive in 2022.")
    spans = spans_in(text, (L, "BOGOTA"), (C, "1,245 members of armed groups"),
                     (C, "214 members of armed groups"))
    assert extract_events(text, spans, published=dt.date(2022, 1, 5)) == []
    text = ("KABUL, Afghanistan (Nov. 14, 2019) - Commandos raided a compound in Helmand "
            "province on Tuesday night.\n\n- 11 Taliban fighters killed\n")
    (event,) = read(text, (L, "KABUL"), (L, "Helmand province"), (D, "Tuesday night"),
                    (C, "11 Taliban fighters"), published=dt.date(2019, 11, 14))
    assert event.fatalities == 11  # bullets after an incident are its own figures


def test_a_quoted_verb_still_governs_its_count() -> None:
    assert kind_rule("least 24 assailants", 'troops repelled the assault and "neutralised" at ',
                     ", capturing four others")[0] == "killed"
