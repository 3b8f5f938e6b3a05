"""Constrained BIO decoding of per-word tag probabilities into scored spans (numpy only).

The model gives each word a row of tag probabilities (``probs[n_words, n_tags]``, columns in
``model.labels.TAGS`` order). Read as a distribution over whole tag paths, a path's weight is
the product of its words' probabilities when it is BIO-valid (no ``I-X`` first, ``I-X`` only
after ``B-X`` or ``I-X``; every allowed transition weighs 1) and zero otherwise, normalised
over the valid paths. Everything here is exact under that one distribution: the Viterbi path,
the per-word marginals (scaled forward-backward) and the probability of a single span.
Probabilities are floored at ``PROB_FLOOR`` so that every input has a valid path.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from model.decode import tags_to_spans
from model.labels import LABELS, OUTSIDE, TAG2ID, TAGS, Label
from model.tagging.encoding import InferenceConfig
from model.types import Span

PROB_FLOOR = 1e-12
_BEGIN = np.array([TAG2ID[f"B-{label}"] for label in LABELS])
_INSIDE = np.array([TAG2ID[f"I-{label}"] for label in LABELS])


def allowed_transitions() -> np.ndarray:
    """``[from_tag, to_tag]`` booleans: may ``to_tag`` follow ``from_tag`` under BIO?

    >>> a = allowed_transitions()
    >>> bool(a[TAG2ID["B-ACTOR"], TAG2ID["I-ACTOR"]]), bool(a[TAG2ID["O"], TAG2ID["I-ACTOR"]])
    (True, False)
    """
    allowed = np.ones((len(TAGS), len(TAGS)), dtype=bool)
    allowed[:, _INSIDE] = False
    allowed[_BEGIN, _INSIDE] = True
    allowed[_INSIDE, _INSIDE] = True
    return allowed


def allowed_start() -> np.ndarray:
    """``[tag]`` booleans: may a sequence open with ``tag`` (anything but ``I-``)?

    >>> [TAGS[i] for i in np.flatnonzero(~allowed_start())]
    ['I-ACTOR', 'I-LOCATION', 'I-DATE', 'I-CASUALTY']
    """
    start = np.ones(len(TAGS), dtype=bool)
    start[_INSIDE] = False
    return start


_START = allowed_start().astype(np.float64)
_LOG_START = np.where(_START > 0, 0.0, -np.inf)
_OPENS = np.flatnonzero(_START)  # O and B-*: what may follow I-X and is not I-X
_LABEL_ID = {label: i for i, label in enumerate(LABELS)}
_ENTITY_TAGS = list(zip(_BEGIN.tolist(), _INSIDE.tolist(), strict=True))
_O = TAG2ID[OUTSIDE]
_N = len(LABELS)  # forward_backward's state: the mass inside each label, then the total
_DIAGONAL = np.arange(_N)


def _checked(probs: np.ndarray) -> np.ndarray:
    """``probs`` as float64 ``[n_words, n_tags]``, floored at ``PROB_FLOOR``."""
    p = np.asarray(probs, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] != len(TAGS):
        raise ValueError(f"probs must have shape [n_words, {len(TAGS)}], got {p.shape}")
    if not np.isfinite(p).all():
        raise ValueError("probs hold NaN or infinite values")
    return np.maximum(p, PROB_FLOOR)


def constrained_viterbi(probs: np.ndarray) -> list[int]:
    """The most probable BIO-valid tag path (tag ids), by Viterbi in log space.

    >>> p = np.full((2, len(TAGS)), 0.01)
    >>> p[0, TAG2ID["O"]] = p[1, TAG2ID["I-ACTOR"]] = 0.9  # I-ACTOR cannot follow O
    >>> p[1, TAG2ID["B-ACTOR"]] = 0.05
    >>> [TAGS[i] for i in constrained_viterbi(p)]
    ['O', 'B-ACTOR']
    """
    log_p = np.log(_checked(probs)).tolist()
    if not log_p:
        return []
    score = [x + s for x, s in zip(log_p[0], _LOG_START.tolist(), strict=True)]
    back = []
    for row in log_p[1:]:
        score, pointers = _viterbi_step(score, row)
        back.append(pointers)
    path = [score.index(max(score))]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    return path[::-1]


def _viterbi_step(score: list[float], row: list[float]) -> tuple[list[float], list[int]]:
    """One Viterbi step on plain floats (9 tags: faster than numpy calls)."""
    best = max(score)
    arg = score.index(best)
    new = [x + best for x in row]
    pointers = [arg] * len(row)
    for begin, inside in _ENTITY_TAGS:  # I-X continues B-X or I-X only
        src = begin if score[begin] >= score[inside] else inside
        pointers[inside] = src
        new[inside] = row[inside] + score[src]
    return new, pointers


@dataclass(frozen=True)
class Posterior:
    """Scaled forward-backward results for one sequence.

    ``marginals[t, k]`` is P(y_t = k); ``backward`` holds the scaled backward vectors and
    ``scales[t]`` the forward normaliser at word ``t``, so that Z = prod(scales).
    """

    probs: np.ndarray
    marginals: np.ndarray
    backward: np.ndarray
    scales: np.ndarray


def forward_backward(probs: np.ndarray) -> Posterior:
    """Per-word tag marginals under the BIO-constrained path distribution.

    Under BIO every tag may follow any tag except ``I-X``, which follows ``B-X`` or ``I-X``
    only. So the forward pass needs, after each word, just the mass of paths inside each label
    (``B-X`` or ``I-X`` last) and the total mass: a 5-vector (4 labels + total) that each word
    maps linearly, ``x_t = M_t x_(t-1)``. The backward pass likewise needs ``beta[B-X]``
    (= ``beta[I-X]``) and ``beta[O]``, ``y_t = N_(t+1) y_(t+1)``. Both are prefix products
    of small matrices (``_prefix_products``, log2(n) vectorised steps instead of a Python loop
    over words). ``scales[t]`` is the ratio of total masses at ``t`` and ``t - 1``, so that
    Z = prod(scales); the backward vectors are scaled by the same, so that
    ``marginals = forward * backward``, with ``forward`` normalised to sum 1 at every word.

    >>> p = np.full((2, len(TAGS)), 1.0)
    >>> post = forward_backward(p)  # uniform rows: 29 valid paths of two words
    >>> round(float(post.marginals[1, TAG2ID["I-DATE"]]), 4), round(1 / 29, 4)
    (0.0345, 0.0345)
    """
    p = _checked(probs)
    n = len(p)
    if not n:
        return Posterior(probs=p, marginals=p, backward=p, scales=np.ones(0))
    p_out, p_begin, p_inside = p[:, _O], p[:, _BEGIN], p[:, _INSIDE]
    state, log_state = _prefix_products(_forward_maps(p_out, p_begin, p_inside))
    mass = state[:, :, _N]  # (inside masses, total) after each word, times exp(log_state)
    log_total = np.log(mass[:, _N]) + log_state
    scales = np.exp(np.diff(log_total, prepend=0.0))
    forward = p / scales[:, None]
    forward[1:, _INSIDE] *= mass[:-1, :_N] / mass[:-1, _N:]  # share of mass inside X before
    forward[0, _INSIDE] = 0.0
    backward = np.ones_like(p)
    if n > 1:  # y_t for t = n-2 .. 0: products N_(t+1) ... N_(n-1), applied to ones
        later, log_later = _prefix_products(
            _backward_maps(p_out[:0:-1], p_begin[:0:-1], p_inside[:0:-1])
        )
        log_y = (np.log(later.sum(axis=2)) + log_later[:, None])[::-1]
        scaled = np.exp(log_y + log_total[:-1, None] - log_total[-1])
        backward[:-1, _BEGIN] = backward[:-1, _INSIDE] = scaled[:, :_N]
        backward[:-1, _O] = scaled[:, _N]
    return Posterior(probs=p, marginals=forward * backward, backward=backward, scales=scales)


def _forward_maps(p_out: np.ndarray, p_begin: np.ndarray, p_inside: np.ndarray) -> np.ndarray:
    """``M_t``: (mass inside each label, total) after word t-1 -> the same after word t.

    Inside X: ``B-X`` from any path, ``I-X`` from paths inside X; total: ``O`` and ``B-*``
    from any path, ``I-X`` from paths inside X. The first word reads (0, ..., 0, 1).
    """
    maps = np.zeros((len(p_out), _N + 1, _N + 1))
    maps[:, _DIAGONAL, _DIAGONAL] = p_inside
    maps[:, :_N, _N] = p_begin
    maps[:, _N, :_N] = p_inside
    maps[:, _N, _N] = p_out + p_begin.sum(axis=1)
    return maps


def _backward_maps(p_out: np.ndarray, p_begin: np.ndarray, p_inside: np.ndarray) -> np.ndarray:
    """``N_t``: (beta[B-X] = beta[I-X] for each X, beta[O]) at word t -> the same at t-1.

    From any tag, the next may be ``O`` or any ``B-Y``; from ``B-X`` or ``I-X`` also ``I-X``.
    """
    maps = np.zeros((len(p_out), _N + 1, _N + 1))
    maps[:, :_N, :_N] = p_begin[:, None, :]
    maps[:, _DIAGONAL, _DIAGONAL] += p_inside
    maps[:, :_N, _N] = p_out[:, None]
    maps[:, _N, :_N] = p_begin
    maps[:, _N, _N] = p_out
    return maps


def _prefix_products(maps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``maps[t] @ ... @ maps[0]`` for every ``t`` (a Hillis-Steele scan), each divided by its
    largest entry so that nothing underflows, and the log of what it was divided by."""
    largest = maps.max(axis=(1, 2))
    products, log_scale = maps / largest[:, None, None], np.log(largest)
    step = 1
    while step < len(maps):
        products[step:] = products[step:] @ products[:-step]
        log_scale[step:] += log_scale[:-step]
        largest = products[step:].max(axis=(1, 2))
        products[step:] /= largest[:, None, None]
        log_scale[step:] += np.log(largest)
        step *= 2
    return products, log_scale


