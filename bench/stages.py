"""Where one article's extraction spends its time: each stage of ``Extractor.extract`` alone.

    .venv/bin/python bench/stages.py                    # models/current, 2 threads, 400 words
    .venv/bin/python bench/stages.py --words 800 --repeats 100
    .venv/bin/python bench/stages.py --backend torch

The article is the one ``bench/load.py`` posts (the first ``--words`` words of the seed
articles). Each stage runs ``--repeats`` times on the previous stage's output, after a warm-up,
and the median is printed in milliseconds, with the whole ``extract`` call for comparison (no
profiler: ``cProfile`` inflates the Python stages two- to three-fold):

- ``encode``: word tokens, word shapes, sub-words and windows (``Tagger.encode``);
- ``network``: the backend on the article's windows (``Tagger.window_scores``);
- ``decode``: window merge, constrained Viterbi, forward-backward and span scores;
- ``events``: event assembly and the ``Extraction`` (dates, actors, places, casualties).

``--compare OTHER_MODEL`` (repeatable) then times the network stage alone of ``--model`` and
each other model in turn, ``--rounds`` rounds, each loading every model afresh (an idle ONNX
Runtime session's threads would spin and slow the one running), and prints medians and ratios:

    .venv/bin/python bench/stages.py --compare /path/to/an/older/export --rounds 8
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cpu import describe  # noqa: E402
from load import article_of  # noqa: E402

from model.extractor import Extractor, _assemble  # noqa: E402
from model.tagging.encoding import Encoded, merge_window_probs  # noqa: E402
from model.tagging.tagger import BACKENDS, Tagger  # noqa: E402
from model.tagging.viterbi import decode_spans  # noqa: E402
from model.types import Article, ModelRef  # noqa: E402


def median_ms(run: Callable[[], object], repeats: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return round(1000 * statistics.median(times), 1)


def stages(extractor: Extractor, text: str, repeats: int) -> dict[str, float]:
    tagger = extractor.predictor
    assert isinstance(tagger, Tagger)
    encoded = tagger.encode(text)
    (scores,) = tagger.window_scores([encoded])

    def decode() -> list:
        probs = merge_window_probs(encoded, scores, temperature=tagger.inference.temperature)
        return decode_spans(probs, encoded.words, text, tagger.inference)

    spans, article = decode(), Article(text=text)
    model = ModelRef(version=extractor.version)
    return {
        "encode": median_ms(lambda: tagger.encode(text), repeats),
        "network": median_ms(lambda: tagger.window_scores([encoded]), repeats),
        "decode": median_ms(decode, repeats),
        "events": median_ms(lambda: _assemble(article, spans, model, min_score=None), repeats),
        "extract (all)": median_ms(lambda: extractor.extract(text), repeats),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--backend", default="auto", choices=BACKENDS)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="another model directory whose network to time against --model")
    parser.add_argument("--rounds", type=int, default=8, help="rounds of --compare")
    args = parser.parse_args()
    missing = [str(m) for m in (args.model, *args.compare) if not (m / "tagger.json").is_file()]
    if missing:
        parser.error(f"not a model directory (no tagger.json): {', '.join(missing)}")
    extractor = Extractor.load(args.model, threads=args.threads, backend=args.backend)
    text = article_of(args.words)
    encoded = extractor.predictor.encode(text)  # type: ignore[attr-defined]
    print(f"{len(text.split())} words, {len(encoded.windows)} windows; "
          f"{extractor.backend} backend, {args.threads} threads; {describe()}")
    print("| stage | ms (median) |\n|---|---:|")
    for name, ms in stages(extractor, text, args.repeats).items():
        print(f"| {name} | {ms} |")
    if args.compare:
        del extractor
        compare_networks([args.model, *args.compare], encoded, args)
    return 0


def compare_networks(models: list[Path], encoded: Encoded, args: argparse.Namespace) -> None:
    """The network stage of each model on ``encoded``, models taking turns round by round."""
    times: dict[Path, list[float]] = {model: [] for model in models}
    for _ in range(args.rounds):
        for model in models:
            tagger = Tagger.load(model, threads=args.threads, backend=args.backend)
            tagger.window_scores([encoded])  # warm-up
            for _ in range(30):
                started = time.perf_counter()
                tagger.window_scores([encoded])
                times[model].append(time.perf_counter() - started)
            del tagger
            gc.collect()
    first = statistics.median(times[models[0]])
    print("\n| model | network ms (median) | speed against the first |\n|---|---:|---:|")
    for model, values in times.items():
        print(f"| {model} | {1000 * statistics.median(values):.1f} | "
              f"{first / statistics.median(values):.2f} |")


if __name__ == "__main__":
    sys.exit(main())
