"""A cheap, exact gate before a regular-expression scan: the few letters a match can open with.

A lexicon pattern wrapped in ``\\b...\\b`` can only match where a word starts, and only where
the text there opens with one of the pattern's possible first letters (``kill|murder`` opens
with ``kil`` or ``mur``). Listing those openings once per pattern, and the openings of a
sentence's words once per sentence, tells which patterns cannot match the sentence at all
without scanning it: most lexicon patterns, in most sentences.

>>> sorted(openings(r"\\b(?:kill(?:ed|s)|(?<!not )murder|IEDs?)\\b"))
['ied', 'kil', 'mur']
>>> openings(r"\\b(?:\\w+ attack)\\b") is None  # a pattern that opens with any word: no gate
True
>>> gate = openings(r"\\b(?:kill(?:ed|s)|murder)\\b")
>>> bool(gate & word_openings("two were killed")), bool(gate & word_openings("skilled men"))
(True, False)
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

WIDTH = 3  # letters listed per opening: enough to tell most lexicon words apart
_MOST = 4000  # more openings than this: no gate (the listing would cost more than the scan)
_WORD_START = re.compile(r"\b\w")
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # they consume nothing: skipped, still exact
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_GROUPS = (sre.SUBPATTERN, getattr(sre, "ATOMIC_GROUP", sre.SUBPATTERN))


def openings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-case openings (``WIDTH`` letters, fewer for a shorter match) that every match of
    ``pattern`` begins with, or ``None`` where they cannot all be listed (an opening ``\\w``,
    ``.`` or a class too wide) or a match can open with a letter that does not start a word."""
    try:
        found = _sequence(sre_parse.parse(pattern, flags).data)
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    if not found or any(not opening or not (opening[0].isalnum() or opening[0] == "_")
                        for opening in found):
        return None
    return frozenset(found)


def word_openings(text: str) -> frozenset[str]:
    """Every opening, one to ``WIDTH`` letters, of the words of ``text`` (already lower-case)."""
    starts = [m.start() for m in _WORD_START.finditer(text)]
    return frozenset(text[i : i + n] for i in starts for n in range(1, WIDTH + 1))


def _sequence(items: list, done: set[str] | None = None) -> set[str] | None:
    grown = {""} if done is None else done
    for op, av in items:
        if all(len(s) >= WIDTH for s in grown):
            return grown
        options = _item(op, av)
        if options is None:
            return None
        grown = {s if len(s) >= WIDTH else (s + o)[:WIDTH] for s in grown for o in options}
        if len(grown) > _MOST:
            return None
    return grown


def _item(op: object, av: object) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(av).lower()}  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return {""}
    if op is sre.IN:
        return _charset(av)  # type: ignore[arg-type]
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            found = _sequence(branch)
            if found is None:
                return None
            union |= found
        return union
    if op in _GROUPS:
        return _sequence(av[-1] if op is sre.SUBPATTERN else av)  # type: ignore[index,arg-type]
    if op in _REPEATS:
        low, high, body = av  # type: ignore[misc]
        once = _sequence(body)
        if once is None:
            return None
        made, grown = ({""} if low == 0 else set()), {""}
        for n in range(1, min(high, WIDTH) + 1):
            grown = {(s + o)[:WIDTH] for s in grown for o in once}
            if n >= low or n == WIDTH:
                made |= grown
        return made
    return None


def _charset(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av).lower())
        elif op is sre.RANGE and av[1] - av[0] <= 32:
            chars |= {chr(c).lower() for c in range(av[0], av[1] + 1)}
        else:
            return None
    return chars
