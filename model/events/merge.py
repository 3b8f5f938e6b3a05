"""Group the clause-level events of one article into incidents: one incident, one event.

A clause joins the first incident it is compatible with, in article order:

- dates: its own date range (not an inherited one) overlaps the incident's, or either has none;
- places: they share a place or the town a place lies in (``Dahiyet al-Assad`` is in
  ``Aleppo``), one lies in the other's province or country, or either names no place; two
  that both name provinces and share none are two incidents, even in one country.

Generic words do not split an incident (the headline's "bombing" and the lead's "attack" are
one event), specific types do (a recapture and an air raid are two). A running total ("since
the war began") never joins an incident, nor does a clause kept out of the table.
The incident keeps the first typed clause's type, trigger and roles, prefers a date of
its own over an inherited one, unions actors, places, casualties and sentences, and takes the
largest clause count of each kind (later sentences restate, update or break down the first;
adding them would count the same dead twice), unless the later clause says it adds to them
("... are also killed", "three more") or counts the dead of the other side ("killed a soldier
... four assailants were neutralised"), or gives a figure superseded by the one told ("had
earlier put the number of wounded at more than 60"); a clause telling that some of the wounded
died later moves them from the injured to the dead ("One of the injured soldiers later died of
his wounds"), and a toll it gives replaces the count ("raising the death toll to seven").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from model.events.casualties import (
    DIED_LATER,
    NOT_INCLUDED,
    OF_THE_WOUNDED,
    THE_ATTACKER,
    TOLL_BEFORE,
    TOLL_RISE,
    TOLL_WORDS,
    conservative_count,
)
from model.events.triggers import ARMED_GROUP_NAMES, lexemes_with
from model.types import Actor, Casualty, Event, EventDate, Location, Sentence


@dataclass(frozen=True)
class Draft:
    """A clause-level event with what merging needs to know about it."""

    event: Event
    sentence_index: int
    place_keys: frozenset[str]
    last_sentence: int = -1
    coordinated: bool = False  # its clause opens with "and" after another clause of its sentence

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
    """The compatible incident told last (a clause continues the story told just before): the
    one whose last sentence is nearest, the one begun last among equals."""
    return max((i for i in range(len(merged)) if same_incident(merged[i], draft)),
               key=lambda i: (merged[i].last, i), default=None)


# Triggers that say only that violence happened: they join an incident of any type.
GENERIC_TRIGGERS = lexemes_with("generic")


def same_incident(a: Draft, b: Draft) -> bool:
    """Same standing (neither or both a running total, neither or both kept out), compatible
    types (equal, or either untyped or generic), dates and places."""
    ea, eb = a.event, b.event
    if ea.cumulative != eb.cumulative or ea.excluded != eb.excluded:
        return False
    if any(_SEPARATE.match(s.text) and s not in ea.sentences for s in eb.sentences):
        return False  # "Separately, two soldiers were killed ...", "..., and the air force said
        # it had separately bombed a camp": another incident
    if eb.trigger is not None and any(_MEANWHILE.match(s.text) and s not in ea.sentences
                                      for s in eb.sentences):
        return False  # "MEANWHILE, SHELLS FELL ON ...": another incident (not "Meanwhile, the
        # toll rose to 30", which has no trigger of its own)
    if not _types_compatible(ea, eb):
        return False
    if (_bare_territory(ea) or _bare_territory(eb)) and None not in (ea.event_type,
                                                                      eb.event_type) \
            and ea.event_type != eb.event_type and b.sentence_index > a.last + _reach(eb):
        return False  # an open territory word joins only what its own sentence goes on to tell,
        # or a bare killing the next one tells ("recaptured the village ... One soldier was
        # killed"), unless it harmed people ("stormed a village, killing 27" is the attack told
        # later)
    ra, rb = _own_range(a.event), _own_range(b.event)
    if ra is not None and rb is not None and (ra[1] < rb[0] or rb[1] < ra[0]) and not (
            _found_later(eb) and 0 < (rb[0] - ra[1]).days <= REPORT_LAG_DAYS):
        return False
    return _places_compatible(a, b)


# The dead found after the incident: "FIREMEN WHO REACHED THE VILLAGE YESTERDAY MORNING SAID
# THEY FOUND THE BODIES OF AT LEAST 15 PEOPLE" (the massacre was the night before).
_BODIES_FOUND = re.compile(r"\b(?:bod(?:y|ies)|corpses?)\b[^.;]{0,60}?\b(?:found|discovered|"
                           r"recovered)\b|\b(?:found|discovered|recovered)\b[^.;]{0,40}?"
                           r"\b(?:bod(?:y|ies)|corpses?)\b", re.I)


def _found_later(event: Event) -> bool:
    """Whether a clause tells of the dead found, days after an incident it may belong to."""
    return bool(event.fatalities) and not event.injured and any(
        _BODIES_FOUND.search(sentence.text) for sentence in event.sentences)


# A sentence (or clause) that says it tells another incident: at its start, or "separately" in
# its first words ("the air force said it had separately bombed a bandit hideout").
_SEPARATE = re.compile(r"\W*(?:separately|elsewhere|in (?:a|another) (?:separate|different)? ?"
                       r"(?:incident|attack|development|raid|clash|operation)|in another\b)"
                       r"|[^.;]{0,60}?\bseparately\b", re.I)


# A sentence that moves on in time or place to what its own trigger tells: "MEANWHILE, SHELLS
# FELL ON ...", "Hours later, a roadside bomb struck a military vehicle".
_MEANWHILE = re.compile(r"\W*(?:meanwhile|(?:a few |several |two |three )?hours later|later "
                        r"(?:that|the same) day)\b", re.I)


def _reach(event: Event) -> int:
    """How many sentences on a clause may still join an open territory word: the next one for a
    bare killing or attack, none for a typed incident ("Rebels entered Aleppo on Friday.
    Warplanes bombed the city." is two)."""
    return int(event.trigger is not None and event.trigger.lexeme in GENERIC_TRIGGERS)


# Types that report one incident together: a protest that turned into a riot; arrests made
# during or right after an incident; a strike and its interception (``_disrupted_strike``).
_FAMILIES = ({"Protests", "Riots"},)
_JOINS_ANY = {"Arrests", "Looting/property destruction"}  # made in any incident it is told with


def _types_compatible(a: Event, b: Event) -> bool:
    if a.event_type is None or b.event_type is None or a.event_type == b.event_type:
        return True
    if _disrupted_strike(a, b) or _open_territory(a) or _open_territory(b):
        return True
    if {a.sub_event_type, b.sub_event_type} & _JOINS_ANY:
        return True
    if any({a.event_type, b.event_type} <= family for family in _FAMILIES):
        return True
    return any(e.trigger is not None and e.trigger.lexeme in GENERIC_TRIGGERS for e in (a, b))


def _earlier(a: EventDate, b: EventDate) -> bool:
    """Whether ``a`` is a day or a few before ``b`` (the incident before the report of it)."""
    return (a.date_start is not None and b.date_start is not None
            and 0 < (b.date_start - a.date_start).days <= REPORT_LAG_DAYS)


REPORT_LAG_DAYS = 7  # a report told of an incident at most a week before


def _own_range(event: Event) -> tuple[dt.date, dt.date] | None:
    date = event.date
    if date is None or date.inherited or date.date_start is None or date.date_end is None:
        return None
    return date.date_start, date.date_end


# A sentence that opens by naming the incident just told: "The blasts ...", "The attack ...".
_THE_INCIDENT = re.compile(r"\s*(?:The|These|Both)\s+(?:two\s+|twin\s+|three\s+)?(?:attacks?|"
                           r"blasts?|explosions?|bombings?|raids?|ambush|(?:air\s?)?strikes?|"
                           r"shooting|assault|suicide\s+(?:attack|bombing)s?)\b")

# "the same attack", "that same ambush": the incident told before, named as such.
_SAME_INCIDENT = re.compile(r"\b(?:the|that)\s+same\s+(?:[\w-]+\s+)?(?:attacks?|blasts?|"
                            r"explosions?|bombings?|raids?|ambush|(?:air\s?)?strikes?|shooting|"
                            r"shootout|firefight|gunfight|clash(?:es)?|battle|fighting|assault|"
                            r"incident|exchange of fire)\b", re.I)


def _places_compatible(a: Draft, b: Draft) -> bool:
    if not a.place_keys or not b.place_keys or a.place_keys & b.place_keys:
        return True
    if b.event.trigger is None and _told_before(b.event):
        return True  # "The four dead were of Nepalese origin": who they were, wherever from
    if b.sentence_index == a.last + 1 and _THE_INCIDENT.match(b.event.sentences[0].text):
        return True  # "... in Homs, killing 32. The blasts ... struck the Zahra district": the
        # incident told again, where in it
    if any(_SAME_INCIDENT.search(s.text) for s in b.event.sentences):
        return True  # "The Tajik side said one of its servicemen was killed ... in the same
        # shootout": the incident told before, whoever's side tells it
    if toll_told(b.event) and _provinces(a.event) & _provinces(b.event):
        return True  # "The health ministry on Thursday put the toll at 19 dead ... in the
        # Khartoum area": the toll of the shelling in Omdurman, in the same province
    if _provinces(a.event) and _provinces(b.event) and not _provinces(a.event) & _provinces(
            b.event):
        return False  # Kandahar and Helmand: two incidents, whatever country both lie in
    if _headline(a) and _provinces(a.event) & _provinces(b.event):
        return True  # headline "... attack on Gao camp", lead "... in the town of Ansongo ...
        # in the Gao region": a headline names the province's town, the lead the place
    return any(_contains(x, y) or _contains(y, x)
               for x in a.event.locations for y in b.event.locations)


def _headline(draft: Draft) -> bool:
    """Whether a draft is the article's first line written as a headline (no final stop)."""
    return draft.sentence_index == 0 and draft.last == 0 and not draft.event.sentences[
        0].text.rstrip().endswith((".", "!", "?", '"', "”"))


def _provinces(event: Event) -> set[tuple[str | None, str]]:
    """The first-level divisions an event's places lie in (country-wide places name none)."""
    return {(p.country_code, p.admin1) for p in event.locations if p.admin1}


def _contains(wide: Location, narrow: Location) -> bool:
    """Whether ``narrow`` lies in ``wide``: the same province, or a country-wide ``wide``."""
    if wide.geo_precision != 3 or wide.country_code != narrow.country_code:
        return False
    return wide.country_code is not None and wide.admin1 in (None, narrow.admin1)


def _combine(first: Draft, second: Draft) -> Draft:
    a, b = first.event, second.event
    date = a.date
    if b.date is not None and (date is None or (date.inherited and not b.date.inherited)
                               or (date.inherited and b.date.inherited and _earlier(b.date, date))):
        date = b.date  # its own day, else the earliest day told: reports come after incidents
    typed = a if _outranks(a, b, later=second.sentence_index > first.last) else b
    # Not "the toll rose to six after two more bodies", nor "One guardsman was killed ... and
    # another died" (two, told again).
    adds = any(_adds(sentence, b) and not _TOLL.search(sentence.text)
               and not _ONE_AND_ANOTHER.search(sentence.text) for sentence in b.sentences)
    adds = adds or (second.coordinated and len(a.sentences) == 1  # "apprehended a sub-commander
                    and first.sentence_index == second.sentence_index)  # | and detained two of his
    # associates": the clause right before, of the same sentence; other people
    if _told_before(b, parts=True) and not _lone_attacker_dead(a, b):
        adds = False  # "The two associates ... were also arrested": the two told already; "The
        # six killed were ... three more Americans": parts of counts told
    adds = adds or bool(a.fatalities and b.fatalities and _adds_other_side(a, b))
    adds = adds or any(_LEFT_OUT.search(s.text) for s in b.sentences)  # "does not include the
    # bomber": one more
    earlier = any(_EARLIER.search(sentence.text) and not _RISEN.search(sentence.text)
                  for sentence in b.sentences)  # not "initially reported four, but the toll
    # rose to six": the clause gives the later figure too
    # counted wounded first, dead later: moved, not added; unless the clause explains how the
    # figures told already differ from an earlier one ("Initial reports had put the number
    # killed at five, but two of the wounded had died")
    died = 0 if earlier else _died_of_wounds(b, wounded=a.injured > 0)
    if died and not a.injured and not any(_LATER.search(s.text) for s in b.sentences):
        died = 0  # nobody counted wounded before: "One guardsman was killed at the scene and
        # another died of his wounds" tells the dead counted already, not more
    moved = died_in_clause(b)  # b's own wounded who died: its injured count is net already
    toll = bool(died) and any(_TOLL.search(sentence.text)  # a toll told counts those who died
                              for sentence in (*a.sentences, *b.sentences))  # later already
    fatalities = (a.fatalities + died if died and not toll
                  else a.fatalities if earlier and a.fatalities
                  else _total(a.fatalities, b.fatalities, adds))
    if not adds and b.fatalities and (beside := _other_dead(a, b)):
        fatalities = max(fatalities, b.fatalities + beside)
    if (second.sentence_index > first.last and (latest := toll_told(b)) is not None
            and latest >= _largest_count(a, "killed")):
        fatalities = latest  # "two more bodies were found ... | ..., bringing the toll to
        # eleven": the latest toll is the total, whatever was added before it
    injured = (max(_total(a.injured, b.injured, adds) - died + moved, 0) if died
               else a.injured if earlier and a.injured else _total(a.injured, b.injured, adds))
    sub = typed.sub_event_type
    if {a.sub_event_type, b.sub_event_type} == {"Peaceful protest", "Arrests"} and (
            _harmed(a) or _harmed(b)):
        sub = "Protest with intervention"  # protesters held: ACLED's intervention
    event = a.model_copy(update={
        "event_type": typed.event_type,
        "sub_event_type": sub,
        "trigger": typed.trigger,
        "date": date,
        "actors": _actors(a.actors, b.actors),
        "locations": _locations(a.locations, b.locations),
        "casualties": tuple(dict.fromkeys(a.casualties + b.casualties)),
        "fatalities": fatalities,
        "injured": injured,
        "detained": _total(a.detained, b.detained, adds),
        "cumulative": a.cumulative or b.cumulative,
        "sentences": tuple(sorted(set(a.sentences + b.sentences), key=lambda s: s.start)),
        "confidence": max(a.confidence, b.confidence),
    })
    return Draft(event, first.sentence_index, first.place_keys | second.place_keys,
                 last_sentence=max(first.last, second.last))


# A clause that adds to the count before it ("Four of the attackers are also killed",
# "another 12 people", "three more"): its counts are summed with the incident's.
_ADDS = re.compile(r"\b(?:also|in addition(?! to the)|additional(?:ly)?|another|(?P<more>(?:\d+|"
                   r"two|three|four|five|six|seven|eight|nine|ten) (?:more|others more)))\b",
                   re.I)
# "another" that is no other person: "Another report said eight died", "another one less than
# thirteen hours later in Dayton".
_ANOTHER_NOT_PEOPLE = re.compile(
    r"\s+(?:reports?|statements?|accounts?|sources?|officials?|spokes(?:man|woman|person)|"
    r"times?|days?|weeks?|months?|years?|cases?|countr(?:y|ies)|cit(?:y|ies)|towns?|"
    r"one\b(?!\s+(?:was|were|died|of|person|man|woman)\b))", re.I)


def _adds(sentence: Sentence, event: Event) -> bool:
    """Whether a sentence of ``event`` words its counts as more people than those told before.
    "N more" is more than a count before it in the same sentence, not than the incident's: "six
    Mexicans were killed, and seven more were injured" tells part of a toll, not an addition."""
    for cue in _ADDS.finditer(sentence.text):
        if cue.group(0).lower() == "another" and _ANOTHER_NOT_PEOPLE.match(sentence.text,
                                                                           cue.end()):
            continue
        at = sentence.start + cue.start()
        if cue.group("more") and any(sentence.start <= c.start < at and c.min is not None
                                     for c in event.casualties):
            continue
        return True
    return False


def toll_told(event: Event) -> int | None:
    """The death toll a clause gives as the incident's total ("bringing the toll to eleven"), the
    last it gives ("had risen to nine, and ... revised the toll to 11")."""
    told = None
    for c in event.casualties:
        sentence = next((s for s in event.sentences if s.start <= c.start < s.end), None)
        if c.kind != "killed" or c.min is None or c.subset or sentence is None:
            continue
        before = sentence.text[: c.start - sentence.start]
        toll = TOLL_BEFORE.search(before)
        if (toll is None or _SIDE_TOLL.search(before, max(0, toll.start() - 25))
                or _SIDE_TOLL.search(c.text)):
            continue  # not "the police death toll", "the toll among soldiers"
        if not _leaves_out(sentence, c, toll):
            told = c.min
        elif left_out := _left_out_dead(event, sentence, c):
            told = c.min + left_out  # "the toll rose to eleven, ... adding that the figure did
            # not include the bomber": twelve; a toll that leaves out people it does not count
            # is none
    return told


_BLANKS = re.compile(r"\s*")


def _left_out_dead(event: Event, sentence: Sentence, count: Casualty) -> int:
    """The dead a toll's sentence counts right after saying its toll leaves them out ("did not
    include [the bomber]"; not "not counting the bomber, after [several of] the wounded died")."""
    ends = {sentence.start + _BLANKS.match(sentence.text, m.end()).end()
            for m in _TOLL_LEAVES_OUT.finditer(sentence.text, count.end - sentence.start)}
    return sum(c.min or 0 for c in event.casualties
               if c.kind == "killed" and not c.subset and c.start in ends)


def _leaves_out(sentence: Sentence, count: Casualty, toll: re.Match[str]) -> bool:
    """Whether a toll leaves someone out: words that say so after its count ("the toll of 18
    does not include the bomber"), or before it unless the toll is the total they make
    ("does not include the bomber, who was also killed, bringing the total number of dead to
    19")."""
    after = sentence.text[count.end - sentence.start:]
    before = sentence.text[: count.start - sentence.start]
    return bool(_TOLL_LEAVES_OUT.search(after)) or (
        bool(_TOLL_LEAVES_OUT.search(before)) and not re.search(r"\btotal\b", toll[0], re.I))


# A toll that leaves someone out: "does not include the bomber", "not counting the bomber".
_TOLL_LEAVES_OUT = re.compile(rf"{NOT_INCLUDED}|\b(?:not counting|excluding|not including|"
                              r"besides|apart from|in addition to)\b", re.I)
_SIDE_TOLL = re.compile(r"\b(?:police|army|military|civilian|soldiers?|security|rebel|militant|"
                        r"government|among|"
                        r"of(?!\s+(?:the\s+)?(?:dead|deaths|fatalities|victims)\b))\b",
                        re.I)  # not "the total number of dead"


def _largest_count(event: Event, kind: str) -> int:
    return max((c.min for c in event.casualties if c.kind == kind and c.min is not None
                and not c.subset), default=0)


_TOLL = re.compile(rf"\b{TOLL_WORDS}\b", re.I)
_LEFT_OUT = re.compile(NOT_INCLUDED, re.I)
_ONE_AND_ANOTHER = re.compile(r"\b(?:one|an?)\s+[^.;]{0,60}?\band\s+another\b(?!\s+(?:\d|two|three|"
                              r"four|five|six|seven|eight|nine|ten|several|dozen))", re.I)
_DEFINITE = re.compile(r"\b(?:the|these|those)\s+$", re.I)


def _told_before(event: Event, *, parts: bool = False) -> bool:
    """Whether a clause counts people and every count is of people told before (``_definite``),
    or with ``parts`` part of another count (``Casualty.subset``)."""
    counted = [c for c in event.casualties if c.min is not None]
    return bool(counted) and all(_definite(event, c) or (parts and c.subset) for c in counted)


def _definite(event: Event, casualty: Casualty) -> bool:
    """Whether a count is of people told before: "the" right before it, or in it ("[the two
    associates]")."""
    before = next((s.text[: casualty.start - s.start] for s in event.sentences
                   if s.start <= casualty.start <= s.start + len(s.text)), "")
    return bool(_DEFINITE.search(before)) or casualty.text.lower().startswith(
        ("the ", "these ", "those "))
_LATER = re.compile(r"\b(?:later|since|subsequently|overnight|afterwards)\b", re.I)
# A toll that went up ("the toll rose to six"; not "a patrol that reached the village").
_RISEN = re.compile(rf"\b{TOLL_RISE}\s+(?:to\s+|at\s+)?(?:about\s+|at least\s+)?(?:\d|one|two|"
                    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|"
                    r"thirty|forty|fifty)|\bnow\b", re.I)
# A figure given before the one already told, and superseded by it: "The health ministry had
# earlier put the number of wounded at more than 60".
_EARLIER = re.compile(r"\b(?:had|have|has) (?:earlier|initially|first)\b|\b(?:initially|earlier) "
                      r"(?:put|said|reported|gave|told)\b|\binitial (?:reports?|figures?|tolls?)\b",
                      re.I)
# The wounded who died later: "One of the injured soldiers later died of his wounds", "A coalition
# service member later died of wounds", "Two of the wounded died in hospital".
DIED_OF_WOUNDS = re.compile(rf"\b(?P<died>{DIED_LATER}) (?:of|from|to) (?:his |her |their )?"
                             rf"(?:wounds|injuries)\b|\b{OF_THE_WOUNDED}\b[^.;]{{0,60}}?"
                             rf"\b(?P<died2>{DIED_LATER})\b|"
                             rf"\bof (?:them|whom)\b[^.;]{{0,40}}?\b(?P<died3>{DIED_LATER})\b",
                             re.I)


# Who the dead were, by side: the attackers ("Four of the assailants were neutralised") or
# the people they attacked ("killed a soldier"). The dead of one side never restate the
# other's: "a soldier killed ... four assailants neutralised" is five.
ATTACKERS = re.compile(r"\b(?:assailants?|attackers?|gunm[ae]n|militants?|insurgents?|"
                        r"terrorists?|jihadists?|bandits?|raiders?|(?:suicide )?bombers?|"
                        r"subversives?|guerrillas?|rebels?|"
                        r"extremists?|mercenar(?:y|ies)|counter-?revolutionar(?:y|ies)|criminals|"
                        rf"kidnappers|compa[nñ]eros?|{ARMED_GROUP_NAMES})\b", re.I)
_ATTACKED = re.compile(r"\b(?:soldiers?|troops?|police(?:men|man)?|officers?|gendarmes?|"
                       r"servicem[ae]n|sepoys?|jawans?|commandos?|guards?|civilians?|villagers|"
                       r"residents|victims|"
                       r"worshippers|students|children|women|passengers|farmers|"
                       r"our)\b", re.I)  # "five (5) of our fighters": the release's own side
# Security forces killing the one they name by a pronoun: "Police arrived and shot [him] dead".
_FORCES_KILLED = re.compile(r"\b(?:police(?:m[ae]n)?|officers|troops|soldiers|security forces|"
                            r"guards)\b[^.;]{0,40}\b(?:shot|killed|gunned down|neutrali[sz]ed)"
                            r"\s+$", re.I)
# One side's losses named before their count: "RAISED THE ARMY'S LOSSES TO SEVEN DEAD".
_LOSSES = re.compile(r"\b(?:(?P<attackers>guerrillas?|rebels?|insurgents?|militants?|"
                     r"terrorists?|enemy)|army|military|troops?|police|government|security "
                     r"forces)(?:['’]?s?['’]?|\b[^.;]{0,30}\bits)\s+(?:own\s+)?"
                     r"(?:losses|casualties|dead|death toll|toll)\b[^.;]{0,20}$",
                     re.I)  # also "the army raised its own toll to 12 dead"
# Whose toll it is, named before the count: "the number of residents killed had risen to 16".
_TOLL_OF = re.compile(r"\b(?:number|toll) of (?:the\s+)?(?P<who>[\w-]+(?:\s+[\w-]+)?)\s+"
                      r"(?:killed|dead)\b[^.;]{0,40}$", re.I)
_SIDE_REACH = 40  # characters after a count's span that may still name its people
_ANTECEDENT_REACH = 120  # characters before a count that may name whom "of them" counts
_OF_PRONOUN = re.compile(r"\bof\s+(?:them|whom)\b", re.I)
_NEUTRALISED = re.compile(r"\b(?:neutrali[sz](?:ed|ing)|eliminat(?:ed|ing))\s+(?:at least\s+|"
                          r"another\s+|all\s+)?$", re.I)


def _sides(event: Event) -> set[str]:
    """The sides of an event's dead: "attackers", "attacked" or "unknown" for each count."""
    return {_side(event, c) for c in event.casualties  # counted: not "SURVIVING POLICEMEN"
            if c.kind == "killed" and not c.subset and c.min is not None}


def _adds_other_side(a: Event, b: Event) -> bool:
    """Whether ``b``'s dead are the other side's, to be added to ``a``'s: the attackers' dead
    beside the attacked, or the attacked beside attackers where ``a``'s toll is all by side
    (its people of no side may be the attacked told again); the attackers' dead beside people
    of no side only where the text says they were some of the attackers ("killing at least 12
    people ... Residents fought back and killed two of the attackers": 14)."""
    if _other_side(a, b) and not _restated(a, b):
        return _sides(b) == {"attackers"} or _dead_by_sentence(
            a, lambda c: c.min is not None and _side(a, c) != "unknown") >= a.fatalities
    return (_sides(b) == {"attackers"} and "attackers" not in _sides(a)
            and bool(_OF_THE_ATTACKERS.search(" ".join(s.text for s in b.sentences))))


# The one attacker, named by "the": "The suicide bomber also died", "The attacker was killed";
# and counted among the dead told before: "six people, including the bomber".
_THE_ATTACKER = re.compile(THE_ATTACKER, re.I)
_ATTACKER_COUNTED = re.compile(rf"\b(?:including|among them|counting)\s+{THE_ATTACKER}\b|"
                               r"\b(?:bomber|attacker|gunman|assailant)\s+(?:was|were)\s+"
                               r"(?:also\s+)?among\b", re.I)


def _lone_attacker_dead(a: Event, b: Event) -> bool:
    """Whether ``b`` counts only the one attacker, by "the", and ``a`` did not count him among
    its dead (by himself, "blew [himself] up", or as a part, "six people, including the
    bomber"): "the" names who he is, not someone counted before."""
    counted = [c for c in b.casualties if c.min is not None]
    return (bool(counted)
            and all(c.kind == "killed" and _THE_ATTACKER.fullmatch(c.text.strip())
                    for c in counted)
            and "attackers" not in _sides(a)
            and not any(_ATTACKER_COUNTED.search(s.text) for s in a.sentences))


def _restated(a: Event, b: Event) -> bool:
    """Whether ``b`` counts dead of no side as many as all of ``a``'s: "Soldier, two NPA rebels
    killed", then "One soldier and [two members of the New People's Army] were killed"."""
    return any(c.kind == "killed" and not c.subset and c.min == a.fatalities
               and _side(b, c) == "unknown" for c in b.casualties)


def _other_dead(a: Event, b: Event) -> int:
    """The dead ``a`` counts on the other side from ``b``'s, where ``b`` counts one side only:
    a toll of soldiers told later ("RAISED THE TOLL TO SIX SOLDIERS DEAD") leaves the attacker
    killed earlier ("ONE OF THE ATTACKERS WAS KILLED") to be added to it."""
    second = {_side(b, c) for c in b.casualties if c.kind == "killed" and not c.subset
              and c.min is not None  # "TWO OF THE WOUNDED DIED", "TWO OF THEM DIED": told
              and not _OF_THE_WOUNDED.search(c.text)  # already
              and not _PARTITIVE_END.search(c.text)}
    if len(second) != 1 or second == {"unknown"}:
        return 0
    return _dead_by_sentence(a, lambda c: c not in b.casualties
                             and _side(a, c) not in {*second, "unknown"})


def _dead_by_sentence(event: Event, keep: Callable[[Casualty], bool]) -> int:
    """The dead counted (``keep``) summed within a sentence, the largest across sentences: the
    headline and the lead count the same dead."""
    by_sentence: dict[int, int] = {}
    for c in event.casualties:
        if c.kind == "killed" and not c.subset and keep(c):
            at = next((s.start for s in event.sentences
                       if s.start <= c.start < s.start + len(s.text)), c.start)
            by_sentence[at] = by_sentence.get(at, 0) + conservative_count(c.min, c.max)
    return max(by_sentence.values(), default=0)


# Some of the attackers, counted apart from the people they attacked.
_OF_THE_ATTACKERS = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                               r"several|some) of (?:the )?(?:attackers|assailants|gunmen|"
                               r"raiders|militants|insurgents|terrorists)\b", re.I)