def segment_probability(post: Posterior, first: int, last: int, label: str) -> float:
    """P(words ``first..last`` (inclusive) form exactly one ``label`` entity).

    That is P(y_first = B-X, y_first+1..last = I-X, y_last+1 != I-X).

    >>> p = np.full((2, len(TAGS)), 1.0)
    >>> p[0, TAG2ID["B-ACTOR"]] = p[1, TAG2ID["I-ACTOR"]] = 50.0
    >>> round(segment_probability(forward_backward(p), 0, 1, "ACTOR"), 4)  # 50 * 50 / 2773
    0.9016
    """
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}; expected one of {list(LABELS)}")
    if not 0 <= first <= last < len(post.probs):
        raise ValueError(f"words {first}..{last} outside 0..{len(post.probs) - 1}")
    scores = _segment_probabilities(post, np.array([first]), np.array([last]), [_LABEL_ID[label]])
    return float(scores[0])


def _segment_probabilities(
    post: Posterior, first: np.ndarray, last: np.ndarray, label: Sequence[int] | np.ndarray
) -> np.ndarray:
    """``segment_probability`` of many segments (``label``: indices into ``LABELS``).

    The forward mass before ``first`` and backward mass after ``last + 1`` cancel against the
    scales, leaving p[first, B-X] * prod p[first+1..last, I-X] * (sum over k in O, B-* of
    p[last+1, k] * backward[last+1, k]) / prod scales[first..last+1]; at the end of the text
    the bracket is 1 and the scales run to the last word. Sums of logs, so nothing underflows.
    """
    n = len(post.probs)
    lo, hi = int(first.min()), min(int(last.max()) + 2, n)
    p, f, e, k = post.probs[lo:hi], first - lo, last - lo, np.asarray(label)
    m = len(p)
    inside = np.zeros((m + 1, len(LABELS)))
    np.cumsum(np.log(p[:, _INSIDE]), axis=0, out=inside[1:])
    scale = np.zeros(m + 1)
    np.cumsum(np.log(post.scales[lo:hi]), out=scale[1:])
    nxt = np.minimum(e + 1, m - 1)
    after = np.einsum("ij,ij->i", p[nxt][:, _OPENS], post.backward[lo:hi][nxt][:, _OPENS])
    log_prob = np.log(p[f, _BEGIN[k]]) + inside[e + 1, k] - inside[f + 1, k]
    log_prob += np.where(last + 1 < n, np.log(after), 0.0)
    log_prob -= scale[np.minimum(e + 2, m)] - scale[f]
    return np.exp(log_prob)


