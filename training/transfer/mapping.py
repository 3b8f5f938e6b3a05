"""Label mapping and the word lists every conversion stage shares.

GUM entity types and wikigold tags map to the project's labels here; the title words and
the edge words trimmed from every span are listed once.
"""

from __future__ import annotations

ACTOR, LOCATION, DATE = "ACTOR", "LOCATION", "DATE"
GUM_LABELS = (ACTOR, LOCATION, DATE)
"""Labels every GUM document is annotated for (GUM has no CASUALTY)."""
WIKIGOLD_LABELS = (ACTOR, LOCATION)
"""Labels every wikigold document is annotated for (wikigold has no DATE or CASUALTY)."""

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


def gum_label(entity_type: str) -> str | None:
    """Return the label of a GUM entity type, or None when the type is not mapped.

    Args:
        entity_type: GUM's entity type (``person``, ``place``, ``event``, ...).

    Returns:
        ACTOR, LOCATION or DATE, or None for types that are dropped.

    >>> gum_label("organization"), gum_label("event")
    ('ACTOR', None)
    """
    return _GUM_TYPES.get(entity_type)


def wikigold_label(tag: str) -> str | None:
    """Return the label of a wikigold IO tag (``I-PER``), or None for ``O`` and MISC.

    Args:
        tag: a CoNLL tag such as ``I-LOC`` or ``O``.

    Returns:
        ACTOR or LOCATION, or None when the tag is not mapped.

    >>> wikigold_label("I-LOC"), wikigold_label("I-MISC"), wikigold_label("O")
    ('LOCATION', None, None)
    """
    return _WIKIGOLD_TYPES.get(tag.partition("-")[2])


def is_title(word: str) -> bool:
    """Whether ``word`` is a title dropped before a person's name.

    Args:
        word: one token, case-sensitive (``General Motors`` is no person).

    Returns:
        True for words in :data:`TITLES`.

    >>> is_title("President"), is_title("Gen."), is_title("Assad")
    (True, True, False)
    """
    return word in TITLES
