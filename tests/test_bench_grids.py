"""The grids' inventories and frames (bench/phrase_grid.py, place_grid.py, type_grid.py,
modality_grid.py, story_grid.py): what they hold and the texts they build, no model needed."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from model.events.locations import country_name
from model.taxonomy import SUB_EVENT_TYPES, taxonomy_problems

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # the grids import grid_cli from beside them


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inventory(name: str) -> dict[str, Any]:
    return json.loads((ROOT / "bench" / "phrases" / name).read_text(encoding="utf-8"))


def test_the_phrase_grid_puts_every_phrase_in_its_frame() -> None:
    grid = _load("phrase_grid")
    inventory = _inventory("inventory.json")
    cases = grid.cases(inventory)
    phrases = sum(len(inventory[group]) for group in grid.FRAMES)
    frames = len(grid.COUNTS) * len(grid.PEOPLE)
    assert len(cases) == phrases * frames + len(inventory["sentences"])
    texts = {text for *_, text in cases}
    where = "in the village of Kagoro in Kaduna State, Nigeria, on Monday."
    assert f"Seven villagers were whisked away by gunmen {where}" in texts
    assert f"Police hauled in three villagers {where}" in texts
    wanted = {want for group, _, want, _ in cases if group.startswith("detained")}
    assert all(want[0] == 0 and want[1] == 0 and want[2] in (3, 7, 12) for want in wanted)


def test_the_place_grid_knows_every_country_and_day() -> None:
    grid = _load("place_grid")
    inventory = _inventory("places.json")
    assert all(country_name(place["country"]) for place in inventory["places"])
    cases = grid.cases(inventory)
    where = [c for c in cases if c[0] == "where"]
    assert all("district" not in frame or place["level"] == "district"
               for _, frame, place, *_ in where)
    dated = [c for c in cases if c[0] == "dateline"]
    assert len(dated) == len(inventory["datelines"]) * grid.DATED_PLACES
    xinhua = next(c for c in dated if "Xinhua" in c[1])
    assert (xinhua[4], xinhua[5]) == (dt.date(2018, 12, 29), dt.date(2018, 12, 27))


@pytest.mark.parametrize("name", ["types.json", "types_second.json"])
def test_the_type_grid_covers_the_whole_taxonomy(name: str) -> None:
    reports = _inventory(name)["reports"]
    assert all(not taxonomy_problems(r["event_type"], r["sub_event_type"]) for r in reports)
    covered = {r["sub_event_type"] for r in reports}
    assert covered == {sub for subs in SUB_EVENT_TYPES.values() for sub in subs}


def test_a_grid_refuses_an_inventory_it_cannot_read(tmp_path: Path) -> None:
    grid = _load("type_grid")
    assert grid.main(["--inventory", str(tmp_path / "missing.json")]) == 2
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert grid.main(["--inventory", str(tmp_path / "bad.json")]) == 2


def test_the_modality_grid_pairs_each_kind_of_news_with_an_incident_told_beside_it() -> None:
    reports = _inventory("modality.json")["reports"]
    kinds: dict[str, list[bool]] = {}
    for report in reports:
        kinds.setdefault(report["kind"], []).append(report["incident"])
    assert len(kinds) == 25
    assert all(sorted(told) == [False] * 4 + [True] * 2 for told in kinds.values())
    for report in (r for r in reports if r["incident"]):
        assert country_name(report["country"]) and report["event_type"] in SUB_EVENT_TYPES
        dt.date.fromisoformat(report["date"])


def test_the_story_grid_tells_each_incident_five_ways_with_one_answer() -> None:
    reports = _inventory("stories.json")["reports"]
    told: dict[int, list[dict[str, Any]]] = {}
    for report in (r for r in reports if r["part"] == "A"):
        told.setdefault(report["incident_id"], []).append(report)
    assert len(told) == 30
    keys = ("country", "admin1", "date", "event_type", "killed", "injured", "detained")
    for tellings in told.values():
        assert {t["telling"] for t in tellings} == {"brief", "wire", "toll_update", "release",
                                                    "background"}
        assert len({tuple(t[k] for k in keys) for t in tellings}) == 1
    assert all(r["events"] == 2 for r in reports if r["part"] == "B")
