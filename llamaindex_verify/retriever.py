"""``VerifyingRetriever``: wrap any LlamaIndex retriever so only verified nodes come back.

Use it where a retriever is expected (``RetrieverTool``, ``RetrieverQueryEngine``, custom pipelines):
the base retriever recalls generously (e.g. ``similarity_top_k=20``), the verifier decides.
"""

from __future__ import annotations

import os
from typing import List

import llama_index.core.instrumentation as instrument
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.callbacks import CallbackManager
from llama_index.core.schema import MetadataMode, NodeWithScore, QueryBundle

from shared import CALIBRATED, Threshold, Verifier

from .postprocessor import VerifierPostprocessor

dispatcher = instrument.get_dispatcher(__name__)


class VerifyingRetriever(BaseRetriever):
    """Retrieve with ``retriever``, then keep nodes the verifier accepts, best first, at most ``similarity_top_k``.

    The base retriever is used as configured and never modified: its own ``similarity_top_k`` sets recall,
    this one's sets the final count. ``score_threshold`` defaults to the checkpoint's calibrated threshold;
    ``None`` keeps every node (reranking only).
    """

    def __init__(
        self,
        retriever: BaseRetriever,
        verifier: Verifier | str | os.PathLike[str] | None = None,
        *,
        similarity_top_k: int | None = None,
        score_threshold: Threshold = CALIBRATED,
        keep_retrieval_score: bool = True,
        metadata_mode: MetadataMode = MetadataMode.NONE,
        callback_manager: CallbackManager | None = None,
        verbose: bool = False,
    ) -> None:
        if not isinstance(retriever, BaseRetriever):
            raise TypeError(
                f"retriever must be a LlamaIndex BaseRetriever, got {type(retriever).__name__}; "
                "pass e.g. index.as_retriever(similarity_top_k=20)."
            )
        super().__init__(callback_manager=callback_manager, verbose=verbose)
        self._retriever = retriever
        self._postprocessor = VerifierPostprocessor(
            verifier,
            top_n=similarity_top_k,
            score_threshold=score_threshold,
            keep_retrieval_score=keep_retrieval_score,
            metadata_mode=metadata_mode,
            callback_manager=self.callback_manager,
        )

    @property
    def base_retriever(self) -> BaseRetriever:
        return self._retriever

    @property
    def postprocessor(self) -> VerifierPostprocessor:
        """The verification step; its fields (``top_n``, ``score_threshold``) are validated on assignment."""
        return self._postprocessor

    @property
    def verifier(self) -> Verifier:
        return self._postprocessor.verifier

    @property
    def similarity_top_k(self) -> int | None:
        return self._postprocessor.top_n

    @similarity_top_k.setter
    def similarity_top_k(self, value: int | None) -> None:
        self._postprocessor.top_n = value

    @property
    def score_threshold(self) -> float | None:
        return self._postprocessor.score_threshold

    @score_threshold.setter
    def score_threshold(self, value: float | None) -> None:
        self._postprocessor.score_threshold = value

    def _retrieve(self, query_bundle: QueryBundle) -> List[NodeWithScore]:
        nodes = self._retriever.retrieve(query_bundle)
        return self._postprocessor.postprocess_nodes(nodes, query_bundle=query_bundle)

    @dispatcher.span
    async def _aretrieve(self, query_bundle: QueryBundle) -> List[NodeWithScore]:
        nodes = await self._retriever.aretrieve(query_bundle)
        return await self._postprocessor.apostprocess_nodes(nodes, query_bundle=query_bundle)
