"""``Tagger``: the one class that runs torch at inference.

A model directory is self-contained; loading needs neither the network nor the base-model
package::

    config.json          the encoder's BertConfig
    model.safetensors    encoder + shape embedding + head weights
    tokenizer.json ...   the fast tokenizer
    tagger.json          label map (id2label), head config, word shapes, inference config
    meta.json            how it was trained: base model, data hash, config, metrics, date

>>> tagger = Tagger.load("models/current")  # doctest: +SKIP
>>> spans = tagger.predict("Rebels shelled Aleppo on Sunday.")  # doctest: +SKIP
>>> [(s.text, s.label) for s in spans]  # doctest: +SKIP
[('Rebels', 'ACTOR'), ('Aleppo', 'LOCATION'), ('Sunday', 'DATE')]
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from transformers import AutoTokenizer, BertConfig

from model.decode import word_offsets
from model.errors import ModelLoadError
from model.labels import ID2TAG
from model.tagging import META_FILE, TAGGER_FILE
from model.tagging.encoding import (
    SHAPES,
    Encoded,
    InferenceConfig,
    encode_text,
    merge_window_probs,
)
from model.tagging.network import WEIGHTS_FILE, HeadConfig, TaggerNetwork
from model.tagging.viterbi import decode_spans
from model.types import Span

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


class Tagger:
    """Marks ACTOR, LOCATION, DATE and CASUALTY spans in raw text."""

    def __init__(
        self,
        network: TaggerNetwork,
        tokenizer: Any,
        inference: InferenceConfig,
        *,
        meta: dict[str, Any] | None = None,
        version: str = "unsaved",
        device: str = "cpu",
        batch_size: int = 16,
    ) -> None:
        if not getattr(tokenizer, "is_fast", False):
            raise ModelLoadError("the tagger needs a fast tokenizer (for character offsets)")
        self.device = torch.device(device)
        self.network = network.to(self.device).eval()
        self.tokenizer = tokenizer
        self.inference = inference
        self.meta: dict[str, Any] = dict(meta or {})
        self.version = version
        self.batch_size = batch_size

    @classmethod
    def load(cls, path: str | Path, *, device: str = "cpu") -> Tagger:
        """Load a model directory, checking its label map against ``model.labels``.

        Raises:
            ModelLoadError: the directory is missing or incomplete, or its labels differ.
        """
        directory = Path(path)
        if not (directory / TAGGER_FILE).is_file():
            raise ModelLoadError(f"{directory}: not a model directory (no {TAGGER_FILE})")
        try:
            spec = json.loads((directory / TAGGER_FILE).read_text(encoding="utf-8"))
            _check_labels(directory, spec.get("id2label", {}))
            _check_shapes(directory, spec.get("shapes", []))
            head = HeadConfig(**spec["head"])
            inference = InferenceConfig(**spec["inference"])
            network = TaggerNetwork.from_config(BertConfig.from_pretrained(str(directory)), head)
            network.load_state_dict(load_file(str(directory / WEIGHTS_FILE)))
            tokenizer = AutoTokenizer.from_pretrained(str(directory))
            meta_path = directory / META_FILE
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        except ModelLoadError:
            raise
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise ModelLoadError(f"{directory}: cannot load model: {exc}") from exc
        version = directory.resolve().name
        tagger = cls(
            network,
            tokenizer,
            inference,
            meta=meta,
            version=version,
            device=device,
        )
        log.info("loaded tagger %s from %s on %s", version, directory, device)
        return tagger

    def save(self, path: str | Path) -> Path:
        """Write a self-contained model directory (``meta.json`` from ``self.meta``)."""
        directory = Path(path)
        directory.mkdir(parents=True, exist_ok=True)
        self.network.encoder.config.save_pretrained(str(directory))
        state = {k: v.detach().cpu().contiguous() for k, v in self.network.state_dict().items()}
        save_file(state, str(directory / WEIGHTS_FILE))
        self.tokenizer.save_pretrained(str(directory))
        spec = {
            "format_version": FORMAT_VERSION,
            "id2label": {str(i): tag for i, tag in ID2TAG.items()},
            "shapes": list(SHAPES),
            "head": self.network.head_config.to_json(),
            "inference": asdict(self.inference),
        }
        _write_json(directory / TAGGER_FILE, spec)
        _write_json(directory / META_FILE, self.meta)
        return directory

    def predict(self, text: str) -> list[Span]:
        """Spans found in ``text``, sorted by offset (each with its ``text`` filled)."""
        return self.predict_many([text])[0]

    def predict_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """Spans for each text; windows of all texts are batched together."""
        encoded = [self.encode(text) for text in texts]
        scores = self.window_scores(encoded)
        results = []
        for text, enc, text_scores in zip(texts, encoded, scores, strict=True):
            probs = merge_window_probs(enc, text_scores)
            results.append(decode_spans(probs, enc.words, text, self.inference))
        return results

    def encode(self, text: str) -> Encoded:
        return encode_text(
            self.tokenizer,
            text,
            word_offsets(text),
            max_length=self.inference.max_length,
            stride=self.inference.stride,
        )

    @torch.inference_mode()
    def window_scores(self, encoded: Sequence[Encoded]) -> list[list[np.ndarray]]:
        """Logits ``[position, tag]`` of every window of every encoded text."""
        flat = [(t, w) for t, enc in enumerate(encoded) for w in range(len(enc.windows))]
        flat.sort(key=lambda tw: len(encoded[tw[0]].windows[tw[1]].input_ids))
        out: list[list[np.ndarray]] = [[np.empty(0)] * len(enc.windows) for enc in encoded]
        for lo in range(0, len(flat), self.batch_size):
            chunk = flat[lo : lo + self.batch_size]
            windows = [encoded[t].windows[w] for t, w in chunk]
            batch = pad_batch(
                [w.input_ids for w in windows],
                [w.shape_ids for w in windows],
                pad_id=self.tokenizer.pad_token_id,
            )
            batch = {k: v.to(self.device) for k, v in batch.items()}
            logits = self.network(**batch).float().cpu().numpy()
            for (t, w), window, row in zip(chunk, windows, logits, strict=True):
                out[t][w] = row[: len(window.input_ids)]
        return out


def pad_batch(
    input_ids: Sequence[Sequence[int]], shape_ids: Sequence[Sequence[int]], *, pad_id: int
) -> dict[str, torch.Tensor]:
    """Right-pad windows into ``input_ids``, ``attention_mask`` and ``shape_ids`` tensors."""
    width = max(len(ids) for ids in input_ids)
    ids = torch.full((len(input_ids), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(input_ids), width), dtype=torch.long)
    shapes = torch.zeros((len(input_ids), width), dtype=torch.long)
    for row, (tokens, shape) in enumerate(zip(input_ids, shape_ids, strict=True)):
        ids[row, : len(tokens)] = torch.tensor(tokens, dtype=torch.long)
        mask[row, : len(tokens)] = 1
        shapes[row, : len(shape)] = torch.tensor(shape, dtype=torch.long)
    return {"input_ids": ids, "attention_mask": mask, "shape_ids": shapes}


def _check_labels(directory: Path, id2label: dict[str, str]) -> None:
    saved = [id2label[k] for k in sorted(id2label, key=int)] if id2label else []
    expected = list(ID2TAG.values())
    if saved != expected:
        raise ModelLoadError(
            f"{directory}: label map {saved} does not match the project's labels {expected}"
        )


def _check_shapes(directory: Path, shapes: list[str]) -> None:
    if shapes != list(SHAPES):
        raise ModelLoadError(
            f"{directory}: word shapes {shapes} do not match the project's {list(SHAPES)}"
        )


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