_OF_THE_WOUNDED = re.compile(rf"\b{OF_THE_WOUNDED}\b", re.I)


def _side(event: Event, c: Casualty) -> str:
    """The side of one count of the dead: "attackers", "attacked" or "unknown"."""
    sentence = next((s for s in event.sentences if s.start <= c.start < s.start + len(s.text)),
                    None)
    if sentence is None:
        return _side_in(c.text, "", "")
    return _side_in(c.text, sentence.text[max(0, c.start - sentence.start - _ANTECEDENT_REACH) :
                                          c.start - sentence.start],
                    sentence.text[c.end - sentence.start :])


@lru_cache(maxsize=4096)
def _side_in(count: str, preceding: str, rest: str) -> str:
    """``_side`` of a count's words, read with the words of its sentence before it (up to
    ``_ANTECEDENT_REACH`` characters) and after it (cached: merging asks again for the same
    counts)."""
    words, before = count, preceding[-_SIDE_REACH:]
    if count.strip().lower() in ("himself", "herself"):
        return "attackers"  # "A suicide bomber blew [himself] up"
    if count.strip().lower() in ("him", "her") and _FORCES_KILLED.search(preceding):
        return "attackers"  # "Police arrived and shot [him] dead": the attacker
    if re.search(r"\bof$", count, re.I) or re.match(r"['’]s\b", rest):  # "Four of [the
        words += rest[:_SIDE_REACH]  # assailants]", "[two of Khan]'s victims"
    elif (partitive := re.match(r"\s+of\s+(?:the|them|whom|those)\b[^,.;]{0,30}", rest, re.I)):
        words += partitive[0]  # "[15] of the assailants"
    elif re.fullmatch(r"[\d,]+|[a-z]+", count.strip(), re.I):  # a bare number: "neutralised
        words += re.match(r"[^,.;]{0,30}", rest)[0]  # [seven] Boko Haram terrorists"
    if _NEUTRALISED.search(before) and not _ATTACKED.search(words):
        return "attackers"  # "neutralised [11] of them": what forces say of their enemy
    if _OF_PRONOUN.search(count + rest[:9]):
        # "the attackers, [two of] whom", "[11] of them": the people named last before
        named = [*ATTACKERS.finditer(preceding), *_ATTACKED.finditer(preceding)]
        if named:
            words += " " + max(named, key=lambda m: m.start())[0]
    if lost := _LOSSES.search(before):  # "THE ARMY'S LOSSES TO SEVEN"
        return "attackers" if lost["attackers"] else "attacked"
    if toll := _TOLL_OF.search(before):  # "the number of residents killed had risen to [16]"
        words += " " + toll["who"]
    attackers, attacked = bool(ATTACKERS.search(words)), bool(_ATTACKED.search(words))
    return ("attackers" if attackers and not attacked
            else "attacked" if attacked and not attackers else "unknown")


