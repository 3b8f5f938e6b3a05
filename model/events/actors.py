"""Actor names: surface text -> canonical name and ACLED-like actor type.

The alias table is ``model/data/actors.json`` (documented inside the file). Lookup folds case,
spaces (NBSP included), hyphen variants, a leading ``the``, possessive ``'s`` and quotes; a
coordination with a shared head (``Syrian and Russian forces``) yields one actor per conjunct.
Unknown names keep their surface text, typed by keyword when a keyword says enough.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from model.events.nationality import demonym_country, group_type
from model.types import Actor, ActorType

_SPACES = re.compile(r"\s+")
_HYPHENS = re.compile(r"[‐‑‒–—]")
_QUOTES = re.compile(r"[\"“”‘’]")
_POSSESSIVE = re.compile(r"(?:'s|'|’s)$")
_COORDINATION = re.compile(r"^(\w+) and (\w+) (.+)$")
# The words between a country's adjective and "forces" that name a state's services.
_SERVICES = frozenset({"armed", "defence", "defense", "security", "and", "national", "special",
                       "government", "military", "air", "naval", "land"})
# The word after a group's name that names its members ("HTS fighters"), dropped to find it.
_HEAD = re.compile(r"\s+(?:fighters|militants|members|forces|troops|units|gunmen|rebels|soldiers|"
                   r"militiamen|elements|cadres)$")
# The name of an armed movement ("Myanmar National Democratic Alliance Army", "Syrian
# Democratic Forces", "Baloch Liberation Front"): no state's forces ("People's" is left out:
# the People's Liberation Army is China's).
_MOVEMENT = re.compile(r"\b(?<!People's )(?<!People’s )(?:Liberation|Independence|Resistance|"
                       r"Revolutionary|Alliance|Democratic|Islamic|Jihad|Mujahideen|Salvation|"
                       r"Patriotic|Popular)\s+"
                       r"(?:[A-Z][\w'’-]*\s+)*(?:Army|Front|Forces|Movement|Brigades?|Council|"
                       r"Union|Organi[sz]ation|Coalition)\b")

# Priors, chosen by hand, not measured: how often the name and type given are right for a
# correctly marked ACTOR span (event assembly multiplies them by the span's score,
# ``model.events.confidence``).
ACTOR_PRIORS: dict[str, float] = {
    "alias": 0.95,  # the alias table knows the name
    "keyword": 0.5,  # unknown name, typed by a keyword ("Kurdish militia")
    "unknown": 0.3,  # unknown name, no type
}


@dataclass(frozen=True)
class ActorName:
    """A normalized actor: canonical ``name``, ``actor_type``, ACLED ``inter`` code, and the
    prior of how it was found (``ACTOR_PRIORS``)."""

    name: str
    actor_type: ActorType | None
    inter: int | None
    known: bool
    prior: float


# ACLED inter codes of armed sides: state forces, rebels, political and identity militias,
# external forces (not rioters, protesters or civilians).
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})


def names_armed_side(actors: Iterable[Actor]) -> bool:
    """Whether any of an event's actors is an armed side (``ARMED_INTERS``)."""
    return any(a.inter in ARMED_INTERS for a in actors)


@dataclass(frozen=True)
class _Table:
    aliases: dict[str, tuple[str, str]]  # key -> (name, type)
    inter: dict[str, int]
    keywords: tuple[tuple[str, str], ...]
    local: dict[str, tuple[str, str, str]]  # key -> (name, type, country): country_aliases


def fold(surface: str) -> str:
    """The lookup key of an actor name.

    >>> fold("the Syrian\\u00a0Regime's")
    'syrian regime'
    """
    text = _QUOTES.sub("", _HYPHENS.sub("-", surface.replace("’", "'")))
    text = _SPACES.sub(" ", text).strip().lower()
    text = _POSSESSIVE.sub("", text).strip()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw: dict[str, Any] = json.loads(
        resources.files("model").joinpath("data/actors.json").read_text(encoding="utf-8")
    )
    inter = {str(k): int(v) for k, v in raw["inter_codes"].items()}
    aliases: dict[str, tuple[str, str]] = {}
    local: dict[str, tuple[str, str, str]] = {}
    for entry in raw["actors"]:
        if entry["type"] not in inter:
            raise ValueError(f"actors.json: {entry['name']!r} has unknown type {entry['type']!r}")
        for alias in [entry["name"], *entry["aliases"], *entry.get("country_aliases", ())]:
            key = fold(alias)
            if key in aliases and aliases[key][0] != entry["name"]:
                raise ValueError(f"actors.json: alias {alias!r} names two actors")
            if alias in entry.get("country_aliases", ()):
                local[key] = (entry["name"], entry["type"], entry["country"])
            else:
                aliases[key] = (entry["name"], entry["type"])
    keywords = tuple((str(word), str(kind)) for word, kind in raw["type_keywords"])
    return _Table(aliases=aliases, inter=inter, keywords=keywords, local=local)


