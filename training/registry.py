"""The models folder: one directory per trained model and a ``current`` link to the default.

``models/current`` is a relative symlink replaced atomically (a temporary link renamed over
it), so a reader sees the old model or the new one, never a half-written directory: a model
is written under a hidden temporary name and renamed into place before the link moves.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
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
    (``ensure_base``: reused when cached, else trained on ``transfer`` first).
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

    train(docs, config, staging, base=base, transfer=transfer, progress=progress)
    staging.rename(final)
    if make_current:
        publish(root, final)
    return final


def split_documents(
    seeds: Sequence[Document], stored: Sequence[Document], heldout_ids: Sequence[str]
) -> tuple[list[Document], list[Document]]:
    """``(train, heldout)``: stored documents replace seeds by id; held-out ids leave training.

    Raises:
        InputError: every document is held out, so there is nothing to train on.

    >>> a, b = Document(id="a", text="x"), Document(id="b", text="y")
    >>> [[d.id for d in part] for part in split_documents([a, b], [], ["b"])]
    [['a'], ['b']]
    """
    merged = {doc.id: doc for doc in seeds} | {doc.id: doc for doc in stored}
    held = set(heldout_ids)
    train = [doc for doc_id, doc in merged.items() if doc_id not in held]
    if not train:
        raise InputError(f"every document is held out ({sorted(held)}): nothing to train on")
    return train, [doc for doc in seeds if doc.id in held]
