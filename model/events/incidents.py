"""Grouped incidents -> the table's events: a type for every event, a date and a place for every
event, and the incidents that are not events of the article left out.

- **Type.** A trigger that names its target's kind (``shooting``, ``attack``) becomes an armed
  clash when the people counted or attacked are armed (soldiers, police, militants) and an attack
  on civilians otherwise. An incident with no trigger is typed from what happened to the people
  it counts: only detentions -> Arrests; dead or injured with a sign of violence (an actor, or
  words such as ``gunmen``, ``shot``, ``bomb``) -> Attack on civilians or Armed clash as above.
  Anything else (an accident, a toll without a cause) has no type and is not emitted.
- **Not an event of the article**: a running total (``cumulative``), an incident whose own date
  ends more than ``BACKGROUND_DAYS`` before publication (background), and clauses about trials,
  threats, plans or anniversaries (``model/data/triggers.json``, ``not_event``). They are left
  out, or kept with ``excluded`` saying why when asked.
- **Date.** Without a date of its own or an earlier one, an event takes the publication date
  (``method`` ``published``), grounded in the dateline's span when the article has one.
- **Place.** Without a place in its clauses, an event takes the nearest place named before its
  first sentence (the previous sentence, the headline, the dateline), else the first the article
  names. An event placed in a country alone takes the nearest place named inside that country.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from model.events.actors import names_armed_side
from model.events.casualties import BOTH, DETAINED, INJURED, KILLED
from model.events.locations import country_name
from model.events.nationality import find_demonyms, find_groups
from model.events.roles import speaks
from model.events.sentences import sentence_before
from model.events.triggers import (
    ARMED_GROUP_NAMES,
    TriggerEntry,
    entry,
    find_triggers,
    lexemes_with,
    says_who,
    target_type,
)
from model.types import Event, EventDate, Location

BACKGROUND_DAYS = 30  # an incident dated further back than this is background, not news
_AFTERMATH_DAYS = 2  # in a story of a funeral or a visit, incidents this many days old or more
# ... and further back than this in a story whose headline tells of no event nor violence
# ("Prime Minister signs decree to ban face veils" recalls the bombings of June 27 that led to it)
QUIET_STORY_DAYS = 10
RECALLED_DAYS = 7  # an incident this much older than the story's lead one is recalled context
PUBLISHED_DATE_PRIOR = 0.6  # hand-set: how often a report's undated incident is the report's day

_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# The sub-event type of a typed incident whose trigger left it open.
_OPEN_SUB_TYPE = {"Battles": "Armed clash", "Explosions/Remote violence": "Air/drone strike"}
# Signs of violence: what was done, and who does it (a sentence naming either is no accident).
_VIOLENT_ACTS = (
    r"attack\w*|shot|shoot\w*|stabb\w*|bomb\w*|killed by|ambush\w*|raid\w*|massacre\w*|fighting|"
    r"clash\w*|air ?strikes?|shell\w*|explosi\w*|terror\w*|kidnap\w*|abduct\w*|rockets?|mortars?|"
    r"missiles?|artillery|snipers?|crossfire|grenades?|executed(?! (?:a|an|its|their) )|"
    r"murder\w*|gunfire|opened fire|open fire|under fire|mass graves?|stabs?|explosives?|"
    r"booby[- ]trap\w*|"
    r"IEDs?|landmines?|land mines?|minefields?|shrapnel|ramm(?:ing|ed)|machetes?|beaten|"
    r"(?:stepped on|hit|struck|ran over) an? (?:land ?)?mine|behead\w*|decapitat\w*|"
    r"hacked|lynch\w*|islamists?|torch(?:ed|es|ing)?|"
    # hostile fire, not a blaze: "wounded by Armenian fire", "fire fireworks at police"
    r"(?:enemy|hostile|heavy|small[- ]arms|automatic|machine[- ]gun|tank|\w+(?:ian|ean|ish|ese|i))"
    r" fire|fire[ds]? (?:[\w-]+ ){0,2}(?:at|on) (?:the )?(?:police|soldiers|troops|gendarmes|"
    r"security forces|officers)|"
    r"bod(?:y|ies)\b[^.;]{0,40}\b(?:found|discovered|dumped|recovered|exhumed)|"
    r"(?:found|discovered|dumped|recovered|exhumed)\b[^.;]{0,20}\bbod(?:y|ies)")
_ARMED_PEOPLE = (r"gunm[ae]n|militants?|insurgents?|rebels?|jihadists?|"
                 r"armed(?!\s+(?:police|forces?)\b)|assailants?|"  # not "the Armed Police Force"
                 r"soldiers|troops|militiam[ae]n|guerrillas?")
_VIOLENCE = re.compile(rf"\b(?:{_VIOLENT_ACTS}|{_ARMED_PEOPLE})\b", re.I)
_KILLED_BY_NATURE = re.compile(
    r"\bkilled by (?:a |an |the |falling |flying )?(?:landslides?|mudslides?|floods?|"
    r"flood ?waters?|walls?|rubble|debris|rocks?|trees?|waves?|avalanches?|lightning|collaps\w+|"
    r"the (?:quake|earthquake|storm|blast|fire))\b", re.I)
# A simile, no weapon: "It was like a bomb went off", "the street looked like a war zone".
_SIMILE = re.compile(r"\b(?:like|as if|as though)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+)?"
                     r"(?:bombs?|war|war ?zones?|battlefields?|explosions?|missiles?|bullets?|"
                     r"grenades?|shells?)\b", re.I)
_RULED_OUT = re.compile(r"\b(?:no (?:sign|signs|evidence|indication)s? of|ruled out|rule out|rules "
                        r"out|not caused by)\s+(?:an? |any )?(?:attack|sabotage|foul play|hostile "
                        r"fire|terrorism|violence|gunfire)(?:\s+or\s+(?:an? )?[\w-]+)?", re.I)
_AIRCRAFT = re.compile(r"\b(?:[\w-]+-era|vintage|heavy|strategic|B-\d+)\s+bombers?\b", re.I)
_WILD = (r"(?:lions?|tigers?|bears?|sharks?|elephants?|crocodiles?|snakes?|dogs?|leopards?|hippos?|"
         r"wolves|bulls?|boars?|buffalo(?:es)?)")
_BY_ANIMAL = (rf"(?:killed|mauled|attacked) by (?:a |an |the |his |her |their )?{_WILD}|"
              rf"\b{_WILD}\s+(?:\w+\s+)?(?:attack(?:s|ed)?|maul(?:s|ed)|kill(?:s|ed)|gor(?:es|ed)|"
              r"trampl(?:es|ed)|bit|bites)")  # "killed by his lions", "A bear attacked four people"
# Words of harm done beyond the casualty verbs (``KILLED``, ``INJURED``): the violent acts and
# a few more ("fatally shot two policemen", "shot in the back of the head"), not the people
# who do them ("would send 500 more troops" tells of no harm).
_HARM = re.compile(
    rf"\b(?:{_VIOLENT_ACTS}|fatally|gunned|behead\w*|execut\w*|blast\w*|explo\w*|"
    r"fired (?:at|on)|tortur\w*|beaten|lynch\w*|hacked|burn(?:ed|t) alive)\b", re.I)
_ACCIDENT = re.compile(
    r"\b(?:fire|blaze|crash(?:ed|es)?|collisions?|collid(?:ed|es|ing)|head-on|lost control|"
    r"reckless driving|(?:hit|struck|run over|knocked down|mown down) by (?:a |an |the )?"
    r"(?:car|truck|lorry|bus|vehicle|van|train|motorcycle)|went down|fireworks|firecrackers|"
    r"gas cylinders?|boilers?|fuel tankers?|short circuit|industrial accident|methane|"
    r"collaps(?:e|es|ed|ing)|"
    r"flood(?:s|ing)?|earthquakes?|quakes?|seismic|aftershocks?|"
    r"landslides?|(?:tropical|winter|snow|rain|dust|ice|severe) storms?|typhoon|hurricane|"
    r"accident(?:al|ally|s)?|drown(?:ed|ing)|gas leak|overshot|power lines|while working|"
    r"electrocut\w*|fell (?:from|off|into)|travelator|escalator|"
    r"derail(?:ed|ment)|stampede|capsized|overturn(?:ed|ing|s)?|plung(?:ed|es|ing)|skidded|"
    r"rolled over|crash-land\w*|gas explosions?|household gas|(?:ammunition|arms|munitions) "
    r"depots?|overheat\w*|"
    r"ran off the road|ravine|gorge|lightning|shipwreck|outbreaks?|epidemics?|pandemic|disease|"
    r"measles|"
    r"cholera|ebola|covid(?:-19)?|coronavirus|virus|infect(?:ed|ions?|ing)|overdoses?|"
    r"heat ?wave|cardiac arrest|heart attack|hurricanes?|cyclones?|tornado(?:es)?|tsunami|"
    rf"volcan\w*|avalanche|eruption|{_BY_ANIMAL})\b")  # over lower-case text: faster than re.I
_NEUTRAL_BESIDE_ACCIDENT = re.compile(  # an explosion, bodies found: after a gas leak, a flood
    r"explosions?|.*\bbod(?:y|ies)\b.*", re.I)  # not "explosives": a bomb's, not a leak's
# Beside a crash or a natural disaster (not a fire), soldiers are the dead or the rescuers, not a
# side that did harm: "soldiers were killed when an army helicopter crashed", "soldiers joined
# the search" after a landslide.
_SERVICE_PEOPLE = re.compile(r"soldiers|troops", re.I)
_DISASTER = re.compile(
    r"\b(?:crash(?:ed|es)?|collisions?|collid(?:ed|es|ing)|head-on|landslides?|flood(?:s|ing)?|"
    r"earthquakes?|quakes?|avalanche|tsunami|typhoon|hurricanes?|cyclones?|capsized|"
    r"derail(?:ed|ment)|drown(?:ed|ing)|went down|crash-land\w*|plung(?:ed|es|ing)|"
    r"overturn(?:ed|ing|s)?|eruptions?|volcan\w*|wildfires?|bushfires?|forest fires?|outbreaks?|"
    r"epidemics?|cholera|ebola|dengue|measles|malaria)\b")  # over lower-case text


def finish_incidents(
    events: Sequence[Event],
    text: str,
    *,
    published: dt.date | None,
    places: Sequence[Location],
    dateline: EventDate | None,
    issued: Sequence[Location] = (),
    keep_excluded: bool = False,
    story: str | None = None,
    headline: str = "",
) -> list[Event]:
    """Type, date and place each grouped incident; drop those that are not events; renumber.

    ``places``: every placed LOCATION of the article, in text order, but those of a dateline,
    ``issued``: where the release was issued, an event's place only when the article names no
    other; ``dateline``: the date of the article's dateline, if it has one. ``keep_excluded``:
    keep running totals, background, trials and threats, marked with ``excluded`` (untyped
    incidents are dropped either way).
    ``headline``: the article's first sentence; an accident it tells of ("boat fire") makes
    deaths told without a sign of violence no event. ``story``: why the headline is no event (a
    trial, a warrant, a plan); then an incident without a day of its own is the story's
    background ("sentenced for the attack in which he killed ...") and is kept out for the
    same reason.
    """
    finished = []
    quiet: list[bool] = []  # whether the headline tells of no event nor violence, read once
    for event in events:
        typed = _typed(event, text, headline)
        if typed is None:
            continue
        reason = typed.excluded or _exclusion(typed, published)
        if reason is None and _exclusion(typed, published, QUIET_STORY_DAYS) is not None:
            if not quiet:
                quiet.append(bool(headline) and not find_triggers(headline) and not any(
                    p.search(headline) for p in (_VIOLENCE, _HARM, KILLED, INJURED, DETAINED)))
            reason = "background" if quiet[0] else None
        if reason is None and story is not None and (
                typed.date is None or typed.date.inherited or typed.date.time_precision == 3
                or (story == "aftermath" and published is not None and typed.date.date_end
                    is not None and (published - typed.date.date_end).days > _AFTERMATH_DAYS)):
            reason = story  # told without a day of its own, or days before a funeral or a
            # visit the story tells: the story's background
        if reason is not None and not keep_excluded:
            continue
        typed = typed.model_copy(update={"excluded": reason})
        finished.append(_by_nationality_too(
            _narrowed(_placed(_dated(typed, published, dateline), places or issued, text),
                      places, issued), text))
    finished = _recalled(finished)
    if not keep_excluded:
        finished = [e for e in finished if e.excluded is None]
    return [e.model_copy(update={"id": f"E{i}"}) for i, e in enumerate(finished, start=1)]


def _narrowed(event: Event, places: Sequence[Location],
              issued: Sequence[Location] = ()) -> Event:
    """An event placed in a country alone takes the nearest place the article names inside that
    country, the ones before it first at equal distance ("... in Saudi Arabia" -> Abqaiq, named
    in the headline): the most specific place the article supports. An event whose place no
    gazetteer knows takes the nearest place that one knows, else where the release was issued
    (``issued``)."""
    if not event.locations or event.locations[0].admin1 is not None:
        return event
    country = event.locations[0].country_code
    if country is None and issued and not any(p.country_code for p in places):
        places = issued
    inside = [p for p in places if p.country_code and (p.country_code == country or not country)
              and (p.admin1 or not country)]
    if not inside:
        return event
    start = min(s.start for s in event.sentences)
    end = max(s.end for s in event.sentences)

    def distance(place: Location) -> tuple[int, bool]:
        if start <= place.start < end:
            return 0, False
        return (start - place.end, False) if place.end <= start else (place.start - end, True)

    return event.model_copy(update={"locations": (min(inside, key=distance), *event.locations)})


# Measured, not chosen (``bench/place_priors.py``, 2026-12-06): the share of the events so placed
# that lay in the row's country, over the 4,404 Wikipedia incident rows outside the silver set:
# a nationality of the actors or the counted 121 of 161, one in the event's sentences 39 of 52, a
# single-country group 90 of 100.
_NATIONALITY_PRIOR = 0.75
_SENTENCE_PRIOR = 0.75
_GROUP_PRIOR = 0.90


def _by_nationality_too(event: Event, text: str) -> Event:
    """An event whose place no gazetteer knows ("the Lake Chad region") also takes the country
    its actors, victims or armed group name ("Two Chadian soldiers"), first, before that place."""
    if not event.locations or event.locations[0].country_code is not None:
        return event
    placed = _by_nationality(event.model_copy(update={"locations": ()}), text)
    return placed.model_copy(update={"locations": (*placed.locations, *event.locations)})


def _by_nationality(event: Event, text: str) -> Event:
    """An event in an article that names no place, placed in the country its actors or the
    people it counts are named by ("killed two Malian soldiers" -> Mali), else in the country of
    the single-country armed group that acted ("Boko Haram jihadists" -> Nigeria), else by such
    words anywhere in its sentences; grounded in the words, at country precision."""
    fields = [(f.start, f.end) for f in (*event.casualties, *event.actors)]
    actors = [(a.start, a.end) for a in event.actors]
    sentences = [(s.start, s.end) for s in event.sentences]
    for spans, finder, prior in ((fields, find_demonyms, _NATIONALITY_PRIOR),
                                 (actors, find_groups, _GROUP_PRIOR),
                                 (sentences, find_demonyms, _SENTENCE_PRIOR),
                                 (sentences, find_groups, _GROUP_PRIOR)):
        for field_start, field_end in spans:
            for a, b, code in finder(text[field_start:field_end]):
                start, end = field_start + a, field_start + b
                if _SERVING_ABROAD.match(text, end):
                    continue  # "Five Togolese peacekeepers": serving in another country
                place = Location(start=start, end=end, text=text[start:end], confidence=prior,
                                 name=country_name(code) or code, latitude=None, longitude=None,
                                 country=country_name(code), country_code=code, admin1=None,
                                 geo_precision=3, source="geonames")
                return event.model_copy(update={"locations": (place,)})
    return event


_SERVING_ABROAD = re.compile(r"\s+(?:UN\s+|U\.N\.\s+|United Nations\s+|AU\s+|African Union\s+)?"
                            r"(?:peacekeep\w*|blue\s+helmets?|contingents?)\b", re.I)


def _recalled(events: list[Event]) -> list[Event]:
    """Mark as background the incidents the story recalls: dated more than ``RECALLED_DAYS``
    before its lead incident (the first one kept, with a date of its own)."""
    lead = next((e.date.date_start for e in events if e.excluded is None and _own_date(e)), None)
    if lead is None:
        return events
    return [e.model_copy(update={"excluded": "background"})
            if e.excluded is None and _own_date(e) and e.date.date_end is not None
            and (lead - e.date.date_end).days > RECALLED_DAYS else e for e in events]


def _own_date(event: Event) -> bool:
    date = event.date
    return (date is not None and not date.inherited and date.method != "published"
            and date.date_start is not None)


def _targets(event: Event) -> str:
    """The words for the people an event counts or acts on: its victims, and its actor2 where
    the victims' words say nothing of who they were ("killing two" beside "the police")."""
    words = ([c.text for c in event.casualties if c.kind in ("killed", "injured")]
             or [c.text for c in event.casualties if c.kind != "detained"])  # not "[a group of
    # terrorists] attacked", read as neither
    if any(re.search(r"\bothers?\b", w, re.I) for w in words):  # "detained an insurgent and
        words += [c.text for c in event.casualties if c.kind == "detained"]  # killed two others"
    said = " ".join(words)
    if not says_who(said):
        said = " ".join([said, *(a.text for a in event.actors if a.role == "actor2")])
    return said


