"""Prohibitions reworded keep their meaning; lifted, they lose it (checked on examples written for these tests)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from shared.generate import generate
from shared.generate.domain import prohibitions
from shared.generate.negation_forms import negation_wording, without_negation
from shared.pairs import read_pairs


def all_wordings(text: str) -> set[str]:
    """Every rewording the random choices can give."""
    return {out for seed in range(40) if (out := negation_wording(text, random.Random(seed))) is not None}


def test_a_fronted_prohibition_becomes_the_plain_or_the_mid_form() -> None:
    assert all_wordings("In no event shall the Licensor be liable for lost profits.") == {
        "The Licensor shall not be liable for lost profits in any event.",
        "The Licensor shall in no event be liable for lost profits.",
    }
    assert all_wordings("The Supplier will under no circumstances refund the deposit.") == {
        "Under no circumstances will the Supplier refund the deposit."
    }


def test_a_plain_prohibition_is_fronted_or_says_no_for_not_any() -> None:
    wordings = all_wordings("The Tenant shall not make any changes to the premises.")
    assert "The Tenant shall make no changes to the premises." in wordings
    assert "In no event shall the Tenant make any changes to the premises." in wordings
    assert all_wordings("Visitors may not take photographs inside the laboratory.") >= {
        "At no time may visitors take photographs inside the laboratory.",
        "No visitors may take photographs inside the laboratory.",
    }
    assert all_wordings("They could not find any evidence of fraud.") == {"They could find no evidence of fraud."}


def test_fixed_negative_phrases_trade_places() -> None:
    assert all_wordings("None of the contractors may access the archive.") == {
        "Not one of the contractors may access the archive."
    }
    assert all_wordings("Neither party may assign this Agreement.") == {"No party may assign this Agreement."}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Supplier shall not deliver the goods if the Buyer may refuse them.",  # a fronted phrase would reach the condition
        "The Supplier shall deliver the goods.",  # nothing negated
        "Payment is due no later than 30 days after delivery.",  # a fixed phrase, not a prohibition
        "The Licensee may no longer use the software.",
        "Not all employees have had the training.",  # scope moves change meaning; not made here
    ],
)
def test_rewording_declines_what_it_cannot_reword_safely(sentence: str) -> None:
    assert all_wordings(sentence) == set()


def test_lifting_removes_the_prohibition_in_every_form() -> None:
    assert without_negation("In no event shall the Licensor be liable for lost profits.") == (
        "The Licensor shall be liable for lost profits."
    )
    assert without_negation("The Licensor shall in no event be liable.") == "The Licensor shall be liable."
    assert without_negation("The Tenant shall not make any changes.") == "The Tenant shall make any changes."
    assert without_negation("The Tenant shall make no changes.") == "The Tenant shall make changes."
    assert without_negation("None of the contractors may access the archive.") == "All of the contractors may access the archive."
    assert without_negation("Neither party may assign this Agreement.") == "Either party may assign this Agreement."
    assert without_negation("The Licensee may no longer use the software.") is None


def test_every_templated_prohibition_has_a_rewording_and_a_lifted_near_miss() -> None:
    sentences = prohibitions(300, seed=0)
    assert len(sentences) > 200
    rng = random.Random(0)
    reworded = [negation_wording(s, rng) for s in sentences]
    lifted = [without_negation(s) for s in sentences]
    assert sum(r is not None for r in reworded) > 0.8 * len(sentences)
    assert all(l is None or l != s for s, l in zip(sentences, lifted))
    assert sum(l is not None for l in lifted) > 0.9 * len(sentences)


def test_negation_moves_source_pairs_each_rewording_with_a_lifted_prohibition(tmp_path: Path) -> None:
    counts = generate(["negation_moves"], tmp_path / "neg.jsonl", n_domain=1200, seed=1, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "neg.jsonl")
    assert counts["negation_wording"] == sum(p.label for p in pairs) == len(pairs) // 2 and len(pairs) > 40
    assert counts["negation"] > 20 and counts["role_swap"] > 5  # the parties of a reworded prohibition swapped
    assert set(counts) <= {"negation_wording", "negation", "role_swap", "word_swap"}
    assert {p.source for p in pairs} == {"negation_moves"}
    # every sentence of a true pair is negated; a lifted near-miss has a sentence without a negation on one side, and a
    # swapped one keeps its negation (only who does what changed)
    def unnegated(text: str) -> list[str]:
        negators = {"not", "no", "none", "neither", "nothing"}
        return [s for s in text.split(". ") if not negators & set(s.lower().rstrip(".").split())]

    assert not any(unnegated(p.query) or unnegated(p.passage) for p in pairs if p.label == 1)
    assert all(unnegated(p.query) or unnegated(p.passage) for p in pairs if p.edit_type == "negation")
    assert not any(unnegated(p.query) for p in pairs if p.edit_type in {"role_swap", "word_swap"})
