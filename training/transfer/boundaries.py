"""Span edges set by the project's ``LABELS.md`` where the sources draw them differently.

Two mechanical fixes, applied to the finished spans of both corpora:

* a LOCATION keeps the direction words directly before it (``northern Syria``, ``east
  Aleppo``, ``south-eastern Scotland``), which GUM leaves out of the name and wikigold
  out of its tags (:func:`with_direction`);
* a span that stops just before the period of an abbreviation or dotted acronym whose
  period the source tokenised off (``U.K`` + ``.``, ``Pty Ltd`` + ``.``) takes the
  period, so the span matches the project's word tokenizer
  (:func:`model.decode.word_offsets` keeps ``U.K.`` and ``Ltd.`` whole)
  (:func:`with_period`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from model.decode import ABBREVIATIONS
from model.types import Span
from training.transfer.mapping import LOCATION

DIRECTION_WORDS = (
    r"(?:north|south)[-‐ ]?(?:east|west)(?:ern)?"  # northeast, north-eastern, south west
    r"|(?:north|south|east|west)(?:ern)?"
    r"|central|upper|lower"
)
"""Direction words kept in a LOCATION (any case), as a regular-expression alternation."""

_DIRECTION_BEFORE = re.compile(rf"(?<![\w\-‐.'’])(?:{DIRECTION_WORDS})[^\S\n]+\Z", re.IGNORECASE)
_LETTER = r"[^\W\d_]"
_ABBREVIATION_END = re.compile(
    rf"(?<![\w.])(?:{_LETTER}(?:\.{_LETTER})+|{'|'.join(ABBREVIATIONS)})\Z"
)
_AFTER_PERIOD = re.compile(r"[\w.\-‐]")


@dataclass(frozen=True)
class EdgeFixes:
    """How many spans each fix changed."""

    directions: int = 0  # LOCATION spans that took direction words
    periods: int = 0  # spans that took an abbreviation's period

    def __add__(self, other: EdgeFixes) -> EdgeFixes:
        return EdgeFixes(self.directions + other.directions, self.periods + other.periods)


def with_direction(text: str, span: Span, *, floor: int = 0) -> Span:
    """Extend a LOCATION span over the direction word(s) directly before it.

    The direction word must stand alone (not the end of ``pro-western``) and be separated
    from the span by spaces only, at or after ``floor`` (the start of the span's
    sentence); the article before it stays out. Other labels are returned unchanged.

    Args:
        text: the document text.
        span: a span of ``text``.
        floor: the earliest offset the span may be extended to.

    Returns:
        The span, extended or as it was.

    >>> text = "Fighting in northern Syria and the north-east Aleppo countryside."
    >>> [text[s.start : s.end] for s in (
    ...     with_direction(text, Span(start=21, end=26, label="LOCATION")),
    ...     with_direction(text, Span(start=46, end=52, label="LOCATION")),
    ...     with_direction(text, Span(start=21, end=26, label="ACTOR")))]
    ['northern Syria', 'north-east Aleppo', 'Syria']
    """
    if span.label != LOCATION:
        return span
    match = _DIRECTION_BEFORE.search(text, floor, span.start)
    if match is None:
        return span
    return Span(start=match.start(), end=span.end, label=span.label)


def with_period(text: str, span: Span) -> Span:
    """Extend a span ending in an abbreviation or dotted acronym over the period after it.

    The span's last word must be a dotted acronym (``U.K``, ``D.C``) or one of
    :data:`model.decode.ABBREVIATIONS` (``Ltd``, ``Jan``, ``Lt`` ...), followed directly by
    ``.`` and then by neither a letter, digit, period nor hyphen.

    Args:
        text: the document text.
        span: a span of ``text``.

    Returns:
        The span, extended by one character or as it was.

    >>> text = "Times in the U.K. Currently Acme Pty Ltd. and Jan. 5 and Iraq."
    >>> [text[s.start : s.end] for s in (
    ...     with_period(text, Span(start=13, end=16, label="LOCATION")),
    ...     with_period(text, Span(start=28, end=40, label="ACTOR")),
    ...     with_period(text, Span(start=57, end=61, label="LOCATION")))]
    ['U.K.', 'Acme Pty Ltd.', 'Iraq']
    """
    after = text[span.end : span.end + 2]
    if after[:1] != "." or _AFTER_PERIOD.match(after[1:]):
        return span
    if _ABBREVIATION_END.search(text, span.start, span.end) is None:
        return span
    return Span(start=span.start, end=span.end + 1, label=span.label)


def fix_edges(
    text: str, spans: Sequence[Span], *, sentence_starts: Sequence[int] = (0,)
) -> tuple[list[Span], EdgeFixes]:
    """Apply :func:`with_period` and :func:`with_direction` to sorted, non-overlapping spans.

    A fix that would make a span overlap its neighbour is not made.

    Args:
        text: the document text.
        spans: the document's spans, sorted by start, not overlapping.
        sentence_starts: the sorted start offsets of the document's sentences; a span is
            never extended back into the sentence before its own.

    Returns:
        The spans (sorted, still not overlapping) and how many each fix changed.
    """
    fixed: list[Span] = []
    directions = periods = 0
    for position, span in enumerate(spans):
        limit = spans[position + 1].start if position + 1 < len(spans) else len(text)
        longer = with_period(text, span)
        if longer.end <= limit and longer != span:
            span, periods = longer, periods + 1
        floor = max(_floor(sentence_starts, span.start), fixed[-1].end if fixed else 0)
        wider = with_direction(text, span, floor=floor)
        if wider != span:
            span, directions = wider, directions + 1
        fixed.append(span)
    return fixed, EdgeFixes(directions=directions, periods=periods)


def _floor(starts: Sequence[int], offset: int) -> int:
    """The last of ``starts`` at or before ``offset`` (0 when there is none)."""
    position = bisect.bisect_right(starts, offset)
    return starts[position - 1] if position else 0
