"""GUM entity mentions from the CorefUD ``Entity=`` brackets of the MISC column."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)

_BRACKET = re.compile(r"\((?P<body>[^()]+)(?P<single>\))?|(?P<eid>[^()]+)\)")


@dataclass(frozen=True)
class Mention:
    """An entity mention: words ``first..last`` (1-based, inclusive) of one sentence."""

    first: int
    last: int
    entity_type: str
    identity: str | None = None  # GUM's Wikipedia link, e.g. ``Korean_People's_Army``

    @property
    def size(self) -> int:
        """The mention's length in words."""
        return self.last - self.first + 1


@dataclass(frozen=True)
class Bracket:
    """One bracket of an ``Entity=`` value; ``entity_type`` and ``identity`` only on openings."""

    kind: str  # "open", "close" or "single" (a one-word mention)
    eid: str
    entity_type: str = ""
    identity: str | None = None


def entity_events(value: str) -> Iterator[Bracket]:
    """Yield the brackets of an ``Entity=`` value.

    An opening holds ``eid-etype-infstat-salience-centering-minspan-link[-identity]``;
    a closing holds only the entity id.

    Args:
        value: the value of one word's ``Entity=`` MISC field.

    Yields:
        One :class:`Bracket` per opening, closing or one-word (``(...)``) bracket.

    >>> [(b.kind, b.eid, b.entity_type) for b in entity_events("(4-time-new-1)3)(5-place-giv")]
    [('single', '4', 'time'), ('close', '3', ''), ('open', '5', 'place')]
    >>> next(entity_events("(9-person-new-sssss-cf1-1-coref-Kim_Jong-un)")).identity
    'Kim_Jong-un'
    """
    for match in _BRACKET.finditer(value):
        if match.group("eid") is not None:
            yield Bracket("close", match.group("eid"))
            continue
        fields = match.group("body").split("-", 7)
        entity_type = re.split(r"\[", fields[1])[0] if len(fields) > 1 else ""
        identity = fields[7] if len(fields) == 8 and fields[7] else None
        kind = "single" if match.group("single") else "open"
        yield Bracket(kind, fields[0], entity_type, identity)


def read_mentions(entities: Iterable[tuple[int, str]]) -> list[Mention]:
    """Read the mentions of a sentence from its words' ``Entity=`` brackets.

    Discontinuous mentions (``[1/2]`` parts) are read like any other bracket pair; an
    unclosed bracket is dropped with a warning.

    Args:
        entities: ``(word id, Entity value)`` for each word that has an ``Entity=`` field,
            in sentence order.

    Returns:
        The mentions in the order they close.

    >>> found = read_mentions([(1, "(1-person-new"), (2, "(2-place-giv-s-c-1-x-Aleppo)1)")])
    >>> [(m.first, m.last, m.entity_type, m.identity) for m in found]
    [(2, 2, 'place', 'Aleppo'), (1, 2, 'person', None)]
    """
    open_stack: list[tuple[Bracket, int]] = []
    mentions: list[Mention] = []
    for index, value in entities:
        for bracket in entity_events(value):
            if bracket.kind == "single":
                mentions.append(Mention(index, index, bracket.entity_type, bracket.identity))
            elif bracket.kind == "open":
                open_stack.append((bracket, index))
            else:
                mention = _close(open_stack, bracket.eid, index)
                if mention is not None:
                    mentions.append(mention)
    if open_stack:
        log.warning("unclosed entity bracket(s) %s", [b.eid for b, _ in open_stack])
    return mentions


def _close(stack: list[tuple[Bracket, int]], eid: str, index: int) -> Mention | None:
    """Pop the innermost open mention of entity ``eid`` and return it closed at ``index``."""
    eid = eid.split("[")[0]
    for position in range(len(stack) - 1, -1, -1):
        if stack[position][0].eid.split("[")[0] == eid:
            bracket, first = stack.pop(position)
            return Mention(first, index, bracket.entity_type, bracket.identity)
    log.warning("closing bracket for entity %s that is not open", eid)
    return None
