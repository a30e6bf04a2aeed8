"""``MiniLMEmbedding``: the dense first stage as a LlamaIndex embedding, offline.

It wraps :class:`shared.dense.DenseEmbedder`, which reuses the MiniLM instance the verifier loads, so an
index and its verifier share one copy of the model. Async methods run on a worker thread, so building
or querying an index from async code never blocks the event loop.
"""

from __future__ import annotations

import asyncio
from typing import List, Optional

from llama_index.core.base.embeddings.base import BaseEmbedding, Embedding
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.callbacks import CallbackManager

from shared.dense import DenseEmbedder
from shared.models_registry import DEFAULT_ENCODER


class MiniLMEmbedding(BaseEmbedding):
    """Normalised sentence embeddings (default all-MiniLM-L6-v2, 384-d) for ``VectorStoreIndex`` / Chroma."""

    device: Optional[str] = Field(default=None, description="Torch device; None picks the best available.")

    _embedder: DenseEmbedder = PrivateAttr()

    def __init__(
        self,
        model_name: str = DEFAULT_ENCODER,
        *,
        device: str | None = None,
        embed_batch_size: int = 32,
        callback_manager: CallbackManager | None = None,
    ) -> None:
        super().__init__(
            model_name=model_name,
            device=device,
            embed_batch_size=embed_batch_size,
            callback_manager=callback_manager,
        )
        self._embedder = DenseEmbedder(model_name, device=device)

    @classmethod
    def class_name(cls) -> str:
        return "MiniLMEmbedding"

    def _get_query_embedding(self, query: str) -> Embedding:
        return self._embedder.embed([query])[0]

    def _get_text_embedding(self, text: str) -> Embedding:
        return self._embedder.embed([text])[0]

    def _get_text_embeddings(self, texts: List[str]) -> List[Embedding]:
        return self._embedder.embed(texts, batch_size=self.embed_batch_size)

    async def _aget_query_embedding(self, query: str) -> Embedding:
        return await asyncio.to_thread(self._get_query_embedding, query)

    async def _aget_text_embedding(self, text: str) -> Embedding:
        return await asyncio.to_thread(self._get_text_embedding, text)

    async def _aget_text_embeddings(self, texts: List[str]) -> List[Embedding]:
        return await asyncio.to_thread(self._get_text_embeddings, texts)
