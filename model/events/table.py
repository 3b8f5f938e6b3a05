"""Events as ACLED table rows: an article's (``extract --format csv``, batch ``events.parquet``)
and a corpus's (``dedup``'s ``corpus_events.csv``).

Both tables open with ACLED's export columns in ACLED's order and names
(``model.events.acled.ACLED_COLUMNS``), then ``injured`` and ``detained``; the corpus table adds
its own columns after those. ``event_date`` is the middle of the event's date range (ACLED codes
a week- or month-precise event on the middle day of the period; ``time_precision`` says how wide
it is) and ``year`` its year; ``disorder_type`` comes from the event type
(``model.taxonomy.DISORDER_TYPE``); ``inter1``/``inter2`` are the actors' inter codes and
``interaction``, ``civilian_targeting``, ``iso``, ``region`` and ``country`` follow
``model.events.acled``; ``admin1``, ``admin2`` (``admin3`` where the location has one),
``location`` and the coordinates are the event's most precise place; ``source`` is the outlet
given by the caller, else the article id; ``notes`` is the text of the sentences that report
it. ``assoc_actor_1``, ``assoc_actor_2``, ``source_scale`` and ``tags`` stay empty: nothing
the event holds says them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from model.events.acled import (
    ACLED_COLUMNS,
    CIVILIAN_TARGETING,
    country_name,
    event_interaction,
    interaction,
    iso_numeric,
    region,
    targets_civilians,
)
from model.events.dedup import CorpusEvent, Origin, Place
from model.taxonomy import DISORDER_TYPE
from model.types import Event, Location

CSV_COLUMNS = (*ACLED_COLUMNS, "injured", "detained")

Cell = str | int | float | None


def event_row(event: Event, *, source: str | None = None) -> dict[str, Cell]:
    """One event as a row keyed by ``CSV_COLUMNS``; ``source`` fills ACLED's source column.

    >>> from model.types import Sentence
    >>> e = Event(id="E1", event_type="Battles", sub_event_type=None, trigger=None, date=None,
    ...           fatalities=3, sentences=(Sentence(start=0, end=4, text="Boom"),), confidence=0.5)
    >>> row = event_row(e, source="Reuters")
    >>> row["notes"], row["event_date"], row["disorder_type"], row["source"]
    ('Boom', None, 'Political violence', 'Reuters')
    """
    date = event.date
    middle = middle_day(date.date_start, date.date_end) if date else None
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    return {
        **_when_what(middle, date.time_precision if date else None, event.event_type,
                     event.sub_event_type),
        "actor1": actor1.name if actor1 else None,
        "assoc_actor_1": None,
        "inter1": actor1.inter if actor1 else None,
        "actor2": actor2.name if actor2 else None,
        "assoc_actor_2": None,
        "inter2": actor2.inter if actor2 else None,
        "interaction": event_interaction(event),
        "civilian_targeting": CIVILIAN_TARGETING if targets_civilians(event) else None,
        **_where(event.locations[0] if event.locations else None),
        "source": source,
        "source_scale": None,
        "notes": _notes(event),
        "fatalities": event.fatalities,
        "tags": None,
        "injured": event.injured,
        "detained": event.detained,
    }


def _when_what(middle: str | None, time_precision: int | None, event_type: str | None,
               sub_event_type: str | None) -> dict[str, Cell]:
    return {
        "event_date": middle,
        "year": int(middle[:4]) if middle else None,
        "time_precision": time_precision,
        "disorder_type": DISORDER_TYPE.get(event_type) if event_type else None,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
    }


def _where(place: Location | Place | None) -> dict[str, Cell]:
    """The place columns, ``iso`` to ``geo_precision``, of a location (all empty for None)."""
    if place is None:
        return dict.fromkeys(("iso", "region", "country", "admin1", "admin2", "admin3",
                              "location", "latitude", "longitude", "geo_precision"))
    return {
        "iso": iso_numeric(place.country_code),
        "region": region(place.country_code),
        "country": country_name(place.country_code, place.country),
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": getattr(place, "admin3", None),
        "location": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": place.geo_precision,
    }


def _notes(event: Event) -> str:
    return " ".join(" ".join(s.text.split()) for s in event.sentences)


def middle_day(start: dt.date | None, end: dt.date | None) -> str | None:
    """The middle day of a date range, ISO; None unless both ends are known.

    >>> middle_day(dt.date(2024, 11, 1), dt.date(2024, 11, 30))
    '2024-11-15'
    """
    if start is None or end is None:
        return None
    return (start + dt.timedelta(days=(end - start).days // 2)).isoformat()


def events_to_csv(events: Sequence[Event], *, source: str | None = None) -> str:
    """The events as CSV text with a header row; empty cells for nulls.

    >>> events_to_csv([]).strip() == ",".join(CSV_COLUMNS)
    True
    """
    return _csv(CSV_COLUMNS, (event_row(e, source=source) for e in events))


def rows_to_csv(rows: Iterable[dict[str, Cell]]) -> str:
    """Rows keyed by ``CSV_COLUMNS`` (``event_row``'s, ``coded.coded_row``'s) as CSV text."""
    return _csv(CSV_COLUMNS, rows)


# --- Corpus events (cross-article, ``model.events.dedup``) -------------------------------


def corpus_event_row(event: CorpusEvent) -> dict[str, Cell]:
    """One corpus event as a row keyed by ``CORPUS_CSV_COLUMNS``.

    The ACLED columns as in ``event_row``, from the merged values: ``source`` lists each
    report's outlet (else its article id) once, ``; ``-separated as ACLED lists sources;
    ``civilian_targeting`` is marked when any report targets civilians; ``notes`` is the earliest
    report's sentences. Then ``event_id``, the fatality range, ``source_count``,
    ``source_articles`` (the article ids joined with ``;``) and ``<field>_article``,
    ``<field>_char_start`` and ``<field>_char_end``, which ground the date, actor1, actor2,
    location and fatalities cells in the report each came from.

    >>> from model.events.dedup import SourcedEvent, dedup_events
    >>> from model.types import Sentence
    >>> e = Event(id="E1", event_type=None, sub_event_type=None, trigger=None, date=None,
    ...           fatalities=0, sentences=(Sentence(start=0, end=4, text="Boom"),), confidence=1)
    >>> row = corpus_event_row(dedup_events([SourcedEvent(article_id="a", event=e)])[0])
    >>> row["event_id"], row["source_articles"], row["source_count"], row["location_char_start"]
    ('C1', 'a', 1, None)
    """
    untyped = event.actor2 is not None and event.inter2 is None
    row: dict[str, Cell] = {
        **_when_what(middle_day(event.date_start, event.date_end), event.time_precision,
                     event.event_type, event.sub_event_type),
        "actor1": event.actor1,
        "assoc_actor_1": None,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": None,
        "inter2": event.inter2,
        "interaction": None if untyped else interaction(event.inter1, event.inter2),
        "civilian_targeting": CIVILIAN_TARGETING if any(
            targets_civilians(s.event) for s in event.sources) else None,
        **_where(event.location),
        "source": "; ".join(dict.fromkeys(s.source or s.article_id for s in event.sources)),
        "source_scale": None,
        "notes": _notes(event.sources[0].event),
        "fatalities": event.fatalities,
        "tags": None,
        "injured": event.injured,
        "detained": event.detained,
        "event_id": event.id,
        "fatalities_min": event.fatalities_min,
        "fatalities_max": event.fatalities_max,
        "source_count": event.source_count,
        "source_articles": ";".join(event.source_articles),
    }
    for field in _ORIGIN_FIELDS:
        origin: Origin | None = getattr(event.origins, field)
        row[f"{field}_article"] = origin.article_id if origin else None
        row[f"{field}_char_start"] = origin.start if origin else None
        row[f"{field}_char_end"] = origin.end if origin else None
    return row


_ORIGIN_FIELDS = ("date", "actor1", "actor2", "location", "fatalities")
CORPUS_CSV_COLUMNS = (
    *CSV_COLUMNS, "event_id", "fatalities_min", "fatalities_max", "source_count",
    "source_articles",
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
