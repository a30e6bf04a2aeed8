"""The embedded default vector store: a persistent local Chroma collection with MiniLM embeddings.

Chroma's own default embedding function downloads a model at run time, which fails offline, so the
collection is always opened with our embedding function. Only text and small metadata go into
Chroma; token matrices live in the verifier's SQLite sidecar.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from chromadb import Documents, EmbeddingFunction, Embeddings, PersistentClient
from chromadb.utils.embedding_functions import register_embedding_function

from .dense import DenseEmbedder


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over :class:`DenseEmbedder` (offline all-MiniLM-L6-v2 by default)."""

    def __init__(self, model_name: str | None = None) -> None:
        self._model_name = model_name
        self._embedder = DenseEmbedder(model_name)

    def __call__(self, input: Documents) -> Embeddings:
        return [np.asarray(vector, dtype=np.float32) for vector in self._embedder.embed(list(input))]

    @staticmethod
    def name() -> str:
        return "rag-verify-minilm"

    def default_space(self) -> str:
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model_name": self._model_name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "MiniLMEmbeddingFunction":
        return MiniLMEmbeddingFunction(config.get("model_name"))


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def read_corpus(path: str | Path) -> list[Record]:
    """Read ``{"id", "text", "metadata"?}`` JSON lines; ids must be unique so re-indexing never duplicates."""
    records, seen = [], set()
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if "id" not in row or "text" not in row:
                raise ValueError(f"{path}:{line_no}: each line needs an 'id' and a 'text'.")
            if row["id"] in seen:
                raise ValueError(f"{path}:{line_no}: duplicate id {row['id']!r}; ids must be unique.")
            seen.add(row["id"])
            records.append(Record(str(row["id"]), str(row["text"]), dict(row.get("metadata") or {})))
    return records


def open_collection(directory: str | Path, name: str, *, model_name: str | None = None):
    """Open (or create) a persistent cosine-space collection under ``directory``."""
    client = PersistentClient(path=str(directory))
    return client.get_or_create_collection(
        name, embedding_function=MiniLMEmbeddingFunction(model_name), configuration={"hnsw": {"space": "cosine"}}
    )


def upsert_records(collection, records: list[Record]) -> int:
    """Add records whose id is new or whose text changed; returns how many were written."""
    existing = collection.get(ids=[r.id for r in records], include=["documents"])
    stored = dict(zip(existing["ids"], existing["documents"]))
    changed = [r for r in records if stored.get(r.id) != r.text]
    if changed:
        collection.upsert(
            ids=[r.id for r in changed],
            documents=[r.text for r in changed],
            metadatas=[r.metadata or {"source": "rag-verify"} for r in changed],
        )
    return len(changed)


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    metadata: dict[str, Any]
    cosine: float


def dense_search(collection, query: str, k: int) -> list[Hit]:
    """Top-k by cosine from the collection (Chroma reports cosine distance = 1 - cosine)."""
    result = collection.query(query_texts=[query], n_results=k, include=["documents", "metadatas", "distances"])
    return [
        Hit(id_, text, metadata or {}, 1.0 - float(distance))
        for id_, text, metadata, distance in zip(
            result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0]
        )
    ]
