"""``package``: a model folder for serving, written and checked by ``training.package``."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from service.settings import get_settings
from training.registry import current_path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    package = subparsers.add_parser(
        "package",
        help="write a model's serving files (onnx-int8, meta, checksums) into DEST/<version>, "
             "checked to load",
    )
    package.add_argument("dest", type=Path, help="folder to write the package into")
    package.add_argument("--model", type=Path,
                         default=current_path(get_settings().models_dir),
                         help="model directory (default: the current model)")
    package.add_argument("--with-torch", action="store_true",
                         help="also carry the torch weights (model.safetensors, config.json)")
    package.add_argument("--current", action="store_true",
                         help="point DEST/current at the package (DEST becomes a models folder)")
    package.add_argument("--force", action="store_true",
                         help="replace a package of the same version in DEST")
    package.set_defaults(handler=run_package)


def run_package(args: argparse.Namespace) -> int:
    from training.package import package_model

    path = package_model(args.model, args.dest, with_torch=args.with_torch,
                         current=args.current, force=args.force)
    print(path)
    return 0
