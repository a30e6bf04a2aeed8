"""The main job: dense retrieval vs verified retrieval, side by side, over the embedded Chroma default."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .chroma_store import Hit, dense_search, open_collection, read_corpus, upsert_records
from .verdict import Verdict, accepted_best_first
from .verifier import Verifier

DEFAULT_CORPUS = Path("examples/demo_corpus.jsonl")
DEFAULT_QUESTIONS = Path("examples/demo_questions.txt")
DEFAULT_STORE = Path(".rag-verify/demo")
COLLECTION = "rag-verify-demo"


@dataclass(frozen=True)
class Comparison:
    query: str
    hits: list[Hit]
    verdicts: list[Verdict]

    @property
    def verified(self) -> list[tuple[Hit, Verdict]]:
        """Accepted hits in the verifier's order (highest ``rank_score`` first)."""
        return [(self.hits[i], verdict) for i, verdict in accepted_best_first(self.verdicts)]


def compare(collection, verifier: Verifier, query: str, k: int) -> Comparison:
    hits = dense_search(collection, query, k)
    return Comparison(query, hits, verifier.verify(query, [h.text for h in hits]))


def print_comparison(number: int, comparison: Comparison, out: TextIO) -> None:
    print(f"\nQ{number}  {comparison.query}", file=out)
    print(f"    {'dense rank / id':<34}{'cosine':>7}{'verifier':>10}  verdict", file=out)
    for rank, (hit, verdict) in enumerate(zip(comparison.hits, comparison.verdicts), 1):
        twin = "  (near-miss twin)" if "near_miss_of" in hit.metadata else ""
        status = "accept" if verdict.accepted else "REJECT"
        print(f"    {rank}. {hit.id:<31}{hit.cosine:>7.3f}{verdict.score:>10.3f}  {status}{twin}", file=out)
    verified = comparison.verified
    best = f"{verified[0][0].id} ({verified[0][1].score:.3f})" if verified else "nothing accepted"
    print(f"    dense top-1: {comparison.hits[0].id}  |  verified top-1: {best}", file=out)


def run_demo(
    out: TextIO,
    *,
    corpus: Path = DEFAULT_CORPUS,
    questions: Path = DEFAULT_QUESTIONS,
    store: Path = DEFAULT_STORE,
    k: int = 4,
) -> list[Comparison]:
    """Index the corpus (idempotently), ask every question, print dense vs verified results."""
    for path in (corpus, questions):
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found; run the demo from the repository root or pass --corpus/--questions.")
    started = time.perf_counter()
    records = read_corpus(corpus)
    collection = open_collection(store / "chroma", COLLECTION)
    added = upsert_records(collection, records)
    verifier = Verifier.from_pretrained(cache=store / "token-cache.sqlite")
    verifier.index([r.text for r in records])
    print(
        f"Chroma collection {COLLECTION!r} at {store / 'chroma'}: {collection.count()} passages "
        f"({added} added this run); verifier threshold {verifier.threshold:.3f}",
        file=out,
    )
    queries = [line.strip() for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    comparisons = [compare(collection, verifier, query, k) for query in queries]
    for number, comparison in enumerate(comparisons, 1):
        print_comparison(number, comparison, out)
    caught = sum(
        "near_miss_of" in c.hits[0].metadata and not c.verdicts[0].accepted for c in comparisons
    )
    twins_first = sum("near_miss_of" in c.hits[0].metadata for c in comparisons)
    twins_verified = sum(bool(c.verified) and "near_miss_of" in c.verified[0][0].metadata for c in comparisons)
    nothing = sum(not c.verified for c in comparisons)
    print(
        f"\nDense retrieval put a near-miss twin first for {twins_first} of {len(comparisons)} questions; "
        f"the verifier rejected {caught} of those.\nVerified top-1 was a near-miss twin for {twins_verified} "
        f"questions; nothing was accepted for {nothing}. ({time.perf_counter() - started:.1f} s)",
        file=out,
    )
    return comparisons
