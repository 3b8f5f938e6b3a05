"""Export a trained model to the onnx-int8 backend, and check it against torch.

Three steps, each the documented ONNX Runtime path for BERT-like encoders: export the whole
tagging network (encoder + word-shape embedding + head) to ONNX with eager attention, so that
ONNX Runtime's transformer optimizer recognises and fuses it (``Attention``,
``EmbedLayerNormalization``, ``Gelu``; not ``SkipLayerNormalization`` and ``BiasGelu``, whose
CPU kernels are slower than the plain operators, see ``UNFUSED_OPTIONS``); quantize the weights
to int8 per channel (dynamic quantization: activations are quantized at run time); then score
both backends on gold documents. The model directory's ``tagger.json`` records the check, and
``backend="auto"`` serves the int8 graph only if it passed: its micro F1 at most
``TOLERANCE`` below torch's on every set checked.

Quantization is tried in ``QUANTIZATIONS`` order and the first graph that passes is kept:
every matrix product in int8 with one activation scale per tensor; then the feed-forward output
projections (``layer.N/output/dense``, whose inputs, the GELU activations, have the widest
range, set by the ``[CLS]`` row) of the first half of the layers quantized per row instead
(``training.rowwise``); then those kept in float; then those of every layer in float. A float
projection costs two to three times its per-tensor int8 form, a per-row one 1.3 to 1.5 times
(``bench/kernels.py``). On the default model's five cross-validation fold models, all four
lose at most 0.003 micro F1 against torch on average (held-out articles and the dev set), but
a single model moves by up to 0.01 on the 20 dev documents either way, which is what the check
is for.
"""

from __future__ import annotations

import json
import logging
import math
import re
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import torch

from model.tagging import TAGGER_FILE
from model.tagging.onnx_backend import OnnxRunner
from model.tagging.tagger import ONNX_FILE, Tagger
from model.tagging.torch_backend import TorchRunner, write_json
from model.types import Document
from training.evaluate import evaluate
from training.rowwise import NotRowwise, rowwise_int8

log = logging.getLogger(__name__)

# Fusions left out of the exported graph (``bench/kernels.py``): ONNX Runtime's CPU kernel for
# SkipLayerNormalization is about four times slower than Add + LayerNormalization (0.69-0.71
# against 0.16-0.19 ms on [640, 384], two threads), and without BiasGelu the bias add goes into
# the int8 product before it (DynamicQuantizeMatMul takes a bias), leaving a plain Gelu (the six
# took 2.4 ms a run of the benchmark article against 5.2 ms for the six BiasGelu). ``OnnxRunner``
# keeps ONNX Runtime from fusing them again at load time.
UNFUSED_OPTIONS = ("enable_skip_layer_norm", "enable_bias_skip_layer_norm", "enable_bias_gelu")
TOLERANCE = 0.005  # largest micro-F1 loss of onnx-int8 against torch that still passes
INPUTS = ("input_ids", "attention_mask", "shape_ids")
FFN_OUTPUT = re.compile(r"/layer\.(\d+)/output/dense/MatMul$")  # feed-forward output projection
# Tried in order: a description, the share of the layers, from the first, whose feed-forward
# output projection is not quantized per tensor, and whether those are quantized per row
# (``training.rowwise``) rather than kept in float.
QUANTIZATIONS: tuple[tuple[str, float, bool], ...] = (
    ("dynamic int8, per channel; fused attention", 0.0, False),
    ("dynamic int8, per channel, feed-forward output projections of the first half of the "
     "layers int8 per row; fused attention", 0.5, True),
    ("dynamic int8, per channel, feed-forward output projections of the first half of the "
     "layers in float; fused attention", 0.5, False),
    ("dynamic int8, per channel, feed-forward output projections in float; fused attention",
     1.0, False),
)


def export_onnx(
    model_dir: str | Path, *, check: Mapping[str, Sequence[Document]] | None = None
) -> dict[str, Any]:
    """Write ``model.int8.onnx`` into ``model_dir``, check it, and record it in tagger.json.

    Args:
        model_dir: a trained model directory (torch weights).
        check: named sets of gold documents both backends are scored on.

    Returns:
        The ``backends["onnx-int8"]`` record: file, seconds, and per set the micro F1 of both
        backends, and ``passed``.
    """
    directory = Path(model_dir)
    started = time.perf_counter()
    spec = json.loads((directory / TAGGER_FILE).read_text(encoding="utf-8"))
    torch_tagger = Tagger.load(directory, backend="torch")
    assert isinstance(torch_tagger.runner, TorchRunner)
    sets = {name: docs for name, docs in (check or {}).items() if docs}
    with tempfile.TemporaryDirectory(prefix="conflict-ie-onnx-") as tmp:
        fused = fused_graph(torch_tagger.runner.network, Path(tmp))
        torch_f1 = {name: _micro_f1(torch_tagger, docs) for name, docs in sets.items()}
        for description, float_share, rowwise in QUANTIZATIONS:
            try:
                onnx_tagger = quantized_tagger(torch_tagger, fused, directory / ONNX_FILE,
                                               float_share=float_share, rowwise=rowwise)
            except NotRowwise as exc:  # another activation than GELU: on to the float graphs
                log.info("onnx-int8 (%s): skipped, %s", description, exc)
                continue
            results = {name: {"documents": len(docs), "torch": torch_f1[name],
                              "onnx_int8": _micro_f1(onnx_tagger, docs)}
                       for name, docs in sets.items()}
            passed = all(r["onnx_int8"] >= r["torch"] - TOLERANCE for r in results.values())
            log.info("onnx-int8 (%s): %s, %s", description, results,
                     "passed" if passed else "failed")
            written = description  # the graph now in ONNX_FILE (a skipped one leaves it as is)
            if passed:
                break
    record = {
        "file": ONNX_FILE,
        "quantization": written,
        "tolerance": TOLERANCE,
        "check": results,
        "passed": passed,
        "export_seconds": round(time.perf_counter() - started, 1),
    }
    spec.setdefault("backends", {})["onnx-int8"] = record
    write_json(directory / TAGGER_FILE, spec)
    log.info("onnx-int8 export: %s", record)
    return record


