"""wikigold: CoNLL tokens in IO tags -> natural text with character spans.

The tokens are detokenized into natural text (:func:`detokenize`) keeping each token's
offsets; PER/ORG -> ACTOR, LOC -> LOCATION, MISC dropped; leading articles/prepositions,
person titles and trailing possessives are trimmed (:func:`trim_run`), then the
``LABELS.md`` edge fixes (:mod:`training.transfer.boundaries`) are applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from model.types import Document, DocumentMeta, Span
from training.transfer.boundaries import EdgeFixes, fix_edges
from training.transfer.licences import WIKIGOLD_LICENSE
from training.transfer.mapping import (
    LEADING_DROP,
    TRAILING_DROP,
    WIKIGOLD_LABELS,
    is_title,
    wikigold_label,
)

_NO_SPACE_BEFORE = frozenset(
    [
        ",",
        ".",
        ";",
        ":",
        ")",
        "]",
        "}",
        "!",
        "?",
        "%",
        "...",
        "..",
        "'s",
        "'S",
        "n't",
        "'d",
        "'re",
        "'ll",
        "'ve",
        "'m",
        "/",
    ]
)
_NO_SPACE_AFTER = frozenset(["(", "[", "{", "#", "$", "/"])
_QUOTES = frozenset(['"', "'"])
_S_WORDS = frozenset(
    ["as", "is", "was", "has", "his", "this", "its", "us", "yes", "does", "thus", "plus"]
)
_QUOTE_WINDOW = 15


@dataclass
class _Detokenizer:
    """State while joining tokens: the text so far and which quotes are open."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    open_quotes: set[str] = field(default_factory=set)
    glue_next: bool = True  # no space before the next token

    def add(self, token: str, space_before: bool) -> tuple[int, int]:
        """Append ``token`` (after a space when wanted); return its offsets."""
        if space_before and not self.glue_next:
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(token)
        self.length += len(token)
        return start, self.length


def _quote_role(token: str, state: _Detokenizer, previous: str, rest: Sequence[str]) -> str:
    """``open``, ``close`` or ``possessive`` for a quote token.

    An open quote of the same kind is closed. A lone ``'`` after a word in ``s``
    (``players '``), or with no ``'`` in the next few tokens, is an apostrophe glued to
    the word before; otherwise it opens a quote.
    """
    if token in state.open_quotes:
        return "close"
    if token == "'":
        plural = previous[-1:].lower() in {"s", "z"} and previous.lower() not in _S_WORDS
        if plural or "'" not in rest[:_QUOTE_WINDOW]:
            return "possessive"
    return "open"


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join CoNLL tokens into natural text; return it and every token's offsets.

    No space goes before closing punctuation and clitics (``, . ; : ) 's n't``) nor after
    opening brackets; ``"`` and ``'`` alternate between opening and closing quotes, and a
    lone ``'`` after an ``s`` is a possessive.

    Args:
        tokens: the tokens of one document, in order.

    Returns:
        The text and ``(start, end)`` of every token in it.

    >>> detokenize(["He", "said", '"', "yes", '"', "(", "twice", ")", "."])[0]
    'He said "yes" (twice).'
    >>> detokenize(["the", "players", "'", "union", "'s", "head"])[0]
    "the players' union's head"
    >>> detokenize(["Mars", "'", "album", "for", "'", "Best", "Single", "'", "."])[0]
    "Mars' album for 'Best Single'."
    """
    state = _Detokenizer()
    offsets: list[tuple[int, int]] = []
    for position, token in enumerate(tokens):
        space_before, glue_after = token not in _NO_SPACE_BEFORE, token in _NO_SPACE_AFTER
        if token in _QUOTES:
            previous = tokens[position - 1] if position else ""
            role = _quote_role(token, state, previous, tokens[position + 1 :])
            space_before, glue_after = role == "open", role == "open"
            if role == "open":
                state.open_quotes.add(token)
            elif role == "close":
                state.open_quotes.discard(token)
        offsets.append(state.add(token, space_before))
        state.glue_next = glue_after
    return "".join(state.parts), offsets


@dataclass
class WikigoldDocument:
    """A wikigold document: sentences of ``(token, tag)`` pairs."""

    sentences: list[list[tuple[str, str]]]


def read_wikigold(text: str) -> list[WikigoldDocument]:
    """Split wikigold CoNLL text into documents at ``-DOCSTART-`` and sentences at blank lines.

    Args:
        text: the whole ``wikigold.conll.txt`` (``token tag`` per line).

    Returns:
        The documents in file order (a ``-DOCSTART-`` line closes a document).
    """
    documents: list[WikigoldDocument] = []
    sentence: list[tuple[str, str]] = []
    current = WikigoldDocument([])
    for line in [*text.splitlines(), ""]:
        if line.startswith("-DOCSTART-") or not line.strip():
            if sentence:
                current.sentences.append(sentence)
            sentence = []
            if line.startswith("-DOCSTART-") and current.sentences:
                documents.append(current)
                current = WikigoldDocument([])
            continue
        token, _, tag = line.rpartition(" ")
        sentence.append((token, tag))
    if current.sentences:
        documents.append(current)
    return documents


def io_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Group IO (or BIO) tags into ``(first, last_exclusive, type)`` token runs.

    Args:
        tags: one tag per token.

    Returns:
        The runs, in order; a type change or ``B-`` starts a new run.

    >>> io_spans(["I-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG'), (5, 6, 'ORG')]
    """
    runs: list[tuple[int, int, str]] = []
    for position, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if not kind:
            continue
        if runs and runs[-1][1] == position and runs[-1][2] == kind and prefix != "B":
            runs[-1] = (runs[-1][0], position + 1, kind)
        else:
            runs.append((position, position + 1, kind))
    return runs


