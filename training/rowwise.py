"""Per-row int8 matrix products for the feed-forward output projections of an ONNX graph.

ONNX Runtime's dynamic quantization gives a whole activation tensor one int8 scale, so one
large row (the ``[CLS]`` token's, in the first layers' feed-forward projections) makes every
other row's steps coarse; that is why ``training.export`` keeps some of those projections in
float. Here each row (token) gets its own scale instead, with standard operators that ONNX
Runtime runs in int8:

- the projection's input is a GELU output, so it is at least ``-GELU_MIN``; each row is read as
  uint8 with scale ``s = (max(row) + GELU_MIN) / 255`` and zero point ``z = round(GELU_MIN / s)``
  (``QuantizeLinear`` along the rows);
- the weights are int8 per column (symmetric), as ``quantize_dynamic`` makes them;
- ``MatMulIntegerToFloat`` multiplies with zero point 0, then the zero point is taken out with
  the weights' column sums: ``y = s * (q @ w - z * colsum(w))``.

On a [640, 1536] x [1536, 384] product with one row 25 times larger than the rest, two threads
(``bench/kernels.py``), this took 2.2 to 3.1 ms against 4.6 to 4.7 ms in float and 1.8 to 2.1 ms
with one scale per tensor, and its mean error against float on the other rows was 0.0095
against 0.119.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from onnx import NodeProto, TensorProto

GELU_MIN = 0.17  # GELU(x) = x * Phi(x) >= -0.16998 for every x


class NotRowwise(ValueError):
    """A projection this rewrite does not apply to (its input is not a GELU output, or its
    weights are not constant): the graph has no per-row form."""


def rowwise_int8(src: Path, out: Path, names: Collection[str]) -> int:
    """Rewrite the float ``MatMul`` nodes called ``names`` of ``src`` (weights an initializer,
    input a ``Gelu`` output) as per-row int8 products; write the graph to ``out``.

    Returns:
        How many nodes were rewritten.

    Raises:
        NotRowwise: a named node is missing, or not a ``MatMul`` of a ``Gelu`` output by
            constant weights (nothing is written then).
    """
    import onnx

    model = onnx.load(str(src))
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    producer = {name: node for node in graph.node for name in node.output}
    nodes, added, rewritten = [], [], 0
    for node in graph.node:
        if node.name not in names:
            nodes.append(node)
            continue
        source = producer.get(node.input[0])
        if node.op_type != "MatMul" or node.input[1] not in weights or source is None \
                or source.op_type != "Gelu":
            raise NotRowwise(f"{node.name}: not a MatMul of a Gelu output by constant weights")
        new_nodes, initializers = _rowwise_nodes(node, onnx.numpy_helper.to_array(
            weights[node.input[1]]))
        nodes += new_nodes
        added += initializers
        rewritten += 1
    missing = set(names) - {node.name for node in graph.node}
    if missing:
        raise NotRowwise(f"no node called {', '.join(sorted(missing))}")
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in graph.node for name in node.input}
    kept = [init for init in graph.initializer if init.name in used] + added
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.save(model, str(out))
    return rewritten


def _rowwise_nodes(node: NodeProto, weight: np.ndarray
                   ) -> tuple[list[NodeProto], list[TensorProto]]:
    """The nodes and constants that replace one float ``MatMul`` ``node``."""
    from onnx import TensorProto
    from onnx import helper as h
    from onnx import numpy_helper as nh

    w = weight.astype(np.float32)
    k, n = w.shape
    w_scale = np.maximum(np.abs(w).max(axis=0) / 127.0, 1e-12).astype(np.float32)
    w_int8 = np.clip(np.round(w / w_scale), -127, 127).astype(np.int8)
    col_sum = (w_scale * w_int8.astype(np.float32).sum(axis=0)).astype(np.float32)
    p = f"{node.name}_rowwise"
    consts = {
        "w": w_int8, "w_scale": w_scale, "col_sum": col_sum,
        "rows": np.array([-1, k], np.int64), "n": np.array([n], np.int64),
        "axis": np.array([1], np.int64), "shift": np.float32(GELU_MIN),
        "inv255": np.float32(1 / 255), "tiny": np.float32(1e-8), "one": np.float32(1.0),
        "zero": np.uint8(0),
    }
    initializers = [nh.from_array(np.asarray(v), f"{p}_{key}") for key, v in consts.items()]

    def c(key: str) -> str:
        return f"{p}_{key}"

    x, y = node.input[0], node.output[0]
    nodes = [
        h.make_node("Reshape", [x, c("rows")], [c("x")]),
        h.make_node("ReduceMax", [c("x")], [c("max")], axes=[1], keepdims=1),
        h.make_node("Add", [c("max"), c("shift")], [c("range")]),
        h.make_node("Mul", [c("range"), c("inv255")], [c("scale0")]),
        h.make_node("Max", [c("scale0"), c("tiny")], [c("scale")]),  # [rows, 1]
        h.make_node("Div", [c("shift"), c("scale")], [c("zp0")]),
        h.make_node("Round", [c("zp0")], [c("zp")]),  # [rows, 1], float
        h.make_node("Squeeze", [c("scale"), c("axis")], [c("scale_1d")]),
        h.make_node("Cast", [c("zp")], [c("zp_u8")], to=TensorProto.UINT8),
        h.make_node("Squeeze", [c("zp_u8"), c("axis")], [c("zp_1d")]),
        h.make_node("QuantizeLinear", [c("x"), c("scale_1d"), c("zp_1d")], [c("q")], axis=0),
        h.make_node("MatMulIntegerToFloat", [c("q"), c("w"), c("one"), c("w_scale"), c("zero")],
                    [c("qw")], domain="com.microsoft"),
        h.make_node("Mul", [c("zp"), c("col_sum")], [c("offset")]),
        h.make_node("Sub", [c("qw"), c("offset")], [c("centred")]),
        h.make_node("Mul", [c("centred"), c("scale")], [c("y")]),
        h.make_node("Shape", [x], [c("lead")], end=-1),
        h.make_node("Concat", [c("lead"), c("n")], [c("shape")], axis=0),
        h.make_node("Reshape", [c("y"), c("shape")], [y]),
    ]
    for i, new in enumerate(nodes):
        new.name = f"{p}/{i}_{new.op_type}"
    return nodes, initializers
