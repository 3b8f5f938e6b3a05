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

# Words (letters/digits, hyphenated forms kept whole) or single punctuation marks.
_WORD = re.compile(r"\w+(?:[-‐]\w+)*|[^\w\s]", re.UNICODE)


def word_offsets(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into word tokens and return their ``(start, end)`` offsets.

    >>> word_offsets("Assad's rebel-held Aleppo.")
    [(0, 5), (5, 6), (6, 7), (8, 18), (19, 25), (25, 26)]
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
