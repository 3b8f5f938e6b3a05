"""Relative dates read against the publication date: overnight, last night, parts of today,
early/late weekdays, the weekend and parts of last week (``model.events.dates``)."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.dates import DATE_RULE_PRIORS, resolve_date

D = dt.date
WED = D(2024, 12, 4)  # a Wednesday
SAT, SUN, MON = D(2024, 12, 7), D(2024, 12, 8), D(2024, 12, 9)


@pytest.mark.parametrize(
    ("text", "published", "start", "end", "method"),
    [
        # the night before publication (the day it began), and named nights
        ("overnight", WED, D(2024, 12, 3), D(2024, 12, 3), "overnight"),
        ("Overnight", MON, D(2024, 12, 8), D(2024, 12, 8), "overnight"),
        ("last night", WED, D(2024, 12, 3), D(2024, 12, 3), "last_night"),
        ("late last night", WED, D(2024, 12, 3), D(2024, 12, 3), "last_night"),
        ("overnight into Tuesday", WED, D(2024, 12, 2), D(2024, 12, 2), "overnight_weekday"),
        ("overnight Monday into Tuesday", WED, D(2024, 12, 2), D(2024, 12, 2),
         "overnight_weekday"),
        ("overnight from Monday to Tuesday", WED, D(2024, 12, 2), D(2024, 12, 2),
         "overnight_weekday"),
        ("overnight on Tuesday", WED, D(2024, 12, 3), D(2024, 12, 3), "overnight_weekday"),
        ("Tuesday overnight", WED, D(2024, 12, 3), D(2024, 12, 3), "overnight_weekday"),
        # parts of today
        ("this morning", WED, WED, WED, "part_of_today"),
        ("early this morning", WED, WED, WED, "part_of_today"),
        ("earlier today", WED, WED, WED, "part_of_today"),
        ("this evening", WED, WED, WED, "part_of_today"),
        # early / late weekdays are that day
        ("early Tuesday", WED, D(2024, 12, 3), D(2024, 12, 3), "weekday"),
        ("late on Monday", WED, D(2024, 12, 2), D(2024, 12, 2), "weekday"),
        ("early Wednesday morning", WED, WED, WED, "weekday"),
        # last week and its parts; the weekend
        ("last week", WED, D(2024, 11, 25), D(2024, 12, 1), "last_week"),
        ("early last week", WED, D(2024, 11, 25), D(2024, 11, 27), "last_week"),
        ("late last week", WED, D(2024, 11, 28), D(2024, 12, 1), "last_week"),
        ("over the weekend", WED, D(2024, 11, 30), D(2024, 12, 1), "weekend"),
        ("the weekend", MON, SAT, SUN, "weekend"),
        ("this weekend", SUN, SAT, SUN, "weekend"),
        ("over the weekend", SAT, SAT, SAT, "weekend"),  # not past publication
        ("last weekend", SUN, D(2024, 11, 30), D(2024, 12, 1), "weekend"),  # the one before
        ("last weekend", MON, SAT, SUN, "weekend"),
    ],
)
def test_relative_dates(
    text: str, published: dt.date, start: dt.date, end: dt.date, method: str
) -> None:
    value = resolve_date(text, published=published)
    assert value is not None, text
    assert (value.start, value.end, value.method) == (start, end, f"rule:{method}")
    assert value.prior == DATE_RULE_PRIORS[method]
    assert value.end <= published


def test_overnight_is_day_precise_and_less_sure_than_last_night() -> None:
    overnight = resolve_date("overnight", published=WED)
    last_night = resolve_date("last night", published=WED)
    assert overnight is not None and last_night is not None
    assert overnight.time_precision == last_night.time_precision == 1
    assert overnight.prior < last_night.prior


def test_the_weekend_is_week_precise() -> None:
    weekend = resolve_date("over the weekend", published=MON)
    assert weekend is not None and weekend.time_precision == 2


@pytest.mark.parametrize(
    "text", ["overnight", "last night", "this morning", "over the weekend", "early last week",
             "overnight into Tuesday", "early Tuesday"],
)
def test_refused_without_publication_date(text: str) -> None:
    assert resolve_date(text, published=None) is None


@pytest.mark.parametrize("text", ["overnight into Funday", "the night", "overnights", "weekends"])
def test_not_relative_dates(text: str) -> None:
    assert resolve_date(text, published=WED) is None
