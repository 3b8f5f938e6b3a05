"""How many of the judged general-news articles get an event: the Wikinews articles of
``annotations/events/judged/`` in which an earlier reading proposed an event, every one judged
no incident (its README). An event there is a false event.

    .venv/bin/python bench/judged.py [--show]      # --show: each article's events, one line each
    .venv/bin/python bench/judged.py --csv wikinews_2019.csv wikinews_2020.csv --show

``--csv`` reads instead the articles of ``vanatteveldt/wikinews``'s CSVs (``data/``, columns
``url``, ``date``, ``title``, ``text``) that no set of ``annotations/events/`` holds: general news
nobody has coded or judged, nearly all of it with no incident, whose events ``--show`` lists for
a reader to judge.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.errors import ModelLoadError  # noqa: E402
from model.extractor import Extractor  # noqa: E402
from model.types import Article  # noqa: E402

JUDGED = ROOT / "annotations" / "events" / "judged" / "wikinews_cc_by.json"


def read_judged(path: Path) -> list[dict]:
    """The judged articles; ``ValueError`` naming the file when it cannot be read."""
    try:
        articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: cannot read judged articles: {exc}") from exc
    if not isinstance(articles, list):
        raise ValueError(f"{path}: 'articles' is not a list")
    return articles


def read_unused(paths: list[Path], events_dir: Path = JUDGED.parent.parent) -> list[dict]:
    """The CSVs' articles whose ``url`` no file of ``events_dir`` names (headline, two newlines,
    text, as the judged file has them); ``ValueError`` naming a CSV that cannot be read."""
    used: set[str] = set()
    for path in sorted(events_dir.rglob("*.json*")):
        try:
            text = path.read_text(encoding="utf-8")
            for line in [text] if path.suffix == ".json" else text.splitlines():
                if line.strip():
                    data = json.loads(line)
                    used |= {article.get("meta", {}).get("url", "")
                             for article in data.get("articles", [data])}
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
            raise ValueError(f"{path}: cannot read the coded articles: {exc}") from exc
    csv.field_size_limit(1 << 30)
    articles = []
    for path in paths:
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            articles += [{"id": row["url"], "text": f"{row['title']}\n\n{row['text'][:20000]}",
                          "meta": {"published": row["date"][:10], "url": row["url"]}}
                         for row in rows if row["url"] not in used]
        except (OSError, UnicodeDecodeError, csv.Error, KeyError) as exc:
            raise ValueError(f"{path}: cannot read Wikinews articles: {exc}") from exc
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    parser.add_argument("--file", type=Path, default=JUDGED)
    parser.add_argument("--csv", type=Path, nargs="+",
                        help="vanatteveldt/wikinews CSVs: score their articles no set holds "
                        "(instead of --file)")
    parser.add_argument("--show", action="store_true", help="print each article's events")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    try:
        articles = read_unused(args.csv) if args.csv else read_judged(args.file)
        extractor = Extractor.load(args.model)
    except (ValueError, ModelLoadError) as exc:
        parser.error(str(exc))
    found = extractor.extract_many([
        Article(text=a["text"], published=dt.date.fromisoformat(a["meta"]["published"]))
        for a in articles])
    with_events = 0
    for article, extraction in zip(articles, found, strict=True):
        events = [e for e in extraction.events if not e.cumulative]
        with_events += bool(events)
        if args.show and events:
            print(article["id"], [(e.event_type, e.sub_event_type) for e in events])
    print(json.dumps({"articles": len(articles), "with_events": with_events}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