def _other_side(a: Event, b: Event) -> bool:
    """Whether two clauses count the dead of opposite sides, each of one side only (counts
    that name no side aside)."""
    first, second = _sides(a) - {"unknown"}, _sides(b) - {"unknown"}  # "five": either side
    return len(first) == 1 and len(second) == 1 and first != second


def _died_of_wounds(event: Event, *, wounded: bool = True) -> int:
    """How many of an incident's wounded a clause says died later (0 when it says none): the
    people counted right before the words that say so. "Of them ... died" counts only after
    wounded people: where it opens its sentence, those the incident counted before the clause
    (``wounded``: "Six policemen were wounded. One of them ... died"), else those the clause
    counts before it (not "started attacking people there, and one of them died")."""
    died = 0
    for at, own in _said_died(event):
        if own is not None and not (
                (wounded and not _antecedent_inside(event, own))
                or _wounded_before(event, own)):
            continue
        before = [c for c in event.casualties if c.kind != "detained" and not c.subset
                  and at - _SUBJECT_REACH <= c.start < at]
        if before:  # the nearest: "as [four of] the wounded died", "[one soldier] later died";
            # the dead before the wounded they were part of: "[FOUR OF THE] 9 WOUNDED SOLDIERS"
            dead = [c for c in before if c.kind == "killed"]
            nearest = max(dead or before, key=lambda c: c.start)
            died += conservative_count(nearest.min, nearest.max)
    return died


