"""``extract``: one article in, its ``Extraction`` out (JSON, or ACLED's CSV columns of its events).

The model (and so torch) loads inside the handler, only when a command needs it, through
``service.loading.load_extractor``: ``CONFLICT_IE_BACKEND``, ``CONFLICT_IE_INFERENCE_THREADS`` and
``CONFLICT_IE_MIN_SCORE`` apply as in the service.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path

from pydantic import ValidationError

from model.errors import InputError, error_messages
from model.events import events_to_csv
from model.types import Article, Extraction
from service.cli.loop import probability
from service.settings import get_settings
from training.registry import current_path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = get_settings()
    extract = subparsers.add_parser(
        "extract", help="events of one article, as JSON or CSV with ACLED's columns"
    )
    extract.add_argument("file", nargs="?", help="article text file, or - for stdin")
    extract.add_argument(
        "--published", type=_iso_date, help="publication date YYYY-MM-DD (default: dateline)"
    )
    extract.add_argument("--id", help="an id for the article, echoed in the output")
    extract.add_argument(
        "--source", help="the outlet, for the CSV's source column (default: the --id)"
    )
    extract.add_argument("--format", choices=("json", "csv"), default="json")
    extract.add_argument(
        "--min-score", type=probability, default=None,
        help="drop spans the model scores below this (0-1), then events less confident than it "
        "(default: CONFLICT_IE_MIN_SCORE, else keep all)",
    )
    extract.add_argument("--model", type=Path, default=current_path(settings.models_dir))
    extract.add_argument("--device", default=settings.device)
    extract.add_argument(
        "--schema", action="store_true", help="print the output's JSON schema and exit"
    )
    extract.set_defaults(handler=run_extract)


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


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


def make_article(text: str, *, published: dt.date | None, article_id: str | None) -> Article:
    """The ``Article`` to extract, with every problem of the options named."""
    try:
        return Article(text=text, published=published, id=article_id)
    except ValidationError as exc:
        raise InputError("; ".join(error_messages(exc.errors()))) from None


def run_extract(args: argparse.Namespace) -> int:
    if args.schema:
        print(json.dumps(Extraction.model_json_schema(), indent=2))
        return 0
    if args.file is None:
        raise InputError("extract: give an article FILE, or - to read stdin")
    article = make_article(read_article(args.file), published=args.published, article_id=args.id)
    from service.loading import LoadOptions, load_extractor

    options = LoadOptions.from_settings(device=args.device, min_score=args.min_score)
    extractor = load_extractor(args.model, options)
    result = extractor.extract(article)
    log.info("%d span(s), %d event(s)", len(result.spans), len(result.events))
    if args.format == "csv":
        sys.stdout.write(events_to_csv(result.events, source=args.source or args.id))
    else:
        print(result.model_dump_json(indent=2))
    return 0