# Triggers whose words have many senses besides violence ("attacked the plan", "a battle with
# cancer", "killed the bill", "sexual abuse" as a policy topic).
_MANY_SENSES = lexemes_with("many_senses")


def _unsupported(event: Event, text: str) -> bool:
    """A trigger with nothing of an incident around it: nobody hurt or held, no armed side, and
    no place in its clauses; for protests, no place and no date of its own; for violence, a
    trigger of many senses. "Trump attacked the investigation", "a battle with cancer", "the
    bill has sparked protests"."""
    harmed = event.fatalities + event.injured + event.detained + _unread(event, text)
    if harmed or names_armed_side(event.actors) or event.locations:
        return False
    if event.event_type in ("Protests", "Riots"):
        return event.date is None or event.date.inherited
    return event.trigger is not None and event.trigger.lexeme in _MANY_SENSES


# Ordinary crime: ACLED codes arrests of political weight, not those for a theft or a drug deal.
_ANIMAL = r"(?:elephant|jackal|tiger|leopard|rhino|dog|animal|bear|lion)"
_CRIME = re.compile(
    r"\b(?:theft|thefts|stole|stolen|robber(?:y|ies)|burglar\w*|fraud|drugs?|narcotics|"
    r"domestic violence|smuggl\w*|poach\w*|embezzl\w*|brib\w*|money laundering|shoplift\w*|"
    r"drunk\w*|speeding|counterfeit\w*|reckless driving|(?:the|its|bus|truck|lorry) driver|"
    r"scams?|scammers?|cheat(?:ed|ing)|swindl\w*|ponzi|"
    rf"(?:death|killing) of (?:an? |the )?(?:[\w-]+ ){{0,3}}{_ANIMAL}s?|"
    rf"{_ANIMAL}(?:'s|’s)? death)\b", re.I)


