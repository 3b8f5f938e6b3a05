"""Event assembly: article text + ACTOR/LOCATION/DATE/CASUALTY spans -> ``Event`` rows.

Pure functions over plain data. Counts of people next to a casualty verb that no span marks are
added first (``casualty_finder``). A clause (``sentences``) is a candidate when the trigger
lexicon (``triggers``) matches in it or it holds a CASUALTY span; the spans inside it are its
arguments, each normalized (``dates``, ``casualties``, ``actors``, ``locations``) and kept with
its offsets and a confidence. A clause about a trial, a threat or a plan, or one that names a
date long before publication, is marked as no event of the article. Clauses are then grouped
into incidents (``merge``), and each incident is typed, dated and placed, or left out
(``incidents``).

Confidence (``confidence``): each field's rule prior x the score of its span (gold spans, with
no score, give the priors alone); an event's is the measured model's
(``event_confidence_model``), else its trigger's prior x the mean score of its fields' spans.

Dates: a clause's own DATE nearest its trigger, else the nearest day- or week-precise DATE
before it in the article (``inherited``), else the publication date (``incidents``). A DATE
followed by ``'s`` (``last month's offensive``) or after a comparative ``since`` (``the biggest
since March 2020``) does not date the event. ``since X`` after the trigger (``killed since 28
October``) is the range from X to the publication date."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from model.errors import InputError
from model.events.actors import ActorName, canonical_actors
from model.events.casualties import (
    HARM_VERBS,
    HELD_TOLL,
    KIND_PRIORS,
    NO_QUANTITY_PRIOR,
    PLURAL,
    SINGULAR,
    TOLL_BEFORE,
    TOLL_RISE,
    TOLL_TO,
    TOLL_WORDS,
    WHO_THEY_WERE,
    WOUNDED_TOLL,
    conservative_count,
    counts_things,
    is_subset,
    kind_rule,
    parse_quantity,
)
from model.events.casualty_finder import with_found_casualties
from model.events.confidence import (
    CASUALTY_ONLY_EVENT_PRIOR,
    INHERITED_DATE_DISCOUNT,
    event_confidence,
    event_confidence_model,
    event_features,
    field_confidence,
)
from model.events.datelines import dateline_end, dateline_place
from model.events.dates import (
    UNRESOLVED_DATE_PRIOR,
    DateValue,
    Publication,
    find_published,
    read_publication,
    resolve_date,
)
from model.events.event_filter import event_filter
from model.events.incidents import BACKGROUND_DAYS, finish_incidents
from model.events.kind_model import LEARNED_RULES, kind_features, kind_model
from model.events.locations import (
    PLACE_PRIORS,
    Place,
    as_acled_codes,
    capital_of,
    forces_country,
    geocode,
    named_as_written,
)
from model.events.merge import (
    ATTACKERS,
    DIED_OF_WOUNDS,
    Draft,
    died_in_clause,
    merge_events,
    toll_told,
)
from model.events.nationality import countries_named, demonym_country, find_groups
from model.events.place_finder import with_found_places
from model.events.roles import assign_roles, is_passive
from model.events.sentences import is_title, sentence_before, split_clauses, split_sentences
from model.events.span_cuts import cut_spans
from model.events.triggers import (
    SUPERLATIVES,
    TriggerMatch,
    classify,
    entry,
    find_triggers,
    is_cumulative,
    lexemes_with,
    not_event_reason,
)
from model.types import (
    Actor,
    Casualty,
    Event,
    EventDate,
    Grounded,
    Location,
    Sentence,
    Span,
    Trigger,
)

__all__ = ["casualty_context", "clause_fatalities", "event_fields", "extract_events",
           "find_published"]

_T = TypeVar("_T")

_INHERITED_PRECISIONS = ("day", "week")  # a month or a year named earlier dates no clause
_DATELINE_CHARS = 300  # a dateline lies in the article's first characters
_WINDOW = 200  # characters of a sentence either side of a casualty span read for its kind
# A clause that counts this many dead tells a war's or a disaster's toll, not one attack's: the
# deadliest attacks news reports (9/11: 2,977) killed fewer.
WAR_TOLL = 5_000
# A clause that counts this many dead over a month or a year of its own tells that period's
# toll ("more than 1,000 Iraqis were killed in February alone").
MONTH_TALLY = 100
_COMPARATIVE = re.compile(rf"\b(?:{SUPERLATIVES}|most|since)\b", re.I)
_WHEN_AFTER = re.compile(r"\s*,?\s*(?:when|in which|as)\b", re.I)  # "since March 2020, when ..."


@dataclass(frozen=True)
class _Article:
    """Every span of the article, normalized once, and each span's score by ``Span.key``."""

    text: str
    published: dt.date | None
    dates: tuple[tuple[Span, DateValue | None], ...]
    actors: tuple[tuple[Span, tuple[ActorName, ...]], ...]
    places: tuple[tuple[Span, Place | None], ...]
    casualties: tuple[tuple[Span, Casualty], ...]
    scores: dict[tuple[int, int, str], float | None]
    dateline_at: tuple[int, int] | None = None  # offsets of a dateline's date, if any
    issued_at: tuple[int, int] | None = None  # offsets of a dateline's place, if any
    header_end: int = 0  # where a dateline (place, date, agency, dash) ends, if any
    references: frozenset[int] = frozenset()  # starts of LOCATION spans that are ``_reference``s
    elsewhere: frozenset[int] = frozenset()  # ... and that are ``_elsewhere``
    issued: tuple[tuple[Span, Place | None], ...] = ()  # the dateline's place, placed


def extract_events(
    text: str, spans: Sequence[Span], *, published: dt.date | Publication | None = None,
    keep_excluded: bool = False, dropped: Sequence[Span] = (), learned_filter: bool = True,
) -> list[Event]:
    """Assemble the events an article reports from its spans.

    Args:
        text: the article text the span offsets point into.
        spans: predicted or gold spans (any order).
        published: publication date; when ``None`` it is looked for in a dateline of the text,
            and without one only dates that carry their year are resolved. A ``Publication``
            (``read_publication``: the caller has read the dateline already) is used as is.
        keep_excluded: also return what is not an event of the article (running totals,
            background, trials, threats and plans), each with ``excluded`` saying why.
        dropped: spans the caller left out (scored below ``min_score``): the casualty finder
            (``casualty_finder``) does not put a count back where one of them was.
        learned_filter: drop the events the fitted event filter (``event_filter``) judges no
            incident (kept, ``excluded="unlikely"``, with ``keep_excluded``).

    Raises:
        InputError: a span lies outside ``text`` or is empty.

    >>> text = "Rebels entered Aleppo on Friday night."
    >>> spans = [Span(start=0, end=6, label="ACTOR"), Span(start=15, end=21, label="LOCATION"),
    ...          Span(start=25, end=37, label="DATE")]
    >>> event = extract_events(text, spans, published=dt.date(2024, 12, 2))[0]
    >>> event.sub_event_type, event.actor("actor1").name, str(event.date.date_start)
    ('Non-state actor overtakes territory', 'Syrian rebels', '2024-11-29')
    """
    _check_spans(text, spans)
    sentences = split_sentences(text)
    spans = cut_spans(text, spans, sentences)
    spans = with_found_places(text, with_found_casualties(text, spans, blocked=dropped))
    publication = (published if isinstance(published, Publication)
                   else read_publication(text, published))
    published = publication.date
    article = _normalize(text, sorted(spans, key=lambda s: (s.start, s.end)), published,
                         sentences, dateline_at=publication.dateline,
                         issued_at=dateline_place(text), header_end=dateline_end(text) or 0)
    drafts: list[Draft] = []
    previous: Draft | None = None
    summary = False  # a period's results announced: the bullets after them are its tallies
    told = False  # whether a sentence before told of an incident (a trigger matched in it)
    for index, (start, end) in enumerate(sentences):
        bullet = bool(_BULLET.match(text, start))
        if not bullet:
            summary = bool(_SUMMARY_LEAD.search(text, start, end))
        triggers = find_triggers(text, start, end, first_mention=not told)
        told = told or bool(triggers)  # "the blast" after this sentence refers back to it
        clauses = split_clauses(text, start, end, [(t.start, t.end) for t in triggers])
        for k, clause in enumerate(clauses):
            inside = [t for t in triggers if clause[0] <= t.start < clause[1]]
            draft = _clause_event(article, index, (start, end), clause, inside, previous)
            if draft is not None:
                draft = _continued_total(text, draft, previous)
                if (k and _AND_BETWEEN.fullmatch(text, clauses[k - 1][1], clause[0])
                        and _HARM_VERB.match(text, clause[0])):
                    draft = replace(draft, coordinated=True)  # "and detained two others": a
                    # verb of its own, not "AK-47s and [grenades, killing 14]"
                if bullet and summary and not draft.event.cumulative:
                    draft = replace(draft, event=draft.event.model_copy(
                        update={"cumulative": True}))
                drafts.append(draft)
                previous = draft
    drafts = _headline_sum(text, sentences, _headline_tally(text, sentences, drafts))
    places = [_location(text, s, p) for s, p in article.places
              if p is not None and s.start not in article.elsewhere]
    header = _header(article)
    issued = [p for p in places if _within(p.start, header)] or [  # where it was issued,
        _location(text, s, p) for s, p in _issued_place(article) if p is not None]  # untagged too
    headline = next((text[a:b] for a, b in sentences[:2] if not _RELEASE_LINE.fullmatch(text[a:b])),
                    "")  # "Press Release No. 118/2023" heads a release; its title is the headline
    story = _story_reason(headline) if headline else None
    if story is None and any(d.event.excluded == "aftermath" for d in drafts
                             if d.sentence_index <= _OPENING_SENTENCES):
        story = "aftermath"  # the lead tells a funeral or a visit weeks after an incident
    events = finish_incidents(merge_events(drafts), text, published=published,
                              places=[p for p in places if not _within(p.start, header)],
                              issued=issued,
                              dateline=_dateline(article), keep_excluded=keep_excluded,
                              story=story, headline=headline)
    if learned_filter:
        events = _filtered(text, events, published, keep_excluded=keep_excluded)
    return [_measured(article, e) for e in events]


_AND_BETWEEN = re.compile(r"\s*,?\s*and\s*", re.I)  # two clauses, each opening with its verb
_HARM_VERB = re.compile(rf"(?:{HARM_VERBS})\b", re.I)


# A headline that sums up a tally: "UN says drone strikes have killed hundreds of civilians".
# ("Dozens killed in Kabul blast" tells an incident, whatever its lead adds: "the deadliest
# since March").
_TALLY_HEADLINE = re.compile(
    r"\bha(?:ve|s)\s+(?:now\s+)?(?:been\s+)?(?:killed|left|claimed|died)\b", re.I)


# A headline that names two incidents and their dead together: "Roadside bomb and attack on gold
# mine kill eighteen", "Fighting in Taiz and air strike in Marib kill nineteen".
_INCIDENT_NOUN = (r"(?:fighting|clash(?:es)?|attacks?|(?:air ?|drone )?strikes?|raids?|"
                  r"ambush(?:es)?|bomb(?:ing)?s?|blasts?|explosions?|shelling|shootings?|"
                  r"violence)")
_SUM_HEADLINE = re.compile(rf"\b{_INCIDENT_NOUN}\b[^.;]{{0,60}}?\s+and\s+(?:an?\s+|the\s+)?"
                           rf"(?:[\w-]+\s+){{0,3}}?{_INCIDENT_NOUN}\b[^.;]{{0,60}}?"
                           r"\b(?:kill|leave|claim)s?\b", re.I)


def _headline_sum(text: str, sentences: Sequence[tuple[int, int]],
                  drafts: list[Draft]) -> list[Draft]:
    """A headline's counts and type are no incident's own when it sums two incidents' dead
    ("Roadside bomb and attack on gold mine kill eighteen"): the lead tells each incident's."""
    if not drafts or drafts[0].sentence_index != 0 or drafts[0].last != 0:
        return drafts
    head, (start, end) = drafts[0], sentences[0]
    if not is_title(text[start:end]) or not _SUM_HEADLINE.search(text, start, end):
        return drafts  # the whole first line, not its first clause, must be a headline ("16
        # soldiers die in an ambush in Tibu and a car bomb kills one ...." is a lead)
    counted = head.event.model_copy(update={"casualties": (), "fatalities": 0, "injured": 0,
                                            "detained": 0, "event_type": None,
                                            "sub_event_type": None})  # nor either's type
    return [replace(head, event=counted), *drafts[1:]]


