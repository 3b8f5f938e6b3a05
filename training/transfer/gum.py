"""GUM documents: mentions -> candidate spans -> flat spans -> ``Document``.

A mention proposes spans when its type maps to a label: a DATE when its time phrase is
placeable (:mod:`training.transfer.dates`), ACTOR/LOCATION spans for its name and any
coordinated names (:mod:`training.transfer.names`). Mentions nest; spans are kept
outermost first and one overlapping a kept span is dropped (:func:`flatten`). The
``LABELS.md`` edge fixes (:mod:`training.transfer.boundaries`) come last.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from model.types import Document, DocumentMeta, Span
from training.transfer.boundaries import EdgeFixes, fix_edges
from training.transfer.brackets import Mention
from training.transfer.conllu import GumDocument, Token, read_gum
from training.transfer.dates import is_placeable_time, time_tokens
from training.transfer.licences import GUM_LICENSES
from training.transfer.mapping import DATE, GUM_LABELS, gum_label
from training.transfer.names import conjunct_names, name_tokens

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """A span proposed from one mention; ``size`` is the mention's length in words."""

    start: int
    end: int
    label: str
    size: int


def mention_candidates(tokens: Sequence[Token], mention: Mention, text: str) -> list[Candidate]:
    """The spans a mention proposes: none when it is not mapped, named or placeable.

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.
        text: the document text the words' offsets index.

    Returns:
        A DATE candidate, or one ACTOR/LOCATION candidate per name (the head's name
        first, with the mention's size; coordinated names one word smaller).
    """
    label = gum_label(mention.entity_type)
    if label is None:
        return []
    if label == DATE:
        words = time_tokens(tokens, mention)
        if words and is_placeable_time(text[words[0].start : words[-1].end]):
            return [Candidate(words[0].start, words[-1].end, label, mention.size)]
        return []
    names = [name_tokens(tokens, mention), *conjunct_names(tokens, mention)]
    sizes = [mention.size] + [mention.size - 1] * (len(names) - 1)  # the head's name first
    return [
        Candidate(words[0].start, words[-1].end, label, size)
        for words, size in zip(names, sizes, strict=True)
        if words and any(w.is_proper or w.upos == "NUM" for w in words)
    ]


def flatten(candidates: Iterable[Candidate]) -> list[Span]:
    """Keep candidates outermost first (larger mentions first); drop any that overlap a kept one.

    Identical spans from nested mentions collapse into one.

    Args:
        candidates: the candidates of one document.

    Returns:
        Non-overlapping spans sorted by start.

    >>> [s.key for s in flatten([Candidate(4, 10, "LOCATION", 1),
    ...                          Candidate(0, 10, "ACTOR", 3)])]
    [(0, 10, 'ACTOR')]
    """
    kept: list[Span] = []
    for cand in sorted(candidates, key=lambda c: (-c.size, c.start, -(c.end - c.start))):
        span = Span(start=cand.start, end=cand.end, label=cand.label)
        if not any(span.overlaps(k) for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def gum_spans(doc: GumDocument, text: str) -> list[Span]:
    """The flat spans of a GUM document, before the ``LABELS.md`` edge fixes.

    Args:
        doc: the document as read by :func:`training.transfer.conllu.read_gum`.
        text: its rebuilt text.

    Returns:
        Non-overlapping spans sorted by start.
    """
    candidates = [
        candidate
        for sentence in doc.sentences
        for mention in sentence.mentions
        for candidate in mention_candidates(sentence.tokens, mention, text)
    ]
    return flatten(candidates)


def gum_document_id(doc_id: str) -> str:
    """``GUM_news_iodine`` -> ``gum_news_iodine``.

    >>> gum_document_id("GUM_news_iodine")
    'gum_news_iodine'
    """
    return "gum_" + doc_id.removeprefix("GUM_").lower()


def gum_meta(doc: GumDocument) -> DocumentMeta:
    """Document metadata: source, licence, annotated labels and GUM's provenance fields.

    Args:
        doc: a GUM document of a kept genre.

    Returns:
        ``source``, ``license``, ``labels``, ``gum_id``, ``title``, ``author``, ``url``
        (those GUM gives) and, for news and interviews, ``published``.
    """
    genre = doc.genre
    fields: dict[str, object] = {
        "source": f"GUM {genre}",
        "license": GUM_LICENSES[genre],
        "labels": list(GUM_LABELS),
        "gum_id": doc.doc_id,
        "title": doc.meta.get("title"),
        "author": doc.meta.get("author"),
        "url": doc.meta.get("sourceURL"),
    }
    published = _date(doc.meta.get("dateCreated")) if genre in {"news", "interview"} else None
    return DocumentMeta(published=published, **{k: v for k, v in fields.items() if v})


def _date(value: str | None) -> dt.date | None:
    """An ISO date, or None when absent or malformed."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def convert_gum_document(conllu: str) -> tuple[Document, EdgeFixes]:
    """Convert the text of one GUM ``.conllu`` file; also say what the edge fixes changed.

    Args:
        conllu: the whole ``.conllu`` file.

    Returns:
        The document and the counts of spans each ``LABELS.md`` fix changed.
    """
    doc, text = read_gum(conllu)
    _check_sentence_texts(doc, text)
    starts = [s.tokens[0].start for s in doc.sentences if s.tokens]
    spans, fixes = fix_edges(text, gum_spans(doc, text), sentence_starts=starts)
    document = Document(
        id=gum_document_id(doc.doc_id), text=text, spans=tuple(spans), meta=gum_meta(doc)
    )
    return document, fixes


def gum_document(conllu: str) -> Document:
    """Convert the text of one GUM ``.conllu`` file into a ``Document``.

    Args:
        conllu: the whole ``.conllu`` file.

    Returns:
        The document, its spans with the ``LABELS.md`` edge fixes applied.
    """
    return convert_gum_document(conllu)[0]


def _check_sentence_texts(doc: GumDocument, text: str) -> None:
    """Warn where a rebuilt sentence differs from its ``# text`` comment."""
    for number, sentence in enumerate(doc.sentences, start=1):
        if not sentence.tokens or sentence.text is None:
            continue
        rebuilt = text[sentence.tokens[0].start : sentence.tokens[-1].end]
        if rebuilt != sentence.text:
            log.warning(
                "%s sentence %d: rebuilt %r != %r", doc.doc_id, number, rebuilt, sentence.text
            )