@dataclass(frozen=True)
class ScoredSpan:
    """A decoded span, character offsets ``[start, end)``, with its model probability.

    A plain dataclass for the hot loop; ``to_span`` converts to the typed core at the
    boundary.
    """

    start: int
    end: int
    label: Label
    score: float

    def to_span(self, text: str) -> Span:
        """The ``model.types.Span`` of this span, its text copied from ``text``."""
        piece = text[self.start : self.end]
        return Span(start=self.start, end=self.end, label=self.label, text=piece,
                    score=round(self.score, 4))


def path_segments(path: Sequence[int]) -> list[tuple[int, int]]:
    """``(first, last)`` word indices of the entities of a tag-id path (stray ``I-`` opens one).

    >>> path_segments([TAG2ID[t] for t in ("B-DATE", "I-DATE", "O", "B-ACTOR", "B-ACTOR")])
    [(0, 1), (3, 3), (4, 4)]
    """
    segments: list[tuple[int, int]] = []
    for t, tag_id in enumerate(path):
        tag = TAGS[tag_id]
        if tag.startswith("I-") and t and TAGS[path[t - 1]][2:] == tag[2:]:
            segments[-1] = (segments[-1][0], t)
        elif tag != OUTSIDE:
            segments.append((t, t))
    return segments