def _headline_tally(text: str, sentences: Sequence[tuple[int, int]],
                    drafts: list[Draft]) -> list[Draft]:
    """The headline's incident is a running total when the lead's first is one and the headline
    words it as a tally ("... have killed hundreds of civilians"; the lead: "... have killed at
    least 350 civilians since the start of the year") or gives the lead's own counts ("Coalition
    Forces detain 11 suspects"; the lead: "detained 11 suspected terrorists during operations
    ... in central and northern Iraq")."""
    if len(sentences) < 2 or not drafts:
        return drafts
    head = drafts[0]
    index = head.sentence_index
    lead = next((d for d in drafts if d.sentence_index == index + 1), None)
    if lead is None or index + 1 >= len(sentences):
        return drafts
    start, end = sentences[index]
    a, b = head.event, lead.event
    same = (a.fatalities, a.injured, a.detained) == (b.fatalities, b.injured, b.detained) and (
        a.fatalities or a.injured or a.detained)
    if (not b.cumulative or a.cumulative or "\n" not in text[end : sentences[index + 1][0]]
            or not (_TALLY_HEADLINE.search(text, start, end) or same)):
        return drafts
    return [replace(head, event=head.event.model_copy(update={"cumulative": True})), *drafts[1:]]


def _filtered(text: str, events: list[Event], published: dt.date | None, *,
              keep_excluded: bool) -> list[Event]:
    """Events the fitted filter keeps (all when none is fitted), renumbered ``E1``, ..."""
    learned = event_filter()
    if learned is None:
        return events
    kept = [e if e.excluded is not None or learned.keeps(e, text, published)
            else e.model_copy(update={"excluded": "unlikely"}) for e in events]
    kept = [e for e in kept if keep_excluded or e.excluded is None]
    return [e.model_copy(update={"id": f"E{i}"}) for i, e in enumerate(kept, start=1)]


def _measured(article: _Article, event: Event) -> Event:
    """``event`` with the measured confidence (``event_confidence_model``), when one is fitted."""
    model = event_confidence_model()
    if model is None:
        return event
    scores = [article.scores.get(key) for key in event_fields(event)]
    return event.model_copy(update={"confidence": model(event_features(event, scores))})


_LABEL_OF = {EventDate: "DATE", Actor: "ACTOR", Location: "LOCATION", Casualty: "CASUALTY"}


def event_fields(event: Event) -> list[tuple[int, int, str]]:
    """The ``Span.key`` of each distinct span an event's fields came from."""
    date = [event.date] if event.date is not None and event.date.end > event.date.start else []
    return _field_keys([*date, *event.actors, *event.locations, *event.casualties])


def _field_keys(fields: Sequence[Grounded]) -> list[tuple[int, int, str]]:
    return list(dict.fromkeys((f.start, f.end, _LABEL_OF[type(f)]) for f in fields))


# An incident dated years back without a date span: "where gunmen massacred 14 people at a bar
# five years ago".
_YEARS_AGO = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|several|"
                        r"many|a few) (?:years|decades|months) ago\b|\b(?:a|one) (?:year|decade) "
                        r"ago\b", re.I)


# What a clause opens with that only sets the time of what it goes on to tell: "The warning
# came a day after | a drone hit a building", "Hours after the verdict, | youths set up
# barricades". The words of the frame (a warning, a verdict) do not make the rest no event.
_TIME_FRAME = re.compile(
    r"(?:[^.\n]*?\s[-–—]+\s+)?"  # after a dateline
    r"(?:[^,;]{0,80}?\b(?:came|comes)\s+"
    r"(?:(?:a|one|two|three|several|\d+)\s+(?:days?|hours?|weeks?)\s+"
    r"|hours\s+|days\s+|shortly\s+|just\s+|only\s+)?after\s+"
    r"|(?:hours|days|minutes|moments|shortly|(?:a|one|two|three) days?)\s+after\b[^,;]{0,160},\s*)",
    re.I)


# A clause that opens by dating itself by what was told before: "Hours later, ...", "Hours after
# the verdict, ...", "Later that day, ...".
_SAME_DAY_OPENING = re.compile(
    r"\s*(?:(?:hours|minutes|moments|shortly|soon)\s+(?:later|after(?:wards)?\b[^,;]{0,80})"
    r"|later\s+(?:that|the\s+same)\s+(?:day|night|evening|morning|afternoon)"
    r"|(?:on\s+)?the\s+same\s+day)\s*,", re.I)


def _not_event(clause: str) -> str | None:
    """``not_event_reason`` of a clause, but for a figure of speech beside armed attackers: a
    clause that names them tells of no sport or business ("the striker "executed" a penalty ...
    when gunmen burst in and opened fire")."""
    reason = not_event_reason(clause)
    if reason == "figurative" and ATTACKERS.search(clause):
        return None
    return reason


# A headline of sport or politics that tells of real violence all the same: "Algiers derby ends in
# violence", "fans clash after cup final".
_VIOLENCE_TOLD = re.compile(
    r"\b(?:ends?|ended|descends?|descended) into (?:violence|riots?|rioting|chaos|clashes)\b|"
    r"\b(?:ends?|ended) in (?:violence|riots?|rioting|clashes)\b|"
    r"\b(?:marred|overshadowed) by (?:violence|riots?|rioting|clashes|crowd trouble)\b|"
    r"\b(?:fans|supporters|hooligans|ultras) (?:\w+ )?(?:clash|clashed|riot|rioted|fight|fought)\b",
    re.I)


def _story_reason(headline: str) -> str | None:
    """Why an article's headline says its story tells no incident (``not_event_reason``), but
    for a figure of speech beside violence it tells too (a match report whose derby "ends in
    violence" between fans)."""
    reason = _not_event(headline)
    if reason == "figurative" and _VIOLENCE_TOLD.search(headline):
        return None
    return reason


def _past_the_frame(clause: str) -> str:
    """The clause after a time frame it opens with (``_TIME_FRAME``), else the whole clause.

    >>> _past_the_frame("Hours after the verdict, youths stoned police vehicles.")
    'youths stoned police vehicles.'
    >>> _past_the_frame("The court sentenced him after a trial.")
    'The court sentenced him after a trial.'
    """
    frame = _TIME_FRAME.match(clause)
    return clause[frame.end():] if frame else clause


def _recently_dated(article: _Article, clause: tuple[int, int]) -> bool:
    """Whether the clause names a day of its own near publication ("marched on Thursday to
    demand answers over the students who vanished ten years ago": the march is news)."""
    return article.published is not None and any(
        v is not None and v.precision == "day" and (article.published - v.end).days <= 7
        and not _in_dateline(article, s) and not _in_header(article, s)
        for s, v in _inside(article.dates, clause))


def _dated_background(article: _Article, clause: tuple[int, int]) -> str | None:
    """'background' when the clause names a date that ended long before publication ("the
    biggest since March 2020, when ..."): what it tells happened then, not now."""
    if article.published is None:
        return None
    dates = _inside(article.dates, clause)
    recent = any(value is not None and (article.published - value.end).days <= BACKGROUND_DAYS
                 for _, value in dates)
    for span, value in dates:
        before = article.text[clause[0] : span.start]
        if before.count("(") > before.count(")"):
            continue  # an aside: "(a soldier who was killed by ISIL in 2016)"
        if _FUTURE_BEFORE.search(before):
            continue  # "the election to be held on August 9": a day to come, read as last year's
        if re.search(r"\bsince\s+$", before) and (recent or (
                len(_COMPARATIVE.findall(before)) > 1
                and not _WHEN_AFTER.match(article.text, span.end))):
            continue  # "on Sunday recaptured the village ..., occupied since late last year",
            # "the deadliest attack in the country since 27 January": a point of comparison
            # (not "the biggest since March 2020, when Russia and Turkey agreed to a ceasefire")
        if _STATE_SINCE.search(article.text, max(0, span.start - 40), span.start):
            continue  # "accusing them of plotting a coup with exiles since 2019"
        if value is not None and (article.published - value.end).days > BACKGROUND_DAYS:
            return "background"
        years = [int(y) for y in _YEAR.findall(article.text[span.start : span.end])]
        if value is None and years and (
                article.published - dt.date(max(years), 12, 31)).days > BACKGROUND_DAYS:
            return "background"  # "in the summer of 2018", which no rule resolves
    return None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RELATIVE = re.compile(r",\s*(?:who|whom|whose|which)\b[^,;]*$", re.I)  # a date describing a
# person or thing: "the mayor, who was elected in 1986"


# Reference places. A place named as the other side of a border, as the point another lies
# north or south of, or as where people went or fire came from comes after the others the clause
# names and vouches for no country ("in Kunar province, on the border with Pakistan": Kunar; "in
# Baqubah, north of the capital Baghdad": Baqubah). Where people went or fire came from is none
# of the clause's places at all (``_BOUND``): "fled to Bangladesh after soldiers torched homes in
# Rakhine state", "rockets fired from Syria", "ON THEIR WAY TO THE PROVINCIAL CAPITAL OF TAGUM",
# "WITHDRAWING TOWARD THE HEIGHTS OF TAMBO", "moving on motorcycles towards Sabon Gari".
_ELSEWHERE_BOUND = (
    r"\b(?:fled|fleeing|flee|escaped|crossed|crossing|deported|returned)\s+"
    r"(?:\w+\s+)?(?:to|into|towards?)\s+(?:neighbou?ring\s+)?(?:the\s+)?$|"
    r"\b(?:fired|launched|coming|came|arrived|arriving|sent|dispatched|rushed|called\s+in|"
    r"flown\s+in|brought\s+in|scrambled|deployed)\s+from\s+"
    r"(?:neighbou?ring\s+)?(?:the\s+)?$|"  # "AN ARMY UNIT ARRIVED FROM SANTANDER DE QUILICHAO"
    r"\b(?:(?:their|his|her|its)\s+way\s+(?:back\s+)?to|heading\s+(?:to|for)|bound\s+for|"
    r"en\s+route\s+to|travell?ing\s+to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?$|"
    r"\b(?:withdr[ae]w\w*|retreat\w*|fled|fleeing|escap\w*|moving|moved|headed|heading|drove|"
    r"driving|went|going)\b[^.;,]{0,30}?\btowards?\s+(?:the\s+)?(?:(?:heights|foothills|hills|"
    r"mountains|jungles?|forests?|direction|area|border)\s+(?:of|with)\s+(?:the\s+)?)?$")
_BOUND = re.compile(_ELSEWHERE_BOUND, re.I)
_COMPASS_OF = (r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
               r"(?:[\w'’-]+\s+){0,2}?$")
_BORDER_OF = r"\b(?:borders?|bordering|frontier)(?: (?:with|of))?\s+(?:the\s+)?$"
_REFERENCE_PLACE = re.compile(f"{_BORDER_OF}|{_COMPASS_OF}|{_ELSEWHERE_BOUND}", re.I)
_COMPASS = re.compile(_COMPASS_OF, re.I)
_ACROSS_BORDER = re.compile(_BORDER_OF, re.I)
_BORDER = re.compile(r"\b(?:border|frontier)s?$", re.I)
_REFERENCE_REACH = 40  # characters before a place that may say it is a reference point


def _issued_place(article: _Article) -> list[tuple[Span, Place | None]]:
    """The dateline's place, placed (``_placed_dateline``)."""
    return list(article.issued)


def _placed_dateline(
    text: str, issued_at: tuple[int, int] | None, places: tuple[tuple[Span, Place | None], ...],
) -> tuple[tuple[Span, Place | None], ...]:
    """The dateline's place: its LOCATION span's, else its words geocoded (the tagger may have
    read "MEDELLIN" as an actor); empty without a dateline place."""
    if issued_at is None:
        return ()
    start, end = issued_at
    tagged = tuple((s, p) for s, p in places if s.start == start)
    if tagged:
        return tagged
    place = geocode(text[start:end])
    return ((Span(start=start, end=end, label="LOCATION"), place),) if place else ()


# The dateline's city named again: "in the downtown area of this city", "of this capital".
_THIS_CITY = re.compile(r"\b(?:of|in|near|outside|around|on the outskirts of) this "
                        r"(?:capital|city|town|port)\b", re.I)
