"""DATE spans -> ISO date ranges relative to the article's publication date.

Rules first, for what dateparser gets wrong or cannot read (each tested in
``tests/test_normalize_dates.py``); dateparser (``languages=['en']``, ``RELATIVE_BASE`` = the
publication date, ``PREFER_DATES_FROM='past'``, ``RETURN_TIME_AS_PERIOD``) for the rest, its
``period`` widened to the whole week, month or year. Calendar dates (``28 October``,
``October 28, 2015``, ``March 2011``, ``July``, ``today``) are read by a rule that answers as
dateparser does (tested against it), in about 10 µs against its 0.9 ms; dateparser reads the rest.
Conventions:

- A weekday is the most recent such day on or before the publication date (news convention;
  dateparser's ``past`` preference skips to the week before when the day is the publication day);
  ``early Tuesday``, ``late on Monday``, ``Friday night`` are that day.
- ``overnight`` and ``last night``: the day before publication. A night is named after the
  evening it begins (``Friday night`` is Friday, above), and a report published on day D that
  says ``overnight`` tells of the night from D-1 into D; ACLED dates an event by the day it
  begins. The publication day would be as defensible for attacks after midnight; the rule's
  prior (0.7) says so. ``overnight into Tuesday`` is Monday (the night that ended on Tuesday);
  ``overnight on Tuesday`` and ``Tuesday overnight`` are the day the text names.
- ``this morning``, ``this afternoon``, ``this evening``, ``earlier today``: the publication day.
  ``Sunday (December 1)``: the explicit date wins; a weekday that disagrees lowers the prior.
- ``the following day`` / ``the previous day`` / ``that day``: relative to the previous resolved
  date in the article (dateparser returns nothing).
- ``earlier this week``: Monday of the publication week to the day before publication;
  ``last week`` Monday to Sunday of the week before (``early last week`` its Monday-Wednesday,
  ``late last week`` Thursday-Sunday); ``the weekend`` / ``over the weekend``: the last
  Saturday-Sunday on or before publication (``last weekend`` published on a weekend: the one
  before), precision ``week``.
- ``last month``, ``March 2011``: the whole month; ``2020``: the whole year; ``two weeks ago``:
  Monday to Sunday of that week; ``recent weeks``: the 28 days before publication.
- ``mid-2012`` May-August, ``early 2012`` January-April, ``late 2012`` September-December;
  ``start of the year``: January of the publication year.
- ``the 1st``: the most recent 1st of a month on or before publication (dateparser: January 1).
- Publication dates from datelines (``find_published``): ``model.events.datelines``.
- Without a publication date only expressions with a four-digit year resolve (dateparser's
  ``REQUIRE_PARTS=['year']`` reads ``28 October`` as 1928, so the year check is done here).
  Years outside 1900-2100 are refused.
- Resolution never raises: a rule whose result falls outside what ``datetime.date`` holds
  (``last month`` published 0001-01-01, ``the following day`` after 9999-12-31,
  ``99999999999 weeks ago``) leaves the date unresolved (``None``).

Precision: ``day`` (ACLED time precision 1), ``week`` (2), ``month`` or ``year`` (3).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from model.events.datelines import find_dateline
from model.types import Precision

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

log = logging.getLogger(__name__)

# What date arithmetic raises past the calendar's ends: ``OverflowError`` for
# ``date +/- timedelta`` (and a timedelta too large), ``ValueError`` for ``date(0, ...)``.
_OUT_OF_RANGE = (OverflowError, ValueError)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTH_RE}|ago|yesterday|today|tonight|(?:this|last|next|past) (?:week|month|year))\b"
)
_LEADING = re.compile(r"^(?:on|in|since|by|from|during|until|at|of)\s+")
_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WEEKDAY = re.compile(
    rf"^(?:(last|this|past)\s+)?(?:(?:early|late)\s+(?:on\s+)?)?({_WEEKDAY_NAMES})"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s*[,(]\s*(.+?)\s*\)?)?$"
)
_NIGHT = re.compile(  # "overnight", "overnight on Tuesday", "overnight Monday into Tuesday"
    rf"^(?:late |early )?(?P<word>overnight|last night)(?: (?:on |from )?(?P<day>{_WEEKDAY_NAMES})"
    rf"(?: night)?)?(?: (?:into|to) (?P<next>{_WEEKDAY_NAMES}))?$"
    rf"|^(?P<named>{_WEEKDAY_NAMES})(?: night)? overnight$"
)
_TODAY_PART = re.compile(
    r"^(?:early |late |earlier |later )?(?:this (?:morning|afternoon|evening)|today|on today)$"
)
_WEEKEND = re.compile(r"^(?:over |during )?(?:the |this |(?P<last>last |past ))?weekend$")
_PART_OF_YEAR = re.compile(
    r"^(?:the\s+)?(early|mid|middle|late|end|start|beginning)[-\s]+(?:of\s+)?(?:the\s+)?"
    r"(\d{4}|year|this year|last year)$"
)
_ORDINAL_DAY = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_NUMBER = {name: number for number, month in enumerate(_MONTHS, start=1)
                 for name in (month, month[:3])} | {"sept": 9}
_MONTH_NAME = rf"(?P<month>{'|'.join(_MONTH_NUMBER)})\.?"
_DAY, _YEAR_PART = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?", r"(?:,? (?P<year>\d{4}))?"
_CALENDAR = tuple(re.compile(p) for p in (  # "28 october [2015]", "october 28[, 2015]", ...
    rf"{_DAY} {_MONTH_NAME}{_YEAR_PART}",
    rf"{_MONTH_NAME} {_DAY}{_YEAR_PART}",
    rf"{_MONTH_NAME},? (?P<year>\d{{4}})",  # "march 2011"
    _MONTH_NAME,  # "july"
))
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "an": 1}
_RELATIVE_DAY = {
    "following day": 1, "next day": 1, "day after": 1, "previous day": -1, "day before": -1,
    "same day": 0, "that day": 0,
}
_PART_RANGES = {"early": (1, 4), "start": (1, 1), "beginning": (1, 1), "mid": (5, 8),
                "middle": (5, 8), "late": (9, 12), "end": (12, 12)}

# Priors, chosen by hand, not measured: how often each rule is expected to place a correctly
# marked DATE span right. Event assembly multiplies ``DateValue.prior`` by the span's score
# (``model.events.confidence``). Keys are the rule names in ``method``.
DATE_RULE_PRIORS: dict[str, float] = {
    "weekday_date": 0.95,  # "Sunday (December 1)": weekday and date agree
    "weekday_date_disagrees": 0.6,  # "Sunday (December 3)": the date is kept, doubtfully
    "weekday": 0.85,  # the most recent such day on or before publication
    "last_month": 0.85,
    "this_month": 0.8,
    "this_week": 0.8,
    "last_week": 0.8,
    "weeks_ago": 0.8,
    "part_of_year": 0.8,  # "mid-2012": the part's months are a convention
    "relative_day": 0.75,  # "the following day": only as right as the previous date
    "ordinal_day": 0.7,  # "the 1st": which month is a guess
    "recent_weeks": 0.6,  # "recent weeks": a vague range
    "recent_days": 0.6,
    "year": 0.9,
    # "28 October", "March 2011", "July": calendar dates read as dateparser reads them (tested
    # against it), without its cost; the same priors as ``DATEPARSER_PRIORS`` for the grain
    "calendar_day": 0.9,
    "calendar_month": 0.9,
    "today": 0.9,
    "part_of_today": 0.9,  # "this morning", "earlier today"
    "overnight": 0.7,  # the day before publication; the publication day is as likely
    "last_night": 0.85,
    "overnight_weekday": 0.8,  # "overnight into Tuesday": the night's first day
    "weekend": 0.75,
}
# Priors for what dateparser reads, by the grain of its answer (chosen by hand, not measured).
DATEPARSER_PRIORS: dict[Precision, float] = {"day": 0.9, "week": 0.85, "month": 0.9, "year": 0.9}
UNRESOLVED_DATE_PRIOR = 0.0  # a DATE span nothing could place: its range is null


@dataclass(frozen=True)
class DateValue:
    """A resolved date range, inclusive, with its grain, how it was found and that rule's prior
    (``DATE_RULE_PRIORS`` / ``DATEPARSER_PRIORS``)."""

    start: dt.date
    end: dt.date
    precision: Precision
    method: str
    prior: float

    @property
    def time_precision(self) -> Literal[1, 2, 3]:
        """ACLED time precision: 1 day, 2 week, 3 month or coarser."""
        return {"day": 1, "week": 2}.get(self.precision, 3)  # type: ignore[return-value]


# The part of a day before its name, which dates nothing more: "(in) the early hours of Sunday",
# "the morning of 12 May", "late yesterday", "early yesterday".
_PART_OF_DAY = re.compile(
    r"^(?:(?:the\s+)?(?:early|small|wee)\s+hours\s+of\s+|the\s+(?:morning|afternoon|evening|"
    r"night)\s+of\s+|(?:early|late)\s+(?=yesterday\b)|(?:at\s+|before\s+|just\s+before\s+)?"
    r"(?:dawn|dusk|daybreak|nightfall|midnight|noon)\s+(?:on\s+)?(?=[a-z]))(?:the\s+)?")


def clean(text: str) -> str:
    """Lower-case, fold spaces (NBSP too), drop a leading preposition and final punctuation,
    and the part of the day before a day's name.

    >>> clean("On\\u00a0Sunday (December 1).")
    'sunday (december 1)'
    >>> clean("in the early hours of Sunday"), clean("LATE YESTERDAY"), clean("at dawn on Sunday")
    ('sunday', 'yesterday', 'sunday')
    >>> clean("Tuesday, a day before")
    'tuesday'
    """
    text = _LEADING.sub("", " ".join(text.lower().split()).strip(" .,;:"))
    return _RELATIVE_TAIL.sub("", _PART_OF_DAY.sub("", text))


# What a day is told against, after it: "Tuesday, a day before planned marches" is Tuesday.
_RELATIVE_TAIL = re.compile(r",?\s+(?:a|one|two|three|\d+)\s+days?\s+(?:before|after|ahead of)$")


def resolve_date(
    text: str, *, published: dt.date | None = None, previous: DateValue | None = None
) -> DateValue | None:
    """Resolve a DATE span's text; ``None`` when it cannot be placed (refused).

    Args:
        text: the span text, e.g. ``"Friday night"``.
        published: the article's publication date, the base of relative expressions.
        previous: the last date resolved before this one in the article, for
            ``the following day`` and similar.

    >>> resolve_date("Sunday (December 1)", published=dt.date(2024, 12, 2)).start
    datetime.date(2024, 12, 1)
    >>> v = resolve_date("mid-2012")
    >>> (str(v.start), str(v.end), v.time_precision)
    ('2012-05-01', '2012-08-31', 3)
    >>> resolve_date("April this year", published=dt.date(2023, 9, 20)).start
    datetime.date(2023, 4, 1)
    >>> resolve_date("28 October") is None  # no year and no publication date
    True
    """
    key = clean(text)
    if not re.search(r"[a-z0-9]", key):
        return None
    rules = (_calendar, _relative_day, _part_of_day, _part_of_year, _weeks, _months, _weekday,
             _ordinal_day, _year)
    for rule in rules:
        try:
            value = rule(key, published, previous)
        except _OUT_OF_RANGE as exc:  # the rule matched; its date is off the calendar
            log.debug("date %r (published %s) is out of range: %s", key, published, exc)
            return None
        if value is not None:
            return value
    return _dateparser(key, published)


def _range(
    start: dt.date, end: dt.date, precision: Precision, rule: str, *, prior_of: str | None = None
) -> DateValue:
    """A rule's result; its prior is ``DATE_RULE_PRIORS[prior_of or rule]``."""
    return DateValue(start, end, precision, f"rule:{rule}", DATE_RULE_PRIORS[prior_of or rule])


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _calendar(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    """Month names with a day and/or a year, a month alone, ``today``, ``yesterday``: what
    dateparser reads (``PREFER_DATES_FROM='past'``), without its cost.

    Without a year: the most recent such date (or month) on or before publication. What this
    does not read (a day the month does not have, a year outside 1900-2100) goes on to
    dateparser.
    """
    if key in {"today", "yesterday"}:
        if published is None:
            return None
        day = published - dt.timedelta(days=key == "yesterday")
        return _range(day, day, "day", "today")
    part = re.fullmatch(r"(?:early|late|mid-?|the (?:end|beginning|start|middle) of)\s*(.+)", key)
    key = part.group(1) if part and not re.search(r"\b\d{1,2}\b", part.group(1)) else key
    # "late September 2019": its month (not "late September 28")
    past = re.fullmatch(r"(?:last|this past)\s+(.+)", key)  # "last October": a month before
    key = past.group(1) if past else key  # this one
    yearly = re.fullmatch(r"(.+?)\s+(?:of\s+)?(this|last)\s+year", key)
    if yearly and published is not None:  # "April this year", "October last year"
        key = f"{yearly[1]} {published.year - (yearly[2] == 'last')}"
    match = next((m for m in (p.fullmatch(key) for p in _CALENDAR) if m is not None), None)
    if match is None:
        return None
    parts = match.groupdict()
    month, day, year = _MONTH_NUMBER[parts["month"]], parts.get("day"), parts.get("year")
    if past:  # a month name alone, before this month: "last October"
        if day is not None or year is not None or published is None:
            return None
        latest = published.replace(day=1) - dt.timedelta(days=1)
        candidate = latest.year if month <= latest.month else latest.year - 1
        return _range(*_month_range(candidate, month), "month", "calendar_month")
    if year is not None:
        if not _plausible(int(year)):
            return None
        years, latest = [int(year)], dt.date.max
    elif published is None:
        return None
    else:  # back to a leap year for February 29
        years, latest = [published.year - back for back in range(9)], published
    for candidate in years:
        if day is None:
            start, end = _month_range(candidate, month)
            if start <= latest:
                return _range(start, end, "month", "calendar_month")
        elif 1 <= int(day) <= calendar.monthrange(candidate, month)[1]:
            date = dt.date(candidate, month, int(day))
            if date <= latest:
                return _range(date, date, "day", "calendar_day")
    return None


def _relative_day(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    offset = _RELATIVE_DAY.get(key.removeprefix("the ").removeprefix("on the "))
    if offset is None or previous is None or previous.precision != "day":
        return None
    day = previous.start + dt.timedelta(days=offset)
    return _range(day, day, "day", "relative_day")


def _part_of_day(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    """``overnight``, ``last night``, ``overnight into Tuesday``, ``this morning``."""
    if published is None:
        return None
    if _TODAY_PART.match(key):
        return _range(published, published, "day", "part_of_today")
    match = _NIGHT.match(key)
    if match is None:
        return None
    named, day, after = match.group("named", "day", "next")
    if named or day or after:
        found = _weekday(after or named or day, published, previous)
        if found is None:
            return None
        night = found.start - dt.timedelta(days=1 if after else 0)
        return _range(night, night, "day", "overnight_weekday")
    night = published - dt.timedelta(days=1)
    return _range(night, night, "day", "last_night" if match["word"] == "last night" else
                  "overnight")


def _part_of_year(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    match = _PART_OF_YEAR.match(key)
    if not match:
        return None
    part, year_text = match.groups()
    if year_text.isdigit():
        year = int(year_text)
        if not _plausible(year):
            return None
    elif published is None:
        return None
    else:
        year = published.year - (1 if year_text == "last year" else 0)
    first, last = _PART_RANGES[part]
    start, end = dt.date(year, first, 1), _month_range(year, last)[1]
    if published is not None and year == published.year:
        end = min(end, published)
    if end < start:  # "late this year" in March: the part has not begun by publication
        return None
    return _range(start, end, "month", "part_of_year")


def _weeks(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    if published is None:
        return None
    if re.fullmatch(r"(?:earlier |early |late |later )?(?:this|in the) week", key):
        start = _monday(published)
        end = max(start, published - dt.timedelta(days=1)) if "earl" in key else published
        return _range(start, end, "week", "this_week")
    if key in {"last week", "past week", "the past week"}:
        start = _monday(published) - dt.timedelta(days=7)
        return _range(start, start + dt.timedelta(days=6), "week", "last_week")
    part = re.fullmatch(r"(early|earlier|late|later) last week", key)
    if part:
        start = _monday(published) - dt.timedelta(days=7 if "ear" in part.group(1) else 4)
        return _range(start, start + dt.timedelta(days=2 if "ear" in part.group(1) else 3),
                      "week", "last_week")
    weekend = _WEEKEND.match(key)
    if weekend:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if weekend.group("last") and published.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        return _range(saturday, min(saturday + dt.timedelta(days=1), published), "week",
                      "weekend")
    ago = re.fullmatch(r"(\w+) weeks? ago", key)
    if ago:
        count = _NUMBERS.get(ago.group(1)) or (int(ago.group(1)) if ago.group(1).isdigit() else 0)
        if count:
            start = _monday(published - dt.timedelta(weeks=count))
            return _range(start, start + dt.timedelta(days=6), "week", "weeks_ago")
    if re.fullmatch(r"(?:the )?(?:recent|past|last) (?:few )?weeks", key):
        return _range(published - dt.timedelta(days=28), published, "month", "recent_weeks")
    if re.fullmatch(r"(?:the )?(?:recent|past|last) (?:few )?days", key):
        return _range(published - dt.timedelta(days=7), published, "week", "recent_days")
    return None


def _months(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    if published is None:
        return None
    match = re.fullmatch(r"(last|this|earlier this|past|previous) month", key)
    if not match:
        return None
    if match.group(1) in {"this", "earlier this"}:
        start, _ = _month_range(published.year, published.month)
        return _range(start, published, "month", "this_month")
    prior = published.replace(day=1) - dt.timedelta(days=1)
    return _range(*_month_range(prior.year, prior.month), "month", "last_month")


def _weekday(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    match = _WEEKDAY.match(key)
    if not match:
        return None
    modifier, name, explicit = match.groups()
    wanted = _WEEKDAYS.index(name)
    if explicit:
        value = _dateparser(explicit, published)
        if value is None or value.precision != "day":
            return None
        agrees = value.start.weekday() == wanted
        prior_of = "weekday_date" if agrees else "weekday_date_disagrees"
        return _range(value.start, value.start, "day", "weekday_date", prior_of=prior_of)
    if published is None:
        return None
    back = (published.weekday() - wanted) % 7
    if modifier == "last" and back == 0:
        back = 7
    day = published - dt.timedelta(days=back)
    return _range(day, day, "day", "weekday")


def _ordinal_day(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    match = _ORDINAL_DAY.match(key)
    if not match or published is None:
        return None
    number = int(match.group(1))
    year, month = published.year, published.month
    for _ in range(12):
        if number <= calendar.monthrange(year, month)[1]:
            day = dt.date(year, month, number)
            if day <= published:
                return _range(day, day, "day", "ordinal_day")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _year(
    key: str, published: dt.date | None, previous: DateValue | None
) -> DateValue | None:
    match = _YEAR.match(key)
    if not match or not _plausible(int(match.group(1))):
        return None
    year = int(match.group(1))
    return _range(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "year")


def _plausible(year: int) -> bool:
    """Years a news report on armed conflict can mean (``0012`` is not one)."""
    return 1900 <= year <= 2100


_PARSERS = threading.local()  # dateparser does not promise thread safety: one cache per thread


def _parser(published: dt.date | None) -> DateDataParser:
    """A dateparser parser based at ``published``, cached per thread (64 bases at most)."""
    cache: dict[dt.date | None, DateDataParser] = _PARSERS.__dict__.setdefault("cache", {})
    if published not in cache:
        from dateparser.date import DateDataParser

        settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
        if published is not None:
            settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
        if len(cache) >= 64:
            cache.clear()
        cache[published] = DateDataParser(languages=["en"], settings=settings)
    return cache[published]


def _dateparser(key: str, published: dt.date | None) -> DateValue | None:
    has_year = re.search(r"\b\d{4}\b", key) is not None
    if not (has_year or _DATE_WORDS.search(key)) or (published is None and not has_year):
        return None  # dateparser reads "two" as February and "1st" as January
    try:
        data = _parser(published).get_date_data(key)
    except _OUT_OF_RANGE as exc:  # relative to a base near the calendar's ends
        log.debug("dateparser: %r (published %s) is out of range: %s", key, published, exc)
        return None
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if not _plausible(day.year):
        return None
    period = data.period or "day"
    if period == "year":
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        return _parsed(start, end, "year")
    if period == "month":
        return _parsed(*_month_range(day.year, day.month), "month")
    if period == "week":
        start = _monday(day)
        return _parsed(start, start + dt.timedelta(days=6), "week")
    return _parsed(day, day, "day")


def _parsed(start: dt.date, end: dt.date, precision: Precision) -> DateValue:
    return DateValue(start, end, precision, "dateparser", DATEPARSER_PRIORS[precision])


class Publication(NamedTuple):
    """An article's publication date as read once, and where it came from (``None``: no date
    was given and no dateline states one), with the offsets of a dateline's date in the text
    (a release date is no incident's date). Passed to ``extract_events``, it is used as is:
    the dateline is not read again."""

    date: dt.date | None
    source: Literal["input", "dateline"] | None
    dateline: tuple[int, int] | None = None


def read_publication(text: str, given: dt.date | None = None) -> Publication:
    """The date relative dates resolve against: ``given`` if set, else the text's dateline.
    The dateline is read either way (once), for where its date lies.

    >>> read_publication("Title\\n27 October, 2015\\nBody.")
    Publication(date=datetime.date(2015, 10, 27), source='dateline', dateline=(6, 22))
    >>> read_publication("No date here.", dt.date(2024, 1, 2)).source
    'input'
    >>> read_publication("No date here.")
    Publication(date=None, source=None, dateline=None)
    """
    found = find_dateline(text, given)
    at = found[1:] if found else None
    if given is not None:
        return Publication(given, "input", at)
    return Publication(found[0], "dateline", at) if found else Publication(None, None)


def find_published(text: str) -> dt.date | None:
    """The publication date a dateline of the text states (``model.events.datelines``).

    >>> find_published("Headline\\n2 min read\\n27 October, 2015\\nBody text.")
    datetime.date(2015, 10, 27)
    >>> find_published("KABUL, Afghanistan (March 12) - Forces... RELEASE NO. 20120312-01")
    datetime.date(2012, 3, 12)
    >>> find_published("Rebels entered Aleppo on Friday.") is None
    True
    """
    found = find_published_span(text)
    return found[0] if found else None


def find_published_span(text: str) -> tuple[dt.date, int, int] | None:
    """Like ``find_published`` but also return the ``[start, end)`` offsets of the date text.

    >>> find_published_span("WASHINGTON, Jan. 5, 2017 - Coalition forces struck ISIL.")
    (datetime.date(2017, 1, 5), 12, 24)
    """
    return find_dateline(text)
