"""The command line the grids share (``phrase_grid.py``, ``place_grid.py``, ``type_grid.py``,
``modality_grid.py``, ``story_grid.py``): read the inventory, score it with a model, print the
figures as JSON or as the grid's table."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.errors import ModelLoadError  # noqa: E402
from model.extractor import Extractor  # noqa: E402

log = logging.getLogger(__name__)

Figures = dict[str, Any]


def run_grid(doc: str, inventory: Path, score: Callable[[Extractor, dict[str, Any]], Figures],
             render: Callable[[Figures], None], argv: list[str] | None = None) -> int:
    """Parse ``--model``, ``--inventory`` and ``--json``, score the inventory (``inventory``
    unless another is named) and print the figures."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "current"))
    parser.add_argument("--inventory", type=Path, default=inventory,
                        help="another inventory of the same form (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        read = json.loads(args.inventory.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.error("cannot read the inventory %s: %s", args.inventory, exc)
        return 2
    try:
        extractor = Extractor.load(args.model)
    except ModelLoadError as exc:
        log.error("%s", exc)
        return 2
    figures = score(extractor, read)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        render(figures)
    return 0
