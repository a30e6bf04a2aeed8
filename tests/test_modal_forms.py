"""A rule worded another way keeps its meaning; another rule in the same words does not (examples written for these tests)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from shared.generate import generate
from shared.generate.modal_forms import (
    NO_OBLIGATION, OBLIGATION, PERMISSION, PROHIBITION, modal_near_miss, modal_wording, read_rule,
)
from shared.pairs import read_pairs


def all_wordings(text: str) -> set[str]:
    return {out for seed in range(60) if (out := modal_wording(text, random.Random(seed))) is not None}


def test_a_prohibition_is_said_every_way_and_agrees_with_its_subject() -> None:
    assert all_wordings("The Tenant may not keep pets in the flat.") == {
        "The Tenant must not keep pets in the flat.",
        "The Tenant shall not keep pets in the flat.",
        "The Tenant is not permitted to keep pets in the flat.",
        "The Tenant is not allowed to keep pets in the flat.",
        "The Tenant is prohibited from keeping pets in the flat.",
        "The Tenant is forbidden to keep pets in the flat.",
    }
    assert "Visitors are prohibited from taking photographs inside the laboratory." in all_wordings(
        "Visitors must not take photographs inside the laboratory."
    )


def test_duties_and_permissions_are_reworded_within_their_kind() -> None:
    assert "The Buyer has to pay the invoice within 30 days." in all_wordings("The Buyer shall pay the invoice within 30 days.")
    assert "Employees are allowed to work from home on Fridays." in all_wordings("Employees may work from home on Fridays.")
    assert read_rule("The Supplier shall deliver the goods.").kind == OBLIGATION
    assert read_rule("The Supplier may deliver the goods.").kind == PERMISSION
    assert read_rule("The Supplier shall not deliver the goods.").kind == PROHIBITION


def test_every_wording_reads_back_as_the_rule_it_says() -> None:
    for text in ("The Tenant may not keep pets in the flat.", "Employees must keep their badges visible."):
        rule = read_rule(text)
        for kind in (PROHIBITION, PERMISSION, OBLIGATION, NO_OBLIGATION):
            changed = type(rule)(rule.subject, kind, rule.verb, rule.rest, rule.end)
            for wording in changed.wordings():
                assert read_rule(wording) == changed, wording
    assert "The tenant may not keep pets." in all_wordings("The tenant is not permitted to keep pets.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The term shall commence on 1 May 2026.",  # a thing as subject: a fact, not a rule
        "The pump may fail under load.",  # a possibility
        "The Licensor shall not be liable for lost profits.",  # not a prohibition on being liable
        "The Supplier shall promptly notify the Buyer.",  # the word after the modal is not its verb
        "The Licensee may not assign this Agreement if the Licensor may refuse.",  # a second rule in the clause
        "The Supplier will deliver the goods.",  # future, not a duty
    ],
)
def test_clauses_that_state_no_rule_are_left_alone(sentence: str) -> None:
    assert read_rule(sentence) is None
    assert all_wordings(sentence) == set()
    assert modal_near_miss(sentence, random.Random(0)) is None


def test_near_misses_state_another_rule_and_take_the_side_where_they_go_unstated() -> None:
    found = {}
    for seed in range(40):
        near_miss = modal_near_miss("The Tenant may not keep pets.", random.Random(seed))
        found[near_miss.edit_type] = near_miss
        assert read_rule(near_miss.text).kind in {PERMISSION, NO_OBLIGATION}
    # lifting the prohibition contradicts it either way round
    assert read_rule(found["negation"].text).kind == PERMISSION and found["negation"].as_query is None
    # "need not keep pets" follows from "may not keep pets", so only as the passage does it fail to state the query
    assert read_rule(found["quantifier"].text).kind == NO_OBLIGATION and found["quantifier"].as_query is False
    for seed in range(40):
        near_miss = modal_near_miss("The Buyer may inspect the goods.", random.Random(seed))
        if near_miss.edit_type == "quantifier":  # "must inspect" is not stated by "may inspect"
            assert read_rule(near_miss.text).kind == OBLIGATION and near_miss.as_query is True


def test_modal_moves_source_pairs_each_rewording_with_another_rule(tmp_path: Path) -> None:
    counts = generate(["modal_moves"], tmp_path / "modal.jsonl", n_domain=1200, seed=1, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "modal.jsonl")
    assert counts["modal_wording"] == sum(p.label for p in pairs) == len(pairs) // 2 and len(pairs) > 100
    assert set(counts) == {"modal_wording", "negation", "quantifier"}

    def passage_rule(query: str, passage: str):
        """The rule of the passage sentence that has the query's subject, verb and object."""
        query_rule = read_rule(query)
        for sentence in re.split(r"(?<=\.) ", passage):
            rule = read_rule(sentence)
            if rule and (rule.subject, rule.verb, rule.rest) == (query_rule.subject, query_rule.verb, query_rule.rest):
                return rule
        raise AssertionError(f"no sentence of {passage!r} restates {query!r}")

    for pair in pairs:
        query_kind, passage_kind = read_rule(pair.query).kind, passage_rule(pair.query, pair.passage).kind
        if pair.label == 1:
            assert query_kind == passage_kind, pair
        elif pair.edit_type == "quantifier":
            assert query_kind in {OBLIGATION, PROHIBITION} and passage_kind in {PERMISSION, NO_OBLIGATION}, pair
        else:
            assert {query_kind, passage_kind} in ({PERMISSION, PROHIBITION}, {OBLIGATION, NO_OBLIGATION}), pair
