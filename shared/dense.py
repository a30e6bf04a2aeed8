"""Pooled sentence embeddings for first-stage recall (the dense retriever the verifier sits behind).

It reuses the encoder instance the verifier loads, so the demo and the adapters' embedding classes do
not hold a second copy of MiniLM in memory.
"""

from __future__ import annotations

from typing import Sequence

import torch

from .device import resolve_device
from .models_registry import canonical_encoder_name, load_sentence_transformer


class DenseEmbedder:
    """L2-normalised mean-pooled embeddings from a sentence-transformers model (default all-MiniLM-L6-v2)."""

    def __init__(self, name_or_path: str | None = None, *, device: str | torch.device | None = None) -> None:
        self.name = canonical_encoder_name(name_or_path)
        self._name_or_path = name_or_path
        self._device = resolve_device(device)

    @property
    def model(self):
        return load_sentence_transformer(self._name_or_path, self._device)

    @property
    def dim(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def embed(self, texts: Sequence[str], *, progress: bool = False, batch_size: int = 32) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=progress, convert_to_numpy=True
        )
        return vectors.astype("float32").tolist()
