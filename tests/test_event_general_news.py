"""General news that uses the words of violence for something else: a death with no sign of
violence told by the police, a thing that "was not stormed", a population that "exploded",
drugs the police "seized". Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_event_reading import A, C, L, read

PUBLISHED = dt.date(2020, 7, 10)


@pytest.mark.parametrize(("text", "marks"), [
    ("The city's former mayor was found dead on a hillside, police reported on Friday. "
     "His body was found near a hiking trail.", ((A, "police"), (L, "hiking trail"))),
    ("Only a few hundred people came to the gates, and the base was not stormed.",
     ((L, "the base"),)),
    ("When the otters vanished, the urchin population then exploded across the bay.",
     ((L, "the bay"),)),
    ("Police seized the substance from the playground on Monday.",
     ((A, "Police"), (L, "the playground"))),
])
def test_no_incident_in_general_news(text: str, marks: tuple[tuple[str, str], ...]) -> None:
    assert [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative] == []


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("The bodies of three farmers, shot in the head, were found near Tumaco on Friday.",
     ((C, "three farmers"), (L, "Tumaco")), ("Violence against civilians", "Attack", 3)),
    ("Two soldiers were found dead after gunmen attacked their post in Tillaberi.",
     ((C, "Two soldiers"), (A, "gunmen"), (L, "Tillaberi")), ("Battles", "Armed clash", 2)),
    ("Rebels stormed the town of Kitchanga on Sunday.", ((A, "Rebels"), (L, "Kitchanga")),
     ("Battles", "Armed clash", 0)),
    ("A car bomb exploded outside a police station in Mogadishu on Monday.",
     ((L, "Mogadishu"),), ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0)),
])
def test_the_same_words_still_tell_an_incident(text: str, marks: tuple[tuple[str, str], ...],
                                               expected: tuple[str, str, int]) -> None:
    events = [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [expected]
