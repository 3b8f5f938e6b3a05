"""Event-level scores: predicted event tables against coded gold rows (``GoldEvent``).

Both sides are reduced to an ``EventView`` (type, date, place, actor1, counts, and the text
offsets the row rests on), so the same matcher scores a model against gold and one coder
against another.

Matching, per article, one-to-one: a predicted and a gold event are *compatible* when the
text they rest on overlaps (a gold grounding span lies in one of the predicted event's
sentences or overlaps one of its field spans). Compatible pairs are taken greedily by
``overlapping spans + same event type + same date``, highest first (ties by order in the
article), each event at most once. A split incident therefore gives one match and one false
event; a gold row with no predicted event in its sentences is missed.

Figures: event precision/recall/F1 over matched pairs; per-field accuracy on matched pairs;
the share of no-incident articles (``events: []``) that get any event; and article-level
figures of the kind analysts check first (the number killed, whether anyone was killed, how
many events a single-incident article becomes).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from model.events.casualties import number_words
from model.events.gazetteer import gazetteer, name_key
from model.events.locations import ascii_fold, country_code
from model.types import Document, Event, GoldEvent
from training.calibrate import ScoredPrediction, ece_if_calibrated, expected_calibration_error

Offsets = tuple[int, int]

FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "date", "country", "admin1", "actor1",
    "fatalities", "injured", "detained",
)
_ADMIN_WORDS = re.compile(
    r"\b(?:province|governorate|region|state|oblast|department|district|county|territory|"
    r"prefecture|division|muhafazat|wilayah|of)\b")


@dataclass(frozen=True)
class EventView:
    """What event scoring compares, from a gold row or a predicted event."""

    event_type: str | None
    sub_event_type: str | None
    date: dt.date | None
    country: str | None  # ISO 3166-1 alpha-2 when the name is known, else a folded name
    admin1: str | None  # folded name without level words ("Kabul Province" -> "kabul")
    actor1: Offsets | None
    actor1_text: str | None
    fatalities: int
    injured: int
    detained: int
    anchors: tuple[Offsets, ...]  # the spans its fields rest on
    regions: tuple[Offsets, ...]  # where it is reported (sentences); anchors for gold rows
    cumulative: bool = False


def country_key(name: str | None) -> str | None:
    """A country name as a comparable key: its ISO code when known, else the folded name.

    >>> country_key("Afghanistan"), country_key("DR Congo"), country_key("Atlantis")
    ('AF', 'CD', 'atlantis')
    """
    if not name:
        return None
    return country_code(name) or ascii_fold(name).strip()


def admin1_key(name: str | None, country: str | None = None) -> str | None:
    """A first-level division as a comparable key: ``CC.code`` when the gazetteer knows a
    division of that name (or one of its variants) in ``country`` (an ISO code), else the name
    without level words, accents, case or punctuation.

    >>> admin1_key("Khyber Pakhtunkhwa Province"), admin1_key("Kabul"), admin1_key("Al-Anbar")
    ('khyber pakhtunkhwa', 'kabul', 'anbar')
    >>> admin1_key("Kordestan", "IR") == admin1_key("Kurdistan Province", "IR")
    True
    """
    if not name:
        return None
    key = _ADMIN_WORDS.sub(" ", ascii_fold(name).replace("-", " "))
    key = re.sub(r"^(?:al|el|ad|ar|as|an)\s+", "", re.sub(r"[^a-z0-9 ]", " ", key).strip())
    key = " ".join(key.split())
    if country and len(country) == 2:
        for variant in dict.fromkeys((name, key)):
            codes = {e.admin1_code for e in gazetteer().lookup(name_key(variant))
                     if e.kind == "admin1" and e.country_code == country and e.admin1_code}
            if len(codes) == 1:
                return f"{country}.{codes.pop()}"
    return key or None


def gold_view(event: GoldEvent, text: str, published: dt.date | None) -> EventView:
    """The view of a coded row; a row without ``date`` takes the publication date."""
    anchors = tuple(r for r in (event.date_span, event.actor1, event.actor2, event.location,
                                *event.casualty_spans) if r is not None)
    return EventView(
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        date=event.date or published, country=country_key(event.country),
        admin1=admin1_key(event.admin1, country_key(event.country)), actor1=event.actor1,
        actor1_text=_text(text, event.actor1), fatalities=event.fatalities,
        injured=event.injured, detained=event.detained, anchors=anchors, regions=anchors,
    )


def predicted_view(event: Event) -> EventView:
    """The view of an assembled event: its most precise location, its actor1, its counts."""
    place = event.locations[0] if event.locations else None
    actor = event.actor("actor1")
    anchors = tuple((f.start, f.end) for f in (
        *([event.date] if event.date and not event.date.inherited else []),
        *event.actors, *event.locations, *event.casualties))
    return EventView(
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        date=event.date.date_start if event.date else None,
        country=place.country_code or country_key(place.country) if place else None,
        admin1=admin1_key(place.admin1, place.country_code) if place else None,
        actor1=(actor.start, actor.end) if actor else None,
        actor1_text=actor.text if actor else None,
        fatalities=event.fatalities, injured=event.injured, detained=event.detained,
        anchors=anchors,
        regions=(*((s.start, s.end) for s in event.sentences), *anchors),
        cumulative=event.cumulative,
    )


def _text(text: str, ref: Offsets | None) -> str | None:
    return None if ref is None else text[ref[0] : ref[1]]


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _pair_score(gold: EventView, pred: EventView) -> float | None:
    """How well two views line up; None when they do not rest on overlapping text."""
    shared = sum(any(_overlaps(a, r) for r in pred.regions) for a in gold.anchors)
    shared += sum(any(_overlaps(a, r) for r in gold.regions) for a in pred.anchors
                  if a not in gold.anchors)
    if not shared:
        return None
    return shared + (gold.event_type == pred.event_type) + (gold.date == pred.date)


def match(gold: Sequence[EventView], pred: Sequence[EventView]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, predicted index)`` pairs, greedy by pair score.

    >>> g = EventView("Battles", None, None, None, None, None, None, 0, 0, 0, ((0, 5),), ((0, 5),))
    >>> p = EventView("Battles", None, None, None, None, None, None, 0, 0, 0, (), ((0, 40),))
    >>> match([g], [p, p])
    [(0, 0)]
    """
    scored = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            score = _pair_score(g, p)
            if score is not None:
                scored.append((-score, i, j))
    pairs, used_gold, used_pred = [], set(), set()
    for _, i, j in sorted(scored):
        if i not in used_gold and j not in used_pred:
            pairs.append((i, j))
            used_gold.add(i)
            used_pred.add(j)
    return sorted(pairs)


