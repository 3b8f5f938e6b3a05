"""Span-level scores: strict IOB2 (seqeval) on word tokens, plus an overlap-match column.

Gold and predicted spans are both encoded as IOB2 over the project's word tokens
(``model.decode.spans_to_tags``), so the tag sequences seqeval scores are always well formed
and its strict and default modes agree (the decoder's stray-``I-`` policy has already turned
any stray ``I-`` into an entity start). The overlap column counts a predicted span as right
when it overlaps a gold span of the same label, on character offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from seqeval.metrics.v1 import precision_recall_fscore_support, unique_labels
from seqeval.scheme import IOB2

from model.decode import spans_to_tags, word_offsets
from model.extractor import SpanPredictor
from model.labels import LABELS
from model.types import Document, Span


@dataclass(frozen=True)
class LabelScores:
    """Exact-span precision/recall/F1 (seqeval), overlap-match P/R/F1, gold and predicted counts."""

    precision: float
    recall: float
    f1: float
    support: int
    predicted: int
    overlap_precision: float
    overlap_recall: float
    overlap_f1: float


@dataclass(frozen=True)
class Scores:
    """Scores per label and averaged (micro over spans, macro over labels)."""

    labels: tuple[str, ...]
    per_label: dict[str, LabelScores]
    micro: LabelScores
    macro: LabelScores
    documents: int

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "documents": self.documents,
            "micro": asdict(self.micro),
            "macro": asdict(self.macro),
            "per_label": {label: asdict(s) for label, s in self.per_label.items()},
        }


def evaluate(
    tagger: SpanPredictor, docs: Sequence[Document], *, labels: Sequence[str] = LABELS
) -> Scores:
    """Predict every document's spans with ``tagger`` and score them against the gold."""
    return score_documents(docs, predict_documents(tagger, docs), labels=labels)


def predict_documents(tagger: SpanPredictor, docs: Sequence[Document]) -> list[Document]:
    """Copies of ``docs`` holding the predicted spans instead of the gold ones."""
    predicted = tagger.predict_many([d.text for d in docs])
    return [doc.with_spans(spans) for doc, spans in zip(docs, predicted, strict=True)]


def score_documents(
    gold: Sequence[Document], predicted: Sequence[Document], *, labels: Sequence[str] = LABELS
) -> Scores:
    """Score ``predicted`` against ``gold`` (same order), on spans whose label is in ``labels``.

    A gold document annotated for only some labels (``meta.labels``) is scored on those only:
    a predicted CASUALTY in a corpus that marks none is neither right nor wrong.

    >>> g = Document(id="d", text="Rebels hit Aleppo", spans=[
    ...     Span(start=0, end=6, label="ACTOR"), Span(start=11, end=17, label="LOCATION")])
    >>> p = g.with_spans([Span(start=11, end=17, label="LOCATION")])
    >>> s = score_documents([g], [p])
    >>> (s.micro.precision, s.micro.recall, round(s.micro.f1, 3))
    (1.0, 0.5, 0.667)
    >>> score_documents([g], [p], labels=["LOCATION"]).micro.f1
    1.0
    """
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise ValueError(f"unknown label(s) {unknown}; expected a subset of {list(LABELS)}")
    if [d.id for d in gold] != [d.id for d in predicted]:
        raise ValueError("gold and predicted documents differ in ids or order")
    wanted = [set(labels) & set(doc.meta.annotated()) for doc in gold]
    gold_spans = [[s for s in d.spans if s.label in w] for d, w in zip(gold, wanted, strict=True)]
    pred_spans = [
        [s for s in d.spans if s.label in w] for d, w in zip(predicted, wanted, strict=True)
    ]
    y_true, y_pred = [], []
    for doc, g, p in zip(gold, gold_spans, pred_spans, strict=True):
        words = word_offsets(doc.text)
        y_true.append(spans_to_tags(words, g))
        y_pred.append(spans_to_tags(words, p))
    exact = _seqeval_scores(y_true, y_pred)
    overlap = {label: _overlap_counts(gold_spans, pred_spans, label) for label in labels}
    per_label = {
        label: _label_scores(exact.get(label, (0.0, 0.0, 0.0, 0)), overlap[label])
        for label in labels
    }
    micro_exact = _seqeval_micro(y_true, y_pred)
    micro_overlap = tuple(sum(c[i] for c in overlap.values()) for i in range(4))
    micro = _label_scores(micro_exact, micro_overlap)
    scored = [per_label[lb] for lb in labels if per_label[lb].support or per_label[lb].predicted]
    macro = _mean_scores(scored)
    return Scores(tuple(labels), per_label, micro, macro, len(gold))


def _seqeval_scores(
    y_true: list[list[str]], y_pred: list[list[str]]
) -> dict[str, tuple[float, float, float, int]]:
    if not any(t != "O" for seq in y_true + y_pred for t in seq):
        return {}
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, average=None, scheme=IOB2, zero_division=0
    )
    names = unique_labels(y_true, y_pred, IOB2)
    rows = zip(names, p, r, f, s, strict=True)
    return {n: (float(a), float(b), float(c), int(d)) for n, a, b, c, d in rows}


def _seqeval_micro(y_true: list[list[str]], y_pred: list[list[str]]) -> tuple[float, ...]:
    if not any(t != "O" for seq in y_true + y_pred for t in seq):
        return (0.0, 0.0, 0.0, 0)
    p, r, f, _ = precision_recall_fscore_support(
        y_true, y_pred, average="micro", scheme=IOB2, zero_division=0
    )
    support = sum(t.startswith("B-") for seq in y_true for t in seq)
    return (float(p), float(r), float(f), support)


def _overlap_counts(
    gold: list[list[Span]], pred: list[list[Span]], label: str
) -> tuple[int, int, int, int]:
    """(predicted spans overlapping a gold one, predicted, gold spans overlapped, gold)."""
    hit_pred = n_pred = hit_gold = n_gold = 0
    for g_all, p_all in zip(gold, pred, strict=True):
        g = [s for s in g_all if s.label == label]
        p = [s for s in p_all if s.label == label]
        hit_pred += sum(any(x.overlaps(y) for y in g) for x in p)
        hit_gold += sum(any(y.overlaps(x) for x in p) for y in g)
        n_pred, n_gold = n_pred + len(p), n_gold + len(g)
    return hit_pred, n_pred, hit_gold, n_gold


def _label_scores(exact: tuple[float, ...], overlap: tuple[int, ...]) -> LabelScores:
    hit_pred, n_pred, hit_gold, n_gold = overlap
    precision = hit_pred / n_pred if n_pred else 0.0
    recall = hit_gold / n_gold if n_gold else 0.0
    return LabelScores(
        precision=exact[0],
        recall=exact[1],
        f1=exact[2],
        support=int(exact[3]),
        predicted=n_pred,
        overlap_precision=precision,
        overlap_recall=recall,
        overlap_f1=_f1(precision, recall),
    )


def _mean_scores(scores: Sequence[LabelScores]) -> LabelScores:
    if not scores:
        return LabelScores(0.0, 0.0, 0.0, 0, 0, 0.0, 0.0, 0.0)

    def mean(name: str) -> float:
        return sum(getattr(s, name) for s in scores) / len(scores)

    return LabelScores(
        precision=mean("precision"),
        recall=mean("recall"),
        f1=mean("f1"),
        support=sum(s.support for s in scores),
        predicted=sum(s.predicted for s in scores),
        overlap_precision=mean("overlap_precision"),
        overlap_recall=mean("overlap_recall"),
        overlap_f1=mean("overlap_f1"),
    )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
