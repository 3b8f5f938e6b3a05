"""Whether an assembled event is one: a logistic model over the words around its trigger.

The trigger lexicon finds "attacked", "rocket", "battle" and "protest" wherever they are; in
general news most such words are no incident ("Erdogan attacked the proclamation", "a Falcon 9
rocket", "a custody battle", "the bill sparked protests"). Rules written per sense did not
hold, so this is learned: a logistic regression over the words of the event's first sentence,
the words just before and after its trigger, the trigger and event type, whether the event
counts people, is placed and names an armed side, where in the article it is first told and
how old its date is. It is fitted by ``conflict-ie fit-event-filter``
(``training/event_filter.py``) on predicted events judged right or wrong: the coded train
part, the judged general-news articles, probe reports and Wikipedia incident rows, with what the
rules already leave out as examples of no incident; the file it writes also records its
threshold and the figures of its fit. It is off unless ``CONFLICT_IE_EVENT_FILTER`` names such
a file: on the coded dev part it drops real events without dropping false ones
(``docs/evaluation.md``), so every event is kept by default.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.errors import ModelLoadError
from model.events.actors import names_armed_side
from model.types import Event

FILTER_ENV = "CONFLICT_IE_EVENT_FILTER"
NEAR_WORDS = 3  # words either side of the trigger that get features of their own
LEAD_CHARS, LATE_CHARS = 400, 2000  # an event first told before / after these offsets
_WORD = re.compile(r"[a-z][a-z'-]+")


def event_features(event: Event, text: str,
                   published: dt.date | None = None) -> dict[str, float]:
    """The sparse features of one event of ``text``: name -> value.

    Besides the words, where the event is first told (``lead``: in the first 400 characters,
    ``late``: after the first 2,000) and, with ``published``, how old its date is
    (``gap:<0`` after publication, ``gap:0-2`` within two days, ``gap:>30`` background),
    ``gap:none`` when it has no date.

    >>> from model.types import Sentence, Trigger
    >>> e = Event(id="E1", event_type="Battles", sub_event_type="Armed clash", date=None,
    ...           trigger=Trigger(start=8, end=16, text="attacked", confidence=0.5,
    ...                           lexeme="attack"), actors=(), locations=(), casualties=(),
    ...           fatalities=0, sentences=(Sentence(start=0, end=34, text=""),),
    ...           confidence=0.5)
    >>> sorted(k for k in event_features(e, "Erdogan attacked the proclamation.") if ":" in k)
    ['after:proclamation', 'after:the', 'before:erdogan', 'gap:none', 'lexeme:attack', \
'type:Battles', 'word:attacked', 'word:erdogan', 'word:proclamation', 'word:the']
    """
    sentence = event.sentences[0]
    said = text[sentence.start : sentence.end].lower()
    found: dict[str, float] = {f"word:{w}": 1.0 for w in _WORD.findall(said)}
    trigger = event.trigger
    if trigger is not None:
        before = _WORD.findall(text[max(0, trigger.start - 80) : trigger.start].lower())
        after = _WORD.findall(text[trigger.end : trigger.end + 80].lower())
        found |= {f"before:{w}": 1.0 for w in before[-NEAR_WORDS:]}
        found |= {f"after:{w}": 1.0 for w in after[:NEAR_WORDS]}
    found[f"lexeme:{trigger.lexeme if trigger else 'none'}"] = 1.0
    found[f"type:{event.event_type}"] = 1.0
    found["counts people"] = float(event.fatalities + event.injured + event.detained > 0)
    found["placed"] = float(any(p.country_code for p in event.locations))
    found["armed side"] = float(names_armed_side(event.actors))
    found["lead"] = float(sentence.start < LEAD_CHARS)
    found["late"] = float(sentence.start > LATE_CHARS)
    if event.date is None:
        found["gap:none"] = 1.0
    elif published is not None:
        gap = (published - event.date.date_start).days
        found["gap:<0"] = float(gap < 0)
        found["gap:0-2"] = float(0 <= gap <= 2)
        found["gap:>30"] = float(gap > 30)
    return found


@dataclass(frozen=True)
class EventFilter:
    """Fitted weights (absent features weigh 0), intercept and the keep threshold."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, event: Event, text: str, published: dt.date | None = None) -> float:
        """The fitted probability that ``event`` is an incident a coder would code."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v
                            for k, v in event_features(event, text, published).items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, event: Event, text: str, published: dt.date | None = None) -> bool:
        return self.probability(event, text, published) >= self.threshold


def event_filter() -> EventFilter | None:
    """The filter ``CONFLICT_IE_EVENT_FILTER`` names; ``None`` (keep every event) when unset.

    Raises:
        ModelLoadError: the file is missing or is no fitted filter.
    """
    name = os.environ.get(FILTER_ENV, "").strip()
    return _read(Path(name).expanduser().resolve()) if name else None


@lru_cache(maxsize=4)
def _read(path: Path) -> EventFilter:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return EventFilter(weights={str(k): float(v) for k, v in raw["weights"].items()},
                           bias=float(raw["bias"]), threshold=float(raw["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelLoadError(f"{FILTER_ENV}={path}: no fitted event filter ({exc})") from None