def field_right(name: str, gold: EventView, pred: EventView, text: str) -> bool:
    """Whether ``pred`` has ``gold``'s value of field ``name``.

    ``actor1`` is right when both are empty, the spans overlap, or the texts are the same words
    (another mention of the same actor).
    """
    if name != "actor1":
        return getattr(gold, name) == getattr(pred, name)
    if gold.actor1 is None or pred.actor1 is None:
        return gold.actor1 is None and pred.actor1 is None
    return _overlaps(gold.actor1, pred.actor1) or _words(gold.actor1_text) == _words(
        pred.actor1_text)


def _words(text: str | None) -> str:
    return " ".join(ascii_fold(text or "").split())


@dataclass
class _Tally:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    gold: int = 0
    predicted: int = 0
    empty_articles: int = 0
    empty_with_events: int = 0
    single: int = 0
    single_events: int = 0
    killed_articles: int = 0
    killed_right: int = 0
    written_articles: int = 0
    written_right: int = 0
    anyone_right: int = 0
    placed: int = 0
    dated: int = 0
    grounded_gold: int = 0
    grounded_predicted: int = 0


@dataclass(frozen=True)
class EventScores:
    """Event-level figures over a set of articles."""

    articles: int
    gold: int
    predicted: int
    matched: int
    precision: float | None
    recall: float | None
    f1: float | None
    fields: dict[str, float | None]
    no_incident_articles: int
    false_event_rate: float | None
    single_incident_articles: int
    events_per_single_incident: float | None
    killed_exact: float | None
    killed_exact_written: float | None  # articles whose killed total is written as a number
    anyone_killed: float | None
    single_incident_country: float | None
    single_incident_date: float | None
    # binned ECE (10 bins) of the predicted events' confidence, an event right when it is
    # matched to a coded one of its type; None where no event has a coded article to match
    confidence_ece: float | None = None
    # the mean ECE a perfectly calibrated confidence would get on these events (chance alone:
    # ``training.calibrate.ece_if_calibrated``), to read confidence_ece against
    confidence_ece_if_calibrated: float | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def score_views(
    articles: Sequence[tuple[str, Sequence[EventView], Sequence[EventView]]],
    *,
    grounded: Sequence[bool] | None = None,
) -> EventScores:
    """Score ``(text, gold views, predicted views)`` per article.

    Articles marked not ``grounded`` (silver rows, with no spans to match on) count only in
    the article-level figures; precision and recall are None when no article is grounded.
    """
    tally = _Tally()
    flags = grounded if grounded is not None else [True] * len(articles)
    for (text, gold, pred), is_grounded in zip(articles, flags, strict=True):
        tally.gold += len(gold)
        tally.predicted += len(pred)
        _article_figures(tally, gold, pred, text)
        if not is_grounded:
            continue
        tally.grounded_gold += len(gold)
        tally.grounded_predicted += len(pred)
        for i, j in match(gold, pred):
            tally.matched += 1
            for name in FIELDS:
                tally.right[name] += field_right(name, gold[i], pred[j], text)
    return _scores(tally, len(articles))


