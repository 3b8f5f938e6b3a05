"""Full-length wire articles: the dead a group claims, the wounded told by where they lie, people
beaten to death, a headline that sums two incidents, and the words of violence in sport,
politics and a survivor's simile. Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_event_reading import A, C, D, L, read

PUBLISHED = dt.date(2024, 4, 12)


def _told(text: str, *marks: tuple[str, str]) -> list[tuple[str | None, int, int, int]]:
    return [(e.event_type, e.fatalities, e.injured, e.detained)
            for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]


def test_the_dead_a_claim_of_responsibility_gives_are_not_counted() -> None:
    text = ("Militants attacked a police checkpoint in Lakki Marwat on Tuesday, killing four "
            "officers. The Pakistani Taliban claimed responsibility in a statement, saying its "
            "fighters had killed nine police officers.")
    marks = ((A, "Militants"), (L, "Lakki Marwat"), (D, "Tuesday"), (C, "four officers"),
             (A, "Pakistani Taliban"), (C, "nine police officers"))
    assert [fatalities for _, fatalities, _, _ in _told(text, *marks)] == [4]


def test_the_wounded_told_by_where_they_lie() -> None:
    text = ("Militants attacked a police checkpoint in Lakki Marwat on Tuesday, killing two "
            "officers. Three militants were also killed, and five officers remain in hospital.")
    marks = ((A, "Militants"), (L, "Lakki Marwat"), (D, "Tuesday"), (C, "two officers"),
             (C, "Three militants"), (C, "five officers"))
    assert [(fatalities, injured) for _, fatalities, injured, _ in _told(text, *marks)] == [(5, 5)]


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("Gunmen hacked two farmers to death in Benue on Monday.",
     ((A, "Gunmen"), (L, "Benue"), (D, "Monday")), ("Violence against civilians", 2)),
    ("A mob beat a man to death in a village in Jharkhand on Wednesday.",
     ((A, "mob"), (L, "Jharkhand"), (D, "Wednesday")), ("Riots", 1)),
])
def test_beaten_to_death(text: str, marks: tuple[tuple[str, str], ...],
                         expected: tuple[str, int]) -> None:
    assert [(kind, fatalities) for kind, fatalities, _, _ in _told(text, *marks)] == [expected]


def test_a_headline_that_sums_two_incidents() -> None:
    text = ("Roadside bomb and attack on gold mine kill eighteen in Burkina Faso\n\n"
            "A minibus struck a roadside bomb near Dori on Monday, killing eleven passengers. "
            "On Tuesday gunmen attacked a gold-mining site near Gayeri, killing seven people.")
    marks = ((C, "eighteen"), (L, "Burkina Faso"), (L, "Dori"), (D, "Monday"),
             (C, "eleven passengers"), (D, "Tuesday"), (A, "gunmen"), (L, "Gayeri"),
             (C, "seven people"))
    assert [fatalities for _, fatalities, _, _ in _told(text, *marks)] == [11, 7]


def test_a_lead_that_tells_two_incidents_keeps_their_counts() -> None:
    text = ("16 soldiers die in an ambush in Tibu and a car bomb kills one and injures 22 in "
            "Bogota. Both attacks are blamed on FARC.")
    marks = ((C, "16 soldiers"), (L, "Tibu"), (C, "one"), (C, "22"), (L, "Bogota"),
             (A, "FARC"))
    assert sum(fatalities for _, fatalities, _, _ in _told(text, *marks)) == 17


def test_no_arrest_from_suspects_identified() -> None:
    text = ("A mob beat a man to death in Giridih on Wednesday. No arrests had been made, but "
            "several suspects had been identified from videos.")
    marks = ((A, "mob"), (L, "Giridih"), (D, "Wednesday"), (C, "several suspects"))
    assert [detained for _, _, _, detained in _told(text, *marks)] == [0]


@pytest.mark.parametrize(("text", "marks"), [
    # sport
    ("Ten-man Zamalek kept pressing and equalised with a deflected strike in Cairo.",
     ((A, "Zamalek"), (L, "Cairo"))),
    # politics
    ("The two candidates traded bitter attacks in a televised debate on Thursday night.",
     ((D, "Thursday night"),)),
    ("Albuquerque opened fire within minutes, accusing his rival of ruining the health system.",
     ((A, "Albuquerque"),)),
    # a survivor's simile beside a flood
    ("Floods and landslides killed 42 people in Sylhet this week, officials said. \"It was like "
     "a bomb went off in the water,\" a survivor said.",
     ((C, "42 people"), (L, "Sylhet"))),
    # a trend, not an incident
    ("Jharkhand has seen several lynchings in recent years.", ((L, "Jharkhand"),)),
    ("Fighting with armed groups has intensified in recent weeks in Cauca.", ((L, "Cauca"),)),
])
def test_the_words_of_violence_with_no_incident(text: str,
                                                marks: tuple[tuple[str, str], ...]) -> None:
    assert _told(text, *marks) == []
