"""``validate`` and ``convert``: the first commands users run on their annotations."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from model.errors import AnnotationError
from training.convert import FORMATS_IN, FORMATS_OUT, read_any, to_conll
from training.corpus import check_files, write_documents

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    validate = subparsers.add_parser(
        "validate", help="check annotation files, report every problem"
    )
    validate.add_argument("paths", nargs="+", help=".jsonl files or folders (with subfolders)")
    validate.set_defaults(handler=run_validate)

    convert = subparsers.add_parser("convert", help="convert annotations between formats")
    convert.add_argument("--from", dest="fmt_in", choices=FORMATS_IN, required=True)
    convert.add_argument("--to", dest="fmt_out", choices=FORMATS_OUT, required=True)
    convert.add_argument("input", type=Path)
    convert.add_argument("output", type=Path)
    convert.set_defaults(handler=run_convert)


def run_validate(args: argparse.Namespace) -> int:
    docs, problems = check_files(args.paths, recursive=True)
    for problem in problems:
        print(problem)
    spans = sum(len(d.spans) for d in docs)
    log.info("%d valid document(s), %d span(s), %d problem(s)", len(docs), spans, len(problems))
    return 1 if problems else 0


def run_convert(args: argparse.Namespace) -> int:
    if not args.input.is_file():
        raise AnnotationError([f"{args.input}: no such file"])
    docs, problems = read_any(args.input, args.fmt_in)
    if problems:
        raise AnnotationError([str(p) for p in problems])
    if args.fmt_out == "jsonl":
        count = write_documents(docs, args.output)
    else:
        coded = sum(d.events is not None for d in docs)
        if coded:
            log.warning("%d document(s) carry event rows; CoNLL has no place for them: they are "
                        "not written (convert to jsonl to keep them)", coded)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(to_conll(docs), encoding="utf-8")
        count = len(docs)
    log.info("wrote %d document(s) to %s", count, args.output)
    sys.stdout.flush()
    return 0