_SUBJECT_REACH = 60  # characters between the people counted and "died of wounds"


def _said_died(event: Event) -> list[tuple[int, int | None]]:
    """Where each clause says some of the wounded died: the offset of its verb, and for "of
    them ... died" that of "of them" (None for the other forms)."""
    found = []
    for s in event.sentences:
        for m in DIED_OF_WOUNDS.finditer(s.text):
            group = next(g for g in ("died", "died2", "died3") if m[g])
            own = (s.start + m.start() if group == "died3"
                   and m[group].lower() in ("died", "dies") else None)
            found.append((s.start + m.start(group), own))
    return found


def _antecedent_inside(event: Event, at: int) -> bool:
    """Whether the clause names people before "of them" at ``at``, whom it counts ("started
    attacking people there, and one of them died"); not "Sadly, one of them" nor "MEDICAL
    SOURCES REPORTED THAT TWO OF THEM DIED", which count people told before."""
    return any(s.start <= at <= s.start + len(s.text)
               and _PEOPLE.search(s.text, 0, max(0, at - s.start - _PRONOUN_REACH))
               for s in event.sentences)


_PARTITIVE_END = re.compile(r"\bof(?:\s+(?:them|whom|the))?$", re.I)  # "[TWO OF] THEM DIED"
_PEOPLE = re.compile(r"\b(?:people|persons|civilians|villagers|residents|passengers|worshippers|"
                     r"shoppers|students|children|women|men|soldiers|troops|policemen|officers|"
                     r"fighters|militants|rebels|guerrillas|attackers|others|hostages)\b", re.I)


