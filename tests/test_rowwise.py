"""Per-row int8 products (training.rowwise) against float and per-tensor int8."""

from __future__ import annotations

import platform
import re
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from onnx import TensorProto  # noqa: E402
from onnx import helper as h  # noqa: E402
from onnx import numpy_helper as nh  # noqa: E402

from training.rowwise import NotRowwise, rowwise_int8  # noqa: E402


def _saturating_int8_kernel() -> bool:
    """Whether onnxruntime's uint8 x int8 products run on an x86 CPU without VNNI, where they
    are summed in pairs into 16 bits (``vpmaddubsw``) and saturate: the outputs are then not
    exact to the quantization's own bound (seen on an AMD EPYC without AVX-512, 2026-12-07:
    errors up to 5.4 times the bound on 2 of 288 outputs)."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return False
    return re.search(r"\b(?:avx512_vnni|avx_vnni|amx_int8)\b", flags) is None

K, N = 64, 16


def gelu_matmul(path: Path, weight: np.ndarray, *, source: str = "Gelu") -> None:
    """x [batch, tokens, K] -> Gelu (or ``source``) -> MatMul by ``weight`` -> y."""
    graph = h.make_graph(
        [h.make_node(source, ["x"], ["g"], domain="com.microsoft" if source == "Gelu" else ""),
         h.make_node("MatMul", ["g", "w"], ["y"], name="ffn_out")],
        "g",
        [h.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", K])],
        [h.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "tokens", N])],
        [nh.from_array(weight, "w")],
    )
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17),
                                               h.make_opsetid("com.microsoft", 1)])
    onnx.save(model, str(path))


def run(path: Path, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(["y"], {"x": x})[0]


def run_gelu(tmp_path: Path, x: np.ndarray) -> np.ndarray:
    graph = h.make_graph(
        [h.make_node("Gelu", ["x"], ["y"], domain="com.microsoft")], "g",
        [h.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", K])],
        [h.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "tokens", K])])
    path = tmp_path / "gelu.onnx"
    onnx.save(h.make_model(graph, opset_imports=[h.make_opsetid("", 17),
                                                 h.make_opsetid("com.microsoft", 1)]), str(path))
    return run(path, x)


@pytest.fixture
def weight() -> np.ndarray:
    return np.random.default_rng(0).normal(0, 0.1, (K, N)).astype(np.float32)


@pytest.mark.skipif(_saturating_int8_kernel(), reason="int8 products saturate without VNNI")
def test_each_row_keeps_its_own_precision_next_to_an_outlier_row(
    tmp_path: Path, weight: np.ndarray
) -> None:
    gelu_matmul(tmp_path / "float.onnx", weight)
    assert rowwise_int8(tmp_path / "float.onnx", tmp_path / "rows.onnx", {"ffn_out"}) == 1
    ops = {n.op_type for n in onnx.load(str(tmp_path / "rows.onnx")).graph.node}
    assert "MatMulIntegerToFloat" in ops and "MatMul" not in ops
    x = np.random.default_rng(1).normal(0, 1, (2, 9, K)).astype(np.float32)
    x[:, 0] *= 25  # the [CLS]-like row
    exact, rows = run(tmp_path / "float.onnx", x), run(tmp_path / "rows.onnx", x)
    assert rows.shape == exact.shape
    # One uint8 step of a row is (max + 0.17) / 255; the error of each output stays within a
    # half step times the weights' column mass, plus the weights' own rounding.
    g = run_gelu(tmp_path, x)
    step = (g.max(axis=-1, keepdims=True) + 0.17) / 255
    w_step = np.abs(weight).max(axis=0) / 127
    bound = (step / 2 * (np.abs(weight) + w_step / 2).sum(axis=0)
             + np.abs(g).sum(axis=-1, keepdims=True) * w_step / 2)
    assert (np.abs(rows - exact) <= bound + 1e-5).all()
    # The ordinary rows are far closer than one scale for the whole tensor would leave them.
    per_tensor = (g.max() + 0.17) / 255 / 2 * np.abs(weight).sum(axis=0)
    assert np.abs(rows - exact)[:, 1:].max() < per_tensor.max() / 4


def test_only_a_product_of_a_gelu_output_is_rewritten(tmp_path: Path,
                                                      weight: np.ndarray) -> None:
    gelu_matmul(tmp_path / "relu.onnx", weight, source="Relu")  # no lower bound assumed
    with pytest.raises(NotRowwise, match="ffn_out"):
        rowwise_int8(tmp_path / "relu.onnx", tmp_path / "rows.onnx", {"ffn_out"})
    assert not (tmp_path / "rows.onnx").exists()


def test_a_name_not_in_the_graph_is_refused(tmp_path: Path, weight: np.ndarray) -> None:
    gelu_matmul(tmp_path / "float.onnx", weight)
    with pytest.raises(NotRowwise, match="no node called ffn_in"):
        rowwise_int8(tmp_path / "float.onnx", tmp_path / "rows.onnx", {"ffn_out", "ffn_in"})
    assert not (tmp_path / "rows.onnx").exists()
