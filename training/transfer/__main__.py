"""Entry point: ``python -m training.transfer --gum-dir DIR --wikigold FILE --out DIR``."""

from __future__ import annotations

import logging

from training.transfer.cli import main

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    raise SystemExit(main())
