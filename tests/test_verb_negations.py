"""A main verb negated with do-support denies its sentence; the same negation contracted or spelled out does not
(checked on examples written for these tests)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from shared.generate import generate
from shared.generate.verb_negations import do_support_negation, toggle_contraction
from shared.pairs import read_pairs


def negations(text: str) -> set[str]:
    """Every negation the random choices can give."""
    return {out for seed in range(12) if (out := do_support_negation(text, random.Random(seed))) is not None}


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("The cat sat on the mat.", "The cat did not sit on the mat."),  # an irregular past
        ("The company disclosed the breach.", "The company did not disclose the breach."),  # the tagger says VBN
        ("The Licensee pays the fees monthly.", "The Licensee does not pay the fees monthly."),
        ("Tenants keep their deposits.", "Tenants do not keep their deposits."),  # the tagger says VB
        ("The team won the championship in 1998.", "The team did not win the championship in 1998."),
    ],
)
def test_the_main_verb_is_negated_with_the_auxiliary_of_its_tense(sentence: str, negated: str) -> None:
    contracted = re.sub(r"(do|does|did) not", r"\1n't", negated)
    assert negations(sentence) == {negated, contracted}


@pytest.mark.parametrize(
    "sentence",
    [
        "He was born in Paris.",  # "be" is negated without do-support (the rule editors' "was not")
        "She has finished the report.",  # an auxiliary
        "The Supplier shall deliver the goods.",  # a modal
        "The merger was approved by the board.",  # passive
        "He never paid the invoice.",  # already negated: a double negative's meaning is unclear
        "The buyer didn't pay.",
    ],
)
def test_negation_declines_what_do_support_does_not_negate(sentence: str) -> None:
    assert negations(sentence) == set()


def test_contraction_toggles_both_ways_and_keeps_the_rest() -> None:
    assert toggle_contraction("The board did not approve the merger.") == "The board didn't approve the merger."
    assert toggle_contraction("Tenants don't keep their deposits.") == "Tenants do not keep their deposits."
    assert toggle_contraction("The board approved the merger.") is None


def test_verb_negations_source_pairs_each_negation_with_a_true_pair_of_the_same_sentence(tmp_path: Path) -> None:
    counts = generate(["domain", "verb_negations"], tmp_path / "all.jsonl", n_domain=900, seed=1, split="dev", progress=False)
    pairs = [p for p in read_pairs(tmp_path / "all.jsonl") if p.source == "verb_negations"]
    negatives = [p for p in pairs if p.label == 0]
    assert len(negatives) == len(pairs) // 2 > 30 and counts["negation"] >= len(negatives)
    assert {p.edit_type for p in negatives} == {"negation"}
    negator = re.compile(r"\b(do|does|did)(n't| not)\b")
    # exactly one side of a near-miss says the verb did not happen, and it is the passage about half of the time
    assert all(bool(negator.search(p.query)) != bool(negator.search(p.passage)) for p in negatives)
    passage_side = sum(bool(negator.search(p.passage)) for p in negatives)
    assert 0.3 < passage_side / len(negatives) < 0.7
    # a true pair has the negation on both sides or on neither
    assert all(bool(negator.search(p.query)) == bool(negator.search(p.passage)) for p in pairs if p.label == 1)


def test_a_verb_in_a_list_of_verbs_is_not_negated_alone() -> None:
    assert negations("The processor collects, stores and deletes personal data.") == set()
    assert negations("The courier collected and delivered the parcel.") == set()
    assert negations("The courier collected the parcel and the buyer paid.") == {
        "The courier did not collect the parcel and the buyer paid.",
        "The courier didn't collect the parcel and the buyer paid.",
    }
