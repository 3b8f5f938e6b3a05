"""ONNX Runtime kernels alone, and a graph's kernel time by operator: what ``training.export``
chose its graph by.

    .venv/bin/python bench/kernels.py                           # the operators alone
    .venv/bin/python bench/kernels.py --profile models/current/model.int8.onnx [OTHER.onnx ...]

Without ``--profile``, on the shapes of the benchmark article's five windows (640 tokens) and
``--threads`` threads, each median of 200 runs:

- ``SkipLayerNormalization`` against ``Add`` + ``LayerNormalization`` ([640, 384]);
- ``BiasGelu`` against ``Add`` + ``Gelu`` ([640, 1536]);
- a feed-forward output projection ([640, 1536] x [1536, 384], GELU input, one row 25 times
  larger as the ``[CLS]`` row is) in float, in int8 with one scale per tensor
  (``DynamicQuantizeMatMul``) and per row (``training.rowwise``), with each one's error against
  float on the other rows.

With ``--profile``, ONNX Runtime's profiler over 30 runs of each graph on the benchmark article's
windows, as ``OnnxRunner`` loads it: milliseconds per run by operator type.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from onnx import TensorProto
from onnx import helper as h
from onnx import numpy_helper as nh

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from model.tagging.onnx_backend import UNFUSED, session_options  # noqa: E402
from training.rowwise import rowwise_int8  # noqa: E402

TOKENS, HIDDEN, INNER = 640, 384, 1536
MS = "com.microsoft"


def graph(nodes: list, inputs: dict[str, list], output: tuple[str, list], consts: dict) -> bytes:
    """A one-output model of ``nodes`` (default and com.microsoft domains, opset 17)."""
    made = h.make_graph(
        nodes, "bench",
        [h.make_tensor_value_info(name, TensorProto.FLOAT, shape)
         for name, shape in inputs.items()],
        [h.make_tensor_value_info(output[0], TensorProto.FLOAT, output[1])],
        [nh.from_array(np.asarray(value), name) for name, value in consts.items()])
    model = h.make_model(made, opset_imports=[h.make_opsetid("", 17), h.make_opsetid(MS, 1)])
    return model.SerializeToString()


def timed(
    model: bytes | str, feeds: dict[str, np.ndarray], threads: int
) -> tuple[float, np.ndarray]:
    """Median milliseconds of 200 runs, and the output."""
    session = ort.InferenceSession(model, session_options(threads),
                                   providers=["CPUExecutionProvider"])
    for _ in range(20):
        session.run(None, feeds)
    times = []
    for _ in range(200):
        started = time.perf_counter()
        out = session.run(None, feeds)[0]
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times), out


def layer_norms(rng: np.random.Generator, threads: int) -> None:
    x, skip = (rng.standard_normal((TOKENS, HIDDEN)).astype(np.float32) for _ in range(2))
    consts = {name: rng.standard_normal(HIDDEN).astype(np.float32)
              for name in ("gamma", "beta", "bias")}
    inputs = {"x": [TOKENS, HIDDEN], "skip": [TOKENS, HIDDEN]}
    out = ("y", [TOKENS, HIDDEN])
    fused = graph([h.make_node("SkipLayerNormalization", ["x", "skip", "gamma", "beta", "bias"],
                               ["y"], domain=MS, epsilon=1e-12)], inputs, out, consts)
    plain = graph([h.make_node("Add", ["x", "bias"], ["xb"]),
                   h.make_node("Add", ["xb", "skip"], ["sum"]),
                   h.make_node("LayerNormalization", ["sum", "gamma", "beta"], ["y"], axis=-1,
                               epsilon=1e-12)], inputs, out, consts)
    feeds = {"x": x, "skip": skip}
    (a, ya), (b, yb) = timed(fused, feeds, threads), timed(plain, feeds, threads)
    print(f"| SkipLayerNormalization | {a:.3f} | Add + LayerNormalization | {b:.3f} | "
          f"{np.abs(ya - yb).max():.1e} |")


def gelus(rng: np.random.Generator, threads: int) -> None:
    x = (3 * rng.standard_normal((TOKENS, INNER))).astype(np.float32)
    consts = {"bias": rng.standard_normal(INNER).astype(np.float32)}
    inputs, out = {"x": [TOKENS, INNER]}, ("y", [TOKENS, INNER])
    fused = graph([h.make_node("BiasGelu", ["x", "bias"], ["y"], domain=MS)], inputs, out, consts)
    plain = graph([h.make_node("Add", ["x", "bias"], ["xb"]),
                   h.make_node("Gelu", ["xb"], ["y"], domain=MS)], inputs, out, consts)
    (a, ya), (b, yb) = timed(fused, {"x": x}, threads), timed(plain, {"x": x}, threads)
    print(f"| BiasGelu | {a:.3f} | Add + Gelu | {b:.3f} | {np.abs(ya - yb).max():.1e} |")


def projections(rng: np.random.Generator, threads: int) -> None:
    weight = rng.normal(0, 0.03, (INNER, HIDDEN)).astype(np.float32)
    scale = (np.abs(weight).max(axis=0) / 127).astype(np.float32)
    consts = {"w": weight, "w_int8": np.round(weight / scale).astype(np.int8), "w_scale": scale,
              "w_zero": np.zeros(HIDDEN, np.int8)}
    x = (1.5 * rng.standard_normal((TOKENS, INNER))).astype(np.float32)
    x[0] *= 25  # the [CLS] row
    inputs, out = {"x": [TOKENS, INNER]}, ("y", [TOKENS, HIDDEN])
    gelu = h.make_node("Gelu", ["x"], ["g"], domain=MS)
    float_graph = graph([gelu, h.make_node("MatMul", ["g", "w"], ["y"], name="ffn_out")],
                        inputs, out, consts)
    per_tensor = graph([gelu, h.make_node("DynamicQuantizeMatMul",
                                          ["g", "w_int8", "w_scale", "w_zero"], ["y"],
                                          domain=MS)], inputs, out, consts)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "float.onnx").write_bytes(float_graph)
        rowwise_int8(Path(tmp) / "float.onnx", Path(tmp) / "rows.onnx", {"ffn_out"})
        per_row = str(Path(tmp) / "rows.onnx")
        results = {name: timed(model, {"x": x}, threads) for name, model in
                   (("float", float_graph), ("int8, one scale per tensor", per_tensor),
                    ("int8, one scale per row", per_row))}
    exact = results["float"][1]
    print("\n| projection | ms | mean error on the other rows |\n|---|---:|---:|")
    for name, (ms, y) in results.items():
        print(f"| {name} | {ms:.3f} | {np.abs(y - exact)[1:].mean():.4f} |")


def profile(paths: list[Path], threads: int) -> None:
    from load import article_of

    from model.tagging.tagger import Tagger, pad_windows

    tagger = Tagger.load(ROOT / "models" / "current")  # its tokenizer and windows
    windows = tagger.encode(article_of(400)).windows
    ids, mask, shapes = pad_windows([w.input_ids for w in windows],
                                    [w.shape_ids for w in windows], pad_id=0)
    feeds = {"input_ids": ids, "attention_mask": mask, "shape_ids": shapes}
    for path in paths:
        options = session_options(threads)
        options.enable_profiling = True
        options.profile_file_prefix = str(Path(tempfile.gettempdir()) / "conflict-ie-profile")
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"],
                                       disabled_optimizers=list(UNFUSED))
        for _ in range(30):
            session.run(["logits"], feeds)
        trace = Path(session.end_profiling())
        events = json.loads(trace.read_text())
        trace.unlink()
        runs = sum(e.get("name") == "model_run" for e in events)
        by_op: collections.Counter[str] = collections.Counter()
        for e in events:
            if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
                by_op[e["args"]["op_name"]] += e["dur"]
        total = sum(by_op.values()) / runs / 1000
        print(f"\n{path}: {len(windows)} windows, {total:.1f} ms of kernels a run")
        print("| operator | ms a run |\n|---|---:|")
        for op, micros in by_op.most_common(8):
            print(f"| {op} | {micros / runs / 1000:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--profile", type=Path, nargs="+", help="ONNX graphs to profile")
    args = parser.parse_args()
    if args.profile:
        missing = [str(path) for path in args.profile if not path.is_file()]
        if missing:
            parser.error(f"no such ONNX graph: {', '.join(missing)}")
        if not (ROOT / "models" / "current" / "tagger.json").is_file():
            parser.error("--profile encodes the article with models/current: train one first")
        profile(args.profile, args.threads)
        return 0
    rng = np.random.default_rng(0)
    print("| fused | ms | unfused | ms | largest difference |\n|---|---:|---|---:|---:|")
    layer_norms(rng, args.threads)
    gelus(rng, args.threads)
    projections(rng, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
