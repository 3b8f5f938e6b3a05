"""LOCATION spans the tagger missed where the text itself says a name is a place.

An ACTOR span right after "in", "near" or "outside" that names no known actor and a province,
a district or a big town is read as the place it is (``a missile strike in Dnipro``).

Three contexts say so plainly, and a name found in one is kept only where the gazetteer places
it (``geocode``) and no span of the tagger's covers it:

- a level word before it: ``the department of Cauca``, ``the province of Helmand``;
- a level word after it: ``Tahoua Region``, ``Kurram district``, ``Borno State``;
- its country after it: ``in Moss, Norway``, ``near Kidal, Mali``;
- "in", "near" or "outside" before it, where it is a country, a province, a district or a big
  town under its own name (``clashes in Kharkiv``);
- a state's formal name, as release headers write it (``REPUBLIC OF CAMEROON``).

A capitalised level word before a name is a ministry more often than a place (``Department of
Justice``, ``State of Emergency``), so only ``Province of``, ``Governorate of`` and ``District
of`` are read capitalised. Like the casualty finder's, the spans it adds carry no model score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from model.events.actors import canonical_actors
from model.events.gazetteer import gazetteer, name_key
from model.events.locations import country_code, geocode
from model.events.nationality import find_groups
from model.events.triggers import ARMED_GROUP_NAMES
from model.types import Span

_NAME = r"[A-Z][\w'’-]+(?:[ -](?:[A-Z][\w'’-]+|al|el|ad|ar|as|ash|at|az|de|del|la|le))*?"
_LEVEL_OF = re.compile(
    r"\b(?:(?:province|governorate|district|department|region|state|county|municipality|"
    r"oblast|prefecture|wilaya)|(?:Province|Governorate|District))\s+of\s+(?:the\s+)?"
    rf"(?P<name>{_NAME})(?=[\s,.;:)]|$)")
_LEVEL_AFTER = re.compile(  # not "a 90-day state of siege"
    rf"(?<![-\d])(?P<name>{_NAME})\s+(?i:province|governorate|district|region|state|oblast|"
    r"prefecture|department|county)\b(?!\s+(?i:of\s+(?:siege|emergency|war|alert|calamity|"
    r"exception|insurrection)))")
_COUNTRY_AFTER = re.compile(
    rf"\b(?:in|near|at|outside|from)\s+(?:the\s+)?(?P<name>{_NAME}),\s+(?P<country>"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
# A name right after "in", "near" or "outside" that no span covers: kept only where it is a
# country, a first-level division or a big town under its own name (``_well_known``).
# A state's formal name, as release headers write it: "REPUBLIC OF CAMEROON", "ARMED FORCES OF THE
# DEMOCRATIC REPUBLIC OF THE CONGO", "Islamic Emirate of Afghanistan".
_STATE_OF = re.compile(
    r"\b(?i:republic|kingdom|emirate|sultanate|federation)\s+(?i:of)\s+(?:(?i:the)\s+)?"
    r"[A-Za-z'’]+(?:[ -][A-Za-z'’]+){0,3}?(?=\s*(?:\n|$|[,.;:(]))")
_WORDS_BEFORE = re.compile(r"(?:\b[A-Za-z]+[ \t]+){0,2}$")  # "DEMOCRATIC [REPUBLIC OF ...]"
_AFTER_IN = re.compile(rf"\b(?:in|near|outside)\s+(?:the\s+)?(?P<name>{_NAME})(?=[\s,.;:)]|$)")
_OPENERS = re.compile(r"^(?:(?:The|In|On|At|A|An|From|Near|Of|And|But|Also|Both|Then)\s+)+")
_MAX_WORDS = 4
_IN = re.compile(r"\b(?:in|near|outside)\s+$")
BIG_TOWN = 100_000  # a town this size or more, after "in", is the place and not an actor
OWN_NAME_RATIO = 0.8  # ... when the name is (nearly) the town's own: "Hamas" is no name of Hamm


def find_place_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """LOCATION spans for names in a place's context that overlap no span of ``spans``.

    >>> text = "A soldier was killed in the department of Cauca and in Moss, Norway."
    >>> [text[s.start:s.end] for s in find_place_spans(text, [])]
    ['Cauca', 'Moss', 'Norway']
    >>> find_place_spans("The Department of Justice said so.", [])
    []
    >>> text = "Clashes in Kharkiv and in January, police in Congress said."
    >>> [text[s.start:s.end] for s in find_place_spans(text, [])]
    ['Kharkiv']
    """
    taken = [(s.start, s.end) for s in spans]
    found: list[Span] = []
    for pattern in (_LEVEL_OF, _LEVEL_AFTER, _COUNTRY_AFTER, _AFTER_IN):
        for match in pattern.finditer(text):
            start, end = match.span("name")
            opener = _OPENERS.match(match["name"] + " ")
            if opener and opener.end() > len(match["name"]):
                continue  # "The Department": no name before the level word
            start += opener.end() if opener else 0
            if pattern is _LEVEL_AFTER:
                end = match.end()  # the level word belongs to the name: "Kurram district"
            if pattern is _AFTER_IN:
                if _new(start, end, taken) and _well_known(text[start:end]):
                    taken.append((start, end))
                    found.append(Span(start=start, end=end, label="LOCATION"))
                continue
            if _new(start, end, taken) and _placed(text, start, end):
                taken.append((start, end))
                found.append(Span(start=start, end=end, label="LOCATION"))
            if pattern is _COUNTRY_AFTER:
                start, end = _country(match)
                if start < end and _new(start, end, taken):
                    taken.append((start, end))
                    found.append(Span(start=start, end=end, label="LOCATION"))
    for match in _STATE_OF.finditer(text):
        start, end = _state(match)
        if start < end and _new(start, end, taken):
            taken.append((start, end))
            found.append(Span(start=start, end=end, label="LOCATION"))
    return sorted(found, key=lambda s: s.start)


def _state(match: re.Match[str]) -> tuple[int, int]:
    """The offsets of the longest tail of a state's formal name that names a country ("THE
    DEMOCRATIC REPUBLIC OF THE CONGO", not "CONGO"), or an empty range.

    >>> text = "ARMED FORCES OF THE DEMOCRATIC REPUBLIC OF THE CONGO: PRESS RELEASE"
    >>> start, end = _state(next(_STATE_OF.finditer(text)))
    >>> text[start:end]
    'DEMOCRATIC REPUBLIC OF THE CONGO'
    """
    text = match.string
    before = _WORDS_BEFORE.search(text, max(0, match.start() - 40), match.start())
    start = before.start() if before else match.start()
    name = text[start:match.end()]
    words = [m.start() for m in re.finditer(r"\S+", name)]
    for at in words:
        if not re.match(r"(?i:the)\s", name[at:]) and country_code(name[at:]):
            return start + at, match.end()
    return start, start


def with_found_places(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans``, an ACTOR span that is a well-known place after "in" as a LOCATION span (``in
    Dnipro``), and the LOCATION spans ``find_place_spans`` adds.

    >>> text = "A missile strike in Dnipro killed 14 people."
    >>> [(text[s.start:s.end], s.label) for s in
    ...  with_found_places(text, [Span(start=20, end=26, label="ACTOR")])]
    [('Dnipro', 'LOCATION')]
    """
    spans = [Span(start=s.start, end=s.end, label="LOCATION") if _place_not_actor(text, s)
             else s for s in spans]
    return sorted([*spans, *find_place_spans(text, spans)], key=lambda s: (s.start, s.end))


