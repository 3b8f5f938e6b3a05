"""The gold seed annotations stay valid and faithful to the seed articles."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from model.labels import LABELS
from training.corpus import check_files

from .conftest import ROOT, SEEDS_FILE

SEEDS_DIR = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def gold():
    docs, problems = check_files([SEEDS_FILE])
    assert problems == []
    return docs


def test_gold_covers_five_articles_with_every_label(gold):
    assert len(gold) == 5
    counts = Counter(s.label for d in gold for s in d.spans)
    assert set(counts) == set(LABELS)
    assert 250 <= sum(counts.values()) <= 350
    assert all(d.meta.published is not None for d in gold)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="shared/seeds not beside the repo")
def test_gold_text_is_the_seed_file_exactly(gold):
    for doc in gold:
        assert doc.text == (SEEDS_DIR / f"{doc.id}.txt").read_text(encoding="utf-8")


def test_no_span_starts_with_an_article_or_preposition(gold):
    leading = re.compile(r"^(the|a|an|on|in|since|near|of|at(?! least))\s", re.IGNORECASE)
    bad = [(d.id, d.span_text(s)) for d in gold for s in d.spans if leading.match(d.span_text(s))]
    assert bad == []


def test_spans_sit_on_word_boundaries(gold):
    for doc in gold:
        for span in doc.spans:
            before = doc.text[span.start - 1] if span.start else " "
            after = doc.text[span.end] if span.end < len(doc.text) else " "
            assert not (before.isalnum() or after.isalnum()), (doc.id, doc.span_text(span))
