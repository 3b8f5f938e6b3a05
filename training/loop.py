"""The inner training loop: optimizer and schedule, and one epoch over padded batches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch
from torch import nn
from tqdm.auto import tqdm

from model.labels import OUTSIDE, TAG2ID
from model.tagging.network import TaggerNetwork
from model.tagging.tagger import pad_windows
from training.data import IGNORE, Feature

OUTSIDE_ID = TAG2ID[OUTSIDE]


def make_optimizer(
    network: TaggerNetwork,
    *,
    lr: float,
    head_lr: float,
    weight_decay: float,
    warmup: float,
    steps: int,
) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LambdaLR]:
    """AdamW (no decay on biases/norms, ``head_lr`` for the new head) and a linear schedule:
    warm-up over a ``warmup`` share of ``steps``, then decay to zero at ``steps``."""
    head_ids = {id(p) for p in network.head_parameters()}
    encoder = [p for p in network.parameters() if p.requires_grad and id(p) not in head_ids]
    decay = [p for p in encoder if p.ndim > 1]
    no_decay = [p for p in encoder if p.ndim <= 1]
    optimizer = torch.optim.AdamW(
        [
            {"params": decay, "lr": lr, "weight_decay": weight_decay},
            {"params": no_decay, "lr": lr, "weight_decay": 0.0},
            {"params": network.head_parameters(), "lr": head_lr, "weight_decay": 0.0},
        ]
    )
    warmup_steps = max(1, int(steps * warmup))

    def schedule(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        return max(0.0, (steps - step) / max(1, steps - warmup_steps))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)


def partial_label_loss(logits: torch.Tensor, features: Sequence[Feature]) -> torch.Tensor:
    """Mean of ``-log P(allowed tags)`` over labelled positions: cross-entropy where one tag is
    allowed, and for ``O`` positions of partly annotated documents the summed probability of
    ``O`` and the tags of the labels they do not annotate (``Feature.outside_allows``)."""
    labels = torch.full(logits.shape[:2], IGNORE, dtype=torch.long)
    extra = torch.zeros(logits.shape[0], logits.shape[-1], dtype=torch.bool)
    bits = torch.arange(logits.shape[-1])
    for row, f in enumerate(features):
        labels[row, : len(f.labels)] = torch.tensor(f.labels)
        extra[row] = (f.outside_allows >> bits) & 1 == 1
    valid = labels != IGNORE
    allowed = nn.functional.one_hot(labels.clamp(min=0), logits.shape[-1]).bool()
    allowed |= (labels == OUTSIDE_ID).unsqueeze(-1) & extra.unsqueeze(1)
    log_z = torch.logsumexp(logits, dim=-1)
    log_allowed = torch.logsumexp(logits.masked_fill(~allowed, float("-inf")), dim=-1)
    return (log_z - log_allowed)[valid].mean()


def run_epoch(
    network: TaggerNetwork,
    optimizer: torch.optim.Optimizer,
    scheduler: torch.optim.lr_scheduler.LambdaLR,
    features: Sequence[Feature],
    generator: torch.Generator,
    tokenizer: Any,
    batch_size: int,
    *,
    desc: str,
    progress: bool,
    bf16: bool = False,
) -> float:
    """One pass over shuffled ``features``; returns the mean loss.

    ``bf16``: the forward pass runs under bfloat16 autocast; the weights, the optimizer state
    and the loss stay float32.
    """
    network.train()
    order = torch.randperm(len(features), generator=generator).tolist()
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    total = 0.0
    bar = tqdm(batches, desc=desc, unit="batch", disable=not progress, leave=False)
    for done, batch in enumerate(bar, start=1):
        chosen = [features[i] for i in batch]
        ids, mask, shapes = pad_windows(
            [f.input_ids for f in chosen],
            [f.shape_ids for f in chosen],
            pad_id=tokenizer.pad_token_id,
        )
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            logits = network(torch.from_numpy(ids), torch.from_numpy(mask),
                             torch.from_numpy(shapes))
        loss = partial_label_loss(logits.float(), chosen)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(network.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        total += loss.item()
        bar.set_postfix(loss=f"{total / done:.4f}")
    bar.close()
    if progress:
        tqdm.write(f"{desc}: loss {total / max(1, len(batches)):.4f}")
    return total / max(1, len(batches))
