"""What a verifying retriever keeps: of dense retrieval's top k, the share of relevant and of other documents a
verifier accepts at its threshold.

Re-ranking figures (nDCG@10) order every candidate and never drop one, so they cannot show what the threshold costs.
A user's retriever returns only the accepted passages: a verifier that rejects most of the relevant ones leaves the
chain with nothing to answer from, however well it would have ranked them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TextIO

from tqdm.auto import tqdm

from .beir import BeirData

#: Whether each passage is accepted for the query.
Filter = Callable[[str, list[str]], list[bool]]


@dataclass
class FilterResult:
    name: str
    relevant_kept: float  # share of the relevant documents among the candidates that are accepted
    others_kept: float  # share of the other candidates that are accepted
    answered: float  # share of the queries with a relevant candidate that keep at least one


def evaluate_filtering(
    data: BeirData, candidates: dict[str, list[str]], filters: dict[str, Filter], out: TextIO, *, depth: int = 10
) -> list[FilterResult]:
    """Each filter over the first ``depth`` of each query's ``candidates`` (a document is relevant when its qrel > 0)."""
    results = []
    for name, accept in filters.items():
        kept = {True: 0, False: 0}
        seen = {True: 0, False: 0}
        answered = with_relevant = 0
        for query_id, query in tqdm(data.queries.items(), desc=f"filtering with {name}", unit="query", leave=False):
            docs = candidates[query_id][:depth]
            accepted = accept(query, [data.corpus[d] for d in docs])
            relevant = [d in data.qrels.get(query_id, {}) for d in docs]
            for is_relevant, is_accepted in zip(relevant, accepted):
                seen[is_relevant] += 1
                kept[is_relevant] += bool(is_accepted)
            if any(relevant):
                with_relevant += 1
                answered += any(a for r, a in zip(relevant, accepted) if r)
        results.append(
            FilterResult(
                name,
                kept[True] / max(seen[True], 1),
                kept[False] / max(seen[False], 1),
                answered / max(with_relevant, 1),
            )
        )
    print(f"\n| filter over dense's top {depth} | relevant kept | others kept | queries keeping a relevant one |", file=out)
    print("|---|---|---|---|", file=out)
    for result in results:
        print(f"| {result.name} | {result.relevant_kept:.3f} | {result.others_kept:.3f} | {result.answered:.3f} |", file=out)
    return results
