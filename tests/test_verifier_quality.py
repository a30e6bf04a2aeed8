"""Behaviour of the shipped verifiers on the real MiniLM, on clauses written for this test.

None of these sentences comes from the generator's templates: they check that the verifier learnt
structure (who does what, polarity, binding, order, values, scope), not template wording.
"""

import pytest

from conftest import DOMAIN_CASES
from shared import MaxSimScorer, Verifier
from shared.evaluation.metrics import roc_auc
from shared.pairs import read_pairs

# (query, passage that states it, structural near-miss of that passage, edit type)
TRIPLES = [
    (
        "The Distributor shall reimburse the Agent for approved travel costs.",
        "The Distributor shall reimburse the Agent for all approved travel costs incurred in the Territory.",
        "The Agent shall reimburse the Distributor for all approved travel costs incurred in the Territory.",
        "role_swap",
    ),
    (
        "Contractors are permitted to access the data centre unescorted.",
        "After completing induction, contractors are permitted to access the data centre unescorted.",
        "After completing induction, contractors are not permitted to access the data centre unescorted.",
        "negation",
    ),
    (
        "Server A runs the database and server B runs the web frontend.",
        "In the staging cluster, server A runs the database and server B runs the web frontend.",
        "In the staging cluster, server A runs the web frontend and server B runs the database.",
        "binding",
    ),
    (
        "Back up the configuration before upgrading the firmware.",
        "Always back up the configuration before upgrading the firmware of the gateway.",
        "Always back up the configuration after upgrading the firmware of the gateway.",
        "temporal",
    ),
    (
        "The emergency exit is to the left of the elevator.",
        "On every floor of the annex, the emergency exit is to the left of the elevator.",
        "On every floor of the annex, the emergency exit is to the right of the elevator.",
        "spatial",
    ),
    (
        "Refunds are issued within 14 days.",
        "Refunds are issued within 14 days of the returned goods being received.",
        "Refunds are issued within 40 days of the returned goods being received.",
        "numeric",
    ),
    (
        "All employees except interns are eligible for the annual bonus.",
        "All employees except interns are eligible for the annual bonus, paid in March.",
        "All employees including interns are eligible for the annual bonus, paid in March.",
        "scope",
    ),
    (
        "All visitors must wear safety goggles in the workshop.",
        "All visitors must wear safety goggles in the workshop at all times.",
        "Some visitors must wear safety goggles in the workshop at all times.",
        "quantifier",
    ),
]

# (query, passage that says the same in other words)
REWRITES = [
    ("The auditor reviews the accounts every year.", "The accounts are reviewed by the auditor every year."),
    ("If the alarm sounds, staff must leave the building.", "Staff must leave the building if the alarm sounds."),
    ("Who approves purchase orders above 10,000 EUR?", "Purchase orders above 10,000 EUR are approved by the CFO."),
    ("The warranty lasts two years.", "The warranty lasts 2 years from the date of purchase."),
]


@pytest.fixture(scope="module", params=["default", "accurate"])
def shipped_verifier(request, real_verifier) -> Verifier:
    """Each shipped checkpoint: the claims below hold for the fast default (the session's, not a second load) and for
    the larger accurate one."""
    return real_verifier if request.param == "default" else Verifier.from_pretrained(request.param)


@pytest.mark.parametrize("query, true, twin, edit", TRIPLES, ids=[t[3] for t in TRIPLES])
def test_the_stating_passage_outscores_its_near_miss(shipped_verifier, query, true, twin, edit):
    true_score, twin_score = shipped_verifier.score(query, [true, twin])
    assert true_score > twin_score, f"{edit}: {true_score:.3f} vs {twin_score:.3f}"


def test_reranking_without_a_threshold_puts_stating_clauses_above_their_twins(shipped_verifier):
    """The blind hand-written domain cases (examples/domain_cases.jsonl, never trained on): with nothing filtered
    out, the order alone must still put the clause that states the query above its near-miss twin. The shipped
    checkpoint does so for 46 of 48 (BENCHMARKS.md, fourteenth round); accepted-first with relevance inside each
    group managed 44."""
    pairs = read_pairs(DOMAIN_CASES)
    stating = {p.query: p.passage for p in pairs if p.label == 1}
    twins = [p for p in pairs if p.label == 0]
    first = [shipped_verifier.rank(t.query, [t.passage, stating[t.query]], threshold=None)[0][0] for t in twins]
    assert sum(index == 1 for index in first) >= 45, first


