"""The paper's F4 verifier, kept as a baseline (Ralev et al., arXiv 2604.16351).

A 3-channel map (cosine, row-max, column-max) padded or cropped to 128x128, cut into 8x8 patches, read by a
one-layer, one-head Transformer of width 384 with feed-forward 32, pooled from a CLS token through a tanh
MLP head. It pays for 256 patches whatever the text lengths, and crops anything past 128 tokens.
"""

from __future__ import annotations

import torch
from torch import nn

from ..similarity import NEG_INF, similarity_map
from .base import MapModel


class PaperF4(MapModel):
    name = "paper-f4"

    def __init__(
        self,
        size: int = 128,
        patch: int = 8,
        width: int = 384,
        layers: int = 1,
        heads: int = 1,
        feedforward: int = 32,
        dropout: float = 0.1,
    ) -> None:
        super().__init__(
            size=size, patch=patch, width=width, layers=layers, heads=heads, feedforward=feedforward, dropout=dropout
        )
        if size % patch:
            raise ValueError(f"size={size} must be a multiple of patch={patch}.")
        self.size, self.patch = size, patch
        patches = (size // patch) ** 2
        self.patch_proj = nn.Linear(3 * patch * patch, width)
        self.cls = nn.Parameter(torch.zeros(1, 1, width))
        self.position = nn.Parameter(torch.randn(1, patches + 1, width) * 0.02)
        layer = nn.TransformerEncoderLayer(width, heads, feedforward, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.head = nn.Sequential(nn.Linear(width, width), nn.Tanh(), nn.Linear(width, 1))

    def forward(self, query, query_mask, passages, passage_mask, sim=None, ids=None):
        size = self.size
        if sim is None:
            sim = similarity_map(query, passages)
        sim = sim[:, :size, :size]
        query_mask, passage_mask = query_mask[:, :size], passage_mask[:, :size]
        valid = query_mask[:, :, None] & passage_mask[:, None, :]
        sim = sim.masked_fill(~valid, 0.0)
        row_max = sim.masked_fill(~valid, NEG_INF).max(dim=2, keepdim=True).values
        col_max = sim.masked_fill(~valid, NEG_INF).max(dim=1, keepdim=True).values
        channels = torch.stack(
            [sim, row_max.expand_as(sim).masked_fill(~valid, 0.0), col_max.expand_as(sim).masked_fill(~valid, 0.0)],
            dim=1,
        )
        batch, _, rows, cols = channels.shape
        channels = nn.functional.pad(channels, (0, size - cols, 0, size - rows))
        patches = channels.unfold(2, self.patch, self.patch).unfold(3, self.patch, self.patch)
        patches = patches.permute(0, 2, 3, 1, 4, 5).reshape(batch, -1, 3 * self.patch * self.patch)
        tokens = torch.cat([self.cls.expand(batch, -1, -1), self.patch_proj(patches)], dim=1) + self.position
        return self.head(self.encoder(tokens)[:, 0]).squeeze(-1)
