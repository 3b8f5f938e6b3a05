"""Publication dates from datelines: the date an article states it was published.

``find_dateline`` reads, in the first 12 lines of the text (``MAX_LINES``, empty lines counted):

- a short line that is a full date: ``27 October, 2015``, ``Published: 28 November 2024``,
  ``November 28, 2024 10:15 GMT``, ``Monday, January 4, 2019`` (a weekday that disagrees with
  the date is logged, and the date wins), ``2024-11-28`` or ``2024-11-28T10:15:00Z``;
- a wire dateline opening the first line: ``WASHINGTON, Jan. 5, 2017 - ...``. Only the first
  line: further down, a name, a comma and a date could be a sentence's;
- a press-release dateline opening a line: ``KABUL, Afghanistan (March 12, 2012) - ...``, ``KABUL
  (Monday, 15 March 2010) - ...``. Without
  a year, ``(March 12)`` takes it from a release number (``RELEASE NO. 20120312-01``: the year
  that puts March 12 nearest the release's own date, at most ``YEAR_FROM_TEXT_DAYS`` days from
  it), else from the years printed in the lines above the dateline (``2012``; they must all
  agree), else from the text's other dates;
- an agency dateline opening a line: ``BEIRUT, Dec 1 (Reuters) - ...``, its year from the
  text's other dates; ``SAN SALVADOR, 12 JAN 90 (ACAN-EFE) -- ...`` with its two-digit year
  (from 50 the 1900s, below it the 2000s);
- ``April 9 (Reuters) - ...``: an agency dateline without its city, read as the one above;
- ``BEIRUT (Reuters) - ...`` states no date: nothing is read from it.

"The text's other dates" are its full dates (``November 28, 2024``, ``28 Nov 2024``,
``2024-11-28``) and months (``November 2024``): the dateline's day takes the year that puts it
nearest one of them, if that is at most ``YEAR_FROM_TEXT_DAYS`` days away (a report is published
days, not months, after what it dates; ``the war that began in March 2011`` does not date a
``Dec 1`` dateline). Candidates that tie and disagree give nothing. A year the text does not let
a reader know is never guessed: the result is then ``None``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Iterator
from functools import lru_cache

log = logging.getLogger(__name__)

MAX_LINES = 12
_CENTURY_PIVOT = 50  # a two-digit year from 50 is 19xx, below it 20xx
YEAR_FROM_TEXT_DAYS = 31
_FIRST_YEAR, _LAST_YEAR = 1900, 2100

_MONTH_NAMES = {name: number for number, month in enumerate(calendar.month_name[1:], start=1)
                for name in (month.lower(), month[:3].lower())} | {"sept": 9}
_MONTH = rf"(?P<month>{'|'.join(sorted(_MONTH_NAMES, key=len, reverse=True))})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2}|2100)"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DASH = r"\s*(?:--?|–|—)"
_PLACE = r"(?-i:[A-ZÀ-ÖØ-Þ])(?:[^\W\d_]|[ .,'’/-]){1,80}?"  # "KABUL, Afghanistan"
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s+\d{1,2}:\d{2}.*)?"

# A day and month, with or without a year: "Jan. 5, 2017", "5 January 2017", "March 12".
_DAY_MONTH = (rf"(?:{_MONTH}\s+{_DAY}|{_DAY.replace('day', 'day2')}\s+"
              rf"{_MONTH.replace('month', 'month2')})(?:,?\s+{_YEAR})?")
_FULL_DATE_LINE = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?:{_DAY_MONTH}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))\s*{_TIME}", re.I)
# a day, month and year with dots: "18.07.2023"
_DOTTED = r"(?P<dotted>(?P<dd>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<yyyy>(?:19|20)\d{2}))"
# "WASHINGTON, Jan. 5, 2017 - ", "BAGHDAD, Iraq — Nov. 3, 2017 — ", "KYIV, Ukraine, 18.07.2023 — "
_WIRE = re.compile(rf"{_PLACE}(?:,|{_DASH})\s+(?P<date>{_DAY_MONTH}|{_DOTTED}){_DASH}", re.I)
# the lines a release opens with before its dateline: "NEWS RELEASE", "FOR IMMEDIATE RELEASE"
_RELEASE_HEADER = re.compile(r"(?:(?:news|press|media)\s+release|for\s+immediate\s+release)"
                             r"\W*", re.I)
# a short line that is a place and a full date: "BAQUBA | Tuesday, 14 May 2019"
_PLACE_BAR = re.compile(r"(?-i:[A-ZÀ-ÖØ-Þ])[^|\n\d]{1,40}\|\s*")
_PRESS = re.compile(rf"{_PLACE}\s*\(\s*(?:{_WEEKDAY},?\s+)?(?P<date>{_DAY_MONTH})\s*\){_DASH}",
                    re.I)  # also "KABUL (Monday, 15 March 2010) -"
_AGENCY = re.compile(  # "BEIRUT, Dec 1 (Reuters) -", "SAN SALVADOR, 12 JAN 90 (ACAN-EFE) --",
    # "(CLANDESTINE), 16 MAY 90 (RADIO VENCEREMOS) --" (a station that names no place),
    # "SAN SALVADOR, 3 JAN 90 -- [REPORT]" (a two-digit year needs no agency)
    rf"(?:{_PLACE}|\((?-i:[A-Z]{{3,20}})\)),\s+(?P<date>{_DAY_MONTH}(?:\s+(?P<yy>\d{{2}}))?)"
    rf"(?:\s*\((?!\s*\d{{1,2}}\s*\))[^()\n]{{2,60}}\)|(?(yy)(?=\s*(?:--?|–|—))|(?!)))"
    rf"{_DASH}", re.I)
_AGENCY_FIRST = re.compile(  # "COLOMBO (LANKA NATIONAL BROADCAST) 5 JUN 87 --": the agency first
    rf"{_PLACE}\s*\((?!\s*\d)[^()\n]{{2,60}}\)\s*,?\s+(?P<date>{_DAY_MONTH}(?:\s+(?P<yy>\d{{2}}))?)"
    rf"{_DASH}", re.I)
# A monitoring service's header: "NEW DELHI NORTHERN NEWS SERVICE IN ENGLISH 1130 GMT 11 AUG 94
# --", "BEIRUT VOICE OF LEBANON IN ARABIC 1200 GMT 3 MAR 85 --": the station after the place
_STATION = (r"(?:(?:northern|southern|eastern|western|national|central|state|domestic)\s+)?"
            r"(?:radio|voice|television|tv|news|press|agency|service|network|cadena|canal|"
            r"prensa|agencia|broadcast\w*|international)\b[^()\n]{0,60}?")
_MONITORED = re.compile(
    rf"{_PLACE}\s+{_STATION}\s+(?:in\s+[a-z]+\s+)?(?:\d{{4}}\s+gmt\s+)?"
    rf"(?P<date>{_DAY_MONTH}(?:\s+(?P<yy>\d{{2}}))?){_DASH}", re.I)
_AGENCY_ONLY = re.compile(  # "April 9 (Reuters) -": the agency's dateline without its city
    rf"(?P<date>{_DAY_MONTH})\s*\((?!\s*\d)[^()\n]{{2,60}}\){_DASH}", re.I)
_RELEASE_NUMBER = re.compile(
    r"\brelease\s*(?:no\.?|number|#)\s*:?\s*(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?!\d)", re.I)
_BARE_YEAR = re.compile(r"(?<![\d.,/-])(?:19|20)\d{2}(?![\d/])")
_TEXT_DATES = re.compile(  # "28 Nov 2024", "November 28, 2024", "November 2024", "2024-11-28"
    rf"\b(?:{_DAY_MONTH}|{_MONTH.replace('month', 'month3')},?\s+{_YEAR.replace('year', 'year3')}"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))\b", re.I)

Found = tuple[dt.date, int, int]

# Where a wire or press release was issued: "KABUL, Afghanistan (March 12) -", "MOGADISHU, Oct 2
# (Reuters) -", "BAGHDAD (AP) -", "KABUL, Afghanistan -".
_PLACE_LINE = re.compile(
    rf"(?P<place>{_PLACE})(?P<tail>\s*,\s+{_DAY_MONTH}(?:\s+\d{{2}})?(?:\s*\([^()\n]{{2,60}}\))?"
    rf"|\s*\(\s*{_DAY_MONTH.replace('>', '4>')}\s*\)"
    rf"|\s*\([^()\n\d]{{2,60}}\)\s*,?\s+{_DAY_MONTH.replace('>', '5>')}(?:\s+\d{{2}})?"
    rf"|\s+{_STATION}\s+(?:in\s+[a-z]+\s+)?(?:\d{{4}}\s+gmt\s+)?"
    rf"{_DAY_MONTH.replace('>', '6>')}(?:\s+\d{{2}})?"
    rf"|\s*\([^()\n\d]{{2,40}}\))?{_DASH}\s",
    re.I)


def find_dateline(text: str, reference: dt.date | None = None) -> Found | None:
    """The publication date a dateline states, with the ``[start, end)`` of its date text.
    ``reference``, the publication date the caller was given, gives a dateline without a year
    (``(Sept. 14)``) the year that puts it nearest, if that is at most ``YEAR_FROM_TEXT_DAYS``
    days away.

    >>> find_dateline("Title\\n 2024-11-28 \\nBody")
    (datetime.date(2024, 11, 28), 7, 17)
    >>> find_dateline("WASHINGTON, Jan. 5, 2017 - Coalition forces struck ISIL.")
    (datetime.date(2017, 1, 5), 12, 24)
    >>> find_dateline("RELEASE NO. 20120312-01\\nKABUL, Afghanistan (March 12) - Forces...")[0]
    datetime.date(2012, 3, 12)
    >>> find_dateline("BEIRUT, Dec 1 (Reuters) - Rebels advanced.") is None  # no year
    True
    >>> find_dateline("NEWS RELEASE\\nBAGHDAD, Iraq — Nov. 3, 2017 — Forces...")[0]
    datetime.date(2017, 11, 3)
    >>> find_dateline("KYIV, Ukraine, 18.07.2023 — Shelling hit...")[0]
    datetime.date(2023, 7, 18)
    >>> find_dateline("By Staff Reporter\\nBAQUBA | Tuesday, 14 May 2019\\nGunmen...")[0]
    datetime.date(2019, 5, 14)
    """
    headed = True  # only release headers before this line: a wire dateline may open it
    for offset, line in _lines(text):
        stripped = line.lstrip()
        start = offset + len(line) - len(stripped)
        found = ((_wire(text, stripped, start) if headed or _capital_place(stripped) else None)
                 or _press(text, stripped, start, reference)
                 or _date_line(stripped.rstrip(), start))
        if found is not None:
            return found
        headed = headed and bool(_RELEASE_HEADER.fullmatch(stripped.rstrip()))
    return None


_BRACKETS = re.compile(r"(?:\s*\[[^\]\n]{1,80}\])*")
_LEADING_TAG = re.compile(r"\s*(?:\[[A-Z][A-Z ]{1,20}\]\s*)*")  # a transcript's "[TEXT]"


def dateline_place(text: str) -> tuple[int, int] | None:
    """The ``[start, end)`` of the place a dateline names: where the release was issued, not
    where its news happened. The place must open one of the first lines and be written in
    capitals (``KABUL, Afghanistan -``) or be followed by a date or an agency in parentheses
    (``Kabul (Reuters) -``).

    >>> text = "KABUL, Afghanistan (Sept. 14) - A force detained two men in Khost province."
    >>> start, end = dateline_place(text)
    >>> text[start:end]
    'KABUL, Afghanistan'
    >>> dateline_place("Rebels entered Aleppo - the army said - on Friday.") is None
    True
    >>> text = "NEW DELHI NORTHERN NEWS SERVICE IN ENGLISH 1130 GMT 11 AUG 94 -- [TEXT] A GRENADE"
    >>> start, end = dateline_place(text)
    >>> text[start:end], text[dateline_end(text):][:10]
    ('NEW DELHI', ' A GRENADE')
    """
    found = _issued(text)
    return found[:2] if found else None


def dateline_end(text: str) -> int | None:
    """Where a dateline (place, date, agency, dash and the bracketed notes after it: ``[REPORT]
    [ARMED FORCES PRESS COMMITTEE] [TEXT]``) ends: what follows is the news.

    >>> text = "Lima, 5 Jun 90 (Radio Programas del Peru) -- [Text] Rebels dynamited a tower."
    >>> text[dateline_end(text):][:6]
    ' Rebel'
    """
    found = _issued(text)
    return found[2] if found else None


@lru_cache(maxsize=64)
def _issued(text: str) -> tuple[int, int, int] | None:
    """The place's ``[start, end)`` and the end of a dateline (``dateline_place``)."""
    for offset, line in _lines(text):
        stripped = line.lstrip()
        match = _PLACE_LINE.match(stripped)
        if match is None:
            continue
        first = match["place"].split()[0].strip(",.")
        if match["tail"] or (len(first) > 2 and first.isupper()):
            start = offset + len(line) - len(stripped)
            brackets = _BRACKETS.match(stripped, match.end())  # "[REPORT] [COPREFA] [TEXT]"
            return start, start + len(match["place"].rstrip(" ,")), start + brackets.end()
    return None


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """The non-empty lines among the first ``MAX_LINES``, with their offsets."""
    offset = 0
    for line in text.split("\n")[:MAX_LINES]:
        if line.strip():
            tag = _LEADING_TAG.match(line)  # "[TEXT] DAVAO CITY, 15 JAN 86 (...) --"
            yield offset + tag.end(), line[tag.end():]
        offset += len(line) + 1


