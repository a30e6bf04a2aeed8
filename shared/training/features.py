"""Token matrices for a whole dataset, computed once and reused across epochs and runs.

The encoder is frozen, so every text is encoded exactly once (through the persistent cache) and the
map model trains on stored features: an epoch costs only the small model's forward and backward.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import torch
from tqdm.auto import tqdm

from ..cached_encoder import CachedEncoder
from ..pairs import Pair
from ..similarity import pad, pad_ids


@dataclass
class PairFeatures:
    """Pairs as indices into one table of unique token matrices."""

    texts: list[torch.Tensor]
    query_index: torch.Tensor
    passage_index: torch.Tensor
    labels: torch.Tensor
    edit_types: list[str]
    #: Token tags per text ((L, C): word-piece ids, and roles if asked), row for row with ``texts``.
    ids: list[torch.Tensor] | None = None

    def __len__(self) -> int:
        return len(self.labels)

    def batch(self, rows: Sequence[int]) -> tuple[torch.Tensor, ...]:
        """Padded (query, query_mask, passage, passage_mask, label) tensors for the given rows."""
        dim = self.texts[0].shape[1]
        queries, query_mask = pad([self.texts[int(self.query_index[r])] for r in rows], dim)
        passages, passage_mask = pad([self.texts[int(self.passage_index[r])] for r in rows], dim)
        return queries, query_mask, passages, passage_mask, self.labels[list(rows)]

    def batch_ids(self, rows: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor]:
        """Padded (query ids, passage ids) for the given rows; see ``pad_ids``."""
        if self.ids is None:
            raise ValueError("these features were built without word-piece ids; rebuild them with build_features.")
        return (
            pad_ids([self.ids[int(self.query_index[r])] for r in rows], fill=-1),
            pad_ids([self.ids[int(self.passage_index[r])] for r in rows], fill=-2),
        )


def build_features(
    pairs: Sequence[Pair],
    encoder: CachedEncoder,
    *,
    progress: bool = True,
    token_ids: bool = False,
    roles: bool = False,
    number_values: bool = False,
    parties: bool = False,
) -> PairFeatures:
    """Encode every distinct text once; pairs with an empty side are dropped (nothing to align).

    ``token_ids`` also keeps each text's word-piece ids, for map models that read them (``uses_token_ids``),
    and ``roles`` their grammatical roles as well (``uses_roles``: a shallow parse, about a minute per
    50,000 texts); ``number_values`` gives number words their digits' ids (``uses_number_values``), and ``parties``
    adds the party tags a counterparty check reads (``uses_parties``).
    """
    unique: dict[str, int] = {}
    for pair in pairs:
        for text in (pair.query, pair.passage):
            unique.setdefault(text, len(unique))
    texts = encoder.embed(list(unique), progress=progress, description="encoding training texts")
    ids = None
    if token_ids or roles or parties:
        tagging = tqdm(unique, desc="parsing roles", unit="text", disable=not (progress and roles), leave=False)
        options = {"roles": roles, "number_values": number_values, "parties": parties}
        ids = [encoder.encoder.token_tags(text, **options) for text in tagging]
    kept = [p for p in pairs if texts[unique[p.query]].shape[0] and texts[unique[p.passage]].shape[0]]
    return PairFeatures(
        texts=texts,
        query_index=torch.tensor([unique[p.query] for p in kept]),
        passage_index=torch.tensor([unique[p.passage] for p in kept]),
        labels=torch.tensor([float(p.label) for p in kept]),
        edit_types=[p.edit_type for p in kept],
        ids=ids,
    )