def _wounded_before(event: Event, at: int) -> bool:
    return any(c.kind == "injured" and not c.subset and c.start < at for c in event.casualties)


def died_in_clause(event: Event) -> int:
    """How many of the wounded a clause counts it says died in the same clause ("2 soldiers
    were wounded ..., where one of them later died"; "wounding 11, two of whom died"): they are
    dead, not wounded; the clause's dead count them already."""
    died = 0
    for at, own in _said_died(event):
        low = own - _PRONOUN_REACH if own is not None else at - _SUBJECT_REACH
        dead = [c for c in event.casualties if c.kind == "killed" and not c.subset
                and low <= c.start < at]
        if dead:
            nearest = max(dead, key=lambda c: c.start)
            # wounded counted before them, or right after them: "[two] of the [fourteen
            # people] wounded ... died"
            if _wounded_before(event, nearest.start) or any(
                    c.kind == "injured" and not c.subset and nearest.end <= c.start < at
                    for c in event.casualties):
                died += conservative_count(nearest.min, nearest.max)
    return died


_PRONOUN_REACH = 12  # characters a partitive's count may stand before "of them": "[one] of them"


def _total(first: int, second: int, adds: bool) -> int:
    """The incident's count of one kind: the larger (a restatement), or the sum (an addition)."""
    return first + second if adds else max(first, second)


