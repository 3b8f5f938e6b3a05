"""Retraining inside the service: one background job at a time, promoted only if no worse.

A job trains on the seed annotations (``<annotations_dir>/*.jsonl``) plus every document in
the annotation store (a stored document replaces a seed with the same id), minus the
held-out documents. It then scores the model in service and the new one on the same fixed
held-out documents (``Settings.heldout_ids``, never trained on) and promotes the new model
only if, for every label, its F1 is at least the old F1 minus ``Settings.promotion_tolerance``.

Promotion writes nothing over the old model: the new one is saved to its own directory
``<models_dir>/<version>``, ``<models_dir>/current`` is repointed with an atomic rename of a
symlink, and the in-memory reference is swapped (requests in flight finish on the old
model). A job that fails or is rejected leaves the model in service untouched and removes
its own directory. Jobs are kept in memory only: a restart forgets them, not the model.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import shutil
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from model.errors import ConflictIEError
from model.extractor import Extractor
from model.types import Document
from service.settings import Settings
from service.state import ExtractorLoader, ModelHolder
from service.store import AnnotationStore
from training.corpus import load_documents
from training.registry import current_path, publish, split_documents

if TYPE_CHECKING:
    from training.config import TrainConfig

log = logging.getLogger(__name__)

TrainFn = Callable[[Sequence[Document], Path], Path]  # (docs, models_dir) -> new model dir
EvaluateFn = Callable[[Extractor, Sequence[Document]], Mapping[str, float]]


@dataclass(frozen=True)
class Toolkit:
    """The three functions a retrain needs; the service uses ``default_toolkit``.

    ``train(docs, models_dir)`` writes a new model directory under ``models_dir`` (without
    making it current) and returns it; ``load(path)`` loads one; ``evaluate(extractor, docs)``
    returns F1 per label.
    """

    train: TrainFn
    load: ExtractorLoader
    evaluate: EvaluateFn


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"  # trained and promoted
    REJECTED = "rejected"  # trained, scored worse than the model in service: not promoted
    FAILED = "failed"


FINISHED = frozenset({JobState.SUCCEEDED, JobState.REJECTED, JobState.FAILED})
KEEP_JOBS = 100  # reports kept in memory, newest


@dataclass
class Job:
    """One retrain; mutated only by its own thread, read by the API."""

    id: str
    state: JobState = JobState.QUEUED
    stage: str = "queued"
    progress: float = 0.0
    message: str | None = None
    train_documents: int = 0
    heldout_documents: int = 0
    old_version: str | None = None
    new_version: str | None = None
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished_at: dt.datetime | None = None

    def advance(self, stage: str, progress: float) -> None:
        self.stage, self.progress = stage, progress


class RetrainBusyError(ConflictIEError):
    """A retrain is already running."""

    def __init__(self, job: Job) -> None:
        self.job = job
        super().__init__(f"retrain {job.id} is still {job.state} ({job.stage})")


def regressions(
    old: Mapping[str, float], new: Mapping[str, float], *, tolerance: float
) -> list[str]:
    """Labels where ``new`` F1 falls more than ``tolerance`` below ``old``, described.

    >>> regressions({"DATE": 0.8, "ACTOR": 0.6}, {"DATE": 0.79, "ACTOR": 0.5}, tolerance=0.02)
    ['ACTOR: F1 0.500 < 0.600 - 0.02']
    """
    return [
        f"{label}: F1 {new.get(label, 0.0):.3f} < {score:.3f} - {tolerance:g}"
        for label, score in old.items()
        if new.get(label, 0.0) < score - tolerance
    ]


class RetrainManager:
    """Runs retrain jobs one at a time in a background thread and keeps their reports."""

    def __init__(
        self, settings: Settings, holder: ModelHolder, store: AnnotationStore, toolkit: Toolkit
    ) -> None:
        self.settings = settings
        self.holder = holder
        self.store = store
        self.toolkit = toolkit
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> Job:
        """Queue a retrain and return its job.

        Raises:
            RetrainBusyError: one is already running.
        """
        with self._lock:
            running = next((j for j in self._jobs.values() if j.state not in FINISHED), None)
            if running is not None:
                raise RetrainBusyError(running)
            job = Job(id=uuid.uuid4().hex[:12])
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-KEEP_JOBS]:  # dicts keep insertion order
                del self._jobs[old]
            self._thread = threading.Thread(
                target=self._run, args=(job,), name=f"retrain-{job.id}", daemon=True
            )
            self._thread.start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def wait(self, timeout: float | None = None) -> None:
        """Block until the running job (if any) is finished."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        """Called at shutdown: a running job is a daemon thread and dies with the process."""
        if self._thread is not None and self._thread.is_alive():
            log.warning("shutting down while retrain %s runs; it is abandoned", self._thread.name)

    def _run(self, job: Job) -> None:
        job.state = JobState.RUNNING
        try:
            state, message = self._train_and_judge(job)
        except Exception as exc:  # a failed job must report, never take the service down
            log.exception("retrain %s failed", job.id)
            state, message = JobState.FAILED, f"{type(exc).__name__}: {exc}"
        log.info("retrain %s %s: %s", job.id, state, message)
        job.message, job.stage, job.finished_at = message, "done", dt.datetime.now(dt.UTC)
        if state is not JobState.FAILED:
            job.progress = 1.0
        job.state = state  # last: a reader seeing a final state sees the whole report

    def _train_and_judge(self, job: Job) -> tuple[JobState, str]:
        settings, kit = self.settings, self.toolkit
        job.advance("reading annotations", 0.01)
        seeds = load_documents([settings.annotations_dir])
        train_docs, heldout = split_documents(seeds, self.store.documents(), settings.heldout_ids)
        missing = sorted(set(settings.heldout_ids) - {d.id for d in heldout})
        if missing or not heldout:
            raise ConflictIEError(f"held-out document(s) {missing} are not among the seeds")
        job.train_documents, job.heldout_documents = len(train_docs), len(heldout)

        job.advance("training", 0.05)
        path = kit.train(train_docs, settings.models_dir)
        job.advance("evaluating", 0.85)
        try:
            return self._judge(job, path, heldout)
        finally:
            if current_path(settings.models_dir).resolve() != path.resolve():
                shutil.rmtree(path, ignore_errors=True)  # not promoted: drop it

    def _judge(self, job: Job, path: Path, heldout: Sequence[Document]) -> tuple[JobState, str]:
        settings, kit = self.settings, self.toolkit
        new = kit.load(path)
        job.new_version = new.version
        job.metrics = {"new": dict(kit.evaluate(new, heldout))}
        current = self.holder.loaded
        if current is not None:
            job.old_version = current.version
            job.metrics = job.metrics | {"old": dict(kit.evaluate(current.extractor, heldout))}
            worse = regressions(
                job.metrics["old"], job.metrics["new"], tolerance=settings.promotion_tolerance
            )
            if worse:
                note = _contamination(current.extractor, settings.heldout_ids)
                return JobState.REJECTED, "not promoted: " + "; ".join(worse) + note

        job.advance("promoting", 0.95)
        publish(settings.models_dir, path)
        self.holder.swap(new, path.resolve())
        return JobState.SUCCEEDED, f"promoted {new.version}" + (
            f" over {current.version}" if current else ""
        )


def _contamination(extractor: Extractor, heldout_ids: Sequence[str]) -> str:
    """A note when the model in service was trained on held-out documents (optimistic scores)."""
    trained_on = set(extractor.meta.get("data", {}).get("documents", ()))
    seen = sorted(trained_on & set(heldout_ids))
    if not seen:
        return ""
    return f" (the model in service was trained on held-out {seen}: its scores are optimistic)"


def default_toolkit(settings: Settings, *, config: TrainConfig | None = None) -> Toolkit:
    """The real train/load/evaluate functions.

    Without ``config``: ``TrainConfig`` defaults (what ``conflict-ie train`` uses), seeded by
    ``settings.seed``, epochs capped by ``settings.retrain_max_epochs`` when set.
    """
    from training.config import TrainConfig
    from training.evaluate import evaluate
    from training.registry import train_model

    if config is None:
        epochs = {"max_epochs": settings.retrain_max_epochs} if settings.retrain_max_epochs else {}
        config = TrainConfig(seed=settings.seed, **epochs)
    chosen = config

    def fit(docs: Sequence[Document], models_dir: Path) -> Path:
        return train_model(docs, chosen, models_dir, progress=False, make_current=False)

    def f1_per_label(extractor: Extractor, docs: Sequence[Document]) -> dict[str, float]:
        scores = evaluate(extractor, docs)
        return {label: round(s.f1, 4) for label, s in scores.per_label.items()}

    return Toolkit(
        train=fit,
        load=lambda path: Extractor.load(path, device=settings.device),
        evaluate=f1_per_label,
    )
