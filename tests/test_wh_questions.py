"""A question for one party of a clause is answered by the clause and not by its parties swapped or by its
negation (checked on examples written for these tests)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from shared.generate import generate
from shared.generate.positives import object_question
from shared.generate.wh_questions import wh_question_pairs
from shared.pairs import read_pairs


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        ("The Licensee shall indemnify the Licensor against all claims.", "Who shall the Licensee indemnify against all claims?"),
        ("The warranty covers water damage.", "What does the warranty cover?"),
        ("The warranty does not cover water damage.", "What does the warranty not cover?"),
        ("The buyer pays the seller within thirty days.", "Who does the buyer pay within thirty days?"),
        ("The board approved the merger.", "What did the board approve?"),
        ("The Licensee has paid the fee.", "What has the Licensee paid?"),
    ],
)
def test_object_questions_ask_for_the_object_and_keep_the_rest(sentence: str, asked: str) -> None:
    assert object_question(sentence) == asked


@pytest.mark.parametrize(
    "sentence",
    [
        "The Licensor shall be indemnified by the Licensee.",  # passive: its object is the subject
        "The fee is 500 EUR.",  # a copula's complement
        "The tenant has a dog.",  # a main verb "has" cannot be inverted
        "The auditor checks the accounts and the board reviews the budget.",  # two clauses
        "She sold it to him.",  # a pronoun object
        "Is the fee due?",
    ],
)
def test_object_questions_decline_what_they_cannot_ask(sentence: str) -> None:
    assert object_question(sentence) is None


def test_each_question_gets_its_clause_as_true_and_a_near_miss_as_false() -> None:
    anchors = [("The Licensee shall indemnify the Licensor.", []), ("The warranty covers water damage.", [])]
    pairs = wh_question_pairs(anchors, 10, random.Random(0), progress=False)
    assert len(pairs) == 4
    by_query: dict[str, set[tuple[str, int, str]]] = {}
    for pair in pairs:
        by_query.setdefault(pair.query, set()).add((pair.passage, pair.label, pair.edit_type))
    for query, passages in by_query.items():
        labels = sorted(label for _, label, _ in passages)
        assert labels == [0, 1], query
        (true,) = [p for p, label, _ in passages if label == 1]
        (false,) = [(p, kind) for p, label, kind in passages if label == 0]
        if "Licens" in query:
            # the true passage states the clause (perhaps in the passive); the near-miss swaps the parties
            assert true in {"The Licensee shall indemnify the Licensor.", "The Licensor shall be indemnified by the Licensee."}
            assert false in {
                ("The Licensor shall indemnify the Licensee.", "role_swap"),
                ("The Licensee shall be indemnified by the Licensor.", "role_swap"),
            }
        else:
            assert query in {"What covers water damage?", "What does the warranty cover?"}
            assert true in {"The warranty covers water damage.", "Water damage is covered by the warranty."}
            assert false[1] == "negation" and " not " in f" {false[0]} "


def test_the_source_balances_answers_and_near_misses_with_questions_as_queries(tmp_path: Path) -> None:
    generate(["wh_questions"], tmp_path / "wh.jsonl", n_domain=900, seed=1, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "wh.jsonl")
    assert len(pairs) > 60 and Counter(p.label for p in pairs)[0] == len(pairs) // 2
    assert {(p.label, p.edit_type) for p in pairs} == {(1, "question"), (0, "role_swap"), (0, "negation")}
    assert all(p.query.endswith("?") and p.query.split()[0] in {"Who", "What"} for p in pairs)
    asks_object = sum(p.query.split()[1] in {"shall", "must", "may", "does", "do", "did", "will", "can"} and p.query.split()[2] in {"the", "a", "an"} for p in pairs)
    assert asks_object > len(pairs) // 10  # questions for the object, not only for the subject
