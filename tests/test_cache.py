import sqlite3

import pytest
import torch

from shared.cache import EmbeddingCache, cache_key


def test_lru_evicts_the_least_recently_used():
    cache = EmbeddingCache(capacity=2)
    cache.put("a", torch.ones(1, 2))
    cache.put("b", torch.ones(1, 2))
    cache.get("a")
    cache.put("c", torch.ones(1, 2))
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None


def test_sqlite_sidecar_persists_across_instances(tmp_path):
    path = tmp_path / "tokens.sqlite"
    matrix = torch.nn.functional.normalize(torch.randn(5, 8), dim=-1)
    EmbeddingCache(path).put_many([("k", matrix)], encoder="enc")
    restored = EmbeddingCache(path).get("k")
    assert restored.shape == (5, 8)
    assert torch.allclose(restored, matrix, atol=1e-3)  # stored as float16


def test_a_corrupt_entry_is_dropped_and_reported_missing(tmp_path):
    path = tmp_path / "tokens.sqlite"
    EmbeddingCache(path).put("k", torch.randn(4, 8))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE token_embeddings SET data = ? WHERE key = 'k'", (b"\x00" * 64,))
    fresh = EmbeddingCache(path)
    assert fresh.get("k") is None
    assert len(fresh) == 0


def test_an_unreadable_cache_file_is_moved_aside(tmp_path):
    path = tmp_path / "tokens.sqlite"
    path.write_bytes(b"this is not a sqlite database" * 100)
    cache = EmbeddingCache(path)
    cache.put("k", torch.randn(2, 3))
    assert cache.get("k") is not None
    assert (tmp_path / "tokens.sqlite.corrupt").exists()


def test_a_folder_given_as_the_cache_is_refused_and_left_alone(tmp_path):
    kept = tmp_path / "tokens.sqlite"
    EmbeddingCache(kept).put_many([("k", torch.randn(2, 3))], encoder="enc")
    with pytest.raises(ValueError, match="tokens.sqlite"):
        EmbeddingCache(tmp_path)
    assert EmbeddingCache(kept).get("k") is not None and not (tmp_path.parent / f"{tmp_path.name}.corrupt").exists()


def test_keys_depend_on_encoder_identity_and_text():
    assert cache_key("enc@1", "text") != cache_key("enc@2", "text")
    assert cache_key("enc@1", "text") != cache_key("enc@1", "text ")
    assert cache_key("enc@1", "text") == cache_key("enc@1", "text")
