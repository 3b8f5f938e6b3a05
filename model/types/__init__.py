"""The typed core shared by every package, in three parts.

- ``model.types.annotation``: the annotation format (``Span``, ``Document``, ``GoldEvent``);
- ``model.types.events``: the event schema (``Event`` and its grounded fields);
- ``model.types.api``: one article in, its extraction out (``Article``, ``Extraction``).

Every name is importable from ``model.types`` itself.
"""

from model.types.annotation import (
    ID_PATTERN,
    MAX_ID_CHARS,
    Document,
    DocumentMeta,
    GoldEvent,
    Span,
    document_to_json,
    event_problems,
    span_problems,
)
from model.types.api import Article, Extraction, ModelRef
from model.types.events import (
    Actor,
    ActorType,
    Casualty,
    CasualtyKind,
    Event,
    EventDate,
    Grounded,
    Location,
    Precision,
    Sentence,
    Trigger,
)

__all__ = [
    "ID_PATTERN",
    "MAX_ID_CHARS",
    "Actor",
    "ActorType",
    "Article",
    "Casualty",
    "CasualtyKind",
    "Document",
    "DocumentMeta",
    "Event",
    "EventDate",
    "Extraction",
    "GoldEvent",
    "Grounded",
    "Location",
    "ModelRef",
    "Precision",
    "Sentence",
    "Span",
    "Trigger",
    "document_to_json",
    "event_problems",
    "span_problems",
]