# Where the wounded or the rescued were taken, not where it happened ("evacuated to Niamey",
# "treated at a clinic in Bamenda"), or where a person named comes from: none of the clause's
# places, and no reference point either.
_ELSEWHERE_BEFORE = re.compile(
    r"\b(?:evacuated|taken|rushed|admitted|brought|transferred|transported|airlifted|flown|"
    r"moved)\s+(?:\w+\s+|by (?:helicopter|air|road|ambulance)\s+)?(?:to|into)\s+"
    r"(?:the\s+|a\s+)?$|"
    r"\b(?:treated|receiving treatment|being treated|under treatment)\s+(?:at|in)\s+"
    r"(?:the\s+|a\s+)?$"
    # where a person named comes from: "Sepoy Ali Khan, 24, of Karak District", "a native of"
    r"|(?:\b\d{1,3},\s+|\bnatives?\s+|\bresidents?\s+)of\s+(?:the\s+)?$"
    r"|\bhail(?:ed|ing|s)\s+from\s+(?:the\s+)?$"
    r"|\bwho\s+(?:reached|arrived\s+in|arrived\s+at)\s+$"  # "survivors who reached Huanta"
    r"|\b(?:reports?|news|word|information|messages?|cables?|bulletins?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:received|released|issued|published|reaching)\s+(?:in|at)\s+$"  # "A REPORT RECEIVED IN
    # LIMA"
    r"|\b(?:said|told\s+(?:reporters|journalists)|announced|stated|speaking)\s+in\s+$"  # "A POLICE
    # SPOKESMAN SAID IN PRETORIA TODAY": where it was said
    r"|\b(?:treated|died|succumbed|admitted|recovering|taken|rushed|evacuated|transferred|flown|"
    r"airlifted|transported|brought)\b"
    r"[^.;]{0,60}\b(?:hospital|clinic|medical (?:centre|center))s?\s+(?:in|at)\s+(?:the\s+)?$"
    # where people held were taken: "taken to the Ingkayutthaboriharn Camp in Pattani Province"
    r"|\b(?:taken|transferred|brought|flown|rushed|evacuated|airlifted|transported)\s+"
    r"(?:back\s+)?to\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,5}?(?:in|at)\s+(?:the\s+)?$",
    re.I)
# A group's name: "al-Qaeda in Iraq", "Islamic State in Iraq and the Levant" (not "inspired by the
# Islamic State in Milan", a town: where it happened).
_GROUP_IN = re.compile(r"\b(?:al-?\s?qa['’]?[ei]?da|islamic\s+state)\s+in\s+(?:the\s+)?$", re.I)
_ELSEWHERE_REACH = 80  # characters before a place: "succumbed ... at the regional hospital in"
# A hospital is where the wounded were taken, never where it happened (``Medina hospital``).
_TREATED_AT = re.compile(r"\b(?:hospital|clinic|medical (?:centre|center))s?$", re.I)


# Where the people who tell of it sit: "MILITARY AUTHORITIES IN CATARMAN SAID", "officials in
# Kabul said".
_SOURCE_IN = re.compile(r"\b(?:authorities|officials|sources|spokes(?:m[ae]n|woman|persons?)|"
                        r"ministry|ministries|government)\s+"
                        r"in\s+(?:the\s+)?$", re.I)  # "the defence ministry in Baku says"
_SAID_AFTER = re.compile(r"\s*,?\s*(?:said|say|says|reported|told|confirmed|announced)\b", re.I)


# A hospital named after a place: "carried 15 wounded people to [Madina] and Erdogan hospitals".
_HOSPITAL_AFTER = re.compile(r"\s+(?:(?:and|&)\s+[A-Z][\w'’-]+\s+)?(?:(?:general|teaching|"
                             r"military|district|regional|referral)\s+)?(?:hospitals?|clinics?)\b",
                             re.I)


def _elsewhere(text: str, span: Span) -> bool:
    """Whether a LOCATION span names where the wounded were taken, where a person comes from
    or where those who tell of it sit (``_TREATED_AT``, ``_HOSPITAL_AFTER``,
    ``_ELSEWHERE_BEFORE``, ``_SOURCE_IN``, ``_ORIGIN``), not where anything happened."""
    return bool(_TREATED_AT.search(text, span.start, span.end)
                or _HOSPITAL_AFTER.match(text, span.end)
                or _ELSEWHERE_BEFORE.search(text, max(0, span.start - _ELSEWHERE_REACH),
                                            span.start)
                or (_GROUP_IN.search(text, max(0, span.start - 40), span.start)
                    and not _town(text[span.start : span.end]))
                or _source(text, span)
                or (_ORIGIN.search(text, max(0, span.start - 40), span.start)
                    and _names_country(text[span.start : span.end])))


def _source(text: str, span: Span) -> bool:
    """Whether a LOCATION span is where those who tell of it sit: "officials in Kabul said"."""
    return bool(_SOURCE_IN.search(text, max(0, span.start - 40), span.start)
                and _SAID_AFTER.match(text, span.end))


def _names_country(surface: str) -> bool:
    place = geocode(surface)
    return place is not None and place.kind == "country"


# Where people come from: "a UN peacekeeper from Guinea died in an attack in northeastern Mali"
_ORIGIN = re.compile(r"\b(?:peacekeepers?|soldiers?|troops|servicem[ae]n|officers?|nationals?|"
                     r"citizens?|migrants?|workers?|tourists?|pilgrims?|man|woman|men|women|"
                     r"victims?|contingents?)\s+from\s+(?:neighbou?ring\s+)?(?:the\s+)?$", re.I)


def _town(surface: str) -> bool:
    """Whether a place after a group's name ("Islamic State in ...") is a town, where it
    happened, not a region the group is named after ("the Levant", "Khorasan")."""
    place = geocode(surface)
    return (place is not None and place.kind in ("city", "admin2")
            and not _GROUP_REGION.search(surface))


_GROUP_REGION = re.compile(r"\b(?:levant|kh[ou]r[a]?san|maghreb|sahel|sahara|peninsula|sinai|"
                           r"caucasus|subcontinent|africa|asia)\b", re.I)


def _compass(text: str, span: Span) -> bool:
    """Whether a LOCATION span is what an incident is placed by a direction from ("north of
    Fallujah"): near it, though not in it; not when far from it ("about 200 km north of the
    capital Niamey")."""
    found = _COMPASS.search(text, max(0, span.start - _REFERENCE_REACH), span.start)
    return found is not None and not _FAR.search(text, max(0, found.start() - 30), found.start())


_FAR = re.compile(r"\b(?:\d{2,}|[a-z]+ty|hundreds?)\s*(?:-\s*)?(?:km|kms|kilometers?|kilometres?|"
                  r"miles?)\s+$", re.I)  # tens of km or more: another place's surroundings


def _at_border(text: str, span: Span) -> bool:
    """Whether a LOCATION span is a border or the country across one ("on the border with
    Israel")."""
    return bool(_BORDER.search(text, span.start, span.end) or _ACROSS_BORDER.search(
        text, max(0, span.start - _REFERENCE_REACH), span.start))


def _reference(text: str, span: Span) -> bool:
    """Whether a LOCATION span names a reference point, not where it happened: after
    ``_REFERENCE_PLACE``'s words, or a border itself (``near the Afghan border``); places
    ``_elsewhere`` are references too."""
    before = text[max(0, span.start - _REFERENCE_REACH) : span.start]
    return bool(_REFERENCE_PLACE.search(before) or _BORDER.search(text[span.start : span.end]))


# What a story tells as its setting: an incident after "follows" / "comes after" / "in the
# wake of" / "days after a", or one dated "last week" / "last month" past the story's opening
# sentences.
_SETTING = re.compile(r"\b(?:(?<!as )follows|comes (?:\w+ ){0,2}after|came (?:\w+ ){0,2}after|"
                      r"in the wake of|in response to|in retaliation for|"
                      r"(?:(?:a|one|two|three|few|several|\d+) )?(?:days?|weeks?|months?) "
                      r"after (?:a|an|the|(?-i:[A-Z])\w+ (?:[\w-]+ ){0,3}?(?:forces|troops|"
                      r"soldiers|fighters|militants|rebels|gunmen|police)))\b", re.I)
_RECALLED_DATE = re.compile(r"\b(?:last|previous) (?:week|month|year|summer|winter|spring|"
                            r"autumn)\b|\b(?:weeks|months|"
                            r"years) (?:ago|earlier)\b|\bearlier this (?:month|year)\b", re.I)
# Words that recall what happened before the news, whatever its date: "The population is
# reminded that the same groups killed three gendarmes during the last lockdown".
_RECALLED_WORDS = re.compile(r"\b(?:is|are|was|were) reminded that\b|\b(?:during|in) the (?:last|"
                             r"previous) (?:lockdown|strike|elections?|curfew|ceasefire|truce|"
                             r"uprising)\b", re.I)
_OPENING_SENTENCES = 2  # the headline and the lead: an incident there is the story's own


def _context(article: _Article, index: int, clause: tuple[int, int],
             trigger: TriggerMatch | None, setting: re.Match[str] | None) -> str | None:
    """'background' for the setting a story gives its news ("The move follows the killing of
    ... last week"), not an incident it reports; ``setting`` is ``_SETTING``'s match in the
    clause."""
    text = article.text
    if (setting is not None and (trigger is None or trigger.start >= setting.end())
            and not _news_setting(article, clause, setting)):
        return "background"
    spans = _inside(article.dates, clause)
    dates = [text[s.start : s.end] for s, _ in spans]
    if index >= _OPENING_SENTENCES and (any(_RECALLED_DATE.search(d) for d in dates) or (
            not dates and _RECALLED_DATE.match(text, clause[0]))  # "Last summer, ..." untagged
            or _RECALLED_WORDS.search(text, clause[0], clause[1])):
        return "background"
    months = [v for _, v in spans if v is not None]
    if index >= _OPENING_SENTENCES and months and all(v.precision in _COARSE for v in months):
        return "background"  # "in January, three police reservists were killed": recalled
    if index >= _OPENING_SENTENCES and not spans and _recalled_paragraph(article, clause[0]):
        return "background"
    return None


_HOURS_AFTER = re.compile(r"\b(?:a|one)\s+day\s+after|\bhours\s+after|\bshortly\s+after",
                          re.I)
_NEWS_DAYS = 2  # a setting dated this many days before publication or fewer is news


def _news_setting(article: _Article, clause: tuple[int, int], setting: re.Match[str]) -> bool:
    """Whether the incident a clause gives as the setting of its news is news itself: it came a
    day or hours before ("The warning came a day after a drone hit a building"), or its own day
    is at most ``_NEWS_DAYS`` before publication ("His remarks came after soldiers clashed on
    Tuesday"), not "The move follows the killing of ... last week"."""
    if _HOURS_AFTER.search(setting[0]):
        return True
    days = [v for s, v in _inside(article.dates, (setting.end(), clause[1]))
            if v is not None and v.precision == "day" and _usable(article.text, s)]
    return article.published is not None and bool(days) and all(
        0 <= (article.published - v.end).days <= _NEWS_DAYS for v in days)


def _recalled_paragraph(article: _Article, start: int) -> bool:
    """Whether the sentence before ``start``, in its paragraph, dates what it tells long before
    publication ("A year later, a protest movement that began in October 2019 spread across the
    south. | More than 600 people were killed"): an undated clause after it goes on with that
    story."""
    paragraph = article.text.rfind("\n", 0, start) + 1
    if article.published is None or not _TEXT.search(article.text, 0, paragraph):
        return False  # the first paragraph tells the news: a sentence of the past in it ("the
        # mayor had been elected in the 13 March election") describes someone
    opening = max(paragraph, sentence_before(article.text, start)[0])
    dated = [v for s, v in _inside(article.dates, (opening, start))
             if _usable(article.text, s) and not _RELATIVE.search(article.text, opening, s.start)]
    return bool(dated) and all(
        v is not None and (article.published - v.end).days > BACKGROUND_DAYS for v in dated)


_COARSE = frozenset({"month", "year"})  # dates that tell no day of their own
_TEXT = re.compile(r"\S")


_ALSO = re.compile(r"\balso\b", re.I)
_BULLET = re.compile(r"[ \t]*(?:[-–—•*·]|\d{1,2}[.)])\s")  # "- 1,245 members ... captured"
# A lead that announces a period's results: "presents the operational results of the 2021
# campaign plan", "the following results for the month of May".
_SUMMARY_LEAD = re.compile(
    r"\b(?:operational results|results of (?:the|its|our) (?:\d{4}\s+|[\w-]+\s+){0,2}"
    r"(?:campaign|operations?|year|month|quarter)|(?:annual|yearly|monthly|quarterly) "
    r"(?:results|report|summary|balance)|following results)\b", re.I)
