"""Plumbing of the public API, on a tiny random model (fast); behaviour claims are in test_verifier_quality."""

import asyncio
from pathlib import Path

import pytest
import torch

from conftest import make_tiny_verifier
from shared import Verdict
from shared.verdict import VERIFICATION_WEIGHT, accepted_best_first


def test_empty_candidate_list_needs_no_model():
    verifier = make_tiny_verifier()
    assert verifier.verify("who pays", []) == []
    assert verifier.score("who pays", []) == []
    assert verifier.rank("who pays", []) == []
    assert not verifier.is_loaded


def test_bad_inputs_fail_early_and_clearly(tiny_verifier):
    with pytest.raises(ValueError, match="empty"):
        tiny_verifier.verify("  ", ["x"])
    with pytest.raises(TypeError, match=r"passages\[1\]"):
        tiny_verifier.verify("q", ["x", None])
    with pytest.raises(ValueError, match="threshold"):
        tiny_verifier.verify("q", ["x"], threshold=1.5)
    with pytest.raises(ValueError, match="top_n"):
        tiny_verifier.rank("q", ["x"], top_n=-1)
    with pytest.raises(ValueError, match="no tokens"):
        tiny_verifier.verify("\u200b", ["x"])


def test_scores_are_python_floats_in_unit_interval(tiny_verifier):
    passages = ["The Buyer pays the Seller.", "", "   ", "x" * 3000, "Ünïcödé 🚀 текст"]
    verdicts = tiny_verifier.verify("Who pays the Seller?", passages)
    assert len(verdicts) == len(passages)
    for verdict in verdicts:
        assert isinstance(verdict, Verdict)
        assert type(verdict.score) is float and 0.0 <= verdict.score <= 1.0
        assert type(verdict.maxsim) is float
    assert verdicts[1].score == 0.0 and not verdicts[1].accepted  # nothing to verify in an empty passage


def test_threshold_override_and_none(tiny_verifier):
    passages = ["alpha beta", "gamma delta", "alpha"]
    scores = tiny_verifier.score("alpha beta", passages)
    cut = sorted(scores)[1]
    accepted = [v.accepted for v in tiny_verifier.verify("alpha beta", passages, threshold=cut)]
    assert accepted == [s >= cut for s in scores]
    assert all(v.accepted and v.threshold is None for v in tiny_verifier.verify("alpha beta", passages, threshold=None))
    assert all(v.threshold == tiny_verifier.threshold for v in tiny_verifier.verify("alpha beta", passages))


def test_rank_applies_threshold_before_top_n(tiny_verifier):
    passages = [f"clause {i} about payment and delivery {i * 'x'}" for i in range(8)]
    scores = tiny_verifier.score("payment clause", passages)
    cut = sorted(scores)[4]
    everything = tiny_verifier.rank("payment clause", passages, threshold=cut)
    assert sorted(i for i, _ in everything) == [i for i, s in enumerate(scores) if s >= cut]
    ranked = tiny_verifier.rank("payment clause", passages, top_n=2, threshold=cut)
    assert ranked == everything[:2]
    assert all(scores[i] == v.score for i, v in ranked)


def test_rank_score_is_relevance_plus_weighted_probability(tiny_verifier):
    passages = ["The Licensee indemnifies the Licensor.", "Payment is due within 30 days of the invoice."]
    verdicts = tiny_verifier.verify("Who indemnifies the Licensor?", passages)
    query, *texts = tiny_verifier.encoder.encode(["Who indemnifies the Licensor?", *passages])
    for verdict, text in zip(verdicts, texts):
        sim = query @ text.T
        maxsim = float(sim.max(dim=1).values.mean())
        mean_cosine = float(torch.nn.functional.cosine_similarity(query.mean(0), text.mean(0), dim=0))
        assert verdict.maxsim == pytest.approx(maxsim, abs=1e-5)
        relevance = maxsim + 0.5 * mean_cosine
        assert verdict.rank_score == pytest.approx(relevance + VERIFICATION_WEIGHT * verdict.score, abs=1e-5)


def test_accepted_passages_come_in_rank_score_order():
    def verdict(score: float, rank_score: float) -> Verdict:
        return Verdict(score=score, accepted=score >= 0.2, maxsim=rank_score, rank_score=rank_score, threshold=0.2)

    verdicts = [verdict(0.99, 0.5), verdict(0.1, 0.99), verdict(0.6, 0.9), verdict(0.3, 0.95), verdict(0.7, 0.9)]
    # 1 is rejected; 2 and 4 tie on rank_score and keep their input order
    assert [i for i, _ in accepted_best_first(verdicts)] == [3, 2, 4, 0]
    assert [i for i, _ in accepted_best_first(verdicts, 2)] == [3, 2]


def test_rank_without_threshold_orders_by_relevance_plus_weighted_probability(tiny_verifier):
    passages = [f"clause {i} about payment and delivery {i * 'x'}" for i in range(6)]
    verdicts = tiny_verifier.verify("payment clause", passages, threshold=None)
    ranked = tiny_verifier.rank("payment clause", passages, threshold=None)
    keys = [v.rank_score for v in verdicts]
    assert [i for i, _ in ranked] == sorted(range(len(passages)), key=lambda i: -keys[i])


def test_async_matches_sync(tiny_verifier):
    passages = ["The Licensee indemnifies the Licensor.", "The Licensor indemnifies the Licensee."]
    sync = tiny_verifier.verify("Who indemnifies whom?", passages)

    async def both():
        return await asyncio.gather(
            tiny_verifier.averify("Who indemnifies whom?", passages),
            tiny_verifier.arank("Who indemnifies whom?", passages, threshold=None),
            tiny_verifier.ascore("Who indemnifies whom?", passages),
        )

    verified, ranked, scores = asyncio.run(both())
    assert verified == sync
    assert scores == [v.score for v in sync]
    assert sorted(i for i, _ in ranked) == [0, 1]


def test_index_fills_the_cache_so_queries_do_not_reencode(tiny_verifier):
    verifier = make_tiny_verifier()
    passages = ["first indexed clause", "second indexed clause"]
    assert verifier.index(passages, progress=False) == 2
    before = len(verifier.cache)
    verifier.score("a query", passages)
    assert len(verifier.cache) == before + 1  # only the query was new


def test_explain_draws_a_heatmap(tiny_verifier, tmp_path):
    explanation = tiny_verifier.explain("Who pays the Seller?", "The Buyer pays the Seller within 30 days.")
    assert explanation.similarity.shape == (len(explanation.query_tokens), len(explanation.passage_tokens))
    assert [q for q, _, _ in explanation.best_matches] == explanation.query_tokens
    assert "score=" in str(explanation)
    path = explanation.to_png(tmp_path / "map.png")
    assert Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
