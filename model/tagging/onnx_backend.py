"""The onnx-int8 backend: the tagging network exported to ONNX, attention fused and weights
quantized to int8 (``training.export``), run by ONNX Runtime on the CPU. No torch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from model.errors import ModelLoadError

# ONNX Runtime's load-time fusions that would turn the exported Add + LayerNormalization and
# Add + Gelu back into its SkipLayerNormalization and BiasGelu, whose CPU kernels are slower
# (``training.export.UNFUSED_OPTIONS``). Graphs exported before hold those ops already and run
# as they were.
UNFUSED = ("SkipLayerNormFusion", "BiasGeluFusion")


def session_options(threads: int | None = None) -> Any:
    """The ``onnxruntime.SessionOptions`` the backend runs with."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # Window batches vary in length: a memory pattern planned for the largest one would be
    # kept for good (measured: +90 MB peak on a 20,000-character article, batches of 16).
    options.enable_mem_pattern = False
    return options


class OnnxRunner:
    """An ONNX Runtime session over ``model.int8.onnx`` (inputs as the torch network's)."""

    name = "onnx-int8"
    batch_size = 8  # windows per run: the arena grows with the largest batch (memory)

    def __init__(self, session: object) -> None:
        self.session = session

    @classmethod
    def load(cls, path: Path, *, threads: int | None = None) -> OnnxRunner:
        import onnxruntime as ort

        try:
            session = ort.InferenceSession(str(path), session_options(threads),
                                           providers=["CPUExecutionProvider"],
                                           disabled_optimizers=list(UNFUSED))
        except Exception as exc:  # ONNX Runtime's own types (InvalidProtobuf, Fail, ...)
            raise ModelLoadError(f"{path}: ONNX Runtime cannot load it: {exc}") from exc
        return cls(session)

    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, shape_ids: np.ndarray
    ) -> np.ndarray:
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask, "shape_ids": shape_ids}
        (logits,) = self.session.run(["logits"], feeds)  # type: ignore[attr-defined]
        return np.asarray(logits, dtype=np.float32)
