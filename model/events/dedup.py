"""Cross-article deduplication: one ``CorpusEvent`` per real-world event.

Several outlets report the same strike. ``dedup_events`` takes the events of many articles
(``SourcedEvent``: an article id and one of its events) and gives one ``CorpusEvent`` per incident,
every report kept in ``sources``; an event only one article reports gets one source.

Matching rule (ACLED's duplicate rule). Two reports are the same event when ALL hold:

1. Different articles (``model.events.merge`` already merged the events of one article).
2. Same type: the same non-null ``event_type``; ``sub_event_type`` equal or null on one side;
   the same ``cumulative`` flag (a running total is not a report of one incident).
3. Same day: the same resolved ``(date_start, date_end, time_precision)``: two day-precision
   reports give the same day; a week or month matches only the identical range, never a day
   inside it. Undated or unresolved reports never merge.
4. Same place, comparing primary locations (``locations[0]``, the most precise): two points
   (``geo_precision`` 1, 2 or unknown) match within ``radius_km`` (haversine) when both have
   coordinates, else when their normalized names (accents, case, punctuation folded) are equal
   and their country codes do not differ. An area (``geo_precision`` 3: province, region,
   country) is not a point: it matches only an area of the same normalized name. Reports without
   a location never merge.
5. Compatible actors: for actor1 and for actor2 the normalized canonical names are equal or one
   is missing, and no name sits on opposite sides (``A strikes ?`` vs ``? strikes A``). Roles must
   line up as given (``A strikes B`` is not ``B strikes A``) except for ``SYMMETRIC_TYPES``
   (Battles: a clash has no attacker), whose pair may also line up swapped.

Clustering: reports are scanned by date (undated last), article id, then event id (``E2`` before
``E10``); a report joins the first cluster whose EVERY member it matches (complete linkage, no
chaining) and whose combined actor pair it fits (a Battle never collects three sides), else it
starts a cluster. Clusters are numbered ``C1``, ``C2``, ... in scan order of their earliest
report; the result depends only on the set of reports, and nothing is mutated.

A cluster keeps the shared type and date, the first non-null sub-type, the most precise place
(lowest ``geo_precision``, then with coordinates, then earliest), the actor pair as its earliest
reports orient it, ``fatalities`` = the lowest count among the reports that state a killed count
(ACLED's conservative figure; a report without one is not a report of zero, and 0 if none does)
and ``fatalities_min``/``fatalities_max``, their range (null if none); ``injured`` and
``detained`` likewise the lowest count among the reports that state one. ``origins`` grounds each
value in the report it came from.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from model.types import Actor, Casualty, Event, EventDate, Location

RADIUS_KM = 10.0
"""Two points this close are one place. A town is coded at one point (ACLED geo_precision 1),
and places in or near it (geo_precision 2: districts, "east Aleppo") at or near that point; the
project gazetteer's village coordinates are approximate (1-3 km) and gazetteers put a city's
centre a few km apart; a city such as Aleppo spans about 10 km. Neighbouring villages can be
closer than that, which is why the day, type and actor rules must agree as well."""

SYMMETRIC_TYPES = frozenset({"Battles"})
"""Event types whose two sides may be reported in either order (a clash has no attacker)."""

_EARTH_RADIUS_KM = 6371.0088
_FROZEN = ConfigDict(frozen=True, extra="forbid")
Pair = tuple[str | None, str | None]


class SourcedEvent(BaseModel):
    """One event as extracted from one article."""

    model_config = _FROZEN

    article_id: str = Field(min_length=1, pattern=r"^[^;]+$", description="No ';' (CSV lists).")
    event: Event
    source: str | None = Field(
        default=None, description="The outlet that published the article (ACLED's source)."
    )


class Origin(BaseModel):
    """Where a corpus value came from: ``text[start:end]`` of one report's article."""

    model_config = _FROZEN

    article_id: str
    event_id: str
    start: int
    end: int
    text: str


class Origins(BaseModel):
    """The origin of each corpus value; null when no report gives the value."""

    model_config = _FROZEN

    date: Origin | None = None
    actor1: Origin | None = None
    actor2: Origin | None = None
    location: Origin | None = None
    fatalities: Origin | None = None


class Place(BaseModel):
    """A place as a corpus value (its grounding is in ``Origins.location``)."""

    model_config = _FROZEN

    name: str
    latitude: float | None
    longitude: float | None
    country: str | None
    country_code: str | None
    admin1: str | None
    admin2: str | None = None
    geo_precision: Literal[1, 2, 3] | None


