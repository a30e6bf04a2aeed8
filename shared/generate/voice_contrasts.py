"""A clause in the other voice beside the same clause with its parties swapped ("The buyer paid the seller." /
"The seller was paid by the buyer." true / "The buyer was paid by the seller." false).

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
from .morphology import verb
from .negatives import role_swap
from .positives import embed, voice
from .shallow import main_clause, parse

SOURCE = "voice_contrasts"
#: Our clauses are rules ("shall pay"); records of what happened ("paid") are the other common tense in contracts'
#: neighbours (incident reports, case summaries), so this share of anchors is put in the simple past first.
PAST_SHARE = 1 / 3


def simple_past(text: str) -> str | None:
    """The sentence with its main verb in the simple past ("The buyer shall pay the seller." -> "The buyer paid the
    seller."), or None unless that verb is one present-tense word or a modal before its bare form (a negated or
    compound verb group would need more than one word changed) and no other verb in the sentence is in the present
    ("If the fee is late, the Licensor terminated ..." would mix tenses)."""
    clause = main_clause(text)
    if clause is None or clause.passive:
        return None
    words = clause.verb.tokens
    tokens = parse(text)
    others = [t for t in tokens if not clause.verb.start <= t.start < clause.verb.end]
    after = [t for t in tokens if t.start >= clause.verb.end][:1]
    if any(t.tag in {"VB", "VBZ", "VBP", "MD"} for t in others) or after and after[0].lower in {",", "and", "or"}:
        return None  # another verb in the present, or a list of verbs ("collects, stores and processes")
    forms = verb(words[-1].text)
    if forms is None or forms.lemma in {"be", "have", "do"} or words[-1].lower not in {forms.lemma, forms.third}:
        return None
    if not (len(words) == 1 and words[0].tag in {"VBZ", "VBP", "VB"} or len(words) == 2 and words[0].tag == "MD"):
        return None
    return text[: clause.verb.start] + forms.past + text[clause.verb.end :]


def voice_contrast_pairs(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool
) -> list[Pair]:
    """For each sentence that both changes voice and swaps its parties, two pairs in the same word order: the
    sentence against its other-voice rewording (true), and against its role swap in that other voice (false). The
    sentence is the query or the passage at random, so the voice change is on either side."""

    def make(anchor: str, context: list[str]) -> list[Pair]:
        if rng.random() < PAST_SHARE:
            anchor = simple_past(anchor) or anchor
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
