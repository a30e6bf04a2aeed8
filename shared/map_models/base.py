"""The contract every map model follows, and the registry that lets checkpoints name their model."""

from __future__ import annotations

from typing import Any, ClassVar

import torch
from torch import nn

MAP_MODELS: dict[str, type["MapModel"]] = {}


class MapModel(nn.Module):
    """Scores padded batches of (query tokens, passage tokens) pairs; subclasses register by ``name``.

    ``forward(query, query_mask, passages, passage_mask, sim=None)`` takes L2-normalised (B, Lq, d) and
    (B, Lp, d) token embeddings with boolean validity masks and returns (B,) uncalibrated logits. ``sim``
    is the (B, Lq, Lp) cosine map when the caller already has it (the verifier reuses it for MaxSim).
    ``ids`` is (query tags (B, Lq, C), passage tags (B, Lp, C)), padded with negative values, for models
    whose ``uses_token_ids`` is true; the others ignore it. Column 0 is the word-piece id; models whose
    ``uses_roles`` is true also get the grammatical role columns of ``shared.roles`` (see
    ``TokenEncoder.token_tags``), and models whose ``uses_number_values`` is true get number words as their
    digits' ids. Models whose ``uses_parties`` is true get the party tags of ``shared.parties`` as the last column.
    """

    name: ClassVar[str]
    uses_token_ids: bool = False
    uses_roles: bool = False
    uses_number_values: bool = False
    uses_parties: bool = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        MAP_MODELS[cls.name] = cls

    def __init__(self, **hparams: Any) -> None:
        super().__init__()
        self.hparams = hparams

    def tag_options(self) -> dict[str, bool]:
        """The ``TokenEncoder.token_tags`` options this model reads, so every caller asks for the same columns."""
        return {"roles": self.uses_roles, "number_values": self.uses_number_values, "parties": self.uses_parties}

    def config(self) -> dict[str, Any]:
        return {"name": self.name, **self.hparams}

    def forward(
        self,
        query: torch.Tensor,
        query_mask: torch.Tensor,
        passages: torch.Tensor,
        passage_mask: torch.Tensor,
        sim: torch.Tensor | None = None,
        ids: tuple[torch.Tensor, torch.Tensor] | None = None,
    ) -> torch.Tensor:
        raise NotImplementedError


def build_map_model(name: str, **hparams: Any) -> MapModel:
    """Instantiate a registered map model; unknown names list the choices."""
    try:
        model_class = MAP_MODELS[name]
    except KeyError:
        raise ValueError(f"unknown map model {name!r}; choose one of {sorted(MAP_MODELS)}.") from None
    return model_class(**hparams)
