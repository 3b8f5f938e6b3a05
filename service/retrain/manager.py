"""Retraining inside the service: one background job at a time, promoted only if no worse.

A job trains on every conflict annotation: the seed files (``<annotations_dir>/*.jsonl``) and
the documents posted to the store (one replaces a seed with the same id), except a fixed share
of the posted ones (``Settings.gate_share``, chosen by a hash of the id, so the same documents
are held out at every retrain and no model ever trains on them). Of the posted documents it
takes the most recently written ones, as many as ``Settings.retrain_max_documents`` leaves
beside the seeds, so what the store holds never makes a retrain impossible; a stored document
that no longer validates (stored under rules since tightened) is left out, and both are counted
in the job's report. The domain stage starts from
the cached general-stage checkpoint and runs in a child process (``service.retrain.worker``),
so the server's memory does not grow and a job can be cancelled or stopped at its time limit.

The gate: the model in service and the new one are scored on the same documents neither
trained on, the transfer dev set (``<transfer_dir>/dev/``) plus the held-out share of posted
documents, and the new model is promoted only if, for every label scored, its F1 is at least
the old F1 minus ``Settings.promotion_tolerance``.

Promotion writes nothing over the old model: the new one has its own directory,
``<models_dir>/current`` is repointed with an atomic rename of a symlink, the in-memory
reference is swapped (requests in flight finish on the old model), and model folders beyond
the current one and the last ``Settings.keep_models`` are deleted. A job that fails, is
rejected or is cancelled leaves the model in service untouched and removes its own directory.
Job reports are kept in the annotation store and survive a restart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import importlib.util
import logging
import shutil
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.errors import ConflictIEError
from model.extractor import Extractor
from model.types import Document
from service.loading import LoadOptions, load_extractor
from service.retrain.worker import Progress, RetrainStopped, TrainRequest, run_isolated
from service.settings import Settings
from service.state import ExtractorLoader, ModelHolder
from service.store import AnnotationStore
from training.corpus import conflict_paths, load_documents
from training.registry import prune_models, publish, retrain_split

if TYPE_CHECKING:
    from training.config import TrainConfig

log = logging.getLogger(__name__)

# (train documents, gate documents, progress, cancel) -> (new model directory, its gate F1)
TrainFn = Callable[
    [Sequence[Document], Sequence[Document], Progress, threading.Event],
    tuple[Path, Mapping[str, float]],
]
EvaluateFn = Callable[[Extractor, Sequence[Document]], Mapping[str, float]]


@dataclass(frozen=True)
class Toolkit:
    """What a retrain needs; the service uses ``default_toolkit``, tests pass small ones.

    ``train`` writes a new model directory (not made current) and scores it on the gate
    documents; ``load`` loads one; ``evaluate`` scores the model in service (F1 per label).
    ``missing`` says why this install cannot train (the serving image has no torch), or is
    ``None``.
    """

    train: TrainFn
    load: ExtractorLoader
    evaluate: EvaluateFn
    missing: str | None = None


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"  # trained and promoted
    REJECTED = "rejected"  # trained, scored worse than the model in service: not promoted
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = frozenset({JobState.SUCCEEDED, JobState.REJECTED, JobState.FAILED,
                      JobState.CANCELLED})
KEEP_JOBS = 100  # reports kept, newest


@dataclass
class Job:
    """One retrain; mutated only by its own thread (and ``cancel``), read by the API."""

    id: str
    state: JobState = JobState.QUEUED
    stage: str = "queued"
    progress: float = 0.0
    message: str | None = None
    train_documents: int = 0
    gate_documents: int = 0
    unused_documents: int = 0
    old_version: str | None = None
    new_version: str | None = None
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"state": str(self.state)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Job:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        job = cls(**values)
        job.state = JobState(job.state)
        for name in ("created_at", "finished_at"):
            value = getattr(job, name)
            if isinstance(value, str):
                setattr(job, name, dt.datetime.fromisoformat(value))
        return job


class RetrainBusyError(ConflictIEError):
    """A retrain is already running."""

    def __init__(self, job: Job) -> None:
        self.job = job
        super().__init__(f"retrain {job.id} is still {job.state} ({job.stage})")


class RetrainTooLargeError(ConflictIEError):
    """More training documents than ``Settings.retrain_max_documents``."""


class RetrainUnavailableError(ConflictIEError):
    """This install cannot train (``Toolkit.missing``)."""


class JobFinishedError(ConflictIEError):
    """A finished job cannot be cancelled."""


def _valid(rows: Sequence[tuple[str, str]]) -> list[Document]:
    """The stored ``(id, body)`` rows that still validate as documents (others logged)."""
    docs = []
    for doc_id, body in rows:
        try:
            docs.append(Document.model_validate_json(body))
        except ValueError as exc:  # pydantic's ValidationError is one
            log.warning("retrain: stored document %r no longer validates, left out: %s",
                        doc_id, str(exc).splitlines()[0])
    return docs


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
        self._cancels: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._restore()

    def _restore(self) -> None:
        """Reload persisted reports; a job a restart interrupted is failed, and says so."""
        for raw in self.store.jobs(limit=KEEP_JOBS):
            job = Job.from_json(raw)
            if job.state not in FINISHED:
                job.state, job.stage = JobState.FAILED, "done"
                job.message = "interrupted: the service restarted while it ran"
                job.finished_at = dt.datetime.now(dt.UTC)
                self._save(job)
            self._jobs[job.id] = job

    def _save(self, job: Job) -> None:
        self.store.save_job(job.id, job.to_json(), job.created_at.isoformat())

    def start(self) -> Job:
        """Queue a retrain and return its job.

        Raises:
            RetrainBusyError: one is already running.
            RetrainTooLargeError: more documents than ``retrain_max_documents``.
            RetrainUnavailableError: this install cannot train.
        """
        if self.toolkit.missing is not None:
            raise RetrainUnavailableError(self.toolkit.missing)
        with self._lock:
            running = next((j for j in self._jobs.values() if j.state not in FINISHED), None)
            if running is not None:
                raise RetrainBusyError(running)
            train_docs, gate_docs, unused = self._documents()
            job = Job(id=uuid.uuid4().hex[:12], train_documents=len(train_docs),
                      gate_documents=len(gate_docs), unused_documents=unused)
            self._jobs[job.id] = job
            self._cancels[job.id] = threading.Event()
            for old in list(self._jobs)[:-KEEP_JOBS]:  # dicts keep insertion order
                del self._jobs[old]
            self._save(job)
            self.store.prune_jobs(keep=KEEP_JOBS)
            self._thread = threading.Thread(
                target=self._run, args=(job, train_docs, gate_docs), name=f"retrain-{job.id}",
                daemon=True,
            )
            self._thread.start()
        return job

    def _documents(self) -> tuple[list[Document], list[Document], int]:
        """``(train, gate, unused)``: the seeds and the newest posted documents that fit the
        limit, split; how many posted documents were left out (past the limit, or invalid).

        Raises:
            RetrainTooLargeError: the seed files alone hold more than the limit.
        """
        settings = self.settings
        seeds = load_documents(conflict_paths(settings.annotations_dir))
        room = settings.retrain_max_documents - len(seeds)
        if room < 0:
            raise RetrainTooLargeError(
                f"the seed files hold {len(seeds)} documents; the limit is "
                f"{settings.retrain_max_documents} (CONFLICT_IE_RETRAIN_MAX_DOCUMENTS)"
            )
        posted = _valid(self.store.latest(room)) if room else []
        unused = self.store.count() - len(posted)
        if unused:
            log.warning("retrain: %d posted document(s) left out (past "
                        "CONFLICT_IE_RETRAIN_MAX_DOCUMENTS, or no longer valid)", unused)
        train, held = retrain_split(seeds, posted, share=settings.gate_share)
        dev_dir = settings.transfer_dir / "dev"
        dev = load_documents([dev_dir]) if dev_dir.is_dir() else []
        return train, [*dev, *held], unused

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        """Ask a queued or running job to stop (its training process is ended).

        Raises:
            JobFinishedError: the job has already finished.
        """
        job = self._jobs.get(job_id)
        if job is None:
            return None
        if job.state in FINISHED:
            raise JobFinishedError(f"retrain {job_id} already {job.state}")
        self._cancels[job_id].set()
        return job

    def wait(self, timeout: float | None = None) -> None:
        """Block until the running job (if any) is finished."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        """At shutdown: stop a running job (its process ends) and wait a little for it."""
        for event in self._cancels.values():
            event.set()
        self.wait(10)

    def _run(self, job: Job, train_docs: list[Document], gate_docs: list[Document]) -> None:
        job.state = JobState.RUNNING
        self._save(job)
        try:
            state, message = self._train_and_judge(job, train_docs, gate_docs)
        except RetrainStopped as exc:
            state, message = JobState(exc.state), str(exc)
        except Exception as exc:  # a failed job must report, never take the service down
            log.exception("retrain %s failed", job.id)
            state, message = JobState.FAILED, f"{type(exc).__name__}: {exc}"
        log.info("retrain %s %s: %s", job.id, state, message)
        job.message, job.stage, job.finished_at = message, "done", dt.datetime.now(dt.UTC)
        if state in (JobState.SUCCEEDED, JobState.REJECTED):
            job.progress = 1.0
        job.state = state  # last: a reader seeing a final state sees the whole report
        self._save(job)
        self._cancels.pop(job.id, None)

    def _advance(self, job: Job, stage: str, progress: float) -> None:
        job.stage, job.progress = stage, progress
        self._save(job)

    def _train_and_judge(
        self, job: Job, train_docs: list[Document], gate_docs: list[Document]
    ) -> tuple[JobState, str]:
        settings, kit = self.settings, self.toolkit
        cancel = self._cancels[job.id]
        self._advance(job, "training", 0.05)
        path, new_scores = kit.train(train_docs, gate_docs,
                                     lambda s, p: self._advance(job, s, p), cancel)
        job.metrics = {"new": dict(new_scores)}
        job.new_version = path.resolve().name
        promoted = False
        try:
            self._advance(job, "evaluating", 0.9)
            current = self.holder.loaded
            if current is not None:
                job.old_version = current.version
                old_scores = dict(kit.evaluate(current.extractor, gate_docs))
                job.metrics = job.metrics | {"old": old_scores}
                worse = regressions(old_scores, job.metrics["new"],
                                    tolerance=settings.promotion_tolerance)
                if worse:
                    return JobState.REJECTED, "not promoted: " + "; ".join(worse)
            if cancel.is_set():
                raise RetrainStopped("cancelled", "cancelled by DELETE /retrain/{id}")
            self._advance(job, "promoting", 0.95)
            new = kit.load(path)
            publish(settings.models_dir, path)
            self.holder.swap(new, path.resolve())
            promoted = True
            removed = prune_models(settings.models_dir, keep=settings.keep_models)
            note = f"; removed {len(removed)} old model folder(s)" if removed else ""
            over = f" over {current.version}" if current else ""
            return JobState.SUCCEEDED, f"promoted {new.version}{over}{note}"
        finally:
            if not promoted:
                shutil.rmtree(path, ignore_errors=True)  # not promoted: drop it


def default_toolkit(settings: Settings, *, config: TrainConfig | None = None) -> Toolkit:
    """The real functions: training in a child process, loading, F1 per label.

    Without ``config``: ``TrainConfig`` defaults (what ``conflict-ie train`` uses), seeded by
    ``settings.seed``, epochs capped by ``settings.retrain_max_epochs`` when set.
    """
    from training.config import TrainConfig

    if config is None:
        epochs = {"max_epochs": settings.retrain_max_epochs} if settings.retrain_max_epochs else {}
        config = TrainConfig(seed=settings.seed, **epochs)
    chosen = config
    options = LoadOptions.from_settings(settings)

    def train(docs: Sequence[Document], gate: Sequence[Document], progress: Progress,
              cancel: threading.Event) -> tuple[Path, Mapping[str, float]]:
        request = TrainRequest(docs=tuple(docs), gate=tuple(gate), models_dir=settings.models_dir,
                               transfer_dir=settings.transfer_dir, config=chosen,
                               threads=settings.retrain_threads)
        return run_isolated(request, progress=progress, cancel=cancel,
                            max_seconds=settings.retrain_max_seconds)

    def evaluate(extractor: Extractor, docs: Sequence[Document]) -> Mapping[str, float]:
        from service.retrain.worker import f1_per_label

        return f1_per_label(extractor, docs)

    absent = [name for name in _TRAINING_PACKAGES if importlib.util.find_spec(name) is None]
    return Toolkit(
        train=train,
        load=lambda path: load_extractor(path, options),
        evaluate=evaluate,
        missing=(f"retraining needs {' and '.join(absent)}, which this install lacks (a "
                 "serving-only install, such as the Docker image): retrain with a full install "
                 "(`make install`) and serve the new model") if absent else None,
    )


_TRAINING_PACKAGES = ("torch", "transformers")

