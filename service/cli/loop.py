"""The annotation loop's commands: ``rank`` (what to annotate next) and ``preannotate`` (the
model's spans as pre-annotations that doccano or Label Studio open for correction).

The model loads inside the handlers, only when a command runs, through
``service.loading.load_extractor`` (``CONFLICT_IE_BACKEND`` and the other settings apply).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from model.errors import InputError
from service.settings import get_settings
from training.preannotate import TOOLS, preannotate, read_articles, write_preannotations
from training.registry import current_path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = get_settings()
    parser = subparsers.add_parser(
        "preannotate", help="write the model's spans for correction in doccano or Label Studio"
    )
    parser.add_argument(
        "input", type=Path, help="JSONL of articles ({id, text, meta?}) or a folder of .txt files"
    )
    parser.add_argument("output", type=Path, help="doccano .jsonl or Label Studio .json to write")
    parser.add_argument("--to", dest="tool", choices=TOOLS, required=True)
    parser.add_argument("--model", type=Path, default=current_path(settings.models_dir))
    parser.add_argument(
        "--min-score", type=probability, default=None,
        help="leave out spans the model scores below this (0-1; default: "
        "CONFLICT_IE_MIN_SCORE, else keep all)",
    )
    parser.add_argument("--device", default=settings.device)
    parser.set_defaults(handler=run_preannotate)

    rank = subparsers.add_parser("rank", help="order unannotated articles: annotate first what "
                                 "the model is least sure of")
    rank.add_argument(
        "input", type=Path, help="JSONL of articles ({id, text, meta?}) or a folder of .txt files"
    )
    rank.add_argument("--model", type=Path, default=current_path(settings.models_dir))
    rank.add_argument("--top", type=int, help="only the first N")
    rank.add_argument("--json", action="store_true", help="one JSON object per line")
    rank.add_argument("--device", default=settings.device)
    rank.set_defaults(handler=run_rank)


def probability(value: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def run_preannotate(args: argparse.Namespace) -> int:
    articles = read_articles(args.input)
    from service.loading import LoadOptions, load_extractor

    extractor = load_extractor(args.model, LoadOptions.from_settings(device=args.device,
                                                                     min_score=args.min_score))
    docs = preannotate(articles, extractor, min_score=extractor.min_score)
    written = write_preannotations(docs, args.output, args.tool, model_version=extractor.version)
    spans = sum(len(d.spans) for d in docs)
    log.info("%d article(s), %d pre-annotated span(s), model %s", len(docs), spans,
             extractor.version)
    for path in written:
        log.info("wrote %s", path)
    return 0


def run_rank(args: argparse.Namespace) -> int:
    docs = read_articles(args.input)
    from model.types import Article
    from service.loading import LoadOptions, load_extractor

    if args.top is not None and args.top < 1:
        raise InputError(f"--top {args.top}: expected 1 or more")
    extractor = load_extractor(args.model, LoadOptions.from_settings(device=args.device))
    articles = [Article(text=d.text, id=d.id, published=d.meta.published) for d in docs]
    for suggestion in extractor.rank(articles, top=args.top):
        if args.json:
            print(suggestion.model_dump_json())
        else:
            print(f"{suggestion.rank:4d}  {suggestion.id}  {suggestion.reason}")
    log.info("ranked %d article(s) with model %s", len(articles), extractor.version)
    return 0