def _ordinary_crime_arrest(event: Event, text: str, headline: str = "") -> bool:
    """Arrests told with the words of ordinary crime and no rebel, militia, protester or army
    among the actors ("police arrested a second man in connection with the theft of a gold
    toilet")."""
    if event.sub_event_type != "Arrests" or any(
            a.actor_type in _POLITICAL or _SOLDIERS.search(a.text) for a in event.actors):
        return False  # a rebel, a protester, or an army among the actors
    held = " ".join(c.text for c in event.casualties)
    said = _said(event, text)
    return not _POLITICAL_PEOPLE.search(held) and bool(
        _CRIME.search(said) or _PRIVATE.search(f"{headline} {said}"))


def _robbery(event: Event, text: str, headline: str = "") -> bool:
    """Harm told as a robbery, with nobody killed ("Two masked men armed with a handgun robbed a
    bank")."""
    return not event.fatalities and _ordinary_crime(event, text, headline, _ROBBERY)


def _ordinary_crime(event: Event, text: str, headline: str, words: re.Pattern[str]) -> bool:
    """Harm told with ``words`` of ordinary crime, which ACLED does not code, with no armed
    group, protester or army among its actors nor in its words."""
    if any(a.actor_type in _POLITICAL or _SOLDIERS.search(a.text) for a in event.actors):
        return False
    said = f"{headline} {_said(event, text)}"
    return bool(words.search(said)) and not _POLITICAL_PEOPLE.search(said)


