"""Retrieval-shaped pairs: passages of chunk length, and topically close passages that do not match.

Users verify chunks of a few hundred tokens, and rank candidates that a dense retriever already found
similar. Short single-sentence pairs teach neither: a model trained only on them has never had to
find the one sentence that matters in a long chunk, nor to prefer the passage that states the query
over a merely related one. These helpers turn generated pairs into both kinds of example.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from typing import Sequence

import numpy as np

from ..dense import DenseEmbedder
from ..pairs import Pair

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(0-9])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _approx_tokens(text: str) -> int:
    return int(len(text.split()) * 1.35)


def with_long_contexts(
    pairs: Sequence[Pair], rng: random.Random, *, share: float, min_tokens: int = 120, max_tokens: int = 320
) -> list[Pair]:
    """Copies of ``share`` of the pairs with the passage padded to chunk length by sentences from *other*
    sources, so a filler can never restate or contradict the query (domain clauses reuse parties and values).
    The label is unchanged: the padding is unrelated text around the one sentence that decides it.
    """
    by_source: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        by_source[pair.source].extend(sentences(pair.passage))
    sources = sorted(by_source)
    if len(sources) < 2:
        raise ValueError("long contexts need pairs from at least two sources, so padding never comes from the same one.")
    out = []
    for pair in pairs:
        if rng.random() >= share:
            continue
        target = rng.randint(min_tokens, max_tokens)
        body = sentences(pair.passage)
        length = sum(map(_approx_tokens, body))
        while length < target:
            filler = rng.choice(by_source[rng.choice([s for s in sources if s != pair.source])])
            body.insert(rng.randint(0, len(body)), filler)
            length += _approx_tokens(filler)
        out.append(Pair(pair.query, " ".join(body), pair.label, pair.edit_type, f"{pair.source}+context"))
    return out


def hard_topical_negatives(
    pairs: Sequence[Pair], embedder: DenseEmbedder, rng: random.Random, *, count: int, max_cosine: float = 0.9,
    progress: bool = True,
) -> list[Pair]:
    """For positive pairs, the passage most similar to the query (by the dense embedder) that shares no
    sentence with the pair's own passage: the related-but-not-stating candidates a retriever returns.

    Candidates above ``max_cosine`` are skipped, since they may state the query in other words.
    """
    positives = [p for p in pairs if p.label == 1]
    rng.shuffle(positives)
    positives = positives[:count]
    passages = sorted({p.passage for p in pairs})
    if not positives or len(passages) < 2:
        return []
    passage_vectors = np.asarray(embedder.embed(passages, progress=progress, batch_size=64), dtype=np.float32)
    query_vectors = np.asarray(embedder.embed([p.query for p in positives], batch_size=64), dtype=np.float32)
    passage_sentences = [set(sentences(p)) for p in passages]
    out = []
    for pair, similarity in zip(positives, query_vectors @ passage_vectors.T):
        own = set(sentences(pair.passage))
        for index in np.argsort(-similarity)[:20]:
            if similarity[index] > max_cosine or passage_sentences[index] & own or pair.query in passages[index]:
                continue
            out.append(Pair(pair.query, passages[index], 0, "topical", f"{pair.source}+mined"))
            break
    return out