def _place_not_actor(text: str, span: Span) -> bool:
    """An ACTOR span right after "in", "near" or "outside" that names no known actor and a
    province, a district or a town of ``BIG_TOWN`` people or more."""
    surface = text[span.start : span.end]
    if span.label != "ACTOR" or not surface[:1].isupper() or not _IN.search(
            text, max(0, span.start - 10), span.start):
        return False
    return _well_known(surface)


def _well_known(surface: str) -> bool:
    """Whether a name is no known actor or armed group and, under (nearly) its own name, a
    country, a province, a district or a town of ``BIG_TOWN`` people or more."""
    if any(a.known for a in canonical_actors(surface)) or find_groups(surface) or re.search(
            rf"\b{ARMED_GROUP_NAMES}\b", surface, re.I):
        return False
    if country_code(surface):
        return True
    key = name_key(surface)
    return any(not e.loose and (e.kind != "place" or e.population >= BIG_TOWN)
               and SequenceMatcher(None, key, name_key(e.name)).ratio() >= OWN_NAME_RATIO
               for e in gazetteer().lookup(key))


def _new(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return 0 <= start < end and not any(a < end and start < b for a, b in taken)


def _placed(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if not name[:1].isupper() or len(name.split()) > _MAX_WORDS:
        return False
    return geocode(name, context_before=text[max(0, start - 30) : start],
                   context_after=text[end : end + 80]) is not None


def _country(match: re.Match[str]) -> tuple[int, int]:
    """The offsets of the longest run of the words after the comma that names a country."""
    words = list(re.finditer(r"[\w'’-]+", match["country"]))
    for n in range(len(words), 0, -1):
        if country_code(" ".join(w.group(0) for w in words[:n])):
            base = match.start("country")
            return base + words[0].start(), base + words[n - 1].end()
    return 0, 0
