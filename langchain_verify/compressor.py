"""``VerifierCompressor``: the verifier as a ``BaseDocumentCompressor`` for existing compression pipelines.

It plugs into ``langchain_classic``'s ``ContextualCompressionRetriever`` and ``DocumentCompressorPipeline``
without depending on them: only ``langchain_core``'s interface is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import Callbacks
from langchain_core.documents import BaseDocumentCompressor, Document
from pydantic import ConfigDict, Field, field_validator

from shared import CALIBRATED, Threshold, Verifier

from .documents import check_documents
from .verification import averify_documents, check_threshold, load_verifier, verify_documents


class VerifierCompressor(BaseDocumentCompressor):
    """Keep the documents the verifier accepts, best first: threshold first, then ``top_n``.

    Returns new documents (inputs are never mutated) with ids and metadata kept, the verified
    probability under ``score_key`` and the compact verdict under ``verdict``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    verifier: Verifier = Field(default_factory=Verifier.shared)
    """The verifier, or the name of a shipped checkpoint (``"default"``, ``"accurate"``) or a checkpoint folder;
    defaults to the shipped default (shared by every adapter in the process)."""
    top_n: int | None = Field(default=None, ge=1)
    """How many accepted documents to keep at most; ``None`` keeps every accepted one."""
    score_threshold: Threshold = CALIBRATED
    """Minimum verified probability: ``"calibrated"`` (the checkpoint's), a float in [0, 1], or ``None`` (no filter)."""
    score_key: str = "relevance_score"
    """Metadata key for the verified score."""

    @field_validator("verifier", mode="before")
    @classmethod
    def _load_verifier(cls, value: Any) -> Any:
        return load_verifier(value)

    @field_validator("score_threshold")
    @classmethod
    def _check_threshold(cls, value: Threshold) -> Threshold:
        return check_threshold(value)

    def compress_documents(
        self, documents: Sequence[Document], query: str, callbacks: Callbacks | None = None
    ) -> Sequence[Document]:
        return verify_documents(
            self.verifier,
            query,
            check_documents(documents, "VerifierCompressor input"),
            top_n=self.top_n,
            threshold=self.score_threshold,
            score_key=self.score_key,
            callbacks=callbacks,
        )

    async def acompress_documents(
        self, documents: Sequence[Document], query: str, callbacks: Callbacks | None = None
    ) -> Sequence[Document]:
        return await averify_documents(
            self.verifier,
            query,
            check_documents(documents, "VerifierCompressor input"),
            top_n=self.top_n,
            threshold=self.score_threshold,
            score_key=self.score_key,
            callbacks=callbacks,
        )
