"""Fit the casualty kind model (``model/events/kind_model.py``) by distant supervision.

Examples come from the Wikipedia terrorism rows of ``training.silver`` (CC BY-SA text), those
not in the committed silver check set (``annotations/events/silver/``), which stays a check
nobody fits on; the coded dev part is never read. Each row is extracted with the rules alone;
a CASUALTY span of one of its events whose count equals the row's dead figure and not its
injured figure is "killed", the reverse "injured", anything else unlabelled. The model is
fitted on four fifths of the rows (by a hash of the id) and checked on the fifth: how many
learned-rule spans it reads right against the rules, and how often the article's killed total
is exact with and without it.

    .venv/bin/python -m training.casualty_kind --csv global_terrorism.csv \
        --out model/data/casualty_kind.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model.errors import ConflictIEError
from model.events.assembly import casualty_context
from model.events.casualties import conservative_count, kind_rule
from model.events.kind_model import KIND_MODEL_ENV, LEARNED_RULES, _read, kind_features
from model.events.sentences import split_sentences
from model.extractor import Extractor
from model.types import Article, Document, Extraction
from training.calibrate import features_seen, fit_logistic, sparse_design
from training.corpus import check_files
from training.silver import read_rows, select

log = logging.getLogger(__name__)

L2 = 0.01  # weight penalty
MIN_COUNT = 3  # a feature seen in fewer examples is left out
CHECK_SHARE = 5  # one row in this many (by id hash) is held out for the check


@dataclass(frozen=True)
class Example:
    features: dict[str, float]
    killed: bool
    rule: str  # the cue rule that read the span (casualties.kind_rule)
    rule_kind: str


def pool(csv: Path, silver: Path) -> list[Document]:
    """The readable rows of ``csv`` that the committed silver check set does not hold."""
    held = {d.id for d in check_files([silver])[0]} if silver.exists() else set()
    return [d for d in select(read_rows(csv), since=2000, limit=10**9) if d.id not in held]


def is_check(doc: Document) -> bool:
    return int(hashlib.sha1(doc.id.encode()).hexdigest(), 16) % CHECK_SHARE == 0


def examples(docs: Sequence[Document], extractions: Sequence[Extraction]) -> Iterator[Example]:
    """The labelled CASUALTY spans of ``docs`` (each span once)."""
    for doc, extraction in zip(docs, extractions, strict=True):
        gold = doc.events[0] if doc.events else None
        if gold is None:
            continue
        sentences = split_sentences(doc.text)
        seen: set[tuple[int, int]] = set()
        for casualty in (c for e in extraction.events for c in e.casualties):
            if (casualty.start, casualty.end) in seen:
                continue
            seen.add((casualty.start, casualty.end))
            count = conservative_count(casualty.min, casualty.max)
            if not count or (count == gold.fatalities) == (count == gold.injured):
                continue
            surface, before, after = casualty_context(doc.text, casualty.start, casualty.end,
                                                      sentences)
            kind, rule = kind_rule(surface, before, after)
            if kind == "detained":
                continue
            yield Example({f: 1.0 for f in kind_features(surface, before, after, kind)},
                          count == gold.fatalities, rule, kind)


def fit(train: Sequence[Example]) -> dict[str, Any]:
    """Weights over the features seen ``MIN_COUNT`` times or more, and the intercept."""
    kinds = {e.killed for e in train}
    if kinds != {True, False}:
        raise ValueError("the examples need both killed and injured counts to fit on")
    vocabulary = features_seen([e.features for e in train], MIN_COUNT)
    y = np.array([e.killed for e in train], dtype=float)
    weights = fit_logistic(sparse_design([e.features for e in train], vocabulary), y, l2=L2)
    return {"weights": {name: round(float(w), 5) for name, w in zip(vocabulary, weights[:-1],
                                                                       strict=True)
                        if abs(w) >= 1e-4},
            "bias": round(float(weights[-1]), 5)}


def span_figures(fitted: dict[str, Any], check: Sequence[Example]) -> dict[str, Any]:
    """On the held-out spans the model decides (``LEARNED_RULES``): rules right, model right."""
    decided = [e for e in check if e.rule in LEARNED_RULES]
    weights, bias = fitted["weights"], fitted["bias"]

    def model_killed(e: Example) -> bool:
        return bias + sum(weights.get(f, 0.0) for f in e.features) >= 0

    return {"check_spans_decided": len(decided),
            "rules_right": sum(e.rule_kind == ("killed" if e.killed else "injured")
                               for e in decided),
            "model_right": sum(model_killed(e) == e.killed for e in decided)}


def killed_exact(docs: Sequence[Document], extractions: Sequence[Extraction]) -> float:
    """The share of rows whose killed total (running totals aside) is the row's dead figure."""
    right = sum(sum(e.fatalities for e in x.events if not e.cumulative) == d.events[0].fatalities
                for d, x in zip(docs, extractions, strict=True))
    return round(right / len(docs), 4) if docs else 0.0


