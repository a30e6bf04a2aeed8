"""Several map models trained on the same data from different seeds, scored as the mean of their logits.

Two runs of one recipe that differ only in seed disagree on single held-out pairs far more than their
overall figures differ (BENCHMARKS.md, twelfth and thirteenth rounds): each settles on its own quirks of
the training data. Averaging their logits keeps what they agree on and damps the rest, at the cost of
running each member's map model; the similarity map, MaxSim, the encoder and the parameter-free
alignment features are shared, so the cost grows with the members' weighted layers only.

A costly member (a passage reader) can instead *refine*: it scores only the pairs whose mean logit over the
other members lies in a band around the decision threshold, and moves them by a share of its own logit.
Pairs the cheap members find clearly right or clearly wrong never reach it, so a verifier call pays for it
only on the passages that are still in doubt (BENCHMARKS.md, forty-third round).
"""

from __future__ import annotations

from typing import Any, Sequence

import torch
from torch import nn

from .align import Alignment, align
from .alignment import AlignmentTransformer, Description
from .base import MapModel, build_map_model

_TAG_FLAGS = ("uses_token_ids", "uses_roles", "uses_number_values")


class SeedEnsemble(MapModel):
    name = "ensemble"

    def __init__(self, members: list[dict[str, Any]], refine: dict[str, Any] | None = None) -> None:
        """``refine``: ``{"count": n, "band": [low, high], "share": s}``, the last n members refine (above)."""
        super().__init__(members=[dict(member) for member in members])
        if len(members) < 2:
            raise ValueError(f"an ensemble needs at least two member configs, got {len(members)}.")
        self.refine = None if refine is None else _checked_refine(refine, len(members))
        if any(member.get("name") == self.name for member in members):
            raise ValueError("ensemble members must be map models, not ensembles; list their members instead.")
        self.members = nn.ModuleList(build_map_model(**member) for member in members)
        for flag in _TAG_FLAGS:
            values = {bool(getattr(member, flag)) for member in self.members}
            if len(values) > 1:
                raise ValueError(
                    f"ensemble members disagree on {flag}: they must read the same token tags, so train them "
                    "with the same --hparam options."
                )
            setattr(self, flag, values.pop())

    @classmethod
    def of(cls, models: list[MapModel], refine: dict[str, Any] | None = None) -> "SeedEnsemble":
        """Wrap trained models, keeping their weights."""
        ensemble = cls([model.config() for model in models], refine=refine)
        for target, source in zip(ensemble.members, models):
            target.load_state_dict(source.state_dict())
        return ensemble

    def config(self) -> dict[str, Any]:
        config = {"name": self.name, "members": [member.config() for member in self.members]}
        return config if self.refine is None else {**config, "refine": dict(self.refine)}

    def forward(self, query, query_mask, passages, passage_mask, sim=None, ids=None):
        inputs = (query, query_mask, passages, passage_mask, sim, ids)
        if self.refine is None:
            return _mean_logit(self.members, *inputs)
        base_count = len(self.members) - self.refine["count"]
        logits = _mean_logit(self.members[:base_count], *inputs)
        low, high = self.refine["band"]
        rows = ((logits > low) & (logits < high)).nonzero().squeeze(1)
        if len(rows) == 0:
            return logits
        picked = [_rows(item, rows) for item in inputs[:5]]
        picked_ids = None if ids is None else tuple(_rows(part, rows) for part in ids)
        refined = _mean_logit(self.members[base_count:], *picked, picked_ids)
        share = self.refine["share"]
        return logits.index_put((rows,), (1.0 - share) * logits[rows] + share * refined)


def _checked_refine(refine: dict[str, Any], member_count: int) -> dict[str, Any]:
    count, (low, high), share = int(refine["count"]), refine["band"], float(refine["share"])
    if not 1 <= count < member_count:
        raise ValueError(f"refine count must leave at least one base member: got {count} of {member_count} members.")
    if not low < high or not 0.0 < share <= 1.0:
        raise ValueError(f"refine needs a band low < high and a share in (0, 1]; got band {[low, high]}, share {share}.")
    return {"count": count, "band": [float(low), float(high)], "share": share}


def _rows(tensor: torch.Tensor | None, rows: torch.Tensor) -> torch.Tensor | None:
    """The batch rows ``rows`` of ``tensor``, still a view when every row is one expanded query (members
    project such a query once instead of once per passage)."""
    if tensor is None:
        return None
    if tensor.shape[0] > 1 and tensor.stride(0) == 0:
        return tensor[:1].expand(len(rows), *tensor.shape[1:])
    return tensor.index_select(0, rows)


def _mean_logit(members: Sequence[MapModel], query, query_mask, passages, passage_mask, sim, ids) -> torch.Tensor:
    """The members' mean logit, computing each alignment and feature set once for all members that read it."""
    alignments: dict[int, Alignment] = {}  # alignment members of one context read the same alignment
    descriptions: dict[tuple, Description] = {}  # and those with the same feature options the same features
    logits = []
    for member in members:
        extra = {}
        if isinstance(member, AlignmentTransformer):
            key = member.description_key
            if key not in descriptions:
                if member.context not in alignments:
                    alignments[member.context] = align(
                        query, query_mask, passages, passage_mask, sim, context=member.context
                    )
                descriptions[key] = member.describe(
                    query, query_mask, passages, passage_mask, sim, ids, alignment=alignments[member.context]
                )
            extra["description"] = descriptions[key]
        logits.append(member(query, query_mask, passages, passage_mask, sim=sim, ids=ids, **extra))
    return torch.stack(logits).mean(dim=0)
