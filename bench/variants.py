"""Re-score cross-validation fold models under other inference settings, without retraining.

``conflict-ie cv --keep-models DIR`` keeps each fold's model (``DIR/fold-<n>``); this script
scores every fold model on the article it did not train on (and, with ``--dev``, on the
transfer dev set) under each variant: decoders (BIO-constrained Viterbi with joining, without
joining, per-word argmax), window length and stride, and backends (torch, onnx-int8: the fold
model is exported first, ``training.export``). It prints one Markdown table of micro F1 (mean
over folds) and per-label F1, so the choices in the README can be re-measured:

    .venv/bin/python bench/variants.py --folds /tmp/folds --set decoder=argmax,join=false \\
        --set max_length=256 --set backend=onnx-int8 --dev annotations/external/dev
    .venv/bin/python bench/variants.py --folds /tmp/folds --dev annotations/external/dev \\
        --set float_share=0 --set float_share=0.5 --set float_share=1   # int8 quantizations

``float_share=S`` scores a fresh int8 graph of each fold model, its first ``S`` of the layers'
feed-forward output projections in float (``training.export.QUANTIZATIONS``), with no check;
``float_share=S,rowwise=true`` quantizes those per row instead (``training.rowwise``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.labels import LABELS  # noqa: E402
from model.tagging.tagger import ONNX_FILE, Tagger  # noqa: E402
from model.types import Document  # noqa: E402
from training.corpus import load_documents  # noqa: E402
from training.evaluate import Scores, evaluate  # noqa: E402


def variant(spec: str) -> dict[str, str]:
    """``"decoder=argmax,join=false"`` -> ``{"decoder": "argmax", "join": "false"}``."""
    return dict(item.split("=", 1) for item in spec.split(",") if item)


def configured(model: Path, changes: dict[str, str]) -> Tagger:
    """The fold model with ``changes`` to its inference settings and backend."""
    backend = changes.get("backend", "torch")
    if "float_share" in changes:
        tagger = quantized(model, float(changes["float_share"]),
                           rowwise=changes.get("rowwise", "false") == "true")
    else:
        if backend == "onnx-int8" and not (model / ONNX_FILE).is_file():
            from training.export import export_onnx

            export_onnx(model)
        tagger = Tagger.load(model, backend=backend)  # type: ignore[arg-type]
    fields = {f.name: f.type for f in dataclasses.fields(tagger.inference)}
    updates: dict[str, object] = {}
    for key, raw in changes.items():
        if key in ("backend", "float_share", "rowwise"):
            continue
        kind = type(getattr(tagger.inference, key))
        updates[key] = raw.lower() in ("1", "true", "yes") if kind is bool else kind(raw)
        assert key in fields
    tagger.inference = dataclasses.replace(tagger.inference, **updates)
    return tagger


def quantized(model: Path, float_share: float, *, rowwise: bool = False) -> Tagger:
    """The fold model on an int8 graph quantized with ``float_share`` of its layers' feed-forward
    output projections in float, or with ``rowwise`` int8 per row
    (``training.export.QUANTIZATIONS``), exported afresh, unchecked."""
    from training.export import fused_graph, quantized_tagger

    torch_tagger = Tagger.load(model, backend="torch")
    with tempfile.TemporaryDirectory(prefix="conflict-ie-variant-") as tmp:  # loaded, then gone
        fused = fused_graph(torch_tagger.runner.network, Path(tmp))
        return quantized_tagger(torch_tagger, fused, Path(tmp) / ONNX_FILE,
                                float_share=float_share, rowwise=rowwise)


def held_out(model: Path, docs: list[Document]) -> list[Document]:
    trained = set(json.loads((model / "meta.json").read_text())["data"]["documents"])
    return [d for d in docs if d.id not in trained]


def row(name: str, cv: list[Scores], dev: list[Scores]) -> str:
    def mean(values: list[float]) -> str:
        return f"{statistics.fmean(values):.3f}" if values else "-"

    cells = [mean([s.micro.f1 for s in cv])]
    cells += [mean([s.per_label[lb].f1 for s in cv
                    if s.per_label[lb].support or s.per_label[lb].predicted]) for lb in LABELS]
    cells += [mean([s.micro.f1 for s in dev])] if dev else []
    return f"| {name} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=Path, required=True, help="cv --keep-models folder")
    parser.add_argument("--data", type=Path, default=ROOT / "annotations")
    parser.add_argument("--dev", type=Path, help="also score each fold model on these")
    parser.add_argument("--set", dest="variants", action="append", default=[],
                        help="a variant: KEY=VALUE[,KEY=VALUE] of InferenceConfig, or backend=")
    args = parser.parse_args(argv)
    docs = load_documents([args.data])
    dev = load_documents([args.dev]) if args.dev else []
    models = sorted(p for p in args.folds.glob("fold-*") if p.is_dir())
    header = ["variant", "CV micro", *LABELS] + (["dev micro"] if dev else [])
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 1))
    for spec in ["", *args.variants]:
        cv_scores, dev_scores = [], []
        for model in models:
            tagger = configured(model, variant(spec))
            cv_scores.append(evaluate(tagger, held_out(model, docs)))
            if dev:
                dev_scores.append(evaluate(tagger, dev))
        print(row(spec or "as trained", cv_scores, dev_scores), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