class CorpusEvent(BaseModel):
    """One real-world event, merged from the reports of one or more articles."""

    model_config = _FROZEN

    id: str = Field(description="'C1', 'C2', ... in order of the earliest report.")
    event_type: str | None
    sub_event_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: Literal[1, 2, 3] | None
    location: Place | None
    actor1: str | None
    actor2: str | None
    inter1: int | None = Field(default=None, description="actor1's ACLED inter code.")
    inter2: int | None = Field(default=None, description="actor2's ACLED inter code.")
    fatalities: int = Field(ge=0, description="Lowest count among the reports that give one.")
    fatalities_min: int | None
    fatalities_max: int | None
    injured: int = Field(default=0, ge=0, description="Lowest injured count reported.")
    detained: int = Field(default=0, ge=0, description="Lowest detained count reported.")
    sources: tuple[SourcedEvent, ...] = Field(min_length=1, description="Earliest first.")
    origins: Origins

    @property
    def source_articles(self) -> tuple[str, ...]:
        """The article id of each source, earliest first."""
        return tuple(s.article_id for s in self.sources)

    @property
    def source_count(self) -> int:
        return len(self.sources)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(36.20124, 37.16117, 35.93062, 36.63393))  # Aleppo - Idlib
    56
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def same_event(a: SourcedEvent, b: SourcedEvent, *, radius_km: float = RADIUS_KM) -> bool:
    """Whether two reports are the same event under the module's matching rule.

    >>> from model.types import Sentence
    >>> e = Event(id="E1", event_type="Battles", sub_event_type=None, trigger=None, date=None,
    ...           fatalities=0, sentences=(Sentence(start=0, end=4, text="Boom"),), confidence=1)
    >>> same_event(SourcedEvent(article_id="a", event=e), SourcedEvent(article_id="b", event=e))
    False
    """
    ea, eb = a.event, b.event
    return (
        a.article_id != b.article_id
        and _same_type(ea, eb)
        and _date_key(ea) is not None
        and _date_key(ea) == _date_key(eb)
        and _same_place(ea, eb, radius_km)
        and _orient(_names(ea), _names(eb), symmetric=ea.event_type in SYMMETRIC_TYPES) is not None
    )


def dedup_events(
    events: Sequence[SourcedEvent], *, radius_km: float = RADIUS_KM
) -> list[CorpusEvent]:
    """One ``CorpusEvent`` per real-world event among reports from many articles.

    Raises:
        ValueError: when one (article id, event id) is given twice, naming it.

    >>> from model.types import Sentence
    >>> e = Event(id="E1", event_type=None, sub_event_type=None, trigger=None, date=None,
    ...           fatalities=0, sentences=(Sentence(start=0, end=4, text="Boom"),), confidence=1)
    >>> out = dedup_events([SourcedEvent(article_id="b", event=e),
    ...                     SourcedEvent(article_id="a", event=e)])
    >>> [(c.id, c.source_articles) for c in out]  # undated: never merged
    [('C1', ('a',)), ('C2', ('b',))]
    """
    _check_unique(events)
    clusters: list[list[SourcedEvent]] = []
    by_date: dict[tuple[object, ...], list[int]] = {}
    for report in sorted(events, key=_scan_key):
        key = _date_key(report.event)
        candidates = by_date.setdefault(key, []) if key is not None else []
        home = next((i for i in candidates if _fits(clusters[i], report, radius_km)), None)
        if home is None:
            candidates.append(len(clusters))
            clusters.append([report])
        else:
            clusters[home].append(report)
    return [_corpus_event(f"C{i}", c) for i, c in enumerate(clusters, start=1)]


# -- matching ---------------------------------------------------------------------------------


def _norm(name: str | None) -> str | None:
    """Accents, case and punctuation folded: ``'Ḥalab,'`` -> ``'halab'``; '' becomes None."""
    if name is None:
        return None
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split()) or None


def _same_type(a: Event, b: Event) -> bool:
    return (
        a.event_type is not None
        and a.event_type == b.event_type
        and (a.sub_event_type == b.sub_event_type or None in (a.sub_event_type, b.sub_event_type))
        and a.cumulative == b.cumulative
    )


def _date_key(event: Event) -> tuple[dt.date, dt.date, int | None] | None:
    d = event.date
    if d is None or d.date_start is None or d.date_end is None:
        return None
    return (d.date_start, d.date_end, d.time_precision)


def _same_place(a: Event, b: Event, radius_km: float) -> bool:
    if not a.locations or not b.locations:
        return False
    pa, pb = a.locations[0], b.locations[0]
    area_a, area_b = pa.geo_precision == 3, pb.geo_precision == 3
    if area_a or area_b:
        return area_a and area_b and _same_name(pa, pb)
    if None not in (pa.latitude, pa.longitude, pb.latitude, pb.longitude):
        return haversine_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= radius_km
    return _same_name(pa, pb)


def _same_name(a: Location, b: Location) -> bool:
    codes = {a.country_code, b.country_code} - {None}
    return _norm(a.name) is not None and _norm(a.name) == _norm(b.name) and len(codes) < 2


def _names(event: Event) -> Pair:
    a1, a2 = event.actor("actor1"), event.actor("actor2")
    return (_norm(a1.name) if a1 else None, _norm(a2.name) if a2 else None)