_BREAKDOWN_OPENING = re.compile(r"\W*(?:of (?:those|the) (?:killed|dead)|among the dead)\b", re.I)
_BREAKDOWN = re.compile(r"\b(?:the dead include|among the dead|of them|of whom|of those "
                        r"(?:killed|dead|wounded)|of the (?:dead|killed)|also)\b", re.I)
# Where a summary's violence was worst: "THE HEAVIEST FIGHTING TOOK PLACE IN THE BICOL REGION"
_SUMMARY_SUPERLATIVE = re.compile(r"\bthe (?:heaviest|worst|fiercest|most intense)\b", re.I)


def _continued_total(text: str, draft: Draft, previous: Draft | None) -> Draft:
    """A clause that goes on with the running total just before it ("The dead include ...",
    "... were also killed", the rest of the total's sentence, "Troops also cleared two
    minefields") with no date of its own is part of that total, not an incident of its own."""
    event = draft.event
    said = text[event.sentences[0].start : event.sentences[0].end]
    reach = 2 if _BREAKDOWN_OPENING.match(said) else 1  # "Of those killed, 508 were ..." may
    # come a sentence after its total
    if (previous is None or not previous.event.cumulative or event.cumulative
            or draft.sentence_index - previous.last > reach
            or (event.date is not None and not event.date.inherited)):
        return draft
    # The same sentence goes on with the total ("the following results: four members killed |
    # and 11 captured"), and so does an "also" sentence with no count ("Troops also cleared two
    # minefields" after a week's results).
    same = draft.sentence_index == previous.sentence_index or bool(
        _SUMMARY_SUPERLATIVE.search(said))
    if event.trigger is not None and not _BREAKDOWN.search(said) and not same:
        return draft
    if not event.casualties and not _ALSO.search(said) and not same:
        return draft
    return replace(draft, event=event.model_copy(update={"cumulative": True}))


def _dateline(article: _Article) -> EventDate | None:
    """The DATE span near the top of the article that gives its publication date, if any."""
    for span, value in article.dates:
        if span.start > _DATELINE_CHARS:
            break
        if value is not None and article.published and value.start == article.published:
            return _date(article.text, span, value, inherited=True)
    return None


def _header(article: _Article) -> tuple[int, int]:
    """The ``[start, end)`` of a dateline's line up to where its place, date and agency end
    (``(0, 0)`` without one): what it names is where and when the release was issued. A headline
    above a date line is not part of it."""
    ends = [article.header_end, *(at[1] for at in (article.dateline_at, article.issued_at) if at)]
    starts = [article.text.rfind("\n", 0, at[0]) + 1
              for at in (article.issued_at, article.dateline_at) if at]
    return (min(starts), max(ends)) if starts else (0, 0)


def _within(offset: int, span: tuple[int, int]) -> bool:
    return span[0] <= offset < span[1]


def _in_dateline(article: _Article, span: Span) -> bool:
    """Whether a DATE span is the date of a wire or press-release dateline: the release's
    date, not the incident's ("KABUL (March 3, 2011) - ... detained two ... on Tuesday")."""
    at = article.dateline_at
    return at is not None and span.start < at[1] and at[0] < span.end


def _in_header(article: _Article, span: Span) -> bool:
    """Whether a DATE span stands in a dateline that ``publication`` did not read as the
    release's date: one without a year, or below the issuing office's line ("Media Office |
    BAQUBAH, May 10 - ... on Tuesday"). It dates the incident only when the clause names no
    other day."""
    issued = article.issued_at
    return issued is not None and issued[0] <= span.start and span.end <= article.header_end


def _check_spans(text: str, spans: Sequence[Span]) -> None:
    bad = [f"span [{s.start}, {s.end}) {s.label}"
           for s in spans if not s.start < s.end <= len(text)]
    if bad:
        raise InputError(f"{len(bad)} span(s) outside the text of length {len(text)}: {bad[:5]}")


_CLOCK_BEFORE = re.compile(r"\bat\s+(?:about\s+|around\s+)?$", re.I)
_CLOCK_AFTER = re.compile(r"\s*(?:hours|hrs|h|gmt|local time)\b", re.I)


def _clock_time(text: str, span: Span) -> bool:
    """Whether a DATE span is a time told in military style (``AT 0615``, ``1940 hours``).

    >>> text = "A CAR BOMB EXPLODED AT 1940 LAST NIGHT"
    >>> _clock_time(text, Span(start=23, end=27, label="DATE"))
    True
    >>> text = "the war that began in 1991"
    >>> _clock_time(text, Span(start=22, end=26, label="DATE"))
    False
    """
    surface = text[span.start : span.end]
    if not re.fullmatch(r"[0-2]\d[0-5]\d", surface):
        return False
    return bool(_CLOCK_BEFORE.search(text[max(0, span.start - 10) : span.start])
                or _CLOCK_AFTER.match(text, span.end))


def _normalize(
    text: str, spans: list[Span], published: dt.date | None, sentences: list[tuple[int, int]],
    *, dateline_at: tuple[int, int] | None = None, issued_at: tuple[int, int] | None = None,
    header_end: int = 0,
) -> _Article:
    dates: list[tuple[Span, DateValue | None]] = []
    previous: DateValue | None = None
    for span in (s for s in spans if s.label == "DATE"):
        if _clock_time(text, span):
            continue  # "EXPLODED AT 1940 LAST NIGHT": a time of day, not the year 1940
        value = resolve_date(text[span.start : span.end], published=published, previous=previous)
        dates.append((span, value))
        previous = value if value is not None and value.precision == "day" else previous
    located = [s for s in spans if s.label == "LOCATION"]
    # a place in the dateline after where it was issued names the agency or the station: no
    # place of the news ("COLOMBO (LANKA NATIONAL BROADCAST) 5 JUN 87 --"), though a country's
    # name still tells the country ("COLON, 9 APR 90 (RADIO ATLANTICO PANAMA) --")
    agency = frozenset(s.start for s in located
                       if issued_at is not None and issued_at[1] <= s.start < header_end)
    # a street named after a place ("AVENIDA MEXICO", "Rue de Paris") is no place of that name
    located = [s for s in located if not _STREET.search(text[s.start : s.end])]
    elsewhere = agency | {s.start for s in located if _elsewhere(text, s)}
    references = elsewhere | {s.start for s in located if _reference(text, s)}
    # "the border with Afghanistan" vouches for no country; "north of the capital Baghdad" and
    # "the defence ministry in Yerevan says" do
    vouching = {s.start for s in located if s.start in references and (
                (s.start not in elsewhere and not _at_border(text, s)
                 and _COMPASS.search(text, max(0, s.start - _REFERENCE_REACH), s.start))
                or _source(text, s))}
    first = [None if s.start in references and s.start not in agency | vouching
             else geocode(text[s.start : s.end], context_after=text[s.end : s.end + 80])
             for s in located]
    first = [None if p is not None and s.start in agency and p.kind != "country" else p
             for s, p in zip(located, first, strict=True)]
    surfaces = [text[s.start : s.end].strip().lower() for s in located]
    named = [c for s in spans if s.label in ("ACTOR", "CASUALTY")  # "Syrian Democratic Forces"
             for c in countries_named(text[s.start : s.end])]
    named += [c for s in spans if s.label == "ACTOR"  # "KENYA DEFENCE FORCES"
              and (c := forces_country(text[s.start : s.end]))]
    groups = tuple(dict.fromkeys(code for *_, code in find_groups(text)))
    others: dict[str, tuple[str, ...]] = {}  # by surface: the same name, the same vote
    heading = frozenset(j for j, s in enumerate(located) if s.end <= _HEADING
                        and _LINE_END.match(text, s.end))  # ending a line of the heading
    for i, surface in enumerate(surfaces):
        if surface not in others:
            others[surface] = _other_countries(first, surfaces, i, heading)
    places = tuple((s, _place(text, s, (*others[surfaces[i]], *groups), named,
                              without_groups=others[surfaces[i]] if groups else None))
                   for i, s in enumerate(located))
    if not any(p for _, p in places):  # nothing placed, and no group or nationality names a
        # country: a name spelt unlike the gazetteer's is taken where one country alone has it
        # ("Ingushetia": Ingushetiya; ``geocode(alone=True)``)
        told = (*groups, *named, *countries_named(text))
        places = tuple((s, _place(text, s, told, (), alone=True)) for s, _ in places)
    issued = _placed_dateline(text, issued_at, places)
    places = _in_stated_provinces(text, places, next((p for _, p in issued if p), None))
    countries = tuple(dict.fromkeys(p.country_code for _, p in places if p and p.country_code))
    actors = tuple(
        (s, canonical_actors(text[s.start : s.end], countries)) for s in spans
        if s.label == "ACTOR"
    )
    casualties = _listed_kinds(text, _split_heads(text, tuple(
        (s, _casualty(text, s, sentences)) for s in spans if s.label == "CASUALTY"
    )))
    scores = {s.key: s.score for s in spans}
    return _Article(text, published, tuple(dates), actors, places, casualties, scores,
                    dateline_at=dateline_at, issued_at=issued_at, header_end=header_end,
                    references=references, elsewhere=elsewhere, issued=issued)


def _in_stated_provinces(
    text: str, places: tuple[tuple[Span, Place | None], ...], issued: Place | None = None,
) -> tuple[tuple[Span, Place | None], ...]:
    """Towns placed again inside the province the article names, where it names one only in
    their country and a town of that name lies in it: "Sabon Gari" in a story on Borno State is
    Borno's, not Kaduna's; "Argelia municipality" in one on Cauca is Cauca's, not Antioquia's.
    A dateline's town names its province too, unless it is the national capital (a story from
    RAIPUR on "Bijapur district" is on Chhattisgarh's, not Karnataka's)."""
    stated = {(p.country_code, p.admin1) for _, p in places
              if p and p.kind == "admin1" and p.admin1 and p.country_code}
    if (issued is not None and issued.kind == "city" and issued.admin1 and issued.country_code
            and not _national_capital(issued)):
        stated.add((issued.country_code, issued.admin1))
    alone = {c for c in stated if sum(other[0] == c[0] for other in stated) == 1}
    if not alone:
        return places
    moved = []
    for span, place in places:
        if place and place.kind in ("city", "admin2") and place.admin1 and (
                place.country_code, place.admin1) not in stated:
            for code, admin1 in sorted(c for c in alone if c[0] == place.country_code):
                again = geocode(text[span.start : span.end], context_after=f", {admin1}",
                                prefer_countries=(code,))
                if again is not None and again.admin1 == admin1 and again.kind == place.kind:
                    place = again
                    break
        moved.append((span, place))
    return tuple(moved)


def _split_heads(
    text: str, casualties: tuple[tuple[Span, Casualty], ...],
) -> tuple[tuple[Span, Casualty], ...]:
    """A count split in two spans by the tagger ("[three] [ASG] members"): the words right after
    a number are the rest of its phrase, not one more person."""
    kept: list[tuple[Span, Casualty]] = []
    for span, casualty in casualties:
        if (kept and casualty.qualifier == SINGULAR and kept[-1][1].min is not None
                and kept[-1][1].qualifier != SINGULAR
                and not text[kept[-1][0].end : span.start].strip()):
            continue
        kept.append((span, casualty))
    return tuple(kept)


def _national_capital(place: Place) -> bool:
    capital = capital_of(place.country_code) if place.country_code else None
    return capital is not None and capital.admin1 == place.admin1


def _listed_kinds(
    text: str, casualties: tuple[tuple[Span, Casualty], ...],
) -> tuple[tuple[Span, Casualty], ...]:
    """One person listed right after a count takes that count's kind: "KILLING TWO POLICEMEN
    AND [A PASSERBY] AND WOUNDING AT LEAST 25 PEOPLE" is three killed."""
    listed = list(casualties)
    for i in range(1, len(listed)):
        (before, first), (span, person) = listed[i - 1], listed[i]
        if (person.min == person.max == 1 and person.kind != first.kind
                and first.kind != "killed_or_injured"
                and _LISTED_AFTER.fullmatch(text, before.end, span.start)
                and not _OWN_VERB.match(text, span.end)):  # "and a civilian was wounded"
            listed[i] = (span, person.model_copy(update={"kind": first.kind}))
    return tuple(listed)


_LISTED_AFTER = re.compile(r"\s*(?:,\s*)?and\s+|\s*,\s*", re.I)
_OWN_VERB = re.compile(r"\s+(?:was|were|is|are|has|have|had)\b", re.I)


