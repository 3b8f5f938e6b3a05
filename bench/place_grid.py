"""The place and date grid: the places, frames and datelines of ``bench/phrases/places.json``
through the whole extractor (spans from the model).

    .venv/bin/python bench/place_grid.py [--model models/current] [--json]

The inventory was listed by a coder who saw no code and no probe report. Each place is put in
every frame of where that suits it (a district in the frames that say `district`, a town in those
that say `town`): "Gunmen killed five villagers {where} on Monday.", published on a Wednesday.
Each phrase of when is put after the first ten places: "Gunmen killed five villagers in {place},
{admin1} {admin1_word}, {when}."; each dateline opens the same report with `yesterday`. Scored:
the country and the admin1 of one of the table's events (admin1 compared through the gazetteer's
names of the country's divisions, ``training.event_eval.admin1_key``), the day of one of them
(phrases the coder left undated are not judged). Printed: right / texts by field, then the
frames and places most often wrong.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grid_cli import run_grid  # noqa: E402

from model.events.locations import country_name  # noqa: E402
from model.extractor import Extractor  # noqa: E402
from model.types import Article  # noqa: E402
from training.event_eval import admin1_key  # noqa: E402

INVENTORY = ROOT / "bench" / "phrases" / "places.json"
PUBLISHED = dt.date(2024, 3, 20)  # a Wednesday
DATED_PLACES = 10
# (field, frame or phrase, place, text, published, wanted day)
Case = tuple[str, str, dict[str, str], str, dt.date | None, dt.date | None]


def _fits(frame: str, level: str) -> bool:
    return ("district" not in frame or level == "district") and (
        "town" not in frame or level == "town")


def cases(inventory: dict[str, Any]) -> list[Case]:
    """Every place in every frame that suits it, every phrase of when, every dateline."""
    found: list[Case] = []
    monday = PUBLISHED - dt.timedelta(days=2)
    for place in inventory["places"]:
        country = country_name(place["country"]) or place["country"]
        for frame in inventory["place_frames"]:
            if _fits(frame, place["level"]):
                where = frame.format(place=place["place"], admin1=place["admin1"],
                                     admin1_word=place["admin1_word"], country=country)
                found.append(("where", frame, place,
                              f"Gunmen killed five villagers {where} on Monday.", PUBLISHED,
                              monday))
    stated = inventory["places"][:DATED_PLACES]
    for when in inventory["date_frames"]:
        if when["days_before"] is None:
            continue
        day = PUBLISHED - dt.timedelta(days=when["days_before"])
        for place in stated:
            found.append(("when", when["phrase"], place, "Gunmen killed five villagers in "
                          f"{place['place']}, {place['admin1']} {place['admin1_word']}, "
                          f"{when['phrase']}.", PUBLISHED, day))
    for line in inventory["datelines"]:
        published = dt.date.fromisoformat(line["published"]) if line["published"] else None
        dated = dt.date.fromisoformat(line["date"] or line["published"])
        for place in stated:
            text = (line["prefix"].format(city=place["place"].upper())
                    + f"Gunmen killed five villagers in {place['place']}, {place['admin1']} "
                    f"{place['admin1_word']}, yesterday.")
            found.append(("dateline", line["prefix"], place, text, published,
                          dated - dt.timedelta(days=1)))
    return found


def score(extractor: Extractor, inventory: dict[str, Any]) -> dict[str, Any]:
    """Right / texts by field, and the frames and places most often wrong."""
    grid = cases(inventory)
    results = extractor.extract_many([Article(text=text, published=published)
                                      for _, _, _, text, published, _ in grid])
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    frames: dict[str, Counter[str]] = {}
    places: dict[str, Counter[str]] = {}
    for (kind, frame, place, _text, _published, day), result in zip(grid, results, strict=True):
        events = [e for e in result.events if not e.cumulative]
        checks: dict[str, bool] = {"day": any(e.date and e.date.date_start == day
                                              for e in events)}
        if kind == "where":
            locations = [e.locations[0] for e in events if e.locations]
            want = admin1_key(place["admin1"], place["country"])
            checks["country"] = any(loc.country_code == place["country"] for loc in locations)
            checks["admin1"] = any(admin1_key(loc.admin1, loc.country_code) == want
                                   for loc in locations if loc.admin1)
            del checks["day"]
        for field, ok in checks.items():
            name = field if kind == "where" else f"day ({kind})"
            total[name] += 1
            right[name] += ok
            if not ok:
                frames.setdefault(name, Counter())[frame] += 1
                places.setdefault(name, Counter())[place["place"]] += 1
    return {
        "fields": {f: {"right": right[f], "texts": total[f]} for f in total},
        "wrong_frames": {f: c.most_common(8) for f, c in frames.items()},
        "wrong_places": {f: c.most_common(12) for f, c in places.items()},
    }


def _render(figures: dict[str, Any]) -> None:
    print("| field | right |\n|---|---:|")
    for field, counts in figures["fields"].items():
        print(f"| {field} | {counts['right']}/{counts['texts']} |")
    for field, counter in figures["wrong_frames"].items():
        print(f"- {field}, frames: " + "; ".join(f"{f!r} {n}" for f, n in counter))
        print(f"- {field}, places: " + "; ".join(
            f"{p} {n}" for p, n in figures["wrong_places"][field]))


def main(argv: list[str] | None = None) -> int:
    return run_grid(__doc__ or "", INVENTORY, score, _render, argv)


if __name__ == "__main__":
    raise SystemExit(main())