def _article_figures(tally: _Tally, gold: Sequence[EventView], pred: Sequence[EventView],
                     text: str) -> None:
    if not gold:
        tally.empty_articles += 1
        tally.empty_with_events += bool(pred)
        return
    if len(gold) == 1:
        tally.single += 1
        tally.single_events += len(pred)
        tally.placed += any(p.country == gold[0].country for p in pred)
        tally.dated += any(p.date == gold[0].date for p in pred)
    killed = sum(g.fatalities for g in gold)
    predicted = sum(p.fatalities for p in pred if not p.cumulative)
    tally.killed_articles += 1
    tally.killed_right += killed == predicted
    tally.anyone_right += (killed > 0) == (predicted > 0)
    if killed and written_count(text, killed):
        tally.written_articles += 1
        tally.written_right += killed == predicted


def written_count(text: str, count: int) -> bool:
    """Whether ``count`` is written in ``text`` as digits ("1,200", "12") or as one number word
    ("twelve", "forty"): the reports whose killed figure a reader can find in them.

    >>> written_count("killing 12 people", 12), written_count("killing twelve", 12)
    (True, True)
    >>> written_count("killing 1,200", 1200), written_count("dozens were killed", 12)
    (True, False)
    """
    digits = rf"(?<![\d,.]){count:,}(?![\d,])|(?<![\d,.]){count}(?![\d,])"
    if re.search(digits, text):
        return True
    return any(re.search(rf"\b{word}\b", text, re.I) for word in number_words(count))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _scores(t: _Tally, articles: int) -> EventScores:
    precision = _ratio(t.matched, t.grounded_predicted)
    recall = _ratio(t.matched, t.grounded_gold)
    f1 = None
    if precision is not None and recall is not None:
        f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return EventScores(
        articles=articles, gold=t.gold, predicted=t.predicted, matched=t.matched,
        precision=precision, recall=recall, f1=f1,
        fields={name: _ratio(t.right[name], t.matched) for name in FIELDS},
        no_incident_articles=t.empty_articles,
        false_event_rate=_ratio(t.empty_with_events, t.empty_articles),
        single_incident_articles=t.single,
        events_per_single_incident=_ratio(t.single_events, t.single),
        killed_exact=_ratio(t.killed_right, t.killed_articles),
        killed_exact_written=_ratio(t.written_right, t.written_articles),
        anyone_killed=_ratio(t.anyone_right, t.killed_articles),
        single_incident_country=_ratio(t.placed, t.single),
        single_incident_date=_ratio(t.dated, t.single),
    )


def score_events(docs: Sequence[Document], predicted: Sequence[Sequence[Event]]) -> EventScores:
    """Score each coded document's gold rows against the events predicted for it.

    Raises:
        ValueError: a document was not coded for events, or the lists differ in length.
    """
    if len(docs) != len(predicted):
        raise ValueError(f"{len(docs)} documents but {len(predicted)} predicted event lists")
    uncoded = [d.id for d in docs if d.events is None]
    if uncoded:
        raise ValueError(f"{len(uncoded)} document(s) not coded for events: {uncoded[:5]}")
    grounded = [not getattr(d.meta, "silver", False) for d in docs]
    views = [(d.text, [gold_view(e, d.text, d.meta.published) for e in d.events or ()],
              [predicted_view(e) for e in events])
             for d, events in zip(docs, predicted, strict=True)]
    scores = score_views(views, grounded=grounded)
    return replace(scores, **confidence_figures(judged_confidence(docs, predicted)))