def _lookup(key: str, countries: Sequence[str]) -> ActorName | None:
    table = _table()
    for candidate in (key, key.removeprefix("syrian ")):
        if candidate in table.aliases:
            name, kind = table.aliases[candidate]
            return ActorName(name, cast(ActorType, kind), table.inter[kind], True,
                             ACTOR_PRIORS["alias"])
        if candidate in table.local:
            name, kind, country = table.local[candidate]
            if not countries or country in countries:
                return ActorName(name, cast(ActorType, kind), table.inter[kind], True,
                                 ACTOR_PRIORS["alias"])
    return None


def canonical_actors(surface: str, countries: Sequence[str] = ()) -> tuple[ActorName, ...]:
    """Normalize an ACTOR span's text to one actor, or one per conjunct of a coordination.

    ``countries`` are the article's countries (ISO codes of its places): an alias that names
    an actor only in its own country ("the army") does so only when that country is one of
    them, or when none is known. Returns an empty tuple for text with no letters (refused).

    >>> [a.name for a in canonical_actors("the regime")]
    ['Syrian government forces']
    >>> [(a.name, a.actor_type) for a in canonical_actors("the army", ("ML",))]
    [('army', 'state forces')]
    >>> [(a.name, a.inter) for a in canonical_actors("Syrian and Russian forces")]
    [('Syrian government forces', 1), ('Russian forces', 8)]
    >>> canonical_actors("Kurdish militia")[0]
    ActorName(name='Kurdish militia', actor_type='political militia', inter=3, known=False, \
prior=0.5)
    """
    key = fold(surface)
    if not re.search(r"[^\W\d_]", key):
        return ()
    found = _lookup(key, countries) or _lookup(_HEAD.sub("", key), countries)
    if found is not None:  # "Hayat Tahrir al-Sham fighters": the group its head word names
        return (found,)
    parts = _conjuncts(key)
    resolved = [_lookup(part, countries) for part in parts]
    if len(parts) > 1 and all(r is not None for r in resolved):
        return tuple(r for r in resolved if r is not None)
    return (_fallback(surface, key),)


def _conjuncts(key: str) -> list[str]:
    match = _COORDINATION.match(key)
    if match:  # "syrian and russian forces" -> shared head
        first, second, head = match.groups()
        return [f"{first} {head}", f"{second} {head}"]
    return [part.strip() for part in re.split(r",\s*|\s+and\s+", key) if part.strip()]


def _state_forces(words: Sequence[str]) -> bool:
    """Whether folded words name a state's forces: a country's adjective, then "forces" with only
    words of the state's services or other countries' adjectives between ("Malian Armed
    Forces", "Mozambican Defence and Security Forces", "Mozambican and Rwandan forces").

    >>> _state_forces(["malian", "armed", "forces"]), _state_forces(["syrian", "democratic",
    ...                                                                "forces"])
    (True, False)
    """
    if len(words) < 2 or words[-1] != "forces":
        return False
    return any(demonym_country(" ".join(words[:n])) and all(
        w in _SERVICES or demonym_country(w) for w in words[n:-1]) for n in (1, 2))


def _fallback(surface: str, key: str) -> ActorName:
    table = _table()
    parts = key.split()
    words = set(parts)
    name = _POSSESSIVE.sub("", _SPACES.sub(" ", surface).strip().replace("’", "'")).strip()
    name = name[4:] if name.lower().startswith("the ") else name
    kind = group_type(surface) or (  # "Arakan Army": a rebel group, not an army
        "rebel group" if _MOVEMENT.search(surface) else None)
    if kind is None and _state_forces(parts):
        kind = "state forces"  # "Mozambican forces", not "Syrian Democratic Forces"
    if kind is not None:
        return ActorName(name, cast(ActorType, kind), table.inter[kind], False,
                         ACTOR_PRIORS["keyword"])
    for word, kind in table.keywords:
        if word in words and not (word == "opposition" and words & _POLITICAL):
            return ActorName(name, cast(ActorType, kind), table.inter[kind], False,
                             ACTOR_PRIORS["keyword"])
    return ActorName(name, None, None, False, ACTOR_PRIORS["unknown"])


# The political opposition, not an armed one: "supporters of opposition leader Ousmane Sonko",
# "opposition activists", "an opposition party"
_POLITICAL = frozenset({"supporters", "supporter", "activists", "activist", "party", "parties",
                        "leader", "leaders", "politicians", "politician", "lawmakers", "mps",
                        "candidate", "candidates", "members", "coalition", "figures", "officials"})
