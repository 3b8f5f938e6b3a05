"""The general stage: the transfer corpora -> a base checkpoint the domain stage starts from.

General news NER (GUM, wikigold; ``annotations/external/``) teaches the encoder, the word-shape
embedding and the head what names, places and dates look like in any news, so that the domain
stage, on a handful of conflict articles, only has to learn the conflict conventions. The
checkpoint is a full model directory (it loads and tags like any other) named
``base-<key>``, the key a hash of the transfer data, the settings that shape it and the
encoder, so it is trained once per machine and reused by ``train``, ``cv`` and ``/retrain``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file
from transformers import AutoTokenizer, BertConfig

from model.labels import TAGS
from model.tagging.encoding import SHAPES
from model.tagging.network import WEIGHTS_FILE, HeadConfig, TaggerNetwork
from model.tagging.tagger import Tagger
from model.tagging.torch_backend import TorchRunner, save_model
from model.types import Document
from training.config import BASE_PACKAGE, TrainConfig, default_base_model
from training.data import data_sha256, document_features
from training.evaluate import evaluate
from training.loop import make_optimizer, run_epoch

log = logging.getLogger(__name__)
BASE_PREFIX = "base-"


def describe_base(base: str) -> dict[str, str]:
    """The encoder as meta.json records it: package and version, never a local path.

    The default encoder is named by its PyPI package, an encoder folder given with
    ``--base-model`` by its folder name.
    """
    if Path(base).resolve() == Path(default_base_model()).resolve():
        return {"package": BASE_PACKAGE, "version": version(BASE_PACKAGE),
                "model": "sentence-transformers/all-MiniLM-L6-v2"}
    return {"folder": Path(base).name}


def head_config(config: TrainConfig) -> HeadConfig:
    return HeadConfig(num_tags=len(TAGS), num_shapes=len(SHAPES), casing=config.casing,
                      shape_dim=config.shape_dim, dropout=config.dropout)


def fresh_network(config: TrainConfig) -> TaggerNetwork:
    """The pretrained encoder with a freshly initialised shape embedding and head."""
    network = TaggerNetwork.from_encoder_dir(config.resolved_base(), head_config(config))
    return _freeze(network, config)


def load_network(checkpoint: Path, config: TrainConfig) -> TaggerNetwork:
    """The whole network (encoder, shape embedding, head) of a general-stage checkpoint."""
    encoder_config = BertConfig.from_pretrained(str(checkpoint))
    network = TaggerNetwork.from_config(encoder_config, head_config(config))
    network.load_state_dict(load_file(str(checkpoint / WEIGHTS_FILE)))
    return _freeze(network, config)


def _freeze(network: TaggerNetwork, config: TrainConfig) -> TaggerNetwork:
    if config.freeze_embeddings:
        network.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    return network


def base_key(transfer: Sequence[Document], config: TrainConfig) -> str:
    """What the checkpoint depends on, hashed: data, general-stage settings, encoder, labels.

    >>> len(base_key([Document(id="a", text="x")], TrainConfig(base_model="/enc")))
    12
    """
    encoder = describe_base(config.resolved_base())
    recipe = {"data": data_sha256(transfer), "config": config.general_fields() | {
        "base_model": encoder}, "tags": list(TAGS), "shapes": list(SHAPES)}
    text = json.dumps(recipe, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def train_general(
    transfer: Sequence[Document],
    config: TrainConfig,
    out_dir: str | Path,
    *,
    dev: Sequence[Document] = (),
    progress: bool = True,
) -> Path:
    """Train the general stage on ``transfer`` and write the checkpoint to ``out_dir``.

    ``dev`` documents (never trained on) are scored after every epoch, for the record.
    """
    if not transfer:
        raise ValueError("no transfer documents for the general stage")
    started = time.perf_counter()
    torch.manual_seed(config.seed)
    tokenizer = AutoTokenizer.from_pretrained(config.resolved_base())
    network = fresh_network(config)
    features = [
        f for doc in transfer
        for f in document_features(tokenizer, doc, max_length=config.max_length,
                                   stride=config.stride)
    ]
    log.info("general stage: %d documents, %d windows, %d epochs, %s", len(transfer),
             len(features), config.general_epochs, config.resolved_precision())
    steps = -(-len(features) // config.general_batch_size) * config.general_epochs
    optimizer, scheduler = make_optimizer(
        network, lr=config.general_lr, head_lr=config.general_head_lr,
        weight_decay=config.weight_decay, warmup=config.warmup, steps=steps,
    )
    inference = config.inference()
    history: list[dict[str, Any]] = []
    rng = random.Random(config.seed)
    for epoch in range(1, config.general_epochs + 1):
        generator = torch.Generator().manual_seed(rng.randrange(2**31))
        loss = run_epoch(network, optimizer, scheduler, features, generator, tokenizer,
                         config.general_batch_size,
                         desc=f"general stage, epoch {epoch}/{config.general_epochs}",
                         progress=progress, bf16=config.resolved_precision() == "bf16")
        record: dict[str, Any] = {"epoch": epoch, "loss": round(loss, 5)}
        if dev:
            scores = evaluate(Tagger(TorchRunner(network), tokenizer, inference), dev)
            network.train()
            record["dev"] = {k: round(s.f1, 4) for k, s in scores.per_label.items()}
            record["dev_micro_f1"] = round(scores.micro.f1, 4)
        history.append(record)
        log.info("general stage, epoch %s", record)
    meta = {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "stage": "general",
        "base_model": describe_base(config.resolved_base()),
        "data": {"sha256": data_sha256(transfer), "documents": len(transfer),
                 "spans": sum(len(d.spans) for d in transfer), "windows": len(features)},
        "config": config.general_fields() | {"base_model": Path(config.base_model).name},
        "metrics": {"history": history, "dev_documents": [d.id for d in dev],
                    "train_seconds": round(time.perf_counter() - started, 1)},
        "labels": list(TAGS),
    }
    return save_model(out_dir, network, tokenizer, inference, meta)
