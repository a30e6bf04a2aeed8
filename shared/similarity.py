"""Token-token cosine similarity maps and MaxSim, on padded batches.

Inputs are already L2-normalised, so a matrix product is the cosine map. Padding is explicit
(boolean masks) because passages in one batch differ in length and a padded zero column must never
win a max.
"""

from __future__ import annotations

from typing import Sequence

import torch

NEG_INF = -1e4


def pad(matrices: Sequence[torch.Tensor], dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Stack (n_i, dim) matrices into (batch, max_n, dim) with a (batch, max_n) validity mask."""
    if not matrices:
        return torch.zeros(0, 1, dim), torch.zeros(0, 1, dtype=torch.bool)
    lengths = torch.tensor([m.shape[0] for m in matrices])
    out = torch.nn.utils.rnn.pad_sequence([m.reshape(-1, dim) for m in matrices], batch_first=True)
    if out.shape[1] == 0:
        out = torch.zeros(len(matrices), 1, dim)
    mask = torch.arange(out.shape[1])[None, :] < lengths[:, None]
    return out, mask


def similarity_map(query: torch.Tensor, passages: torch.Tensor) -> torch.Tensor:
    """(Lq, d) x (B, Lp, d) -> (B, Lq, Lp) cosine map; also accepts a batched (B, Lq, d) query."""
    if query.dim() == 2:
        return torch.matmul(passages, query.T).transpose(1, 2)
    return torch.bmm(query, passages.transpose(1, 2))


def masked_maxsim(sim: torch.Tensor, query_mask: torch.Tensor, passage_mask: torch.Tensor) -> torch.Tensor:
    """Late-interaction score per pair: mean over real query tokens of the best real passage match."""
    sim = sim.masked_fill(~passage_mask[:, None, :], NEG_INF)
    best = sim.max(dim=-1).values
    if query_mask.dim() == 1:
        query_mask = query_mask.expand_as(best)
    best = best.masked_fill(~query_mask, 0.0)
    counts = query_mask.sum(dim=-1).clamp(min=1)
    scores = best.sum(dim=-1) / counts
    empty = ~passage_mask.any(dim=-1)
    return scores.masked_fill(empty, 0.0)


#: Weight of the whole-text cosine in ``rank_scores``: MaxSim sees which query words are matched, the mean
#: token embeddings see what each text is about as a whole, and the two rank better together than either
#: alone (SciFact and MS MARCO, BENCHMARKS.md "Seventh round").
MEAN_COSINE_WEIGHT = 0.5


def rank_scores(
    query: torch.Tensor, passages: torch.Tensor, passage_mask: torch.Tensor, maxsims: torch.Tensor
) -> torch.Tensor:
    """MaxSim plus ``MEAN_COSINE_WEIGHT`` times the cosine of the two texts' mean token embeddings, per passage
    padded with zero rows as ``pad`` makes them (empty ones keep their MaxSim of 0).

    This is the relevance part of a verdict's ``rank_score``, to which the verifier's probability is added with a
    small weight (``shared.verdict.VERIFICATION_WEIGHT``): how much of the query a passage covers says more about
    its usefulness than how sure the verifier is that nothing conflicts."""
    centre = torch.nn.functional.normalize(query.mean(0), dim=-1)
    cosine = torch.nn.functional.normalize(passages.sum(1), dim=-1) @ centre
    return maxsims + MEAN_COSINE_WEIGHT * cosine.masked_fill(~passage_mask.any(-1), 0.0)


def pad_ids(rows: Sequence[torch.Tensor], *, fill: int) -> torch.Tensor:
    """Stack (L_i, C) token tag rows into (B, max L, C), padding with ``fill``: query and passage use
    different negative fills, so padding never counts as a shared word or role."""
    width = max(len(r) for r in rows)
    out = torch.full((len(rows), width, rows[0].shape[1]), fill, dtype=torch.long)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out
