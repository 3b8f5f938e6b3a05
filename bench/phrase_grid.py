"""The phrase grid: every way of writing a casualty in ``bench/phrases/inventory.json``, in every
frame, through the whole extractor (spans from the model).

    .venv/bin/python bench/phrase_grid.py [--model models/current] [--json]

The inventory was listed by a coder who saw no code and no probe report: verbs of killing,
wounding and taking people, before their object ("Gunmen [liquidated] seven villagers") or after
their subject ("Seven villagers [were whisked away by gunmen]"), phrases for people who were not
harmed ("were evacuated"), and 60 short reports with their counts. Each phrase is put in one
frame, with four counts ("Three", "3", "At least 12", "Seven") and five kinds of people
(civilians, villagers, soldiers, people, police officers), in a village of Kaduna State,
Nigeria. A text is right when the table has an event and its killed, injured and detained
sums are the phrase's (for the unharmed: all three nought; a report's null count is not
judged). Printed: right / texts by group, then each phrase that is wrong, how often and one
example with what the table gave.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grid_cli import run_grid  # noqa: E402

from model.extractor import Extractor  # noqa: E402
from model.types import Article  # noqa: E402

INVENTORY = ROOT / "bench" / "phrases" / "inventory.json"
PUBLISHED = dt.date(2024, 3, 20)  # after every date the reports name
COUNTS = (("Three", "three", 3), ("3", "3", 3), ("At least 12", "at least 12", 12),
          ("Seven", "seven", 7))
PEOPLE = ("civilians", "villagers", "soldiers", "people", "police officers")
WHERE = "in the village of Kagoro in Kaduna State, Nigeria, on Monday"
ATTACK = f"when gunmen attacked {WHERE}"
# who takes people: the police arrest, gunmen abduct
POLICE_VERBS = frozenset({"arrested", "detained", "apprehended", "nabbed", "rounded up",
                          "picked up", "took into custody", "hauled in"})
# group: (kind index in (killed, injured, detained) or None for no harm, frame)
FRAMES = {
    "killed_passive": (0, "{Count} {people} {phrase} " + ATTACK + "."),
    "killed_active": (0, "Gunmen {phrase} {count} {people} " + WHERE + "."),
    "injured_passive": (1, "{Count} {people} {phrase} " + ATTACK + "."),
    "injured_active": (1, "Gunmen {phrase} {count} {people} " + WHERE + "."),
    "detained_passive": (2, "{Count} {people} {phrase} " + WHERE + "."),
    "detained_active": (2, "{agent} {phrase} {count} {people} " + WHERE + "."),
    "not_casualty_passive": (None, "{Count} {people} {phrase} after gunmen attacked "
                             + WHERE + "."),
}

Case = tuple[str, str, tuple[int | None, int | None, int | None], str]


def cases(inventory: dict[str, Any]) -> list[Case]:
    """``(group, phrase, wanted counts, text)`` for every phrase in every frame, then the
    reports."""
    found: list[Case] = []
    for (count_cap, count, n), people in itertools.product(COUNTS, PEOPLE):
        for group, (kind, frame) in FRAMES.items():
            for phrase in inventory[group]:
                want = [0, 0, 0]
                if kind is not None:
                    want[kind] = n
                agent = "Police" if phrase in POLICE_VERBS else "Gunmen"
                text = frame.format(Count=count_cap, count=count, people=people, phrase=phrase,
                                    agent=agent)
                found.append((group, phrase, (want[0], want[1], want[2]), text))
    for report in inventory["sentences"]:
        want_report = (report["killed"], report["injured"], report["detained"])
        found.append(("reports", report["text"][:60], want_report, report["text"]))
    return found


def score(extractor: Extractor, inventory: dict[str, Any]) -> dict[str, Any]:
    """Right / texts by group and the phrases read wrong."""
    grid = cases(inventory)
    results = extractor.extract_many([Article(text=text, published=PUBLISHED)
                                      for *_, text in grid])
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[tuple[str, str], dict[str, Any]] = {}
    for (group, phrase, want, text), result in zip(grid, results, strict=True):
        events = [e for e in result.events if not e.cumulative]
        got = (sum(e.fatalities or 0 for e in events), sum(e.injured or 0 for e in events),
               sum(e.detained or 0 for e in events))
        ok = all(w is None or w == g for w, g in zip(want, got, strict=True)) and (
            bool(events) or group == "not_casualty_passive")
        total[group] += 1
        right[group] += ok
        if not ok:
            wrong[group][phrase] += 1
            example[(group, phrase)] = {"text": text, "got": got, "want": want,
                                        "events": len(events)}
    return {
        "groups": {g: {"right": right[g], "texts": total[g]} for g in total},
        "right": sum(right.values()), "texts": sum(total.values()),
        "wrong": [{"group": g, "phrase": p, "times": k, **example[(g, p)]}
                  for g, counter in wrong.items() for p, k in counter.most_common()],
    }


def _render(figures: dict[str, Any]) -> None:
    print("| group | right |\n|---|---:|")
    for group, counts in figures["groups"].items():
        print(f"| {group} | {counts['right']}/{counts['texts']} |")
    print(f"| **all** | **{figures['right']}/{figures['texts']}** |")
    for item in figures["wrong"]:
        print(f"- [{item['group']}] {item['times']}x {item['phrase']!r}: got {item['got']}, "
              f"want {item['want']}: {item['text']}")


def main(argv: list[str] | None = None) -> int:
    return run_grid(__doc__ or "", INVENTORY, score, _render, argv)


if __name__ == "__main__":
    raise SystemExit(main())
