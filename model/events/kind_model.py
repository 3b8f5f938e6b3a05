"""Killed or injured, learned: a logistic model over the words around a CASUALTY span.

The cue rules of ``casualties.py`` read most counts right ("killing 4 people", "9 others were
wounded"), but where they find both cues side by side, only a far one, or none, they guess. This
model decides those: a logistic regression over the words just before and after the span (by
distance), the span's last word and the rule's own reading. It is fitted by
``python -m training.casualty_kind`` on distant supervision: CASUALTY spans of Wikipedia
incident descriptions whose count equals the row's dead or injured figure
(``training/casualty_kind.py``), never on the coded dev part or the silver check set. Its
probability is the count's kind confidence where it decides.

The fitted file is ``model/data/casualty_kind.json``; ``CONFLICT_IE_KIND_MODEL`` names another
one, or ``off`` for the rules alone (the ablation of ``docs/evaluation.md``).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from model.errors import ModelLoadError

KIND_MODEL_ENV = "CONFLICT_IE_KIND_MODEL"
KIND_MODEL_FILE = "data/casualty_kind.json"
WINDOW = 6  # words either side of the span read
# The cue rules whose reading the model decides (casualties.kind_rule); the others stand. Not
# "no_cue": a count with no cue at all is often of people nobody harmed, and deciding those
# lowered the held-out rows' killed figure (training/casualty_kind.py).
LEARNED_RULES = frozenset({"both_cues", "far_cue"})
_WORD = re.compile(r"[a-z][a-z'-]*|\d[\d,.]*")


def _words(text: str) -> list[str]:
    return ["<num>" if w[0].isdigit() else w for w in _WORD.findall(text.lower())]


def kind_features(span_text: str, before: str, after: str, rule_kind: str) -> list[str]:
    """The features of one span: words before and after it by distance (1, 2, 3 or more), its
    last word and the rule's reading.

    >>> kind_features("4 people", "a market, killing ", " and wounding 9.", "killed")[:4]
    ['rule:killed', 'last:people', 'L1:killing', 'L2:market']
    """
    left = _words(before)[-WINDOW:][::-1]
    right = _words(after)[:WINDOW]
    own = _words(span_text)
    found = [f"rule:{rule_kind}", f"last:{own[-1] if own else ''}"]
    found += [f"L{min(i + 1, 3)}:{w}" for i, w in enumerate(left)]
    found += [f"R{min(i + 1, 3)}:{w}" for i, w in enumerate(right)]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class KindModel:
    """Fitted weights (absent features weigh 0) and the intercept."""

    weights: Mapping[str, float]
    bias: float

    def killed_probability(self, features: list[str]) -> float:
        """The fitted probability that the people counted were killed rather than injured."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def kind_model() -> KindModel | None:
    """The model ``CONFLICT_IE_KIND_MODEL`` names (default: the packaged fit); ``None`` for
    ``off`` or when no fit is packaged.

    Raises:
        ModelLoadError: a named file is missing or is no fitted model.
    """
    name = os.environ.get(KIND_MODEL_ENV, "").strip()
    if name.lower() == "off":
        return None
    if name:
        return _read(Path(name).expanduser().resolve())
    packaged = _packaged()
    return _read(packaged) if packaged is not None else None


@lru_cache(maxsize=1)
def _packaged() -> Path | None:
    path = resources.files("model").joinpath(KIND_MODEL_FILE)
    return Path(str(path)) if path.is_file() else None


@lru_cache(maxsize=4)
def _read(path: Path) -> KindModel:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return KindModel(weights={str(k): float(v) for k, v in raw["weights"].items()},
                         bias=float(raw["bias"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelLoadError(f"{KIND_MODEL_ENV}={path}: no fitted kind model ({exc})") from None
