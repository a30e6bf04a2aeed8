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

A reorder check is a passage reader asked only about pairs whose two sides share nearly all their word pieces
(``shared.rearranged``), where order alone decides; there it moves the members' mean logit a share
(``reorder_weight``) of the way to its own. Reading every passage token costs several map models; on ordinary
retrieval, where a question seldom shares most of a passage's words, hardly any pair is asked (BENCHMARKS.md,
forty-ninth round).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from ..parties import names_counterpart
from ..rearranged import shared_word_pieces
from .align import Alignment, align
from .alignment import AlignmentTransformer, Description
from .base import MapModel, build_map_model

_TAG_FLAGS = ("uses_token_ids", "uses_roles", "uses_number_values")


class SeedEnsemble(MapModel):
    name = "ensemble"

    def __init__(
        self,
        members: list[dict[str, Any]],
        counterparty_check: dict[str, Any] | None = None,
        reorder_check: dict[str, Any] | None = None,
        reorder_share: float = 0.8,
        reorder_weight: float = 0.35,
    ) -> None:
        hparams: dict[str, Any] = {"members": [dict(member) for member in members]}
        if counterparty_check is not None:
            hparams["counterparty_check"] = dict(counterparty_check)
        if reorder_check is not None:
            hparams.update(reorder_check=dict(reorder_check), reorder_share=reorder_share, reorder_weight=reorder_weight)
        super().__init__(**hparams)
        if len(members) < 2:
            raise ValueError(f"an ensemble needs at least two member configs, got {len(members)}.")
        if any(member.get("name") == self.name for member in [*members, counterparty_check or {}, reorder_check or {}]):
            raise ValueError("ensemble members must be map models, not ensembles; list their members instead.")
        if not (0.0 < reorder_share <= 1.0 and 0.0 < reorder_weight <= 1.0):
            raise ValueError(
                f"reorder_share ({reorder_share}) and reorder_weight ({reorder_weight}) are shares: give each in (0, 1]."
            )
        self.members = nn.ModuleList(build_map_model(**member) for member in members)
        self.counterparty_check = None if counterparty_check is None else build_map_model(**counterparty_check)
        self.reorder_check = None if reorder_check is None else build_map_model(**reorder_check)
        self.reorder_share, self.reorder_weight = reorder_share, reorder_weight
        readers = [*self.members, *(check for check in (self.counterparty_check, self.reorder_check) if check is not None)]
        for flag in _TAG_FLAGS:
            values = {bool(getattr(member, flag)) for member in readers}
            if len(values) > 1:
                raise ValueError(
                    f"ensemble members disagree on {flag}: they must read the same token tags, so train them "
                    "with the same --hparam options."
                )
            setattr(self, flag, values.pop())
        if self.counterparty_check is not None or self.reorder_check is not None:  # the checks' flags read the tags
            self.uses_token_ids = True
            self.uses_parties = self.counterparty_check is not None

    @classmethod
    def of(
        cls,
        models: list[MapModel],
        counterparty_check: MapModel | None = None,
        reorder_check: MapModel | None = None,
        **reorder: float,
    ) -> "SeedEnsemble":
        """Wrap trained models, keeping their weights; ``reorder``: ``reorder_share`` and ``reorder_weight``."""
        ensemble = cls(
            [model.config() for model in models],
            None if counterparty_check is None else counterparty_check.config(),
            None if reorder_check is None else reorder_check.config(),
            **reorder,
        )
        for target, source in zip(ensemble.members, models):
            target.load_state_dict(source.state_dict())
        for target, source in ((ensemble.counterparty_check, counterparty_check), (ensemble.reorder_check, reorder_check)):
            if source is not None:
                target.load_state_dict(source.state_dict())
        return ensemble

    def config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"name": self.name, "members": [member.config() for member in self.members]}
        if self.counterparty_check is not None:
            config["counterparty_check"] = self.counterparty_check.config()
        if self.reorder_check is not None:
            config.update(
                reorder_check=self.reorder_check.config(), reorder_share=self.reorder_share, reorder_weight=self.reorder_weight
            )
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
        if self.reorder_check is None and self.counterparty_check is None:
            return mean
        if ids is None:
            raise ValueError("an ensemble with a check needs the token tags: pass ids (its uses_token_ids).")
        inputs = (query, query_mask, passages, passage_mask, sim, ids)
        if self.reorder_check is not None:
            rows = (shared_word_pieces(ids[0][..., 0], ids[1][..., 0]) >= self.reorder_share).nonzero().squeeze(1)
            if rows.numel():
                reader = _score_rows(self.reorder_check, rows, inputs, descriptions)
                mean = mean.index_put((rows,), (1.0 - self.reorder_weight) * mean[rows] + self.reorder_weight * reader)
        if self.counterparty_check is not None:
            rows = names_counterpart(ids[0][..., -1], ids[1][..., -1]).nonzero().squeeze(1)
            if rows.numel():
                check = _score_rows(self.counterparty_check, rows, inputs, descriptions)
                mean = mean.index_put((rows,), torch.minimum(mean[rows], check))
        return mean


def _score_rows(model: MapModel, rows: torch.Tensor, inputs: tuple, descriptions: dict[tuple, Description]) -> torch.Tensor:
    """``model``'s logits for some rows of the batch, reading what the members with its options already derived."""
    query, query_mask, passages, passage_mask, sim, ids = inputs
    extra = {}
    shared = descriptions.get(getattr(model, "description_key", None))
    if shared is not None:
        extra["description"] = _rows_of(shared, rows)
    picked = [t[rows] for t in (query, query_mask, passages, passage_mask)]
    return model(*picked, sim=None if sim is None else sim[rows], ids=(ids[0][rows], ids[1][rows]), **extra)


def _rows_of(description: Description, rows: torch.Tensor) -> Description:
    """The description of some rows of a batch: every tensor in it is batch-first."""
    alignment = Alignment(
        *(
            [part[rows] for part in field] if isinstance(field, list) else field[rows]
            for field in description.alignment
        )
    )
    return Description(alignment, description.features[rows], description.pair[rows])
