"""How closely each model's int8 graph follows torch: span F1 of its spans against torch's.

    .venv/bin/python bench/fidelity.py models/current [/path/to/another/export ...]

Texts: the transfer training documents (``annotations/external/*.jsonl``, 230 documents), no
gold involved: the reference is the first model's torch backend, so two exports of one trained
model can be compared (how many of torch's spans each one finds or misses).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.tagging.tagger import ONNX_FILE, Tagger  # noqa: E402
from training.corpus import load_documents  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=Path, nargs="+", help="model directories with an int8 graph")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    for model in args.models:
        if not (model / ONNX_FILE).is_file():
            parser.error(f"{model}: no {ONNX_FILE} (not a model directory with an int8 export)")
    docs = load_documents(sorted((ROOT / "annotations" / "external").glob("*.jsonl")))
    texts = [doc.text for doc in docs]
    torch_tagger = Tagger.load(args.models[0], backend="torch", threads=args.threads)
    reference = [{s.key for s in spans} for spans in torch_tagger.predict_many(texts)]
    total = sum(map(len, reference))
    print(f"{len(texts)} documents, {total} spans on torch ({args.models[0]})")
    print("| model | span F1 against torch | spans that differ |\n|---|---:|---:|")
    for model in args.models:
        tagger = Tagger.load(model, backend="onnx-int8", threads=args.threads)
        found = [{s.key for s in spans} for spans in tagger.predict_many(texts)]
        same = sum(len(a & b) for a, b in zip(reference, found, strict=True))
        either = total + sum(map(len, found))
        print(f"| {model} | {2 * same / either:.4f} | {either - 2 * same} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
