"""Spans the tagger ran together or cut short, mended before events are read from them.

Shapes seen in wire copy, where one predicted span holds what a reader reads as two:

- a span across a sentence end (``aged four and [five. 19 civilians] were wounded``) or a
  count span across a semicolon (``wounding [three; two attackers] were killed``): cut there,
  each piece kept if it holds a word;
- two counts joined by ``and`` whose second is "N others" or "another N" (``A bomb killed
  [1 and 6 others] were injured``): each count has its own verb, so each gets its own span.
- a count and the start of its breakdown in parentheses (``[9 (5 soldiers and 4 civilians]
  were injured``): the count, and the breakdown as a span of its own (a part of the count).
- a date run on into the time of other news (``on [Monday, days after] troops withdrew``): the
  date alone;

and ones where it holds too little: a count that lost the ``at`` of ``at least`` / ``at most``
(``killed at [least six people]``) takes it back, and one started at the figures of a count
written in words and figures (``twenty-four ([24) terrorists]``) takes its words (a count span
inside it, the tagger's ``[eleven]`` beside ``eleven ([11) terrorists]``, is dropped).

Pure: offsets in, offsets out; a cut piece keeps its span's label and score.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from model.events.casualties import NUMBER_WORDS, REPEATED_FIGURES, parse_quantity
from model.types import Span

# "1 and 6 others", "one and two others", "three and another two"
_TWO_COUNTS = re.compile(
    r"(?P<first>\S+(?:\s+\S+)?)\s+and\s+(?P<second>(?:another\s+)?\S+\s+others?|another\s+\S+)",
    re.I)
_EDGE = " \t\n.,;:"
_LOST_AT = re.compile(r"\bat\s$", re.I)
# A date span run on into the time of other news ("[Monday, days after] Congolese troops
# withdrew"): the date ends at the comma.
_DATE_FRAME = re.compile(r",\s+(?:(?:a|one|two|three|four|five|several|a few|\d+)\s+)?"
                         r"(?:days?|hours?|weeks?|months?|shortly|just|only|moments?)\s+"
                         r"(?:after|before|later|earlier)\b", re.I)


def cut_spans(text: str, spans: Sequence[Span], sentences: Sequence[tuple[int, int]]) -> list[Span]:
    """``spans`` with those that cross a sentence end cut there, and joined counts cut in two.

    >>> text = "Two girls aged four and five. 19 civilians were wounded."
    >>> span = Span(start=24, end=42, label="CASUALTY")
    >>> [text[s.start:s.end] for s in cut_spans(text, [span], [(0, 29), (30, 56)])]
    ['five', '19 civilians']
    >>> text = "A bomb killed 1 and 6 others were injured."
    >>> [text[s.start:s.end] for s in cut_spans(text, [Span(start=14, end=28, label="CASUALTY")],
    ...                                         [(0, 42)])]
    ['1', '6 others']
    >>> text = "9 (5 soldiers and 4 civilians) were injured."
    >>> [text[s.start:s.end] for s in cut_spans(text, [Span(start=0, end=29, label="CASUALTY")],
    ...                                         [(0, 44)])]
    ['9', '5 soldiers and 4 civilians']
    >>> text = "Rockets killed at least six people."
    >>> [text[s.start:s.end] for s in cut_spans(text, [Span(start=18, end=34, label="CASUALTY")],
    ...                                         [(0, 35)])]
    ['at least six people']
    """
    starts = [s for s, _ in sentences]
    out: list[Span] = []
    mended = [_date_alone(text, _with_its_figures(text, _with_its_word(text, _with_its_at(
        text, s)))) for s in spans]
    spans = list({(s.start, s.end, s.label): s for s in mended}.values())  # "[six] [(6) others]"
    # mended into the same span twice
    for span in _without_parts(spans):
        for start, end in _within_sentences(text, span, sentences, starts):
            for piece in _at_semicolons(text, span, start, end):
                out += _counts_apart(text, span, *piece)
    return out


def _at_semicolons(text: str, span: Span, start: int, end: int) -> list[tuple[int, int]]:
    """A count span's pieces between semicolons: no count runs across one (``wounding [three;
    two attackers] were killed``); the pieces that hold a word."""
    if span.label != "CASUALTY" or ";" not in text[start:end]:
        return [(start, end)]
    bounds = [start, *(i for i in range(start, end) if text[i] == ";"), end]
    return [piece for a, b in pairwise(bounds)
            if (piece := _trim(text, a, b)) is not None]


# A count written in words and again in figures, as releases do: "twenty-four (24) terrorists".
_WORDS_BEFORE_FIGURES = re.compile(
    rf"(?<![\w-])(?:(?:{NUMBER_WORDS})(?:[\s-]+(?:and[\s-]+)?)?)+\s*\($", re.I)


def _with_its_word(text: str, span: Span) -> Span:
    """A count span that starts at the figures of "twenty-four (24) terrorists", given its words.

    >>> text = "The toll is twenty-four (24) terrorists neutralised."
    >>> span = _with_its_word(text, Span(start=25, end=39, label="CASUALTY"))
    >>> text[span.start:span.end]
    'twenty-four (24) terrorists'
    """
    if span.label != "CASUALTY" or not re.match(r"\d[\d,]*\)", text[span.start : span.end]):
        return span
    words = _WORDS_BEFORE_FIGURES.search(text, max(0, span.start - 60), span.start)
    if words is None:
        return span
    return span.model_copy(update={"start": words.start(), "text": text[words.start():span.end]})


# The figures after a count written in words, and "others" or "people" after them (a noun of
# its own, "one (1) terrorist was apprehended", is read with the figures left where they are).
_FIGURES_AFTER = re.compile(r"\s*\(\d[\d,]*\)\s+(?:others|more|people|persons)\b")
_WORDS_ONLY = re.compile(rf"(?:(?:{NUMBER_WORDS})[\s-]*)+", re.I)


def _with_its_figures(text: str, span: Span) -> Span:
    """A count span of words alone before its figures, given them: "[forty-two] (42) others
    sustained injuries" reads as "[forty-two (42) others]", whose verb follows it.

    >>> text = "while forty-two (42) others sustained injuries"
    >>> span = _with_its_figures(text, Span(start=6, end=15, label="CASUALTY"))
    >>> text[span.start:span.end]
    'forty-two (42) others'
    """
    if span.label != "CASUALTY" or not _WORDS_ONLY.fullmatch(text, span.start, span.end):
        return span
    figures = _FIGURES_AFTER.match(text, span.end)
    if figures is None:
        return span
    return span.model_copy(update={"end": figures.end(), "text": text[span.start:figures.end()]})


def _without_parts(spans: Sequence[Span]) -> list[Span]:
    """Spans but the count spans inside another count span (the tagger's "[eleven]" beside the
    "[eleven (11) terrorists]" it was given its words from)."""
    counts = [s for s in spans if s.label == "CASUALTY"]
    return [s for s in spans if s.label != "CASUALTY" or not any(
        o.start <= s.start and s.end <= o.end and (o.start, o.end) != (s.start, s.end)
        for o in counts)]


def _date_alone(text: str, span: Span) -> Span:
    """A DATE span cut before the time of other news it ran on into.

    >>> text = "They set up a base on Monday, days after troops withdrew."
    >>> span = _date_alone(text, Span(start=22, end=40, label="DATE"))
    >>> text[span.start:span.end]
    'Monday'
    """
    if span.label != "DATE" or (frame := _DATE_FRAME.search(text, span.start, span.end)) is None:
        return span
    return span.model_copy(update={"end": frame.start(), "text": text[span.start:frame.start()]})


def _with_its_at(text: str, span: Span) -> Span:
    """A count span that starts with ``least`` or ``most`` right after ``at``, given its ``at``."""
    if (span.label != "CASUALTY" or not re.match(r"(?:least|most)\b", text[span.start:], re.I)
            or not _LOST_AT.search(text, max(0, span.start - 3), span.start)):
        return span
    return span.model_copy(update={"start": span.start - 3, "text": text[span.start - 3:span.end]})


def _within_sentences(text: str, span: Span, sentences: Sequence[tuple[int, int]],
                      starts: Sequence[int]) -> list[tuple[int, int]]:
    first = max(0, bisect_right(starts, span.start) - 1)  # the sentences the span may touch
    last = bisect_right(starts, span.end - 1)
    pieces = [(max(span.start, s), min(span.end, e)) for s, e in sentences[first:last]
              if s < span.end and e > span.start]
    if len(pieces) <= 1:
        return [(span.start, span.end)]
    return [trimmed for start, end in pieces
            if (trimmed := _trim(text, start, end)) is not None]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end) if any(c.isalnum() for c in text[start:end]) else None


def _counts_apart(text: str, span: Span, start: int, end: int) -> list[Span]:
    whole = [span] if (start, end) == (span.start, span.end) else [
        span.model_copy(update={"start": start, "end": end, "text": text[start:end]})]
    if span.label != "CASUALTY":
        return whole
    pieces: list[tuple[int, int] | None] = []
    opening = text.find("(", start, end)
    if opening > start and _count(text[start:opening]) and not re.match(
            REPEATED_FIGURES, text[opening:end]):  # "[9 (5 soldiers and 4 civilians]"
        pieces = [_trim(text, start, opening), _trim(text, opening + 1, end)]  # were hurt", not
        # "[twenty-four (24) terrorists]"
    elif (joined := _TWO_COUNTS.fullmatch(text, start, end)) and all(
            _count(joined[g]) for g in ("first", "second")):
        pieces = [joined.span("first"), joined.span("second")]
    if not pieces or None in pieces:
        return whole
    return [span.model_copy(update={"start": a, "end": b, "text": text[a:b]})
            for a, b in filter(None, pieces)]


def _count(words: str) -> bool:
    quantity = parse_quantity(words, people=True)
    return quantity is not None and quantity.min is not None