@pytest.mark.parametrize(
    "query, true, twin, edit",
    [t for t in TRIPLES if t[3] in {"role_swap", "negation", "binding"}],
    ids=["role_swap", "negation", "binding"],
)
def test_swaps_negations_and_rebindings_are_rejected_and_the_true_passage_kept(shipped_verifier, query, true, twin, edit):
    true_verdict, twin_verdict = shipped_verifier.verify(query, [true, twin])
    assert true_verdict.accepted and not twin_verdict.accepted, edit
    assert true_verdict.score - twin_verdict.score > 0.5, edit


def test_a_present_tense_clause_is_told_from_its_parties_swapped(shipped_verifier):
    """The project's own example. Until the thirty-fifth round the role tags read "Licensee indemnifies" as one plural
    noun phrase, leaving the sentence without a verb, and the default accepted the swap (0.91; BENCHMARKS.md)."""
    query = "The Licensee indemnifies the Licensor."
    swapped, passive = shipped_verifier.verify(
        query, ["The Licensor indemnifies the Licensee.", "The Licensor is indemnified by the Licensee."]
    )
    assert not swapped.accepted and passive.accepted, (swapped.score, passive.score)


def test_meaning_preserving_rewrites_are_accepted(shipped_verifier):
    accepted = [shipped_verifier.verify(query, [passage])[0].accepted for query, passage in REWRITES]
    assert sum(accepted) >= len(REWRITES) - 1, accepted


def test_maxsim_cannot_separate_swaps_that_the_verifier_separates(real_verifier):
    maxsim = MaxSimScorer(real_verifier.encoder, cache=real_verifier.cache)
    for query, true, twin, edit in TRIPLES:
        if edit in {"role_swap", "binding"}:
            true_sim, twin_sim = maxsim.score(query, [true, twin])
            assert abs(true_sim - twin_sim) < 0.05, edit


def test_a_passive_is_told_from_the_same_parties_swapped(shipped_verifier):
    """examples/voice_cases.jsonl (hand-written, never trained on): a true passive names the parties in the opposite
    order, a role swap in the passive in the same order. Every checkpoint before the thirty-second round was at chance
    here (ROC-AUC 0.62 for the previous default, 0.44 for `accurate`); the default reaches 0.97 and, since the
    thirty-ninth round, `accurate` 0.98 (BENCHMARKS.md)."""
    pairs = read_pairs(DOMAIN_CASES.parent / "voice_cases.jsonl")
    scores = [shipped_verifier.score(p.query, [p.passage])[0] for p in pairs]
    assert roc_auc(scores, [p.label for p in pairs]) >= 0.85
    passives_kept = [s >= shipped_verifier.threshold for s, p in zip(scores, pairs) if p.label == 1]
    assert sum(passives_kept) >= 12, passives_kept


def test_parties_named_by_their_part_are_told_from_their_roles_swapped(shipped_verifier):
    """examples/party_cases.jsonl (hand-written, never trained on): "the receiving party", "the indemnifying party",
    "the issuing bank". Until the fortieth round the tagger read the -ing word as a verb, so such a clause had no agent
    and the role features saw nothing: ROC-AUC 0.85 for the default and 0.86 for `accurate` (BENCHMARKS.md)."""
    pairs = read_pairs(DOMAIN_CASES.parent / "party_cases.jsonl")
    scores = [shipped_verifier.score(p.query, [p.passage])[0] for p in pairs]
    assert roc_auc(scores, [p.label for p in pairs]) >= 0.95
    accepted = [s >= shipped_verifier.threshold for s in scores]
    assert sum(a for a, p in zip(accepted, pairs) if p.label == 0) <= 1
    assert sum(a for a, p in zip(accepted, pairs) if p.label == 1) >= 9


