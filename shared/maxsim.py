"""MaxSim (late interaction, as in ColBERT): a strong ranker that cannot reject near-misses.

Kept as the baseline the verifier is measured against and reported beside it in every ``Verdict``.
"""

from __future__ import annotations

from typing import Sequence

import torch

from .cached_encoder import CacheSpec, CachedEncoder, make_cache
from .encoder import TokenEncoder
from .similarity import masked_maxsim, pad, rank_scores, similarity_map
from .text import check_passages, normalize_query


class MaxSimScorer:
    """Mean over query tokens of the best cosine to any passage token."""

    def __init__(self, encoder: TokenEncoder, *, cache: CacheSpec = None) -> None:
        self._cached = CachedEncoder(encoder, make_cache(cache))

    @classmethod
    def from_pretrained(
        cls, name_or_path: str | None = None, *, device: str | torch.device | None = None, cache: CacheSpec = None
    ) -> "MaxSimScorer":
        return cls(TokenEncoder.load(name_or_path, device=device), cache=cache)

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        return self._scores(query, passages, with_rank_scores=False)

    def rank_scores(self, query: str, passages: Sequence[str]) -> list[float]:
        """The relevance part of a verdict's ``rank_score`` (``shared.similarity.rank_scores``), without the verifier."""
        return self._scores(query, passages, with_rank_scores=True)

    @torch.inference_mode()
    def _scores(self, query: str, passages: Sequence[str], *, with_rank_scores: bool) -> list[float]:
        query = normalize_query(query)
        texts = check_passages(passages)
        if not texts:
            return []
        query_tokens, *passage_tokens = self._cached.embed([query, *texts])
        padded, passage_mask = pad(passage_tokens, query_tokens.shape[1])
        query_mask = torch.ones(query_tokens.shape[0], dtype=torch.bool)
        scores = masked_maxsim(similarity_map(query_tokens, padded), query_mask, passage_mask)
        if with_rank_scores:
            scores = rank_scores(query_tokens, padded, passage_mask, scores)
        return scores.tolist()
