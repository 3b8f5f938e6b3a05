"""ACLED's event taxonomy, defined once: 6 event types, 25 sub-event types, and the disorder
type each belongs to. The gold event rows (``model.types.GoldEvent``), the event assembler and
the event evaluation all read these names from here.

>>> len(EVENT_TYPES), sum(len(s) for s in SUB_EVENT_TYPES.values())
(6, 25)
>>> event_type_of("Arrests")
'Strategic developments'
"""

from __future__ import annotations

from types import MappingProxyType

SUB_EVENT_TYPES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
})
EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)

# ACLED's disorder types: what the event types add up to in its CSV's first columns.
DISORDER_TYPE: MappingProxyType[str, str] = MappingProxyType({
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
})

_PARENT = {sub: parent for parent, subs in SUB_EVENT_TYPES.items() for sub in subs}


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to.

    Raises:
        ValueError: an unknown sub-event type, naming the known ones.
    """
    try:
        return _PARENT[sub_event_type]
    except KeyError:
        raise ValueError(
            f"unknown sub_event_type {sub_event_type!r}; expected one of {sorted(_PARENT)}"
        ) from None


def taxonomy_problems(event_type: str | None, sub_event_type: str | None) -> list[str]:
    """What is wrong with an ``(event_type, sub_event_type)`` pair (empty when it is ACLED's).

    >>> taxonomy_problems("Battles", "Arrests")
    ["sub_event_type 'Arrests' belongs to 'Strategic developments', not 'Battles'"]
    """
    if event_type not in SUB_EVENT_TYPES:
        return [f"unknown event_type {event_type!r}; expected one of {list(EVENT_TYPES)}"]
    if sub_event_type is None:
        return []
    parent = _PARENT.get(sub_event_type)
    if parent is None:
        return [f"unknown sub_event_type {sub_event_type!r} for {event_type!r}; expected one of "
                f"{list(SUB_EVENT_TYPES[event_type])}"]
    if parent != event_type:
        return [f"sub_event_type {sub_event_type!r} belongs to {parent!r}, not {event_type!r}"]
    return []