_ROBBERY = re.compile(
    r"\b(?:robbers?|robbed|robber(?:y|ies)|hold(?:s|ing)? up|held up|heists?|burglar\w*|"
    r"thie(?:f|ves))\b", re.I)


# Actors and people held whose arrest is political whatever the charge.
_POLITICAL = frozenset({"rebel group", "political militia", "identity militia", "protesters",
                        "rioters"})
_POLITICAL_PEOPLE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|jihadists?|fighters?|militia\w*|protesters?|"
    r"protestors?|demonstrators?|activists?|journalists?|opposition|dissidents?|separatists?|"
    rf"guerrillas?|terror\w*|{ARMED_GROUP_NAMES}|facilitators?|operatives?|bomb-?makers?)\b",
    re.I)
_SOLDIERS = re.compile(r"\b(?:forces?|troops|army|military|coalition|soldiers)\b", re.I)


def _typed(event: Event, text: str, headline: str) -> Event | None:
    if event.event_type is not None:
        found = _entry(event)
        if event.event_type in _VIOLENT_TYPES and _accident(event, text, headline):
            return None  # "a helicopter strikes power lines and crashes"
        if (_unsupported(event, text) or _ordinary_crime_arrest(event, text, headline)
                or (event.sub_event_type == "Attack" and _robbery(event, text, headline))
                or (event.event_type in _VIOLENT_TYPES
                    and _ordinary_crime(event, text, headline, _PRIVATE))):
            return None
        if event.sub_event_type == "Arrests" and _accident(event, text, headline):
            return None  # "police detained the driver" of a bus that overturned
        if event.sub_event_type == "Abduction/forced disappearance" and event.fatalities:
            return event.model_copy(update={"sub_event_type": "Attack"})
        if _raid_to_arrest(event) or _capture_to_arrest(event):  # "arrested 14 Palestinians
            # in overnight raids", "Seven members of the Clan del Golfo captured" by the police
            return event.model_copy(update={"event_type": "Strategic developments",
                                            "sub_event_type": "Arrests"})
        if event.sub_event_type is None:
            return _unknown_sub_type(event, text, headline)
        pair = target_type(found, _targets(event)) if found else None
        if pair is None:
            return event
        return event.model_copy(update={"event_type": pair[0], "sub_event_type": pair[1]})
    pair = _untriggered_type(event, text, headline)
    if pair is None:
        return None
    return event.model_copy(update={"event_type": pair[0], "sub_event_type": pair[1]})