def trim_run(words: Sequence[str], first: int, last: int, person: bool) -> tuple[int, int]:
    """Drop leading articles/prepositions (and titles of people) and trailing possessives.

    Args:
        words: the document's tokens.
        first: the run's first token.
        last: one past the run's last token.
        person: whether the run is a person (only people lose titles).

    Returns:
        The trimmed ``(first, last)``; at least one token is left.

    >>> trim_run(["The", "Mad", "Capsule", "Markets"], 0, 4, person=False)
    (1, 4)
    >>> trim_run(["President", "Lincoln"], 0, 2, person=True)
    (1, 2)
    >>> trim_run(["General", "Motors"], 0, 2, person=False)
    (0, 2)
    """
    while last - first > 1 and (
        words[first] in LEADING_DROP or (person and is_title(words[first]))
    ):
        first += 1
    while last - first > 1 and words[last - 1] in TRAILING_DROP:
        last -= 1
    return first, last


def convert_wikigold_document(doc: WikigoldDocument, number: int) -> tuple[Document, EdgeFixes]:
    """Convert one wikigold document; also say what the edge fixes changed.

    Args:
        doc: the document's sentences.
        number: its 1-based position in the file (the id is ``wikigold_<number:04d>``).

    Returns:
        The document (sentences joined by a space) and the counts of spans each
        ``LABELS.md`` fix changed.
    """
    words = [token for sentence in doc.sentences for token, _ in sentence]
    tags = [tag for sentence in doc.sentences for _, tag in sentence]
    text, offsets = detokenize(words)
    spans = []
    for first, last, kind in io_spans(tags):
        label = wikigold_label(f"I-{kind}")
        if label is None:
            continue
        first, last = trim_run(words, first, last, person=kind == "PER")
        spans.append(Span(start=offsets[first][0], end=offsets[last - 1][1], label=label))
    spans, fixes = fix_edges(text, spans, sentence_starts=_sentence_starts(doc, offsets))
    meta = DocumentMeta(source="wikigold", license=WIKIGOLD_LICENSE, labels=list(WIKIGOLD_LABELS))
    document = Document(id=f"wikigold_{number:04d}", text=text, spans=tuple(spans), meta=meta)
    return document, fixes


def wikigold_document(doc: WikigoldDocument, number: int) -> Document:
    """Convert one wikigold document into a ``Document`` (sentences joined by a space).

    Args:
        doc: the document's sentences.
        number: its 1-based position in the file.

    Returns:
        The document, its spans with the ``LABELS.md`` edge fixes applied.
    """
    return convert_wikigold_document(doc, number)[0]


def _sentence_starts(doc: WikigoldDocument, offsets: Sequence[tuple[int, int]]) -> list[int]:
    """The text offset of each sentence's first token."""
    starts, position = [], 0
    for sentence in doc.sentences:
        starts.append(offsets[position][0])
        position += len(sentence)
    return starts