def judged_confidence(docs: Sequence[Document],
                      predicted: Sequence[Sequence[Event]]) -> list[ScoredPrediction]:
    """Each predicted event's confidence and whether it is right (``right_events``), over the
    coded documents that have spans to match on (not silver rows)."""
    judged = []
    for doc, events in zip(docs, predicted, strict=True):
        if getattr(doc.meta, "silver", False):
            continue
        gold = [gold_view(e, doc.text, doc.meta.published) for e in doc.events or ()]
        rights = right_events(gold, [predicted_view(e) for e in events])
        judged += [ScoredPrediction(e.confidence, r, "EVENT")
                   for e, r in zip(events, rights, strict=True)]
    return judged


def confidence_figures(judged: Sequence[ScoredPrediction]) -> dict[str, float | None]:
    """``confidence_ece`` and ``confidence_ece_if_calibrated`` of judged events."""
    if not judged:
        return {"confidence_ece": None, "confidence_ece_if_calibrated": None}
    return {"confidence_ece": round(expected_calibration_error(judged), 4),
            "confidence_ece_if_calibrated": ece_if_calibrated([j.score for j in judged])}


def right_events(gold: Sequence[EventView], pred: Sequence[EventView]) -> list[bool]:
    """Per predicted event: matched to a coded event of its type (as event confidence is fitted,
    ``training.event_confidence``)."""
    pairs = dict((j, i) for i, j in match(gold, pred))
    return [j in pairs and gold[pairs[j]].event_type == p.event_type for j, p in enumerate(pred)]


def agreement(
    first: Sequence[Document], second: Sequence[Document]
) -> EventScores:
    """Inter-coder agreement: the second coder's rows scored against the first's, same ids."""
    by_id = {d.id: d for d in second}
    pairs = [(d, by_id[d.id]) for d in first if d.id in by_id]
    return score_views([
        (a.text, [gold_view(e, a.text, a.meta.published) for e in a.events or ()],
         [gold_view(e, b.text, b.meta.published) for e in b.events or ()])
        for a, b in pairs
    ])




def format_event_scores(results: dict[str, EventScores]) -> str:
    """A plain-text table: one line per set, events then fields then article-level figures."""

    def cell(value: float | None) -> str:
        return "   -" if value is None else f"{value:.2f}"

    def fine(value: float | None) -> str:
        return "    -" if value is None else f"{value:.3f}"

    short = {"event_type": "type", "sub_event_type": "sub", "date": "date",
             "country": "ctry", "admin1": "adm1", "actor1": "act1", "fatalities": "kill",
             "injured": "inj", "detained": "det"}
    head = (f"{'set':8} {'docs':>4} {'gold':>4} {'pred':>4}    P    R   F1 | "
            + " ".join(f"{short[f]:>4}" for f in FIELDS)
            + " | false/none  ev/single  killed  written  anyone  ctry  date | ECE (chance)")
    rows = [head]
    for name, s in results.items():
        rows.append(
            f"{name:8} {s.articles:4d} {s.gold:4d} {s.predicted:4d} {cell(s.precision)} "
            f"{cell(s.recall)} {cell(s.f1)} | "
            + " ".join(cell(s.fields[f]) for f in FIELDS)
            + f" | {cell(s.false_event_rate):>6} ({s.no_incident_articles:>2})"
            f"  {cell(s.events_per_single_incident):>9}  {cell(s.killed_exact):>6}"
            f"  {cell(s.killed_exact_written):>7}  {cell(s.anyone_killed):>6}"
            f"  {cell(s.single_incident_country):>4}"
            f"  {cell(s.single_incident_date):>4}"
            f" | {fine(s.confidence_ece)} ({fine(s.confidence_ece_if_calibrated)})"
        )
    rows.append("fields: accuracy on matched events; false/none: share of no-incident articles "
                "with any event (their number); killed/anyone: article totals right (written: "
                "of the articles whose killed total is written as a number); ctry/date: "
                "single-incident articles with an event in the right country / on the right day; "
                "ECE: of the events' confidence (chance: what a perfectly calibrated confidence "
                "gets on as many events, on average)")
    return "\n".join(rows)