# A private quarrel: "a friend who owed him money was found stabbed to death".
_PRIVATE = re.compile(
    r"\b(?:owed (?:him|her|them|the [\w-]+) (?:money|[\w,]+ (?:rupees|dollars|baht|pesos|naira|"
    r"shillings|euros|pounds))|(?:over|about|to repay) (?:(?:a|an|the|his|her) )?"
    r"(?:unpaid |gambling )?debts?|personal (?:dispute|quarrel|feud|grudge)|"
    r"domestic (?:dispute|quarrel)|love "
    r"(?:affair|triangle)|(?:out of|over) jealousy|inheritance dispute)\b", re.I)


def _raid_to_arrest(event: Event) -> bool:
    """A raid in which people were held and nobody was hurt is the arrests made in it."""
    return (event.sub_event_type == "Armed clash" and event.trigger is not None
            and bool(re.match(r"raid", event.trigger.text, re.I)) and event.detained > 0
            and not event.fatalities and not event.injured)


def _capture_to_arrest(event: Event) -> bool:
    """People captured by state forces, and nobody hurt: arrests, not a place taken. The people
    held are counted next to the verb ("Seven members ... captured", "captured seven")."""
    trigger = event.trigger
    if (event.event_type != "Battles" or trigger is None or trigger.lexeme != "capture"
            or not event.detained or event.fatalities or event.injured
            or not any(a.actor_type == "state forces" for a in event.actors)):
        return False
    return any(c.kind == "detained" and (0 <= trigger.start - c.end <= _HELD_REACH
                                         or 0 <= c.start - trigger.end <= _HELD_REACH)
               for c in event.casualties)


