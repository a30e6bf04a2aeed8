"""The evaluation metrics: what each one rewards, checked on cases where they disagree."""

import math

import numpy as np
import pytest

from shared.evaluation.metrics import false_acceptance_at_recall, paired_bootstrap, roc_auc, within_query_auc
from shared.evaluation.pair_report import report_rows, to_markdown
from shared.pairs import Pair


def test_roc_auc_counts_ties_half_and_needs_both_classes():
    assert roc_auc([0.9, 0.1], [1, 0]) == 1.0
    assert roc_auc([0.5, 0.5], [1, 0]) == 0.5
    assert math.isnan(roc_auc([0.3, 0.4], [1, 1]))


def test_within_query_ranking_ignores_offsets_between_queries():
    """Query b's scores all sit above query a's: globally a's positive loses to b's negative, yet within each
    query the stating passage comes first, which is all a re-ranker needs."""
    queries = ["a", "a", "b", "b", "c"]
    scores = [0.3, 0.1, 0.9, 0.7, 0.5]
    labels = [1, 0, 1, 0, 1]
    assert roc_auc(scores, labels) < 1.0
    assert within_query_auc(queries, scores, labels) == 1.0
    assert within_query_auc(queries, [0.1, 0.3, 0.9, 0.7, 0.5], labels) == 0.5
    assert math.isnan(within_query_auc(["a", "b"], [0.1, 0.2], [1, 0]))


def test_false_acceptance_is_measured_at_the_cut_that_keeps_95_percent_of_positives():
    scores = [float(i) for i in range(20)] + [5.0, 15.0]
    labels = [1] * 20 + [0, 0]
    # keeping 19 of 20 positives puts the cut at 1.0: both negatives pass it
    assert false_acceptance_at_recall(scores, labels) == 1.0


def test_pair_report_prints_the_within_query_line():
    pairs = [Pair("q1", "p", 1, "claim"), Pair("q1", "p'", 0, "role_swap"), Pair("q2", "r", 1, "claim"), Pair("q2", "r'", 0, "role_swap")]
    text = to_markdown(report_rows("verifier", pairs, [0.4, 0.2, 0.9, 0.6], threshold=0.5))
    assert "Within-query ranking (mean ROC-AUC over queries with both a positive and a negative passage): verifier: 1.000" in text
    assert "| all | 4 | 0.750 |" in text


def test_paired_bootstrap_interval_is_about_the_per_item_differences():
    rng = np.random.default_rng(1)
    first = rng.random(300)
    assert paired_bootstrap(first, first) == (0.0, 0.0, 0.0)
    shifted = paired_bootstrap(first, first + 0.1)  # every item better by the same amount: no doubt about it
    assert shifted == pytest.approx((0.1, 0.1, 0.1))
    noisy = first + rng.normal(0.01, 0.2, size=300)  # a small gain under large per-query noise spans zero
    difference, low, high = paired_bootstrap(first, noisy)
    assert low < 0.0 < high and low < difference < high
    assert difference == pytest.approx(float(np.mean(noisy - first)))
    with pytest.raises(ValueError, match="equally long"):
        paired_bootstrap([], [])
