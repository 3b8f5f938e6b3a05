"""Events as ACLED-like table rows (the ``extract --format csv`` output).

``event_date`` is the middle of the event's date range (ACLED codes a week- or month-precise
event on the middle day of the period; ``time_precision`` says how wide it is); ``location`` is
the event's most precise place; ``notes`` is the text of the sentences that report it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from model.types import Event

CSV_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "latitude", "longitude", "geo_precision", "fatalities", "notes",
)

Cell = str | int | float | None


def event_row(event: Event) -> dict[str, Cell]:
    """One event as a row keyed by ``CSV_COLUMNS``.

    >>> from model.types import Sentence
    >>> e = Event(id="E1", event_type=None, sub_event_type=None, trigger=None, date=None,
    ...           fatalities=3, sentences=(Sentence(start=0, end=4, text="Boom"),), confidence=0.5)
    >>> event_row(e)["notes"], event_row(e)["event_date"]
    ('Boom', None)
    """
    date = event.date
    middle: str | None = None
    if date is not None and date.date_start is not None and date.date_end is not None:
        half = (date.date_end - date.date_start).days // 2
        middle = (date.date_start + dt.timedelta(days=half)).isoformat()
    place = event.locations[0] if event.locations else None
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    return {
        "event_date": middle,
        "time_precision": date.time_precision if date else None,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": actor1.name if actor1 else None,
        "actor2": actor2.name if actor2 else None,
        "location": place.name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities": event.fatalities,
        "notes": " ".join(" ".join(s.text.split()) for s in event.sentences),
    }


def events_to_csv(events: Sequence[Event]) -> str:
    """The events as CSV text with a header row; empty cells for nulls.

    >>> events_to_csv([]).strip() == ",".join(CSV_COLUMNS)
    True
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow({k: "" if v is None else v for k, v in event_row(event).items()})
    return buffer.getvalue()
