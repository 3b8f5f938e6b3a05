"""Conflict-event extraction: text in, grounded events out.

The short public API, as flair's ``SequenceTagger.load(...).predict``::

    from model import Extractor
    extraction = Extractor.load("models/current").extract("Rebels shelled Aleppo on Sunday.")

``import model`` does not import torch: the tagger loads it when a model is loaded.
"""

from __future__ import annotations

from model.extractor import Extractor, SpanPredictor
from model.types import Article, Document, Event, Extraction, Span

__all__ = ["Article", "Document", "Event", "Extraction", "Extractor", "Span", "SpanPredictor"]
