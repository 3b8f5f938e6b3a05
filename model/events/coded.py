"""Assembled events as coded rows, and coded rows as ACLED table rows: pure, for the review page.

``gold_event`` turns an assembled ``Event`` into the annotation format's ``GoldEvent`` (the
event-gold rows of ``annotations/GUIDELINES.md``, "Events"), keeping only the groundings that
point at a span of the document with the right label: what an analyst corrects and saves
with the annotation. ``coded_row`` turns a ``GoldEvent`` back into a row of the ACLED-style
table (``model.events.table.CSV_COLUMNS``), reading names and codes from its spans as the
assembler does.
"""

from __future__ import annotations

from collections.abc import Sequence

from model.events.acled import country_name, interaction, iso_numeric, region
from model.events.actors import canonical_actors
from model.events.assembly import extract_events
from model.events.locations import country_code
from model.events.table import CSV_COLUMNS, Cell, event_row, middle_day
from model.taxonomy import DISORDER_TYPE
from model.types import Document, Event, GoldEvent, Span

__all__ = ["coded_row", "document_rows", "gold_event"]


def gold_event(event: Event, spans: Sequence[Span]) -> GoldEvent:
    """``event`` as a coded row whose groundings are spans of ``spans`` (others left out).

    >>> from model.events import extract_events
    >>> text = "Rebels shelled Aleppo on Sunday."
    >>> spans = [Span(start=0, end=6, label="ACTOR"), Span(start=15, end=21, label="LOCATION")]
    >>> row = gold_event(extract_events(text, spans)[0], spans)
    >>> row.actor1, row.location, row.date_span, row.country
    ((0, 6), (15, 21), None, 'Syria')
    """
    labelled = {(s.start, s.end): s.label for s in spans}

    def ref(start: int, end: int, label: str) -> tuple[int, int] | None:
        return (start, end) if labelled.get((start, end)) == label else None

    date = event.date
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    place = event.locations[0] if event.locations else None
    casualties = tuple(dict.fromkeys(
        (c.start, c.end) for c in event.casualties if ref(c.start, c.end, "CASUALTY")))
    return GoldEvent(
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        date=date.date_start if date else None,
        date_end=date.date_end if date and date.date_end != date.date_start else None,
        time_precision=date.time_precision if date else None,
        date_span=ref(date.start, date.end, "DATE") if date else None,
        actor1=ref(actor1.start, actor1.end, "ACTOR") if actor1 else None,
        actor2=ref(actor2.start, actor2.end, "ACTOR") if actor2 else None,
        location=ref(place.start, place.end, "LOCATION") if place else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        geo_precision=place.geo_precision if place else None,
        fatalities=event.fatalities,
        injured=event.injured,
        detained=event.detained,
        casualty_spans=casualties,
    )


def coded_row(event: GoldEvent, text: str, *, source: str | None = None) -> dict[str, Cell]:
    """A coded row as a row of the ACLED-style table (``CSV_COLUMNS``); ``source`` fills
    ACLED's source column. Actor names and inter codes are read from the actor spans as the
    assembler reads them, in the row's country ("the army" of Mali is not Syria's);
    coordinates stay empty (a coded row names no point).

    >>> text = "Rebels shelled Aleppo."
    >>> row = coded_row(GoldEvent(event_type="Battles", sub_event_type="Armed clash",
    ...     date="2024-05-01", time_precision=1, actor1=(0, 6), location=(15, 21),
    ...     country="Syria", admin1="Aleppo"), text, source="doc-1")
    >>> row["actor1"], row["inter1"], row["location"], row["iso"], row["event_date"]
    ('Syrian rebels', 2, 'Aleppo', 760, '2024-05-01')
    >>> mali = GoldEvent(event_type="Battles", sub_event_type="Armed clash", date="2024-05-01",
    ...     actor1=(4, 8), country="Mali")
    >>> coded_row(mali, "The army attacked.")["actor1"]
    'army'
    """
    code = country_code(event.country) if event.country else None

    def actor(ref: tuple[int, int] | None) -> tuple[str | None, int | None]:
        names = canonical_actors(text[ref[0]:ref[1]], (code,) if code else ()) if ref else ()
        return (names[0].name, names[0].inter) if names else (None, None)

    (actor1, inter1), (actor2, inter2) = actor(event.actor1), actor(event.actor2)
    middle = middle_day(event.date, event.date_end or event.date)
    row: dict[str, Cell] = dict.fromkeys(CSV_COLUMNS)
    row.update({
        "event_date": middle,
        "year": int(middle[:4]) if middle else None,
        "time_precision": event.time_precision,
        "disorder_type": DISORDER_TYPE.get(event.event_type) if event.event_type else None,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": actor1, "inter1": inter1, "actor2": actor2, "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "iso": iso_numeric(code),
        "region": region(code),
        "country": country_name(code, event.country),
        "admin1": event.admin1,
        "location": text[event.location[0]:event.location[1]] if event.location else None,
        "geo_precision": event.geo_precision,
        "source": source,
        "notes": event.note,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "detained": event.detained,
    })
    return row


def document_rows(doc: Document) -> list[dict[str, Cell]]:
    """The table rows of an annotated document: its coded rows when it was coded for events,
    else the events its spans make; the document id is the source.

    >>> doc = Document(id="d1", text="Rebels shelled Aleppo.", events=[])
    >>> document_rows(doc)
    []
    """
    if doc.events is not None:
        return [coded_row(e, doc.text, source=doc.id) for e in doc.events]
    events = extract_events(doc.text, doc.spans, published=doc.meta.published)
    return [event_row(e, source=doc.id) for e in events]
