"""Documents -> tokenized training features, and mention-replacement augmentation.

Labels are aligned the way inference reads them (``model.tagging.encoding``): the first sub-word of
each word carries the word's IOB2 tag, every other position gets ``IGNORE`` (-100), so the
loss never sees continuation sub-words or the special tokens.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from model.decode import spans_to_tags, word_offsets
from model.labels import LABELS, TAG2ID, TAGS
from model.tagging.encoding import FastTokenizer, encode_text
from model.types import Document, Span, document_to_json

IGNORE = -100


@dataclass(frozen=True)
class Feature:
    """One training window: token ids, shape ids and aligned tag ids (``IGNORE`` elsewhere).

    ``outside_allows``: a bit mask of tag ids an ``O`` position may also be (the tags of labels
    the document is not annotated for); 0 for fully annotated documents.
    """

    input_ids: tuple[int, ...]
    shape_ids: tuple[int, ...]
    labels: tuple[int, ...]
    outside_allows: int = 0


def unannotated_mask(doc: Document) -> int:
    """Bit mask of the BIO tag ids of the labels ``doc`` is not annotated for.

    >>> doc = Document(id="d", text="x", meta={"labels": ["ACTOR", "LOCATION", "DATE"]})
    >>> [TAGS[i] for i in range(len(TAGS)) if unannotated_mask(doc) >> i & 1]
    ['B-CASUALTY', 'I-CASUALTY']
    """
    missing = set(LABELS) - set(doc.meta.annotated())
    return sum(1 << i for i, tag in enumerate(TAGS) if tag[2:] in missing)


def document_features(
    tokenizer: FastTokenizer, doc: Document, *, max_length: int, stride: int
) -> list[Feature]:
    """Windows of ``doc`` with the first sub-word of each word labelled."""
    words = word_offsets(doc.text)
    tag_ids = [TAG2ID[tag] for tag in spans_to_tags(words, doc.spans)]
    encoded = encode_text(tokenizer, doc.text, words, max_length=max_length, stride=stride)
    allows = unannotated_mask(doc)
    return [
        Feature(
            input_ids=window.input_ids,
            shape_ids=window.shape_ids,
            labels=tuple(tag_ids[w] if w >= 0 else IGNORE for w in window.word_index),
            outside_allows=allows,
        )
        for window in encoded.windows
    ]


def mention_pool(docs: Sequence[Document]) -> dict[str, tuple[str, ...]]:
    """Distinct span surfaces per label, in first-seen order.

    >>> doc = Document(id="d", text="Aleppo and Idlib", spans=[
    ...     Span(start=0, end=6, label="LOCATION"), Span(start=11, end=16, label="LOCATION")])
    >>> mention_pool([doc])
    {'LOCATION': ('Aleppo', 'Idlib')}
    """
    pool: dict[str, dict[str, None]] = {}
    for doc in docs:
        for span in doc.spans:
            pool.setdefault(span.label, {})[doc.span_text(span)] = None
    return {label: tuple(surfaces) for label, surfaces in pool.items()}


def replace_mentions(
    doc: Document,
    pool: Mapping[str, Sequence[str]],
    rng: random.Random,
    *,
    probability: float,
    extra: Mapping[str, Sequence[str]] | None = None,
    extra_share: float = 0.0,
) -> Document:
    """Return a copy of ``doc`` where each span is, with ``probability``, swapped for another
    mention of the same label from ``pool`` (or, for a share ``extra_share`` of the swaps of a
    label ``extra`` has, from ``extra``); offsets of every later span are shifted.

    >>> doc = Document(id="d", text="Rebels hit Aleppo.", spans=[
    ...     Span(start=11, end=17, label="LOCATION")])
    >>> new = replace_mentions(doc, {"LOCATION": ["Idlib"]}, random.Random(0), probability=1)
    >>> new.text, new.spans[0].text
    ('Rebels hit Idlib.', 'Idlib')
    """
    pieces: list[str] = []
    spans: list[Span] = []
    cursor = length = 0
    for span in sorted(doc.spans, key=lambda s: s.start):
        surface = doc.span_text(span)
        source = pool
        if extra and span.label in extra and rng.random() < extra_share:
            source = extra
        choices = [m for m in source.get(span.label, ()) if m != surface and m == m.strip()]
        if choices and rng.random() < probability:
            surface = rng.choice(choices)
        gap = doc.text[cursor : span.start]
        pieces.extend([gap, surface])
        start = length + len(gap)
        spans.append(Span(start=start, end=start + len(surface), label=span.label, text=surface))
        length = start + len(surface)
        cursor = span.end
    pieces.append(doc.text[cursor:])
    return Document(id=doc.id, text="".join(pieces), spans=tuple(spans), meta=doc.meta)


def data_sha256(docs: Sequence[Document]) -> str:
    """A hash of the documents (sorted by id, canonical JSON): what a model was trained on."""
    digest = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d.id):
        line = json.dumps(document_to_json(doc, with_text=False), sort_keys=True)
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()
