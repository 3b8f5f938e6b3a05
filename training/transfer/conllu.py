"""Reading GUM's CoNLL-U: words with character offsets, sentences, mentions, plain text.

The plain text is rebuilt from the surface tokens (``SpaceAfter=No`` glues a token to the
next); sentences are joined by a space and paragraphs (``# newpar``) by ``\\n``. Every word
keeps its offsets into that text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from training.transfer.brackets import Mention, read_mentions


@dataclass(frozen=True)
class Token:
    """One syntactic word of a CoNLL-U sentence, with its character offsets."""

    index: int  # 1-based word id in the sentence
    form: str
    upos: str
    xpos: str
    head: int  # 0 for the root
    deprel: str
    start: int = 0
    end: int = 0

    @property
    def is_proper(self) -> bool:
        """Whether the word is a proper noun (``PROPN`` or ``NNP*``)."""
        return self.upos == "PROPN" or self.xpos.startswith("NNP")


@dataclass
class Sentence:
    """A sentence's words and mentions, and whether it starts a paragraph."""

    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    new_paragraph: bool = False
    text: str | None = None  # the ``# text =`` comment


@dataclass
class GumDocument:
    """A GUM document as read from its ``.conllu`` file."""

    doc_id: str
    meta: dict[str, str]
    sentences: list[Sentence]

    @property
    def genre(self) -> str:
        """GUM's genre (``meta::genre``, else the second part of the id)."""
        return self.meta.get("genre") or self.doc_id.split("_")[1]


@dataclass
class _Row:
    """One CoNLL-U line before offsets are known."""

    ids: str
    form: str
    upos: str
    xpos: str
    head: str
    deprel: str
    misc: dict[str, str]


def parse_misc(value: str) -> dict[str, str]:
    """Parse a MISC column (``A=1|B=2``) into a dict.

    Args:
        value: the tenth CoNLL-U column.

    Returns:
        Key to value; empty for ``_``.

    >>> parse_misc("Entity=(1-person)|SpaceAfter=No")
    {'Entity': '(1-person)', 'SpaceAfter': 'No'}
    >>> parse_misc("_")
    {}
    """
    if value in ("", "_"):
        return {}
    return dict(part.partition("=")[::2] for part in value.split("|"))


def _rows(lines: Iterable[str]) -> Iterator[tuple[list[str], list[_Row]]]:
    """Group CoNLL-U lines into ``(comments, rows)`` per sentence."""
    comments: list[str] = []
    rows: list[_Row] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if rows:
                yield comments, rows
            comments, rows = [], []
        elif line.startswith("#"):
            comments.append(line)
        else:
            cols = line.split("\t")
            rows.append(
                _Row(cols[0], cols[1], cols[3], cols[4], cols[6], cols[7], parse_misc(cols[9]))
            )
    if rows:
        yield comments, rows


def _surface(rows: Sequence[_Row]) -> Iterator[tuple[str, bool, list[_Row]]]:
    """Yield ``(surface form, space after, words)`` per surface token (multiword or not)."""
    position = 0
    while position < len(rows):
        row = rows[position]
        count = 1
        if "." in row.ids:  # an empty node: no surface
            count = 0
        elif "-" in row.ids:  # a multiword token, then its words
            low, high = (int(x) for x in row.ids.split("-"))
            count = high - low + 1
            position += 1
        if count:
            yield (
                row.form,
                row.misc.get("SpaceAfter") != "No",
                list(rows[position : position + count]),
            )
        position += max(count, 1)


def _word_offsets(form: str, start: int, words: Sequence[_Row]) -> list[tuple[int, int]]:
    """Offsets of the words of one surface token; the whole token when they do not spell it."""
    if len(words) == 1 or "".join(w.form for w in words) != form:
        return [(start, start + len(form))] * len(words)
    offsets = []
    for word in words:
        offsets.append((start, start + len(word.form)))
        start += len(word.form)
    return offsets


def _tokens(rows: Sequence[_Row], start: int) -> tuple[list[Token], str]:
    """Place a sentence's words from ``start``; return them and the sentence text."""
    tokens: list[Token] = []
    parts: list[str] = []
    cursor = start
    for form, space_after, words in _surface(rows):
        for word, (begin, end) in zip(words, _word_offsets(form, cursor, words), strict=True):
            head = int(word.head) if word.head.isdigit() else 0
            tokens.append(
                Token(int(word.ids), word.form, word.upos, word.xpos, head, word.deprel, begin, end)
            )
        parts.append(form + (" " if space_after else ""))
        cursor += len(parts[-1])
    return tokens, "".join(parts).rstrip(" ")


def _entities(rows: Sequence[_Row]) -> list[tuple[int, str]]:
    """``(word id, Entity value)`` of the syntactic words that carry entity brackets."""
    return [(int(r.ids), r.misc["Entity"]) for r in rows if r.ids.isdigit() and "Entity" in r.misc]


def read_gum(text: str) -> tuple[GumDocument, str]:
    """Read one GUM ``.conllu`` document; return it and its rebuilt plain text.

    Args:
        text: the whole ``.conllu`` file.

    Returns:
        The document (id, ``# meta::`` fields, sentences with words and mentions) and its
        plain text: sentences joined by a space, paragraphs (``# newpar``) by ``\\n``. Word
        offsets index that text.
    """
    doc_id, meta = "", {}
    sentences: list[Sentence] = []
    pieces: list[str] = []
    for comments, rows in _rows(text.splitlines()):
        doc_id = next((_comment(c, "newdoc id") for c in comments if "newdoc id" in c), doc_id)
        meta |= dict(_meta(c) for c in comments if c.startswith("# meta::"))
        new_paragraph = any(c.strip() == "# newpar" or c.startswith("# newpar ") for c in comments)
        if pieces:
            pieces.append("\n" if new_paragraph else " ")
        tokens, sentence_text = _tokens(rows, sum(len(p) for p in pieces))
        pieces.append(sentence_text)
        given = next((_comment(c, "text") for c in comments if c.startswith("# text =")), None)
        sentences.append(Sentence(tokens, read_mentions(_entities(rows)), new_paragraph, given))
    return GumDocument(doc_id, meta, sentences), "".join(pieces)


def _comment(line: str, key: str) -> str:
    """The value of a ``# key = value`` comment."""
    return line.split(f"{key} =", 1)[1].strip()


def _meta(line: str) -> tuple[str, str]:
    """``(key, value)`` of a ``# meta::key = value`` comment."""
    key, _, value = line.removeprefix("# meta::").partition("=")
    return key.strip(), value.strip()
