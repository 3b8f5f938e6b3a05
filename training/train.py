"""The domain stage: ``train(docs, config, out_dir, *, base, transfer) -> Path``.

It starts from the general-stage checkpoint (``training.general``; the encoder, word-shape
embedding and head trained on the transfer corpora) or, with ``config.general`` off, from the
bare encoder with a fresh head. Against tiny data (a handful of conflict articles) the loop
uses what the field uses: a fixed seed, mention replacement within a label on the conflict
articles only (fresh copies every epoch), a share of transfer windows mixed into every epoch
(so the general reading is not forgotten), frozen word-piece embeddings, early stopping on a
held-out article and a refit on every article for the best epoch count.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
import transformers
from transformers import AutoTokenizer

from model.labels import TAGS
from model.tagging.encoding import InferenceConfig
from model.tagging.network import TaggerNetwork
from model.tagging.tagger import Tagger
from model.tagging.torch_backend import TorchRunner, save_model
from model.types import Document
from training import calibrate
from training.calibrate import Calibration
from training.config import TrainConfig
from training.data import Feature, data_sha256, document_features, mention_pool, replace_mentions
from training.evaluate import evaluate
from training.general import describe_base, fresh_network, load_network
from training.lexicon import lexicon
from training.loop import make_optimizer, run_epoch

log = logging.getLogger(__name__)

NetworkFactory = Callable[[], TaggerNetwork]


@dataclass
class FitResult:
    network: TaggerNetwork
    best_epoch: int
    dev_scores: dict[str, Any] | None = None
    history: list[dict[str, float]] = field(default_factory=list)


def train(
    docs: Sequence[Document],
    config: TrainConfig,
    out_dir: str | Path,
    *,
    base: Path | None = None,
    transfer: Sequence[Document] = (),
    calibrate_on: Sequence[Document] = (),
    progress: bool = True,
) -> Path:
    """Fine-tune on ``docs`` and write a self-contained model directory to ``out_dir``.

    Args:
        docs: the conflict annotations (augmented with mention replacement).
        config: every training choice.
        out_dir: where the model directory is written.
        base: the general-stage checkpoint to start from; required when ``config.general``.
        transfer: transfer documents, a share of whose windows joins every epoch.
        calibrate_on: held-out documents the span scores are calibrated on
            (``training.calibrate``: temperature and Platt map); none, no calibration.
        progress: show progress bars.
    """
    if not docs:
        raise ValueError("no documents to train on")
    if config.general and base is None:
        raise ValueError("config.general needs the general-stage checkpoint (base=...)")
    started = time.perf_counter()
    source = str(base) if config.general and base is not None else config.resolved_base()
    tokenizer = AutoTokenizer.from_pretrained(source)
    factory = _factory(config, base)
    extra = _transfer_pool(transfer, tokenizer, config) if config.transfer_share > 0 else []
    dev = _dev_documents(docs, config)
    dev_ids = {d.id for d in dev}
    train_docs = [d for d in docs if d.id not in dev_ids]
    result = fit(train_docs, dev, config, tokenizer, config.max_epochs, factory=factory,
                 transfer=extra, progress=progress)
    if dev and config.refit:
        log.info("refit on all %d documents for %d epochs", len(docs), result.best_epoch)
        refit = fit(list(docs), [], config, tokenizer, result.best_epoch, factory=factory,
                    transfer=extra, progress=progress)
        result = FitResult(refit.network, result.best_epoch, result.dev_scores, result.history)
    inference, calibration = _calibrate(result.network, tokenizer, config, calibrate_on)
    meta = _meta(docs, config, base, dev, result, time.perf_counter() - started)
    meta["calibration"] = dataclasses.asdict(calibration) | {
        "documents": [d.id for d in calibrate_on]}
    path = save_model(out_dir, result.network, tokenizer, inference, meta)
    log.info("model written to %s in %.0f s", path, meta["metrics"]["train_seconds"])
    return path


def _calibrate(network: TaggerNetwork, tokenizer: Any, config: TrainConfig,
               docs: Sequence[Document]) -> tuple[InferenceConfig, Calibration]:
    if not docs:
        return config.inference(), Calibration()
    calibration = calibrate.fit(Tagger(TorchRunner(network), tokenizer, config.inference()),
                                docs)
    log.info("calibration on %d documents: %s", len(docs), calibration)
    return calibrate.apply(config.inference(), calibration), calibration


def _factory(config: TrainConfig, base: Path | None) -> NetworkFactory:
    if config.general and base is not None:
        return lambda: _freeze_lower(load_network(base, config), config.frozen_layers)
    return lambda: _freeze_lower(fresh_network(config), config.frozen_layers)


def _freeze_lower(network: TaggerNetwork, layers: int) -> TaggerNetwork:
    """Freeze the embeddings and the ``layers`` lowest transformer layers (none for 0)."""
    if layers > 0:
        for module in (network.encoder.embeddings, *network.encoder.encoder.layer[:layers]):
            module.requires_grad_(False)
    return network


def fit(
    train_docs: Sequence[Document],
    dev_docs: Sequence[Document],
    config: TrainConfig,
    tokenizer: Any,
    epochs: int,
    *,
    factory: NetworkFactory,
    transfer: Sequence[Feature] = (),
    progress: bool = True,
) -> FitResult:
    """Train a new network from ``factory`` for up to ``epochs``; with ``dev_docs``, keep the
    best epoch.

    The learning rate decays over ``config.max_epochs`` whatever ``epochs`` is, so a refit
    for the best epoch count follows the same schedule as the run that found it.
    """
    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    network = factory()
    pool = mention_pool(train_docs)
    features = _epoch_features(train_docs, pool, rng, tokenizer, config, transfer)
    steps = -(-len(features) // config.batch_size) * config.max_epochs
    optimizer, scheduler = make_optimizer(
        network,
        lr=config.lr,
        head_lr=config.head_lr,
        weight_decay=config.weight_decay,
        warmup=config.warmup,
        steps=steps,
    )
    inference = config.inference()
    bf16 = config.resolved_precision() == "bf16"
    result = FitResult(network, best_epoch=epochs)
    best_f1, best_state, stale = -1.0, None, 0
    for epoch in range(1, epochs + 1):
        if epoch > 1:  # fresh mention replacements (and transfer windows) every epoch
            features = _epoch_features(train_docs, pool, rng, tokenizer, config, transfer)
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
            bf16=bf16,
        )
        record = {"epoch": epoch, "loss": round(loss, 5)}
        if dev_docs and config.early_stopping:
            scores = evaluate(Tagger(TorchRunner(network), tokenizer, inference), dev_docs)
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


def _dev_documents(docs: Sequence[Document], config: TrainConfig) -> list[Document]:
    if not config.early_stopping or len(docs) < 2:
        return []
    wanted = config.dev_document or max(d.id for d in docs)
    dev = [d for d in docs if d.id == wanted]
    if not dev:
        raise ValueError(f"dev document {wanted!r} is not among {[d.id for d in docs]}")
    return dev


def _transfer_pool(
    transfer: Sequence[Document], tokenizer: Any, config: TrainConfig
) -> list[Feature]:
    return [
        feature
        for doc in transfer
        for feature in document_features(
            tokenizer, doc, max_length=config.max_length, stride=config.stride
        )
    ]


def _epoch_features(
    docs: Sequence[Document],
    pool: dict[str, tuple[str, ...]],
    rng: random.Random,
    tokenizer: Any,
    config: TrainConfig,
    transfer: Sequence[Feature],
) -> list[Feature]:
    """The articles, ``augment_copies`` fresh mention-replaced copies of each, and a sample of
    ``transfer_share`` transfer windows per article window (never augmented)."""
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
    features = [
        feature
        for doc in variants
        for feature in document_features(
            tokenizer, doc, max_length=config.max_length, stride=config.stride
        )
    ]
    wanted = min(len(transfer), round(config.transfer_share * len(features)))
    return features + rng.sample(list(transfer), wanted)


def _meta(
    docs: Sequence[Document],
    config: TrainConfig,
    base: Path | None,
    dev: Sequence[Document],
    result: FitResult,
    seconds: float,
) -> dict[str, Any]:
    encoder = describe_base(config.resolved_base())
    if config.general and base is not None:
        encoder = {"general_stage": base.name, "encoder": encoder}
    return {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base_model": encoder,
        "data": {
            "sha256": data_sha256(docs),
            "documents": sorted(d.id for d in docs),
            "spans": sum(len(d.spans) for d in docs),
        },
        "config": asdict(config) | {"base_model": Path(config.base_model).name,
                                    "precision": config.resolved_precision()},
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
