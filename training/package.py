"""A model packaged for serving: the files the onnx-int8 backend loads, checked to load.

``package_model(models/current, dist)`` writes ``dist/<version>/`` (the model's own name, so
the packaged model reports the same version) holding what serving on onnx-int8 reads::

    tagger.json  meta.json  model.int8.onnx  tokenizer.json  tokenizer_config.json
    package.json  each file's size and SHA-256, the backends it carries, when it was written

and, with ``with_torch``, ``config.json`` and ``model.safetensors`` for the torch backend.
It is written under a hidden temporary name, loaded, and only then renamed into place; with
``current`` the folder's ``current`` link points at it, so the folder is a models folder
(``CONFLICT_IE_MODELS_DIR``) that ``conflict-ie serve`` serves as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from model.errors import InputError, ModelLoadError
from model.tagging import META_FILE, TAGGER_FILE

log = logging.getLogger(__name__)

PACKAGE_FILE = "package.json"
ONNX_BACKEND, TORCH_BACKEND = "onnx-int8", "torch"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json")
TORCH_CONFIG_FILE = "config.json"  # the encoder's BertConfig
DEFAULT_FILES = {ONNX_BACKEND: "model.int8.onnx", TORCH_BACKEND: "model.safetensors"}


def package_files(spec: dict[str, Any], *, with_torch: bool) -> tuple[list[str], list[str]]:
    """The files a package of a model with this ``tagger.json`` holds, and its backends.

    >>> spec = {"backends": {"onnx-int8": {"file": "model.int8.onnx", "passed": True}}}
    >>> package_files(spec, with_torch=False)
    (['tagger.json', 'meta.json', 'tokenizer.json', 'tokenizer_config.json', \
'model.int8.onnx'], ['onnx-int8'])
    """
    files = [TAGGER_FILE, META_FILE, *TOKENIZER_FILES]
    backends = []
    recorded = spec.get("backends", {})
    onnx = recorded.get(ONNX_BACKEND)
    if onnx is not None and onnx.get("passed"):
        files.append(onnx.get("file", DEFAULT_FILES[ONNX_BACKEND]))
        backends.append(ONNX_BACKEND)
    if with_torch:
        torch_file = recorded.get(TORCH_BACKEND, {}).get("file", DEFAULT_FILES[TORCH_BACKEND])
        files += [TORCH_CONFIG_FILE, torch_file]
        backends.append(TORCH_BACKEND)
    return files, backends


def package_model(
    source: str | Path, dest: str | Path, *, with_torch: bool = False, current: bool = False,
    force: bool = False,
) -> Path:
    """Write ``dest/<version>/``, a self-contained serving copy of the model at ``source``.

    Args:
        source: a model directory (or a ``current`` link to one).
        dest: the folder the package is written into (made if missing).
        with_torch: also carry the torch backend's weights (``model.safetensors``, ~90 MB).
        current: point ``dest/current`` at the package.
        force: replace a package of the same version already in ``dest``.

    Returns:
        The package directory.

    Raises:
        ModelLoadError: ``source`` is no model directory, lacks a file, has no onnx-int8
            graph that passed its check (and ``with_torch`` is off), or its package does not
            load.
        InputError: ``dest/<version>`` exists and ``force`` is off.
    """
    directory = Path(source).resolve()
    tagger_path = directory / TAGGER_FILE
    if not tagger_path.is_file():
        raise ModelLoadError(f"{source}: not a model directory (no {TAGGER_FILE})")
    try:
        spec = json.loads(tagger_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"{tagger_path}: cannot read: {exc}") from exc
    if (directory / PACKAGE_FILE).is_file():  # a package, packaged again: check it first
        verify_package(directory)
    files, backends = package_files(spec, with_torch=with_torch)
    if not backends:
        raise ModelLoadError(
            f"{source}: no onnx-int8 graph that passed its check; package the torch weights "
            "with --with-torch (serving then needs torch)"
        )
    missing = [name for name in files if not (directory / name).is_file()]
    if missing:
        raise ModelLoadError(f"{source}: missing {', '.join(missing)}")

    version = directory.name
    out_dir = Path(dest)
    target = out_dir / version
    if target.exists() and not force:
        raise InputError(f"{target} exists; pass --force to replace it")
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".{version}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name in files:
            shutil.copyfile(directory / name, staging / name)
        manifest = {
            "version": version,
            "backends": backends,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "files": {name: _describe(staging / name) for name in files},
        }
        (staging / PACKAGE_FILE).write_text(json.dumps(manifest, indent=2) + "\n",
                                            encoding="utf-8")
        _check_loads(staging, backends[0])
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if current:
        from training.registry import publish

        publish(out_dir, target)
    log.info("packaged %s (%s) into %s", version, ", ".join(backends), target)
    return target


def verify_package(path: str | Path) -> dict[str, Any]:
    """The manifest of the package at ``path``, after checking every file's size and hash.

    Raises:
        ModelLoadError: no manifest, or a file is missing or differs from it.
    """
    directory = Path(path)
    try:
        manifest = json.loads((directory / PACKAGE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"{directory}: not a model package ({PACKAGE_FILE}: {exc})") from exc
    for name, expected in manifest.get("files", {}).items():
        file = directory / name
        if not file.is_file() or _describe(file) != expected:
            raise ModelLoadError(f"{directory}: {name} is missing or differs from {PACKAGE_FILE}")
    return dict(manifest)


def _describe(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _check_loads(directory: Path, backend: str) -> None:
    """Load the package on ``backend`` and tag a sentence (ModelLoadError if it cannot)."""
    from model.tagging.tagger import Tagger

    tagger = Tagger.load(directory, backend=backend)  # type: ignore[arg-type]
    tagger.predict("Rebels shelled the town on Monday.")
