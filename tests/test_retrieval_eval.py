"""``eval beir`` ranks candidates the way the product does, and scores that ranking correctly."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from conftest import CLAUSE_QUERY, CLAUSE_TEXTS
from shared.evaluation.beir import BeirData
from shared.evaluation.filtering import evaluate_filtering
from shared.evaluation.retrieval import evaluate_retrieval
from shared.evaluation.scorers import by_score, cosine_scorer, verifier_accept, verifier_order


def test_by_score_is_descending_and_stable() -> None:
    order = by_score(lambda query, passages: [0.2, 0.9, 0.2, 0.5])("q", ["a", "b", "c", "d"])
    assert order == [1, 3, 0, 2]


def test_verifier_order_is_the_rank_users_get_with_nothing_dropped(tiny_verifier) -> None:
    order = verifier_order(tiny_verifier)(CLAUSE_QUERY, CLAUSE_TEXTS)
    assert sorted(order) == list(range(len(CLAUSE_TEXTS)))
    assert order == [i for i, _ in tiny_verifier.rank(CLAUSE_QUERY, CLAUSE_TEXTS, threshold=None)]


def test_retrieval_report_scores_each_reranker_over_the_dense_candidates(tmp_path: Path) -> None:
    data = BeirData(
        corpus={
            "pay": "The Buyer pays the Seller each invoice within 30 days.",
            "cat": "The cat sat on the mat in the sun.",
            "bolt": "Tighten the cylinder head bolts to 45 Nm.",
        },
        queries={"q": "Who pays the invoices?"},
        qrels={"q": {"pay": 1}},
    )

    def worst_first(query: str, passages: list[str]) -> list[int]:
        return sorted(range(len(passages)), key=lambda i: passages[i] == data.corpus["pay"])

    def as_given(query: str, passages: list[str]) -> list[int]:
        return list(range(len(passages)))

    out = io.StringIO()
    rerankers = {"worst": worst_first, "as given": as_given}
    results = {r.name: r for r in evaluate_retrieval(data, rerankers, out, depth=3, cache_dir=tmp_path)}
    assert results["dense"].ndcg10 == pytest.approx(1.0)
    assert results["dense + worst (top 3)"].ndcg10 == pytest.approx(0.5)  # relevant one third: 1 / log2(4)
    assert results["dense + worst (top 3)"].recall_depth == pytest.approx(1.0)
    assert "| dense + worst (top 3) | 0.500 |" in out.getvalue()
    # differences against the first re-ranker, with their paired interval (one query: no spread)
    assert "nDCG@10 minus dense + worst (top 3)'s" in out.getvalue()
    assert "| dense + as given (top 3) | +0.500 | +0.500 to +0.500 |" in out.getvalue()
    assert "| dense | +0.500 | +0.500 to +0.500 |" in out.getvalue()


def test_filter_report_counts_what_is_kept_among_the_first_candidates_only() -> None:
    data = BeirData(
        corpus={"pay": "The Buyer pays the Seller.", "owe": "The Buyer owes the Seller.", "cat": "The cat sat.", "dog": "A dog ran."},
        queries={"q1": "Who pays?", "q2": "Who owes?", "q3": "Any pets?"},
        qrels={"q1": {"pay": 1}, "q2": {"owe": 2}},
    )
    candidates = {"q1": ["pay", "cat", "owe"], "q2": ["cat", "owe", "dog"], "q3": ["dog", "cat", "pay"]}

    def pays_only(query: str, passages: list[str]) -> list[bool]:
        return ["pays" in passage for passage in passages]

    out = io.StringIO()
    results = {
        r.name: r
        for r in evaluate_filtering(data, candidates, {"pays": pays_only, "none": lambda q, ps: [False] * len(ps)}, out, depth=2)
    }
    # Top 2 only: q1 keeps its relevant "pay"; q2's relevant "owe" is rejected; "pay" third for q3 is never seen.
    assert results["pays"].relevant_kept == pytest.approx(1 / 2)
    assert results["pays"].others_kept == 0.0
    assert results["pays"].answered == pytest.approx(1 / 2)
    assert (results["none"].relevant_kept, results["none"].answered) == (0.0, 0.0)
    assert "| pays | 0.500 | 0.000 | 0.500 |" in out.getvalue()


def test_verifier_accept_is_the_decision_users_get(tiny_verifier) -> None:
    accepted = verifier_accept(tiny_verifier)(CLAUSE_QUERY, CLAUSE_TEXTS)
    assert accepted == [v.accepted for v in tiny_verifier.verify(CLAUSE_QUERY, CLAUSE_TEXTS)]


class _CountingEmbedder:
    """Deterministic unit vectors per text, counting model calls: plumbing only, no claim about quality."""

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts, *, progress: bool = False, batch_size: int = 32) -> list[list[float]]:
        self.calls += 1
        rows = [np.random.default_rng(sum(map(ord, text))).normal(size=8) for text in texts]
        return [list(row / np.linalg.norm(row)) for row in rows]


def test_pooled_cosine_embeds_an_evaluation_once_and_scores_by_dot_product() -> None:
    embedder = _CountingEmbedder()
    scorer = cosine_scorer(embedder)
    texts = ["q1", "a", "b", "q2", "c"]
    scorer.index(texts)
    assert embedder.calls == 1
    scores = scorer.score_pairs(["q1", "q1", "q2"], ["a", "b", "c"], progress=False)
    assert embedder.calls == 1  # every text was embedded by index
    vectors = dict(zip(texts, np.asarray(embedder.embed(texts))))
    expected = [vectors["a"] @ vectors["q1"], vectors["b"] @ vectors["q1"], vectors["c"] @ vectors["q2"]]
    assert scores == pytest.approx(expected)
    scorer.score("q3", ["a"])  # a text it has not seen is embedded on demand
    assert embedder.calls == 3
