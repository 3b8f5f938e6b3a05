"""Military and police releases: counts written in words and again in figures ("twenty-four
(24) terrorists"), soldiers who "fell with honour", a toll "as follows", "armed civilians" who
attack, and devices defused in another operation. Spans are marked by hand (as the tagger marks
them: it often starts a count at its figures), so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from tests.test_event_reading import A, C, D, L, read

PUBLISHED = dt.date(2020, 3, 3)


def _counts(text: str, *marks: tuple[str, str]) -> list[tuple[int, int]]:
    return [(e.fatalities, e.injured) for e in read(text, *marks, published=PUBLISHED)
            if not e.cumulative]


def test_a_count_in_words_and_figures_is_one_count() -> None:
    text = ("On Sunday the detachment of Arbinda, Sahel region, came under attack by terrorists. "
            "The provisional toll is twenty-four (24) terrorists neutralised. On the friendly "
            "side, seven (7) soldiers fell with honour and four (4) others were wounded.")
    marks = ((D, "Sunday"), (L, "Arbinda"), (L, "Sahel region"), (A, "terrorists"),
             (C, "24) terrorists"), (C, "7) soldiers"))
    assert _counts(text, *marks) == [(31, 4)]


def test_things_counted_in_words_and_figures_are_no_people() -> None:
    text = ("On Sunday air strikes on a hideout in Bankass, Mopti region, neutralised fifteen "
            "(15) terrorists and destroyed twelve (12) motorcycles.")
    marks = ((D, "Sunday"), (L, "Bankass"), (L, "Mopti region"), (C, "fifteen (15) terrorists"),
             (C, "twelve"))
    assert _counts(text, *marks) == [(15, 0)]


def test_a_toll_as_follows_is_the_incidents_own() -> None:
    text = ("On Sunday Boko Haram terrorists attacked the locality of Mozogo, Far North region. "
            "Soldiers repelled the attack after an hour of fighting. The toll is as follows: "
            "eleven (11) terrorists neutralised; on the friendly side, two (2) soldiers killed "
            "and three (3) wounded.")
    marks = ((D, "Sunday"), (A, "Boko Haram terrorists"), (L, "Mozogo"), (L, "Far North region"),
             (A, "Soldiers"), (C, "11) terrorists"), (C, "two (2) soldiers"), (C, "three"))
    assert _counts(text, *marks) == [(13, 3)]


def test_armed_civilians_who_attack_are_a_side() -> None:
    text = ("On Thursday soldiers in Aguililla, Michoacan, were attacked by armed civilians "
            "travelling in several vehicles.")
    marks = ((D, "Thursday"), (A, "soldiers"), (L, "Aguililla"), (L, "Michoacan"),
             (A, "armed civilians"))
    (event,) = read(text, *marks, published=PUBLISHED)
    assert event.event_type == "Battles"


def test_devices_defused_in_another_operation_are_an_event() -> None:
    text = ("On Sunday commandos killed 21 insurgents in Nad-e Ali district, Helmand province. "
            "Separately, an engineering team discovered and defused 11 improvised explosive "
            "devices planted on the highway in Zherai district of Kandahar province.")
    marks = ((D, "Sunday"), (A, "commandos"), (C, "21 insurgents"), (L, "Nad-e Ali district"),
             (L, "Helmand province"), (L, "Zherai district"), (L, "Kandahar province"))
    events = read(text, *marks, published=PUBLISHED)
    assert [e.sub_event_type for e in events] == ["Armed clash", "Disrupted weapons use"]


def test_what_a_suspect_is_suspected_of_is_no_incident() -> None:
    text = ("On Monday night in Beit Ummar, forces apprehended a suspect who is suspected of "
            "involvement in recent shooting attacks at the Route 60 junction.")
    marks = ((D, "Monday night"), (L, "Beit Ummar"), (A, "forces"), (C, "a suspect"))
    assert [e.sub_event_type for e in read(text, *marks, published=PUBLISHED)] == ["Arrests"]


def test_other_operations_of_a_release() -> None:
    text = ("Separately, gendarmerie teams in Sanliurfa caught three persons wanted for "
            "membership of DAESH on Monday. Officers at Lafey recovered an improvised explosive "
            "device planted along the Lafey-Mandera road on Sunday. Near Nablus, IDF forces "
            "demolished the residence of the terrorist on Saturday.")
    marks = ((L, "Sanliurfa"), (C, "three persons"), (D, "Monday"), (L, "Lafey"),
             (L, "Lafey-Mandera road"), (D, "Sunday"), (L, "Nablus"), (A, "IDF forces"),
             (D, "Saturday"))
    assert [e.sub_event_type for e in read(text, *marks, published=PUBLISHED)] == [
        "Arrests", "Disrupted weapons use", "Looting/property destruction"]