# Labels a name may be split across (``United``=ACTOR + ``States``=LOCATION). A DATE or a
# CASUALTY right after a place is real news style ("attacked Aleppo Sunday"): never joined to
# a neighbour of another label.
CROSS_JOINABLE = frozenset({"ACTOR", "LOCATION"})


def join_segments(
    segments: Sequence[tuple[int, int]],
    labels: Sequence[str],
    words: Sequence[tuple[int, int]],
    text: str,
    *,
    inside: Sequence[float] | np.ndarray | None = None,
    threshold: float = 0.0,
) -> list[tuple[int, int]]:
    """Merge neighbouring segments with nothing but spaces (no newline) between them, when
    they have one label or both are ``CROSS_JOINABLE`` (``labels``: each segment's path label)
    and, given ``inside`` (each word's probability of continuing a span), the right segment's
    first word has at least ``threshold`` of it.

    >>> words = [(0, 6), (7, 13), (13, 14), (15, 20), (21, 27)]
    >>> join_segments([(0, 0), (1, 1), (3, 3), (4, 4)], ["ACTOR", "LOCATION", "LOCATION",
    ...               "DATE"], words, "United States, Syria Sunday")
    [(0, 1), (3, 3), (4, 4)]
    >>> join_segments([(0, 0), (1, 1)], ["LOCATION", "ACTOR"], words[:2], "Kansas Obama",
    ...               inside=[0.0, 0.01], threshold=0.1)
    [(0, 0), (1, 1)]
    """
    joined: list[tuple[int, int]] = []
    previous = ""
    for (first, last), label in zip(segments, labels, strict=True):
        if (joined and joined[-1][1] == first - 1 and _joinable(previous, label)
                and (inside is None or inside[first] >= threshold)):
            gap = text[words[first - 1][1] : words[first][0]]
            if "\n" not in gap and not gap.strip():
                joined[-1] = (joined[-1][0], last)
                continue
        joined.append((first, last))
        previous = label
    return joined


def _joinable(left: str, right: str) -> bool:
    return left == right or (left in CROSS_JOINABLE and right in CROSS_JOINABLE)


