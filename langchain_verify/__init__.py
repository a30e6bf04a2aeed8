"""LangChain adapter for rag-verify: wrap the retriever you already have and get verified results.

``VerifyingRetriever`` recalls candidates with any retriever and keeps only those the token-level
verifier accepts; ``VerifierCompressor`` does the same inside ``ContextualCompressionRetriever``
pipelines; ``MiniLMEmbeddings`` lets vector stores embed offline with the encoder the verifier uses.
"""

from .compressor import VerifierCompressor
from .documents import FIRST_STAGE_KEY, VERDICT_KEY
from .embeddings import MiniLMEmbeddings
from .retriever import VerifyingRetriever

__all__ = [
    "FIRST_STAGE_KEY",
    "VERDICT_KEY",
    "MiniLMEmbeddings",
    "VerifierCompressor",
    "VerifyingRetriever",
]
