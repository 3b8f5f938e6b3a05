"""Dependency helpers shared by the name and date rules: heads, subtrees, span edges."""

from __future__ import annotations

from collections.abc import Sequence

from training.transfer.brackets import Mention
from training.transfer.conllu import Token
from training.transfer.mapping import LEADING_DROP, TRAILING_DROP


def mention_words(tokens: Sequence[Token], mention: Mention) -> list[Token]:
    """The words of a mention, in order.

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.

    Returns:
        ``tokens[first - 1 : last]``.
    """
    return list(tokens[mention.first - 1 : mention.last])


def mention_children(tokens: Sequence[Token], mention: Mention) -> dict[int, list[Token]]:
    """Map each word id to its dependents inside the mention.

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.

    Returns:
        Head word id (0 for the root) to the mention's words attached to it, in order.
    """
    children: dict[int, list[Token]] = {}
    for token in mention_words(tokens, mention):
        children.setdefault(token.head, []).append(token)
    return children


def mention_head(tokens: Sequence[Token], mention: Mention) -> Token:
    """The mention's head: its first word whose syntactic head is outside the mention.

    Punctuation is skipped when another word qualifies.

    Args:
        tokens: the words of the mention's sentence.
        mention: a mention of that sentence.

    Returns:
        The head word.
    """
    inside = range(mention.first, mention.last + 1)
    words = mention_words(tokens, mention)
    heads = [t for t in words if t.head not in inside] or words
    return next((t for t in heads if t.upos != "PUNCT"), heads[0])


def run_around(center: int, keep: set[int]) -> list[int]:
    """The contiguous ids of ``keep`` that include ``center``.

    Args:
        center: a word id.
        keep: word ids, ``center`` among them.

    Returns:
        The longest run of consecutive ids in ``keep`` through ``center``.

    >>> run_around(3, {1, 2, 3, 4, 6})
    [1, 2, 3, 4]
    """
    low = high = center
    while low - 1 in keep:
        low -= 1
    while high + 1 in keep:
        high += 1
    return list(range(low, high + 1))


def trim_edges(words: Sequence[Token]) -> list[Token]:
    """Drop leading articles/prepositions/punctuation and trailing possessives/punctuation.

    A final ``.`` glued to a short word (``D.C`` + ``.``) is kept as part of an
    abbreviation.

    Args:
        words: consecutive words of one sentence.

    Returns:
        The words without those edges (possibly none).
    """
    rest = list(words)
    while rest and (rest[0].form in LEADING_DROP or rest[0].upos == "PUNCT"):
        rest = rest[1:]
    while rest and (rest[-1].form in TRAILING_DROP or rest[-1].upos == "PUNCT"):
        if rest[-1].form == "." and _abbreviation(rest):
            break
        rest = rest[:-1]
    return rest


def _abbreviation(words: Sequence[Token]) -> bool:
    """Whether a final ``.`` belongs to an abbreviation (``Jr.``): no space, a short word."""
    return len(words) > 1 and words[-2].end == words[-1].start and len(words[-2].form) <= 2
