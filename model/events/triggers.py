"""The trigger lexicon (``model/data/triggers.json``): which words make a clause an event.

>>> [m.entry.id for m in find_triggers("Russian warplanes launched air raids on Tadil.")]
['air_strike']
>>> find_triggers("The army vowed to recapture the town.")  # intent, not an event
[]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from model.events.openings import openings, word_openings
from model.taxonomy import EVENT_TYPES
from model.types import ActorType


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon entry; ``priority`` is its position in the file (lower wins); ``prior`` is the
    file's hand-chosen (not measured) prior that a match is an event of this type."""

    id: str
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str | None
    prior: float
    agent: Literal["before", "after"]
    context: re.Pattern[str] | None
    priority: int
    armed_target: tuple[str, str | None] | None = None
    civilian_target: tuple[str, str | None] | None = None
    nonstate: tuple[str, str | None] | None = None  # the type when the agent is not the state
    seizable: bool = False  # a weapon's name: no event where it was seized or found
    traits: frozenset[str] = frozenset()  # what else its words say (``TRAITS``)
    # the pattern and context without IGNORECASE, for a sentence in lower case (``_folded``)
    lower_pattern: re.Pattern[str] | None = None
    lower_context: re.Pattern[str] | None = None
    # the lower-case openings a match can begin with (``openings``); None: no such gate
    opens: frozenset[str] | None = None
    # the words just before a match (lower case) that make it none of this entry's ("a town
    # [seized] by the militants" was taken before the news); tried on matches only
    not_after: re.Pattern[str] | None = None


@dataclass(frozen=True)
class TriggerMatch:
    """A lexicon entry matched at ``[start, end)`` of the text searched."""

    entry: TriggerEntry
    start: int
    end: int


@dataclass(frozen=True)
class _Lexicon:
    entries: tuple[TriggerEntry, ...]
    ignore_before: re.Pattern[str]  # every ignore_before pattern, one alternation
    ignore_before_first: re.Pattern[str]  # all but "definite": for an article's first mention
    cumulative: tuple[re.Pattern[str], ...]
    one_incident_toll: tuple[re.Pattern[str], ...]
    territory: dict[str, str]
    not_event: tuple[tuple[str, re.Pattern[str]], ...]  # over lower-cased text (``_folded``)
    any_not_event: re.Pattern[str]  # all of them but those anchored at the clause's start ("^"),
    # one folded alternation: most clauses match none (an anchored one in it slows it; those
    # are tried apart, at the start only)
    anchored_not_event: tuple[re.Pattern[str], ...]
    seized_before: re.Pattern[str]  # "seized two rifles and a [grenade]"
    seized_after: re.Pattern[str]  # "a [suicide vest] and two hand grenades were recovered"


def _folded(pattern: str) -> re.Pattern[str] | None:
    """A case-blind pattern as a case-sensitive one over lower-case text (three times faster
    than ``IGNORECASE``); ``None`` for one with a case-sensitive part (``(?-i:...)``). The
    lexicon's escapes are all lower-case letters (``\\b``, ``\\w``, ``\\s``, ``\\d``, ``\\u``), so
    lower-casing the pattern changes only its literal letters (``IEDs?``)."""
    if "(?-i" in pattern or re.search(r"\\[A-Z]", pattern):
        return None
    return re.compile(pattern.lower())


def _blind(pattern: str) -> re.Pattern[str]:
    """A case-blind pattern to search lower-case text with: folded where it can be."""
    return _folded(pattern) or re.compile(pattern, re.IGNORECASE)


# What else an entry's words may say (``traits`` in ``triggers.json``, its ``_doc``): only that
# violence happened; that someone was harmed, not how; senses besides violence; the harm alone;
# a verb that takes an object (without one, a passive: ``roles.is_passive``).
TRAITS = frozenset({"generic", "harm_not_how", "many_senses", "harm_only", "transitive"})


def _traits(item: dict[str, Any]) -> frozenset[str]:
    traits = frozenset(item.get("traits", ()))
    if unknown := traits - TRAITS:
        raise ValueError(f"triggers.json: {item['id']!r} has unknown traits {sorted(unknown)}")
    return traits


