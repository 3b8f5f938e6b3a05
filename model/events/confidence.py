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

from collections.abc import Iterable

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
