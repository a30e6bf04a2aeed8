"""Metrics for "does this passage match": ranking quality and the cost of a recall-preserving cut-off."""

from __future__ import annotations

from typing import Sequence

import numpy as np


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Probability a random positive outscores a random negative (ties count half); NaN with one class."""
    scores_arr = np.asarray(scores, dtype=np.float64)
    labels_arr = np.asarray(labels) > 0
    positives, negatives = int(labels_arr.sum()), int((~labels_arr).sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(scores_arr, kind="mergesort")
    ranks = np.empty(len(scores_arr))
    sorted_scores = scores_arr[order]
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[labels_arr].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def threshold_at_recall(scores: Sequence[float], labels: Sequence[int], recall: float = 0.95) -> float:
    """The highest cut-off that still accepts ``recall`` of the positives."""
    positive_scores = np.sort(np.asarray(scores, dtype=np.float64)[np.asarray(labels) > 0])
    if len(positive_scores) == 0:
        return float("nan")
    index = int(np.floor((1 - recall) * len(positive_scores)))
    return float(positive_scores[min(index, len(positive_scores) - 1)])


def false_acceptance_at_recall(
    scores: Sequence[float], labels: Sequence[int], recall: float = 0.95, *, cut: float | None = None
) -> float:
    """Share of negatives accepted at the cut-off that keeps ``recall`` of positives (or at ``cut``)."""
    scores_arr = np.asarray(scores, dtype=np.float64)
    negatives = np.asarray(labels) <= 0
    if not negatives.any():
        return float("nan")
    cut = threshold_at_recall(scores, labels, recall) if cut is None else cut
    return float((scores_arr[negatives] >= cut).mean())


def accuracy(scores: Sequence[float], labels: Sequence[int], threshold: float) -> float:
    predicted = np.asarray(scores, dtype=np.float64) >= threshold
    return float((predicted == (np.asarray(labels) > 0)).mean())


def within_query_auc(queries: Sequence[str], scores: Sequence[float], labels: Sequence[int]) -> float:
    """Mean ROC-AUC over the queries that have both a positive and a negative passage: how often a re-ranker
    puts the stating passage above its near-miss for the same query, whatever the scores' scale across
    queries (which the global ROC-AUC and the threshold also depend on). NaN when no query has both."""
    groups: dict[str, list[int]] = {}
    for index, query in enumerate(queries):
        groups.setdefault(query, []).append(index)
    scores_arr, labels_arr = np.asarray(scores, dtype=np.float64), np.asarray(labels)
    values = [roc_auc(scores_arr[rows], labels_arr[rows]) for rows in groups.values()]
    values = [v for v in values if v == v]
    return float(np.mean(values)) if values else float("nan")


def paired_bootstrap(
    first: Sequence[float], second: Sequence[float], *, resamples: int = 2000, seed: int = 0
) -> tuple[float, float, float]:
    """Mean of ``second - first`` over paired items (queries) and its 95% bootstrap interval, resampling the items:
    two rankers a few thousandths of nDCG@10 apart on 300 queries may be level, and this says whether they are."""
    differences = np.asarray(second, dtype=np.float64) - np.asarray(first, dtype=np.float64)
    if differences.ndim != 1 or len(differences) == 0:
        raise ValueError(f"need two equally long, non-empty lists of per-item scores; got {len(first)} and {len(second)}.")
    picks = np.random.default_rng(seed).integers(0, len(differences), size=(resamples, len(differences)))
    low, high = np.quantile(differences[picks].mean(axis=1), [0.025, 0.975])
    return float(differences.mean()), float(low), float(high)