def _outranks(a: Event, b: Event, *, later: bool = False) -> bool:
    """Whether ``a``'s type names the incident rather than ``b``'s: a typed one over an untyped
    one, arrests over the weapons seized with the people held, an arrest operation over what the
    men held are said to have done (``_operation``), anything else over arrests
    made or property destroyed in it, a riot over the protest it grew from, force against
    protesters over the killing it names, an intervention over the peaceful protest it met, a
    named weapon (an air strike, shelling, an IED) over a bare killing or attack, else the
    first."""
    if a.event_type is None or b.event_type is None:
        return a.event_type is not None or b.event_type is None
    if {a.sub_event_type, b.sub_event_type} == {"Arrests", _DISRUPTED} and (
            a.detained or b.detained) and _seizure(a if a.sub_event_type == _DISRUPTED else b):
        return a.sub_event_type == "Arrests"  # people held and their weapons seized: arrests
    if _operation(a, b) or _operation(b, a):
        return a.sub_event_type == "Arrests"  # an arrest operation, then what the men held are
        # said to have done: "detained a Haqqani leader ... The leader directed fighters who
        # ambushed police convoys"
    if (a.sub_event_type in _JOINS_ANY) != (b.sub_event_type in _JOINS_ANY):
        return b.sub_event_type in _JOINS_ANY
    if _open_territory(a) != _open_territory(b):
        return _open_territory(b)
    if {a.event_type, b.event_type} == {"Protests", "Riots"}:
        return a.event_type == "Riots"
    force = "Excessive force against protesters"
    if force in (a.sub_event_type, b.sub_event_type) and any(
            e.trigger is not None and e.trigger.lexeme in _VERBS_OF_HARM for e in (a, b)):
        return a.sub_event_type == force  # "Two killed as police break up ... protest"
    if a.event_type == b.event_type == "Protests" and _harmed(b):  # what was done to it
        return _PROTEST_RANK.get(a.sub_event_type, 0) >= _PROTEST_RANK.get(b.sub_event_type, 0)
    if _disrupted_strike(a, b):  # an interception, unless the strike hurt someone
        return (a.sub_event_type == _DISRUPTED) != bool(a.fatalities or a.injured
                                                        or b.fatalities or b.injured)
    # "killed a commander ... in a bombing raid": the raid names the incident; not a weapon a
    # later sentence tells that hurt nobody, after fighting that did ("BEFORE FLEEING, THE
    # TERRORISTS DYNAMITED THE MUNICIPAL BUILDING")
    return not (_weapon(b) and not _weapon(a) and a.trigger is not None
                and a.trigger.lexeme in _VERBS_OF_HARM
                and not (later and not (b.fatalities or b.injured)
                         and (a.fatalities or a.injured)))


