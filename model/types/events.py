"""The event schema: what the assembler reads from an article.

Every event field an assembler fills from the text is *grounded*: it carries the character
offsets ``[start, end)`` of the text it came from, that text, and a confidence in ``[0, 1]``.
Codes follow ACLED: ``time_precision`` 1 = day, 2 = week, 3 = month or coarser;
``geo_precision`` 1 = the town or village itself, 2 = part of or near a town (district, suburb,
"east Aleppo", "south of Aleppo", a road near a town), 3 = a province, region or country;
actor ``inter`` codes 1-8 (state forces ... external/other forces).

>>> Casualty(start=0, end=9, text="dozens of", confidence=0.9, kind="killed", min=12).max is None
True
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

# --- The event schema ---------------------------------------------------------------------
Precision = Literal["day", "week", "month", "year"]
ActorType = Literal[
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
]
CasualtyKind = Literal["killed", "injured", "killed_or_injured", "detained"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Grounded(BaseModel):
    """A value read from ``text[start:end]`` of the article, with a confidence."""

    model_config = _FROZEN

    start: int = Field(ge=0, description="First character of the source text, 0-based.")
    end: int = Field(ge=0, description="One past the last character of the source text.")
    text: str = Field(description="The source text, text[start:end] of the article.")
    confidence: float = Field(
        ge=0.0,
        le=1.0,
        description="Confidence in the normalized value: the hand-set prior of the rule that "
        "read it (not a measurement) times the model's score of the span it came from (the prior "
        "alone for spans without a score, such as gold spans); an inherited date also takes "
        "INHERITED_DATE_DISCOUNT. The trigger, found by the lexicon, not the model, has its prior "
        "alone. Priors and discounts: model/events/ and model/data/triggers.json.",
    )

    @model_validator(mode="after")
    def _check_offsets(self) -> Grounded:
        if self.end < self.start:
            raise ValueError(f"end {self.end} < start {self.start}")
        return self


class EventDate(Grounded):
    """A DATE span resolved to an ISO date range relative to the publication date."""

    date_start: dt.date | None = Field(description="First day of the range; null if unresolved.")
    date_end: dt.date | None = Field(description="Last day of the range (inclusive).")
    precision: Precision | None = Field(description="Grain of the expression: day, week, ...")
    time_precision: Literal[1, 2, 3] | None = Field(
        description="ACLED time precision: 1 day, 2 week, 3 month or coarser."
    )
    inherited: bool = Field(
        default=False, description="True when taken from the nearest preceding date, or the "
        "day a report was made ('police said on Tuesday') rather than the incident's own."
    )
    method: str = Field(description="How it was resolved: 'dateparser', 'rule:<name>', ...")


class Actor(Grounded):
    """An ACTOR span with a canonical name and an ACLED-like actor type."""

    name: str = Field(description="Canonical name from the alias table, else the surface text.")
    actor_type: ActorType | None = Field(description="ACLED-like actor type; null if unknown.")
    inter: int | None = Field(ge=1, le=8, description="ACLED inter code of actor_type (1-8).")
    known: bool = Field(description="True when the alias table knows this actor.")
    role: Literal["actor1", "actor2"] | None = Field(
        default=None, description="ACLED role in the event; null for other mentions."
    )


class Location(Grounded):
    """A LOCATION span placed with an offline gazetteer."""

    name: str = Field(description="Gazetteer name of the place, else the surface text.")
    latitude: float | None = Field(ge=-90, le=90, description="WGS84 latitude; null if unknown.")
    longitude: float | None = Field(ge=-180, le=180, description="WGS84 longitude.")
    country: str | None = Field(description="Country name.")
    country_code: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    admin1: str | None = Field(description="First-level administrative division (province).")
    admin2: str | None = Field(
        default=None, description="Second-level division (district) where known; null if not."
    )
    geo_precision: Literal[1, 2, 3] | None = Field(
        description="ACLED geo precision: 1 town, 2 part of/near a town, 3 province or wider."
    )
    source: Literal["project", "geonames"] | None = Field(
        description="'project' (model/data/gazetteer.tsv), 'geonames' (the GeoNames gazetteer, "
        "docs/gazetteer.md), or null."
    )


class Casualty(Grounded):
    """A CASUALTY span read as a count of people killed, injured, or detained/abducted."""

    kind: CasualtyKind = Field(description="What the words around the count say happened.")
    min: int | None = Field(default=None, ge=0, description="Lowest count the text allows.")
    max: int | None = Field(default=None, ge=0, description="Highest count; null if open.")
    approx: bool = Field(default=False, description="The text gives an estimate, not a count.")
    qualifier: str | None = Field(default=None, description="'at least', 'over', 'dozens', ...")
    victims: str | None = Field(default=None, description="Who was counted: 'civilians', ...")
    subset: bool = Field(
        default=False, description="Part of another count ('including 44 civilians')."
    )


class Trigger(Grounded):
    """The words that make a clause an event, from the trigger lexicon."""

    lexeme: str = Field(description="Id of the entry in model/data/triggers.json.")


class Sentence(BaseModel):
    """A sentence (or clause) of the article that reports the event."""

    model_config = _FROZEN

    start: int = Field(ge=0, description="First character of the sentence.")
    end: int = Field(ge=0, description="One past its last character.")
    text: str = Field(description="The sentence text.")


class Event(BaseModel):
    """One incident: an ACLED-style row with every field grounded in the text."""

    model_config = _FROZEN

    id: str = Field(description="Event id within the article: 'E1', 'E2', ...")
    event_type: str | None = Field(description="ACLED event type; null when unclear.")
    sub_event_type: str | None = Field(description="ACLED sub-event type; null when unclear.")
    trigger: Trigger | None = Field(description="The trigger words; null for casualty reports.")
    date: EventDate | None = Field(description="When; null if no date precedes the event.")
    actors: tuple[Actor, ...] = Field(default=(), description="Actor mentions, roles marked.")
    locations: tuple[Location, ...] = Field(default=(), description="Where, most precise first.")
    casualties: tuple[Casualty, ...] = Field(default=(), description="Counts of killed/injured.")
    fatalities: int = Field(ge=0, description="ACLED-style conservative count of the dead.")
    injured: int = Field(default=0, ge=0, description="Conservative count of the injured.")
    detained: int = Field(
        default=0, ge=0, description="People detained, arrested, abducted or captured."
    )
    cumulative: bool = Field(
        default=False, description="A running total over a period ('since', 'the war')."
    )
    excluded: str | None = Field(
        default=None,
        description="Why this is not an event of the article, when asked to keep such rows: "
        "'cumulative' (a running total), 'background' (dated more than 30 days before "
        "publication), 'judicial' (a trial, sentence, charge or warrant), 'intent' (a threat, "
        "plan or warning), 'anniversary', 'aftermath' (a funeral or a visit told with an "
        "incident of weeks before), 'false_claim' (a claim said to be false, or denied), 'test' "
        "(a weapons test, an arms purchase or a military exercise), 'reaction' (a reaction that "
        "tells of no harm itself), 'legislation' (a law), 'statistics' (figures over a period, "
        "or other incidents compared with the article's), 'allegation' (what someone is said to "
        "have done), 'spaceflight' (a rocket launch), 'figurative' (a battle or clash in sport "
        "or politics), 'culture' (a film, book or exhibition about a war), 'release' (hostages "
        "or prisoners freed, in a deal or after talks), 'generic' (a kind of incident told in "
        "general: 'complaints of arbitrary arrests'), 'unlikely' (the fitted event filter judges "
        "it no incident). Null for the events of the table.",
    )
    sentences: tuple[Sentence, ...] = Field(min_length=1, description="Sentences reporting it.")
    confidence: float = Field(
        ge=0.0,
        le=1.0,
        description="Probability that this is an event of the article of that type: a "
        "logistic model over the event's features (its trigger's prior, the mean model score of "
        "its fields' spans, whether it counts people, has a date of its own, how many sentences "
        "tell it), fitted on the coded train articles and calibrated on its out-of-fold "
        "probabilities there; where those do not rank right events above wrong ones it is the "
        "measured share of right events (model/data/event_confidence.json records the fit and "
        "its ECE on the dev articles). On the same scale as span scores, so one min_score "
        "applies to both.",
    )

    def actor(self, role: Literal["actor1", "actor2"]) -> Actor | None:
        """The first actor with ``role``, if any."""
        return next((a for a in self.actors if a.role == role), None)
