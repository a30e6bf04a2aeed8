"""Token-embedding cache: an in-memory LRU in front of an optional persistent SQLite sidecar.

Passages are encoded once, at indexing time, and reused for every query, so query-time cost is one
query encoding plus the map model. Entries are keyed by the content hash, the encoder identity
(weights fingerprint) and the encoding settings, so a changed model or setting can never serve stale
vectors. Each row stores its shape and a digest; a row that does not match is deleted and recomputed.
Token matrices never go into a vector store's metadata, which is not built for them.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
import torch

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS token_embeddings (
    key TEXT PRIMARY KEY,
    encoder TEXT NOT NULL,
    rows INTEGER NOT NULL,
    dim INTEGER NOT NULL,
    digest TEXT NOT NULL,
    data BLOB NOT NULL
)
"""


def cache_key(encoder_identity: str, text: str) -> str:
    """Content-addressed key: the same text under the same encoder and settings maps to one entry."""
    return hashlib.sha256(f"{encoder_identity}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()


class EmbeddingCache:
    """Thread-safe LRU of token matrices, optionally backed by a SQLite file at ``path``."""

    def __init__(self, path: str | Path | None = None, *, capacity: int = 4096) -> None:
        if capacity < 0:
            raise ValueError(f"capacity must be >= 0, got {capacity}.")
        self.capacity = capacity
        self.path = Path(path) if path is not None else None
        self._memory: OrderedDict[str, torch.Tensor] = OrderedDict()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if self.path is not None:
            self._db = self._open(self.path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        if path.is_dir():
            # Never move a folder aside as an unreadable cache: it may hold anything, the real cache included.
            raise ValueError(f"the embedding cache must be a file, but {path} is a folder: pass {path / 'tokens.sqlite'}.")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(path, check_same_thread=False)
            db.execute(_SCHEMA)
            db.commit()
            return db
        except sqlite3.DatabaseError as error:
            aside = path.with_suffix(path.suffix + ".corrupt")
            logger.warning("embedding cache %s is unreadable (%s); moved it to %s and starting afresh", path, error, aside)
            path.replace(aside)
            db = sqlite3.connect(path, check_same_thread=False)
            db.execute(_SCHEMA)
            db.commit()
            return db

    def __len__(self) -> int:
        with self._lock:
            if self._db is not None:
                return int(self._db.execute("SELECT COUNT(*) FROM token_embeddings").fetchone()[0])
            return len(self._memory)

    def get(self, key: str) -> torch.Tensor | None:
        with self._lock:
            tensor = self._memory.get(key)
            if tensor is not None:
                self._memory.move_to_end(key)
                return tensor
            tensor = self._read(key)
            if tensor is not None:
                self._remember(key, tensor)
            return tensor

    def put(self, key: str, tensor: torch.Tensor, *, encoder: str = "") -> None:
        self.put_many([(key, tensor)], encoder=encoder)

    def put_many(self, items: list[tuple[str, torch.Tensor]], *, encoder: str = "") -> None:
        """Store several entries with one disk commit; indexing thousands of passages stays fast."""
        rows = []
        with self._lock:
            for key, tensor in items:
                tensor = tensor.detach().to("cpu", torch.float32).contiguous()
                self._remember(key, tensor)
                if self._db is not None:
                    data = tensor.numpy().astype(np.float16).tobytes()
                    digest = hashlib.sha256(data).hexdigest()[:16]
                    rows.append((key, encoder, tensor.shape[0], tensor.shape[1], digest, data))
            if rows and self._db is not None:
                self._db.executemany("INSERT OR REPLACE INTO token_embeddings VALUES (?, ?, ?, ?, ?, ?)", rows)
                self._db.commit()

    def clear(self) -> None:
        with self._lock:
            self._memory.clear()
            if self._db is not None:
                self._db.execute("DELETE FROM token_embeddings")
                self._db.commit()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _remember(self, key: str, tensor: torch.Tensor) -> None:
        if self.capacity == 0:
            return
        self._memory[key] = tensor
        self._memory.move_to_end(key)
        while len(self._memory) > self.capacity:
            self._memory.popitem(last=False)

    def _read(self, key: str) -> torch.Tensor | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT rows, dim, digest, data FROM token_embeddings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        rows, dim, digest, data = row
        if len(data) != rows * dim * 2 or hashlib.sha256(data).hexdigest()[:16] != digest:
            logger.warning("dropping a corrupt embedding-cache entry %s; it will be recomputed", key[:12])
            self._db.execute("DELETE FROM token_embeddings WHERE key = ?", (key,))
            self._db.commit()
            return None
        array = np.frombuffer(data, dtype=np.float16).reshape(rows, dim).astype(np.float32)
        return torch.from_numpy(array)
