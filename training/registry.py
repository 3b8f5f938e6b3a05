"""The models folder: one directory per trained model and a ``current`` link to the default.

``models/current`` is a relative symlink replaced atomically (a temporary link renamed over
it), so a reader sees the old model or the new one, never a half-written directory: a model
is written under a hidden temporary name and renamed into place before the link moves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from model.errors import InputError
from model.tagging import TAGGER_FILE
from model.types import Document
from training.data import data_sha256

if TYPE_CHECKING:
    from training.config import TrainConfig

CURRENT = "current"
log = logging.getLogger(__name__)


def current_path(models_dir: str | Path) -> Path:
    """Where the default model is found: ``<models_dir>/current``."""
    return Path(models_dir) / CURRENT


def new_model_name(docs: Sequence[Document]) -> str:
    """``YYYYmmdd-HHMMSS-<first 8 hex of the data hash>`` (UTC)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{data_sha256(docs)[:8]}"


def publish(models_dir: str | Path, model_path: str | Path) -> Path:
    """Point ``<models_dir>/current`` at ``model_path`` atomically; return the link."""
    link = current_path(models_dir)
    target = Path(model_path).resolve()
    relative = os.path.relpath(target, link.parent.resolve())
    tmp = link.with_name(f".{CURRENT}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(relative, target_is_directory=True)
    os.replace(tmp, link)
    return link


def ensure_base(
    transfer: Sequence[Document],
    config: TrainConfig,
    models_dir: str | Path,
    *,
    dev: Sequence[Document] = (),
    progress: bool = True,
) -> Path:
    """The general-stage checkpoint ``<models_dir>/base-<key>``, trained first if missing.

    The key hashes the transfer data, the general-stage settings and the encoder, so a change
    to any of them trains a new checkpoint and an unchanged setup reuses the cached one.
    """
    from training.general import BASE_PREFIX, base_key, train_general

    root = Path(models_dir)
    final = root / f"{BASE_PREFIX}{base_key(transfer, config)}"
    if (final / TAGGER_FILE).is_file():
        log.info("general stage: reusing %s", final)
        return final
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".{final.name}.{os.getpid()}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    train_general(transfer, config, staging, dev=dev, progress=progress)
    if (final / TAGGER_FILE).is_file():  # another process finished the same one first
        shutil.rmtree(staging, ignore_errors=True)
    else:
        shutil.rmtree(final, ignore_errors=True)
        staging.rename(final)
    return final


def train_model(
    docs: Sequence[Document],
    config: TrainConfig,
    models_dir: str | Path,
    *,
    transfer: Sequence[Document] = (),
    transfer_dev: Sequence[Document] = (),
    progress: bool = True,
    make_current: bool = True,
) -> Path:
    """Train into a new ``<models_dir>/<name>`` directory and (by default) make it current.

    With ``config.general`` the domain stage starts from the general-stage checkpoint
    (``ensure_base``: reused when cached, else trained on ``transfer`` first). With
    ``config.export_onnx`` the model also gets its onnx-int8 backend, checked against torch
    on ``transfer_dev`` and the training documents (``training.export``).
    """
    root = Path(models_dir)
    root.mkdir(parents=True, exist_ok=True)
    base = None
    if config.general:
        base = ensure_base(transfer, config, root, dev=transfer_dev, progress=progress)
    name = new_model_name(docs)
    final = root / name
    suffix = 1
    while final.exists():
        suffix += 1
        final = root / f"{name}-{suffix}"
    staging = root / f".{final.name}.partial"
    from training.train import train  # torch loads here, not when the CLI starts

    train(docs, config, staging, base=base, transfer=transfer, calibrate_on=transfer_dev,
          progress=progress)
    if config.export_onnx:
        from training.export import export_onnx

        export_onnx(staging, check={"transfer_dev": transfer_dev, "training": docs})
    staging.rename(final)
    if make_current:
        publish(root, final)
    return final


def held_for_gate(doc_id: str, share: float) -> bool:
    """Whether a posted document is held out of retraining for the promotion gate.

    Stable: decided by a hash of the id, so the same documents are held out at every retrain
    and no model trains on them.

    >>> held_for_gate("any id", 0.0), held_for_gate("any id", 1.0)
    (False, True)
    """
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def retrain_split(
    seeds: Sequence[Document], stored: Sequence[Document], *, share: float
) -> tuple[list[Document], list[Document]]:
    """``(train, gate)``: every seed and posted document trains (a posted one replaces a seed
    with its id) except the posted ``share`` that ``held_for_gate`` picks, which gates.

    Raises:
        InputError: nothing is left to train on.

    >>> a, b = Document(id="a", text="x"), Document(id="b", text="y")
    >>> [[d.id for d in part] for part in retrain_split([a], [b], share=1.0)]
    [['a'], ['b']]
    """
    gate = [doc for doc in stored if held_for_gate(doc.id, share)]
    held = {doc.id for doc in gate}
    merged = {doc.id: doc for doc in seeds} | {doc.id: doc for doc in stored}
    train = [doc for doc_id, doc in merged.items() if doc_id not in held]
    if not train:
        raise InputError("no documents left to train on")
    return train, gate


_MODEL_NAME = re.compile(r"\d{8}-\d{6}-[0-9a-f]{8}(?:-\d+)?")


def prune_models(models_dir: str | Path, *, keep: int) -> list[Path]:
    """Delete model folders but the current one and the newest ``keep`` others, and
    general-stage checkpoints no kept model starts from; return what was deleted.

    Only folders this project names (``YYYYmmdd-HHMMSS-<hash>``, ``base-<key>``) are touched.
    """
    root = Path(models_dir)
    link = current_path(root)
    current = link.resolve() if link.exists() else None
    models = sorted((p for p in root.iterdir() if p.is_dir() and not p.is_symlink()
                     and _MODEL_NAME.fullmatch(p.name)), key=lambda p: p.name)
    others = [p for p in models if p.resolve() != current]
    kept = [p for p in models if p.resolve() == current] + others[len(others) - keep:][:keep]
    removed = [p for p in models if p not in kept]
    used = {_general_stage(p) for p in kept}
    bases = sorted(root.glob("base-*"), key=lambda p: p.stat().st_mtime)
    removed += [p for p in bases[:-1] if p.name not in used]  # the newest base stays
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def _general_stage(model: Path) -> str | None:
    try:
        meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    base = meta.get("base_model", {})
    return base.get("general_stage") if isinstance(base, dict) else None
