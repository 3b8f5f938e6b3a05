"""``conflict-ie batch``: a corpus through ``Extractor`` on Ray Data, resumable, deduplicated.

``run_batch(INPUT, OUTPUT, options)``:

1. Reads and checks the corpus on the driver (``service.batch.inputs``); a bad row is skipped
   and reported, never dropped silently.
2. Looks the articles up in OUTPUT's store (``service.batch.store``): an article whose id and
   ``input_sha256`` (hash of its date and text) are stored is done and is reused.
3. Sends the others through ``ExtractBatch``: on Ray Data, ``map_batches`` over a fixed pool of
   ``workers`` actors (local by default, an existing cluster with ``address``), each loading the
   model once; with ``workers=0``, in this process without Ray. Every batch goes through
   ``Extractor.extract_many``; if a batch raises, its articles are retried one by one and those
   that still raise are reported ``failed`` (a rerun retries them).
4. Appends results to the store as they arrive, so a killed run keeps what it extracted.
5. Writes ``articles_status.csv`` and ``events.parquet`` for every article of INPUT that is
   done, then runs the dedup step (``service.batch.dedup``) unless ``dedup=False``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from model.errors import ModelLoadError
from service.batch.dedup import CSV_FILE, JSONL_FILE, dedup_reports, load_sourced_events
from service.batch.inputs import BadRow, InputArticle, read_corpus
from service.batch.store import (
    EVENTS_FILE,
    ArticleStatus,
    ExtractionWriter,
    event_records,
    iter_extractions,
    stored_articles,
    write_events,
    write_status,
)
from service.batch.worker import Columns, Loader, run_local, run_ray
from service.loading import Backend, LoadOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch. ``workers=0`` runs in this process, without Ray.

    ``backend``, ``device``, ``threads`` and ``min_score`` are how every worker loads the model
    (``service.loading.LoadOptions``): ``threads`` is the backend's CPU threads per worker (also
    the CPUs each Ray actor asks for), None leaves the library's default; ``min_score`` drops
    spans and events scored below it (None: keep all). ``loader`` replaces
    ``service.loading.load_extractor`` (tests).
    """

    model_dir: Path
    backend: Backend = "auto"
    device: str = "cpu"
    min_score: float | None = None
    workers: int = 1
    batch_size: int = 32
    threads: int | None = 1
    address: str | None = None
    dedup: bool = True
    progress: bool = True
    loader: Loader | None = None


@dataclass(frozen=True)
class WorkerStats:
    """One worker process (a Ray actor, or this process): what it did, its peak memory."""

    pid: int
    batches: int
    articles: int
    peak_rss_mb: float


@dataclass(frozen=True)
class BatchReport:
    """The outcome of ``run_batch``: counts by status, events written, timing, workers.

    ``rows`` = ``ok`` + ``skipped`` + ``failed``; ``reused``: ok from an earlier run;
    ``extracted``: sent to the model in this run (ok or failed); ``corpus_events``: None with
    ``dedup=False``; ``extract_seconds``: the extraction phase (with Ray's start and the model
    loads); ``seconds``: the whole run.
    """

    rows: int
    ok: int
    skipped: int
    failed: int
    reused: int
    extracted: int
    events: int
    corpus_events: int | None
    seconds: float
    extract_seconds: float
    workers: tuple[WorkerStats, ...] = field(default=())


def _columns(articles: Sequence[InputArticle]) -> Columns:
    return {"id": [a.id for a in articles], "text": [a.text for a in articles],
            "published": [a.published or "" for a in articles],  # no None: Ray makes it NaN
            "input_sha256": [a.input_sha256 for a in articles]}


def _results(articles: Sequence[InputArticle], options: BatchOptions) -> Iterator[Columns]:
    """Output batches of ``ExtractBatch`` over ``articles``: Ray actors, or this process."""
    load = LoadOptions(backend=options.backend, device=options.device, threads=options.threads,
                       min_score=options.min_score)
    worker = {"model_dir": str(Path(options.model_dir).resolve()), "options": load,
              "loader": options.loader}
    if options.workers == 0:
        size = options.batch_size
        chunks = (_columns(articles[lo : lo + size]) for lo in range(0, len(articles), size))
        return run_local(chunks, worker)
    return run_ray(_columns(articles), worker, workers=options.workers,
                   batch_size=options.batch_size, cpus_per_worker=options.threads or 1,
                   address=options.address)


def _status(article: InputArticle, result: Mapping[str, Any]) -> ArticleStatus:
    ok = result["status"] == "ok"
    return ArticleStatus(row=article.row, id=article.id, status=result["status"],
                         reason=None if ok else result["error"],
                         spans=result["spans"] if ok else None,
                         events=result["events"] if ok else None,
                         id_generated=article.id_generated,
                         model_version=result["model_version"],
                         input_sha256=article.input_sha256)