def fused_graph(network: torch.nn.Module, folder: Path) -> Path:
    """The network exported to ONNX in ``folder`` and fused by ONNX Runtime's optimizer."""
    _export(network, folder / "fp32.onnx")
    return _optimize(folder / "fp32.onnx", network.encoder.config)


def quantized_tagger(
    torch_tagger: Tagger, fused: Path, out: Path, *, float_share: float, rowwise: bool = False
) -> Tagger:
    """``torch_tagger`` on the int8 graph of ``fused`` written to ``out``, the feed-forward
    output projections of the first ``float_share`` of the layers left in float, or with
    ``rowwise`` quantized per row.

    Raises:
        ValueError: ``float_share`` is not within 0 and 1.
        NotRowwise: ``rowwise``, and the projections are not GELU outputs times constant
            weights (``out`` is left as it was).
    """
    if not 0.0 <= float_share <= 1.0:
        raise ValueError(f"float_share {float_share} must be within 0 and 1")
    layers = torch_tagger.runner.network.encoder.config.num_hidden_layers  # type: ignore[attr-defined]
    _quantize(fused, out, float_layers=math.ceil(float_share * layers), rowwise=rowwise)
    return Tagger(OnnxRunner.load(out), torch_tagger.tokenizer, torch_tagger.inference,
                  meta=torch_tagger.meta, version=torch_tagger.version)


def _export(network: torch.nn.Module, path: Path) -> None:
    network.encoder.set_attn_implementation("eager")  # the pattern ORT's optimizer fuses
    network.eval()
    example = tuple(torch.ones(2, 16, dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "logits")}
    torch.onnx.export(network, example, str(path), input_names=list(INPUTS),
                      output_names=["logits"], dynamic_axes=axes, opset_version=17,
                      dynamo=False)


def _optimize(path: Path, config: Any) -> Path:
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    options = FusionOptions("bert")
    for fusion in UNFUSED_OPTIONS:
        setattr(options, fusion, False)
    with _quiet(logging.INFO):  # a line per fusion
        model = optimizer.optimize_model(str(path), model_type="bert",
                                         num_heads=config.num_attention_heads,
                                         hidden_size=config.hidden_size,
                                         optimization_options=options)
        fused = model.get_fused_operator_statistics()
        out = path.with_name("fused.onnx")
        model.save_model_to_file(str(out))
    if not fused.get("Attention"):
        log.warning("ONNX Runtime fused no attention: %s", fused)
    return out


def _quantize(path: Path, out: Path, *, float_layers: int = 0, rowwise: bool = False) -> None:
    """Quantize ``path`` into ``out``, the feed-forward output projections of the first
    ``float_layers`` layers left in float (``rowwise``: then quantized per row)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(path), load_external_data=False).graph
    exclude = [n.name for n in graph.node
               if (m := FFN_OUTPUT.search(n.name)) and int(m.group(1)) < float_layers]
    rowwise = rowwise and bool(exclude)
    # With ``rowwise`` the float-projection graph goes to a side file first, so that ``out`` is
    # left as it was when the graph has no per-row form.
    target = out.with_name(f"{out.stem}.float.onnx") if rowwise else out
    try:
        # A line per tensor, and a warning about pre-processing meant for static quantization.
        with _quiet(logging.WARNING):
            quantize_dynamic(str(path), str(target), weight_type=QuantType.QInt8,
                             per_channel=True, nodes_to_exclude=exclude,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        if rowwise:
            rowwise_int8(target, out, exclude)
    finally:
        if rowwise:
            target.unlink(missing_ok=True)


@contextmanager
def _quiet(level: int) -> Iterator[None]:
    """Drop log records up to ``level`` (ONNX Runtime's tools log to the root logger), unless
    debug logging is on."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        yield
        return
    logging.disable(level)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def _micro_f1(tagger: Tagger, docs: Sequence[Document]) -> float:
    return round(evaluate(tagger, docs).micro.f1, 4)