_HELD_REACH = 40  # characters between people held and the verb that captured them


def _unknown_sub_type(event: Event, text: str, headline: str) -> Event | None:
    """A trigger that leaves the sub-event type open: a change of territory whose side is
    unknown, a bare "strike". Fighting or an air strike when anyone armed or hurt, else none.

    Territory changes hands between armed groups; "took over", "under control" or "seized"
    with no armed actor and nobody hurt is not one ("the fire was brought under control"),
    nor is a strike that hurt nobody and names no armed side (a labour or hunger strike).
    """
    harmed = event.fatalities + event.injured + _unread(event, text)
    armed = names_armed_side(event.actors)
    if (not harmed and not armed) or _accident(event, text, headline):
        return None
    if event.event_type == "Battles" and not armed:  # "stormed a village, killing ..."
        shooting = entry("shooting")
        pair = target_type(shooting, _targets(event)) if shooting else None
        if pair is None or pair[0] != "Battles":
            return event.model_copy(update={"event_type": "Violence against civilians",
                                            "sub_event_type": "Attack"})
    sub = _OPEN_SUB_TYPE.get(event.event_type or "")
    return event.model_copy(update={"sub_event_type": sub}) if sub else None


def _entry(event: Event) -> TriggerEntry | None:
    if event.trigger is None:
        return None
    return entry(event.trigger.lexeme)


