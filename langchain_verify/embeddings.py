"""A LangChain ``Embeddings`` over rag-verify's dense encoder, so vector stores work offline.

Chroma's default embedding function downloads a model at run time; this one uses the locally
installed all-MiniLM-L6-v2 and shares the loaded weights with the verifier's token encoder.
"""

from __future__ import annotations

import torch
from langchain_core.embeddings import Embeddings

from shared.dense import DenseEmbedder


class MiniLMEmbeddings(Embeddings):
    """Normalised sentence embeddings (384-d for the default all-MiniLM-L6-v2) for first-stage recall."""

    def __init__(self, model_name: str | None = None, *, device: str | torch.device | None = None) -> None:
        self._embedder = DenseEmbedder(model_name, device=device)

    @property
    def model_name(self) -> str:
        return self._embedder.name

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._embedder.embed([text])[0]
