"""A clause in the other voice beside the same clause with its parties swapped ("The buyer pays the seller." /
"The seller is paid by the buyer." true / "The buyer is paid by the seller." false).

A token alignment reads the order of the parties: put into the passive, a true statement names its parties in the
opposite order, while a role swap put into the passive names them in the original order. Until the thirty-second
round every shipped checkpoint was at or below chance on short hand-written pairs of this kind
(`examples/voice_cases.jsonl`): the rule editors swap roles or change voice, but rarely both on the same sentence,
so word order alone looked like a good enough cue. This source puts each true rewording beside the near-miss whose
parties come in the same order, on both sides of the pair.
"""

from __future__ import annotations

import random

from ..pairs import Pair
from .anchored import pairs_per_anchor
from .negatives import role_swap
from .positives import embed, voice

SOURCE = "voice_contrasts"


def voice_contrast_pairs(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool
) -> list[Pair]:
    """For each sentence that both changes voice and swaps its parties, two pairs in the same word order: the
    sentence against its other-voice rewording (true), and against its role swap in that other voice (false). The
    sentence is the query or the passage at random, so the voice change is on either side."""

    def make(anchor: str, context: list[str]) -> list[Pair]:
        reworded = voice(anchor, rng)
        swapped = role_swap(anchor, rng)
        swapped_reworded = voice(swapped, rng) if swapped is not None else None
        if reworded is None or swapped_reworded is None or swapped_reworded in (anchor, reworded):
            return []
        out: list[Pair] = []
        for other, label, edit_type in ((reworded, 1, "voice"), (swapped_reworded, 0, "role_swap")):
            query, passage = (anchor, other) if rng.random() < 0.5 else (other, anchor)
            out.append(Pair(query, embed(passage, context, rng), label, edit_type, SOURCE))
        return out

    return pairs_per_anchor(anchors, n_pairs, make, SOURCE, progress)
