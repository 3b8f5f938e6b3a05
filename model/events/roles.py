"""ACLED roles of a clause's actors: who is ``actor1`` (the agent) and ``actor2`` (the other side).

Heuristics over positions in the clause, no parser:

- sources and allies are never roles: an actor after ``according to``, ``backed by``,
  ``with the support of``;
- speakers (``Rebels say ...``, ``the army said``) are agents only when nothing else is;
- ``actor1``: an actor inside the trigger (``under rebel control``), else one right before it
  (``regime shelling``, ``Israeli attacks``), else a passive agent right after it (``attacks by
  Assad's regime``), else the first actor before the trigger that is not a speaker, else a passive
  agent a little after it (``Rebels say ... strikes in recent weeks against civilians by the
  Russian and Syrian air forces``; never ``backed by``, ``led by``, ``taken by``), else a speaker.
  Entries with ``agent: after`` (``lost ground to X``) take the first actor after the trigger;
- ``actor2``: the first other actor (not a speaker: ``..., police said``) on the far side of
  the trigger.

All conjuncts of a coordinated span (``Syrian and Russian forces``) share its role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.events.actors import ActorName
from model.events.confidence import field_confidence
from model.events.triggers import TriggerMatch
from model.types import Actor, Span

Mention = tuple[Span, tuple[ActorName, ...]]

_SOURCE = re.compile(r"\baccording to\s+(?:the\s+)?$", re.I)
# "by the army", "by members of a leftist group", "by suspected rebels"
_BY = re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:(?:members?|fighters?|elements?|men|suspected|"
                 r"alleged|presumed)\s+(?:of\s+(?:the\s+|an?\s+)?)?)?$", re.I)
# What may stand between a passive trigger and its agent: "shot dead today by ..."
_BY_GAP = (r"\s+(?:(?:today|yesterday|tonight|last night|overnight|on \w+day|\w+day|early|late|"
           r"reportedly|allegedly|apparently)\s+)?")
_NOT_AGENT_BY = re.compile(
    r"\b(?:backed|led|supported|held|controlled|brokered|owned|run|funded|taken|captured|seized|"
    r"lost|recaptured|retaken)\s+by\s+(?:the\s+)?$",
    re.I,
)
_ALLY = re.compile(
    r"\b(?:(?:backed|supported|aided|assisted)\s+by|with the (?:support|backing|help) of|"
    r"alongside|together with|allies)\s+(?:the\s+)?(?:[\w-]+(?:\s+[\w-]+)?\s*(?:,|\band\b)\s*)?$",
    re.I,
)
# The words that show a verb that takes an object (the lexicon's ``transitive`` trait: captured,
# arrested, kidnapped) has none: a preposition, a comma or the end of the sentence.
_NO_OBJECT = re.compile(r"(?:(?<=ed)|(?<=alive))\s*(?:(?:alive|in|at|near|on|during|after|"
                        r"following|while|for|from|by)\b|[.,;:\n]|$)", re.I)
_SPEAKER = re.compile(
    r"^\W{0,2}\s*(?:\w+\s+)?(?:said|says|say|stated|states|announced|announces|claimed|claims|"
    r"reported|reports|told|revealed|added|denied|denies)\b",
    re.I,
)


def assign_roles(
    text: str,
    clause: tuple[int, int],
    trigger: TriggerMatch | None,
    mentions: Sequence[Mention],
) -> tuple[Actor, ...]:
    """Actors of a clause with their roles, in text order.

    >>> from model.events.actors import canonical_actors
    >>> text = "Rebels entered Aleppo, forcing the Syrian army to redeploy."
    >>> mentions = [(Span(start=0, end=6, label="ACTOR"), canonical_actors("Rebels")),
    ...             (Span(start=35, end=46, label="ACTOR"), canonical_actors("Syrian army"))]
    >>> [(a.name, a.role) for a in assign_roles(text, (0, len(text)), None, mentions)]
    [('Syrian rebels', 'actor1'), ('Syrian government forces', 'actor2')]
    """
    usable = [m for m in mentions if not _SOURCE.search(_left(text, clause, m))
              and not _ALLY.search(_left(text, clause, m))]
    first, second = _pick(text, clause, trigger, usable)
    roles: dict[int, str] = {}
    if first is not None:
        roles[first[0].start] = "actor1"
    if second is not None:
        roles[second[0].start] = "actor2"
    return tuple(
        Actor(start=span.start, end=span.end, text=text[span.start : span.end],
              confidence=field_confidence(name.prior, span.score), name=name.name,
              actor_type=name.actor_type, inter=name.inter, known=name.known,
              role=roles.get(span.start))  # type: ignore[arg-type]
        for span, names in mentions
        for name in names
    )


def _pick(
    text: str, clause: tuple[int, int], trigger: TriggerMatch | None, mentions: Sequence[Mention]
) -> tuple[Mention | None, Mention | None]:
    if not mentions:
        return None, None
    if trigger is None:
        agents = [m for m in mentions if not _is_speaker(text, m)] or list(mentions)
        first = agents[0]
        return first, _other(first, [m for m in mentions if m[0].start > first[0].start])
    before = [m for m in mentions if m[0].end <= trigger.start]
    after = [m for m in mentions if m[0].start >= trigger.end]
    within = [m for m in mentions if m[0].start < trigger.end and trigger.start < m[0].end]
    if trigger.entry.agent == "after":
        first = after[0] if after else None
        return first, _other(first, before)
    passive = [m for m in after if _BY.search(_left(text, clause, m))
               and not _NOT_AGENT_BY.search(_left(text, clause, m))
               and m[0].start - trigger.end <= 80]
    subjects = [m for m in before if not _is_speaker(text, m)]
    if is_passive(text, trigger):
        # "Four PKK terrorists captured alive in Diyarbakir": a verb that takes an object has
        # none, so it is a passive; who was captured stands before it, the captor after "by"
        first = passive[0] if passive else None
        return first, _other(first, subjects)
    adjacent = [_chain_head(text, before, m) for m in before
                if not text[m[0].end : trigger.start].strip()]
    right_after = [m for m in passive if re.fullmatch(
        _BY_GAP + _BY.pattern.removeprefix(r"\b").removesuffix("$"),
        text[trigger.end : m[0].start], re.I)]
    speakers = [m for m in before if _is_speaker(text, m)]
    first = (within or adjacent or right_after or subjects or passive or speakers or [None])[0]
    far_side = after if first is None or first not in after else before
    others = [m for m in far_side if m is not first and not _is_speaker(text, m)]
    return first, _other(first, others or [m for m in after if m is not first
                                           and not _is_speaker(text, m)])


def is_passive(text: str, trigger: TriggerMatch) -> bool:
    """Whether a trigger whose verb takes an object (captured, arrested) has none: a passive
    without its auxiliary, as headlines write it.

    >>> from model.events.triggers import find_triggers
    >>> text = "Four PKK terrorists captured alive in Diyarbakir"
    >>> is_passive(text, find_triggers(text)[0])
    True
    """
    return "transitive" in trigger.entry.traits and bool(_NO_OBJECT.match(text, trigger.end))


def _left(text: str, clause: tuple[int, int], mention: Mention) -> str:
    """The clause text just left of a mention (80 characters at most)."""
    return text[max(clause[0], mention[0].start - 80) : mention[0].start]


def _chain_head(text: str, mentions: Sequence[Mention], last: Mention) -> Mention:
    """The first actor of a coordination ending in ``last``: ``The Syrian army and Iranian-backed
    militias recaptured`` -> the Syrian army."""
    head = last
    for m in reversed([m for m in mentions if m[0].end <= last[0].start]):
        if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[m[0].end : head[0].start]):
            break
        head = m
    return head


def _is_speaker(text: str, mention: Mention) -> bool:
    return speaks(text, mention[0].end)


def speaks(text: str, end: int) -> bool:
    """Whether the actor mention ending at ``end`` is the one telling the news ("..., police
    reported", "the army said"), not a side of it.

    >>> text = "The mayor was found dead, police reported."
    >>> speaks(text, text.index(" reported"))
    True
    """
    return bool(_SPEAKER.match(text[end : end + 40]))


def _other(first: Mention | None, candidates: Sequence[Mention]) -> Mention | None:
    taken = {n.name for n in first[1]} if first else set()
    return next((m for m in candidates if not taken & {n.name for n in m[1]}), None)