def _place(text: str, span: Span, countries: Sequence[str], named: Sequence[str], *,
           alone: bool = False, without_groups: Sequence[str] | None = None) -> Place | None:
    """A LOCATION span placed in the context of the article's other places and the countries of
    the armed groups it names (``find_groups``); where that leaves it unplaced, in that of the
    nationalities its actors and victims are named by, then in that of the other places alone
    (``without_groups``: a group's country breaks ties but vetoes no place named as written, so
    `Wajir` stays Kenya's in a story on al-Shabaab). ``alone``: the article places nothing else
    (``geocode``)."""
    def placed(prefer: Sequence[str]) -> Place | None:
        return geocode(text[span.start : span.end],
                       context_before=text[max(0, span.start - 30) : span.start],
                       context_after=text[span.end : span.end + 80], prefer_countries=prefer,
                       alone=alone)

    place = placed(countries)
    if place is None and named:
        place = placed(tuple(dict.fromkeys([*countries, *named])))
    if place is None and without_groups is not None:
        place = placed(without_groups)
        if place is not None and not named_as_written(text[span.start : span.end], place):
            place = None  # only a name as written: "Baga" is no Bargarh
    return place


def _other_countries(first: Sequence[Place | None], surfaces: Sequence[str],
                     i: int, heading: frozenset[int] = frozenset()) -> tuple[str, ...]:
    """The article's countries by its other place names (``heading``: the indices of those in
    the article's heading lines, ``_HEADING``). A name cannot vouch for itself, nor
    for a road named after it or the place a road is named after ("the Boni-Hombori road" and
    "Boni"), nor can a nationality adjective: "the Italian consulate in Cairo" is in Egypt."""
    votes: dict[str, set[str]] = {}
    for j, p in enumerate(first):
        if (p is not None and p.country_code and surfaces[j] != surfaces[i]
                and not _named_after(surfaces[j], surfaces[i])
                and not _named_after(surfaces[i], surfaces[j])
                and not demonym_country(surfaces[j])):
            votes.setdefault(p.country_code, set()).add(surfaces[j])
    most = max((len(v) for v in votes.values()), default=0)
    headed = {p.country_code for j, p in enumerate(first)
              if p is not None and p.kind == "country" and j in heading}
    if headed:  # the country a release's heading names outvotes one name read elsewhere:
        # "REPUBLIC OF CAMEROON ... North-West region" is Cameroon's, not South Africa's
        return tuple(code for code, names in votes.items() if code in headed or len(names) > 1)
    # one name alone does not outvote a country that three or more names agree on: "Mahas
    # district" (a Jordanian district's name) in a story on Hiiraan, Beledweyne and Mogadishu
    return tuple(code for code, names in votes.items()
                 if len(names) > 1 or most < _COUNTRY_MAJORITY)


_STREET = re.compile(r"^(?:avenida|av\.|calle|carrera|jir[oó]n|rua|rue|boulevard|bulevar|paseo|"
                     r"avenue|via)\s|\s(?:street|avenue|boulevard|st\.)$", re.I)
_COUNTRY_MAJORITY = 3  # distinct place names of one country that outvote a single other name
_HEADING = 120  # characters of a release's heading lines ("REPUBLIC OF CAMEROON | MINISTRY OF")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
_FACILITY_NAME = re.compile(r"\b(?:road|highway|street|bridge|camp|airport|dam|base|checkpoint|"
                            r"market|mosque|school|hospital|station)s?$")


def _named_after(name: str, place: str) -> bool:
    """Whether ``name`` (lower case) is a road, camp or building named after ``place``: it
    stands or falls with the place's own reading.

    >>> _named_after("boni–hombori road", "boni"), _named_after("nigeria road", "niger")
    (True, False)
    """
    return (place in name and _FACILITY_NAME.search(name) is not None
            and re.search(rf"(?<!\w){re.escape(place)}(?!\w)", name) is not None)


def casualty_context(text: str, start: int, end: int,
                     sentences: Sequence[tuple[int, int]]) -> tuple[str, str, str]:
    """A casualty span's text and the words of its sentence before and after it that its kind
    is read from."""
    sentence = next((b for b in sentences if b[0] <= start < b[1]), (0, len(text)))
    before = text[max(sentence[0], start - _WINDOW) : start]
    after = text[end : min(sentence[1], end + _WINDOW)]
    # a semicolon ends a clause: "FORCED THE TWO MEN INTO A TRUCK; NO ONE WAS HURT" tells
    # nothing of the two men
    return text[start:end], before[before.rfind(";") + 1 :], after.split(";", 1)[0]


_ANAPHORIC = re.compile(r"\b(?:the|these|those)\s+$", re.I)
_THE = re.compile(r"\bthe\s+$", re.I)
# The dead counted besides their attacker: "26 people had been killed in addition to the attacker"
_PLUS_ATTACKER = re.compile(r"[^.;]{0,30}?\bin addition to the (?:suicide )?(?:attacker|bomber|"
                            r"assailant|gunman)\b", re.I)
_TOLL_AND = re.compile(r"\s*(?:dead|killed|deaths|fatalities)?\s*,?\s*and\s+", re.I)
_AGE_AFTER_NAME = re.compile(r"[A-Za-z.]{2,},\s+$")  # "Piyadasa, " before a bare number
_AGED = re.compile(r"\baged\s+(?:between\s+|from\s+)?(?:[\w-]+(?:,\s*|\s+and\s+|\s+to\s+))*$|"
                   r"\b(?:boy|girl|child|man|woman|son|daughter|teenager|youth|baby|infant|"
                   r"toddler)\s+of\s+(?:about\s+|"
                   r"around\s+|some\s+|roughly\s+)?$", re.I)  # "a boy of about [twelve]"
_NEGATED_COUNT = re.compile(r"\b(?:no|not)\s+$", re.I)


def _age_after_name(surface: str, before: str, after: str) -> bool:
    """Whether a bare number between commas right after a name is that person's age.

    >>> _age_after_name("52", "A FARMER, W.M. PIYADASA, ", ", HIS WIFE"), _age_after_name(
    ...     "17", "killing ", ", police said")
    (True, False)
    """
    return (surface.isdigit() and len(surface) <= 3 and after.startswith(",")
            and _AGE_AFTER_NAME.search(before) is not None)
_ONE_OF_COUNTED = re.compile(r"(?:one|a)\s+of\s+(?:the\s+)?(\d[\d,]*\s+\w)", re.I)
_PARTITIVE = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+"
                        r"(?:the|these|those)\s+$", re.I)


def _casualty(text: str, span: Span, sentences: list[tuple[int, int]]) -> Casualty:
    surface, before, after = casualty_context(text, span.start, span.end, sentences)
    kind, rule = kind_rule(surface, before, after)
    prior = KIND_PRIORS[rule]
    model = kind_model()
    if model is not None and rule in LEARNED_RULES and kind != "detained":
        killed = model.killed_probability(kind_features(surface, before, after, kind))
        kind, prior = ("killed", killed) if killed >= 0.5 else ("injured", 1 - killed)
    quantity = parse_quantity(surface, people=True)
    if (group := _ONE_OF_COUNTED.match(surface)) and (whole := parse_quantity(
            surface[group.start(1):], people=True)) is not None:
        quantity = whole  # "constable Rahim Gul, [one of 11 people] wounded in the blast": 11
    if (quantity is not None and quantity.min is not None and kind == "killed"
            and _PLUS_ATTACKER.match(after)):
        quantity = replace(quantity, min=quantity.min + 1,
                           max=None if quantity.max is None else quantity.max + 1)
    if _THE.search(before) and surface.lower().startswith("number of "):
        quantity = None  # "The [number of people] killed ... rose to 27": the count comes after
    if quantity is not None and counts_things(quantity.rest, after):
        quantity = None  # "Two explosions", "two vehicles": things, not people
    if quantity is not None and _NEGATED_COUNT.search(before):
        quantity = None  # "NO [ONE] WAS HURT": nobody
    if quantity is not None and _AGED.search(before):
        quantity = None  # "two girls, aged four and [five]": an age
    if quantity is not None and _age_after_name(surface, before, after):
        quantity = None  # "a farmer, W.M. Piyadasa, [52], his wife": his age
    if quantity is not None and quantity.qualifier == PLURAL and _ANAPHORIC.search(before):
        if (part := _PARTITIVE.search(before)) and (count := parse_quantity(part[1])):
            quantity = count  # "One of the [injured soldiers] later died": one
        else:
            quantity = None  # "the dead militants had not been identified": told already
    if quantity is None:
        return Casualty(start=span.start, end=span.end, text=surface, kind=kind,
                        confidence=field_confidence(NO_QUANTITY_PRIOR, span.score))
    return Casualty(
        start=span.start, end=span.end, text=surface, kind=kind,
        confidence=field_confidence(prior, span.score),
        min=quantity.min, max=quantity.max, approx=quantity.approx,
        qualifier=quantity.qualifier, victims=quantity.rest or None,
        subset=is_subset(before, after) or _subset_within(surface, before, after),
    )


# A span that took in its partitive: "[two of them children]" after "wounding 11 others,".
_COUNT_OF_THEM = re.compile(r"\S+(?=\s+of\s+(?:them|those|whom|the\s+(?:dead|injured|wounded|"
                            r"victims|killed))\b)", re.I)  # "[Seventeen of the injured] were"
# The counted named again to say who they were: "[The six killed] were American troops".
_THE_COUNTED = re.compile(r"\S+\s+(?:dead|killed|wounded|injured|victims)", re.I)


def _subset_within(surface: str, before: str, after: str) -> bool:
    """Whether a span that begins with its own partitive ("[two of them children]") counts
    some of the people just counted, read as if the span were its first word alone."""
    if (re.search(r"\bthe\s+$", before, re.I) and _THE_COUNTED.fullmatch(surface)
            and WHO_THEY_WERE.match(after)):
        return True
    head = _COUNT_OF_THEM.match(surface)
    return head is not None and is_subset(before, surface[head.end():] + after)