def _date_line(line: str, start: int) -> Found | None:
    """A short line that is a full date (``Published:`` and similar words before it)."""
    if not 6 <= len(line) <= 50:
        return None
    body = re.sub(r"^(?:published|updated|posted)(?: on)?:?\s*", "", line, flags=re.I)
    body = _PLACE_BAR.sub("", body, count=1)  # "BAQUBA | Tuesday, 14 May 2019"
    match = _FULL_DATE_LINE.fullmatch(body)
    if match is None:
        return None
    if match.group("iso"):
        day = _date(*(int(p) for p in match.group("iso").split("-")))
    else:
        day = _parts_date(match, need_year=True)
    if day is None:
        return None
    weekday = re.match(_WEEKDAY, body, re.I)
    if weekday and not calendar.day_name[day.weekday()].lower().startswith(
            weekday.group().lower().rstrip(".")[:3]):
        log.info("dateline %r: %s is a %s; the date is kept", line, day, day.strftime("%A"))
    return day, start, start + len(line)


def _capital_place(line: str) -> bool:
    """Whether a line opens with a place written in capitals (``LAMU, 20 September 2022 --``): a
    wire dateline below a headline, which no sentence opens with.

    >>> _capital_place("LAMU, 20 September 2022 -- Three suspects"), _capital_place("Lamu, 20")
    (True, False)
    """
    first = line.split(",", 1)[0].split()
    return bool(first) and len(first[0]) > 2 and first[0].isupper()