def _orient(have: Pair, new: Pair, *, symmetric: bool) -> bool | None:
    """False: ``new`` fits ``have`` as given; True: only swapped (symmetric types); None: no."""
    if _fit(have, new):
        return False
    if symmetric and _fit(have, (new[1], new[0])):
        return True
    return None


def _fit(a: Pair, b: Pair) -> bool:
    slots = all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))
    crossed = (a[0] is not None and a[0] == b[1]) or (a[1] is not None and a[1] == b[0])
    return slots and not crossed


def _fits(cluster: Sequence[SourcedEvent], report: SourcedEvent, radius_km: float) -> bool:
    if not all(same_event(m, report, radius_km=radius_km) for m in cluster):
        return False
    combined = tuple(_norm(a.name) if a else None for a, _ in _actor_slots(cluster))
    symmetric = report.event.event_type in SYMMETRIC_TYPES
    return _orient(combined, _names(report.event), symmetric=symmetric) is not None


def _scan_key(report: SourcedEvent) -> tuple[object, ...]:
    start, end, _ = _date_key(report.event) or (dt.date.max, dt.date.max, None)
    natural = tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", report.event.id))
    return (start, end, report.article_id, natural, report.event.id)


def _check_unique(events: Sequence[SourcedEvent]) -> None:
    counts = Counter((r.article_id, r.event.id) for r in events)
    twice = next((key for key, n in counts.items() if n > 1), None)
    if twice is not None:
        raise ValueError(f"event {twice[1]!r} of article {twice[0]!r} is given twice")


# -- assembling a cluster ---------------------------------------------------------------------


def _actor_slots(cluster: Sequence[SourcedEvent]) -> list[tuple[Actor | None, SourcedEvent | None]]:
    """actor1 and actor2 of the cluster, each with the report it came from, earliest first."""
    slots: list[tuple[Actor | None, SourcedEvent | None]] = [(None, None), (None, None)]
    for report in cluster:
        pair = [report.event.actor("actor1"), report.event.actor("actor2")]
        have = tuple(_norm(a.name) if a else None for a, _ in slots)
        symmetric = report.event.event_type in SYMMETRIC_TYPES
        if _orient(have, _names(report.event), symmetric=symmetric):
            pair.reverse()
        for i, actor in enumerate(pair):
            if slots[i][0] is None and actor is not None:
                slots[i] = (actor, report)
    return slots


def _origin(report: SourcedEvent | None, span: Actor | Location | EventDate | Casualty | None
            ) -> Origin | None:
    if report is None or span is None:
        return None
    return Origin(article_id=report.article_id, event_id=report.event.id, start=span.start,
                  end=span.end, text=span.text)


def _counted(report: SourcedEvent, kind: str = "killed") -> bool:
    """Whether the report states a number of ``kind`` (else its count 0 means unknown)."""
    return any(c.kind == kind and not c.subset for c in report.event.casualties)


def _lowest(cluster: Sequence[SourcedEvent], kind: Literal["injured", "detained"]) -> int:
    """The lowest count of ``kind`` among the reports that state one; 0 if none does."""
    return min((getattr(r.event, kind) for r in cluster if _counted(r, kind)), default=0)


def _corpus_event(cid: str, cluster: Sequence[SourcedEvent]) -> CorpusEvent:
    first = cluster[0].event
    placed = [(r, r.event.locations[0]) for r in cluster if r.event.locations]
    where = min(placed, default=None, key=lambda rp: (  # most precise, placed, earliest
        rp[1].geo_precision or 4, rp[1].latitude is None, cluster.index(rp[0])))
    counted = [r for r in cluster if _counted(r)]
    lowest = min(counted, default=None, key=lambda r: r.event.fatalities)
    killed = next((c for c in lowest.event.casualties if c.kind == "killed" and not c.subset),
                  None) if lowest else None
    (actor1, from1), (actor2, from2) = _actor_slots(cluster)
    date = first.date
    return CorpusEvent(
        id=cid,
        event_type=first.event_type,
        sub_event_type=next((r.event.sub_event_type for r in cluster
                             if r.event.sub_event_type), None),
        date_start=date.date_start if date else None,
        date_end=date.date_end if date else None,
        time_precision=date.time_precision if date else None,
        location=Place(**where[1].model_dump(include=set(Place.model_fields))) if where else None,
        actor1=actor1.name if actor1 else None,
        actor2=actor2.name if actor2 else None,
        inter1=actor1.inter if actor1 else None,
        inter2=actor2.inter if actor2 else None,
        fatalities=lowest.event.fatalities if lowest else 0,
        fatalities_min=lowest.event.fatalities if lowest else None,
        fatalities_max=max(r.event.fatalities for r in counted) if counted else None,
        injured=_lowest(cluster, "injured"),
        detained=_lowest(cluster, "detained"),
        sources=tuple(cluster),
        origins=Origins(
            date=_origin(cluster[0], date),
            actor1=_origin(from1, actor1),
            actor2=_origin(from2, actor2),
            location=_origin(*where) if where else None,
            fatalities=_origin(lowest, killed),
        ),
    )

