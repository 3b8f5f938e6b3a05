"""Fine-tune the span tagger: ``TrainConfig`` + ``train(docs, config, out_dir) -> Path``.

Against tiny data (five articles) the loop uses what the field uses: a fixed seed, mention
replacement within a label (fresh copies every epoch), frozen word-piece embeddings (so names
never seen in training keep their pretrained neighbours), more epochs with early stopping on a
held-out article, the best epoch's weights, and a refit on every article for that many epochs.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
import transformers
from transformers import AutoTokenizer

from model.labels import TAGS
from model.tagging.encoding import SHAPES
from model.tagging.network import HeadConfig, TaggerNetwork
from model.tagging.tagger import InferenceConfig, Tagger
from model.types import Document
from training.config import BASE_PACKAGE, TrainConfig, default_base_model
from training.data import Feature, data_sha256, document_features, mention_pool, replace_mentions
from training.evaluate import evaluate
from training.lexicon import lexicon
from training.loop import make_optimizer, run_epoch

log = logging.getLogger(__name__)
@dataclass
class FitResult:
    network: TaggerNetwork
    best_epoch: int
    dev_scores: dict[str, Any] | None = None
    history: list[dict[str, float]] = field(default_factory=list)


def train(
    docs: Sequence[Document], config: TrainConfig, out_dir: str | Path, *, progress: bool = True
) -> Path:
    """Fine-tune on ``docs`` and write a self-contained model directory to ``out_dir``."""
    if not docs:
        raise ValueError("no documents to train on")
    started = time.perf_counter()
    base = config.resolved_base()
    tokenizer = AutoTokenizer.from_pretrained(base)
    inference = _inference(config)
    dev = _dev_documents(docs, config)
    dev_ids = {d.id for d in dev}
    train_docs = [d for d in docs if d.id not in dev_ids]
    result = fit(train_docs, dev, config, tokenizer, config.max_epochs, progress=progress)
    if dev and config.refit:
        log.info("refit on all %d documents for %d epochs", len(docs), result.best_epoch)
        refit = fit(list(docs), [], config, tokenizer, result.best_epoch, progress=progress)
        result = FitResult(refit.network, result.best_epoch, result.dev_scores, result.history)
    meta = _meta(docs, config, base, dev, result, time.perf_counter() - started)
    tagger = Tagger(result.network, tokenizer, inference, meta=meta)
    path = tagger.save(out_dir)
    log.info("model written to %s in %.0f s", path, meta["metrics"]["train_seconds"])
    return path


def fit(
    train_docs: Sequence[Document],
    dev_docs: Sequence[Document],
    config: TrainConfig,
    tokenizer: Any,
    epochs: int,
    *,
    progress: bool = True,
) -> FitResult:
    """Train a fresh network for up to ``epochs``; with ``dev_docs``, keep the best epoch.

    The learning rate decays over ``config.max_epochs`` whatever ``epochs`` is, so a refit
    for the best epoch count follows the same schedule as the run that found it.
    """
    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    head = HeadConfig(
        num_tags=len(TAGS),
        num_shapes=len(SHAPES),
        casing=config.casing,
        shape_dim=config.shape_dim,
        dropout=config.dropout,
    )
    network = TaggerNetwork.from_encoder_dir(config.resolved_base(), head)
    if config.freeze_embeddings:
        network.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    pool = mention_pool(train_docs)
    features = _epoch_features(train_docs, pool, rng, tokenizer, config)
    steps = -(-len(features) // config.batch_size) * config.max_epochs
    optimizer, scheduler = make_optimizer(
        network,
        lr=config.lr,
        head_lr=config.head_lr,
        weight_decay=config.weight_decay,
        warmup=config.warmup,
        steps=steps,
    )
    inference = _inference(config)
    result = FitResult(network, best_epoch=epochs)
    best_f1, best_state, stale = -1.0, None, 0
    for epoch in range(1, epochs + 1):
        if epoch > 1:  # fresh mention replacements every epoch
            features = _epoch_features(train_docs, pool, rng, tokenizer, config)
        generator = torch.Generator().manual_seed(config.seed + epoch)
        loss = run_epoch(
            network,
            optimizer,
            scheduler,
            features,
            generator,
            tokenizer,
            config.batch_size,
            desc=f"epoch {epoch}/{epochs}",
            progress=progress,
        )
        record = {"epoch": epoch, "loss": round(loss, 5)}
        if dev_docs and config.early_stopping:
            scores = evaluate(Tagger(network, tokenizer, inference), dev_docs)
            network.train()
            record["dev_f1"] = round(scores.micro.f1, 5)
            if scores.micro.f1 > best_f1:
                best_f1, stale = scores.micro.f1, 0
                best_state = copy.deepcopy(network.state_dict())
                result.best_epoch, result.dev_scores = epoch, scores.to_json()
            else:
                stale += 1
        result.history.append(record)
        log.debug("epoch %s", record)
        if dev_docs and config.early_stopping and stale >= config.patience:
            break
    if best_state is not None:
        network.load_state_dict(best_state)
    return result


def _inference(config: TrainConfig) -> InferenceConfig:
    return InferenceConfig(
        max_length=config.max_length, stride=config.stride, join_adjacent=config.join_adjacent
    )


def _dev_documents(docs: Sequence[Document], config: TrainConfig) -> list[Document]:
    if not config.early_stopping or len(docs) < 2:
        return []
    wanted = config.dev_document or max(d.id for d in docs)
    dev = [d for d in docs if d.id == wanted]
    if not dev:
        raise ValueError(f"dev document {wanted!r} is not among {[d.id for d in docs]}")
    return dev


def _epoch_features(
    docs: Sequence[Document],
    pool: dict[str, tuple[str, ...]],
    rng: random.Random,
    tokenizer: Any,
    config: TrainConfig,
) -> list[Feature]:
    """The original articles plus ``augment_copies`` fresh mention-replaced copies of each."""
    variants = list(docs)
    extra = lexicon() if config.lexicon_share > 0 and config.augment_copies else None
    for _ in range(config.augment_copies):
        variants.extend(
            replace_mentions(
                d,
                pool,
                rng,
                probability=config.replace_probability,
                extra=extra,
                extra_share=config.lexicon_share,
            )
            for d in docs
        )
    return [
        feature
        for doc in variants
        for feature in document_features(
            tokenizer, doc, max_length=config.max_length, stride=config.stride
        )
    ]


def _meta(
    docs: Sequence[Document],
    config: TrainConfig,
    base: str,
    dev: Sequence[Document],
    result: FitResult,
    seconds: float,
) -> dict[str, Any]:
    return {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base_model": describe_base(base),
        "data": {
            "sha256": data_sha256(docs),
            "documents": sorted(d.id for d in docs),
            "spans": sum(len(d.spans) for d in docs),
        },
        "config": asdict(config) | {"base_model": Path(config.base_model).name},
        "metrics": {
            "dev_documents": [d.id for d in dev],
            "best_epoch": result.best_epoch,
            "dev": result.dev_scores,
            "history": result.history,
            "refit_on_all": bool(dev and config.refit),
            "train_seconds": round(seconds, 1),
        },
        "labels": list(TAGS),
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
    }


def describe_base(base: str) -> dict[str, str]:
    """The base encoder as meta.json records it: package and version, never a local path.

    The default encoder is named by its PyPI package, an encoder folder given with
    ``--base-model`` by its folder name.
    """
    if Path(base).resolve() == Path(default_base_model()).resolve():
        from importlib.metadata import version

        return {"package": BASE_PACKAGE, "version": version(BASE_PACKAGE),
                "model": "sentence-transformers/all-MiniLM-L6-v2"}
    return {"folder": Path(base).name}
