"""How often an event placed by a nationality or an armed group lies in the right country.

The confidences of those placements (``model/events/incidents.py``: ``_NATIONALITY_PRIOR``,
``_SENTENCE_PRIOR``, ``_GROUP_PRIOR``) are these shares, measured on the Wikipedia incident rows
outside the committed silver set (``training.casualty_kind.pool``, the rows the casualty kind
model is fitted on; the silver set is never read). An event counts when its place is a country
alone, written as a nationality or a group's name; it is right when that country is the row's.

    .venv/bin/python bench/place_priors.py --csv global_terrorism.csv --model models/current

The CSV is ``global_terrorism.csv`` of ``SupChanda/Predicting-perpetrators-of-global-terrorism``
(``annotations/events/README.md``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.events.nationality import find_demonyms, find_groups  # noqa: E402
from model.extractor import Extractor  # noqa: E402
from model.types import Article  # noqa: E402
from training.casualty_kind import pool as rows_outside_silver  # noqa: E402
from training.event_eval import country_key  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not args.csv.is_file():
        parser.error(f"{args.csv}: no such file")
    pool = rows_outside_silver(args.csv, ROOT / "annotations" / "events" / "silver")
    extractor = Extractor.load(args.model)
    extractions = extractor.extract_many([Article(text=d.text, published=d.meta.published)
                                          for d in pool])
    right: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    for doc, extraction in zip(pool, extractions, strict=True):
        for event in extraction.events:
            place = event.locations[0] if event.locations else None
            if place is None or place.geo_precision != 3 or place.admin1 is not None:
                continue
            words = ("nationality" if find_demonyms(place.text)
                     else "group" if find_groups(place.text) else None)
            if words is None:
                continue
            fields = (*event.casualties, *event.actors)
            where = ("actors or counted" if any(f.start <= place.start and place.end <= f.end
                                                for f in fields) else "sentences")
            placed[f"{words} in {where}"] += 1
            right[f"{words} in {where}"] += place.country_code == country_key(
                doc.events[0].country)
    print(f"{len(pool)} rows outside the silver set")
    for key in sorted(placed):
        print(f"{key}: {right[key]} of {placed[key]} in the row's country "
              f"({right[key] / placed[key]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
