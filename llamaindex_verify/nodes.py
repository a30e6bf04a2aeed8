"""Rescored copies of retrieved nodes: callers' nodes are never mutated, and the first-stage score stays
available for debugging without leaking into what the LLM reads or what gets embedded."""

from __future__ import annotations

from typing import Sequence

from llama_index.core.schema import NodeWithScore

from shared import Verdict

#: Metadata key holding the first-stage (dense) score; excluded from the LLM and embedding views.
RETRIEVAL_SCORE_KEY = "retrieval_score"


def _with_key(keys: list[str], key: str) -> list[str]:
    return keys if key in keys else [*keys, key]


def rescored(original: NodeWithScore, verdict: Verdict, *, keep_retrieval_score: bool) -> NodeWithScore:
    """A new ``NodeWithScore`` carrying the verifier's score; the node itself is copied only if it must change."""
    node = original.node
    if keep_retrieval_score and original.score is not None:
        node = node.model_copy(
            update={
                "metadata": {**node.metadata, RETRIEVAL_SCORE_KEY: float(original.score)},
                "excluded_llm_metadata_keys": _with_key(node.excluded_llm_metadata_keys, RETRIEVAL_SCORE_KEY),
                "excluded_embed_metadata_keys": _with_key(node.excluded_embed_metadata_keys, RETRIEVAL_SCORE_KEY),
            }
        )
    return NodeWithScore(node=node, score=float(verdict.score))


def select(
    nodes: Sequence[NodeWithScore], ranked: Sequence[tuple[int, Verdict]], *, keep_retrieval_score: bool
) -> list[NodeWithScore]:
    """Turn the verifier's ``(index, verdict)`` ranking back into nodes, best first."""
    return [rescored(nodes[i], verdict, keep_retrieval_score=keep_retrieval_score) for i, verdict in ranked]
