"""The label set, defined once. Everything else derives from these names.

>>> TAGS[:3]
('O', 'B-ACTOR', 'I-ACTOR')
>>> tag_to_id("B-DATE")
5
"""

from __future__ import annotations

from typing import Literal, get_args

Label = Literal["ACTOR", "LOCATION", "DATE", "CASUALTY"]
LABELS: tuple[str, ...] = get_args(Label)

# One colour per label, in LABELS order: the review page (/ui, via /ui/config.json) and the
# Label Studio config (training.convert.labelstudio_config) both read it.
LABEL_COLORS: dict[str, str] = dict(
    zip(LABELS, ("#f4a261", "#8ecae6", "#b5e48c", "#f28482"), strict=True)
)

OUTSIDE = "O"
TAGS: tuple[str, ...] = (OUTSIDE, *(f"{p}-{label}" for label in LABELS for p in ("B", "I")))
ID2TAG: dict[int, str] = dict(enumerate(TAGS))
TAG2ID: dict[str, int] = {tag: i for i, tag in ID2TAG.items()}


def tag_to_id(tag: str) -> int:
    """Return the id of a BIO tag, naming the bad tag and the valid ones on error."""
    try:
        return TAG2ID[tag]
    except KeyError:
        raise ValueError(f"unknown tag {tag!r}; expected one of {list(TAGS)}") from None


def parse_labels(value: str | None) -> tuple[str, ...]:
    """Parse a comma-separated label list such as ``"LOCATION,DATE"``.

    >>> parse_labels("location, DATE")
    ('LOCATION', 'DATE')
    >>> parse_labels(None) == LABELS
    True
    """
    if not value:
        return LABELS
    names = tuple(part.strip().upper() for part in value.split(",") if part.strip())
    unknown = [name for name in names if name not in LABELS]
    if unknown:
        raise ValueError(f"unknown label(s) {unknown}; expected a subset of {list(LABELS)}")
    return names
