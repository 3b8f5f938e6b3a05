"""Fit the event filter (``model/events/event_filter.py``) on judged predicted events.

Examples are the events the extractor assembles, with the filter off, from these sources:

- ``annotations/events/train/``: coded articles; an event is an incident when the one-to-one
  matcher pairs it with a coded event (``training.event_eval.match``);
- ``annotations/events/judged/*.json``: general-news articles whose predicted events were judged
  one by one (``incident`` true or false), matched by the offsets of their trigger;
- probe reports (``bench/probes/``, only the files given: leave the held-back ones out): every
  event of a report of no incident is none; the one event of a report of an incident is one,
  and where it gets several, those of the answer's event type;
- Wikipedia incident rows outside the silver check set (``--csv``): each row is one incident,
  so a row's one event is one (a deterministic fifth of the rows, by a hash of the id);
- what the rules already leave out (trials, threats, background, denials, ...: ``excluded``
  other than a running total) in all of those: none. They teach the filter the words of such
  reports, so it also drops what the rules' patterns miss.

The silver part stays a check nobody fits on, and the dev part is never read.

Five folds over articles give each example an out-of-fold probability; the threshold is the
highest that still keeps ``RECALL_FLOOR`` of the real incidents on those. The final weights
are fitted on everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model.errors import InputError
from model.events.assembly import extract_events
from model.events.event_filter import event_features
from model.types import Document, Event, Span
from training.calibrate import features_seen, fit_logistic, sparse_design
from training.event_eval import gold_view, match, predicted_view
from training.probes import read_probes

log = logging.getLogger(__name__)

L2 = 0.02  # weight penalty (few examples, many words: keep every weight small)
MIN_COUNT = 3  # a feature seen in fewer examples is left out
FOLDS = 5
_SOURCES = ("train", "judged", "probe", "pool", "excluded")
# The threshold is the highest that keeps this share of the real incidents out of fold: the
# filter may cost a few real events, never many.
RECALL_FLOOR = 0.99
POOL_SHARE = 5  # one pool row in this many (by a hash of its id) is fitted on

SpanReader = Callable[[Sequence[tuple[str, dt.date | None]]], list[list[Span]]]


@dataclass(frozen=True)
class Example:
    features: dict[str, float]
    incident: bool
    source: str  # one of _SOURCES
    article: str


@dataclass(frozen=True)
class Judged:
    """One general-news article and the judged anchors (trigger offsets) of its events."""

    id: str
    text: str
    published: dt.date | None
    incidents: dict[tuple[int, int], bool]


def read_judged(paths: Iterable[Path]) -> list[Judged]:
    """The judged articles of ``*.json`` files (``{"articles": [...]}``).

    Raises:
        InputError: a file that cannot be read or is not in that shape (the message names it).
    """
    out = []
    for path in paths:
        try:
            for item in json.loads(path.read_text(encoding="utf-8"))["articles"]:
                published = item["meta"].get("published")
                out.append(Judged(
                    id=item["id"], text=item["text"],
                    published=dt.date.fromisoformat(published) if published else None,
                    incidents={(int(j["anchor"][0]), int(j["anchor"][1])): bool(j["incident"])
                               for j in item["judgements"]}))
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise InputError(f"{path}: not a judged-events file ({type(exc).__name__}: {exc})"
                             ) from None
    return out


def _assembled(article: str, text: str, spans: Sequence[Span],
               published: dt.date | None) -> tuple[list[Event], list[Example]]:
    """One assembly of an article, with the filter off: the events the filter is asked about,
    and what the rules leave out (running totals aside) as examples of no incident."""
    events = extract_events(text, spans, published=published, keep_excluded=True,
                            learned_filter=False)
    left_out = [Example(event_features(e, text, published), False, "excluded", article)
                for e in events if e.excluded is not None and e.excluded != "cumulative"]
    return [e for e in events if e.excluded is None], left_out


def anchor(event: Event) -> tuple[int, int] | None:
    """The trigger's offsets, else the first casualty's: how judged events are found again."""
    field = event.trigger or (event.casualties[0] if event.casualties else None)
    return None if field is None else (field.start, field.end)


def coded_examples(docs: Sequence[Document], spans: Sequence[Sequence[Span]]) -> list[Example]:
    """Examples from coded articles: an event is an incident when it matches a coded one."""
    out = []
    for doc, found in zip(docs, spans, strict=True):
        published = doc.meta.published
        events, left_out = _assembled(doc.id, doc.text, found, published)
        gold = [gold_view(e, doc.text, published) for e in doc.events or ()]
        right = {j for _, j in match(gold, [predicted_view(e) for e in events])}
        out += [Example(event_features(e, doc.text, published), j in right, "train", doc.id)
                for j, e in enumerate(events)]
        out += left_out
    return out


def judged_examples(articles: Sequence[Judged], spans: Sequence[Sequence[Span]]) -> list[Example]:
    """Examples from judged articles; events whose anchor nobody judged are left out."""
    out = []
    for article, found in zip(articles, spans, strict=True):
        events, left_out = _assembled(article.id, article.text, found, article.published)
        for event in events:
            key = anchor(event)
            if key in article.incidents:
                out.append(Example(event_features(event, article.text, article.published),
                                   article.incidents[key], "judged", article.id))
        out += left_out
    return out


@dataclass(frozen=True)
class Report:
    """An invented probe report or an incident row: its text and what it reports."""

    id: str
    text: str
    published: dt.date | None
    incident: bool
    event_type: str | None = None


def report_examples(reports: Sequence[Report], spans: Sequence[Sequence[Span]],
                    source: str) -> list[Example]:
    """Examples from reports known to tell one incident or none (probes, pool rows)."""
    out = []
    for report, found in zip(reports, spans, strict=True):
        events, left_out = _assembled(report.id, report.text, found, report.published)
        if not report.incident:
            chosen = [(e, False) for e in events]
        elif len(events) == 1:
            chosen = [(events[0], True)]
        else:  # several: those of the answer's type are its incident, the rest unjudged
            chosen = [(e, True) for e in events
                      if report.event_type and e.event_type == report.event_type]
        out += [Example(event_features(e, report.text, report.published), incident, source,
                        report.id) for e, incident in chosen]
        out += left_out
    return out


def read_probe_reports(paths: Iterable[Path]) -> list[Report]:
    """The probe reports of ``paths`` (``bench/probes/*.json``).

    Raises:
        InputError: a file that is no probe file (``training.probes.read_probes``).
    """
    return [Report(id=f"{path.stem}:{i}", text=probe["text"],
                   published=dt.date.fromisoformat(probe["published"]),
                   incident=bool(probe["incident"]), event_type=probe.get("event_type"))
            for path in paths for i, probe in enumerate(read_probes(path))]


def pool_reports(docs: Iterable[Document]) -> list[Report]:
    """A fifth of the incident rows (``training.casualty_kind.pool``), each one incident."""
    return [Report(id=d.id, text=d.text, published=d.meta.published, incident=True)
            for d in docs
            if int(hashlib.sha1(d.id.encode()).hexdigest(), 16) % POOL_SHARE == 1]


def design(examples: Sequence[Example], vocabulary: Sequence[str]) -> np.ndarray:
    return sparse_design([e.features for e in examples], vocabulary)


def vocabulary_of(examples: Sequence[Example]) -> list[str]:
    return features_seen([e.features for e in examples], MIN_COUNT)


def _fit(examples: Sequence[Example]) -> tuple[list[str], np.ndarray]:
    vocabulary = vocabulary_of(examples)
    y = np.array([e.incident for e in examples], dtype=float)
    return vocabulary, fit_logistic(design(examples, vocabulary), y, l2=L2)


def _probabilities(examples: Sequence[Example], vocabulary: Sequence[str],
                   weights: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(design(examples, vocabulary) @ weights, -30, 30)))


def out_of_fold(examples: Sequence[Example], folds: int = FOLDS) -> np.ndarray:
    """Each example's probability from a fit on the folds its article is not in."""
    articles = sorted({e.article for e in examples})
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    p = np.zeros(len(examples))
    for k in range(folds):
        train = [e for e in examples if fold_of[e.article] != k]
        test = [i for i, e in enumerate(examples) if fold_of[e.article] == k]
        if not test:
            continue
        vocabulary, weights = _fit(train)
        p[test] = _probabilities([examples[i] for i in test], vocabulary, weights)
    return p


def scores(p: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float]:
    keep = p >= threshold
    kept_right = float((keep & (y == 1)).sum())
    precision = kept_right / keep.sum() if keep.sum() else 0.0
    recall = kept_right / (y == 1).sum() if (y == 1).sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "kept": int(keep.sum()), "wrong_dropped": int((~keep & (y == 0)).sum()),
            "right_dropped": int((~keep & (y == 1)).sum())}


def fit(examples: Sequence[Example]) -> dict[str, Any]:
    """The fitted filter (weights, intercept, threshold) and the figures of its fit."""
    y = np.array([e.incident for e in examples], dtype=float)
    if not 0 < y.mean() < 1:
        raise ValueError("the filter needs events judged right and wrong to fit on")
    p = out_of_fold(examples)
    asked = np.array([e.source != "excluded" for e in examples])  # what it is asked about
    p, y = p[asked], y[asked]
    grid = [round(t, 2) for t in np.arange(0.05, 0.96, 0.05)]
    threshold = max([t for t in grid if scores(p, y, t)["recall"] >= RECALL_FLOOR], default=0.0)
    vocabulary, weights = _fit(examples)
    record: dict[str, Any] = {
        "examples": {s: int(sum(e.source == s for e in examples)) for s in _SOURCES},
        "incidents": {s: int(sum(e.incident for e in examples if e.source == s))
                      for s in _SOURCES},
        "features": len(vocabulary),
        "threshold": threshold,
        "out_of_fold": scores(p, y, threshold),
        "out_of_fold_without_filter": scores(p, y, 0.0),
    }
    sources = [e.source for e, a in zip(examples, asked, strict=True) if a]
    for source in _SOURCES[:-1]:
        inside = np.array([s == source for s in sources])
        if inside.any():
            record[f"out_of_fold_{source}"] = scores(p[inside], y[inside], threshold)
    kept = {name: round(float(w), 5) for name, w in zip(vocabulary, weights[:-1], strict=True)
            if abs(w) >= 1e-4}
    return {"_doc": "Fitted by conflict-ie fit-event-filter (training/event_filter.py); read by "
                    "model/events/event_filter.py.",
            "bias": round(float(weights[-1]), 5), "threshold": threshold,
            "weights": dict(sorted(kept.items())), "record": record}


def write(fitted: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(fitted, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log.info("event filter written to %s", path)
