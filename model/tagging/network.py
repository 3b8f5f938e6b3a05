"""The tagging network: a BERT encoder, a word-shape (casing) embedding and a linear head.

The encoder's tokenizer lowercases, so casing, the strongest cue for names, is given back as a
word-shape embedding, either concatenated to the encoder's output before the head
(``casing="head"``) or added to the input embeddings (``casing="input"``, zero-initialised so
training starts from the pretrained encoder unchanged). ``casing="none"`` is the plain
token-classification model, kept for the ablation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn
from transformers import BertConfig, BertModel

from model.tagging.encoding import CASINGS, Casing

WEIGHTS_FILE = "model.safetensors"


@dataclass(frozen=True)
class HeadConfig:
    """Everything besides the encoder's own config needed to rebuild the network."""

    num_tags: int
    num_shapes: int
    casing: Casing = "head"
    shape_dim: int = 16
    dropout: float = 0.1

    def __post_init__(self) -> None:
        if self.casing not in CASINGS:
            raise ValueError(f"casing {self.casing!r}; expected one of {list(CASINGS)}")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class TaggerNetwork(nn.Module):
    """Encoder + optional word-shape embedding + linear head over ``num_tags`` tags."""

    def __init__(self, encoder: BertModel, head: HeadConfig) -> None:
        super().__init__()
        self.encoder = encoder
        self.head_config = head
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(head.dropout)
        self.shape_embedding: nn.Embedding | None = None
        extra = 0
        if head.casing == "head":
            self.shape_embedding = nn.Embedding(head.num_shapes, head.shape_dim, padding_idx=0)
            extra = head.shape_dim
        elif head.casing == "input":
            self.shape_embedding = nn.Embedding(head.num_shapes, hidden, padding_idx=0)
            nn.init.zeros_(self.shape_embedding.weight)
        self.classifier = nn.Linear(hidden + extra, head.num_tags)

    @classmethod
    def from_encoder_dir(cls, path: str | Path, head: HeadConfig) -> TaggerNetwork:
        """Start from pretrained encoder weights (training); the head is freshly initialised."""
        encoder = BertModel.from_pretrained(str(path))
        encoder.pooler = None  # unused by tagging; dropped so saved weights match from_config
        return cls(encoder, head)

    @classmethod
    def from_config(cls, encoder_config: BertConfig, head: HeadConfig) -> TaggerNetwork:
        """An uninitialised network of the right shape, to load saved weights into."""
        return cls(BertModel(encoder_config, add_pooling_layer=False), head)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        shape_ids: torch.Tensor,
    ) -> torch.Tensor:
        """Return tag logits of shape ``[batch, tokens, num_tags]``."""
        if self.head_config.casing == "input":
            assert self.shape_embedding is not None
            embeds = self.encoder.embeddings.word_embeddings(input_ids)
            embeds = embeds + self.shape_embedding(shape_ids)
            out = self.encoder(inputs_embeds=embeds, attention_mask=attention_mask)
        else:
            out = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        hidden = out.last_hidden_state
        if self.head_config.casing == "head":
            assert self.shape_embedding is not None
            hidden = torch.cat([hidden, self.shape_embedding(shape_ids)], dim=-1)
        return self.classifier(self.dropout(hidden))

    def head_parameters(self) -> list[nn.Parameter]:
        """Parameters outside the pretrained encoder (trained at a higher learning rate)."""
        params = list(self.classifier.parameters())
        if self.shape_embedding is not None:
            params.extend(self.shape_embedding.parameters())
        return params
