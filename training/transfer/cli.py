"""``python -m training.transfer``: convert GUM and/or wikigold into annotation files."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from training.transfer.split import convert_gum, convert_wikigold, write_groups

_DESCRIPTION = """\
Convert GUM (dep/GUM_*.conllu) and wikigold (wikigold.conll.txt) named-entity data into
the project's annotation format: gum_cc_by.jsonl, gum_cc_by_sa.jsonl, wikigold.jsonl and
the dev sets dev/gum_news_dev.jsonl and dev/wikigold_dev.jsonl. The output is
deterministic: the same inputs give the same bytes.
"""


def build_parser() -> argparse.ArgumentParser:
    """The command's argument parser.

    Returns:
        A parser for ``--gum-dir``, ``--wikigold`` and ``--out``.
    """
    parser = argparse.ArgumentParser(prog="python -m training.transfer", description=_DESCRIPTION)
    parser.add_argument("--gum-dir", type=Path, help="GUM repository or its dep/ folder")
    parser.add_argument("--wikigold", type=Path, help="wikigold.conll.txt")
    parser.add_argument("--out", type=Path, default=Path("annotations/external"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Convert GUM and/or wikigold into ``--out``; return the exit status.

    Args:
        argv: the arguments (``sys.argv[1:]`` when None).

    Returns:
        0 on success; argparse exits with 2 on bad arguments.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.gum_dir is None and args.wikigold is None:
        parser.error("give --gum-dir, --wikigold or both")
    if args.gum_dir is not None:
        write_groups(convert_gum(args.gum_dir), args.out)
    if args.wikigold is not None:
        write_groups(convert_wikigold(args.wikigold), args.out)
    return 0
