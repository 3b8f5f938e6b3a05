"""Events as ACLED-like table rows: an article's (``extract --format csv``) and a corpus's.

``event_date`` is the middle of the event's date range (ACLED codes a week- or month-precise
event on the middle day of the period; ``time_precision`` says how wide it is); ``location`` is
the event's most precise place; ``notes`` is the text of the sentences that report it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from model.events.dedup import CorpusEvent, Origin, Place
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
    middle = middle_day(date.date_start, date.date_end) if date else None
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


def middle_day(start: dt.date | None, end: dt.date | None) -> str | None:
    """The middle day of a date range, ISO; None unless both ends are known.

    >>> middle_day(dt.date(2024, 11, 1), dt.date(2024, 11, 30))
    '2024-11-15'
    """
    if start is None or end is None:
        return None
    return (start + dt.timedelta(days=(end - start).days // 2)).isoformat()


def events_to_csv(events: Sequence[Event]) -> str:
    """The events as CSV text with a header row; empty cells for nulls.

    >>> events_to_csv([]).strip() == ",".join(CSV_COLUMNS)
    True
    """
    return _csv(CSV_COLUMNS, (event_row(e) for e in events))


# --- Corpus events (cross-article, ``model.events.dedup``) -------------------------------


def corpus_event_row(event: CorpusEvent) -> dict[str, Cell]:
    """One corpus event as a row keyed by ``CORPUS_CSV_COLUMNS``.

    ``event_date`` is the middle of the date range (as in ``event_row``);
    ``source_articles`` joins the article ids with ``;``; ``<field>_article``,
    ``<field>_char_start`` and ``<field>_char_end`` ground the date, actor1, actor2, location and
    fatalities cells in the report each came from; ``notes`` is the earliest report's sentences.

    >>> from model.events.dedup import SourcedEvent, dedup_events
    >>> from model.types import Sentence
    >>> e = Event(id="E1", event_type=None, sub_event_type=None, trigger=None, date=None,
    ...           fatalities=0, sentences=(Sentence(start=0, end=4, text="Boom"),), confidence=1)
    >>> row = corpus_event_row(dedup_events([SourcedEvent(article_id="a", event=e)])[0])
    >>> row["event_id"], row["source_articles"], row["source_count"], row["location_char_start"]
    ('C1', 'a', 1, None)
    """
    place = event.location.model_dump() if event.location else dict.fromkeys(Place.model_fields)
    middle = middle_day(event.date_start, event.date_end)
    row: dict[str, Cell] = {
        "event_id": event.id,
        "event_date": middle,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "location": place["name"],
        **{k: place[k] for k in ("latitude", "longitude", "geo_precision", "country", "admin1")},
        "fatalities": event.fatalities,
        "fatalities_min": event.fatalities_min,
        "fatalities_max": event.fatalities_max,
        "source_count": event.source_count,
        "source_articles": ";".join(event.source_articles),
        "notes": " ".join(" ".join(s.text.split()) for s in event.sources[0].event.sentences),
    }
    for field in _ORIGIN_FIELDS:
        origin: Origin | None = getattr(event.origins, field)
        row[f"{field}_article"] = origin.article_id if origin else None
        row[f"{field}_char_start"] = origin.start if origin else None
        row[f"{field}_char_end"] = origin.end if origin else None
    return row


_ORIGIN_FIELDS = ("date", "actor1", "actor2", "location", "fatalities")
CORPUS_CSV_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "location", "latitude", "longitude", "geo_precision", "country", "admin1",
    "fatalities", "fatalities_min", "fatalities_max", "source_count", "source_articles", "notes",
    *(f"{f}_{part}" for f in _ORIGIN_FIELDS for part in ("article", "char_start", "char_end")),
)


def corpus_events_to_csv(events: Sequence[CorpusEvent]) -> str:
    """The corpus events as CSV text with a header row; empty cells for nulls.

    >>> corpus_events_to_csv([]).strip() == ",".join(CORPUS_CSV_COLUMNS)
    True
    """
    return _csv(CORPUS_CSV_COLUMNS, (corpus_event_row(e) for e in events))


def _csv(columns: Sequence[str], rows: Iterable[dict[str, Cell]]) -> str:
    """CSV text with a header row; empty cells for nulls."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()
