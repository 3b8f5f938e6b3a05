"""Confidence of event fields and events: the rule prior x the tagger's span score.

Gold spans (no score) give the priors exactly; scored spans scale them. An event's own
confidence is the measured model's (tests/test_event_confidence.py) when one is fitted; these
tests check the prior-based value it falls back to, and that the measured one is used.
"""

from __future__ import annotations

import datetime as dt

import pytest

from model.events import extract_events
from model.events.actors import ACTOR_PRIORS
from model.events.casualties import KIND_PRIORS
from model.events.confidence import (
    CASUALTY_ONLY_EVENT_PRIOR,
    INHERITED_DATE_DISCOUNT,
    event_confidence,
    field_confidence,
)
from model.events.dates import DATE_RULE_PRIORS
from model.events.locations import PLACE_PRIORS
from model.events.triggers import lexicon
from model.types import Event, Span

PUBLISHED = dt.date(2024, 12, 2)
NONSENSE = "Zzyzx qwerty struck Blorf on Sunday, killing at least 7 civilians."
NONSENSE_SPANS = (("ACTOR", "Zzyzx qwerty"), ("LOCATION", "Blorf"), ("DATE", "Sunday"),
                  ("CASUALTY", "at least 7 civilians"))


@pytest.fixture(autouse=True)
def no_fitted_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The prior-based event confidence, as without model/data/event_confidence.json."""
    monkeypatch.setattr("model.events.assembly.event_confidence_model", lambda: None)


def scored(text: str, items: tuple[tuple[str, str], ...], score: float | None) -> list[Span]:
    """Spans for ``(label, surface)`` items (each found after the previous), all scored alike."""
    spans, cursor = [], 0
    for label, surface in items:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        spans.append(Span(start=start, end=cursor, label=label, score=score))  # type: ignore[arg-type]
    return spans


def only_event(text: str, spans: list[Span]) -> Event:
    (event,) = extract_events(text, spans, published=PUBLISHED)
    return event


def test_low_span_scores_give_lower_confidences_than_high_ones() -> None:
    low = only_event(NONSENSE, scored(NONSENSE, NONSENSE_SPANS, 0.3))
    high = only_event(NONSENSE, scored(NONSENSE, NONSENSE_SPANS, 0.95))
    assert low.date is not None and high.date is not None
    assert low.date.confidence < high.date.confidence
    assert low.casualties[0].confidence < high.casualties[0].confidence
    assert low.confidence < high.confidence
    assert low.date.confidence == round(DATE_RULE_PRIORS["weekday"] * 0.3, 3)
    assert high.casualties[0].confidence == round(KIND_PRIORS["near_cue"] * 0.95, 3)
    assert low.confidence == round(CASUALTY_ONLY_EVENT_PRIOR * 0.3, 3)  # no trigger matches


def test_gold_spans_give_exactly_the_priors() -> None:
    event = only_event(NONSENSE, scored(NONSENSE, NONSENSE_SPANS, None))
    assert event.date is not None
    assert event.date.confidence == DATE_RULE_PRIORS["weekday"]
    assert event.casualties[0].confidence == KIND_PRIORS["near_cue"]
    assert [a.confidence for a in event.actors] == [ACTOR_PRIORS["unknown"]]
    assert [loc.confidence for loc in event.locations] == [PLACE_PRIORS["unplaced"]]
    assert event.confidence == CASUALTY_ONLY_EVENT_PRIOR


def test_event_takes_its_trigger_prior_times_the_mean_score_of_its_spans() -> None:
    text = "Rebels entered Aleppo on Friday night."
    items = (("ACTOR", "Rebels"), ("LOCATION", "Aleppo"), ("DATE", "Friday night"))
    spans = [s.model_copy(update={"score": score})
             for s, score in zip(scored(text, items, None), (0.9, 0.6, None), strict=True)]
    event = only_event(text, spans)
    assert event.trigger is not None
    prior = next(e.prior for e in lexicon().entries if e.id == event.trigger.lexeme)
    assert event.trigger.confidence == prior  # found by the lexicon: its prior alone
    assert event.confidence == round(prior * (0.9 + 0.6) / 2, 3)  # the unscored span left out
    assert event.date is not None and event.date.confidence == DATE_RULE_PRIORS["weekday"]
    assert event.actors[0].confidence == round(ACTOR_PRIORS["alias"] * 0.9, 3)


def test_a_coordinated_actor_span_counts_once_in_the_event_mean() -> None:
    text = "Syrian and Russian forces shelled Idlib."
    spans = [Span(start=0, end=25, label="ACTOR", score=0.5),
             Span(start=34, end=39, label="LOCATION", score=1.0)]
    event = only_event(text, spans)
    assert len(event.actors) == 2  # one per conjunct, from one span
    assert event.trigger is not None
    assert event.confidence == round(event.trigger.confidence * (0.5 + 1.0) / 2, 3)


def test_an_inherited_date_takes_its_discount_on_the_combined_value() -> None:
    text = "Rebels entered Aleppo on Friday. Warplanes bombed the city."
    spans = [Span(start=25, end=31, label="DATE", score=0.8)]
    events = extract_events(text, spans, published=PUBLISHED)
    inherited = next(e.date for e in events if e.date is not None and e.date.inherited)
    expected = DATE_RULE_PRIORS["weekday"] * 0.8 * INHERITED_DATE_DISCOUNT
    assert inherited.confidence == round(expected, 3)


@pytest.mark.parametrize(("prior", "score", "expected"),
                         [(0.85, None, 0.85), (0.85, 1.0, 0.85), (0.8, 0.5, 0.4), (0.0, 0.9, 0.0)])
def test_field_confidence(prior: float, score: float | None, expected: float) -> None:
    assert field_confidence(prior, score) == expected


def test_event_confidence_without_scores_is_the_prior() -> None:
    assert event_confidence(0.7, []) == event_confidence(0.7, [None, None]) == 0.7
    assert event_confidence(0.7, [0.2, 0.4]) == 0.21


def test_a_fitted_model_gives_the_event_its_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    from model.events.confidence import EventConfidenceModel

    fitted = EventConfidenceModel((0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0), (1.0, 0.0), {})
    monkeypatch.setattr("model.events.assembly.event_confidence_model", lambda: fitted)
    spans = scored(NONSENSE, NONSENSE_SPANS, 0.9)
    (event,) = extract_events(NONSENSE, spans, published=PUBLISHED)
    assert event.confidence == fitted((0, 0, 0, 0, 0, 0)) == 0.881  # sigmoid(2)
