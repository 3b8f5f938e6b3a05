"""Date normalization: a table of DATE spans from the seed articles and beyond, the cases
dateparser gets wrong (each shown against dateparser itself), and inputs that must be refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from model.events.dates import (
    DATEPARSER_PRIORS,
    DateValue,
    _calendar,
    _dateparser,
    clean,
    find_published,
    resolve_date,
)

D = dt.date
P000 = D(2016, 11, 12)  # 000 (The New Arab), a Saturday
P001 = D(2024, 12, 2)  # 001, a Monday
P002 = D(2015, 10, 27)  # 002 (dateline "27 October, 2015"), a Tuesday
P003 = D(2024, 11, 30)
P004 = D(2024, 11, 28)  # 004, a Thursday


@pytest.mark.parametrize(
    ("text", "published", "start", "end", "precision"),
    [
        # 000
        ("last month", P000, D(2016, 10, 1), D(2016, 10, 31), "month"),
        ("July", P000, D(2016, 7, 1), D(2016, 7, 31), "month"),
        ("August", P000, D(2016, 8, 1), D(2016, 8, 31), "month"),
        ("28 October", P000, D(2016, 10, 28), D(2016, 10, 28), "day"),
        ("March 2011", P000, D(2011, 3, 1), D(2011, 3, 31), "month"),
        ("mid-2012", P000, D(2012, 5, 1), D(2012, 8, 31), "month"),
        ("September", P000, D(2016, 9, 1), D(2016, 9, 30), "month"),
        # 001
        ("Sunday (December 1)", P001, D(2024, 12, 1), D(2024, 12, 1), "day"),
        ("Saturday (November 30)", P001, D(2024, 11, 30), D(2024, 11, 30), "day"),
        ("Friday night", P001, D(2024, 11, 29), D(2024, 11, 29), "day"),
        ("1st", P001, D(2024, 12, 1), D(2024, 12, 1), "day"),
        ("2020", P001, D(2020, 1, 1), D(2020, 12, 31), "year"),
        # 002
        ("27 October, 2015", P002, D(2015, 10, 27), D(2015, 10, 27), "day"),
        ("earlier\u00a0this week", P002, D(2015, 10, 26), D(2015, 10, 26), "week"),
        ("Tuesday", P002, D(2015, 10, 27), D(2015, 10, 27), "day"),
        ("Two weeks ago", P002, D(2015, 10, 12), D(2015, 10, 18), "week"),
        # 003 / 004
        ("November 25", P003, D(2024, 11, 25), D(2024, 11, 25), "day"),
        ("Thursday", P004, D(2024, 11, 28), D(2024, 11, 28), "day"),
        ("Wednesday", P004, D(2024, 11, 27), D(2024, 11, 27), "day"),
        ("recent weeks", P004, D(2024, 10, 31), D(2024, 11, 28), "month"),
        ("start of the year", P004, D(2024, 1, 1), D(2024, 1, 31), "month"),
        # beyond the seeds
        ("on Sunday", P001, D(2024, 12, 1), D(2024, 12, 1), "day"),
        ("last Friday", D(2024, 11, 29), D(2024, 11, 22), D(2024, 11, 22), "day"),
        ("last week", P001, D(2024, 11, 25), D(2024, 12, 1), "week"),
        ("this week", P002, D(2015, 10, 26), D(2015, 10, 27), "week"),
        ("early 2012", P000, D(2012, 1, 1), D(2012, 4, 30), "month"),
        ("late 2016", P000, D(2016, 9, 1), D(2016, 11, 12), "month"),
        ("late September 2019", P001, D(2019, 9, 1), D(2019, 9, 30), "month"),
        ("mid-October 2015", P000, D(2015, 10, 1), D(2015, 10, 31), "month"),
        ("the end of May 2020", P001, D(2020, 5, 1), D(2020, 5, 31), "month"),
        ("yesterday", P001, D(2024, 12, 1), D(2024, 12, 1), "day"),
        ("2024-11-28", None, D(2024, 11, 28), D(2024, 11, 28), "day"),
        ("March 2020", None, D(2020, 3, 1), D(2020, 3, 31), "month"),
        ("December 1", P004, D(2023, 12, 1), D(2023, 12, 1), "day"),  # dates are in the past
    ],
)
def test_resolve_date(
    text: str, published: dt.date | None, start: dt.date, end: dt.date, precision: str
) -> None:
    value = resolve_date(text, published=published)
    assert value is not None, text
    assert (value.start, value.end, value.precision) == (start, end, precision)
    assert value.time_precision == {"day": 1, "week": 2}.get(precision, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the following day", D(2024, 12, 2)), ("following day", D(2024, 12, 2)),
     ("the next day", D(2024, 12, 2)), ("the previous day", D(2024, 11, 30)),
     ("that day", D(2024, 12, 1))],
)
def test_relative_day_follows_the_previous_date(text: str, expected: dt.date) -> None:
    previous = resolve_date("Sunday (December 1)", published=P001)
    value = resolve_date(text, published=P001, previous=previous)
    assert value is not None and value.start == value.end == expected
    assert value.method == "rule:relative_day"


def test_relative_day_needs_a_day_precise_previous_date() -> None:
    month = resolve_date("last month", published=P001)
    assert resolve_date("the following day", published=P001, previous=None) is None
    assert resolve_date("the following day", published=P001, previous=month) is None


def test_weekday_with_a_contradicting_date_keeps_the_date_and_lowers_the_prior() -> None:
    agrees = resolve_date("Sunday (December 1)", published=P001)
    disagrees = resolve_date("Monday (December 1)", published=P001)
    assert agrees is not None and disagrees is not None
    assert disagrees.start == agrees.start == D(2024, 12, 1)
    assert disagrees.prior < agrees.prior


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Aleppo", "the war", "two", "IS militants", "for months", "five-year",
     "28 October",  # no year, no publication date
     "Sunday (December 1)", "Friday night", "last month", "earlier this week", "1st", "0012"],
)
def test_refused_without_publication_date(text: str) -> None:
    assert resolve_date(text, published=None) is None


@pytest.mark.parametrize(
    "text", ["Aleppo", "the war", "two", "", "Hayat Tahrir al-Sham", "the 45th"]
)
def test_refused_with_publication_date(text: str) -> None:
    assert resolve_date(text, published=P001) is None


class TestWhereDateparserIsWrong:
    """Each case: what dateparser returns on its own, and what ``resolve_date`` returns."""

    @staticmethod
    def dateparser(text: str, published: dt.date, **settings: object) -> dt.datetime | None:
        import dateparser

        base = dt.datetime.combine(published, dt.time())
        return dateparser.parse(
            text, languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", **settings},
        )

    def test_mid_year_is_not_parsed(self) -> None:
        assert self.dateparser("mid-2012", P000) is None
        assert resolve_date("mid-2012", published=P000) is not None

    def test_earlier_this_week_is_not_parsed(self) -> None:
        assert self.dateparser("earlier this week", P002) is None

    def test_following_day_is_not_parsed(self) -> None:
        assert self.dateparser("the following day", P001) is None

    def test_last_month_is_one_day_not_a_month(self) -> None:
        assert self.dateparser("last month", P000) == dt.datetime(2016, 10, 12)
        value = resolve_date("last month", published=P000)
        assert value is not None and (value.start.day, value.end.day) == (1, 31)

    def test_weekday_on_the_publication_day_goes_back_a_week(self) -> None:
        assert self.dateparser("Tuesday", P002) == dt.datetime(2015, 10, 20)
        value = resolve_date("Tuesday", published=P002)
        assert value is not None and value.start == P002

    def test_ordinal_day_is_read_as_january(self) -> None:
        assert self.dateparser("1st", P001) == dt.datetime(2024, 1, 2)

    def test_require_parts_year_reads_the_day_as_a_year(self) -> None:
        assert self.dateparser("28 October", P000, REQUIRE_PARTS=["year"]).year == 1928

    def test_friday_night_is_right(self) -> None:  # dateparser gets this one right
        assert self.dateparser("Friday night", P001).date() == D(2024, 11, 29)


def test_time_precision_codes() -> None:
    day = DateValue(D(2024, 1, 1), D(2024, 1, 1), "day", "x", 1.0)
    assert day.time_precision == 1
    assert DateValue(day.start, day.end, "week", "x", 1.0).time_precision == 2
    assert DateValue(day.start, day.end, "month", "x", 1.0).time_precision == 3
    assert DateValue(day.start, day.end, "year", "x", 1.0).time_precision == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syria: Aleppo's fate\n\n2 min read\n27 October, 2015\nSyrian rebels", D(2015, 10, 27)),
        ("Headline\nPublished: 28 November 2024\nBody", D(2024, 11, 28)),
        ("Headline\nNovember 28, 2024 10:15 GMT\nBody", D(2024, 11, 28)),
        ("Headline\n2024-11-28\nBody", D(2024, 11, 28)),
        ("Rebels entered Aleppo on Friday night.", None),
        ("The war began in March 2011.", None),  # a date in a sentence is not a dateline
        ("Headline\nMarch 2011\nBody", None),  # not a full date
        ("", None),
        ("WASHINGTON, Jan. 5, 2017 - Coalition forces struck ISIL.", D(2017, 1, 5)),  # wire
        ("\n Aleppo, Syria, 5 January 2017 — Rebels said.", D(2017, 1, 5)),
        ("BEIRUT, Dec 1 (Reuters) - Rebels advanced.", None),  # no year
        ("Rebels, on Jan. 5, 2017 - took the town.", None),  # not a dateline
        ("Headline\nWashington, Jan. 5, 2017 - Strikes.", None),  # not the first line
        ("Headline\nWASHINGTON, Jan. 5, 2017 - Strikes.", dt.date(2017, 1, 5)),  # in capitals
    ],
)
def test_find_published(text: str, expected: dt.date | None) -> None:
    assert find_published(text) == expected


MONTHS = ["january", "jan", "Jan.", "february", "feb", "march", "mar", "april", "apr.", "May",
          "june", "jun", "july", "jul", "August", "aug", "september", "sep", "sept", "Sept.",
          "october", "oct", "november", "nov", "december", "dec"]
DAYS = st.one_of(st.integers(0, 32).map(str),
                 st.sampled_from(["1st", "2nd", "3rd", "4th", "21st", "22nd", "29th", "31st"]))
YEARS = st.sampled_from(["", " 2011", ", 2011", " 2024", ", 1880", " 2100", " 2101", " 1900"])
CALENDAR_DATES = st.one_of(
    st.sampled_from(["today", "yesterday", "Yesterday."]),
    st.sampled_from(MONTHS),
    st.builds("{} {}{}".format, DAYS, st.sampled_from(MONTHS), YEARS),
    st.builds("{} {}{}".format, st.sampled_from(MONTHS), DAYS, YEARS),
    st.builds("{}{}".format, st.sampled_from(MONTHS), YEARS.filter(bool)),
)


@settings(max_examples=300, deadline=None)
@example(text="2 December", published=P001)  # the publication day itself
@example(text="December", published=P001)  # the publication month
@example(text="February 29", published=D(2023, 2, 28))  # back to a leap year
@given(text=CALENDAR_DATES, published=st.none() | st.dates(D(1990, 1, 1), D(2040, 12, 31)))
def test_calendar_rule_reads_what_dateparser_reads(text: str, published: dt.date | None) -> None:
    """The calendar rule only saves dateparser's time: where it answers, it answers as
    dateparser does (same range and grain), and what it leaves goes on to dateparser.

    One known difference is left out: for a month alone, dateparser keeps the publication's
    day, so "february" on 29 January 2000 becomes February 1996, the last February with a
    29th (the rule's reading, February 1999, is tested below)."""
    assume(not (published and published.day > 28 and not any(c.isdigit() for c in text)))
    key = clean(text)
    ours = _calendar(key, published, None)
    if ours is not None:
        theirs = _dateparser(key, published)
        assert theirs is not None
        assert (ours.start, ours.end) == (theirs.start, theirs.end)
        assert ours.precision == theirs.precision
        assert ours.prior == DATEPARSER_PRIORS[theirs.precision]


def test_a_month_alone_is_the_latest_such_month_whatever_the_day() -> None:
    read = _calendar(clean("february"), D(2000, 1, 29), None)
    assert read is not None
    assert (read.start, read.end) == (D(1999, 2, 1), D(1999, 2, 28))


@pytest.mark.parametrize(("text", "published", "method"), [
    ("28 October", P000, "rule:calendar_day"),
    ("3 December", P001, "rule:calendar_day"),  # after publication: the year before
    ("February 29", D(2023, 2, 28), "rule:calendar_day"),  # 2020
    ("March 2011", None, "rule:calendar_month"),
    ("today", P001, "rule:today"),
    ("two days ago", P001, "dateparser"),
])
def test_calendar_rule_names_itself(text: str, published: dt.date | None, method: str) -> None:
    value = resolve_date(text, published=published)
    assert value is not None and value.method == method


def test_a_day_the_month_lacks_goes_on_to_dateparser() -> None:
    assert _calendar("31 june", P001, None) is None
    assert resolve_date("31 June", published=P001) is None  # dateparser refuses it too
