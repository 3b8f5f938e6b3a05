"""Merge clause-level events of one article that report the same incident.

Two rules, applied in article order:

- same incident: same (non-null) event type and sub-event type, the same date range (or both
  undated), and compatible places: they share a place or the town a place lies in
  (``Dahiyet al-Assad`` is in ``Aleppo``), or one of them names no place;
- elaboration: a casualty report with no type of its own, no date of its own and no place
  (``the attack resulted in at least 7 deaths``) joins the event of the sentence just before.

The merged event keeps the first event's type, trigger and roles, prefers a date of its own over an
inherited one, unions actors, places, casualties and sentences, and takes the largest clause
fatality count (counts in later sentences usually restate or break down the first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.types import Actor, Event, Location


@dataclass(frozen=True)
class Draft:
    """A clause-level event with what merging needs to know about it."""

    event: Event
    sentence_index: int
    place_keys: frozenset[str]
    last_sentence: int = -1

    @property
    def last(self) -> int:
        return max(self.sentence_index, self.last_sentence)


def merge_events(drafts: Sequence[Draft]) -> list[Event]:
    """Merge drafts in order and number the result ``E1``, ``E2``, ...

    >>> merge_events([])
    []
    """
    merged: list[Draft] = []
    for draft in drafts:
        target = _target(merged, draft)
        if target is None:
            merged.append(draft)
        else:
            merged[target] = _combine(merged[target], draft)
    return [d.event.model_copy(update={"id": f"E{i}"}) for i, d in enumerate(merged, start=1)]


def _target(merged: Sequence[Draft], draft: Draft) -> int | None:
    event = draft.event
    if merged and _elaborates(merged[-1], draft):
        return len(merged) - 1
    if event.event_type is None:
        return None
    for i, other in enumerate(merged):
        if same_incident(other, draft):
            return i
    return None


def _elaborates(previous: Draft, draft: Draft) -> bool:
    event = draft.event
    own_date = event.date is not None and not event.date.inherited
    return (
        event.event_type is None
        and not own_date
        and not event.locations
        and draft.sentence_index - previous.last in (0, 1)
    )


def same_incident(a: Draft, b: Draft) -> bool:
    """Same type, same date range, compatible places."""
    ea, eb = a.event, b.event
    if ea.event_type is None or (ea.event_type, ea.sub_event_type) != (eb.event_type,
                                                                       eb.sub_event_type):
        return False
    if _range(ea) != _range(eb):
        return False
    return not a.place_keys or not b.place_keys or bool(a.place_keys & b.place_keys)


def _range(event: Event) -> tuple[object, object]:
    return (event.date.date_start, event.date.date_end) if event.date else (None, None)


def _combine(first: Draft, second: Draft) -> Draft:
    a, b = first.event, second.event
    date = a.date
    if b.date is not None and (date is None or (date.inherited and not b.date.inherited)):
        date = b.date
    event = a.model_copy(update={
        "event_type": a.event_type or b.event_type,
        "sub_event_type": a.sub_event_type or b.sub_event_type,
        "trigger": a.trigger or b.trigger,
        "date": date,
        "actors": _actors(a.actors, b.actors),
        "locations": _locations(a.locations, b.locations),
        "casualties": tuple(dict.fromkeys(a.casualties + b.casualties)),
        "fatalities": max(a.fatalities, b.fatalities),
        "injured": max(a.injured, b.injured),
        "detained": max(a.detained, b.detained),
        "cumulative": a.cumulative or b.cumulative,
        "sentences": tuple(sorted(set(a.sentences + b.sentences), key=lambda s: s.start)),
        "confidence": max(a.confidence, b.confidence),
    })
    return Draft(event, first.sentence_index, first.place_keys | second.place_keys,
                 last_sentence=max(first.last, second.last))


def _actors(first: tuple[Actor, ...], second: tuple[Actor, ...]) -> tuple[Actor, ...]:
    have = {a.role for a in first if a.role}
    seen = {(a.start, a.name) for a in first}
    extra = []
    for actor in second:
        if (actor.start, actor.name) in seen:
            continue
        if actor.role in have:
            actor = actor.model_copy(update={"role": None})
        extra.append(actor)
    return first + tuple(extra)


def _locations(first: tuple[Location, ...], second: tuple[Location, ...]) -> tuple[Location, ...]:
    seen = {loc.start for loc in first}
    combined = first + tuple(loc for loc in second if loc.start not in seen)
    return tuple(sorted(combined, key=lambda loc: (loc.geo_precision or 4, loc.start)))