def _untriggered_type(event: Event, text: str, headline: str) -> tuple[str, str] | None:
    """The type of an incident that no trigger typed, from the people it counts."""
    harmed = event.fatalities + event.injured + _unread(event, text)
    if not harmed:
        return ("Strategic developments", "Arrests") if event.detained else None
    if _robbery(event, text, headline):
        return None  # "Armed robbers hold up a bank": ordinary crime
    sides = [a for a in event.actors if not speaks(text, a.end)]  # not "..., police reported"
    if ((not names_armed_side(sides) and not _VIOLENCE.search(_said_with_cause(event, text)))
            or _accident(event, text, headline)):
        return None  # deaths with no sign of violence: a disease, a crash, a disaster
    shooting = entry("shooting")
    armed = target_type(shooting, _targets(event)) if shooting else None
    return armed if armed and armed[0] == "Battles" else ("Violence against civilians", "Attack")


def _accident(event: Event, text: str, headline: str = "") -> bool:
    """Whether the incident's sentences, or the headline of its article, tell of an accident
    and its sentences of no violence. Beside an accident an explosion is no sign of violence
    ("a gas leak led to an explosion", "a boat fire ... explosions")."""
    said, headline = _said(event, text).lower(), headline.lower()
    if not (_ACCIDENT.search(said) or _ACCIDENT.search(headline)):
        return False
    said = re.sub(_BY_ANIMAL, "", said, flags=re.I)  # "killed by his lions" tells no violence
    said = _AIRCRAFT.sub("", said)  # "a World War II-era bomber crashed": an aircraft
    said = _RULED_OUT.sub("", said)  # "there was no sign of an attack or sabotage"
    said = _KILLED_BY_NATURE.sub("", said)  # "two more were killed by a landslide"
    said = _SIMILE.sub("", said)  # "it was like a bomb went off in the water"
    disaster = bool(_DISASTER.search(said) or _DISASTER.search(headline))
    return all(_NEUTRAL_BESIDE_ACCIDENT.fullmatch(m.group(0))
               or (disaster and _SERVICE_PEOPLE.fullmatch(m.group(0)))
               for m in _VIOLENCE.finditer(said))