def _operation(arrests: Event, other: Event) -> bool:
    """An arrest operation told first, and after it a clause that harms nobody and has no date
    of its own: what the men held are said to have done, not the incident."""
    return (arrests.sub_event_type == "Arrests" and bool(arrests.detained)
            and other.sub_event_type != "Arrests" and not _harmed(other)
            and other.event_type not in ("Protests", "Riots")  # the protest the arrests broke up
            and (other.date is None or other.date.inherited)
            and _first_told(arrests) < _first_told(other))


def _first_told(event: Event) -> int:
    return min((s.start for s in event.sentences), default=0)


def _seizure(event: Event) -> bool:
    """A cache or weapons found or seized, not an attack foiled ("disarmed 30 explosive
    devices", "intercepted a missile")."""
    return event.trigger is not None and bool(re.search(r"\bcaches?\b|\bdepots?\b|"
                                                        r"\bstockpiles?\b", event.trigger.text,
                                                        re.I))


def _harmed(event: Event) -> bool:
    return bool(event.fatalities or event.injured or event.detained)


_PROTEST_RANK = {"Peaceful protest": 0, "Protest with intervention": 1,
                 "Excessive force against protesters": 2}


# Words that say someone was harmed, not how: a weapon named with them names the incident.
_VERBS_OF_HARM = lexemes_with("harm_not_how")


