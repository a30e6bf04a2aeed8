"""Shared setup for the LangChain examples: the demo corpus in an in-memory Chroma, embedded offline."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import chromadb
from langchain_chroma import Chroma
from langchain_core.documents import Document

from langchain_verify import MiniLMEmbeddings
from shared.chroma_store import read_corpus

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "demo_corpus.jsonl"
QUESTIONS = HERE / "demo_questions.txt"


def load_documents(path: Path = CORPUS) -> list[Document]:
    """The demo passages as Documents, keeping their ids so results can be traced back to the corpus."""
    if not path.is_file():
        raise FileNotFoundError(f"demo corpus not found at {path}; run the example from a rag-verify checkout.")
    return [Document(page_content=r.text, id=r.id, metadata=r.metadata) for r in read_corpus(path)]


def load_questions(path: Path = QUESTIONS) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def demo_store() -> Chroma:
    """An in-memory Chroma over the demo corpus, with our own embeddings: Chroma's default would download."""
    store = Chroma(
        collection_name="rag_verify_demo",
        embedding_function=MiniLMEmbeddings(),
        client=chromadb.EphemeralClient(),
        collection_metadata={"hnsw:space": "cosine"},
    )
    store.add_documents(load_documents())
    return store


def show(label: str, scored: list[tuple[Document, float]]) -> None:
    """Print one result list as ``score  id: text`` lines, or say that nothing passed."""
    print(f"  {label}:")
    if not scored:
        print("    (nothing accepted)")
    for document, score in scored:
        print(f"    {score:.2f}  {document.id}: {document.page_content[:80]}")


def dense_results(store: Chroma, question: str, k: int = 3) -> list[tuple[Document, float]]:
    """Dense top-k with Chroma's relevance scores: what the verifier is compared against."""
    return store.similarity_search_with_relevance_scores(question, k=k)


def verified_results(documents: list[Document], score_key: str = "relevance_score") -> list[tuple[Document, float]]:
    return [(document, document.metadata[score_key]) for document in documents]
