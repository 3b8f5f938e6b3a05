"""One-line news briefs written in the present tense, as Wikipedia's Current events portal
writes them: "Demonstrators torch a police station", "Israeli forces demolish a home",
"Houthi rebels fire a ballistic missile", "ISIS militants behead a farmer". Spans are marked by
hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_event_reading import A, C, L, read

PUBLISHED = dt.date(2024, 3, 9)


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("Demonstrators torch a police station in Dhaka.", ((A, "Demonstrators"), (L, "Dhaka")),
     ("Riots", "Violent demonstration", 0)),
    ("Protesters set fire to a police station in Dhaka.", ((A, "Protesters"), (L, "Dhaka")),
     ("Riots", "Violent demonstration", 0)),
    ("Israeli forces demolish a Palestinian home in Hebron.",
     ((A, "Israeli forces"), (L, "Hebron")),
     ("Strategic developments", "Looting/property destruction", 0)),
    ("Houthi rebels fire a ballistic missile at a ship in the Red Sea.",
     ((A, "Houthi rebels"), (L, "Red Sea")),
     ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0)),
    ("ISIS militants behead a farmer in Kirkuk.",
     ((A, "ISIS militants"), (C, "a farmer"), (L, "Kirkuk")),
     ("Violence against civilians", "Attack", 1)),
])
def test_a_brief_in_the_present_tense(text: str, marks: tuple[tuple[str, str], ...],
                                      expected: tuple[str, str, int]) -> None:
    events = [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [expected]


def test_a_peaceful_march_and_a_protest_over_a_murder_stay_as_they_were() -> None:
    (march,) = read("Thousands march in Tbilisi against the foreign agents law.",
                    (L, "Tbilisi"), published=PUBLISHED)
    assert march.sub_event_type == "Peaceful protest"
    (riot,) = read("More than 80 people are injured during riots over the murder of two "
                   "students in Manipur.", (C, "More than 80 people"), (C, "two students"),
                   (L, "Manipur"), published=PUBLISHED)
    assert riot.fatalities == 0  # the murder is the riots' cause, not their dead
    assert read("The city will demolish the old stadium next year.", published=PUBLISHED) == []
