"""What to annotate next: unannotated articles ordered by how much the model would learn.

Uncertainty sampling with some diversity, both standard in active learning for NER:

- an article's uncertainty is the mean, over its words, of ``1 - max_tag P(tag)`` (the
  model's least confidence per word, from its calibrated word probabilities), so an article
  full of words the model hesitates on comes first whatever its length;
- diversity: articles are picked greedily by maximal marginal relevance, ``LAMBDA x
  uncertainty (scaled to the most uncertain) - (1 - LAMBDA) x the largest cosine similarity
  (tf-idf of lower-cased words) to an article already picked``, so five reports of one
  incident do not fill the top five.

Each suggestion says why: its uncertainty, how many of its predicted spans scored low (and
which), and how close it is to an article ranked above it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from model.types import Span

LAMBDA = 0.7  # weight of uncertainty against novelty in the greedy pick
LOW_SCORE = 0.6  # a predicted span scoring below this counts as uncertain
_WORD = re.compile(r"\w+", re.UNICODE)


class Suggestion(BaseModel):
    """One article's place in the annotation queue, and why."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="The article's id.")
    rank: int = Field(ge=1, description="1 = annotate first.")
    uncertainty: float = Field(ge=0, le=1, description="Mean per-word 1 - max P(tag).")
    uncertain_spans: int = Field(ge=0, description=f"Predicted spans scoring below {LOW_SCORE}.")
    similarity: float = Field(ge=0, le=1, description="Largest cosine to an article above it.")
    reason: str = Field(description="The same, in words.")


def word_uncertainty(probs: np.ndarray) -> float:
    """Mean over words of ``1 - max P(tag)``; 0 for an article without words.

    >>> word_uncertainty(np.array([[0.9, 0.1], [0.5, 0.5]]))
    0.3
    """
    if len(probs) == 0:
        return 0.0
    return round(float(np.mean(1.0 - np.max(probs, axis=1))), 6)


def rank(
    ids: Sequence[str],
    texts: Sequence[str],
    uncertainties: Sequence[float],
    spans: Sequence[Sequence[Span]],
    *,
    top: int | None = None,
    diversity: float = 1 - LAMBDA,
) -> list[Suggestion]:
    """Order articles for annotation: uncertain first, near-duplicates pushed down.

    >>> out = rank(["a", "b", "c"], ["shelling in Aleppo", "shelling in Aleppo", "a vote"],
    ...            [0.30, 0.29, 0.20], [[], [], []])
    >>> [s.id for s in out]
    ['a', 'c', 'b']
    """
    vectors = _tfidf(texts)
    peak = max(uncertainties, default=0.0) or 1.0
    left = list(range(len(ids)))
    picked: list[int] = []
    out: list[Suggestion] = []
    while left and (top is None or len(out) < top):
        similarity = {i: max((float(vectors[i] @ vectors[j]) for j in picked), default=0.0)
                      for i in left}
        best = max(left, key=lambda i: (1 - diversity) * uncertainties[i] / peak
                   - diversity * similarity[i])
        left.remove(best)
        out.append(_suggestion(ids[best], len(out) + 1, uncertainties[best], spans[best],
                               similarity[best], [ids[j] for j in picked], vectors, best,
                               picked))
        picked.append(best)
    return out


def _suggestion(doc_id: str, position: int, uncertainty: float, spans: Sequence[Span],
                similarity: float, above: list[str], vectors: np.ndarray, index: int,
                picked: list[int]) -> Suggestion:
    low = sorted((s for s in spans if s.score is not None and s.score < LOW_SCORE),
                 key=lambda s: s.score or 0.0)
    examples = ", ".join(f"{s.text!r} {s.label} {s.score:.2f}" for s in low[:3])
    reason = f"mean word uncertainty {uncertainty:.3f}; {len(low)} uncertain span(s)"
    reason += f" ({examples})" if examples else ""
    if picked:
        nearest = above[int(np.argmax([vectors[index] @ vectors[j] for j in picked]))]
        reason += f"; most similar above: {nearest} (cosine {similarity:.2f})"
    return Suggestion(id=doc_id, rank=position, uncertainty=min(1.0, uncertainty),
                      uncertain_spans=len(low), similarity=min(1.0, max(0.0, similarity)),
                      reason=reason)


def _tfidf(texts: Sequence[str]) -> np.ndarray:
    """Unit-length tf-idf rows over the lower-cased words of ``texts``."""
    counts = [Counter(w.lower() for w in _WORD.findall(t)) for t in texts]
    vocabulary = {w: i for i, w in enumerate(sorted({w for c in counts for w in c}))}
    frequency = Counter(w for c in counts for w in c)
    matrix = np.zeros((len(texts), max(1, len(vocabulary))))
    for row, count in enumerate(counts):
        for word, n in count.items():
            matrix[row, vocabulary[word]] = n * math.log((1 + len(texts)) / (1 + frequency[word]))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)
