"""Date resolution never raises: every rule, against any publication date ``datetime`` holds.

Near year 1 and year 9999 a rule's date falls off the calendar (``OverflowError: date value
out of range``, ``ValueError: year 0 is out of range``); the expression is then unresolved.
"""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from model.events import extract_events
from model.events.dates import DateValue, resolve_date
from model.types import Precision, Span

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
COUNTS = st.one_of(
    st.sampled_from(["one", "two", "three", "four", "five", "six", "a", "an"]),
    st.integers(min_value=0, max_value=10**15).map(str),
)
YEARS = st.one_of(
    st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}"),
    st.sampled_from(["year", "this year", "last year"]),
)

# One strategy per rule of ``model.events.dates`` (and dateparser's fallback), in rule order.
RULE_EXPRESSIONS = {
    "relative_day": st.sampled_from(
        ["the following day", "the next day", "the day after", "the previous day",
         "the day before", "the same day", "that day", "on the following day"]
    ),
    "part_of_day": st.one_of(
        st.sampled_from(["overnight", "last night", "late last night", "this morning",
                         "earlier today", "early this evening"]),
        st.builds("overnight {}{}".format, st.sampled_from(["", "on ", "into ", "monday into "]),
                  st.sampled_from(WEEKDAYS)),
        st.builds("{} overnight".format, st.sampled_from(WEEKDAYS)),
    ),
    "part_of_year": st.builds(
        "{} {}".format,
        st.sampled_from(["early", "mid", "middle", "late", "end of", "start of the",
                         "beginning of", "mid-"]),
        YEARS,
    ),
    "weeks": st.one_of(
        st.sampled_from(["this week", "earlier this week", "later in the week", "last week",
                         "past week", "the past week", "recent weeks", "the past few weeks",
                         "last few days", "recent days", "early last week", "late last week",
                         "over the weekend", "last weekend", "this weekend"]),
        st.builds("{} weeks ago".format, COUNTS),
        st.builds("{} week ago".format, COUNTS),
    ),
    "months": st.sampled_from(
        ["last month", "this month", "earlier this month", "past month", "previous month"]
    ),
    "weekday": st.builds(
        "{}{}{}{}".format,
        st.sampled_from(["", "last ", "this ", "past ", "on "]),
        st.sampled_from(WEEKDAYS),
        st.sampled_from(["", " morning", " night"]),
        st.sampled_from(["", " (December 1)", ", January 1", " (31 December 9999)",
                         " (1 January 0001)", " (February 29)"]),
    ),
    "ordinal_day": st.builds(
        "the {}{}".format, st.integers(min_value=0, max_value=99),
        st.sampled_from(["st", "nd", "rd", "th"]),
    ),
    "year": YEARS,
    "dateparser": st.sampled_from(
        ["yesterday", "today", "tonight", "28 October", "December 1", "March 2011",
         "two days ago", "3 months ago", "last year", "next month", "10000 days ago",
         "31 December 9999", "1 January 0001", "2024-11-28", "this year"]
    ),
}
PRECISIONS = list(typing.get_args(Precision))
PREVIOUS = st.one_of(
    st.none(),
    st.builds(
        lambda day, precision: DateValue(day, day, precision, "rule:test", 0.9),
        st.dates(),
        st.sampled_from(PRECISIONS),
    ),
)
EXPRESSIONS = st.one_of(*RULE_EXPRESSIONS.values())


def _check(value: DateValue | None) -> None:
    if value is not None:
        assert value.start <= value.end
        assert value.precision in PRECISIONS
        assert 0.0 <= value.prior <= 1.0


@pytest.mark.parametrize("rule", sorted(RULE_EXPRESSIONS))
def test_each_rule_never_raises_at_the_ends_of_the_calendar(rule: str) -> None:
    @settings(max_examples=150, deadline=None)
    @given(
        text=RULE_EXPRESSIONS[rule],
        published=st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max])),
        previous=PREVIOUS,
    )
    def check(text: str, published: dt.date | None, previous: DateValue | None) -> None:
        _check(resolve_date(text, published=published, previous=previous))

    check()


@settings(max_examples=300, deadline=None)
@given(text=EXPRESSIONS, published=st.dates(), previous=PREVIOUS)
@example(text="Sunday", published=dt.date.min, previous=None)
@example(text="the 31st", published=dt.date.min, previous=None)
@example(text="late last year", published=dt.date(1, 6, 1), previous=None)
@example(text="last month", published=dt.date(1, 1, 20), previous=None)
@example(text="the following day", published=None,
         previous=DateValue(dt.date.max, dt.date.max, "day", "rule:test", 0.9))
@example(text="99999999999 weeks ago", published=dt.date(2024, 12, 2), previous=None)
def test_resolution_never_raises_for_any_publication_date(
    text: str, published: dt.date | None, previous: DateValue | None
) -> None:
    _check(resolve_date(text, published=published, previous=previous))


@pytest.mark.parametrize(
    ("text", "published", "previous"),
    [
        ("Sunday", dt.date.min, None),  # 0001-01-01 is a Monday
        ("last week", dt.date(1, 1, 3), None),
        ("last month", dt.date(1, 1, 31), None),
        ("the 31st", dt.date(1, 1, 1), None),  # goes back to December of year 0
        ("late last year", dt.date(1, 6, 1), None),
        ("recent weeks", dt.date(1, 1, 10), None),
        ("two weeks ago", dt.date(1, 1, 3), None),
        ("the following day", None, DateValue(dt.date.max, dt.date.max, "day", "rule:t", 1.0)),
        ("the previous day", None, DateValue(dt.date.min, dt.date.min, "day", "rule:t", 1.0)),
        ("99999999999 weeks ago", dt.date(2024, 12, 2), None),
    ],
)
def test_out_of_range_results_are_unresolved(
    text: str, published: dt.date | None, previous: DateValue | None
) -> None:
    assert resolve_date(text, published=published, previous=previous) is None


def test_near_the_ends_in_range_results_still_resolve() -> None:
    monday = resolve_date("Monday", published=dt.date.min)  # the publication day itself
    assert monday is not None and monday.start == dt.date.min
    nxt = resolve_date("the following day", previous=DateValue(
        dt.date(9999, 12, 30), dt.date(9999, 12, 30), "day", "rule:t", 1.0))
    assert nxt is not None and nxt.start == dt.date.max


@settings(max_examples=60, deadline=None)
@given(published=st.dates(), word=st.sampled_from([*WEEKDAYS, "last month", "the 31st"]))
def test_event_assembly_never_raises_for_any_publication_date(
    published: dt.date, word: str
) -> None:
    text = f"Rebels attacked Aleppo on {word}, killing 3 civilians. The following day, more died."
    start = text.index(word)
    follow = text.index("The following day")
    spans = [
        Span(start=0, end=6, label="ACTOR"),
        Span(start=16, end=22, label="LOCATION"),
        Span(start=start, end=start + len(word), label="DATE"),
        Span(start=follow, end=follow + len("The following day"), label="DATE"),
    ]
    for event in extract_events(text, spans, published=published):
        if event.date is not None and event.date.date_start is not None:
            assert event.date.date_start <= event.date.date_end


def test_a_part_of_the_year_that_has_not_begun_is_unresolved() -> None:
    """Found by the property above: the range used to end before it started."""
    assert resolve_date("late this year", published=dt.date(2024, 3, 10)) is None
    early = resolve_date("early this year", published=dt.date(2024, 3, 10))
    assert early is not None
    assert (early.start, early.end) == (dt.date(2024, 1, 1), dt.date(2024, 3, 10))
