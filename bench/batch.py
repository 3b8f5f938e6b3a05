"""Throughput of ``conflict-ie batch`` on Ray (1 and 2 local workers) against a plain loop.

Usage (from the repository root; needs a trained model)::

    .venv/bin/python bench/batch.py                              # 2,000 articles, models/current
    .venv/bin/python bench/batch.py --articles 50 --model DIR    # a quick check that it runs

The corpus is the seed articles (``annotations/*.jsonl``) and the transfer texts
(``annotations/external/*.jsonl``), repeated with distinct ids (``<id>~<k>``) up to
``--articles``, written as JSONL. The baseline is a single-process loop over
``Extractor.extract_many`` in batches of ``--batch-size`` with ``--threads`` backend threads (model
load timed apart). Each batch run uses a fresh output folder (nothing to resume) and is timed
end to end (``run_batch``: reading, Ray start, actors loading the model, extraction, writing
the store, events and dedup), with the extraction phase also shown. Every worker runs
``--threads`` backend threads. Peak memory is each process's maximum RSS (``getrusage``). One
run of each; the ratios are those of that run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.decode import word_offsets  # noqa: E402
from model.extractor import Extractor  # noqa: E402
from model.types import Article  # noqa: E402
from service.batch.runner import BatchOptions, run_batch  # noqa: E402


def build_corpus(count: int) -> list[dict[str, str | None]]:
    """``count`` articles: the seeds and transfer texts, repeated with distinct ids."""
    files = sorted((ROOT / "annotations").glob("*.jsonl"))
    files += sorted((ROOT / "annotations" / "external").glob("*.jsonl"))
    base = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                published = (doc.get("meta") or {}).get("published")
                base.append({"id": doc["id"], "text": doc["text"], "published": published})
    return [base[i % len(base)] | {"id": f"{base[i % len(base)]['id']}~{i // len(base)}"}
            for i in range(count)]


@dataclass(frozen=True)
class Run:
    """One timed run: ``seconds`` is what throughput is computed from."""

    name: str
    seconds: float
    peak_rss_mb: tuple[float, ...]
    note: str


def plain_loop(model: Path, corpus: list[dict[str, str | None]], *, batch_size: int,
               threads: int) -> Run:
    """The baseline: one process, one model, ``extract_many`` over batches."""
    started = time.perf_counter()
    extractor = Extractor.load(model, threads=threads)
    loaded = time.perf_counter()
    articles = [Article(**row) for row in corpus]
    for lo in range(0, len(articles), batch_size):
        extractor.extract_many(articles[lo : lo + batch_size])
    seconds = time.perf_counter() - loaded
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run("plain loop", seconds, (round(peak, 1),),
               f"model load {loaded - started:.1f} s, not counted")


def batch_run(model: Path, corpus_path: Path, out: Path, *, workers: int, batch_size: int,
              threads: int) -> Run:
    """``run_batch`` into a fresh folder, timed end to end."""
    options = BatchOptions(model_dir=model, workers=workers, batch_size=batch_size,
                           threads=threads, progress=False)
    report = run_batch(corpus_path, out, options)
    note = (f"extraction phase {report.extract_seconds:.1f} s (Ray start, model loads, "
            f"extraction); {report.ok} ok, {report.failed} failed, {report.events} events, "
            f"{report.corpus_events} corpus events")
    return Run(f"batch, {workers} worker(s)", report.seconds,
               tuple(w.peak_rss_mb for w in report.workers), note)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="backend threads per process")
    parser.add_argument("--json", action="store_true", help="also print one JSON object")
    args = parser.parse_args()
    if not args.model.exists():
        parser.error(f"no model at {args.model}: train one with `conflict-ie train`")
    corpus = build_corpus(args.articles)
    words = sum(len(word_offsets(str(row["text"]))) for row in corpus)
    print(f"corpus: {len(corpus)} articles, {words:,} words; model {args.model}; "
          f"batch size {args.batch_size}; {args.threads} backend thread(s) per process")
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        corpus_path = Path(tmp) / "corpus.jsonl"
        corpus_path.write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
        for count in (int(w) for w in args.workers.split(",")):
            runs.append(batch_run(args.model, corpus_path, Path(tmp) / f"out-{count}",
                                  workers=count, batch_size=args.batch_size,
                                  threads=args.threads))
        runs.append(plain_loop(args.model, corpus, batch_size=args.batch_size,
                               threads=args.threads))
    print_table(runs, articles=len(corpus), words=words)
    if args.json:
        print(json.dumps({"articles": len(corpus), "words": words,
                          "runs": [asdict(r) for r in runs]}))
    return 0


def print_table(runs: list[Run], *, articles: int, words: int) -> None:
    base = runs[-1].seconds  # the plain loop
    print("\n| run | seconds | articles/s | words/s | vs plain loop | peak RSS per process (MB) |")
    print("|---|---:|---:|---:|---:|---|")
    for run in runs:
        peaks = ", ".join(f"{m:.0f}" for m in run.peak_rss_mb)
        print(f"| {run.name} | {run.seconds:.1f} | {articles / run.seconds:.1f} | "
              f"{words / run.seconds:,.0f} | {base / run.seconds:.2f} | {peaks} |")
    for run in runs:
        print(f"{run.name}: {run.note}")


if __name__ == "__main__":
    sys.exit(main())
