"""GUM names: which mentions are named, which words spell the name, titles dropped.

A mention is named when its head is a proper noun (or, for ``role noun + name``, its
``flat`` proper-noun dependents are). The name is the words spelling GUM's Wikipedia link
when the mention contains them (:func:`identity_run`), else the head's name dependents
(:func:`name_tokens`); a person's titles, descriptions and edge words go
(:func:`finish_name`), and coordinated names give names of their own
(:func:`conjunct_names`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from urllib.parse import unquote

from training.transfer.brackets import Mention
from training.transfer.conllu import Token
from training.transfer.mapping import is_title
from training.transfer.syntax import (
    mention_children,
    mention_head,
    mention_words,
    run_around,
    trim_edges,
)

_NAME_RELATIONS = frozenset({"flat", "compound", "fixed", "goeswith"})
_NAME_PUNCT = frozenset({"-", "–", ".", "&", "/", "'", "’"})
_NAME_OF = frozenset({"of", "on", "for", "de", "del", "du", "des", "di", "da", "van", "von"})


def name_roots(tokens: Sequence[Token], mention: Mention) -> list[Token]:
    """The words a mention's name grows from; empty when the mention is not named.

    A mention is named when its head is a proper noun (PROPN/NNP*). GUM also parses a
    role noun followed by a name as the noun with the name's words as ``flat``
    dependents (``musician Tiziano Lugli``, ``director General Suleiman al-Amr``); then
    those proper-noun words are the name.

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.

    Returns:
        The head, or the head's ``flat`` proper nouns, or nothing.
    """
    head = mention_head(tokens, mention)
    if head.is_proper:
        return [head]
    return [
        t
        for t in mention_words(tokens, mention)
        if t.head == head.index and t.deprel == "flat" and t.is_proper
    ]


def is_named(tokens: Sequence[Token], mention: Mention) -> bool:
    """Whether the mention names its referent (see :func:`name_roots`)."""
    return bool(name_roots(tokens, mention))


def name_tokens(tokens: Sequence[Token], mention: Mention) -> list[Token]:
    """The words of the name at the head of a mention, contiguous and without titles.

    When GUM links the mention to a Wikipedia page whose title the mention spells
    (``Korean People's Army``), those words are the name (:func:`identity_run`).
    Otherwise the head's flat, compound, fixed and proper-noun modifier dependents are
    followed (and, for organisations and places, ``of``/``on``/``for`` parts such as
    ``Bay of Bengal``); determiners, possessives, appositions, clauses and coordinated
    names are not, and the contiguous run of those words around the head is kept.
    Then :func:`finish_name` drops titles, descriptions and edge words.

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.

    Returns:
        The name's words; none when the mention is not named.
    """
    roots = name_roots(tokens, mention)
    if not roots:
        return []
    words = identity_run(tokens, mention, roots[0]) or _dependency_name(tokens, mention, roots)
    return finish_name(words, roots[0].index, person=mention.entity_type == "person")


def finish_name(words: Sequence[Token], head_index: int, person: bool) -> list[Token]:
    """Drop a person's titles (none left if only a title remains), descriptions, edge words.

    Args:
        words: the name's words.
        head_index: the word id of the name's head.
        person: whether the mention is a person (only people lose titles).

    Returns:
        The remaining words, possibly none.
    """
    if person:
        words = strip_title(words, head_index)
        if not words or is_title(words[-1].form):  # ``Mr. President``, ``Home Secretary``
            return []
    return trim_edges(strip_description(words, head_index))


def conjunct_names(tokens: Sequence[Token], mention: Mention) -> list[list[Token]]:
    """Names coordinated with the head of a named mention (``Rueda, Checa, & Cómbita``).

    GUM often marks such a group as one mention without a mention per member; each
    proper-noun conjunct of the name's head gives a name of its own.

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.

    Returns:
        One list of words per conjunct name (empty lists where nothing is left).
    """
    roots = name_roots(tokens, mention)
    if not roots:
        return []
    person = mention.entity_type == "person"
    words = mention_words(tokens, mention)
    conjuncts = [t for t in words if t.head == roots[0].index and t.deprel == "conj"]
    names = [_dependency_name(tokens, mention, [c]) for c in conjuncts if c.is_proper]
    return [finish_name(n, n[0].index, person) for n in names if n]


def _dependency_name(tokens: Sequence[Token], mention: Mention, roots: list[Token]) -> list[Token]:
    """The contiguous name words reached from ``roots`` through name relations."""
    children = mention_children(tokens, mention)
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
    return [tokens[i - 1] for i in run_around(roots[0].index, keep)]


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


def identity_name(identity: str) -> str:
    """The name a GUM identity link spells, without a Wikipedia disambiguation suffix.

    Args:
        identity: the link as GUM writes it (URL-quoted, ``_`` for spaces).

    Returns:
        The page title as text.

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

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.
        root: the name's head; the run must contain it.

    Returns:
        The words spelling the link, or none.
    """
    name = identity_name(mention.identity or "")
    if not name or "," in name:  # ``Irving, Texas`` stays two places, as in wikigold
        return []
    words = mention_words(tokens, mention)
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


def strip_title(words: Sequence[Token], head_index: int) -> list[Token]:
    """Drop everything up to the last title word that has more of the name after it.

    ``U.S. President Donald Trump`` -> ``Donald Trump``. A lone title stays here;
    :func:`finish_name` drops a person's name that is only a title.

    Args:
        words: the name's words.
        head_index: the word id of the name's head; titles after it are kept.

    Returns:
        The words after the last title.
    """
    cut = 0
    for position, word in enumerate(words):
        if word.index >= head_index and position > 0:
            break
        if is_title(word.form) and position + 1 < len(words):
            cut = position + 1
    return list(words[cut:])


def strip_description(words: Sequence[Token], head_index: int) -> list[Token]:
    """Drop lower-case common words before a name's head (``group`` in ``group Youngspiration``).

    Args:
        words: the name's words.
        head_index: the word id of the name's head.

    Returns:
        The words from the first one that is not a description.
    """
    rest = list(words)
    while rest and rest[0].index < head_index and _is_description(rest[0]):
        rest = rest[1:]
    return rest


def _is_description(word: Token) -> bool:
    """A lower-case common word that is not a number."""
    return not word.is_proper and word.form[:1].islower() and word.upos != "NUM"
