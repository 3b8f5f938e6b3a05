"""Pure encoding shared by training and inference: word shapes, sub-words, windows.

One path turns a text into model inputs, so training and prediction see the same thing:
words come from ``model.decode.word_offsets``; each word's first sub-word carries its label
(the other sub-words are not scored); a word's casing, lost by the lowercasing tokenizer, is
given back as a word-shape id; texts longer than the window are cut into overlapping windows
whose per-word predictions are merged, each word taken from the window where it sits
furthest from an edge.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np

from model.decode import TokenOffsets
from model.labels import TAGS

# How word shapes reach the network: concatenated before the head, added to the input
# embeddings, or not at all (``model.tagging.network``).
Casing = Literal["none", "head", "input"]
CASINGS: tuple[str, ...] = ("none", "head", "input")

Decoder = Literal["viterbi", "argmax"]
DECODERS: tuple[str, ...] = ("viterbi", "argmax")

# How a long text is cut (``window_bounds``): full-length windows, the last one flush with the
# end (``flush``, the default), or as many windows, spread evenly and only as long as they need
# be (``even``: fewer pieces read, measured to cost dev F1; see README "Windows").
Layout = Literal["flush", "even"]
LAYOUTS: tuple[str, ...] = ("flush", "even")


@dataclass(frozen=True)
class InferenceConfig:
    """How texts are cut for the encoder and how word scores become spans (in ``tagger.json``).

    ``max_length`` counts tokens per window with the special tokens, ``stride`` the (least)
    overlap, ``layout`` how the windows are spread (``window_bounds``).
    ``decoder``: ``viterbi`` (BIO-constrained, ``model.tagging.viterbi.decode``) or ``argmax``
    (each word's best tag, the ablation); ``join``: neighbouring spans with only spaces between
    become one (``viterbi.join_segments``) when the model gives the right one's first word at
    least ``join_threshold`` probability of continuing a span (``I-`` of any label; 0: always).
    """

    max_length: int = 128
    stride: int = 32
    layout: Layout = "flush"
    decoder: Decoder = "viterbi"
    join: bool = True
    join_threshold: float = 0.0
    temperature: float = 1.0  # logits are divided by it before the softmax (calibration)
    scale: float = 1.0  # span scores: sigmoid(scale * logit(p) + shift) (calibration)
    shift: float = 0.0

    def __post_init__(self) -> None:
        for name, allowed in (("layout", LAYOUTS), ("decoder", DECODERS)):
            if getattr(self, name) not in allowed:
                raise ValueError(f"inference {name} {getattr(self, name)!r}; expected one of "
                                 f"{list(allowed)}")


SHAPES: tuple[str, ...] = (
    "[PAD]",
    "lower",
    "title",
    "title-initial",
    "upper",
    "mixed",
    "digit",
    "alnum",
    "punct",
    "other",
)
SHAPE2ID: dict[str, int] = {shape: i for i, shape in enumerate(SHAPES)}
_SENTENCE_END = frozenset('.!?:;"“”')


class FastTokenizer(Protocol):
    """The part of a transformers fast tokenizer this module uses."""

    cls_token_id: int
    sep_token_id: int
    pad_token_id: int

    def __call__(self, text: str, **kwargs: Any) -> Any: ...


def word_shape(word: str, *, initial: bool = False) -> str:
    """Return the casing/shape class of ``word``; ``initial`` marks a sentence's first word.

    >>> [word_shape(w) for w in ("rebels", "Aleppo", "HTS", "al-Assad", "300,000", "M5", ",")]
    ['lower', 'title', 'upper', 'mixed', 'digit', 'alnum', 'punct']
    >>> word_shape("The", initial=True)
    'title-initial'
    """
    # Fast paths for the common shapes (most words); the rest is ``_any_shape``, same result.
    if word.isalpha():
        if word.islower():
            return "lower"
        if word[0].isupper() and word[1:].islower():
            return "title-initial" if initial else "title"
    elif word.isdigit():
        return "digit"
    return _any_shape(word, initial=initial)


def _any_shape(word: str, *, initial: bool = False) -> str:
    """``word_shape`` without its fast paths."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        if word[:1].isdigit() and word.replace(",", "").replace(".", "").isdigit():
            return "digit"  # 2015, 300,000, 1.5
        return "punct" if not any(c.isalnum() for c in word) else "other"
    if any(c.isdigit() for c in word):
        return "alnum"
    cased = [c for c in letters if c.isupper() or c.islower()]
    if not cased:
        return "other"
    if cased[0].isupper():
        if len(cased) > 1 and all(c.isupper() for c in cased):
            return "upper"
        return "title-initial" if initial else "title"
    return "mixed" if any(c.isupper() for c in cased) else "lower"


def shape_ids(text: str, words: TokenOffsets) -> list[int]:
    """Shape ids of ``words``; a word opens a sentence after ``.!?:;`` quotes or a newline.

    >>> text = "Rebels took Aleppo. The army left"
    >>> from model.decode import word_offsets
    >>> [SHAPES[i] for i in shape_ids(text, word_offsets(text))]
    ['title-initial', 'lower', 'title', 'punct', 'title-initial', 'lower', 'lower']
    """
    ids: list[int] = []
    previous_end = 0
    initial = True
    for start, end in words:
        if "\n" in text[previous_end:start]:
            initial = True
        word = text[start:end]
        ids.append(SHAPE2ID[word_shape(word, initial=initial)])
        initial = word in _SENTENCE_END
        previous_end = end
    return ids


def window_bounds(
    n_tokens: int, size: int, stride: int, layout: Layout = "flush"
) -> list[tuple[int, int]]:
    """Cut ``n_tokens`` into windows of at most ``size`` overlapping by at least ``stride``.

    ``flush``: windows of ``size`` every ``size - stride`` tokens, the last one flush with the
    end (so it overlaps its neighbour by more); ``even``: as many windows (the fewest that can
    overlap so), all of one length, the shortest that covers the text, spread evenly. Both give
    every token at least ``stride // 2`` tokens of context in some window; ``even`` reads fewer.

    >>> window_bounds(10, 4, 1)
    [(0, 4), (3, 7), (6, 10)]
    >>> window_bounds(12, 8, 2), window_bounds(12, 8, 2, "even")
    ([(0, 8), (4, 12)], [(0, 7), (5, 12)])
    >>> window_bounds(3, 4, 1)
    [(0, 3)]
    """
    if size <= stride:
        raise ValueError(f"window size {size} must exceed stride {stride}")
    if layout not in LAYOUTS:
        raise ValueError(f"window layout {layout!r}; expected one of {list(LAYOUTS)}")
    if n_tokens <= size:
        return [(0, n_tokens)]
    if layout == "flush":
        starts = [*range(0, n_tokens - size, size - stride), n_tokens - size]
        return [(start, start + size) for start in starts]
    count = math.ceil((n_tokens - stride) / (size - stride))
    length = math.ceil((n_tokens + (count - 1) * stride) / count)  # <= size
    starts = [i * (n_tokens - length) // (count - 1) for i in range(count)]
    return [(start, start + length) for start in starts]


@dataclass(frozen=True)
class Window:
    """One model input: token ids, shape ids, and which word each first sub-word opens."""

    input_ids: tuple[int, ...]
    shape_ids: tuple[int, ...]
    word_index: tuple[int, ...]  # word opened at this position, -1 where none
    centrality: tuple[int, ...]  # tokens to the nearer window edge (for merging)


@dataclass(frozen=True)
class Encoded:
    """A text as words (char offsets) and the windows that cover them."""

    words: tuple[tuple[int, int], ...]
    windows: tuple[Window, ...]


def encode_text(
    tokenizer: FastTokenizer,
    text: str,
    words: TokenOffsets,
    *,
    max_length: int,
    stride: int,
    layout: Layout = "flush",
) -> Encoded:
    """Tokenize ``text`` once and cut it into windows of at most ``max_length`` tokens.

    Nothing is truncated: every sub-word lands in at least one window.
    """
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    ids: list[int] = list(enc["input_ids"])
    word_of = _token_words(enc["offset_mapping"], words)
    shapes = shape_ids(text, words)
    token_shape = [shapes[w] if w >= 0 else 0 for w in word_of]
    opens = _first_subwords(word_of)
    windows = []
    for lo, hi in window_bounds(len(ids), max_length - 2, stride, layout) if ids else []:
        span = range(lo, hi)
        windows.append(
            Window(
                input_ids=(tokenizer.cls_token_id, *ids[lo:hi], tokenizer.sep_token_id),
                shape_ids=(0, *token_shape[lo:hi], 0),
                word_index=(-1, *(opens[i] for i in span), -1),
                centrality=(0, *(min(i - lo, hi - 1 - i) for i in span), 0),
            )
        )
    return Encoded(words=tuple(words), windows=tuple(windows))


def _token_words(offsets: Sequence[tuple[int, int]], words: TokenOffsets) -> list[int]:
    """Index of the word holding each token's first character (-1 for none)."""
    starts = [start for start, _ in words]
    out = []
    for start, end in offsets:
        i = bisect.bisect_right(starts, start) - 1
        out.append(i if end > start and i >= 0 and start < words[i][1] else -1)
    return out


def _first_subwords(word_of: Sequence[int]) -> list[int]:
    """The word each token opens (its first sub-word), -1 for continuation sub-words."""
    seen: set[int] = set()
    out = []
    for w in word_of:
        out.append(w if w >= 0 and w not in seen else -1)
        seen.add(w)
    return out


def merge_window_probs(
    encoded: Encoded, window_scores: Sequence[np.ndarray], *, temperature: float = 1.0
) -> np.ndarray:
    """Per-word tag probabilities ``[n_words, n_tags]`` from per-window logits.

    Each word takes the softmax row (of the logits divided by ``temperature``) of the window
    where it sits furthest from an edge (the earlier window on ties); a word no sub-word opens
    (a character the tokenizer drops) gets a certain ``O`` (tag 0).

    >>> w = Window(input_ids=(1, 5, 2), shape_ids=(0, 1, 0), word_index=(-1, 0, -1),
    ...            centrality=(0, 0, 0))
    >>> merge_window_probs(Encoded(words=((0, 3),), windows=(w,)),
    ...                    [np.array([[0, 0], [0.0, 1.0], [0, 0]])]).round(2)
    array([[0.27, 0.73]])
    """
    n_tags = window_scores[0].shape[-1] if len(window_scores) else len(TAGS)
    probs = np.zeros((len(encoded.words), n_tags))
    probs[:, 0] = 1.0
    best = np.full(len(encoded.words), -1)
    for window, logits in zip(encoded.windows, window_scores, strict=True):
        word, centrality = np.asarray(window.word_index), np.asarray(window.centrality)
        pos = np.flatnonzero(word >= 0)
        pos = pos[centrality[pos] > best[word[pos]]]
        rows = np.asarray(logits, dtype=np.float64)[pos] / temperature
        rows = np.exp(rows - rows.max(axis=1, keepdims=True))
        probs[word[pos]] = rows / rows.sum(axis=1, keepdims=True)
        best[word[pos]] = centrality[pos]
    return probs
