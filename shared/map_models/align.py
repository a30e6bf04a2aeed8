"""How each query token aligns to the passage: the parameter-free half of the alignment model.

Best match, its clarity, the steps between neighbours' matches, the passage words around each match: all of it
follows from the similarity map alone. Ensemble members with the same ``context`` would compute it identically, so
``SeedEnsemble`` computes it once per similarity map and hands it to each of them (and the features each member derives
from it, ``AlignmentTransformer.describe``, once per set of feature options).
"""

from __future__ import annotations

from typing import NamedTuple

import torch

from ..similarity import NEG_INF, similarity_map


class Alignment(NamedTuple):
    sim: torch.Tensor  # (B, Lq, Lp), NEG_INF outside both masks
    best: torch.Tensor  # (B, Lq): cosine of each query token's best passage match
    best_at: torch.Tensor  # (B, Lq): where it is
    second: torch.Tensor  # (B, Lq): the runner-up's cosine (best - 1 where there is none)
    col_max: torch.Tensor  # (B, Lp): how well each passage token is covered by the query
    col_best: torch.Tensor  # (B, Lp): and by which query token
    q_count: torch.Tensor  # (B, 1)
    p_count: torch.Tensor  # (B, 1)
    positions: torch.Tensor  # (B, Lq) float
    step_prev: torch.Tensor  # (B, Lq): how far the match moved from the previous query token's (1 at the start)
    step_next: torch.Tensor  # (B, Lq): and to the next one's (1 at the end)
    diag_prev: torch.Tensor  # (B, Lq): cosine of the previous query token with the passage token before the match
    diag_next: torch.Tensor  # (B, Lq): of the next query token with the one after it
    mutual: torch.Tensor  # (B, Lq) float: the match's own best query token is this one
    neighbour_cover: list[torch.Tensor]  # per offset but 0: how well the passage token there is covered
    gathered: torch.Tensor  # (B, Lq, 2 * context + 1, D): the passage embeddings around each match
    valid_neighbours: torch.Tensor  # (B, Lq, 2 * context + 1, 1) float: which of them are real tokens


def shift(values: torch.Tensor, offset: int, fill: float) -> torch.Tensor:
    """values[:, i + offset] along dim 1, filled where that index falls outside."""
    if offset == 0:
        return values
    out = torch.full_like(values, fill)
    if offset > 0:
        out[:, :-offset] = values[:, offset:]
    else:
        out[:, -offset:] = values[:, :offset]
    return out


def _gather_rows(passages: torch.Tensor, cols: torch.Tensor) -> torch.Tensor:
    """passages[b, cols[b, ...]] as one ``index_select`` on the flattened rows: a quarter of the time of
    advanced indexing, which copies through a slower generic path on a CPU."""
    batch, p_len, dim = passages.shape
    rows = cols + (torch.arange(batch, device=cols.device) * p_len).view(batch, *([1] * (cols.dim() - 1)))
    return passages.reshape(batch * p_len, dim).index_select(0, rows.flatten()).view(*cols.shape, dim)


def align(query, query_mask, passages, passage_mask, sim=None, *, context: int) -> Alignment:
    """The alignment with ``context`` passage words either side of each match; pass ``sim`` when it is computed."""
    batch, q_len, _ = query.shape
    p_len = passages.shape[1]
    valid = query_mask[:, :, None] & passage_mask[:, None, :]
    if sim is None:
        sim = similarity_map(query, passages)
    sim = sim.masked_fill(~valid, NEG_INF)

    top = sim.topk(min(2, p_len), dim=-1)
    best, best_at = top.values[..., 0], top.indices[..., 0]
    second = top.values[..., 1] if p_len > 1 else torch.full_like(best, NEG_INF)
    second = torch.where(second > NEG_INF / 2, second, best - 1.0)
    # (B, Lp): how well each passage token is covered by the query, and by which query token (one call:
    # a separate argmax over this axis costs ten times as much)
    col_max, col_best = sim.max(dim=1)

    q_count = query_mask.float().sum(-1, keepdim=True).clamp(min=1)
    p_count = passage_mask.float().sum(-1, keepdim=True).clamp(min=1)
    positions = torch.arange(q_len, device=query.device)[None].expand(batch, -1).float()
    best_at_f = best_at.float()

    step_prev = best_at_f - shift(best_at_f, -1, 0.0)
    step_next = shift(best_at_f, 1, 0.0) - best_at_f
    step_prev = torch.where(positions == 0, torch.ones_like(step_prev), step_prev)
    step_next = torch.where(positions == (q_count - 1), torch.ones_like(step_next), step_next)

    def sim_at(rows_offset: int, cols: torch.Tensor) -> torch.Tensor:
        """sim[b, i + rows_offset, cols[b, i]] with 0 outside the map."""
        rows = (positions.long() + rows_offset).clamp(0, q_len - 1)
        inside = (positions + rows_offset >= 0) & (positions + rows_offset < q_count) & (cols >= 0) & (cols < p_len)
        values = sim[torch.arange(batch)[:, None], rows, cols.clamp(0, p_len - 1)]
        return torch.where(inside & (values > NEG_INF / 2), values, torch.zeros_like(values))

    offsets = range(-context, context + 1)
    neighbour_cols = [best_at + offset for offset in offsets]
    neighbour_valid = [
        (cols >= 0) & (cols < p_len) & passage_mask.gather(1, cols.clamp(0, p_len - 1)) for cols in neighbour_cols
    ]
    return Alignment(
        sim=sim,
        best=best,
        best_at=best_at,
        second=second,
        col_max=col_max,
        col_best=col_best,
        q_count=q_count,
        p_count=p_count,
        positions=positions,
        step_prev=step_prev,
        step_next=step_next,
        diag_prev=sim_at(-1, best_at - 1),
        diag_next=sim_at(1, best_at + 1),
        mutual=(col_best.gather(1, best_at) == positions.long()).float(),
        neighbour_cover=[
            torch.where(ok, col_max.gather(1, cols.clamp(0, p_len - 1)), torch.zeros_like(best))
            for offset, cols, ok in zip(offsets, neighbour_cols, neighbour_valid)
            if offset != 0
        ],
        gathered=_gather_rows(passages, torch.stack(neighbour_cols, 2).clamp(0, p_len - 1)),
        valid_neighbours=torch.stack(neighbour_valid, 2)[..., None].float(),
    )