def _clause_event(
    article: _Article,
    index: int,
    sentence: tuple[int, int],
    clause: tuple[int, int],
    triggers: list[TriggerMatch],
    previous: Draft | None,
) -> Draft | None:
    tail = _RUNNING_TOTAL_TAIL.search(article.text, clause[0], clause[1])
    if tail is not None and _PERIOD.search(tail.group(0)):
        clause = (clause[0], tail.start())  # "..., bringing the death toll since April to 1,000"
    counted = {c.kind for _, c in _inside(article.casualties, sentence)
               if c.qualifier not in (PLURAL, SINGULAR)}
    # a plural noun alone names the group a count of the sentence is of ("ambushed a group of
    # police officers ..., killing 10 of them"), as in one clause (``clause_fatalities``)
    casualties = tuple(c for _, c in _inside(article.casualties, clause))
    counts = [c for c in casualties if c.qualifier != PLURAL or c.kind not in counted]
    if counts and (_UNVERIFIED.search(article.text, clause[0], clause[1])
                   or _CLAIM_UNVERIFIED.match(article.text, sentence[1])):
        counts = []
    counts = [c for c in counts if not _CLAIMED.search(article.text, clause[0], c.start)]
    if counts and (superseded := _BUT_LATER.search(article.text, clause[0], clause[1])):
        later = {c.kind for c in counts if c.start >= superseded.end()}  # "INITIAL REPORTS
        counts = [c for c in counts  # SPOKE OF NINE DEAD, BUT POLICE ... FOUND 14 BODIES": 14
                  if c.start >= superseded.end() or c.kind not in later]
    tolls = [c for c in counts if (c.kind in ("killed", "detained")
                                   and TOLL_BEFORE.search(article.text, clause[0], c.start))
             or (c.kind == "detained" and _HELD_TOLL_AT.search(article.text, clause[0], c.start))]
    if tolls:  # "initially reported four dead, but the toll rose to six": the toll is the count
        # (and "three more were detained ..., bringing the total to eleven": eleven held)
        counts = [c for c in counts if c.kind not in {t.kind for t in tolls} or c in tolls]
        wounded = [c for c in counts if c.kind == "injured" and any(
            _TOLL_AND.fullmatch(article.text, t.end, c.start) for t in tolls)]
        if wounded:  # "THE TOLL HAS RISEN TO FIVE DEAD AND 23 WOUNDED, AFTER ... FIVE MORE
            # INJURED PEOPLE WENT TO THE HOSPITALS": 23
            counts = [c for c in counts if c.kind != "injured" or c in wounded]
    setting = _SETTING.search(article.text, clause[0], clause[1])
    if setting is not None and any(c.start < setting.start() for c in counts):
        # "gunned down three workers, just days after a similar attack killed 10": the count
        # in the setting is another incident's
        counts = [c for c in counts if c.start < setting.start()]
        triggers = [t for t in triggers if t.start < setting.start()]
        if not triggers:  # "Nine police and a child were killed in the incident two weeks after
            setting = None  # Afghan security forces took control": the toll is the news
    trigger = min(triggers, key=lambda t: t.entry.priority) if triggers else None
    if trigger is None and not casualties:
        return None
    reason = (_not_event(_past_the_frame(article.text[clause[0] : clause[1]]))
              or _dated_background(article, clause)
              or ("background" if _YEARS_AGO.search(article.text, clause[0], clause[1])
                  and not _recently_dated(article, clause) else None)
              or _context(article, index, clause, trigger, setting))
    text = article.text
    previous_actor1 = _pronoun_subject(text, clause, previous, index)
    header = _header(article)
    mentions = [(s, a) for s, a in _inside(article.actors, clause)
                if not _within(s.start, header)]
    actors = assign_roles(text, clause, trigger, mentions)
    if not actors and previous is not None and previous.sentence_index == index:
        actors = previous.event.actors  # "... and intensified airstrikes": shared subject
    places = _inside(article.places, clause) or _paragraph_places(article, clause, previous)
    # where the release was issued: the article's last resort (``finish_incidents``)
    places = [(s, p) for s, p in places
              if not _within(s.start, header) and s.start not in article.elsewhere
              and not _BOUND.search(text, max(0, s.start - _REFERENCE_REACH), s.start)]
    if article.issued_at and _THIS_CITY.search(text, clause[0], clause[1]):
        # "in the San Miguelito neighborhood of this capital": in the dateline's city
        places = [*_issued_place(article), *places]
    if any(s.start not in article.references for s, _ in places):  # a place of its own: a
        # point it is only measured from is none of its places ("the post at Tondikiwindi, about
        # 200 km north of the capital Niamey")
        places = [(s, p) for s, p in places if s.start not in article.references
                  or _compass(text, s) or _at_border(text, s)]
    beyond = {s.start for s, _ in places if s.start in article.references}
    beyond |= {s.start for s, _ in places if _POSSESSIVE_PARENT.match(text, s.end)}
    locations = tuple(sorted((_location(text, s, p) for s, p in places),
                             key=lambda loc: (loc.start in beyond, loc.geo_precision or 4,
                                              loc.start)))
    # A reference point tells no other incident ("the camp at Boulkessi, near the border with
    # Burkina Faso", "on their way to the provincial capital of Tagum"); a border alone is
    # where it happened ("a shootout on the border with Israel").
    named = any(s.start not in article.references for s, _ in places)
    place_keys = frozenset(k for s, p in places
                           if p and (s.start not in article.references or _compass(text, s)
                                     or (not named and _at_border(text, s)))
                           for k in (p.name, p.parent) if k)  # "north of Fallujah": near it
    unknown = [s for s, p in places if p is None]
    if unknown and (opening := _PLACE_OPENING.match(text, sentence[0])):
        # "In Bakwa district, the force ...": an operation's own district, though no gazetteer
        # knows it
        place_keys |= {text[s.start : s.end].lower() for s in unknown
                       if s.end <= opening.end() and _DISTRICT_NAMED.search(text, s.start, s.end)}
    if not locations and previous is not None and previous.sentence_index == index:
        locations, place_keys = previous.event.locations, previous.place_keys
    if previous_actor1 is not None and not any(a.role == "actor1" for a in actors):
        actors = (previous_actor1, *actors)
    agent = next((a.actor_type for a in actors if a.role == "actor1"), None)
    found = trigger.entry if trigger else None
    if (trigger is not None and trigger.entry.sub_event_type == "@territory"
            and is_passive(text, trigger) and is_title(text[sentence[0] : sentence[1]])):
        found = entry("capture_person")  # a headline: "Ringleader of ELN network captured in
        # Saravena" tells of people captured, not of a place taken
    event_type, sub_event_type = classify(found, agent) if found else (None, None)
    clause_text = text[clause[0] : clause[1]]
    date = _event_date(article, clause, trigger, casualties, sentence)
    if reason is None and (_generic(text, trigger, casualties, date)
                           or _habitual(text, trigger, date)):
        reason = "generic"  # "complaints of arbitrary arrests", "the recent murders of mayors",
        # "bandits ... where they kidnap villagers for ransom"
    if (reason is None and previous is not None and previous.sentence_index == index
            and previous.event.excluded in _CARRIED and (date is None or date.inherited)):
        reason = previous.event.excluded  # "In June, gunmen raided Mpeketoni, | killing more
        # than 60 people": the clause goes on with what its sentence began
    if (reason is None and previous is not None and previous.sentence_index == index - 1
            and (trigger is None or trigger.entry.id in _ONLY_HARM) and casualties
            and previous.event.excluded in _TOLD_ON and previous.event.trigger is not None
            and (previous.event.excluded != "background" or _dated_long_ago(previous, article))
            and (date is None or date.inherited) and not _TOLL_UPDATE.search(clause_text)
            and not _BACK_REFERENCE.search(clause_text)
            and "\n\n" not in text[previous.event.sentences[-1].end : clause[0]]):
        reason = previous.event.excluded  # "a commission found that police had fired into a
        # crowd of traders. | Four men and a girl were killed": the toll of what was just told
    if date is not None and (_TOLL_UPDATE.search(clause_text)
                             or _WOUNDED_UPDATE.search(clause_text)
                             or DIED_OF_WOUNDS.search(clause_text)
                             or _THE_HARMED.match(clause_text)):
        # "found 20 more bodies on Monday, bringing the toll to 42", "two of the wounded died
        # in hospital on Monday": the day of the update, not of the incident
        date = date.model_copy(update={"inherited": True})
    prior = trigger.entry.prior if trigger else CASUALTY_ONLY_EVENT_PRIOR
    fields = [*([date] if date else []), *actors, *locations, *casualties]
    event = Event(
        id="E0",
        event_type=event_type,
        sub_event_type=sub_event_type,
        trigger=_trigger(text, trigger),
        date=date,
        actors=actors,
        locations=locations,
        casualties=casualties,
        fatalities=clause_fatalities(counts),
        injured=clause_fatalities(counts, kind="injured"),
        detained=clause_fatalities(counts, kind="detained"),
        cumulative=bool(casualties) and (is_cumulative(clause_text)
                                         or clause_fatalities(counts) >= WAR_TOLL
                                         or _month_tally(counts, date)
                                         or _perfect_tally(clause_text, index, date)),
        excluded=reason,
        sentences=(Sentence(start=clause[0], end=clause[1], text=clause_text),),
        confidence=event_confidence(prior, _span_scores(article, fields)),
    )
    if died := died_in_clause(event):  # "2 soldiers were wounded ..., where one of them died"
        event = event.model_copy(update={"injured": max(event.injured - died, 0)})
    if (toll := toll_told(event)) is not None and toll >= max(
            (c.min or 0 for c in counts if c.kind == "killed"), default=0):
        event = event.model_copy(update={"fatalities": toll})  # "had risen to seven, ... two
        # of the wounded had died, bringing the number of dead to nine": 9, not their sum
    return Draft(event=event, sentence_index=index, place_keys=place_keys)


# A clause about the people an incident harmed, told already: "THE WOUNDED POLICEMEN WERE FLOWN
# TO THE HOSPITAL ... THIS MORNING" (the day they were treated, not of the incident).
_THE_HARMED = re.compile(r"\W*(?:\[[A-Z ]+\]\s*)?the\s+(?:wounded|injured|dead|bodies|victims)\b",
                         re.I)
# A place that only says where the next one lies: "Gaza's Rafah", "Burkina Faso's Sahel Region".
_POSSESSIVE_PARENT = re.compile(r"['’]s\s+(?:[a-z]+\s+)?[A-Z]")
# A release's number line: "Press Release No. 212/2018", "RELEASE NO. 2022-047", "Release #45".
_RELEASE_LINE = re.compile(r"\s*(?:(?:press|news|media)\s+)?release\s*(?:no\.?|number|#)?\s*:?\s*"
                           r"[\w/-]*\s*", re.I)
# Why a clause is kept out that the next clause of its sentence goes on with, when that clause
# has no day of its own (a running total, a generic kind and a statistic say nothing of it).
_CARRIED = frozenset({"background", "judicial", "intent", "anniversary", "aftermath", "test",
                      "false_claim"})
# ... and a toll told in the next sentence with no trigger nor day of its own (not after a threat
# or a denial: "Rebels threatened the town. | Two soldiers were killed" may be news)
_TOLD_ON = frozenset({"background", "judicial", "anniversary", "aftermath"})
_HELD_TOLL_AT = re.compile(rf"{HELD_TOLL}[^.;]{{0,60}}?\b{TOLL_TO}$", re.I)  # "bringing the
# number taken to [47]"
_ONLY_HARM = lexemes_with("harm_only")  # "were killed": the harm, not what was done


# A paragraph that opens by naming where its operation was, as releases list them: "In Herat
# province, ...", "Chahar Darah district: ...".
_PLACE_OPENING = re.compile(
    r"\s*(?:[-•*]\s*)?(?:In\s+)?(?:the\s+)?(?:(?-i:[A-Z])[\w'’-]*\s+){1,3}"
    r"(?:province|district|region|governorate|state|county|department)\s*[,:]", re.I)
_DISTRICT_NAMED = re.compile(r"\w\s+district$", re.I)  # "Bakwa district"


def _paragraph_places(article: _Article, clause: tuple[int, int],
                      previous: Draft | None) -> list[tuple[Span, Place | None]]:
    """The place a release's paragraph opens with, for a clause of it that names none, where no
    clause before it in the paragraph told an incident: "In Herat province, a combined force
    searched a compound in Shindand district. | The force detained two suspected insurgents"
    were held in Herat, not where the paragraph before placed its incident."""
    para = article.text.rfind("\n\n", 0, clause[0])
    para = 0 if para < 0 else para + 2
    if para == 0 or (previous is not None and previous.event.sentences[-1].end > para):
        return []
    opening = _PLACE_OPENING.match(article.text, para, clause[0])
    return _inside(article.places, (para, opening.end())) if opening else []


def _dated_long_ago(draft: Draft, article: _Article) -> bool:
    """Whether a draft's own date (not one it inherited) is older than ``BACKGROUND_DAYS``."""
    date = draft.event.date
    if date is None or date.inherited or article.published is None:
        return False
    end = date.date_end or date.date_start
    return end is not None and (article.published - end).days > BACKGROUND_DAYS
# A kind of incident told in general, by a plural noun: no incident of its own.
_GENERIC_PLURAL = re.compile(r"(?:arrests|attacks|murders|executions|killings|assassinations|"
                             r"kidnappings|abductions|bombings|massacres|disappearances|"
                             r"shootings|devices|ambushes)$", re.I)
_KINDS_BEFORE = re.compile(r"\b(?:from|including|such as|like|one of the)\s+"
                           r"(?:[\w-]+\s+){0,2}$", re.I)  # "one of the deadliest attacks"
_COUNTED_BEFORE = re.compile(r"(?:\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|"
                             r"series of|wave of|spate of|string of|both|the two|the three|twin|"
                             r"double|triple)\s+(?:[\w-]+\s+){0,2})$", re.I)
# Fighting told as going on: "clashes continue", "attacks have continued", "violence persists"
# ("clashes continued in Idlib" tells of a day's fighting).
_GOES_ON = re.compile(r"\s+(?:(?:have|has)\s+(?:continued|persisted)|continues?|persists?|"
                      r"remains? (?:common|frequent|rare)|are common|"
                      r"occur (?:regularly|frequently))\b", re.I)
# A verb, not a noun: "Werner S. attacks [the mayor]" has an object right after it.
_OBJECT_AFTER = re.compile(r"\s+(?:a|an|the|his|her|their|its)\b", re.I)
_NAME_AFTER = re.compile(r"\s+[A-Z]")


def _verb(text: str, trigger: TriggerMatch) -> bool:
    """Whether a plural-looking trigger is a verb with its object ("attacks Andreas Hollstein",
    "attacks the mayor"); a name after it says so only in a text not written in capitals."""
    word = text[trigger.start : trigger.end]
    return bool(_OBJECT_AFTER.match(text, trigger.end)
                or (not word.isupper() and _NAME_AFTER.match(text, trigger.end)))