def _weapon(event: Event) -> bool:
    return (event.event_type == "Explosions/Remote violence" and event.trigger is not None
            and event.trigger.lexeme not in GENERIC_TRIGGERS)


_DISRUPTED = "Disrupted weapons use"


def _bare_territory(event: Event) -> bool:
    """An open territory word whose own clause harmed nobody (counts joined later aside)."""
    first = event.sentences[0]
    return _open_territory(event) and not any(
        first.start <= c.start < first.end and c.kind != "killed_or_injured"
        for c in event.casualties)


def _open_territory(event: Event) -> bool:
    """A territory word whose side is unknown ("gunmen stormed a village"): it says only that
    something happened there, and joins the incident the clause goes on to tell."""
    return event.event_type == "Battles" and event.sub_event_type is None


def _disrupted_strike(a: Event, b: Event) -> bool:
    """A strike and its interception ("fired a missile ...; it was intercepted"): one event,
    disrupted weapons use."""
    return {a.sub_event_type == _DISRUPTED, b.sub_event_type == _DISRUPTED} == {True, False} \
        and "Explosions/Remote violence" in (a.event_type, b.event_type)


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
    # by precision; at equal precision in the clauses' own order (a reference place or a
    # possessive parent such as "Gaza's" in "Gaza's Rafah" already put last there)
    return tuple(sorted(combined, key=lambda loc: loc.geo_precision or 4))
