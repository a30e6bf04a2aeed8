"""The hand-written case sets stay what BENCHMARKS.md says they are: the domain set has 48 clause/twin triples, 6 per structural edit, plus rewrites."""

import re
from collections import Counter

import pytest

from conftest import DOMAIN_CASES as CASES
from shared.generate.lexicon import ROLE_PAIRS
from shared.parties import FLAG_ONLY_PAIRS
from shared.pairs import NEGATIVE_EDITS, POSITIVE_EDITS, read_pairs


def test_every_twin_has_a_stating_clause_for_the_same_query():
    pairs = read_pairs(CASES)
    twins = [p for p in pairs if p.label == 0]
    stating = {p.query for p in pairs if p.label == 1}
    assert len(twins) == 48 and all(t.query in stating for t in twins)
    assert Counter(t.edit_type for t in twins) == {name: 6 for name in NEGATIVE_EDITS if name not in ("topical", "paraphrase_adversarial", "word_swap")}
    assert {p.edit_type for p in pairs if p.label == 1} <= set(POSITIVE_EDITS)
    assert len(pairs) - 2 * len(twins) == 8  # rewrites with no twin
    # a twin is a near-miss, not a copy: it differs from its stating clause
    by_query = {p.query: p.passage for p in pairs if p.label == 1}
    assert all(t.passage != by_query[t.query] for t in twins)


def test_passage_negation_cases_negate_the_passage_only_and_pair_each_query_with_a_true_passage():
    """examples/passage_negation_cases.jsonl measures one weakness: a "not" that only the passage has."""
    pairs = read_pairs(CASES.parent / "passage_negation_cases.jsonl")
    near_misses = [p for p in pairs if p.label == 0]
    negator = re.compile(r"\b(not|no|never)\b|n't\b|\bfailed to\b", re.I)
    assert len(near_misses) == 12 and all(p.edit_type == "negation" for p in near_misses)
    assert all(negator.search(p.passage) and not negator.search(p.query) for p in near_misses)
    assert Counter(p.query for p in pairs if p.label == 1) == Counter(p.query for p in near_misses)


def test_verb_negation_cases_deny_each_claim_with_do_support_and_also_state_it():
    """examples/verb_negation_cases.jsonl: a claim in the simple past or present against a passage that denies it with
    "did not" / "does not" (or the contraction) and one that states it; and negations on both sides, which agree."""
    pairs = read_pairs(CASES.parent / "verb_negation_cases.jsonl")
    do_not = re.compile(r"\b(do|does|did)(n't| not)\b")
    near_misses = [p for p in pairs if p.label == 0]
    assert len(near_misses) == 14 and all(p.edit_type == "negation" for p in near_misses)
    assert all(do_not.search(p.passage) and not do_not.search(p.query) for p in near_misses)
    stating = [p for p in pairs if p.label == 1 and p.edit_type == "claim"]
    assert Counter(p.query for p in stating) == Counter(p.query for p in near_misses)
    assert not any(do_not.search(p.passage) for p in stating)
    agreeing = [p for p in pairs if p.edit_type == "negation_wording"]
    assert len(agreeing) == 4 and all(p.label == 1 and do_not.search(p.query) and do_not.search(p.passage) for p in agreeing)


def test_voice_cases_pair_each_active_clause_with_its_passive_and_a_twin_in_the_same_order():
    """examples/voice_cases.jsonl: a short active clause against its passive (true) and against a twin that keeps the
    clause's order of parties but swaps their roles or denies the clause (false)."""
    pairs = read_pairs(CASES.parent / "voice_cases.jsonl")
    stating = [p for p in pairs if p.label == 1]
    twins = [p for p in pairs if p.label == 0]
    assert len(stating) == len(twins) == 18 and all(p.edit_type == "voice" and " by " in p.passage for p in stating)
    assert Counter(p.query for p in stating) == Counter(p.query for p in twins)
    assert Counter(t.edit_type for t in twins) == {"role_swap": 16, "negation": 2}


def test_coordination_cases_pair_each_joined_sentence_with_a_true_wording_and_a_trade():
    """examples/coordination_cases.jsonl: two clauses about two parties, each query against a passage that states it
    (reordered, reworded, or one clause of it) and one where the parties traded what they do (binding), except a
    question both passages answer."""
    pairs = read_pairs(CASES.parent / "coordination_cases.jsonl")
    trades = [p for p in pairs if p.label == 0]
    assert len(pairs) == 28 and len(trades) == 13 and all(p.edit_type == "binding" for p in trades)
    assert {p.query for p in trades} <= {p.query for p in pairs if p.label == 1}
    assert Counter(p.edit_type for p in pairs if p.label == 1) == {"reorder": 8, "claim": 5, "question": 2}


def test_party_cases_pair_each_clause_with_a_true_wording_and_its_parties_swapped():
    """examples/party_cases.jsonl: clauses whose parties are named by their part ("the receiving party", "the issuing
    bank"), and one whose verb the tagger alone reads as a plural noun ("replicates"), each against a passage that
    states it (in the passive or within a longer clause) and one where the two parties trade places."""
    pairs = read_pairs(CASES.parent / "party_cases.jsonl")
    stating = [p for p in pairs if p.label == 1]
    swaps = [p for p in pairs if p.label == 0]
    assert len(stating) == len(swaps) == 12 and all(p.edit_type == "role_swap" for p in swaps)
    assert Counter(p.query for p in stating) == Counter(p.query for p in swaps)
    assert Counter(p.edit_type for p in stating) == {"voice": 9, "claim": 3}
    named_by_part = re.compile(r"\b\w+(ing|ed) (party|parties|bank|company|agent)\b")
    assert {p.query for p in pairs if not named_by_part.search(p.query)} == {
        "The contractor replicates the data to the customer's backup site."
    }


@pytest.mark.parametrize("name", ["counterparty_cases.jsonl", "unseen_party_cases.jsonl"])
def test_counterparty_cases_pair_each_clause_with_a_true_wording_and_the_other_party_in_its_place(name):
    """examples/counterparty_cases.jsonl (parties of the generator's pairs) and unseen_party_cases.jsonl (parties
    only the counterparty flag knows): a clause naming one party of a pair (landlord, licensee, grantor ...),
    against a passage that states it and against the same passage naming the counterpart instead, which the
    query never mentions: no swap, one party put in the other's place."""
    pairs = read_pairs(CASES.parent / name)
    stating = [p for p in pairs if p.label == 1]
    substituted = [p for p in pairs if p.label == 0]
    assert len(stating) == len(substituted) == 16 and all(p.edit_type == "role_swap" for p in substituted)
    assert [p.query for p in stating] == [p.query for p in substituted]
    assert {p.edit_type for p in stating} <= set(POSITIVE_EDITS)
    for true, twin in zip(stating, substituted):
        gone, new = _words(true.passage) - _words(twin.passage), _words(twin.passage) - _words(true.passage)
        assert len(gone) == len(new) == 1, (true.passage, twin.passage)
        assert gone <= _words(true.query) and not new & _words(true.query)
    trained = {word for pair in ROLE_PAIRS for word in pair}
    untrained = {word.split()[0] for pair in FLAG_ONLY_PAIRS for word in pair}
    assert all(new <= (trained if name == "counterparty_cases.jsonl" else untrained) for new in (
        _words(twin.passage) - _words(true.passage) for true, twin in zip(stating, substituted)
    ))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower().replace("'s", "")))
