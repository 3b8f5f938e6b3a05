"""Licences: which GUM genres and documents are kept, and why others are not."""

from __future__ import annotations

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
"""Genres whose text is CC BY-SA: written to a file of their own."""

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


def gum_keep(doc_id: str) -> bool:
    """Whether a GUM document is of a kept genre and not excluded for its licence.

    Args:
        doc_id: GUM's document id, ``GUM_<genre>_<name>``.

    Returns:
        True when the document's genre is in :data:`GUM_LICENSES` and the document is not in
        :data:`GUM_EXCLUDED_DOCS`.

    >>> gum_keep("GUM_news_iodine"), gum_keep("GUM_whow_joke"), gum_keep("GUM_court_carpet")
    (True, False, False)
    """
    parts = doc_id.split("_")
    if len(parts) < 3 or parts[0] != "GUM":
        return False
    return parts[1] in GUM_LICENSES and doc_id not in GUM_EXCLUDED_DOCS
