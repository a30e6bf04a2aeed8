"""Two clauses joined keep their meaning in either order; trading their subjects or objects does not, though every
word stays (checked on examples written for these tests)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from shared.generate import generate
from shared.generate.clause_swaps import clause_swap_pairs, frame, joined, swapped
from shared.pairs import read_pairs


def _words(text: str) -> Counter[str]:
    return Counter(text.lower().replace(",", " ").replace(";", " ").replace(".", " ").split())


@pytest.mark.parametrize(
    ("first", "second", "traded"),
    [
        (  # same verb: the objects may trade as well as the subjects; both give this sentence
            "The landlord maintains the elevators.",
            "The tenant maintains the interior fittings.",
            {"the landlord maintains the interior fittings and the tenant maintains the elevators.",
             "the tenant maintains the elevators and the landlord maintains the interior fittings."},
        ),
        (  # different verbs: only the parties trade ("pay the software" would be nonsense, not a near-miss)
            "The Licensee shall pay the fees within 30 days.",
            "The Licensor shall deliver the software.",
            {"the Licensor shall pay the fees within 30 days and the Licensee shall deliver the software."},
        ),
    ],
)
def test_a_trade_keeps_every_word_and_re_binds_the_parties(first: str, second: str, traded: set[str]) -> None:
    a, b = frame(first), frame(second)
    assert a is not None and b is not None
    seen = set()
    for seed in range(8):
        trade = swapped(a, b, random.Random(seed))
        assert trade is not None
        sentence = joined(*trade, " and ")
        assert _words(sentence) == _words(first) + _words(second) + Counter(["and"])
        seen.add(sentence[:1].lower() + sentence[1:])
    assert seen == traded


def test_the_clauses_may_come_in_either_order_and_each_join_reads_as_written() -> None:
    a, b = frame("Alice approves the budget."), frame("The board approves the contracts.")
    assert a is not None and b is not None
    assert joined(a.text, b.text, ", while ") == "Alice approves the budget, while the board approves the contracts."
    assert joined(b.text, a.text, ". ") == "The board approves the contracts. Alice approves the budget."


@pytest.mark.parametrize(
    "sentence",
    [
        "It rains every day.",  # a pronoun for a party: joining would re-point it
        "The domestic account is insured and the foreign account is uninsured.",  # already two clauses
        "The primary invoice expires on 3 May and the secondary one on 9 June.",  # an elided second clause
        "A man standing on the street in a black jacket.",  # a caption, no finite verb
        "The Licensor is a company registered in Ghent.",  # a copula: no one does anything
        "If the alarm sounds, staff must leave the building.",  # does not open with its subject
    ],
)
def test_sentences_that_are_not_one_simple_clause_are_declined(sentence: str) -> None:
    assert frame(sentence) is None


def test_parties_of_different_number_do_not_trade_when_the_verb_would_disagree() -> None:
    one, two = frame("A woman is hitting a tennis ball."), frame("Two men are carrying a canoe.")
    assert one is not None and two is not None
    assert swapped(one, two, random.Random(0)) is None  # "two men is hitting" / "a woman are carrying"


def test_each_joined_sentence_gives_its_reordering_as_true_and_its_trade_as_false() -> None:
    anchors = [
        ("The landlord maintains the elevators.", ["The tenant maintains the interior fittings."]),
        ("A girl is feeding a goat.", []),
        ("A boy is flying a kite.", []),
    ]
    pairs = clause_swap_pairs(anchors, 20, random.Random(3), progress=False)
    assert {(p.label, p.edit_type) for p in pairs} >= {(1, "reorder"), (0, "binding")}
    for pair in pairs:
        if pair.edit_type == "claim":
            assert pair.label == 1 and _words(pair.query) <= _words(pair.passage)
        else:  # a reordering or a trade keeps every word of the joined sentence
            joins = {"and", "while", "whereas"}
            query = Counter({w: n for w, n in _words(pair.query).items() if w not in joins})
            passage = Counter({w: n for w, n in _words(pair.passage).items() if w not in joins})
            assert query == passage
    # the goat and the kite, from no document, are joined to each other, never to the landlord's clauses
    assert any("goat" in p.query + p.passage and "kite" in p.query + p.passage for p in pairs)
    assert not any("goat" in p.query + p.passage and "landlord" in p.query + p.passage for p in pairs)


def test_the_source_makes_as_many_true_as_false_pairs(tmp_path: Path) -> None:
    generate(["clause_swaps"], tmp_path / "clauses.jsonl", n_domain=3000, seed=1, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "clauses.jsonl")
    assert len(pairs) > 100 and Counter(p.label for p in pairs)[0] == len(pairs) // 2
    assert {p.edit_type for p in pairs} == {"reorder", "binding", "claim"}
