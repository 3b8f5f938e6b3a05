"""Figures of the gazetteer for ``docs/gazetteer.md``: what it holds, its size on disk, the time
a fresh process takes to load it, that process's RSS, and what placing an article's LOCATION
spans costs with cold and warm caches.

    .venv/bin/python -m training.gazetteer_figures
    .venv/bin/python -m training.gazetteer_figures --article article.txt --model models/current

Prints one JSON object. Run it in a fresh process: the load time counts the imports of
``model.events.locations`` and the opening of the file (built beforehand, not timed here).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def rss_mb() -> float:
    """This process's resident set size (``VmRSS``) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmRSS in /proc/self/status")


def load_figures() -> dict[str, object]:
    """Load the gazetteer in this (fresh) process and measure it."""
    from model.events.gazetteer import default_path, ensure_built

    ensure_built(default_path())  # a first build is not a load: not timed
    before = rss_mb()
    started = time.perf_counter()
    from model.events.gazetteer import gazetteer
    from model.events.locations import geocode

    geocode("Aleppo")
    load_s = time.perf_counter() - started
    built = gazetteer()
    counts = {k: int(v) for k, v in built.meta.items() if v.isdigit()}
    return {"load_s": round(load_s, 3), "rss_before_mb": before, "rss_after_mb": rss_mb(),
            "bytes": built.path.stat().st_size, "path": str(built.path), **counts}


def article_figures(article: Path, model: Path, repeats: int) -> dict[str, object]:
    """Median ms of ``extract_events`` on the article's predicted spans, caches cold and warm."""
    from model.events import locations
    from model.events.assembly import extract_events
    from model.events.gazetteer import gazetteer
    from model.extractor import Extractor

    text = article.read_text(encoding="utf-8")
    extractor = Extractor.load(model)
    spans = [s for e in [extractor.extract(text)] for s in e.spans]

    def run(cold: bool) -> float:
        times = []
        for _ in range(repeats):
            if cold:
                locations._geocode.cache_clear()
                gazetteer().lookup.cache_clear()
            started = time.perf_counter()
            extract_events(text, spans)
            times.append(time.perf_counter() - started)
        return round(1000 * statistics.median(times), 2)

    run(False)
    return {"words": len(text.split()), "locations": sum(s.label == "LOCATION" for s in spans),
            "events_cold_ms": run(True), "events_warm_ms": run(False)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, help="a text file to time event assembly on")
    parser.add_argument("--model", type=Path, default=Path("models/current"))
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args(argv)
    figures = load_figures()
    if args.article is not None:
        figures |= article_figures(args.article, args.model, args.repeats)
    print(json.dumps(figures, indent=1))  # noqa: T201 - the figures are the output
    return 0


if __name__ == "__main__":
    sys.exit(main())
