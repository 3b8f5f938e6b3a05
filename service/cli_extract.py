"""``extract``: one article in, its events out (JSON, or ACLED-like CSV).

The tagger (and so torch) is imported inside ``load_tagger``, only when a command needs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any, Protocol

from model.errors import InputError, ModelLoadError
from model.event_table import events_to_csv
from model.events import extract_events, find_published
from model.types import Event, Span
from service.settings import get_settings

log = logging.getLogger(__name__)


class SpanPredictor(Protocol):
    """What ``extract`` needs of a tagger."""

    def predict(self, text: str) -> list[Span]: ...


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = get_settings()
    extract = subparsers.add_parser(
        "extract", help="events of one article, as JSON or ACLED-like CSV"
    )
    extract.add_argument("file", nargs="?", help="article text file, or - for stdin")
    extract.add_argument(
        "--published", type=_iso_date, help="publication date YYYY-MM-DD (default: dateline)"
    )
    extract.add_argument("--format", choices=("json", "csv"), default="json")
    extract.add_argument("--model", type=Path, default=settings.models_dir / "current")
    extract.add_argument("--device", default=settings.device)
    extract.add_argument(
        "--schema", action="store_true", help="print the Event JSON schema and exit"
    )
    extract.set_defaults(handler=run_extract)


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def load_tagger(path: Path, device: str) -> SpanPredictor:
    """Load the span tagger at ``path``; a missing model says how to make one."""
    if not path.exists():
        raise ModelLoadError(f"no model at {path}: train one with `conflict-ie train`")
    from model.tagger import Tagger

    try:
        return Tagger.load(path, device=device)
    except ModelLoadError as exc:
        raise ModelLoadError(f"{exc} (train one with `conflict-ie train`)") from exc


def read_article(name: str) -> str:
    """The text of ``name``, or of stdin for ``-``."""
    if name == "-":
        text = sys.stdin.read()
    else:
        path = Path(name)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    return text


def extraction_json(
    text: str, spans: list[Span], events: list[Event], published: dt.date | None
) -> dict[str, Any]:
    """The ``extract`` JSON object: publication date used, events, and the spans they came from."""
    return {
        "published": published.isoformat() if published else None,
        "events": [event.model_dump(mode="json") for event in events],
        "spans": [
            {"start": s.start, "end": s.end, "label": s.label, "text": text[s.start : s.end]}
            for s in sorted(spans, key=lambda s: (s.start, s.end))
        ],
    }


def run_extract(args: argparse.Namespace) -> int:
    if args.schema:
        print(json.dumps(Event.model_json_schema(), indent=2))
        return 0
    if args.file is None:
        raise InputError("extract: give an article FILE, or - to read stdin")
    text = read_article(args.file)
    tagger = load_tagger(args.model, args.device)
    spans = list(tagger.predict(text))
    published = args.published or find_published(text)
    events = extract_events(text, spans, published=published)
    log.info("%d span(s), %d event(s)", len(spans), len(events))
    if args.format == "csv":
        sys.stdout.write(events_to_csv(events))
    else:
        print(
            json.dumps(
                extraction_json(text, spans, events, published), ensure_ascii=False, indent=2
            )
        )
    return 0
