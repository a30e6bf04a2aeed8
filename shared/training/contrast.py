"""Contrast pairs: a positive and a negative that share one side, for a ranking loss beside the pointwise one.

BCE asks every pair to clear one global cut, and a near-miss of one sentence competes there with the
paraphrases of every other sentence. The false acceptance a user meets is set where the two classes
overlap, and the most telling overlap is within one anchor: PAWS gives the same sentence a paraphrase and
a word-swapped non-paraphrase, the generator gives one clause its rewordings and its edits. A ranking
term over such pairs ("this rewording above that edit of the same text") spends the gradient on exactly
the difference between them, not on how hard the anchor is as a whole. Measured, it did not pay off on
held-out PAWS (BENCHMARKS.md, twenty-first round), so ``rag-verify train`` leaves it off by default.
"""

from __future__ import annotations

import random

import torch

from .features import PairFeatures


def contrast_pairs(features: PairFeatures, *, seed: int = 0) -> torch.Tensor:
    """(N, 2) rows of (positive, negative) sharing their query or their passage text.

    Each negative is paired with one positive of its group drawn at random, once per shared side, so a
    group with many rewordings and one edit does not multiply that edit's weight.
    """
    rng = random.Random(seed)
    labels = features.labels.tolist()
    pairs: list[tuple[int, int]] = []
    for side in (features.query_index, features.passage_index):
        groups: dict[int, list[int]] = {}
        for row, text in enumerate(side.tolist()):
            groups.setdefault(text, []).append(row)
        for rows in groups.values():
            positives = [r for r in rows if labels[r] > 0.5]
            if not positives:
                continue
            pairs += [(rng.choice(positives), r) for r in rows if labels[r] <= 0.5]
    return torch.tensor(pairs, dtype=torch.long).reshape(-1, 2)