def extract(extractor: Extractor, docs: Sequence[Document], kind_model: str) -> list[Extraction]:
    """Extractions of ``docs`` with ``CONFLICT_IE_KIND_MODEL`` set to ``kind_model``."""
    previous = os.environ.get(KIND_MODEL_ENV)
    os.environ[KIND_MODEL_ENV] = kind_model
    try:
        return extractor.extract_many([Article(text=d.text, published=d.meta.published)
                                       for d in docs])
    finally:
        if previous is None:
            os.environ.pop(KIND_MODEL_ENV, None)
        else:
            os.environ[KIND_MODEL_ENV] = previous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True,
                        help="global_terrorism.csv of SupChanda/Predicting-perpetrators-of-"
                             "global-terrorism")
    parser.add_argument("--out", type=Path, default=Path("model/data/casualty_kind.json"))
    parser.add_argument("--model", type=Path, default=Path("models/current"))
    parser.add_argument("--silver", type=Path, default=Path("annotations/events/silver"),
                        help="the silver check set, left out of the fit")
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        parser.error(f"--csv {args.csv}: no such file")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        record = _fit_and_check(args)
    except (ConflictIEError, ValueError) as exc:  # no model, a broken file, nothing to fit on
        parser.exit(2, f"{parser.prog}: error: {exc}\n")
    log.info("casualty kind model written to %s: %s", args.out, record)
    return 0


def _fit_and_check(args: argparse.Namespace) -> dict[str, Any]:
    """Fit on the pool's four fifths, check on the fifth, write ``args.out``; the record."""
    docs = pool(args.csv, args.silver)
    if not docs:
        raise ValueError(f"{args.csv}: no readable rows (date, dead, injured, details, location)"
                         " outside the silver set")
    fit_docs = [d for d in docs if not is_check(d)]
    check_docs = [d for d in docs if is_check(d)]
    extractor = Extractor.load(args.model)
    rules_only = extract(extractor, docs, "off")
    by_id = {d.id: x for d, x in zip(docs, rules_only, strict=True)}
    train = list(examples(fit_docs, [by_id[d.id] for d in fit_docs]))
    check = list(examples(check_docs, [by_id[d.id] for d in check_docs]))
    fitted = fit(train)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(fitted) + "\n", encoding="utf-8")
    _read.cache_clear()
    learned = extract(extractor, check_docs, str(tmp.resolve()))
    record = {"rows": len(docs), "fit_rows": len(fit_docs), "check_rows": len(check_docs),
              "fit_spans": len(train), "fit_killed": sum(e.killed for e in train),
              **span_figures(fitted, check),
              "check_killed_exact_rules": killed_exact(check_docs,
                                                       [by_id[d.id] for d in check_docs]),
              "check_killed_exact_learned": killed_exact(check_docs, learned),
              "tagger": extractor.version}
    tmp.unlink()
    args.out.write_text(json.dumps({**fitted, "record": record}, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    return record


if __name__ == "__main__":
    raise SystemExit(main())