def _wire(text: str, line: str, start: int) -> Found | None:
    """``WASHINGTON, Jan. 5, 2017 - ...``: a full date only."""
    match = _WIRE.match(line)
    if match is not None and match["dotted"]:
        day = _date(int(match["yyyy"]), int(match["mm"]), int(match["dd"]))
    else:
        day = _parts_date(match, need_year=True) if match else None
    return None if day is None or match is None else (
        day, start + match.start("date"), start + match.end("date"))


def _press(text: str, line: str, start: int, reference: dt.date | None) -> Found | None:
    """``CITY, Country (Month D[, YYYY]) - ...``, ``CITY, Mon D[, YYYY] (Agency) - ...``,
    ``CITY (Agency) D MON YY -- ...`` or ``Mon D (Agency) - ...``.

    >>> _press("", "April 9 (Reuters) - An air strike killed 17.", 0, dt.date(2024, 4, 9))
    (datetime.date(2024, 4, 9), 0, 7)
    >>> _press("", "COLOMBO (LANKA NEWS) 5 JUN 87 -- TROOPS ...", 0, None)[0]
    datetime.date(1987, 6, 5)
    >>> _press("", "BEIRUT VOICE OF LEBANON IN ARABIC 1200 GMT 3 MAR 85 -- A CAR ...", 0, None)[0]
    datetime.date(1985, 3, 3)
    """
    press = _PRESS.match(line)
    match = (press or _AGENCY.match(line) or _AGENCY_FIRST.match(line) or _MONITORED.match(line)
             or _AGENCY_ONLY.match(line))
    if match is None:
        return None
    day = _parts_date(match, need_year=False)
    if day is None:  # no such day in any year (February 30)
        return None
    if match.group("year") is None and not match.groupdict().get("yy"):
        if press is not None:
            header = text[:start]
            day = _year_from_release(text, day) or _near(day, reference) \
                or _year_from_header(header, day) or _year_from_text(text, day)
        else:
            day = _near(day, reference) or _year_from_text(text, day)
    if day is None:
        log.debug("dateline %r: no year to read", match.group("date"))
        return None
    return day, start + match.start("date"), start + match.end("date")


