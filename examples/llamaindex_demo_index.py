"""Build the demo's LlamaIndex index: the demo corpus in embedded Chroma, embedded offline with MiniLM.

Shared by the LlamaIndex examples. Nothing here downloads: LlamaIndex embeds with ``MiniLMEmbedding``,
the collection carries rag-verify's offline MiniLM embedding function instead of Chroma's downloading
default, and Chroma telemetry is off.
"""

from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.core import StorageContext, VectorStoreIndex
from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from llamaindex_verify import MiniLMEmbedding
from shared.chroma_store import MiniLMEmbeddingFunction, read_corpus

HERE = Path(__file__).parent
CORPUS = HERE / "demo_corpus.jsonl"
QUESTIONS = HERE / "demo_questions.txt"


def load_nodes(path: Path = CORPUS) -> list[TextNode]:
    """One node per record; metadata is shown to the LLM but never embedded, and the twin label stays hidden."""
    return [
        TextNode(
            id_=record.id,
            text=record.text,
            metadata=record.metadata,
            excluded_embed_metadata_keys=list(record.metadata),
            excluded_llm_metadata_keys=["near_miss_of"],
        )
        for record in read_corpus(path)
    ]


def load_questions(path: Path = QUESTIONS) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def build_index(client: chromadb.ClientAPI | None = None, collection: str = "demo-corpus") -> VectorStoreIndex:
    """Index the demo corpus into ``client`` (default: in-memory embedded Chroma), cosine space."""
    client = client or chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    chroma_collection = client.get_or_create_collection(
        collection, embedding_function=MiniLMEmbeddingFunction(), configuration={"hnsw": {"space": "cosine"}}
    )
    store = ChromaVectorStore(chroma_collection=chroma_collection)
    return VectorStoreIndex(
        load_nodes(), storage_context=StorageContext.from_defaults(vector_store=store), embed_model=MiniLMEmbedding()
    )
