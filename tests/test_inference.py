"""The service's inference thread: concurrent requests batched together, cancellation that
frees the CPU, and the per-request character cap."""

from __future__ import annotations

import asyncio
import inspect
import time
from pathlib import Path

import pytest
from fastapi.dependencies.models import Dependant

from model.errors import Cancelled
from model.extractor import Extractor
from model.types import Article
from service.http.inference import InferenceWorker
from service.http.openapi import api_routes

from .fakes import FakeTagger, client_for

TEXT = "Russian warplanes struck Aleppo on Sunday, killing 7 civilians."


async def _gather(worker: InferenceWorker, extractor: Extractor, n: int) -> list:
    return await asyncio.gather(*(
        worker.run(extractor, [Article(text=f"{TEXT} ({i})", id=str(i))]) for i in range(n)
    ))


def test_concurrent_requests_run_as_one_batch_and_keep_their_order() -> None:
    tagger = FakeTagger()
    worker = InferenceWorker(wait_ms=50)
    worker.start()
    try:
        results = asyncio.run(_gather(worker, Extractor(tagger), 6))
    finally:
        worker.close()
    assert [r[0].id for r in results] == [str(i) for i in range(6)]
    assert len(tagger.calls) < 6 and sum(len(c) for c in tagger.calls) == 6


def test_a_lone_client_does_not_wait_but_jobs_queued_behind_a_run_are_gathered() -> None:
    tagger = FakeTagger(delay=0.3)
    extractor = Extractor(tagger)
    worker = InferenceWorker(wait_ms=1000)

    async def one(text: str, after: float = 0.0) -> float:
        await asyncio.sleep(after)
        started = time.monotonic()
        await worker.run(extractor, [Article(text=text)])
        return time.monotonic() - started

    async def scenario() -> float:
        await one("first")  # nothing known about company yet: gathers for 1 s
        lone = await one("lone")  # the last gathering was alone: runs at once
        # "b" arrives while "a" runs, so the gathering after "a" waits and takes "c" too.
        await asyncio.gather(one("a"), one("b", after=0.15), one("c", after=0.7))
        return lone

    worker.start()
    try:
        lone = asyncio.run(scenario())
    finally:
        worker.close()
    assert lone < 0.9  # 0.3 s of work, not 1.3 s with the gathering
    assert tagger.calls[-2:] == [["a"], ["b", "c"]]


def test_a_cancelled_job_is_skipped_and_a_running_one_stops() -> None:
    tagger = FakeTagger(delay=5.0)
    worker = InferenceWorker(wait_ms=0)
    worker.start()

    async def scenario() -> None:
        first = asyncio.create_task(worker.run(Extractor(tagger), [Article(text=TEXT)]))
        await asyncio.sleep(0.2)  # the first job is running
        queued = asyncio.create_task(worker.run(Extractor(tagger), [Article(text="queued")]))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        queued.cancel()
        first.cancel()
        for task in (first, queued):
            with pytest.raises(asyncio.CancelledError):
                await task
        quick = FakeTagger()
        await worker.run(Extractor(quick), [Article(text=TEXT)])  # the thread is free again
        assert time.monotonic() - started < 1.0
        assert tagger.finished == 0 and ["queued"] not in tagger.calls

    try:
        asyncio.run(scenario())
    finally:
        worker.close()


def test_after_close_new_work_is_refused_at_once() -> None:
    worker = InferenceWorker()
    worker.start()
    worker.close()
    with pytest.raises(Cancelled, match="stopped"):
        asyncio.run(worker.run(Extractor(FakeTagger()), [Article(text=TEXT)]))


def test_a_timed_out_request_frees_the_cpu_for_the_next(tmp_path: Path) -> None:
    slow = FakeTagger(delay=3.0)
    with client_for(tmp_path, tagger=slow, request_timeout_s=0.3) as client:
        assert client.post("/extract", json={"text": TEXT}).status_code == 504
        slow.delay = 0.0
        started = time.monotonic()
        assert client.post("/extract", json={"text": TEXT}).status_code == 200
        assert time.monotonic() - started < 1.5  # not queued behind 3 s of abandoned work
    assert slow.finished == 1  # only the second request ran to the end


def test_too_many_characters_in_one_request_is_413(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), max_request_chars=100) as client:
        articles = [{"text": TEXT}, {"text": TEXT}]
        response = client.post("/extract/batch", json={"articles": articles})
        assert response.status_code == 413
        assert "CONFLICT_IE_MAX_REQUEST_CHARS" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/extract", "/extract/batch"])
def test_extraction_routes_resolve_their_dependencies_on_the_event_loop(
    tmp_path: Path, path: str
) -> None:
    """A plain ``def`` dependency costs a thread-pool hop per request (about 1 ms in all)."""
    app = client_for(tmp_path, tagger=FakeTagger()).app
    (route,) = [r for r in api_routes(app) if r.path == path]  # type: ignore[arg-type]
    calls = [sub.call for sub in _dependencies(route.dependant)]
    assert len(calls) >= 3  # settings, the model, read access (and the bearer scheme)
    for call in calls:  # a function, or an instance such as the bearer scheme
        assert inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(
            type(call).__call__
        ), call


def _dependencies(dependant: Dependant) -> list[Dependant]:
    subs = list(dependant.dependencies)
    return subs + [d for sub in subs for d in _dependencies(sub)]
