"""``batch`` and ``dedup``: a corpus in, its events and one row per real-world event out.

Thin layers over ``service.batch.runner.run_batch`` and ``service.batch.dedup.run_dedup``;
both print one JSON summary line on stdout. ``batch`` exits 0 when every row is ok or skipped as bad
input (see ``articles_status.csv``), 1 when some articles failed (a rerun retries them), 2 on
an unreadable corpus or a missing model. Ray, pyarrow and torch load inside the handlers; every
worker loads the model through ``service.loading.load_extractor``, with ``CONFLICT_IE_BACKEND``
and the other settings.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
from collections.abc import Callable
from pathlib import Path

from model.errors import InputError
from service.cli.loop import probability
from service.settings import get_settings
from training.registry import current_path

log = logging.getLogger(__name__)


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number at least ``minimum``."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{number} is below the minimum {minimum}")
        return number

    return parse


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = get_settings()
    batch = subparsers.add_parser(
        "batch", help="extract a corpus (JSONL, CSV, Parquet) on Ray; resumable; deduplicated"
    )
    batch.add_argument("input", type=Path, help="corpus: .jsonl, .csv or .parquet with 'text'")
    batch.add_argument("output", type=Path, help="output folder (created; reruns resume in it)")
    batch.add_argument("--model", type=Path, default=current_path(settings.models_dir),
                       help="model directory, readable by every worker (default: %(default)s)")
    batch.add_argument("--device", default=settings.device, help="default: %(default)s")
    batch.add_argument("--address", help="Ray cluster to run on: auto (on one of its nodes) or "
                       "HOST:6379 (default: a local Ray started for the job)")
    batch.add_argument("--workers", type=_count(0), default=1,
                       help="worker actors, each holding one model (0: in this process, "
                       "without Ray); default 1")
    batch.add_argument("--batch-size", type=_count(1), default=32,
                       help="articles per extract_many call (default 32)")
    batch.add_argument("--threads", type=_count(1), default=settings.inference_threads,
                       help="the backend's CPU threads (and Ray CPUs) per worker (default: "
                       "CONFLICT_IE_INFERENCE_THREADS, %(default)s)")
    batch.add_argument("--min-score", type=probability, default=settings.min_score,
                       help="drop spans the model scores below this (0-1), then events less "
                       "confident than it (default: CONFLICT_IE_MIN_SCORE, else keep all)")
    batch.add_argument("--no-dedup", action="store_true",
                       help="skip the cross-article dedup step (run `conflict-ie dedup` later)")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.set_defaults(handler=run_batch_command)

    dedup = subparsers.add_parser(
        "dedup", help="merge the events of a batch's articles into one row per real event"
    )
    dedup.add_argument("input", type=Path, help="batch OUTPUT folder, events .parquet, or "
                       ".jsonl of extractions")
    dedup.add_argument("output", type=Path, help="folder for corpus_events.csv and .jsonl")
    dedup.set_defaults(handler=run_dedup_command)


def run_batch_command(args: argparse.Namespace) -> int:
    from service.batch.runner import BatchOptions, run_batch
    from service.loading import LoadOptions

    if args.address and args.workers == 0:
        raise InputError("--address runs on Ray: give --workers 1 or more")
    loading = LoadOptions.from_settings(device=args.device, threads=args.threads,
                                        min_score=args.min_score)
    options = BatchOptions(
        model_dir=args.model, backend=loading.backend, device=loading.device,
        min_score=loading.min_score, workers=args.workers,
        batch_size=args.batch_size, threads=args.threads, address=args.address,
        dedup=not args.no_dedup, progress=not args.no_progress,
    )
    report = run_batch(args.input, args.output, options)
    print(json.dumps(dataclasses.asdict(report)))
    return 1 if report.failed else 0


def run_dedup_command(args: argparse.Namespace) -> int:
    from service.batch.dedup import run_dedup

    report = run_dedup(args.input, args.output)
    print(json.dumps(dataclasses.asdict(report), default=str))
    return 0