def _habitual(text: str, trigger: TriggerMatch | None, date: EventDate | None) -> bool:
    """Whether a trigger is a verb in the plain present after "they", "who" or a word of habit
    ("where they kidnap villagers", "who often attack convoys") with no day of its own, or what
    was done again and again ("which has repeatedly bombed", "who had been fighting"): what a
    group does, not what it did."""
    if trigger is None:
        return False
    if _REPEATED_BEFORE.search(text, max(0, trigger.start - 30), trigger.start):
        return True  # "THE ELN, WHICH HAS REPEATEDLY BOMBED THE PIPELINE", whatever the date
    word = text[trigger.start : trigger.end]
    if word.lower().endswith("ing") and _BEEN_BEFORE.search(
            text, max(0, trigger.start - 30), trigger.start):
        return True  # "Niger has been fighting jihadist insurgencies on two fronts"
    if (date is not None and not date.inherited) or " " in word or not word.isalpha():
        return False
    if not _INFLECTED.search(word):
        return bool(_HABIT_BEFORE.search(text, max(0, trigger.start - 30), trigger.start))
    return (word[-1:].lower() == "s"  # "where it clashes with dissidents": what it does
            and bool(_HABIT_IT_BEFORE.search(text, max(0, trigger.start - 30), trigger.start)))


_INFLECTED = re.compile(r"(?:ed|ing|s)$", re.I)
_BEEN_BEFORE = re.compile(r"\b(?:has|have)\s+(?:long\s+|also\s+)?been\s+$", re.I)
# "HAS REPEATEDLY BOMBED THE PIPELINE", "who had been fighting ... for several years"
_REPEATED_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:also\s+)?(?:repeatedly|often|frequently|"
                              r"regularly|routinely)\s+(?:been\s+)?$|"
                              r"\b(?:stepped|step|stepping|ramped)\s+"
                              r"up\s+(?:(?:their|its|his|the)\s+)?(?:[\w-]+\s+)?$|\b(?:who|which|that)\s+(?:had|have|"
                              r"has)\s+(?:long\s+)?been\s+$", re.I)
_HABIT_IT_BEFORE = re.compile(r"\b(?:(?:where|which|that|as)\s+(?:it|he|she)|who)\s+"
                              r"(?:\w+ly\s+|also\s+|still\s+)?$", re.I)
# "where they steal cattle, kidnap for ransom": a list of what they do
_HABIT_BEFORE = re.compile(r"\b(?:they|who|often|regularly|routinely|frequently|usually|"
                           r"sometimes)\s+(?:also\s+|often\s+|still\s+)?"
                           r"(?:[\w-]+(?:\s+[\w-]+){0,2},\s+(?:and\s+)?)?$",
                           re.I)


def _generic(text: str, trigger: TriggerMatch | None, casualties: Sequence[Casualty],
             date: EventDate | None) -> bool:
    """Whether a clause tells of a kind of incident in general: its trigger a plural noun
    ("arbitrary arrests", "terrorist attacks") not counted ("two attacks"), no people counted
    and no day or week of its own ("this year" is none)."""
    if trigger is not None and _GOES_ON.match(text, trigger.end):
        return True  # "clashes continue in rural areas": a state of things, no incident
    if (trigger is not None and not casualties and (date is None or date.inherited)
            and text[trigger.end - 1 : trigger.end].lower() == "s"
            and _KINDS_BEFORE.search(text, max(0, trigger.start - 30), trigger.start)):
        return True  # "largely from air strikes and search operations", "including air
        # strikes that hit civilians": kinds of harm named, no incident told
    return (trigger is not None and not casualties
            and (date is None or date.inherited or date.time_precision == 3)
            and bool(_GENERIC_PLURAL.search(text[trigger.start : trigger.end]))
            and not _verb(text, trigger)
            and not _COUNTED_BEFORE.search(text, max(0, trigger.start - 40), trigger.start)
            and not _COUNTED_BEFORE.search(text, trigger.start, _last_word(text, trigger)))


def _last_word(text: str, trigger: TriggerMatch) -> int:
    """Where a trigger's last word starts: "discovered and defused [11] improvised explosive
    devices" counts its plural inside the trigger."""
    space = text.rfind(" ", trigger.start, trigger.end)
    return trigger.start if space < 0 else space + 1


# A clause that updates an incident's toll: its date is the update's, not the incident's.
_WOUNDED_UPDATE = re.compile(  # "RAISES THE NUMBER OF WOUNDED IN THE LINCE BLAST TO 27"
    rf"(?:{WOUNDED_TOLL}|{HELD_TOLL})[^.;]{{0,100}}?\b(?:to|at|{TOLL_RISE})\b", re.I)  # or held
_TOLL_UPDATE = re.compile(rf"\b{TOLL_WORDS}\b[^.;]{{0,100}}?\b(?:{TOLL_RISE}|to|at)\b", re.I)
# Words that point back to an incident told before ("killed in the attack", "the blast").
_BACK_REFERENCE = re.compile(
    r"\b(?:the|that|this|its|[\w-]+'s)\s+(?:[\w-]+\s+)?(?:attacks?|blasts?|explosions?|"
    r"bombings?|raids?|ambush|(?:air\s?)?strikes?|clash(?:es)?|shooting|assault|incident|"
    r"violence|fighting|massacre)\b", re.I)
# A count in the present perfect past the story's opening sentences, with no date of its own
# ("More than 300 fighters and about 70 civilians have been killed in Lebanon"): a tally.
_PERFECT = re.compile(r"\b(?:have|has)\s+(?:now\s+|so far\s+|also\s+)?(?:been\s+)?(?:killed|died|"
                      r"lost their lives|wounded|injured)\b", re.I)


def _month_tally(counts: Sequence[Casualty], date: EventDate | None) -> bool:
    """Whether a clause counts a month's or a year's dead, not an incident's: ``MONTH_TALLY`` or
    more dated by its own month or year and no day ("more than 1,000 Iraqis were killed in
    February alone")."""
    return (date is not None and not date.inherited and date.time_precision == 3
            and clause_fatalities(counts) >= MONTH_TALLY)


def _perfect_tally(clause: str, index: int, date: EventDate | None) -> bool:
    return (index >= _OPENING_SENTENCES and (date is None or date.inherited)
            and bool(_PERFECT.search(clause)) and not _BACK_REFERENCE.search(clause))


# The running total a clause ends with: the count before it is the incident's, the total is not
# ("bringing the death toll since April to more than 1,000"); without a period the toll is the
# incident's own ("bringing the death toll to 10").
_RUNNING_TOTAL_TAIL = re.compile(
    r",?\s+(?:bringing|raising|taking|pushing|lifting)\s+the\s+(?:overall\s+|total\s+)?"
    r"(?:death\s+|casualty\s+)?(?:toll|number of (?:dead|deaths))\b[^.;]*", re.I)
_PERIOD = re.compile(r"\b(?:since|so far|this (?:year|month|week)|last (?:year|month)|"
                     r"in total|to date|across)\b", re.I)  # not "the overall death toll to 33"

def _inside(items: Sequence[tuple[Span, _T]], clause: tuple[int, int]) -> list[tuple[Span, _T]]:
    """The items whose span lies inside ``clause``; ``items`` are sorted by span start."""
    first = bisect_left(items, clause[0], key=lambda item: item[0].start)
    last = bisect_left(items, clause[1], key=lambda item: item[0].start)
    return [(s, v) for s, v in items[first:last] if s.end <= clause[1]]


def _span_scores(article: _Article, fields: Sequence[Grounded]) -> list[float | None]:
    """The scores of the distinct spans ``fields`` came from, each span once."""
    return [article.scores.get(key) for key in _field_keys(fields)]


def _pronoun_subject(
    text: str, clause: tuple[int, int], previous: Draft | None, index: int
) -> Actor | None:
    """``They have since seized ...``: the previous sentence's actor1 is this clause's agent."""
    if previous is None or previous.sentence_index < index - 1:
        return None
    if not re.match(r"(?:they|it|he|she)\b(?!\s+(?:say|says|said|claim|claims|claimed)\b)",
                    text[clause[0] : clause[1]], re.I):
        return None
    return previous.event.actor("actor1")


def clause_fatalities(casualties: Sequence[Casualty], *, kind: str = "killed") -> int:
    """ACLED-style fatalities of one clause: the sum of its killed counts that are not part of
    another count; the largest part when all are parts. ``kind`` counts the injured or the
    detained the same way.

    >>> c = [Casualty(start=0, end=1, text="x", confidence=1, kind="killed", min=327),
    ...      Casualty(start=2, end=3, text="y", confidence=1, kind="killed", min=44, subset=True)]
    >>> clause_fatalities(c)
    327

    A plural noun alone ("civilians", read as ``PLURAL_COUNT``) beside a count of the same kind
    names the group the count is of, and adds nothing ("killing 10 of the police officers").
    """
    killed = [c for c in casualties if c.kind == kind]
    if any(c.qualifier not in (PLURAL, SINGULAR) for c in killed):  # "at least 35 people ...,
        killed = [c for c in killed if c.qualifier != PLURAL]  # all civilians": the group
    whole = [conservative_count(c.min, c.max) for c in killed
             if not c.subset and c.qualifier != SINGULAR]
    parts = [conservative_count(c.min, c.max) for c in killed if c.subset]
    if any(c.qualifier == SINGULAR and not c.subset for c in killed):
        whole.append(1)  # people named without a number: one person, named again and again
    return sum(whole) if whole else max(parts, default=0)


def _trigger(text: str, match: TriggerMatch | None) -> Trigger | None:
    if match is None:
        return None
    return Trigger(start=match.start, end=match.end, text=text[match.start : match.end],
                   confidence=field_confidence(match.entry.prior, None), lexeme=match.entry.id)


def _location(text: str, span: Span, place: Place | None) -> Location:
    surface = text[span.start : span.end]
    if place is None:
        return Location(start=span.start, end=span.end, text=surface,
                        confidence=field_confidence(PLACE_PRIORS["unplaced"], span.score),
                        name=" ".join(surface.split()), latitude=None, longitude=None,
                        country=None, country_code=None, admin1=None, geo_precision=None,
                        source=None)
    place = as_acled_codes(place)
    return Location(start=span.start, end=span.end, text=surface,
                    confidence=field_confidence(place.prior, span.score),
                    name=place.name, latitude=place.latitude, longitude=place.longitude,
                    country=place.country, country_code=place.country_code, admin1=place.admin1,
                    admin2=place.admin2, geo_precision=place.geo_precision, source=place.source)


_CLOCK = re.compile(r"\b(?:at|about|around|by|until|before|after)\s+(?:about\s+)?"
                    r"(?:[01]\d|2[0-3])[0-5]\d(?:\s+hours?)?$", re.I)


# A place named after a day: "the 5 July Stadium", "26 July Avenue", "October 6 Bridge".
_NAMED_AFTER_DAY = re.compile(r"\s+(?-i:Stadium|Square|Street|Avenue|Bridge|Road|Boulevard|"
                              r"Airport|Hospital|University|Park|Mosque|Brigade|Movement|"
                              r"Battalion|Division)\b")


_DAY_OF_INCIDENT = re.compile(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?{_INCIDENT_NOUN}"
                              r"(?!\s+(?:plans?|plots?|warnings?|threats?|anniversary|trials?)\b)",
                              re.I)


_CAUSE_BEFORE = re.compile(r"\b(?:in response to|in retaliation for|in the wake of|after|following|"
                           r"since|followed|amid|over|against|condemning|protesting|mourning)\s+"
                           r"(?:the\s+)?$", re.I)


def _usable(text: str, span: Span) -> bool:
    """Whether a DATE span can date an event: not possessive unless it names the incident, not
    after a comparative since, not a relative date quoted from someone ("this afternoon" said on
    another day), not a place named after a day."""
    if re.match(r"['’]s\b", text[span.end : span.end + 2]):
        return bool(_DAY_OF_INCIDENT.match(text, span.end)  # "Tuesday's announcement" is no
                    and not _CAUSE_BEFORE.search(text, max(0, span.start - 30), span.start))
        # incident's day; "the toll from Tuesday's suicide bombing" is; "a protest in response
        # to yesterday's mass shooting" names the protest's cause, not its day
    if _CLOCK.search(text, max(0, span.start - 12), span.end):
        return False  # "surrounded the town at 2000": a time of day, not a year
    if _quoted(text, span.start) and not re.search(r"\d", text[span.start : span.end]):
        return False
    if _NAMED_AFTER_DAY.match(text, span.end):
        return False  # "the 5 July Stadium", "30 June Street": a name, not a day
    before = text[max(0, span.start - 60) : span.start]
    if re.search(r"\b(?:born|(?:re-?)?elected|appointed|founded|established|formed|sworn in|"
                 r"inaugurated|married|graduated)\s+(?:in|on)\s+$", before, re.I):
        return False  # "a man born in 1961", "the mayor, who was elected in 1986": a life's
        # dates, not an incident's
    return not (re.search(r"\bsince\s+(?:the\s+)?$", before, re.I)
                and len(_COMPARATIVE.findall(before)) > 1)


