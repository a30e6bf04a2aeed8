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
    query_valid, passage_valid = query_ids >= 0, passage_ids >= 0
    # A query piece's k-th occurrence (k counted from 0) is shared when the passage holds the piece more than k times,
    # so a piece found a times in the query and b times in the passage counts min(a, b): comparisons the size of the
    # similarity map, where per-row counts over the vocabulary would cost more than the map models (B x 30,522).
    in_passage = ((query_ids[:, :, None] == passage_ids[:, None, :]) & passage_valid[:, None, :]).sum(dim=-1)
    earlier = torch.ones(query_ids.shape[1], query_ids.shape[1], dtype=torch.bool, device=query_ids.device).tril(-1)
    occurrence = ((query_ids[:, :, None] == query_ids[:, None, :]) & earlier & query_valid[:, None, :]).sum(dim=-1)
    common = ((occurrence < in_passage) & query_valid).sum(dim=1)
    return common / torch.maximum(query_valid.sum(dim=1), passage_valid.sum(dim=1)).clamp(min=1)
