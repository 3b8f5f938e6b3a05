"""How a rule prior and the tagger's span score make a ``confidence``.

Every normalizer (``dates``, ``casualties``, ``actors``, ``locations``) and the trigger lexicon
give a *prior*: a number chosen by hand for how reliable that rule usually is. Priors are not
measurements; the only measured number here is a span's ``score``, the tagger's calibrated
probability that the span and its label are right.

- A grounded field: its prior x the score of the span it came from (the prior alone when the
  span has no score: gold spans, or a predictor that gives none); an inherited date takes
  ``INHERITED_DATE_DISCOUNT`` on top.
- An event: its trigger's prior (``CASUALTY_ONLY_EVENT_PRIOR`` without a trigger) x the mean
  score of the distinct spans its fields came from (1 when none has a score).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from model.types import Event

# Priors, chosen by hand, not measured: how far an event-level rule is to be trusted.
CASUALTY_ONLY_EVENT_PRIOR = 0.5  # a clause that is an event only because it counts casualties
INHERITED_DATE_DISCOUNT = 0.6  # a date taken from an earlier sentence, not the event's own

_DIGITS = 3  # confidences are rounded to this many decimals


def field_confidence(prior: float, score: float | None, *, discount: float = 1.0) -> float:
    """A grounded field's confidence: ``prior x score x discount`` (``score`` None counts as 1).

    >>> field_confidence(0.85, 0.5), field_confidence(0.85, None)
    (0.425, 0.85)
    >>> field_confidence(0.85, 0.5, discount=INHERITED_DATE_DISCOUNT)
    0.255
    """
    return round(prior * (1.0 if score is None else score) * discount, _DIGITS)


def event_confidence(prior: float, scores: Iterable[float | None]) -> float:
    """An event's confidence: ``prior x`` the mean of the scores given (``None`` left out).

    ``scores`` are those of the distinct spans the event's fields came from; when none has a
    score (gold spans) the result is the prior.

    >>> event_confidence(0.9, [0.5, 1.0, None]), event_confidence(0.9, [None])
    (0.675, 0.9)
    """
    known = [s for s in scores if s is not None]
    mean = sum(known) / len(known) if known else 1.0
    return round(prior * mean, _DIGITS)


# --- Measured event confidence -----------------------------------------------------------------
# An event's ``confidence`` is the probability that it is an event of the article of the type
# given: a logistic model over ``event_features``, fitted on the coded train part of
# annotations/events/ (with a Platt map on its out-of-fold probabilities where that lowers their
# out-of-fold log loss), measured on the dev part (``conflict-ie calibrate-events``;
# the fit, with its ECE, is model/data/event_confidence.json). The hand-set priors above stay as
# features (the trigger's prior) and as the confidence of the single fields.

EVENT_FEATURES = ("trigger_prior", "span_score", "counts_people", "own_date", "sentences",
                  "position")
POSITION_CHARS = 500  # the position feature is log(1 + offset / POSITION_CHARS)


def event_features(event: Event, span_scores: Iterable[float | None]) -> tuple[float, ...]:
    """The features of ``EVENT_FEATURES``: the trigger's prior (``CASUALTY_ONLY_EVENT_PRIOR``
    without one), the mean score of its fields' spans (1 without scores), whether it counts
    killed, injured or detained people, whether it has a date of its own, log(1 + sentences),
    and where in the article it is first told, log(1 + offset / ``POSITION_CHARS``): events
    told deep in a long article are more often background or context (on the coded train
    part, out of fold, the position lowers the log loss from 0.602 to 0.535)."""
    known = [s for s in span_scores if s is not None]
    date = event.date
    return (
        event.trigger.confidence if event.trigger else CASUALTY_ONLY_EVENT_PRIOR,
        sum(known) / len(known) if known else 1.0,
        float(bool(event.fatalities or event.injured or event.detained)),
        float(date is not None and not date.inherited),
        math.log1p(len(event.sentences)),
        math.log1p(min((x.start for x in event.sentences), default=0) / POSITION_CHARS),
    )


@dataclass(frozen=True)
class EventConfidenceModel:
    """Logistic weights over ``EVENT_FEATURES`` (intercept last), then a Platt map."""

    weights: tuple[float, ...]
    platt: tuple[float, float]
    record: dict[str, Any]

    def __call__(self, features: Sequence[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, (*features, 1.0), strict=True))
        raw = min(max(_sigmoid(z), 1e-6), 1 - 1e-6)
        scale, shift = self.platt
        return round(_sigmoid(scale * math.log(raw / (1 - raw)) + shift), _DIGITS)


@lru_cache(maxsize=1)
def event_confidence_model() -> EventConfidenceModel | None:
    """The fitted model of model/data/event_confidence.json; None before one is fitted."""
    path = resources.files("model").joinpath(EVENT_CONFIDENCE_FILE)
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if tuple(raw["features"]) != EVENT_FEATURES:
        return None
    return EventConfidenceModel(tuple(raw["weights"]), tuple(raw["platt"]), raw["record"])


EVENT_CONFIDENCE_FILE = "data/event_confidence.json"


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)
