"""Whole extractions of this checkout against another, one at a time, taking turns.

    .venv/bin/python bench/interleave.py --baseline /path/to/other/checkout --pairs 300

On a shared host the speed drifts by a tenth or more within seconds, so two runs one after the
other compare the host as much as the code. Here each checkout runs in its own worker process
(its own ``model`` package, the same ``--model`` directory and article), and the two take turns
extraction by extraction (which goes first alternates), so that a slow spell falls on both
alike. Both workers' ONNX Runtime threads stop spinning when a run returns
(``session.force_spinning_stop``), so that the idle worker does not take a core from the other.
Prints each checkout's median ``Extractor.extract`` time of the ``--words``-word article of
``bench/load.py``, the ratio, and in how many pairs this checkout was the faster.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def worker(root: Path, model_dir: Path, threads: int) -> None:
    """Load ``root``'s code and ``model_dir``; read the article (a JSON line), then time one
    extraction per line read."""
    sys.path.insert(0, str(root))
    extractor_module = importlib.import_module("model.extractor")
    onnx_backend = importlib.import_module("model.tagging.onnx_backend")
    if not Path(extractor_module.__file__ or "").resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"the worker for {root} imported {extractor_module.__file__}")

    plain = getattr(onnx_backend, "session_options", None)
    if plain is not None:
        def quiet(threads: int | None = None) -> object:
            options = plain(threads)
            options.add_session_config_entry("session.force_spinning_stop", "1")
            return options

        onnx_backend.session_options = quiet
    extractor = extractor_module.Extractor.load(model_dir, threads=threads)
    text = json.loads(sys.stdin.readline())
    for _ in range(3):
        extractor.extract(text)
    print("ready", flush=True)
    for _ in sys.stdin:
        started = time.perf_counter()
        extractor.extract(text)
        print(time.perf_counter() - started, flush=True)


def compare(args: argparse.Namespace) -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "bench"))
    from load import article_of

    text = article_of(args.words)
    roots = {"this": ROOT, "baseline": args.baseline}
    workers = {
        name: subprocess.Popen(
            [sys.executable, __file__, "--worker", str(root), "--model", str(args.model),
             "--threads", str(args.threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root,
        )
        for name, root in roots.items()
    }
    times: dict[str, list[float]] = {name: [] for name in workers}
    try:
        for process in workers.values():
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(text) + "\n")
            process.stdin.flush()
            if process.stdout.readline().strip() != "ready":
                raise SystemExit("a worker failed to load its model; see its error above")
        for number in range(args.pairs):
            for name in list(workers) if number % 2 == 0 else list(workers)[::-1]:
                process = workers[name]
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write("\n")
                process.stdin.flush()
                times[name].append(float(process.stdout.readline()))
    finally:
        for process in workers.values():
            if process.stdin is not None:
                process.stdin.close()
            process.wait(30)
    this, baseline = (statistics.median(times[name]) for name in ("this", "baseline"))
    wins = sum(a < b for a, b in zip(times["this"], times["baseline"], strict=True))
    return {
        "article_words": len(text.split()),
        "pairs": args.pairs,
        "this_p50_ms": round(1000 * this, 1),
        "baseline_p50_ms": round(1000 * baseline, 1),
        "speed_ratio": round(baseline / this, 3),
        "this_faster_in_pairs": wins,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="the other checkout of the project")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current",
                        help="the model directory both checkouts load")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker, args.model, args.threads)
        return 0
    if args.baseline is None or not (args.baseline / "model" / "extractor.py").is_file():
        parser.error("--baseline must be another checkout of this project")
    if not (args.model / "tagger.json").is_file():
        parser.error(f"not a model directory (no tagger.json): {args.model}")
    if args.pairs < 1 or args.words < 1 or args.threads < 1:
        parser.error("--pairs, --words and --threads must be 1 or more")
    print(json.dumps(compare(args), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
