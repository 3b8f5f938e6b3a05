"""Sentence and clause boundaries as character offsets (pure, rule-based).

Sentences end at a line break, or at ``.``/``!``/``?`` (plus closing quotes) followed by space
and a capital letter, digit or opening quote (or at a period between a lower-case word and a
capitalised one with no space: ``Department.The``), unless the period closes what the word tokenizer
keeps whole (``model.decode``): a known abbreviation (``Gen.``, ``Jan.``, ``No.``), a dotted
acronym (``U.S.``) or an initial (``Stephen J. Townsend``).
Clauses split a sentence only between two triggers, at ``;``, at ``as`` (not ``as well as``,
``such as``, ...), at ``while``, or at ``and`` directly before the second trigger (``bombing
towns on Saturday and intensified airstrikes on Sunday``), when at least 15 characters lie
between the two triggers (``shelling and bombs`` stays one clause): one event per clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from model.decode import ABBREVIATIONS

_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])"
                  r"|(?<=[a-z]{2})\.(?=[A-Z][a-z])")  # also "Department.The incident": no space
_ABBREVIATIONS = frozenset(a.lower() for a in ABBREVIATIONS) | {"no"}
_KEPT_WHOLE = re.compile(r"[A-Z]|[^\W\d_](?:\.[^\W\d_])+")  # an initial; a dotted acronym
_AS = re.compile(  # not "known as", "identified as", "such as"
    r"(?<!\bknown)(?<!\bidentified)(?<!\bdescribed)(?<!\bsuch)(?<!\bsame)(?<!\bserved)"
    r"\s+as\s+(?!well\b|many\b|much\b|part\b|long\b|soon\b|far\b|a result\b|of\b|if\b)"
)
_AND = re.compile(r"(?:,\s*|\s+)and\s+(?:[\w-]+\s+)?$")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}[\w'’-]+\s?$", re.I)
_OTHER = re.compile(r";\s+|,?\s+while\s+|,\s+and\s+(?=(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
                    r"(?:said|says|added|reported)\b)")  # "..., police said, and the air force said
# it had bombed a camp": another source, another incident
_MIN_GAP = 15  # "shelling and bombs" is one clause; a clause needs some words of its own


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, empty ones dropped.

    >>> text = "Rebels entered Aleppo.  Gen. Ali said so.\\nHeadline"
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Rebels entered Aleppo.', 'Gen. Ali said so.', 'Headline']
    >>> text = "Eight were killed in Antioquia Department.The incident is one of the worst."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Eight were killed in Antioquia Department.', 'The incident is one of the worst.']
    >>> text = "On Jan. 5 Lt. Gen. Stephen J. Townsend and U.S. forces struck. Two died."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['On Jan. 5 Lt. Gen. Stephen J. Townsend and U.S. forces struck.', 'Two died.']
    """
    bounds: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _END.finditer(line):
            tail = line[max(0, match.end() - 24) : match.end()]
            word = re.search(r"([\w.]+)[.!?][\"'”’)]*$", tail)
            if word and _kept_whole(word.group(1)):
                continue
            bounds.append((offset + start, offset + match.end()))
            start = match.end()
        bounds.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    return [_trim(text, a, b) for a, b in bounds if text[a:b].strip()]


def is_title(sentence: str) -> bool:
    """Whether a sentence ends without sentence punctuation: a headline or a title line.

    >>> is_title("Four PKK terrorists captured alive in Diyarbakir"), is_title("Two died.")
    (True, False)
    """
    return not sentence.rstrip().endswith((".", "!", "?"))


def sentence_before(text: str, start: int, reach: int = 400) -> tuple[int, int]:
    """The ``[begin, start)`` of the sentence before the one that begins at ``start`` (split as
    ``split_sentences`` splits), looked for at most ``reach`` characters back: where an
    incident's cause or date is often told.

    >>> text = "U.S. forces struck on Jan. 5. Later, one guard died."
    >>> begin, end = sentence_before(text, 30)
    >>> text[begin:end]
    'U.S. forces struck on Jan. 5. '
    """
    low = max(0, start - reach)
    bounds = split_sentences(text[low:start])
    return (low + bounds[-1][0] if bounds else start), start


def _kept_whole(word: str) -> bool:
    """Whether ``word`` + ``.`` is one token (abbreviation, initial, acronym), not an ending."""
    return word.lower().rstrip(".") in _ABBREVIATIONS or bool(_KEPT_WHOLE.fullmatch(word))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_clauses(
    text: str, start: int, end: int, triggers: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Split the sentence ``text[start:end]`` into clauses, one per separable trigger.

    ``triggers`` are ``(start, end)`` offsets into ``text``, in order.

    >>> s = "Rebels Capture Aleppo as Russian Forces Intensify Airstrikes"
    >>> [s[a:b] for a, b in split_clauses(s, 0, len(s), [(7, 14), (50, 60)])]
    ['Rebels Capture Aleppo', 'Russian Forces Intensify Airstrikes']
    >>> s = "A bomb hit a bus on the road between Baghdad and Kirkuk killing two."
    >>> len(split_clauses(s, 0, len(s), [(7, 10), (56, 63)]))
    1
    """
    clauses: list[tuple[int, int]] = []
    clause_start = start
    for (_, prev_end), (next_start, _) in pairwise(triggers):
        gap = text[prev_end:next_start]
        cut = _cut(gap) if len(gap) >= _MIN_GAP or ";" in gap else None
        if cut is None:
            continue
        cut_start, cut_end = prev_end + cut[0], prev_end + cut[1]
        clauses.append(_trim(text, clause_start, cut_start))
        clause_start = cut_end
    clauses.append(_trim(text, clause_start, end))
    return [(a, b) for a, b in clauses if b > a]


def _cut(gap: str) -> tuple[int, int] | None:
    """Where to cut the text between two triggers: ``(end of clause 1, start of clause 2)``."""
    for pattern in (_OTHER, _AS):
        found = list(pattern.finditer(gap))
        if found:
            return found[-1].start(), found[-1].end()
    match = _AND.search(gap)
    if match and _BETWEEN.search(gap, 0, match.start() + 1):
        match = None  # "on a highway between Baghdad and Kirkuk killing two": one clause
    if match:
        word_end = match.start() + len(match.group(0).split("and", 1)[0]) + 3
        return match.start(), word_end
    return None