def lexemes_with(trait: str) -> frozenset[str]:
    """The ids of the entries with ``trait`` (one of ``TRAITS``).

    >>> sorted(lexemes_with("harm_only"))
    ['found_dead', 'killing']
    """
    if trait not in TRAITS:
        raise ValueError(f"no trait {trait!r}; traits: {sorted(TRAITS)}")
    return frozenset(e.id for e in lexicon().entries if trait in e.traits)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The parsed lexicon, read once."""
    raw: dict[str, Any] = json.loads(
        resources.files("model").joinpath("data/triggers.json").read_text(encoding="utf-8")
    )
    loose = [p for p in raw["not_event"].values() if not p.startswith("^")]
    anchored = [p for p in raw["not_event"].values() if p.startswith("^")]
    entries = tuple(
        TriggerEntry(
            id=item["id"],
            pattern=re.compile(rf"\b(?:{item['pattern']})\b", re.IGNORECASE),
            event_type=item["event_type"],
            sub_event_type=item["sub_event_type"],
            prior=float(item["prior"]),
            agent=item.get("agent", "before"),
            context=re.compile(rf"\b(?:{item['context']})", re.IGNORECASE) if item.get("context")
            else None,
            priority=i,
            armed_target=_type_pair(item.get("armed_target")),
            civilian_target=_type_pair(item.get("civilian_target")),
            nonstate=_type_pair(item.get("nonstate")),
            seizable=bool(item.get("seizable")),
            traits=_traits(item),
            lower_pattern=_folded(rf"\b(?:{item['pattern']})\b"),
            lower_context=_folded(rf"\b(?:{item['context']})") if item.get("context") else None,
            opens=openings(rf"\b(?:{item['pattern']})\b"),
            not_after=_blind(rf"\b(?:{item['not_after']})\s+$") if item.get("not_after")
            else None,
        )
        for i, item in enumerate(raw["triggers"])
    )
    return _Lexicon(
        entries=entries,
        ignore_before=_blind("|".join(f"(?:{p})" for p in raw["ignore_before"].values())),
        ignore_before_first=_blind("|".join(f"(?:{p})" for k, p in raw["ignore_before"].items()
                                            if k != "definite")),
        cumulative=tuple(_blind(p) for p in raw["cumulative"]),
        one_incident_toll=tuple(_blind(p) for p in raw["one_incident_toll"]),
        territory=dict(raw["territory_sub_event"]),
        not_event=tuple((reason, _blind(p)) for reason, p in raw["not_event"].items()),
        any_not_event=_blind("|".join(f"(?:{p})" for p in loose)),
        anchored_not_event=tuple(_blind(p) for p in anchored),
        seized_before=re.compile(raw["seized"]["before"], re.IGNORECASE),
        seized_after=re.compile(raw["seized"]["after"], re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def _by_id() -> dict[str, TriggerEntry]:
    return {entry.id: entry for entry in lexicon().entries}


def entry(lexeme: str) -> TriggerEntry | None:
    """The lexicon entry with id ``lexeme`` (a ``Trigger.lexeme``), if there is one.

    >>> entry("shooting").sub_event_type, entry("no such entry")
    ('Attack', None)
    """
    return _by_id().get(lexeme)


def _type_pair(value: str | None) -> tuple[str, str | None] | None:
    """``"Battles/Armed clash"`` -> ``("Battles", "Armed clash")``; either name may hold a slash
    (``Explosions/Remote violence``, ``Abduction/forced disappearance``): the event type is the
    taxonomy's that opens the value.

    >>> _type_pair("Violence against civilians/Abduction/forced disappearance")
    ('Violence against civilians', 'Abduction/forced disappearance')
    """
    if not value:
        return None
    for event_type in EVENT_TYPES:
        if value == event_type or value.startswith(event_type + "/"):
            return event_type, value[len(event_type) + 1:] or None
    raise ValueError(f"triggers.json: {value!r} opens with no ACLED event type")


def not_event_reason(clause: str) -> str | None:
    """Why a clause reports no event of the article (a trial, a threat or plan, an
    anniversary), or None.

    >>> not_event_reason("A court sentenced three men for the bombing that killed 20.")
    'judicial'
    >>> not_event_reason("The army vowed to crush the rebels.")
    'intent'
    >>> not_event_reason("Rebels shelled Kabul.") is None
    True
    """
    lex, folded = lexicon(), clause.lower()
    if not lex.any_not_event.search(folded) and not any(
            p.match(folded) for p in lex.anchored_not_event):
        return None
    return next((reason for reason, p in lex.not_event if p.search(folded)), None)


# Armed groups named as people ("a Taliban facilitator"): armed victims, political arrests.
ARMED_GROUP_NAMES = r"taliban|haqqani|al-qaeda|qaeda|al-shabaab|shabaab|boko haram|isis|isil|daesh"
_ARMED_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops?|forces|police(?:men|man)?|officers?|gendarmes?|militants?|fighters?|"
    r"insurgents?|rebels?|militiamen|militias?|security (?:forces|personnel|guards)|army|"
    r"military|jihadists?|guerrillas?|combatants?|servicem(?:e|a)n|marines?|border guards?|"
    r"terrorists?|commandos?|jawans?|sepoys?|islamists?|"
    rf"commanders?|operatives?|facilitators?|{ARMED_GROUP_NAMES})\b",
    re.IGNORECASE)


def target_type(entry: TriggerEntry, target: str) -> tuple[str, str | None] | None:
    """The ``(event_type, sub_event_type)`` an entry takes for its target's words, if it has
    a rule for them: attacks on armed people are armed clashes, on others attacks on civilians.

    >>> shooting = next(e for e in lexicon().entries if e.id == "shooting")
    >>> target_type(shooting, "two police officers"), target_type(shooting, "six people")
    (('Battles', 'Armed clash'), None)
    >>> attack = next(e for e in lexicon().entries if e.id == "attack")
    >>> target_type(attack, "12 villagers")
    ('Violence against civilians', 'Attack')
    """
    if entry.armed_target and _ARMED_VICTIMS.search(target):
        return entry.armed_target
    if entry.civilian_target and _CIVILIANS.search(target) and not _ARMED_VICTIMS.search(target):
        return entry.civilian_target
    return None


_CIVILIANS = re.compile(
    r"\b(?:civilians?|people|persons|villagers|man|woman|boy|girl|child|teenagers?|youths?|"
    r"worshippers|students|children|women|men|residents|"
    r"passengers|shoppers|pilgrims|farmers|workers|family|families|journalists?|teachers?|"
    r"patients|refugees|mourners|protesters|demonstrators|peasants?|campesinos|herders|traders|"
    r"shopkeepers|vendors|fishermen|miners|boys|girls|babies|infants|pupils|schoolchildren|"
    r"doctors|nurses|tourists|parishioners)\b", re.IGNORECASE)


def says_who(target: str) -> bool:
    """Whether words for people say who they were: armed (soldiers, militants) or civilians.

    >>> says_who("two policemen"), says_who("12 people"), says_who("two")
    (True, True, False)
    """
    return bool(_ARMED_VICTIMS.search(target) or _CIVILIANS.search(target))


# A quotation of three words or more: '...' (an apostrophe inside a word opens or closes
# nothing: "FMLN'S"), "..." or “...”.
_QUOTED = re.compile(r"(?<![\w'])'(?=\w)[^'\n]*?\w[^'\n]*?\s[^'\n]*?\s[^'\n]*?(?<=[\w.,!?])'(?!\w)"
                     r"|(?<![^\s(\[])\"(?=\S)[^\"\n]*?\s[^\"\n]*?\s[^\"\n]*?(?<=\S)\"|“[^”\n]*?\s[^”\n]*?\s[^”\n]*?”")


def asides(sentence: str) -> list[tuple[int, int]]:
    """Parenthetical asides of a sentence: `` - ... - `` pairs, ``( ... )`` and quotations of
    three words or more (what someone said: "the Shining Path murders peasants" is a claim,
    not an incident; the incident itself is told outside the quotation marks).

    >>> s = "The dead include 215 fighters - including some who carried out attacks - and 143."
    >>> [s[a:b] for a, b in asides(s)]
    [' - including some who carried out attacks - ']
    >>> s = "THE FMLN'S LEADER SAID 'THE ARMY MURDERS PEASANTS' AND LEFT."
    >>> [s[a:b] for a, b in asides(s)]
    ["'THE ARMY MURDERS PEASANTS'"]
    >>> s = 'Iran said it had "unintentionally" shot down a jet, blaming "human error" for it.'
    >>> asides(s)
    []
    """
    found = [(m.start(), m.end()) for m in re.finditer(r"\s[-–—]\s[^-–—]*?\s[-–—]\s", sentence)]
    found += [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", sentence)]
    found += [(m.start(), m.end()) for m in _QUOTED.finditer(sentence)]
    return found


def find_triggers(text: str, start: int = 0, end: int | None = None,
                  first_mention: bool = False) -> list[TriggerMatch]:
    """Trigger matches in the sentence ``text[start:end]``, ignored ones dropped.

    Where matches overlap, the higher-priority entry is kept. Offsets are into ``text``.
    ``first_mention``: nothing before the sentence told an incident, so "The blast" opening it
    (or opening the news after a dateline), or the attack a group claimed responsibility for,
    refers back to none and is one.

    >>> s = "The blast at a market in Quetta left 12 dead and 31 wounded."
    >>> find_triggers(s), [m.entry.id for m in find_triggers(s, first_mention=True)]
    ([], ['bombing'])
    """
    end = len(text) if end is None else end
    sentence = text[start:end]
    lowered = sentence.lower()
    same = len(lowered) == len(sentence)  # offsets hold: the lower-case patterns may read it
    lex = lexicon()
    skipped = asides(sentence)
    kept: list[TriggerMatch] = []
    covered = bytearray(len(sentence))  # 1 where a kept (higher-priority) match lies
    # the openings of the sentence's words: an entry none of whose openings is among them
    # cannot match (exact where the lower-case text keeps the offsets; a case-blind pattern
    # over the original text also needs ASCII, whose case folding is lower-casing)
    heads = word_openings(lowered) if same else None
    plain = sentence.isascii()
    for entry in lex.entries:
        if (heads is not None and entry.opens is not None and heads.isdisjoint(entry.opens)
                and (plain or entry.lower_pattern is not None)):
            continue
        context, pattern, read = entry.context, entry.pattern, sentence
        if same and entry.lower_pattern is not None and (entry.context is None
                                                         or entry.lower_context is not None):
            context, pattern, read = entry.lower_context, entry.lower_pattern, lowered
        if context is not None and not context.search(read):
            continue
        for m in pattern.finditer(read):
            if any(a <= m.start() < b for a, b in skipped):
                continue
            before = sentence[max(0, m.start() - 60) : m.start()].lower()
            if lex.ignore_before.search(before) and not (
                    first_mention and _first_told(lex, sentence, before, m.start(), m.end())):
                continue
            if entry.not_after is not None and entry.not_after.search(before):
                continue
            if entry.seizable and _seized(lex, sentence, m.start(), m.end()):
                continue
            if any(covered[m.start() : m.end()]) or _in_name(sentence, m.start()):
                continue
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            kept.append(TriggerMatch(entry, start + m.start(), start + m.end()))
    return sorted(kept, key=lambda k: k.start)


def _first_told(lex: _Lexicon, sentence: str, before: str, start: int, end: int) -> bool:
    """Whether a match that ``ignore_before`` drops only for the ``the`` before it is an
    incident told for the first time: ``The`` opens the sentence (or the news after a
    dateline) or follows ``responsibility for``, and the sentence does not go on to tell it as
    the setting of something else ("The bombing came as negotiators held talks")."""
    return (not lex.ignore_before_first.search(before)
            and bool(_OPENING_THE.fullmatch(sentence, 0, start) or _CLAIMED_THE.search(before))
            and not _CAME_AS.match(sentence, end))


# "The" opening a sentence, or the news after a dateline ("QUETTA (Global Wire) - The blast")
_OPENING_THE = re.compile(r"(?:[^.]*?(?:\s[-–—]+|:)\s+)?the\s+", re.IGNORECASE)
# or claimed: "Three trucks were burned ... The CAM claimed responsibility for the attack"
_CLAIMED_THE = re.compile(r"\bresponsibilit(?:y|ies)\s+for\s+the\s+$")
# but not the incident a story is about, told as the setting of something else: "The bombing came
# as negotiators held talks"
_CAME_AS = re.compile(r"\s+(?:came|comes|follows|followed|occurred|happened)\s+(?:as|amid|after|"
                      r"days|hours|a\s+day|a\s+week|weeks|just|only|shortly|despite|during)\b",
                      re.IGNORECASE)


def _seized(lex: _Lexicon, sentence: str, start: int, end: int) -> bool:
    """Whether a weapon's name at ``[start, end)`` names one seized, found or recovered, not
    used ("seized two rifles and a grenade", "a suicide vest was recovered"), or one of the
    arms of an armed attack ("with dynamite, grenades and rifles").

    >>> found = find_triggers("Police arrested three men and recovered two pistols and a grenade.")
    >>> [m.entry.id for m in found]
    ['arrests']
    """
    return bool(lex.seized_before.search(sentence, max(0, start - 140), start)
                or lex.seized_after.search(sentence[end : end + 160])
                or _FIREARMS.search(sentence, max(0, start - 50), min(len(sentence), end + 30)))


# Guns listed beside a weapon's name: "attacked the station with dynamite, grenades and rifles"
# is an armed attack, not a grenade attack, and so is "small-arms and rocket-propelled grenade
# fire" or "small arms, rocket-propelled grenades and mortars".
_FIREARMS = re.compile(r"\b(?:rifles?|guns|firearms|small[- ]arms|machine ?guns?|pistols?|"
                       r"machetes?|rocket-propelled grenades?|RPGs?|gunfire|"
                       r"open(?:ed|s|ing)? (?:[\w-]+ )?fire)\b", re.I)  # "opened fire and lobbed
# grenades": a clash, not a grenade attack


def _in_name(sentence: str, at: int) -> bool:
    """Whether a match is a word of a name: capitalised after a capitalised word that does not
    open the sentence ("the ruling Democratic Rally"), in a sentence not written in title case.

    >>> _in_name("In Cyprus, the ruling Democratic Rally hailed it.", 33)
    True
    >>> _in_name("Police Arrest Twelve After Explosives Kill Jackal", 7)
    False
    >>> _in_name("KRAMATORSK (Global Wire) – Shelling of a residential area", 27)
    False
    """
    if not sentence[at : at + 1].isupper():
        return False
    if re.search(r"[-–—)\]:]\s*$", sentence[:at]):
        return False  # "KRAMATORSK (Global Wire) – Shelling of ...": a dateline, then the news
    before = re.findall(r"[\w'’-]+", sentence[:at])
    if len(before) < 2 or not before[-1][:1].isupper():
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    return sum(w[0].isupper() for w in words) <= len(words) / 2


_NON_STATE = frozenset({"rebel group", "political militia", "identity militia"})


def classify(entry: TriggerEntry, agent_type: ActorType | None) -> tuple[str, str | None]:
    """ACLED ``(event_type, sub_event_type)`` of a trigger given its agent's actor type.

    >>> capture = next(e for e in lexicon().entries if e.id == "capture")
    >>> classify(capture, "state forces"), classify(capture, None)
    (('Battles', 'Government regains territory'), ('Battles', None))
    >>> held = next(e for e in lexicon().entries if e.id == "capture_person")
    >>> classify(held, "state forces"), classify(held, "rebel group")[1]
    (('Strategic developments', 'Arrests'), 'Abduction/forced disappearance')
    """
    if entry.nonstate is not None and agent_type in _NON_STATE:
        return entry.nonstate
    if entry.sub_event_type != "@territory":
        return entry.event_type, entry.sub_event_type
    sub = lexicon().territory.get(agent_type) if agent_type else None
    return entry.event_type, sub


def is_cumulative(clause: str) -> bool:
    """Whether a casualty clause reports a running total over a period.

    >>> is_cumulative("More than 300,000 people have been killed in Syria's five-year war.")
    True
    >>> is_cumulative("The death toll from Monday's bombing rose to 23.")
    False
    """
    lex, folded = lexicon(), told_as_total(clause)
    if any(p.search(folded) for p in lex.one_incident_toll):
        return False  # "the death toll from Monday's bombing": one incident's count
    return any(p.search(folded) for p in lex.cumulative)


def told_as_total(clause: str) -> str:
    """The clause in lower case without the words that tell no running total: what people are
    accused of and the point a superlative is measured from (``is_cumulative`` reads the rest).

    >>> told_as_total("The deadliest attack since 2019.")
    'the .'
    """
    return _COMPARED_SINCE.sub("", _ACCUSED_OF.sub("", clause.lower()))


# Nor is the point a superlative is measured from: "the deadliest attack in the country since 27
# January"
SUPERLATIVES = r"deadliest|worst|bloodiest|biggest|largest|fiercest|heaviest|highest|first"
_COMPARED_SINCE = re.compile(rf"\b(?:{SUPERLATIVES}|most\s+(?!of\b)\w+)\b[^.;]{{0,80}}?"
                             r"\bsince\b[^.;,]*")
# What people are accused of is no running total: "arrest four officers, accusing them of plotting
# a coup with exiles since 2019"
_ACCUSED_OF = re.compile(
    r"\b(?:accus|charg|suspect)(?:ing|ed)\s+(?:[\w-]+\s+){0,3}?(?:of|with)\b[^.;]*")
