"""The workers of ``conflict-ie batch``: ``ExtractBatch`` and the two ways to run it.

``ExtractBatch`` is Ray Data's callable class: one instance per actor, so the model loads once
per worker; each call extracts one batch through ``Extractor.extract_many``. ``run_ray`` maps
it over a fixed pool of actors with ``Dataset.map_batches``; ``run_local`` calls one instance in
this process (no Ray). Both yield the same output batches, as they complete.
"""

from __future__ import annotations

import logging
import math
import os
import resource
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from model.errors import InputError
from model.extractor import Extractor
from model.types import Article, Extraction
from service.loading import LoadOptions, load_extractor

log = logging.getLogger(__name__)

Loader = Callable[[str, LoadOptions], Extractor]
"""``(model_dir, options) -> Extractor`` instead of ``load_extractor`` (tests); a module-level
function when it travels to Ray."""
Columns = dict[str, list[Any]]


class ExtractBatch:
    """Loads the model once (per actor); extracts one batch per call.

    A batch maps column names to sequences: ``id``, ``text``, ``published``, ``input_sha256``
    in; ``id``, ``input_sha256``, ``status`` (ok/failed), ``error``, ``spans``, ``events``,
    ``model_version``, ``extraction`` (JSON; empty when failed), ``worker`` (pid) and
    ``worker_peak_rss_mb`` out. When ``extract_many`` raises, the batch's articles are retried
    one by one and those that still raise are ``failed``, with the error.

    The model loads through ``service.loading.load_extractor`` with ``options`` (backend,
    device, threads, min score), as the driver resolved them from its settings and options.
    """

    def __init__(self, model_dir: str, options: LoadOptions | None = None,
                 loader: Loader | None = None) -> None:
        self.extractor = (loader or load_extractor)(model_dir, options or LoadOptions())

    def __call__(self, batch: Mapping[str, Sequence[Any]]) -> Columns:
        ids = [str(i) for i in batch["id"]]
        articles = [_article(i, t, p) for i, t, p in
                    zip(ids, batch["text"], batch["published"], strict=True)]
        valid = [a for a in articles if isinstance(a, Article)]
        extracted = iter(self._extract(valid))
        results = [next(extracted) if isinstance(a, Article) else a for a in articles]
        done = [r if isinstance(r, Extraction) else None for r in results]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        return {
            "id": ids,
            "input_sha256": list(batch["input_sha256"]),
            "status": ["failed" if r is None else "ok" for r in done],
            "error": [r if isinstance(r, str) else "" for r in results],
            "spans": [0 if r is None else len(r.spans) for r in done],
            "events": [0 if r is None else len(r.events) for r in done],
            "model_version": [self.extractor.version] * len(articles),
            "extraction": ["" if r is None else r.model_dump_json() for r in done],
            "worker": [os.getpid()] * len(articles),
            "worker_peak_rss_mb": [round(peak, 1)] * len(articles),
        }

    def _extract(self, articles: list[Article]) -> list[Extraction | str]:
        try:
            return list(self.extractor.extract_many(articles))
        except Exception:
            log.warning("a batch of %d article(s) failed; retrying one by one", len(articles))
        results: list[Extraction | str] = []
        for article in articles:
            try:
                results.append(self.extractor.extract(article))
            except Exception as exc:
                results.append(f"{type(exc).__name__}: {exc}")
        return results


def _article(doc_id: str, text: Any, published: Any) -> Article | str:
    """The row as an ``Article``, or why it is not one. Ray's numpy batches turn a column of
    missing dates into NaN, and strings into numpy strings: both are undone here."""
    if published is None or published == "" or (isinstance(published, float)
                                                 and math.isnan(published)):
        published = None
    try:
        return Article(text=str(text), published=None if published is None else str(published),
                       id=doc_id)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        return f"{type(exc).__name__}: {exc}"


def run_local(batches: Iterable[Columns], worker: Mapping[str, Any]) -> Iterator[Columns]:
    """``ExtractBatch(**worker)`` over ``batches`` in this process."""
    extract = ExtractBatch(**worker)
    for batch in batches:
        yield extract(batch)


def run_ray(columns: Columns, worker: Mapping[str, Any], *, workers: int, batch_size: int,
            cpus_per_worker: float, address: str | None) -> Iterator[Columns]:
    """``ExtractBatch(**worker)`` on ``workers`` Ray actors, batches of ``batch_size`` rows.

    Joins the running Ray session, else connects (``connect_ray``) and shuts down at the end.
    """
    import ray
    import ray.data

    started = connect_ray(address, cpus=workers * cpus_per_worker)
    context = ray.data.DataContext.get_current()
    bars, context.enable_progress_bars = context.enable_progress_bars, False  # one tqdm bar
    try:
        items = [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(),
                                                                        strict=True)]
        dataset = ray.data.from_items(items).map_batches(
            ExtractBatch,
            fn_constructor_kwargs=dict(worker),
            batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=cpus_per_worker,
            batch_format="numpy",
        )
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            yield {name: values.tolist() for name, values in batch.items()}
    finally:
        context.enable_progress_bars = bars
        if started:
            ray.shutdown()


def connect_ray(address: str | None, *, cpus: float) -> bool:
    """Join Ray: the running session, the cluster at ``address``, else a new local one (no
    dashboard, no usage reporting, at least ``cpus`` logical CPUs). True when it started one."""
    import ray

    if ray.is_initialized():
        return False
    if address:
        log.info("connecting to the Ray cluster at %s", address)
        try:
            ray.init(address=address, logging_level=logging.WARNING)
        except ConnectionError as exc:
            raise InputError(f"--address {address}: no Ray cluster there: {exc}") from None
    else:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(num_cpus=max(os.cpu_count() or 1, round(cpus + 0.49)),
                 include_dashboard=False, logging_level=logging.WARNING)
    return True
