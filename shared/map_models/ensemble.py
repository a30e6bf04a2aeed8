"""Several map models trained on the same data from different seeds, scored as the mean of their logits.

Two runs of one recipe that differ only in seed disagree on single held-out pairs far more than their
overall figures differ (BENCHMARKS.md, twelfth and thirteenth rounds): each settles on its own quirks of
the training data. Averaging their logits keeps what they agree on and damps the rest, at the cost of
running each member's map model; the similarity map, MaxSim, the encoder and the parameter-free
alignment features are shared, so the cost grows with the members' weighted layers only.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from .align import Alignment, align
from .alignment import AlignmentTransformer, Description
from .base import MapModel, build_map_model

_TAG_FLAGS = ("uses_token_ids", "uses_roles", "uses_number_values")


class SeedEnsemble(MapModel):
    name = "ensemble"

    def __init__(self, members: list[dict[str, Any]]) -> None:
        super().__init__(members=[dict(member) for member in members])
        if len(members) < 2:
            raise ValueError(f"an ensemble needs at least two member configs, got {len(members)}.")
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
    def of(cls, models: list[MapModel]) -> "SeedEnsemble":
        """Wrap trained models, keeping their weights."""
        ensemble = cls([model.config() for model in models])
        for target, source in zip(ensemble.members, models):
            target.load_state_dict(source.state_dict())
        return ensemble

    def config(self) -> dict[str, Any]:
        return {"name": self.name, "members": [member.config() for member in self.members]}

    def forward(self, query, query_mask, passages, passage_mask, sim=None, ids=None):
        alignments: dict[int, Alignment] = {}  # alignment members of one context read the same alignment
        descriptions: dict[tuple, Description] = {}  # and those with the same feature options the same features
        logits = []
        for member in self.members:
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
