"""The ``conflict-ie`` command line: each subcommand is a few lines over a library function.

Subcommands live in small modules of this package, one per command group, each exposing
``register(subparsers)`` that adds its parsers with a ``handler(args) -> int`` default.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from model.errors import ConflictIEError
from service.cli import batch, data, extract, loop, models, package, serve

COMMAND_MODULES = (data, models, package, serve, extract, loop, batch)

log = logging.getLogger("conflict_ie")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflict-ie", description="Extract conflict events from news articles."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.handler(args))
    except ConflictIEError as exc:
        log.error("%s", exc)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
