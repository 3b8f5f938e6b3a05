"""A tiny BERT and tokenizer built from the test texts, and the tiny documents they tag.

Nothing is downloaded: the word-level WordPiece vocabulary is every word of ``TINY_DOCS``
(lowercased, as the real encoder's tokenizer does) and the encoder is a 2-layer, 32-wide
``BertConfig`` with random weights.
"""

from __future__ import annotations

import re
from pathlib import Path

import torch
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

from model.types import Document, Span
from training.config import TrainConfig


def _doc(doc_id: str, text: str, marked: list[tuple[str, str]]) -> Document:
    """A document whose spans are the first occurrences, left to right, of ``marked``."""
    spans, cursor = [], 0
    for surface, label in marked:
        start = text.index(surface, cursor)
        spans.append(Span(start=start, end=start + len(surface), label=label, text=surface))
        cursor = start + len(surface)
    return Document(id=doc_id, text=text, spans=spans)


TINY_DOCS = (
    _doc(
        "tiny-1",
        "Syrian army shelled east Aleppo on Sunday, killing 12 civilians.",
        [
            ("Syrian army", "ACTOR"),
            ("east Aleppo", "LOCATION"),
            ("Sunday", "DATE"),
            ("12 civilians", "CASUALTY"),
        ],
    ),
    _doc(
        "tiny-2",
        "Rebels attacked Idlib on Monday. Russian warplanes struck Hama.",
        [
            ("Rebels", "ACTOR"),
            ("Idlib", "LOCATION"),
            ("Monday", "DATE"),
            ("Russian warplanes", "ACTOR"),
            ("Hama", "LOCATION"),
        ],
    ),
)
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def make_tokenizer(tokens: list[str]) -> PreTrainedTokenizerFast:
    """A lowercasing BERT-style WordPiece fast tokenizer over ``SPECIALS + tokens``."""
    vocab = {token: i for i, token in enumerate([*SPECIALS, *tokens])}
    backend = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    backend.normalizer = normalizers.BertNormalizer(lowercase=True)
    backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return PreTrainedTokenizerFast(
        tokenizer_object=backend,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )


def build_tiny_encoder(path: Path, texts: list[str]) -> Path:
    """Save a tiny random BERT and a word-level fast tokenizer for ``texts`` under ``path``."""
    words = sorted({w.lower() for t in texts for w in re.findall(r"\w+|[^\w\s]", t)})
    tokenizer = make_tokenizer(words)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    return path


def tiny_train_config(base: Path, **changes: object) -> TrainConfig:
    """Settings that overfit the tiny documents in about a second."""
    settings = {
        "base_model": str(base),
        "max_epochs": 40,
        "early_stopping": False,
        "batch_size": 2,
        "lr": 1e-2,
        "head_lr": 3e-2,
        "warmup": 0.05,
        "max_length": 24,
        "stride": 6,
        "dropout": 0.0,
        "augment_copies": 0,
        "general": False,
        "transfer_share": 0.0,
        "export_onnx": False,
        "precision": "fp32",  # the same arithmetic on every CI machine
    }
    return TrainConfig(**(settings | changes))  # type: ignore[arg-type]
