"""The torch backend: ``TorchRunner`` (inference) and ``save_model`` (what training writes).

Training builds the network (``model.tagging.network``), wraps it in a ``TorchRunner`` to score
dev documents as it goes, and saves the model directory with ``save_model``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from transformers import BertConfig

from model.labels import ID2TAG
from model.tagging import META_FILE, TAGGER_FILE
from model.tagging.encoding import SHAPES, InferenceConfig
from model.tagging.network import WEIGHTS_FILE, HeadConfig, TaggerNetwork

FORMAT_VERSION = 2


class TorchRunner:
    """Runs a ``TaggerNetwork`` in inference mode on ``device``."""

    name = "torch"
    batch_size = 16

    def __init__(self, network: TaggerNetwork, *, device: str = "cpu") -> None:
        self.device = torch.device(device)
        self.network = network.to(self.device).eval()

    @classmethod
    def load(cls, directory: Path, spec: dict[str, Any], *, device: str = "cpu",
             threads: int | None = None) -> TorchRunner:
        if threads:
            torch.set_num_threads(threads)
        network = TaggerNetwork.from_config(
            BertConfig.from_pretrained(str(directory)), HeadConfig(**spec["head"])
        )
        network.load_state_dict(load_file(str(directory / WEIGHTS_FILE)))
        return cls(network, device=device)

    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, shape_ids: np.ndarray
    ) -> np.ndarray:
        was_training = self.network.training
        self.network.eval()
        try:
            with torch.inference_mode():
                batch = {
                    "input_ids": torch.from_numpy(input_ids).to(self.device),
                    "attention_mask": torch.from_numpy(attention_mask).to(self.device),
                    "shape_ids": torch.from_numpy(shape_ids).to(self.device),
                }
                return self.network(**batch).float().cpu().numpy()
        finally:
            self.network.train(was_training)


def save_model(
    directory: str | Path,
    network: TaggerNetwork,
    tokenizer: Any,
    inference: InferenceConfig,
    meta: dict[str, Any],
) -> Path:
    """Write a self-contained model directory for ``network`` (weights, tokenizer, specs)."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    network.encoder.config.save_pretrained(str(out))
    state = {k: v.detach().cpu().contiguous() for k, v in network.state_dict().items()}
    save_file(state, str(out / WEIGHTS_FILE))
    tokenizer.save_pretrained(str(out))
    spec = {
        "format_version": FORMAT_VERSION,
        "id2label": {str(i): tag for i, tag in ID2TAG.items()},
        "shapes": list(SHAPES),
        "head": network.head_config.to_json(),
        "inference": asdict(inference),
        "backends": {"torch": {"file": WEIGHTS_FILE}},
    }
    write_json(out / TAGGER_FILE, spec)
    write_json(out / META_FILE, meta)
    return out


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as indented JSON, atomically (a reader sees the old file or the new)."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)
