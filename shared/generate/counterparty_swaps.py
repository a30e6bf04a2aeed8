"""A clause naming one party of a pair beside the same clause naming the other ("The tenant insures the building."
/ "The building is insured by the tenant." true / "The building is insured by the landlord." false).

The role swap exchanges two parties only when a clause names both, so a clause that names one party of a pair
(landlord, licensee, insurer) never gets the edit that matters most for it: its obligation put on the counterpart,
whom the query never mentions. Both shipped checkpoints accepted 42–45 of 96 such probes and 7 of 16 hand-written
cases (`examples/counterparty_cases.jsonl`, BENCHMARKS.md, forty-fifth round). This source puts each such clause
beside its other-voice rewording where it has one (else another rewording, else the clause itself inside its
document) as the true pair, and beside that same wording with the counterpart named as the near-miss, the clause on
either side of the pair.
"""

from __future__ import annotations

import random

from ..pairs import Pair
from .anchored import pairs_per_anchor
from .negatives import counterparty
from .positives import embed, first_rewording, voice

SOURCE = "counterparty_swaps"


def counterparty_pairs(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool
) -> list[Pair]:
    """Two pairs per sentence that names one party of a pair: against its true wording, and against that wording
    with the other party in its place, both in the same surrounding sentences."""

    def make(anchor: str, context: list[str]) -> list[Pair]:
        if counterparty(anchor) is None:
            return []
        passive = voice(anchor, rng)
        kind, reworded = ("voice", passive) if passive else first_rewording(anchor, rng) or ("identity", anchor)
        substituted = counterparty(reworded)
        if substituted is None:
            return []
        out: list[Pair] = []
        for other, label, edit_type in ((reworded, 1, kind), (substituted, 0, "role_swap")):
            query, passage = (anchor, other) if rng.random() < 0.5 else (other, anchor)
            out.append(Pair(query, embed(passage, context, rng), label, edit_type, SOURCE))
        return out

    return pairs_per_anchor(anchors, n_pairs, make, SOURCE, progress)