def _said(event: Event, text: str) -> str:
    return " ".join(text[s.start : s.end] for s in event.sentences)


def _said_with_cause(event: Event, text: str) -> str:
    """The incident's sentences and the one before them, where a toll's cause is often told
    ("PKK used a car laden with explosives to attack a post. ... 1 soldier has died")."""
    if not event.sentences:
        return ""
    begin, end = sentence_before(text, min(s.start for s in event.sentences))
    return f"{text[begin:end]} {_said(event, text)}"


def _unread(event: Event, text: str) -> int:
    """Counts of people hurt whose kind stayed unclear (``killed_or_injured``), where the
    incident's sentences tell of harm at all ("would send 500 more troops" tells of none)."""
    unclear = sum(1 for c in event.casualties if c.kind == "killed_or_injured")
    said = _said(event, text) if unclear else ""
    return unclear if any(p.search(said) for p in (KILLED, INJURED, BOTH, _HARM)) else 0


_TO_COME = re.compile(r"\b(?:next|tomorrow|coming|upcoming)\b", re.I)  # "NEXT WEEK"


def _exclusion(event: Event, published: dt.date | None,
               background_days: int = BACKGROUND_DAYS) -> str | None:
    """'cumulative' for a running total, 'background' for an incident that ended more than
    ``background_days`` before publication, 'intent' for one dated wholly after publication
    ("NEXT WEEK"), else None."""
    if event.cumulative:
        return "cumulative"
    date = event.date
    if published is None or date is None or date.method == "published" or date.date_end is None:
        return None
    if (date.date_start is not None and date.date_start > published and not date.inherited
            and _TO_COME.search(date.text or "")):
        return "intent"  # a day still to come: what is planned or feared, not what happened
    return "background" if (published - date.date_end).days > background_days else None


def _dated(event: Event, published: dt.date | None, dateline: EventDate | None) -> Event:
    if event.date is not None or published is None:
        return event
    if dateline is not None and dateline.date_start == published:
        date = dateline.model_copy(update={"inherited": True})
    else:
        date = EventDate(start=0, end=0, text="", confidence=PUBLISHED_DATE_PRIOR,
                         date_start=published, date_end=published, precision="day",
                         time_precision=1, inherited=True, method="published")
    return event.model_copy(update={"date": date})


def _placed(event: Event, places: Sequence[Location], text: str) -> Event:
    if not places and not event.locations:
        return _by_nationality(event, text)
    if event.locations or not places:
        return event
    first = min(s.start for s in event.sentences)
    before = [p for p in places if p.end <= first]
    place = before[-1] if before else places[0]
    return event.model_copy(update={"locations": (place,)})