def _parts_date(match: re.Match[str], *, need_year: bool) -> dt.date | None:
    """The date of a ``_DAY_MONTH`` match; without a year, that day in a leap year (2000)."""
    parts = match.groupdict()
    month = _MONTH_NAMES[(parts.get("month") or parts["month2"]).lower()]
    day = int(parts.get("day") or parts["day2"])
    year = parts.get("year")
    if year is None and parts.get("yy"):  # a wire's two-digit year: "12 JAN 90" is 1990
        year = str((1900 if int(parts["yy"]) >= _CENTURY_PIVOT else 2000) + int(parts["yy"]))
    if year is None:
        return None if need_year else _date(2000, month, day)
    return _date(int(year), month, day)


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _in_year(day: dt.date, year: int) -> dt.date | None:
    return _date(year, day.month, day.day)


def _nearest(day: dt.date, first: dt.date, last: dt.date) -> tuple[int, dt.date] | None:
    """``day``'s month and day in the year that puts it nearest ``[first, last]``, with the
    distance in days (0 inside it)."""
    best: tuple[int, dt.date] | None = None
    for year in (first.year - 1, first.year, last.year, last.year + 1):
        candidate = _in_year(day, year)
        if candidate is None:
            continue
        gap = max((first - candidate).days, (candidate - last).days, 0)
        if best is None or gap < best[0]:
            best = (gap, candidate)
    return best


