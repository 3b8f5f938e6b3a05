"""Countries named by nationality adjectives: "Malian soldiers", "the Iraqi capital".

News often names a country only by its adjective. The table is ``model/data/demonyms.tsv``; it
places a LOCATION span that is an adjective alone ("southern Afghan" -> Afghanistan, country
precision), tells the geocoder which countries an article is about (``countries_named`` over its
ACTOR and CASUALTY spans: "Syrian Democratic Forces"), and places an event that names no place
at all by the nationality of its actors or victims (``model/events/incidents.py``), or by the
armed group that acted, where its name tells the country it fights in (``model/data/groups.tsv``:
"Boko Haram" -> Nigeria).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources

from model.events.gazetteer import ascii_fold

_WORD = re.compile(r"[a-z][a-z'-]*")  # words of a folded adjective


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded nationality adjective -> ISO 3166-1 alpha-2 code."""
    text = resources.files("model").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {ascii_fold(word).strip(): code.strip() for word, code in rows}


@lru_cache(maxsize=4096)
def demonym_country(text: str) -> str | None:
    """The country of a nationality adjective alone, or None.

    >>> demonym_country("Malian"), demonym_country("South Sudanese"), demonym_country("Mali")
    ('ML', 'SS', None)
    """
    return demonyms().get(" ".join(_WORD.findall(ascii_fold(text))))


@lru_cache(maxsize=2)
def _pattern(flags: int = re.I) -> re.Pattern[str]:
    words = sorted(demonyms(), key=len, reverse=True)  # "south sudanese" before "sudanese"
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", flags)


def _lowered_matches(text: str, pattern: Callable[[int], re.Pattern[str]]) -> Iterator[
        re.Match[str]]:
    """Matches of a case-blind word list: on the text in lower case with a case-sensitive
    pattern (three times faster than ``re.I``), else, where lower-casing changes the text's
    length, with ``re.I``. Offsets are the text's either way."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return pattern(0).finditer(lowered)
    return pattern(re.I).finditer(text)


def find_demonyms(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, country code)`` of each nationality adjective in ``text``.

    >>> find_demonyms("killed two Malian soldiers")
    [(11, 17, 'ML')]
    """
    return [(m.start(), m.end(), demonyms()[m.group(0).lower()])
            for m in _lowered_matches(text, _pattern) if m.group(0).lower() in demonyms()]


def countries_named(text: str) -> list[str]:
    """The countries whose adjectives ``text`` uses, in order, each once.

    >>> countries_named("Syrian Democratic Forces and South Sudanese troops")
    ['SY', 'SS']
    """
    return list(dict.fromkeys(code for _, _, code in find_demonyms(text)))


@lru_cache(maxsize=1)
def _group_rows() -> tuple[tuple[str, str, str], ...]:
    """``(name as the table writes it, ISO alpha-2 code, ACLED actor type)`` of each row of the
    group table (``rebel group`` where its third column is empty)."""
    text = resources.files("model").joinpath("data/groups.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return tuple((row[0].strip(), row[1].strip(), row[2].strip() if len(row) > 2
                  else "rebel group") for row in rows)


@lru_cache(maxsize=1)
def group_countries() -> dict[str, str]:
    """Folded name (``ascii_fold``: "new peoples army") of an armed group that fights in one
    country -> its ISO alpha-2 code."""
    return {ascii_fold(word).strip(): code for word, code, _ in _group_rows()}


def group_type(text: str) -> str | None:
    """The ACLED actor type of the first single-country armed group ``text`` names.

    >>> group_type("Taliban fighters"), group_type("the Tatmadaw"), group_type("villagers")
    ('rebel group', 'state forces', None)
    """
    found = find_groups(text)
    if not found:
        return None
    return _group_kinds()[ascii_fold(text[found[0][0] : found[0][1]]).strip()]


@lru_cache(maxsize=1)
def _group_kinds() -> dict[str, str]:
    """Folded name of an armed group -> its ACLED actor type (keyed as ``group_countries``)."""
    return {ascii_fold(word).strip(): kind for word, _, kind in _group_rows()}


@lru_cache(maxsize=2)
def _group_pattern(flags: int = re.I) -> re.Pattern[str]:
    words = sorted((word for word, _, _ in _group_rows()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])",
                      flags)


def find_groups(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, country code)`` of each single-country armed group named in ``text``.

    >>> find_groups("Boko Haram jihadists attacked a base")
    [(0, 10, 'NG')]
    >>> find_groups("ETA bombs; Ira Glass")  # a short name only in capitals
    [(0, 3, 'ES')]
    """
    found = []
    for m in _lowered_matches(text, _group_pattern):
        surface = text[m.start() : m.end()]
        key = ascii_fold(surface).strip()
        if key in group_countries() and (len(key) > 4 or surface.isupper()):  # ETA, not Eta
            found.append((m.start(), m.end(), group_countries()[key]))
    return found
