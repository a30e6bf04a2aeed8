"""Token embeddings through the cache: the one path by which any scorer gets a text's token matrix."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import torch
from tqdm.auto import tqdm

from .cache import EmbeddingCache, cache_key
from .encoder import TokenEncoder

CacheSpec = EmbeddingCache | str | Path | None
_CHUNK = 1024


def make_cache(cache: CacheSpec) -> EmbeddingCache:
    """``None`` → in-memory LRU only; a path → persistent SQLite sidecar there; an instance → used as is."""
    if isinstance(cache, EmbeddingCache):
        return cache
    return EmbeddingCache(cache)


class CachedEncoder:
    """Looks each text up by content hash and encodes only the misses, in one batched pass."""

    def __init__(self, encoder: TokenEncoder, cache: EmbeddingCache, *, max_batch_tokens: int = 16384) -> None:
        self.encoder = encoder
        self.cache = cache
        self.max_batch_tokens = max_batch_tokens

    def embed(self, texts: Sequence[str], *, progress: bool = False, description: str = "encoding") -> list[torch.Tensor]:
        identity = self.encoder.identity
        keys = [cache_key(identity, text) for text in texts]
        found: dict[str, torch.Tensor] = {}
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts):
            if key in found or key in missing:
                continue
            cached = self.cache.get(key)
            if cached is None:
                missing[key] = text
            else:
                found[key] = cached
        if missing:
            pending = list(missing.items())
            with tqdm(total=len(pending), desc=description, unit="text", disable=not progress, leave=False) as bar:
                # Stored chunk by chunk, so an interrupted long indexing run keeps what it has done.
                for start in range(0, len(pending), _CHUNK):
                    chunk = pending[start : start + _CHUNK]
                    encoded = self.encoder.encode(
                        [text for _, text in chunk], max_batch_tokens=self.max_batch_tokens, progress=bar.update
                    )
                    fresh = [(key, matrix) for (key, _), matrix in zip(chunk, encoded)]
                    self.cache.put_many(fresh, encoder=identity)
                    found.update(fresh)
        return [found[key] for key in keys]
