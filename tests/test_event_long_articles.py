"""What full-length articles tell around an incident: counts told again (part of a toll told
later, "Another report said eight died", the people a partitive counts from, the attacker shot
dead by police), the day a report came, a day still to come ("the election to be held on August
9"), what the men held are said to have prepared, and a rally called off. Spans are marked by
hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.casualties import is_subset, kind_rule
from model.events.triggers import not_event_reason
from tests.test_event_reading import A, C, D, L, read

PUBLISHED = dt.date(2019, 8, 8)


def counts(text: str, *marks: tuple[str, str]) -> list[tuple[int, int]]:
    return [(e.fatalities, e.injured) for e in read(text, *marks, published=PUBLISHED)
            if not e.cumulative]


TOLL = ("On Saturday morning, a gunman shot shoppers at a Walmart store in El Paso, Texas, with "
        "the death toll rising to 22 people on Monday, with 25 others injured.")
TOLL_MARKS = ((D, "Saturday morning"), (A, "a gunman"), (L, "El Paso"), (L, "Texas"),
              (C, "22 people"), (C, "25 others"))


def test_part_of_a_toll_told_later_with_more_is_not_added() -> None:
    text = (f"{TOLL} According to the Mexican president, six Mexican nationals were killed in "
            "the attack, and seven more were injured.")
    assert counts(text, *TOLL_MARKS, (C, "six Mexican nationals"), (C, "seven more")) == [
        (22, 25)]


def test_another_report_of_a_figure_is_not_another_victim() -> None:
    text = f"{TOLL} Another report from the Mexican government said eight Mexicans died."
    assert counts(text, *TOLL_MARKS, (C, "eight Mexicans")) == [(22, 25)]


def test_more_people_still_add_to_a_toll() -> None:
    # the contrast: "another" and "N more" that open a clause's count still add
    text = f"{TOLL} Another two people died in hospital on Tuesday."
    assert counts(text, *TOLL_MARKS, (C, "two people")) == [(24, 25)]
    text = f"{TOLL} Three more bodies were found in the store on Tuesday."
    assert counts(text, *TOLL_MARKS, (C, "Three more bodies")) == [(25, 25)]


def test_the_people_a_partitive_counts_from_are_not_the_harmed() -> None:
    assert kind_rule("over a hundred", "Police said ",
                     " people attended the party, four of whom were injured.")[1] == "not_harmed"
    assert not is_subset("Police said over a hundred people attended the party, located in "
                         "Allegheny County, ", " of whom were injured in the shooting.")
    # a harmed group keeps its partitive a part of it
    assert is_subset("50 others were wounded, ", " of them critically")
    text = ("Gunmen opened fire at a graduation party in Clairton, Pennsylvania, on Saturday. "
            "Police said over a hundred people attended the party, four of whom were injured "
            "in the shooting.")
    assert counts(text, (A, "Gunmen"), (L, "Clairton"), (L, "Pennsylvania"), (D, "Saturday"),
                  (C, "over a hundred"), (C, "four")) == [(0, 4)]


def test_an_attacker_shot_dead_by_police_adds_to_the_victims_told_on_a_later_day() -> None:
    text = ("On Friday, Usman Khan stabbed several people at Fishmongers' Hall in London, then "
            "fled. Police arrived and shot him dead. By reports on Saturday, two of Khan's "
            "victims died, and three others were seriously injured.")
    events = read(text, (D, "Friday"), (A, "Usman Khan"), (C, "several people"),
                  (L, "Fishmongers' Hall"), (L, "London"), (A, "Police"), (C, "him"),
                  (D, "Saturday"), (C, "two of Khan"), (C, "three others"), published=PUBLISHED)
    # "By reports on Saturday" dates the report, not the deaths: one incident, the attacker
    # and his two victims dead
    assert [(e.fatalities, e.injured, str(e.date.date_start)) for e in events] == [
        (3, 3, "2019-08-02")]


def test_a_day_still_to_come_does_not_make_the_news_background() -> None:
    text = ("Belarus opposition candidate holds rally in Minsk\nMonday, August 3, 2020\n"
            "On Thursday, Sviatlana Tsikhanouskaya, a candidate for the presidential "
            "election to be held on August 9, held a rally in Minsk, Belarus.")
    events = read(text, (D, "Monday, August 3, 2020"), (D, "Thursday"),
                  (A, "Sviatlana Tsikhanouskaya"), (D, "August 9"), (L, "Minsk"),
                  published=dt.date(2020, 8, 3))
    assert [(e.sub_event_type, str(e.date.date_start)) for e in events] == [
        ("Peaceful protest", "2020-07-30")]


def test_what_the_men_held_are_said_to_prepare_keeps_the_arrest() -> None:
    held = ("Belarusian KGB arrested 33 Russian individuals, claiming them to be mercenaries, "
            "who allegedly were preparing to organize terrorism.")
    assert not_event_reason(held) is None
    assert not_event_reason("The army was preparing to attack the town.") == "intent"


def test_a_rally_called_off_or_delayed_is_no_event() -> None:
    for clause in ("Winds from the storm delayed a rally Trump planned for North Carolina.",
                   "The march was called off after police warnings.",
                   "Organisers cancelled the protest planned for Saturday."):
        assert not_event_reason(clause) == "intent"
    assert not_event_reason("Police fired tear gas at the rally in Minsk.") is None


def test_missiles_and_rockets_in_the_present_tense_of_news_briefs() -> None:
    # one-line briefs write the present tense: "land", "hits", "kill", "explodes", "fell"
    for text in ("Three missiles land near an oil refinery in Erbil, Iraqi Kurdistan.",
                 "A rocket hits a market in Kharkiv.", "Rockets kill three in Sderot.",
                 "Two rockets fell near the US embassy in Baghdad."):
        (event,) = read(text, published=PUBLISHED)
        assert event.sub_event_type == "Shelling/artillery/missile attack", text
    assert read("The fall of the rocket program was announced.", published=PUBLISHED) == []


def test_other_incidents_an_article_compares_its_own_with_are_not_its_events() -> None:
    assert not_event_reason(
        "According to data from the Gun Violence Archive, the shooting followed four deadly "
        "mass shootings in the United States that week, including one in Gilroy, killing "
        "three.") == "statistics"
    assert not_event_reason("A car bomb detonated at the gates of the military academy in "
                            "Benghazi, followed by two more bombings in the compound.") is None


def test_a_battle_in_sport_or_politics_and_a_film_about_a_war_are_no_incident() -> None:
    for clause in ("Ghana's parties prepare for battle as election campaign opens",
                   "Philippine lawmakers clash over anti-terrorism bill",
                   "Gor Mahia win bruising Mashemeji derby battle in Nairobi"):
        assert not_event_reason(clause) == "figurative", clause
    assert not_event_reason("Documentary on battle for Mosul premieres at Berlin Film "
                            "Festival") == "culture"
    for clause in ("Rebels and troops clash over control of the town",
                   "Fans clash with police after the derby",
                   "Gunmen attack film festival in Kabul"):
        assert not_event_reason(clause) is None, clause


def test_a_toll_named_by_its_figure_that_leaves_the_bomber_out() -> None:
    text = ("A suicide bomber blew himself up at a market in Khar on Monday. On Wednesday the "
            "death toll rose to 16. Police said the figure of 16 did not include the bomber.")
    events = read(text, (A, "A suicide bomber"), (L, "Khar"), (C, "16"), (C, "the bomber"),
                  published=PUBLISHED)
    assert [e.fatalities for e in events] == [17]


def test_a_toll_of_people_held_updates_the_incident() -> None:
    text = ("Georgian police detained 43 people as they dispersed a protest in Tbilisi on "
            "Thursday night. On Saturday the interior ministry said the number detained during "
            "the dispersal had reached 61.")
    events = read(text, (A, "Georgian police"), (C, "43 people"), (L, "Tbilisi"),
                  (D, "Thursday night"), (D, "Saturday"), published=dt.date(2019, 8, 11))
    assert [(e.detained, str(e.date.date_start)) for e in events] == [(61, "2019-08-08")]


def test_a_later_sentence_does_not_take_the_day_a_statement_was_made() -> None:
    text = ("Islamist fighters ambushed an army convoy near Douentza on Sunday. On Tuesday, a "
            "military source said the road had reopened. Separately, a roadside bomb hit a "
            "truck near Mopti, killing two.")
    events = read(text, (A, "Islamist fighters"), (L, "Douentza"), (D, "Sunday"),
                  (D, "Tuesday"), (L, "Mopti"), (C, "two"), published=dt.date(2022, 8, 23))
    # the bomb is told after a statement's day: it takes the last day of an incident told
    assert [str(e.date.date_start) for e in events] == ["2022-08-21", "2022-08-21"]
