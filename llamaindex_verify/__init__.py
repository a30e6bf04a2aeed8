"""LlamaIndex adapter: verified retrieval by adding one postprocessor or wrapping one retriever.

Only LlamaIndex glue lives here; scoring, thresholds and query normalisation come from :mod:`shared`.
"""

from .embedding import MiniLMEmbedding
from .nodes import RETRIEVAL_SCORE_KEY
from .postprocessor import VerifierPostprocessor
from .retriever import VerifyingRetriever

__all__ = ["RETRIEVAL_SCORE_KEY", "MiniLMEmbedding", "VerifierPostprocessor", "VerifyingRetriever"]
