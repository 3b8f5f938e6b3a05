"""One inference thread for the whole service, fed by a queue that batches concurrent requests.

Each request puts a job (its articles, the extractor it read at its start, its ``min_score``, a
cancel flag) on the queue and awaits the job's future. The worker thread takes the first job,
gathers the ones arriving within ``wait_ms`` (up to ``max_chars`` of text), and runs each group
that shares an extractor and a ``min_score`` as one ``extract_many`` call, so the windows of
several articles are padded into the same network batches; then it sets every job's result.
The wait is only paid when requests have company: when the last gathering held one job and the
next one did not queue behind its run (it was sent after the run ended), the next job runs at
once with whatever is already queued, so a lone client does not wait ``wait_ms`` per request; as
soon as jobs queue up behind a run, gathering waits again.
Throughput rises with clients instead of requests queueing one by one, and the backend's thread
count (set when the model loads) is the CPU the service uses for inference: nothing else runs
the network.

A request that gives up (its timeout, or shutdown) sets its job's cancel flag: a job cancelled
before its turn is skipped, and a running batch stops at its next window batch once every job
in it has given up. The thread is the inference slot, so no abandoned work runs on beside it.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from model.errors import Cancelled
from model.extractor import Extractor
from model.types import Article, Extraction

log = logging.getLogger(__name__)

_STOP = object()
T = TypeVar("T")


@dataclass
class Job:
    """One request's articles, the extractor and ``min_score`` it uses, and what the worker
    reports back.

    ``call``: other work for the inference thread (``/suggest``), run alone, not batched.
    """

    extractor: Extractor
    articles: Sequence[Article]
    min_score: float | None = None
    future: Future[Any] = field(default_factory=Future)
    cancel: threading.Event = field(default_factory=threading.Event)
    call: Callable[[], Any] | None = None
    submitted: float = field(default_factory=time.monotonic)

    @property
    def chars(self) -> int:
        return sum(len(a.text) for a in self.articles)


class AllCancelled:
    """A cancel flag that is set when every job of a batch has given up."""

    def __init__(self, jobs: Sequence[Job]) -> None:
        self.jobs = jobs

    def is_set(self) -> bool:
        return all(job.cancel.is_set() for job in self.jobs)


class InferenceWorker:
    """The service's single inference thread and the queue in front of it."""

    def __init__(self, *, wait_ms: float = 5.0, max_chars: int = 200_000) -> None:
        self.wait_s = wait_ms / 1000
        self.max_chars = max_chars
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="inference", daemon=True)
        self.batches = 0  # batches run, for tests and logs
        self._company = True  # whether the last gathering held several jobs
        self._ran_until = 0.0  # when the last run's work ended (before its results were set)

    def start(self) -> None:
        self._thread.start()

    def close(self, timeout: float = 10.0) -> None:
        """Finish the jobs queued so far, then stop; later ones are refused."""
        self._queue.put(_STOP)
        self._thread.join(timeout)

    async def run(
        self, extractor: Extractor, articles: Sequence[Article], *, min_score: float | None = None
    ) -> list[Extraction]:
        """Extract ``articles`` on the worker thread; cancelling the await cancels the job.

        ``min_score`` is passed to ``Extractor.extract_many``; jobs with different values are
        never run in one call.

        Raises:
            Cancelled: the worker has stopped, or the job was cancelled.
        """
        return await self._submit(Job(extractor, articles, min_score=min_score))

    async def call(self, extractor: Extractor, fn: Callable[[], T]) -> T:
        """Run ``fn`` (which uses ``extractor``) on the inference thread, alone."""
        return await self._submit(Job(extractor, (), call=fn))

    async def _submit(self, job: Job) -> Any:
        if not self._thread.is_alive():
            raise Cancelled("the inference thread has stopped")
        self._queue.put(job)
        try:
            return await asyncio.wrap_future(job.future)
        finally:
            if not job.future.done():
                job.cancel.set()

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                self._drain()
                return
            assert isinstance(first, Job)
            jobs, stop = self._gather(first)
            for group in _by_extractor_and_min_score(jobs):
                self._run(group)
            self._company = len(jobs) > 1
            if stop:
                self._drain()
                return

    def _gather(self, first: Job) -> tuple[list[Job], bool]:
        """The first job and those queued or arriving within ``wait_s`` (when the last gathering
        had company), up to ``max_chars`` of text."""
        jobs, chars = [first], first.chars
        queued = first.submitted < self._ran_until  # it waited behind the last run
        deadline = time.monotonic() + (self.wait_s if self._company or queued else 0.0)
        while chars < self.max_chars:
            remaining = deadline - time.monotonic()
            try:
                item = (self._queue.get(timeout=remaining) if remaining > 0
                        else self._queue.get_nowait())
            except queue.Empty:
                break
            if item is _STOP:
                return jobs, True
            assert isinstance(item, Job)
            jobs.append(item)
            chars += item.chars
        return jobs, False

    def _run(self, jobs: list[Job]) -> None:
        for job in [j for j in jobs if j.call is not None]:
            self._call(job)
        jobs = [j for j in jobs if j.call is None]
        live = []
        for job in jobs:
            if not job.cancel.is_set() and job.future.set_running_or_notify_cancel():
                live.append(job)
            elif not job.future.done():
                job.future.set_exception(Cancelled("cancelled before it ran"))
        if not live:
            return
        articles = [a for job in live for a in job.articles]
        try:
            results = live[0].extractor.extract_many(
                articles, min_score=live[0].min_score, cancel=AllCancelled(live)
            )
        except Exception as exc:  # every job of the batch gets the error
            self._ran_until = time.monotonic()
            for job in live:
                job.future.set_exception(exc)
            return
        self._ran_until = time.monotonic()  # before a result lets its client send the next job
        self.batches += 1
        start = 0
        for job in live:
            job.future.set_result(results[start : start + len(job.articles)])
            start += len(job.articles)

    def _call(self, job: Job) -> None:
        assert job.call is not None
        if job.cancel.is_set() or not job.future.set_running_or_notify_cancel():
            if not job.future.done():
                job.future.set_exception(Cancelled("cancelled before it ran"))
            return
        try:
            result = job.call()
        except Exception as exc:
            self._ran_until = time.monotonic()
            job.future.set_exception(exc)
            return
        self._ran_until = time.monotonic()
        job.future.set_result(result)

    def _drain(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, Job) and not item.future.done():
                item.future.set_exception(Cancelled("the service is shutting down"))


def _by_extractor_and_min_score(jobs: list[Job]) -> list[list[Job]]:
    """Jobs grouped by the extractor they read (a model swap can split one gathering) and by
    their ``min_score`` (one ``extract_many`` call takes one), in order of first arrival."""
    groups: dict[tuple[int, float | None], list[Job]] = {}
    for job in jobs:
        groups.setdefault((id(job.extractor), job.min_score), []).append(job)
    return list(groups.values())
