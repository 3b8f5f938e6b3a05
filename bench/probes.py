"""Score the event table on the invented probe reports of ``bench/probes/`` (article level).

    .venv/bin/python bench/probes.py [--model models/current] [--files bench/probes/d.json]
                                     [--by-style] [--json]

Each probe is an invented report with its coder's answer (``bench/probes/README.md``). A probe
with an incident is right on a field when one of the events the table gives for it (running
totals aside) has it: its country, its first-level division, its type, its day; the killed,
injured and detained counts are the events' sums (where the answer tells of several incidents,
they are its main incident's: the event that matches most of the three counts is judged; a
count the answer leaves null, as the report does not tell it, is not judged);
``events`` compares the number of events. A
probe with no incident is right when the table gives no event. Every figure is "right / probes
it applies to".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.errors import InputError  # noqa: E402
from model.extractor import Extractor  # noqa: E402
from model.types import Article, Event  # noqa: E402
from training.probes import read_probes  # noqa: E402

FIELDS = ("incident", "country", "admin1", "killed", "injured", "detained", "type", "day",
          "events")
_LEVEL_WORDS = re.compile(r"\s+(?:province|region|state|governorate|county|department|"
                          r"oblast|district)$", re.I)


_COUNTS = (("fatalities", "killed"), ("injured", "injured"), ("detained", "detained"))


def _division(name: str | None) -> str:
    """A first-level division's name to compare: no level word, accents, case or apostrophes
    ("Quiché" is "Quiche", "T'bilisi" is "Tbilisi")."""
    name = _LEVEL_WORDS.sub("", (name or "").strip())
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9 -]", "", folded.lower())


def judge(probe: dict[str, Any], events: Sequence[Event]) -> dict[str, bool]:
    """Which fields the table gets right for one probe (only those that apply to it)."""
    events = [e for e in events if not e.cumulative]
    right = {"incident": bool(events) == bool(probe["incident"])}
    if not probe["incident"]:
        return right
    places = [e.locations[0] for e in events if e.locations]
    right["country"] = probe["country"] in {p.country_code for p in places}
    if probe.get("admin1"):
        gold = _division(probe["admin1"])
        right["admin1"] = any(gold and (gold in _division(p.admin1) or _division(p.admin1) in gold)
                              for p in places if p.admin1)
    counted = events
    if probe.get("events", 1) > 1 and events:  # the answer's counts are its main incident's
        counted = [max(events, key=lambda e: sum(
            getattr(e, field) == probe[key] for field, key in _COUNTS))]
    for field, key in _COUNTS:
        if probe[key] is not None:  # null: the report does not say (the count is not judged)
            right[key] = sum(getattr(e, field) for e in counted) == probe[key]
    right["type"] = probe["event_type"] in {e.event_type for e in events}
    if probe.get("date"):
        right["day"] = probe["date"] in {str(e.date.date_start) for e in events if e.date}
    right["events"] = len(events) == probe["events"]
    return right


def score(probes: Sequence[dict[str, Any]], extractor: Extractor) -> dict[str, list[int]]:
    """``{field: [right, applies]}`` over ``probes``."""
    found = extractor.extract_many([Article(text=p["text"],
                                            published=dt.date.fromisoformat(p["published"]))
                                    for p in probes])
    right, applies = Counter(), Counter()
    for probe, extraction in zip(probes, found, strict=True):
        for name, ok in judge(probe, extraction.events).items():
            right[name] += ok
            applies[name] += 1
    return {name: [right[name], applies[name]] for name in FIELDS if applies[name]}


def _brief(event: Event) -> str:
    """An event in a few words: type, day, place and counts."""
    place = event.locations[0] if event.locations else None
    where = f"{place.country_code}/{place.admin1}" if place else "-"
    day = event.date.date_start if event.date else "-"
    return (f"{event.sub_event_type or event.event_type} {day} {where} "
            f"k{event.fatalities} i{event.injured} d{event.detained}")


def score_groups(reports: Sequence[dict[str, Any]], extractor: Extractor, group: str,
                 published: dt.date) -> dict[str, Any]:
    """``{"groups": {name: {field: [right, applies]}}, "all": {...}, "wrong": [...]}`` over
    reports grouped by their ``group`` key, each published on ``published`` unless it says."""
    found = extractor.extract_many([
        Article(text=r["text"], published=dt.date.fromisoformat(r["published"])
                if r.get("published") else published) for r in reports])
    tallies: dict[str, Counter[str]] = {}
    wrong = []
    for report, extraction in zip(reports, found, strict=True):
        right = judge(report, extraction.events)
        tally = tallies.setdefault(report[group], Counter())
        for name, ok in right.items():
            tally[name] += ok
            tally[name + "/"] += 1
        if not all(right.values()):
            wrong.append({group: report[group], "fields": sorted(n for n, ok in right.items()
                                                                 if not ok),
                          "got": [_brief(e) for e in extraction.events if not e.cumulative],
                          "text": report["text"]})
    overall: Counter[str] = sum(tallies.values(), Counter())

    def cells(tally: Counter[str]) -> dict[str, list[int]]:
        return {f: [tally[f], tally[f + "/"]] for f in FIELDS if tally[f + "/"]}

    return {"groups": {name: cells(t) for name, t in tallies.items()}, "all": cells(overall),
            "wrong": wrong}


def render_groups(figures: dict[str, Any], group: str) -> None:
    """Print ``score_groups``' figures as a table, then the reports read wrong."""
    print(f"| {group} | " + " | ".join(FIELDS) + " |\n|---|" + "---:|" * len(FIELDS))
    rows = [*figures["groups"].items(), ("**all**", figures["all"])]
    for name, cells in rows:
        print(f"| {name} | " + " | ".join(
            f"{cells[f][0]}/{cells[f][1]}" if f in cells else "" for f in FIELDS) + " |")
    for item in figures["wrong"]:
        print(f"- {item[group]}, wrong {', '.join(item['fields'])}; got {item['got']}: "
              f"{item['text']!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    parser.add_argument("--files", type=Path, nargs="*",
                        default=sorted((ROOT / "bench" / "probes").glob("*.json")))
    parser.add_argument("--by-style", action="store_true", help="one line per style of report")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not (args.model / "tagger.json").is_file():
        parser.error(f"not a model directory (no tagger.json): {args.model}")
    try:
        files = {path: read_probes(path) for path in args.files}
    except InputError as exc:
        parser.error(str(exc))
    extractor = Extractor.load(args.model)
    out: dict[str, dict[str, list[int]]] = {}
    for path, probes in files.items():
        groups = sorted({p["style"] for p in probes}) if args.by_style else [None]
        for style in groups:
            chosen = [p for p in probes if style is None or p["style"] == style]
            out[path.stem + (f" ({style})" if style else "")] = score(chosen, extractor)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print("| probes | " + " | ".join(FIELDS) + " |\n|---|" + "---:|" * len(FIELDS))
    for name, figures in out.items():
        cells = [f"{figures[f][0]}/{figures[f][1]}" if f in figures else "" for f in FIELDS]
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