def _extract(pending: Sequence[InputArticle], options: BatchOptions, out_dir: Path,
             statuses: dict[int, ArticleStatus]) -> tuple[WorkerStats, ...]:
    """Extract ``pending``, store each result as it comes, fill ``statuses``."""
    by_id = {a.id: a for a in pending}
    workers: dict[int, list[float]] = {}  # pid -> [batches, articles, peak MB]
    bar = tqdm(total=len(pending), unit="article", desc="extract", disable=not options.progress)
    with ExtractionWriter(out_dir) as store, bar:
        for batch in _results(pending, options):
            for pid in set(batch["worker"]):
                workers.setdefault(pid, [0, 0, 0.0])[0] += 1
            for values in zip(*batch.values(), strict=True):
                result = dict(zip(batch, values, strict=True))
                article = by_id[result["id"]]
                statuses[article.row] = _status(article, result)
                if result["status"] == "ok":
                    store.add({k: result[k] for k in ("id", "input_sha256", "model_version",
                                                      "spans", "events", "extraction")})
                seen = workers[result["worker"]]
                seen[1], seen[2] = seen[1] + 1, max(seen[2], result["worker_peak_rss_mb"])
            bar.update(len(batch["id"]))
    return tuple(WorkerStats(pid, int(b), int(n), m) for pid, (b, n, m) in sorted(workers.items()))


def _sort_rows(rows: Sequence[InputArticle | BadRow], out_dir: Path,
               statuses: dict[int, ArticleStatus]) -> list[InputArticle]:
    """Fill ``statuses`` for skipped and already-done rows; return the articles to extract."""
    stored = stored_articles(out_dir)
    pending = []
    for item in rows:
        if isinstance(item, BadRow):
            statuses[item.row] = ArticleStatus(item.row, item.id, "skipped", reason=item.reason,
                                               id_generated=item.id_generated)
            continue
        done = stored.get(item.id)
        if done is None or done.input_sha256 != item.input_sha256:
            pending.append(item)
            continue
        statuses[item.row] = ArticleStatus(
            item.row, item.id, "ok", spans=done.spans, events=done.events, reused=True,
            id_generated=item.id_generated, model_version=done.model_version,
            input_sha256=item.input_sha256)
    return pending


def _check_model(options: BatchOptions) -> None:
    if options.loader is None and not Path(options.model_dir).exists():
        raise ModelLoadError(f"no model at {options.model_dir}: train one with "
                             f"`conflict-ie train`")


def _write_events(out_dir: Path, articles: Sequence[InputArticle]) -> int:
    meta = {a.id: a for a in articles}
    wanted = {a.id: a.input_sha256 for a in articles}
    rows = (row for stored, extraction in iter_extractions(out_dir, wanted)
            for row in event_records(stored.id, extraction, source=meta[stored.id].source,
                                     url=meta[stored.id].url))
    return write_events(out_dir, rows)


def _dedup(out_dir: Path, options: BatchOptions) -> int | None:
    if options.dedup:
        return dedup_reports(load_sourced_events(out_dir / EVENTS_FILE), out_dir).events
    for stale in (out_dir / CSV_FILE, out_dir / JSONL_FILE):
        if stale.exists():
            log.info("--no-dedup: removing %s of an earlier run", stale)
            stale.unlink()
    return None


def run_batch(input_path: str | Path, out_dir: str | Path, options: BatchOptions) -> BatchReport:
    """Extract every article of the corpus at ``input_path`` into the folder ``out_dir``.

    Raises:
        InputError: the corpus cannot be read or has no ``text`` column.
        ModelLoadError: there are articles to extract and no model at ``options.model_dir``.
    """
    started = time.perf_counter()
    rows = read_corpus(input_path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    statuses: dict[int, ArticleStatus] = {}
    pending = _sort_rows(rows, out_dir, statuses)
    log.info("%d row(s): %d to extract, %d done in an earlier run, %d skipped", len(rows),
             len(pending), sum(s.reused for s in statuses.values()),
             sum(s.status == "skipped" for s in statuses.values()))
    workers: tuple[WorkerStats, ...] = ()
    extract_started = time.perf_counter()
    if pending:
        _check_model(options)
    try:
        workers = _extract(pending, options, out_dir, statuses) if pending else ()
    finally:  # also when the run stops: say what became of every row
        for article in pending:
            statuses.setdefault(article.row, ArticleStatus(
                article.row, article.id, "failed", reason="the run stopped before this article",
                id_generated=article.id_generated, input_sha256=article.input_sha256))
        write_status(out_dir, statuses.values())
    extract_seconds = time.perf_counter() - extract_started
    done = [r for r in rows if isinstance(r, InputArticle) and statuses[r.row].status == "ok"]
    events = _write_events(out_dir, done)
    corpus_events = _dedup(out_dir, options)
    counts = [s.status for s in statuses.values()]
    report = BatchReport(
        rows=len(rows), ok=counts.count("ok"), skipped=counts.count("skipped"),
        failed=counts.count("failed"), reused=sum(s.reused for s in statuses.values()),
        extracted=len(pending), events=events, corpus_events=corpus_events,
        seconds=time.perf_counter() - started, extract_seconds=extract_seconds, workers=workers)
    _log_report(report, out_dir)
    return report


def _log_report(report: BatchReport, out_dir: Path) -> None:
    log.info("%d ok (%d reused), %d skipped, %d failed; %d event(s) in %s", report.ok,
             report.reused, report.skipped, report.failed, report.events, out_dir / EVENTS_FILE)
    if report.skipped or report.failed:
        log.warning("%d row(s) skipped and %d failed: see %s", report.skipped, report.failed,
                    out_dir / "articles_status.csv")
    for worker in report.workers:
        log.info("worker %d: %d batch(es), %d article(s), peak RSS %.0f MB", worker.pid,
                 worker.batches, worker.articles, worker.peak_rss_mb)
