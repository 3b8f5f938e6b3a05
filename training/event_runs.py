"""Run event evaluation over coded annotation folders: load the sets, predict, score.

``annotations/events/`` holds ``train/``, ``dev/`` and ``silver/``; each folder (or a file
directly under the root, by its name) is scored on its own line.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from model.errors import AnnotationError
from model.events.assembly import extract_events
from model.extractor import Extractor
from model.types import Article, Document, Event
from training.corpus import check_files, jsonl_files
from training.event_eval import EventScores, score_events

log = logging.getLogger(__name__)


def load_event_sets(root: str | Path) -> dict[str, list[Document]]:
    """Coded documents (``events`` present) under ``root``, by set name.

    Raises:
        AnnotationError: a file is invalid, or nothing under ``root`` is coded for events.
    """
    base = Path(root)
    sets: dict[str, list[Document]] = {}
    for path in jsonl_files([base], recursive=True):
        docs, problems = check_files([path])
        if problems:
            raise AnnotationError([str(p) for p in problems])
        coded = [d for d in docs if d.events is not None]
        if not coded:
            continue
        parent = path.parent.relative_to(base) if base.is_dir() else Path()
        name = str(parent) if str(parent) != "." else path.stem
        sets.setdefault(name, []).extend(coded)
    if not sets:
        raise AnnotationError([f"{root}: no document coded for events (no 'events' field)"])
    return dict(sorted(sets.items()))


def predict_events(docs: Sequence[Document], extractor: Extractor | None) -> list[list[Event]]:
    """Events of each document: from ``extractor``'s spans, or from the gold spans if None."""
    if extractor is None:
        return [extract_events(d.text, d.spans, published=d.meta.published) for d in docs]
    articles = [Article(text=d.text, published=d.meta.published) for d in docs]
    return [list(x.events) for x in extractor.extract_many(articles)]


def evaluate_event_sets(
    sets: dict[str, list[Document]], extractor: Extractor | None
) -> dict[str, EventScores]:
    """``EventScores`` per set."""
    results = {}
    for name, docs in sets.items():
        results[name] = score_events(docs, predict_events(docs, extractor))
        log.info("%s: %d articles scored", name, len(docs))
    return results
