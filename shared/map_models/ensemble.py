"""Several map models trained on the same data from different seeds, scored as the mean of their logits.

Two runs of one recipe that differ only in seed disagree on single held-out pairs far more than their
overall figures differ (BENCHMARKS.md, twelfth and thirteenth rounds): each settles on its own quirks of
the training data. Averaging their logits keeps what they agree on and damps the rest, at the cost of
running each member's map model; the similarity map, MaxSim, the encoder and the parameter-free
alignment features are shared, so the cost grows with the members' weighted layers only.

A counterparty check is one more map model, trained on a party put in place of its counterpart, that scores
only the pairs where that edit can be at stake (``shared.parties.names_counterpart``) and there caps the
members' mean logit: it can reject such a pair, never accept one the members reject. Trained into every
member, that edit costs true paraphrases elsewhere (BENCHMARKS.md, forty-seventh round); asked only where the
lexicon of parties says it matters, it leaves every other pair's score as it was.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from ..parties import names_counterpart
from .align import Alignment, align
from .alignment import AlignmentTransformer, Description
from .base import MapModel, build_map_model

_TAG_FLAGS = ("uses_token_ids", "uses_roles", "uses_number_values")


class SeedEnsemble(MapModel):
    name = "ensemble"

    def __init__(self, members: list[dict[str, Any]], counterparty_check: dict[str, Any] | None = None) -> None:
        hparams: dict[str, Any] = {"members": [dict(member) for member in members]}
        if counterparty_check is not None:
            hparams["counterparty_check"] = dict(counterparty_check)
        super().__init__(**hparams)
        if len(members) < 2:
            raise ValueError(f"an ensemble needs at least two member configs, got {len(members)}.")
        if any(member.get("name") == self.name for member in [*members, counterparty_check or {}]):
            raise ValueError("ensemble members must be map models, not ensembles; list their members instead.")
        self.members = nn.ModuleList(build_map_model(**member) for member in members)
        self.counterparty_check = None if counterparty_check is None else build_map_model(**counterparty_check)
        readers = [*self.members, *([self.counterparty_check] if self.counterparty_check is not None else [])]
        for flag in _TAG_FLAGS:
            values = {bool(getattr(member, flag)) for member in readers}
            if len(values) > 1:
                raise ValueError(
                    f"ensemble members disagree on {flag}: they must read the same token tags, so train them "
                    "with the same --hparam options."
                )
            setattr(self, flag, values.pop())
        if self.counterparty_check is not None:
            self.uses_token_ids = self.uses_parties = True

    @classmethod
    def of(cls, models: list[MapModel], counterparty_check: MapModel | None = None) -> "SeedEnsemble":
        """Wrap trained models, keeping their weights."""
        check_config = None if counterparty_check is None else counterparty_check.config()
        ensemble = cls([model.config() for model in models], check_config)
        for target, source in zip(ensemble.members, models):
            target.load_state_dict(source.state_dict())
        if counterparty_check is not None:
            ensemble.counterparty_check.load_state_dict(counterparty_check.state_dict())
        return ensemble

    def config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"name": self.name, "members": [member.config() for member in self.members]}
        if self.counterparty_check is not None:
            config["counterparty_check"] = self.counterparty_check.config()
        return config

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
        mean = torch.stack(logits).mean(dim=0)
        if self.counterparty_check is None:
            return mean
        if ids is None:
            raise ValueError("an ensemble with a counterparty check needs the token tags: pass ids (its uses_parties).")
        rows = names_counterpart(ids[0][..., -1], ids[1][..., -1]).nonzero().squeeze(1)
        if rows.numel() == 0:
            return mean
        picked = [t[rows] for t in (query, query_mask, passages, passage_mask)]
        extra = {}
        shared = descriptions.get(getattr(self.counterparty_check, "description_key", None))
        if shared is not None:  # the check reads what the members with its options already derived for these rows
            extra["description"] = _rows_of(shared, rows)
        check = self.counterparty_check(
            *picked, sim=None if sim is None else sim[rows], ids=(ids[0][rows], ids[1][rows]), **extra
        )
        return mean.index_put((rows,), torch.minimum(mean[rows], check))


def _rows_of(description: Description, rows: torch.Tensor) -> Description:
    """The description of some rows of a batch: every tensor in it is batch-first."""
    alignment = Alignment(
        *(
            [part[rows] for part in field] if isinstance(field, list) else field[rows]
            for field in description.alignment
        )
    )
    return Description(alignment, description.features[rows], description.pair[rows])
