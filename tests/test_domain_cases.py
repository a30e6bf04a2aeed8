"""The hand-written domain set stays what BENCHMARKS.md says it is: 48 clause/twin triples, 6 per structural edit, plus rewrites."""

from collections import Counter
from conftest import DOMAIN_CASES as CASES
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