def _other_date(article: _Article, sentence: tuple[int, int],
                told: Sequence[tuple[Span, DateValue | None]]) -> bool:
    """Whether the sentence has a usable DATE span besides the reporting dates ``told``."""
    spans = {s for s, _ in told}
    return any(s not in spans and _usable(article.text, s) and not _in_dateline(article, s)
               for s, _ in _inside(article.dates, sentence))


# The day words a clause may date its incident by when the tagger marked none ("... YESTERDAY
# ATTACKED A PEASANT COMMUNITY").
_DAY_WORD = re.compile(r"\b(?:yesterday|last night|this (?:morning|afternoon|evening)|"
                       r"earlier today|early today|tonight)\b(?!['’]s)", re.I)  # not "yesterday's"
# A count someone claims, not one reported: "Taliban spokesperson Zabiullah Mujahid claimed 190
# were dead", "the rebels claimed to have killed 30 soldiers" (not "claimed responsibility",
# "claimed the lives of 12"); or the count a claim of the attack gives: "The Pakistani Taliban
# claimed responsibility in a statement, saying its fighters had killed nine police officers".
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)\b(?!\s+(?:responsibility|credit|the lives|lives))"
                      r"[^.;]{0,40}$|"
                      r"\bclaim(?:ed|s|ing)\s+(?:responsibility|credit)\b[^.;]{0,80}?"
                      r",\s+saying\b[^.;]{0,60}$", re.I)
# A first figure and the one that replaced it, in one clause: "Initial reports spoke of nine
# dead, but police found 14 bodies".
_BUT_LATER = re.compile(r"\b(?:initial(?:ly)?|earlier|at first|first reports?)\b[^.;]{0,120}?,?\s+"
                        r"but\b", re.I)
# ... or one a clause says is unverified: "that it had killed 20 soldiers, a figure that could
# not be independently verified".
_NOT_VERIFIED = r"could not (?:be )?(?:independently )?(?:verif|confirm)"
_UNVERIFIED = re.compile(rf"\b{_NOT_VERIFIED}\w*|\bunverified\b", re.I)
# ... or the next sentence says so: "saying it had killed 30 soldiers. The claim could not be
# independently verified."
_CLAIM_UNVERIFIED = re.compile(
    rf"\s*(?:The|This|That|Its|Their) (?:claim|figure|toll|account)s? {_NOT_VERIFIED}", re.I)
# A day still to come: "would be arraigned on Monday", "will appear in court on Friday".
_FUTURE_BEFORE = re.compile(r"\b(?:will|would|shall|(?:due|set|scheduled|expected) to)\s+"
                            r"(?:be\s+)?\w+(?:\s+\w+){0,3}?\s+(?:on|by|next)\s+$|"
                            r"\bto be\s+\w+\s+(?:on|by)\s+$", re.I)  # "to be held on"
# A date of the report, not of the incident, when the sentence has another: "said on Monday",
# "Briefing journalists on Thursday", "By Wednesday morning the ministry said 26 people had been
# killed", "reports received in Huancayo yesterday", "By reports on Saturday".
_REPORTED_ON = re.compile(
    r"\b(?:said|says|told|reported|announced|added|confirmed|stated|claimed|briefing|"
    r"addressing|statement|speaking|issued|released|broadcast)\s+(?:\w+\s+)?"
    r"(?:on|late on|early on)?\s*$|(?:^|[.;]\s+|\n)by\s+$|"
    r"\breports?\s+(?:late\s+|early\s+)?on\s+$|"  # "By reports on Saturday, two ... died"
    r"\breceived\s+(?:(?:in|at|by)\s+[\w.-]+\s+)?$|"
    r"\b(?:gmt|utc)\s+on\s+$|"  # "[EDITORIAL REPORT] ... AT 1900 GMT ON 9 AUGUST 1994 CARRIES"
    # "according to survivors who reached Huanta yesterday"
    r"\bwho\s+(?:reached|arrived\s+in|arrived\s+at|fled\s+to|escaped\s+to)\s+"
    r"(?:[\w.'’-]+\s+){0,3}$|"
    # "according to an army statement read on state television on Monday"
    r"\b(?:statement|communiqu[eé]|bulletin|broadcast)\s+(?:[\w-]+\s+){0,5}on\s+$", re.I)


# A day followed by who said something: the day of a statement ("On Tuesday, a military source
# said"), which a later sentence does not inherit.
_SAID_AFTER_DAY = re.compile(r",?\s+(?:it|he|she|they|police|officials|authorities|(?:the|a|an)\s+"
                             r"[\w-]+(?:\s+[\w-]+)?)\s+(?:said|says|announced|reported|confirmed|"
                             r"added|told)\b", re.I)


# The day the dead were found, not the day of the attack the sentence dates too: "THE BODIES
# OF 11 VILLAGERS WERE FOUND THIS MORNING ... AFTER GUERRILLAS RAIDED IT LATE YESTERDAY".
_FOUND_ON = re.compile(r"\b(?:found|discovered|recovered)\s+(?:[\w-]+\s+){0,4}?(?:on\s+)?$", re.I)


def _quoted(text: str, at: int) -> bool:
    """Whether offset ``at`` lies inside a quotation of its paragraph.

    >>> _quoted('He said: "this afternoon we mourn." Today', 12), _quoted('He said "no." Today', 14)
    (True, False)
    """
    paragraph = text[text.rfind("\n", 0, at) + 1 : at]
    if "“" in paragraph or "”" in paragraph:
        return paragraph.rfind("“") > paragraph.rfind("”")
    return paragraph.count('"') % 2 == 1


def _untagged_day(article: _Article, clause: tuple[int, int]) -> EventDate | None:
    """A ``_DAY_WORD`` of the clause that no DATE span marks, resolved against the release date
    (not one quoted, nor the day something was said)."""
    text = article.text
    m = _DAY_WORD.search(text, clause[0], clause[1])
    if (m is None or article.published is None or _quoted(text, m.start())
            or _REPORTED_ON.search(text[max(0, m.start() - 40) : m.start()])
            or any(s.start <= m.start() < s.end for s, _ in article.dates)):
        return None
    value = resolve_date(m[0], published=article.published)
    if value is None:
        return None
    return _date(text, Span(start=m.start(), end=m.end(), label="DATE"), value, inherited=False)


def _event_date(article: _Article, clause: tuple[int, int], trigger: TriggerMatch | None,
                casualties: Sequence[Casualty],
                sentence: tuple[int, int] | None = None) -> EventDate | None:
    text = article.text
    anchor = min([t.start for t in [trigger] if t] + [c.start for c in casualties])
    own = [(s, v) for s, v in _inside(article.dates, clause)
           if _usable(text, s) and not _in_dateline(article, s)
           and not _FUTURE_BEFORE.search(text, max(0, s.start - 40), s.start)
           and not _STATE_SINCE.search(text, max(0, s.start - 40), s.start)]
    told = [(s, v) for s, v in own if _REPORTED_ON.search(text[max(0, s.start - 40) : s.start])
            or _FOUND_ON.search(text[max(0, s.start - 40) : s.start])]
    if told and _other_date(article, sentence or clause, told):
        own = [sv for sv in own if sv not in told]  # "stormed ... overnight, residents said
        # on Monday": the sentence dates the incident elsewhere
    if article.published is not None:  # "that week", "two days later" unread: the incident
        own = [(s, v) for s, v in own if v is not None]  # takes an earlier or the published date
    if any(not _in_header(article, s) for s, _ in own):
        own = [(s, v) for s, v in own if not _in_header(article, s)]
    if all(sv in told for sv in own) and (day := _untagged_day(article, clause)):
        return day  # "YESTERDAY ATTACKED ..., SOURCES REPORTED TODAY": the day the tagger missed
    if own:
        resolved = [(s, v) for s, v in own if v is not None] or own
        fronted = [sv for sv in resolved if _FRONTED.fullmatch(text[clause[0] : sv[0].start])]
        span, value = fronted[0] if fronted and len(resolved) > 1 else min(
            resolved, key=lambda sv: abs(sv[0].start - anchor))  # "On Saturday, ... on Monday"
        since = re.search(r"\bsince\s+(?:the\s+)?$", text[clause[0] : span.start], re.I)
        if since and value is not None and anchor < span.start and article.published:
            end = max(value.end, article.published)
            value = DateValue(value.start, end, "month" if (end - value.start).days > 7 else
                              "week", value.method + "+since", value.prior)
        # "police said on Tuesday": the day of the report, which the incident's own day told
        # in a later clause outranks (``merge_events``)
        return _date(text, span, value, inherited=(span, value) in told)
    earlier = article.dates[: bisect_left(article.dates, clause[0], key=lambda d: d[0].start)]
    if (told_toll := _toll_of_recalled(article, sentence or clause, trigger, casualties,
                                       earlier)) is not None:
        return told_toll
    for span, value in reversed(earlier):
        if (value is not None and span.end <= clause[0] and _usable(text, span)
                and value.precision in _INHERITED_PRECISIONS
                and not _REPORTED_ON.search(text, max(0, span.start - 40), span.start)
                and not _SAID_AFTER_DAY.match(text, span.end)):
            # not the day a report came ("INITIAL REPORTS RECEIVED YESTERDAY", "On Tuesday, a
            # military source said a ninth soldier had died")
            return _date(text, span, value,
                         inherited=not _SAME_DAY_OPENING.match(text, clause[0], clause[1]))
            # "Hours later, a roadside bomb struck": that day is its own
    return None


def _toll_of_recalled(article: _Article, clause: tuple[int, int], trigger: TriggerMatch | None,
                      casualties: Sequence[Casualty],
                      earlier: Sequence[tuple[Span, DateValue | None]]) -> EventDate | None:
    """The old month or year of the sentence just before a toll with no date of its own ("The
    bombing, in late September 2019, tore through food stalls. | Six people died at the
    scene"): the toll of the incident just recalled, not of the story's day."""
    if (not any(c.kind in ("killed", "injured") for c in casualties)
            or (trigger is not None and trigger.entry.id not in _ONLY_HARM)):
        return None
    text, published = article.text, article.published
    begin, _ = sentence_before(text, clause[0])
    recalled = [(s, v) for s, v in earlier if s.start >= begin and v is not None
                and _usable(text, s) and not _in_dateline(article, s)]
    if (published is None or not recalled or "\n\n" in text[begin : clause[0]]
            or any(v.precision in _INHERITED_PRECISIONS for _, v in recalled)):
        return None
    span, value = recalled[-1]
    if (published - value.end).days <= BACKGROUND_DAYS:
        return None
    return _date(text, span, value, inherited=True)


# A date that tells since when people have been in a state dates no incident: "the release of
# trade unionists held since September".
_STATE_SINCE = re.compile(r"\b(?:held|detained|jailed|imprisoned|missing|displaced|in custody|"
                          r"in prison|behind bars|under arrest|besieged|closed|banned)\s+since\s+"
                          r"(?:the\s+)?$|\b(?:plott\w*|conspir\w*|collud\w*|collaborat\w*|wanted|"
                          r"hiding|at large|on the run)\b[^.;]{0,30}?\s+since\s+(?:the\s+)?$",
                          re.I)  # "accusing them of plotting a coup with exiles since 2019"
# A date that opens its clause dates what the clause tells ("On Saturday morning, a gunman shot
# shoppers ..., with the death toll rising to 22 on Monday"): the incident, not a later update.
_FRONTED = re.compile(r"\s*(?:(?:on|early|late|in|during|overnight|at|by)\s+)?(?:the\s+)?",
                      re.I)


def _date(text: str, span: Span, value: DateValue | None, *, inherited: bool) -> EventDate:
    surface = text[span.start : span.end]
    if value is None:
        return EventDate(start=span.start, end=span.end, text=surface,
                         confidence=field_confidence(UNRESOLVED_DATE_PRIOR, span.score),
                         date_start=None, date_end=None, precision=None, time_precision=None,
                         method="unresolved")
    return EventDate(
        start=span.start, end=span.end, text=surface,
        confidence=field_confidence(value.prior, span.score,
                                    discount=INHERITED_DATE_DISCOUNT if inherited else 1.0),
        date_start=value.start, date_end=value.end, precision=value.precision,
        time_precision=value.time_precision, inherited=inherited, method=value.method,
    )