def _year_from_release(text: str, day: dt.date) -> dt.date | None:
    """The year a release number (``RELEASE NO. 20120312-01``) gives the dateline's day."""
    match = _RELEASE_NUMBER.search(text)
    if match is None:
        return None
    return _near(day, _date(int(match["year"]), int(match["month"]), int(match["day"])))


def _near(day: dt.date, reference: dt.date | None) -> dt.date | None:
    """``day``'s month and day in the year that puts it nearest ``reference``, if that is at
    most ``YEAR_FROM_TEXT_DAYS`` days away."""
    found = _nearest(day, reference, reference) if reference else None
    return found[1] if found and found[0] <= YEAR_FROM_TEXT_DAYS else None


def _year_from_header(header: str, day: dt.date) -> dt.date | None:
    """The one year printed in the lines above a press-release dateline."""
    years = {int(y) for y in _BARE_YEAR.findall(header) if _FIRST_YEAR <= int(y) <= _LAST_YEAR}
    return _in_year(day, years.pop()) if len(years) == 1 else None


def _year_from_text(text: str, day: dt.date) -> dt.date | None:
    """The dateline's day in the year that puts it nearest a date of the text, within
    ``YEAR_FROM_TEXT_DAYS``; ``None`` when nothing is that near or the nearest disagree."""
    best: dict[dt.date, int] = {}
    for first, last in _text_dates(text):
        found = _nearest(day, first, last)
        if found is not None and found[0] <= YEAR_FROM_TEXT_DAYS:
            best[found[1]] = min(found[0], best.get(found[1], found[0]))
    if not best:
        return None
    closest = min(best.values())
    dates = [d for d, gap in best.items() if gap == closest]
    return dates[0] if len(dates) == 1 else None


def _text_dates(text: str) -> Iterator[tuple[dt.date, dt.date]]:
    """Every full date and month with a year in ``text``, as ``(first, last)`` days."""
    for match in _TEXT_DATES.finditer(text):
        parts = match.groupdict()
        if parts["iso"]:
            day = _date(*(int(p) for p in parts["iso"].split("-")))
            if day:
                yield day, day
        elif parts["month3"]:
            year, month = int(parts["year3"]), _MONTH_NAMES[parts["month3"].lower()]
            first = _date(year, month, 1)
            if first:
                yield first, first.replace(day=calendar.monthrange(year, month)[1])
        elif parts["year"]:
            day = _parts_date(match, need_year=True)
            if day:
                yield day, day
