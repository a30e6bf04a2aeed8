"""A clause in the other voice keeps its meaning; its parties swapped in that voice do not, though they come in the
same order as the clause's (checked on examples written for these tests)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from conftest import pairs_by_anchor
from shared.generate import generate
from shared.generate.voice_contrasts import voice_contrast_pairs
from shared.pairs import read_pairs


def test_each_sentence_gives_its_other_voice_as_true_and_its_swapped_parties_in_that_voice_as_false() -> None:
    anchors = [
        ("The Licensee shall indemnify the Licensor.", []),
        ("The buyer pays the seller.", []),
    ]
    pairs = voice_contrast_pairs(anchors, 10, random.Random(0), progress=False)
    assert pairs_by_anchor(pairs, anchors) == {
        "The Licensee shall indemnify the Licensor.": {
            ("The Licensor shall be indemnified by the Licensee.", 1, "voice"),
            ("The Licensee shall be indemnified by the Licensor.", 0, "role_swap"),
        },
        "The buyer pays the seller.": {
            ("The seller is paid by the buyer.", 1, "voice"),
            ("The buyer is paid by the seller.", 0, "role_swap"),
        },
    }


def test_sentences_without_two_swappable_parties_give_nothing() -> None:
    anchors = [
        ("The auditor reviews the accounts every year.", []),  # the accounts cannot review the auditor
        ("The tenant and the landlord met on Monday.", []),  # no object to move
        ("The merger is approved.", []),  # a passive with no agent
    ]
    assert voice_contrast_pairs(anchors, 10, random.Random(0), progress=False) == []


def test_the_source_balances_true_and_false_pairs_and_puts_the_anchor_on_both_sides(tmp_path: Path) -> None:
    generate(["voice_contrasts"], tmp_path / "voice.jsonl", n_domain=900, seed=1, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "voice.jsonl")
    assert len(pairs) > 60 and Counter(p.label for p in pairs)[0] == len(pairs) // 2
    assert {(p.label, p.edit_type) for p in pairs} == {(1, "voice"), (0, "role_swap")}
    # the anchor is the sentence without "by": it is the query about half of the time
    active_query = sum(" by " not in p.query for p in pairs)
    assert 0.3 < active_query / len(pairs) < 0.7
