"""Words per second of span prediction, ``Tagger`` vs the transformers pipeline, and training time.

Usage (from the repository root)::

    .venv/bin/python bench/speed.py                      # models/current on the seed articles
    .venv/bin/python bench/speed.py --train              # also time training the default model

The pipeline side is ``pipeline("token-classification", aggregation_strategy="first")`` over a
plain ``BertForTokenClassification`` carrying the same encoder weights and the hidden-state
columns of the same linear head. It has no word-shape (casing) input, so its spans differ from
the tagger's; only its speed is compared. Both cut texts into the same windows (the model's
``max_length`` and ``stride``) and run on the same number of threads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
from transformers import BertForTokenClassification, pipeline

from model.decode import word_offsets
from model.labels import ID2TAG, TAG2ID
from model.tagging.tagger import Tagger
from training.config import TrainConfig
from training.corpus import load_documents
from training.train import train


def plain_token_classifier(tagger: Tagger) -> BertForTokenClassification:
    """A ``BertForTokenClassification`` with the tagger's encoder and head (casing dropped)."""
    config = tagger.network.encoder.config.__class__.from_dict(
        tagger.network.encoder.config.to_dict()
        | {"num_labels": len(ID2TAG), "id2label": ID2TAG, "label2id": TAG2ID}
    )
    model = BertForTokenClassification(config)
    model.bert.load_state_dict(tagger.network.encoder.state_dict(), strict=False)
    hidden = config.hidden_size
    with torch.no_grad():
        model.classifier.weight.copy_(tagger.network.classifier.weight[:, :hidden])
        model.classifier.bias.copy_(tagger.network.classifier.bias)
    return model.eval()


def words_per_second(
    run: Callable[[str], object], texts: Sequence[str], *, repeats: int
) -> tuple[float, float]:
    """Median words/s over ``repeats`` passes through ``texts`` (one call per text)."""
    words = sum(len(word_offsets(t)) for t in texts)
    for text in texts[:2]:  # warm-up
        run(text)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        for text in texts:
            run(text)
        times.append(time.perf_counter() - started)
    best = statistics.median(times)
    return words / best, best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path("models/current"))
    parser.add_argument("--data", type=Path, default=Path("annotations/seeds.jsonl"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--train", action="store_true", help="also time training TrainConfig() on all of --data"
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    docs = load_documents([args.data])
    texts = [d.text for d in docs]
    words = sum(len(word_offsets(t)) for t in texts)
    print(
        f"{len(texts)} articles, {words} words, {args.threads} threads, torch {torch.__version__}"
    )

    tagger = Tagger.load(args.model)
    tokenizer = tagger.tokenizer
    tokenizer.model_max_length = tagger.inference.max_length
    plain = pipeline(
        "token-classification",
        model=plain_token_classifier(tagger),
        tokenizer=tokenizer,
        aggregation_strategy="first",
        stride=tagger.inference.stride,
        device="cpu",
    )
    ours, ours_s = words_per_second(tagger.predict, texts, repeats=args.repeats)
    theirs, theirs_s = words_per_second(plain, texts, repeats=args.repeats)
    print(
        f"model {tagger.version}: windows of {tagger.inference.max_length}, "
        f"stride {tagger.inference.stride}"
    )
    print(f"Tagger.predict           {ours:8.0f} words/s  ({ours_s:.2f} s per pass)")
    print(f"pipeline(first)          {theirs:8.0f} words/s  ({theirs_s:.2f} s per pass)")
    print(f"ratio Tagger / pipeline  {ours / theirs:8.2f}")
    _, batched_s = words_per_second(
        lambda _: tagger.predict_many(texts), texts[:1], repeats=args.repeats
    )
    print(f"Tagger.predict_many (all {len(texts)} at once) {words / batched_s:8.0f} words/s")
    seconds = tagger.meta.get("metrics", {}).get("train_seconds")
    print(f"training time recorded in {args.model}/meta.json: {seconds} s")
    if args.train:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            train(docs, TrainConfig(), Path(tmp) / "model", progress=False)
            print(f"training the default model now: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
