"""Pure conversions between character spans and token BIO tags.

Stray-``I-`` policy (one policy, used by the decoder and by evaluation): an ``I-X`` tag that
does not continue an entity of type ``X`` starts a new ``X`` entity, as conlleval and
seqeval's default mode read it. Evaluation first decodes tags to spans with this policy, then
re-encodes well-formed IOB2, so seqeval's strict and default modes agree on what it scores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.labels import OUTSIDE
from model.types import Span

TokenOffsets = Sequence[tuple[int, int]]

# Kept whole with their period (besides acronyms, initials and ``No.`` before a number).
ABBREVIATIONS: tuple[str, ...] = (
    *("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm"),
    *("Brig", "Sen", "Rep", "Gov", "Pres", "St", "Jr", "Sr", "Rev", "vs", "etc"),
    *("Inc", "Corp", "Ltd", "Co", "Mt", "Ft"),
    *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
)
_LETTER = r"[^\W\d_]"
_NUMBER = r"\d+(?:[.,]\d+)+\w*"
_STEM = "|".join(
    (
        rf"{_LETTER}(?:\.{_LETTER})+\.?(?!\w)",  # dotted acronym: U.S. U.N e.g. a.m.
        rf"(?:{'|'.join(sorted(ABBREVIATIONS, key=len, reverse=True))})\.",  # Gen. Jan.
        r"No\.(?=\s*\d)",  # No. 10
        r"[A-Z]\.(?=[^\S\n]+[A-Z])",  # initial: Stephen J. Townsend
        _NUMBER,  # 300,000  1.5  2,500.75
        r"\w+",
    )
)
_WORD = re.compile(
    rf"(?:{_STEM})(?:[-‐](?:{_NUMBER}|\w+))*"  # hyphenated forms stay whole
    r"|(?<=\w)['’][sS](?!\w)"  # possessive clitic
    r"|[^\w\s]",
)


def word_offsets(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into word tokens and return their ``(start, end)`` offsets.

    One compiled regular expression, scanned left to right; every non-space character lands
    in exactly one token. A token is, in order of preference:

    - a dotted acronym, letters joined by single periods, final period kept when no letter
      follows: ``U.S.``, ``U.N``, ``e.g.``, ``a.m.``;
    - a listed abbreviation with its period: titles (``Mr.``, ``Gen.``, ``Lt.``, ``Sgt.``,
      ``St.``, ``Jr.`` ...), ``vs.``, ``etc.``, company words (``Inc.``, ``Co.`` ...), ``Mt.``,
      ``Ft.``, months (``Jan.`` ... ``Sept.`` ... ``Dec.``), and ``No.`` before a number;
    - an initial: one capital A-Z and a period, followed on the same line by spaces and a
      capital (``J.`` in ``Stephen J. Townsend``; a sentence ending ``Plan B. The`` keeps
      its period inside ``B.`` too, as spaCy's exceptions do);
    - a number with thousands separators or decimals, digits on both sides of each ``,``/``.``
      (``300,000``, ``1.5``, ``2,500.75``), with any letters that follow (``1.5km``);
    - a run of letters/digits/underscores;

    each of them followed by any ``-word`` parts (``rebel-held``, ``CJTF-OIR``,
    ``U.S.-backed``, ``2,000-strong``). Otherwise ``'s``/``’s`` right after a word is one
    token (the possessive clitic), and any other non-space character is a token by itself.
    A sentence-final period after an acronym or abbreviation stays inside it (``the U.S.``).

    >>> text = "Assad's rebel-held Aleppo. Lt. Gen. Stephen J. Townsend of the U.S. said"
    >>> [text[s:e] for s, e in word_offsets(text)]  # doctest: +NORMALIZE_WHITESPACE
    ['Assad', "'s", 'rebel-held', 'Aleppo', '.', 'Lt.', 'Gen.', 'Stephen', 'J.', 'Townsend',
     'of', 'the', 'U.S.', 'said']
    >>> word_offsets("On Jan. 1, 300,000 fled.")
    [(0, 2), (3, 7), (8, 9), (9, 10), (11, 18), (19, 23), (23, 24)]
    """
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def spans_to_tags(tokens: TokenOffsets, spans: Sequence[Span]) -> list[str]:
    """Encode spans as IOB2 tags over ``tokens``.

    A token belongs to a span when its first character lies inside the span. The first such
    token is ``B-``, the rest ``I-``.

    >>> spans_to_tags([(0, 6), (7, 13)], [Span(start=0, end=13, label="ACTOR")])
    ['B-ACTOR', 'I-ACTOR']
    """
    tags = [OUTSIDE] * len(tokens)
    for span in spans:
        first = True
        for i, (start, end) in enumerate(tokens):
            if end > start and span.start <= start < span.end:
                tags[i] = f"{'B' if first else 'I'}-{span.label}"
                first = False
    return tags


def tags_to_spans(tags: Sequence[str], tokens: TokenOffsets) -> list[Span]:
    """Decode IOB2 tags over ``tokens`` into character spans (stray ``I-`` starts an entity).

    >>> tokens = [(0, 6), (7, 13), (14, 16), (17, 23)]
    >>> [s.key for s in tags_to_spans(["B-ACTOR", "I-ACTOR", "O", "I-DATE"], tokens)]
    [(0, 13, 'ACTOR'), (17, 23, 'DATE')]
    """
    if len(tags) != len(tokens):
        raise ValueError(f"{len(tags)} tags for {len(tokens)} tokens")
    spans: list[Span] = []
    label: str | None = None
    start = end = 0
    for tag, (tok_start, tok_end) in zip(tags, tokens, strict=True):
        prefix, _, tag_label = tag.partition("-")
        continues = prefix == "I" and tag_label == label
        if label is not None and not continues:
            spans.append(Span(start=start, end=end, label=label))
            label = None
        if prefix == "B" or (prefix == "I" and not continues):
            label, start = tag_label, tok_start
        if label is not None:
            end = tok_end
    if label is not None:
        spans.append(Span(start=start, end=end, label=label))
    return spans


def tags_for_text(text: str, spans: Sequence[Span]) -> list[str]:
    """IOB2 tags of ``spans`` over the word tokens of ``text``.

    >>> tags_for_text("in east Aleppo", [Span(start=3, end=14, label="LOCATION")])
    ['O', 'B-LOCATION', 'I-LOCATION']
    """
    return spans_to_tags(word_offsets(text), spans)
