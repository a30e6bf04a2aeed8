"""Which pairs say nearly the same words in another order, where only the order can tell them apart.

"Kofi Kingston, The Miz and Jack Swagger" against "Jack Swagger, The Miz and Kofi Kingston" is a true paraphrase;
"born in Paris and died in Rome" against "born in Rome and died in Paris" is not. When two texts share nearly all
their word pieces, the map models see each query token matched to the same word and must judge from the order of
matches alone, which they do worst (PAWS: BENCHMARKS.md, forty-third round). A passage reader, which attends over
every passage token, does better there; asked only about such pairs, it costs nothing on ordinary retrieval, where
a short query never shares most of a passage's words (``SeedEnsemble``'s reorder check).
"""

from __future__ import annotations

import torch


def shared_word_pieces(query_ids: torch.Tensor, passage_ids: torch.Tensor) -> torch.Tensor:
    """(B,) the share of word pieces the two sides have in common, counted with repeats, over the longer side's
    count: 1.0 for a pure rearrangement, small for a question against a paragraph.

    ``query_ids`` (B, Lq) and ``passage_ids`` (B, Lp) hold word-piece ids, padded with negative values.
    """
    vocabulary = int(torch.maximum(query_ids.max(), passage_ids.max()).clamp(min=0)) + 1

    def counts(ids: torch.Tensor) -> torch.Tensor:
        slots = torch.zeros(ids.shape[0], vocabulary + 1, dtype=torch.int32, device=ids.device)
        slots.scatter_add_(1, ids.clamp(min=-1) + 1, torch.ones_like(ids, dtype=torch.int32))  # padding → slot 0
        return slots[:, 1:]

    query, passage = counts(query_ids), counts(passage_ids)
    common = torch.minimum(query, passage).sum(dim=1)
    return common / torch.maximum(query.sum(dim=1), passage.sum(dim=1)).clamp(min=1)
