"""GUM ``time`` mentions: the words of the time phrase, and whether it places an event.

A time mention becomes a DATE span only when it places an event in time (a month,
weekday, year, decade, century, or a relative expression such as ``last week``);
durations and vague times are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from training.transfer.brackets import Mention
from training.transfer.conllu import Token
from training.transfer.syntax import mention_children, mention_head, run_around, trim_edges

_CLAUSE_RELATIONS = frozenset({"acl", "advcl", "parataxis", "dep"})

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNITS = r"day|week|weekend|month|year|morning|afternoon|evening|night|summer|winter|spring|autumn"
_NUMBER = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few"
_PLACEABLE = re.compile(
    rf"\b(?:{_MONTHS})(?!\w)"
    rf"|\b(?:{_WEEKDAYS})s?\b"
    r"|(?<![\d,.])(?:1[0-9]|20)\d\d(?![\d,])"  # a four-digit year 1000-2099
    r"|\b(?:1[0-9]|20)\d0s\b|['’]\d0s\b"  # decades: 1990s, '90s (not ages: her 80s)
    r"|\b\d+(?:st|nd|rd|th)[\s-]+century\b"  # centuries: 20th century
    r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|twenty-first)[\s-]+century\b"
    r"|\b\d+\s?(?:AD|BC|BCE|CE)\b|\bAD\s?\d+"  # 347 AD, AD842
    r"|\brecent\s+(?:days|weeks|months|years)\b"
    r"|\b(?:yesterday|today|tonight|tomorrow)\b"
    rf"|\b(?:last|this|next|following|previous|preceding)\s+(?:{_UNITS})s?\b"
    rf"|\b(?:{_NUMBER})\s+(?:{_UNITS})s?\s+ago\b"
    rf"|\b(?:earlier|later)\s+(?:this|last|that)\s+(?:{_UNITS})\b",
    re.IGNORECASE,
)
_CASE_SENSITIVE_MONTHS = re.compile(rf"\b(?:{_MONTHS})(?!\w)")
_NOT_PLACEABLE = re.compile(r"^(?:now|then|currently|recently|the time)$", re.IGNORECASE)


def is_placeable_time(text: str) -> bool:
    """Whether a time expression places an event (a date), rather than a duration.

    True when it names a month, weekday, year (four digits, or with AD/BC), decade or
    century, or is relative (``yesterday``, ``last week``, ``the following day``, ``two
    days ago``, ``earlier this week``, ``recent weeks``). Month names are matched
    case-sensitively so ``may``/``march`` as words do not count.

    Args:
        text: the time expression.

    Returns:
        True for a placeable date.

    >>> is_placeable_time("Thursday, February 23, 2006"), is_placeable_time("the 1990s")
    (True, True)
    >>> is_placeable_time("five years"), is_placeable_time("now"), is_placeable_time("may")
    (False, False, False)
    >>> is_placeable_time("her 80s"), is_placeable_time("the 19th century")
    (False, True)
    """
    if _NOT_PLACEABLE.match(text.strip()):
        return False
    for match in _PLACEABLE.finditer(text):
        if not re.fullmatch(_MONTHS, match.group(0), re.IGNORECASE):
            return True
        if _CASE_SENSITIVE_MONTHS.fullmatch(match.group(0)):
            return True
    return False


def time_tokens(tokens: Sequence[Token], mention: Mention) -> list[Token]:
    """The words of a time mention: its head's phrase without clauses or edge words.

    Words outside the head's subtree and clauses (``acl``, ``advcl``, ``parataxis``)
    go, so ``February 1, 2003 when it disintegrated`` -> ``February 1, 2003``.

    Args:
        tokens: the words of the mention's sentence.
        mention: a ``time`` mention of that sentence.

    Returns:
        The time phrase's words, without leading articles/prepositions (possibly none).
    """
    children = mention_children(tokens, mention)
    head = mention_head(tokens, mention)
    keep = {head.index}
    todo = [head]
    while todo:
        for child in children.get(todo.pop().index, []):
            if child.deprel.split(":")[0] not in _CLAUSE_RELATIONS:
                keep.add(child.index)
                todo.append(child)
    return trim_edges([tokens[i - 1] for i in run_around(head.index, keep)])
