"""``VerifierPostprocessor``: drop-in node postprocessor that rejects structural near-misses.

Unlike LlamaIndex's built-in rerankers it returns new nodes (inputs untouched), hides the first-stage
score from the LLM prompt, and its async path awaits the verifier's worker thread instead of running
model code on the event loop.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, List, Optional

import llama_index.core.instrumentation as instrument
from llama_index.core.bridge.pydantic import ConfigDict, Field, PrivateAttr
from llama_index.core.callbacks import CallbackManager, CBEventType, EventPayload
from llama_index.core.instrumentation.events.rerank import ReRankEndEvent, ReRankStartEvent
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import EnumNameSerializer, MetadataMode, NodeWithScore, QueryBundle

from shared.checkpoint import DEFAULT_CHECKPOINT
from shared import CALIBRATED, Threshold, Verdict, Verifier, resolve_threshold

from .nodes import select

dispatcher = instrument.get_dispatcher(__name__)



class VerifierPostprocessor(BaseNodePostprocessor):
    """Rescore retrieved nodes with the verifier; keep those above ``score_threshold``, best first, at most ``top_n``.

    ``verifier`` is a :class:`shared.Verifier`, a checkpoint folder, a shipped checkpoint name, or ``None`` for
    the shipped default. Loading is lazy: constructing the postprocessor reads only the checkpoint config.
    ``to_dict()`` records the checkpoint name, never the weights; a ``Verifier`` built in code is recorded as
    ``model=None`` and must be passed again: ``VerifierPostprocessor.from_dict(data, verifier=my_verifier)``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True, validate_assignment=True)

    top_n: Optional[int] = Field(default=None, ge=0, description="Nodes to return after filtering; None keeps all accepted.")
    score_threshold: Optional[float] = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Minimum calibrated probability to keep a node (resolved from the checkpoint by default); None disables filtering.",
    )
    keep_retrieval_score: bool = Field(
        default=True,
        description="Keep the first-stage score in node metadata (hidden from the LLM and embedding views).",
    )
    metadata_mode: Annotated[MetadataMode, EnumNameSerializer] = Field(
        default=MetadataMode.NONE,
        description="Which node text is scored; NONE scores the passage alone, so metadata tokens cannot match the query.",
    )
    model: Optional[str] = Field(default=None, description="Checkpoint name or folder the verifier was loaded from.")

    _verifier: Verifier = PrivateAttr()

    def __init__(
        self,
        verifier: Verifier | str | os.PathLike[str] | None = None,
        *,
        top_n: int | None = None,
        score_threshold: Threshold = CALIBRATED,
        keep_retrieval_score: bool = True,
        metadata_mode: MetadataMode = MetadataMode.NONE,
        model: str | None = None,
        callback_manager: CallbackManager | None = None,
    ) -> None:
        if isinstance(verifier, Verifier):
            loaded = verifier
            model = model or verifier.source
        else:
            model = str(verifier) if verifier is not None else model or DEFAULT_CHECKPOINT
            loaded = Verifier.shared(model)
        super().__init__(
            top_n=top_n,
            score_threshold=resolve_threshold(score_threshold, loaded.threshold),
            keep_retrieval_score=keep_retrieval_score,
            metadata_mode=metadata_mode,
            model=model,
            callback_manager=callback_manager or CallbackManager(),
        )
        self._verifier = loaded

    @classmethod
    def class_name(cls) -> str:
        return "VerifierPostprocessor"

    @property
    def verifier(self) -> Verifier:
        return self._verifier

    # ------------------------------------------------------------------ LlamaIndex hooks
    def _postprocess_nodes(
        self, nodes: List[NodeWithScore], query_bundle: Optional[QueryBundle] = None
    ) -> List[NodeWithScore]:
        query, texts = self._start(nodes, query_bundle)
        with self.callback_manager.event(CBEventType.RERANKING, payload=self._payload(nodes, query)) as event:
            ranked = self._verifier.rank(query, texts, top_n=self.top_n, threshold=self.score_threshold)
            return self._end(nodes, ranked, event)

    @dispatcher.span
    async def _apostprocess_nodes(
        self, nodes: List[NodeWithScore], query_bundle: Optional[QueryBundle] = None
    ) -> List[NodeWithScore]:
        query, texts = self._start(nodes, query_bundle)
        with self.callback_manager.event(CBEventType.RERANKING, payload=self._payload(nodes, query)) as event:
            ranked = await self._verifier.arank(query, texts, top_n=self.top_n, threshold=self.score_threshold)
            return self._end(nodes, ranked, event)

    # ------------------------------------------------------------------ shared by sync and async paths
    def _start(self, nodes: List[NodeWithScore], query_bundle: Optional[QueryBundle]) -> tuple[str, list[str]]:
        if query_bundle is None:
            raise ValueError(
                "VerifierPostprocessor needs the query to verify against: call "
                "postprocess_nodes(nodes, query_str=...) or pass query_bundle=."
            )
        dispatcher.event(
            ReRankStartEvent(
                query=query_bundle,
                nodes=nodes,
                top_n=self.top_n if self.top_n is not None else len(nodes),
                model_name=self.model or self._verifier.config.encoder,
            )
        )
        return query_bundle.query_str, [n.node.get_content(metadata_mode=self.metadata_mode) for n in nodes]

    def _payload(self, nodes: List[NodeWithScore], query: str) -> dict[str, Any]:
        return {
            EventPayload.NODES: nodes,
            EventPayload.MODEL_NAME: self.model or self._verifier.config.encoder,
            EventPayload.QUERY_STR: query,
            EventPayload.TOP_K: self.top_n,
        }

    def _end(self, nodes: List[NodeWithScore], ranked: list[tuple[int, Verdict]], event: Any) -> List[NodeWithScore]:
        result = select(nodes, ranked, keep_retrieval_score=self.keep_retrieval_score)
        event.on_end(payload={EventPayload.NODES: result})
        dispatcher.event(ReRankEndEvent(nodes=result))
        return result