# (query, a true wording, the same wording with the query's party replaced by its counterpart): written for this test
COUNTERPARTS = [
    (
        "The franchisor provides the marketing materials.",
        "Marketing materials are supplied by the franchisor at its own cost.",
        "Marketing materials are supplied by the franchisee at its own cost.",
    ),
    (
        "The lessor repairs the roof.",
        "The lessor shall repair the roof within thirty days of notice.",
        "The lessee shall repair the roof within thirty days of notice.",
    ),
    (
        "The buyer arranges the inspection.",
        "The buyer arranges the inspection before delivery.",
        "The seller arranges the inspection before delivery.",
    ),
    (
        "The licensee pays the annual fee.",
        "The annual fee is paid by the licensee in January.",
        "The annual fee is paid by the licensor in January.",
    ),
    (
        "The borrower insures the collateral.",
        "The borrower shall insure the collateral at all times.",
        "The lender shall insure the collateral at all times.",
    ),
    (
        "The employee returns the laptop on termination.",
        "On termination, the laptop is returned by the employee.",
        "On termination, the laptop is returned by the employer.",
    ),
    (
        "The tenant pays the water bills.",
        "Water bills are paid by the tenant every quarter.",
        "Water bills are paid by the landlord every quarter.",
    ),
    (
        "The supplier delivers the spare parts.",
        "Spare parts are delivered by the supplier within five days.",
        "Spare parts are delivered by the customer within five days.",
    ),
]


def test_the_default_rejects_a_party_put_in_its_counterparts_place(real_verifier):
    """The default's counterparty check (BENCHMARKS.md, forty-eighth round). Its five members alone accepted five of
    these eight substitutions at their threshold; with the check the default accepts one (the water bills, 0.55)."""
    verdicts = [real_verifier.verify(query, [true, swapped]) for query, true, swapped in COUNTERPARTS]
    assert all(true.score > swapped.score for true, swapped in verdicts), [(t.score, s.score) for t, s in verdicts]
    assert sum(swapped.accepted for _, swapped in verdicts) <= 1
    assert sum(true.accepted for true, _ in verdicts) >= 7


# The same edit with parties the generator never wrote, which only the flag's lexicon knows: written for this test
UNSEEN_COUNTERPARTS = [
    ("The grantee pays the recording fees.", "Recording fees are paid by the grantee.", "Recording fees are paid by the grantor."),
    (
        "The transferor warrants clear title.",
        "The transferor warrants that it holds clear title to the shares.",
        "The transferee warrants that it holds clear title to the shares.",
    ),
    (
        "The obligee may assign the receivable.",
        "The receivable may be assigned by the obligee without consent.",
        "The receivable may be assigned by the obligor without consent.",
    ),
    (
        "The trustee files the annual tax return.",
        "The annual tax return of the trust is filed by the trustee.",
        "The annual tax return of the trust is filed by the beneficiary.",
    ),
    (
        "The consignee inspects the goods on arrival.",
        "On arrival the goods are inspected by the consignee.",
        "On arrival the goods are inspected by the shipper.",
    ),
    (
        "The Consultant supplies the laptop.",
        "The Consultant shall supply its own laptop and software.",
        "The Company shall supply its own laptop and software.",
    ),
]


def test_the_counterparty_check_carries_over_to_parties_no_one_trained_on(real_verifier):
    """Pairs of ``shared.parties.FLAG_ONLY_PAIRS`` (BENCHMARKS.md, fiftieth round). Without them in the flag's lexicon
    the default accepted three of these six substitutions (grantor 0.98, transferee 0.97, obligor 0.95) and put three
    at least 0.3 below their true wording; with them it accepts two (0.59, 0.44) and puts five that far below."""
    verdicts = [real_verifier.verify(query, [true, swapped]) for query, true, swapped in UNSEEN_COUNTERPARTS]
    margins = [true.score - swapped.score for true, swapped in verdicts]
    assert sum(margin >= 0.3 for margin in margins) >= 5, margins
    assert sum(swapped.accepted for _, swapped in verdicts) <= 2
    assert sum(true.accepted for true, _ in verdicts) >= 5