def decode(
    probs: np.ndarray,
    words: Sequence[tuple[int, int]],
    text: str,
    *,
    join: bool = True,
    join_threshold: float = 0.0,
) -> list[ScoredSpan]:
    """Spans of ``text`` from per-word tag probabilities, each with its model probability.

    The Viterbi path gives the segments; with ``join``, neighbouring segments separated by
    spaces only become one (same label, or ACTOR/LOCATION) where the right one's first word
    continues a span (``I-`` of any label) with marginal probability >= ``join_threshold``;
    each segment takes the label with the largest summed marginal P(B-X) + P(I-X) over its
    words, and scores ``segment_probability`` of that span.

    >>> text, words = "United States said", [(0, 6), (7, 13), (14, 18)]
    >>> p = np.full((3, len(TAGS)), 0.01)
    >>> p[0, TAG2ID["B-ACTOR"]], p[1, TAG2ID["B-LOCATION"]], p[2, TAG2ID["O"]] = 0.9, 0.6, 0.9
    >>> p[1, TAG2ID["I-ACTOR"]] = 0.3  # Viterbi: B-ACTOR B-LOCATION; joined, ACTOR wins
    >>> [(s.to_span(text).text, s.label, round(s.score, 2)) for s in decode(p, words, text)]
    [('United States', 'ACTOR', 0.31)]
    """
    if len(words) != len(probs):
        raise ValueError(f"{len(probs)} probability rows for {len(words)} words")
    path = constrained_viterbi(probs)
    segments = path_segments(path)
    if not segments:
        return []
    post = forward_backward(probs)
    m = post.marginals
    if join:
        segments = join_segments(segments, [TAGS[path[f]][2:] for f, _ in segments], words, text,
                                 inside=m[:, _INSIDE].sum(axis=1), threshold=join_threshold)
    first, last = np.array(segments).T
    totals = np.zeros((len(m) + 1, len(LABELS)))
    np.cumsum(m[:, _BEGIN] + m[:, _INSIDE], axis=0, out=totals[1:])
    labels = (totals[last + 1] - totals[first]).argmax(axis=1)
    scores = _segment_probabilities(post, first, last, labels)
    rows = zip(first.tolist(), last.tolist(), labels.tolist(), scores.tolist(), strict=True)
    return [ScoredSpan(words[f][0], words[e][1], LABELS[k], s) for f, e, k, s in rows]


def decode_spans(
    probs: np.ndarray, words: Sequence[tuple[int, int]], text: str, inference: InferenceConfig
) -> list[Span]:
    """The spans of ``text`` as ``inference`` decodes them, each with its text and score.

    ``viterbi``: ``decode`` (scores are span probabilities); ``argmax``: every word's most
    probable tag read with the stray-``I-`` policy of ``model.decode.tags_to_spans`` (the
    ablation; scores are the mean of the chosen tags' probabilities).
    """
    if inference.decoder == "viterbi":
        scored = decode(probs, words, text, join=inference.join,
                        join_threshold=inference.join_threshold)
        return [_calibrated(s, inference).to_span(text) for s in scored]
    best = np.asarray(probs).argmax(axis=1)
    spans = tags_to_spans([TAGS[i] for i in best], words)
    chosen = np.asarray(probs)[np.arange(len(best)), best] if len(best) else np.zeros(0)
    starts = [s for s, _ in words]
    out = []
    for span in spans:
        first, last = bisect_left(starts, span.start), bisect_left(starts, span.end) - 1
        score = float(chosen[first : last + 1].mean())
        scored = ScoredSpan(span.start, span.end, span.label, score)
        out.append(_calibrated(scored, inference).to_span(text))
    return out


def _calibrated(span: ScoredSpan, inference: InferenceConfig) -> ScoredSpan:
    """The span with its score through the model's Platt map (identity by default)."""
    if inference.scale == 1.0 and inference.shift == 0.0:
        return span
    p = min(max(span.score, 1e-6), 1 - 1e-6)
    z = inference.scale * math.log(p / (1 - p)) + inference.shift
    score = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    return ScoredSpan(span.start, span.end, span.label, score)
