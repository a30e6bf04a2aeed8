"""Retrieval evaluation: dense recall, then re-ranking of the top candidates by MaxSim or a verifier.

Document embeddings (pooled and token-level) are cached on disk, so re-running an evaluation after
retraining a verifier costs only the map model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Callable, TextIO

import numpy as np
from tqdm.auto import tqdm

from ..dense import DenseEmbedder
from .beir import BeirData, ndcg_at_k, recall_at_k
from .metrics import paired_bootstrap

DEFAULT_CACHE_DIR = Path(".rag-verify/eval-cache")

#: Passage indices, best first.
Reranker = Callable[[str, list[str]], list[int]]


def dense_embeddings(embedder: DenseEmbedder, texts: list[str], cache_dir: Path, label: str) -> np.ndarray:
    """Pooled embeddings, cached as .npy keyed by the texts' hash and the model name."""
    digest = hashlib.sha256(("\x00".join(texts) + embedder.name).encode()).hexdigest()[:16]
    path = cache_dir / f"{label}-{digest}.npy"
    if path.is_file():
        return np.load(path)
    vectors = np.asarray(embedder.embed(texts, progress=True, batch_size=64), dtype=np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


@dataclass
class RetrievalResult:
    name: str
    ndcg10: float
    recall10: float
    recall_depth: float


def dense_candidates(data: BeirData, *, depth: int = 50, cache_dir: Path = DEFAULT_CACHE_DIR) -> dict[str, list[str]]:
    """Each query's ``depth`` best documents by pooled cosine: the first stage every re-ranker and filter starts from."""
    embedder = DenseEmbedder()
    doc_ids = list(data.corpus)
    doc_vectors = dense_embeddings(embedder, [data.corpus[d] for d in doc_ids], cache_dir, "corpus")
    query_ids = list(data.queries)
    query_vectors = np.asarray(embedder.embed([data.queries[q] for q in query_ids]), dtype=np.float32)
    top = np.argsort(-(query_vectors @ doc_vectors.T), axis=1)[:, :depth]
    return {q: [doc_ids[i] for i in row] for q, row in zip(query_ids, top)}


def evaluate_retrieval(
    data: BeirData,
    rerankers: dict[str, Reranker],
    out: TextIO,
    *,
    depth: int = 50,
    cache_dir: Path = DEFAULT_CACHE_DIR,
    index: Callable[[list[str]], object] | None = None,
    candidates: dict[str, list[str]] | None = None,
) -> list[RetrievalResult]:
    """nDCG@10 and recall for dense retrieval and for each re-ranker over dense's top ``depth`` (``candidates``, when
    the caller already has them)."""
    if candidates is None:
        candidates = dense_candidates(data, depth=depth, cache_dir=cache_dir)
    candidates = {query_id: docs[:depth] for query_id, docs in candidates.items()}
    query_ids = list(data.queries)
    if index is not None:
        index(sorted({data.corpus[d] for docs in candidates.values() for d in docs}))

    rankings = {"dense": candidates}
    for name, rerank in rerankers.items():
        ranked = {}
        for query_id in tqdm(query_ids, desc=f"re-ranking with {name}", unit="query", leave=False):
            docs = candidates[query_id]
            ranked[query_id] = [docs[i] for i in rerank(data.queries[query_id], [data.corpus[d] for d in docs])]
        rankings[f"dense + {name} (top {depth})"] = ranked

    results, per_query = [], {}
    for name, ranked in rankings.items():
        per_query[name] = [ndcg_at_k(ranked[q], data.qrels[q]) for q in query_ids]
        results.append(
            RetrievalResult(
                name,
                mean(per_query[name]),
                mean(recall_at_k(ranked[q], data.qrels[q], 10) for q in query_ids),
                mean(recall_at_k(ranked[q], data.qrels[q], depth) for q in query_ids),
            )
        )
    print(f"| ranking | nDCG@10 | Recall@10 | Recall@{depth} |", file=out)
    print("|---|---|---|---|", file=out)
    for result in results:
        print(f"| {result.name} | {result.ndcg10:.3f} | {result.recall10:.3f} | {result.recall_depth:.3f} |", file=out)
    _print_differences(per_query, out)
    return results


def _print_differences(per_query: dict[str, list[float]], out: TextIO) -> None:
    """Each re-ranking's nDCG@10 against the first re-ranker's (the first checkpoint given), query by query, with a
    paired bootstrap interval: whether a small difference between two verifiers is one."""
    names = list(per_query)
    if len(names) < 3:
        return
    reference, others = names[1], names[2:]
    print(f"\nnDCG@10 minus {reference}'s, per query (mean and 95% paired bootstrap interval):\n", file=out)
    print("| ranking | difference | 95% interval |", file=out)
    print("|---|---|---|", file=out)
    for name in [names[0], *others]:
        difference, low, high = paired_bootstrap(per_query[reference], per_query[name])
        print(f"| {name} | {difference:+.3f} | {low:+.3f} to {high:+.3f} |", file=out)
