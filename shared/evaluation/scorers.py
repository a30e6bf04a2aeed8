"""The scorers compared in every evaluation, behind one ``score_pairs`` call.

Pairs are grouped by query so each scorer sees the batched (one query, many passages) call it is
built for; the verifier and the paper-F4 baseline are both loaded from checkpoints and share one
encoder and token cache with MaxSim, so only the map model differs between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from tqdm.auto import tqdm

from ..cache import EmbeddingCache
from ..dense import DenseEmbedder
from ..maxsim import MaxSimScorer
from ..verifier import Verifier

BatchScore = Callable[[str, list[str]], list[float]]
BatchOrder = Callable[[str, list[str]], list[int]]
BatchAccept = Callable[[str, list[str]], list[bool]]


def by_score(score: BatchScore) -> BatchOrder:
    """Passage indices by descending score; the sort is stable, so ties keep the first-stage order."""

    def order(query: str, passages: list[str]) -> list[int]:
        scores = score(query, passages)
        return sorted(range(len(passages)), key=lambda i: -scores[i])

    return order


@dataclass
class PairScorer:
    name: str
    score: BatchScore
    threshold: float | None = None  # the scorer's own accept/reject cut, when it has one
    index: Callable[[list[str]], object] | None = None  # pre-encodes passages into the shared token cache
    rank: BatchOrder | None = None  # how it orders retrieval candidates; by score when not given
    accept: BatchAccept | None = None  # what it keeps at its threshold, for scorers that filter

    def order(self, query: str, passages: list[str]) -> list[int]:
        return (self.rank or by_score(self.score))(query, passages)

    def score_pairs(self, queries: Sequence[str], passages: Sequence[str], *, progress: bool = True) -> list[float]:
        groups: dict[str, list[int]] = {}
        for index, query in enumerate(queries):
            groups.setdefault(query, []).append(index)
        scores = [0.0] * len(queries)
        for query, rows in tqdm(groups.items(), desc=f"scoring {self.name}", unit="query", disable=not progress, leave=False):
            for row, value in zip(rows, self.score(query, [passages[r] for r in rows])):
                scores[row] = value
        return scores


def cosine_scorer(embedder: DenseEmbedder) -> PairScorer:
    """Pooled cosine, each text embedded once: ``index`` embeds a whole evaluation in large batches, since scoring
    goes query by query with a passage or two each, and one model call per query costs far more than its texts."""
    vectors: dict[str, np.ndarray] = {}

    def index(texts: list[str]) -> None:
        missing = [text for text in dict.fromkeys(texts) if text not in vectors]
        if missing:
            embedded = embedder.embed(missing, progress=len(missing) > 1000, batch_size=64)
            vectors.update(zip(missing, np.asarray(embedded)))

    def score(query: str, passages: list[str]) -> list[float]:
        index([query, *passages])
        return [float(vectors[passage] @ vectors[query]) for passage in passages]

    return PairScorer("pooled cosine", score, index=index)


def verifier_order(verifier: Verifier) -> BatchOrder:
    """The order a user gets from ``Verifier.rank`` with nothing filtered out: retrieval figures measure
    the product's ranking, not a re-sort of its probabilities."""

    def order(query: str, passages: list[str]) -> list[int]:
        return [index for index, _ in verifier.rank(query, passages, threshold=None)]

    return order


def verifier_accept(verifier: Verifier) -> BatchAccept:
    """The verifier's decision at its calibrated threshold: what a verifying retriever returns."""

    def accept(query: str, passages: list[str]) -> list[bool]:
        return [verdict.accepted for verdict in verifier.verify(query, passages)]

    return accept


def build_scorers(
    checkpoints: dict[str, str | Path | None], *, cache: EmbeddingCache, with_rank_scores: bool = False
) -> list[PairScorer]:
    """Verifier-type scorers from checkpoints (name -> path; None = shipped), plus cosine and MaxSim, and with
    ``with_rank_scores`` the order verifiers give accepted passages, alone (what they rank by if they reject nothing)."""
    scorers = []
    encoder = None
    for name, path in checkpoints.items():
        verifier = Verifier.from_pretrained(path, cache=cache)
        encoder = encoder or verifier.encoder
        scorers.append(
            PairScorer(
                name, verifier.score, verifier.threshold, verifier.index, verifier_order(verifier), verifier_accept(verifier)
            )
        )
    maxsim = MaxSimScorer(encoder, cache=cache) if encoder is not None else MaxSimScorer.from_pretrained(cache=cache)
    scorers.append(cosine_scorer(DenseEmbedder()))
    scorers.append(PairScorer("MaxSim", maxsim.score))
    if with_rank_scores:
        scorers.append(PairScorer("MaxSim + mean cosine", maxsim.rank_scores))
    return scorers
