"""Training for ``/retrain`` in a child process: the server's memory stays flat, and a job can
be cancelled or stopped at its time limit by ending the process.

The child (``multiprocessing``'s ``spawn`` start, a fresh interpreter) trains with
``training.registry.train_model`` (the cached general-stage checkpoint is reused), loads the
new model, scores it on the gate documents and sends back ``(path, scores)``; it reports its
stage as it goes. Nothing the child allocated outlives it.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from threading import Event
from typing import Any

from model.errors import ConflictIEError
from model.types import Document

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]
POLL_S = 0.2


class RetrainStopped(ConflictIEError):
    """The job was cancelled, or ran past its time limit; ``state`` says which."""

    def __init__(self, state: str, message: str) -> None:
        self.state = state
        super().__init__(message)


@dataclass(frozen=True)
class TrainRequest:
    """Everything the child needs; plain, picklable data."""

    docs: tuple[Document, ...]
    gate: tuple[Document, ...]
    models_dir: Path
    transfer_dir: Path
    config: Any  # training.config.TrainConfig (imported in the child)
    threads: int


def run_isolated(
    request: TrainRequest, *, progress: Progress, cancel: Event, max_seconds: float
) -> tuple[Path, dict[str, float]]:
    """Train and score in a child process; return the new model directory and its scores.

    Raises:
        RetrainStopped: ``cancel`` was set or ``max_seconds`` passed (the child is ended).
        ConflictIEError: the child failed; the message is its error.
    """
    context = mp.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(request, child), name="retrain", daemon=True)
    process.start()
    child.close()
    deadline = time.monotonic() + max_seconds
    try:
        while True:
            if parent.poll(POLL_S):
                try:
                    kind, *payload = parent.recv()
                except EOFError:
                    kind, payload = "error", [f"the training process died (exit code "
                                              f"{process.exitcode})"]
                if kind == "stage":
                    progress(*payload)
                elif kind == "done":
                    return Path(payload[0]), dict(payload[1])
                else:
                    raise ConflictIEError(str(payload[0]))
            if cancel.is_set():
                raise RetrainStopped("cancelled", "cancelled by DELETE /retrain/{id}")
            if time.monotonic() > deadline:
                raise RetrainStopped(
                    "failed", f"stopped after {max_seconds:g} s (CONFLICT_IE_RETRAIN_MAX_SECONDS)"
                )
            if not process.is_alive() and not parent.poll():
                raise ConflictIEError(f"the training process died (exit code {process.exitcode})")
    finally:
        _end(process)
        parent.close()


def _end(process: mp.process.BaseProcess) -> None:
    if process.is_alive():
        process.terminate()
        process.join(5)
        if process.is_alive():
            process.kill()
    process.join(5)


def _child(request: TrainRequest, conn: Connection) -> None:  # pragma: no cover - in the child
    try:
        path, scores = _train_and_score(request, lambda s, p: conn.send(("stage", s, p)))
        conn.send(("done", str(path), scores))
    except Exception as exc:  # report it: the parent turns it into a failed job
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _train_and_score(request: TrainRequest, progress: Progress) -> tuple[Path, dict[str, float]]:
    import torch

    from model.extractor import Extractor
    from training.corpus import load_transfer
    from training.registry import train_model

    torch.set_num_threads(request.threads)
    config = request.config
    needs = config.general or config.transfer_share > 0
    transfer, dev = load_transfer(request.transfer_dir) if needs else ([], [])
    progress("training", 0.05)
    path = train_model(list(request.docs), config, request.models_dir, transfer=transfer,
                       transfer_dev=dev, progress=False, make_current=False)
    progress("evaluating", 0.85)
    return path, f1_per_label(Extractor.load(path), request.gate)


def f1_per_label(extractor: Any, docs: Sequence[Document]) -> dict[str, float]:
    """Exact-span F1 per label of ``extractor`` on ``docs`` (labels no document annotates and
    the model never predicts are left out)."""
    from training.evaluate import evaluate

    scores = evaluate(extractor, docs)
    return {
        label: round(s.f1, 4)
        for label, s in scores.per_label.items()
        if s.support or s.predicted
    }
