import torch

from conftest import make_tiny_encoder


def test_windows_tile_every_token_exactly_once():
    encoder = make_tiny_encoder()
    size = encoder.settings.max_length - 2
    for length in [1, size - 1, size, size + 1, 3 * size + 7, 500]:
        ids = list(range(length))
        covered = []
        for window in encoder.windows(0, ids):
            covered += list(range(window.start + window.keep_from, window.start + window.keep_to))
            assert len(window.token_ids) <= size
        assert covered == ids


def test_long_texts_are_covered_not_cut():
    encoder = make_tiny_encoder()
    text = " ".join(f"clause{i % 37} applies" for i in range(300))
    (matrix,) = encoder.encode([text])
    assert matrix.shape == (len(encoder.token_ids(text)), encoder.dim)
    assert matrix.shape[0] > encoder.settings.max_length
    assert torch.allclose(matrix.norm(dim=-1), torch.ones(matrix.shape[0]), atol=1e-5)


def test_special_tokens_are_not_embedded():
    encoder = make_tiny_encoder()
    (matrix,) = encoder.encode(["the tenant pays"])
    assert encoder.tokens("the tenant pays") == ["the", "tenant", "pays"]
    assert matrix.shape[0] == 3


def test_empty_and_unusual_texts_have_defined_shapes():
    encoder = make_tiny_encoder()
    texts = ["", "   ", "\u200b", "emoji 🚀 and Ünïcödé", "רשות المياه 水道局", "a\x00b", "e\u0301" * 50]
    matrices = encoder.encode(texts)
    for text, matrix in zip(texts, matrices):
        assert matrix.shape == (len(encoder.token_ids(text)), encoder.dim)
        assert torch.isfinite(matrix).all()
    assert matrices[0].shape[0] == 0 and matrices[1].shape[0] == 0


def test_batched_encoding_matches_one_at_a_time():
    encoder = make_tiny_encoder()
    texts = ["short", "a somewhat longer sentence about payment terms", "mid length text"]
    together = encoder.encode(texts, max_batch_tokens=64)
    for text, matrix in zip(texts, together):
        assert torch.allclose(encoder.encode([text])[0], matrix, atol=1e-5)


def test_progress_counts_each_text_once_even_when_split_into_windows():
    encoder = make_tiny_encoder()
    texts = ["", "short one", " ".join(["long"] * 400), "another short"]
    ticks = []
    encoder.encode(texts, max_batch_tokens=64, progress=ticks.append)
    assert sum(ticks) == len(texts)


def test_number_values_give_a_number_word_its_digits_id():
    encoder = make_tiny_encoder()
    first = lambda text, **options: int(encoder.token_tags(text, **options)[0, 0])  # noqa: E731
    assert first("three weeks", number_values=True) == first("3 weeks") == first("Three weeks", number_values=True)
    assert first("three weeks", number_values=True) != first("six weeks", number_values=True)
    assert first("three weeks") != first("3 weeks")  # off by default: checkpoints trained without it see plain ids
    assert first("notice weeks", number_values=True) == first("notice weeks")
