import pytest

from shared.batching import token_budget_batches


def test_batches_cover_every_index_once_and_respect_the_budget():
    lengths = [5, 300, 17, 17, 90, 1, 64, 250, 3]
    batches = token_budget_batches(lengths, 400)
    flat = sorted(i for batch in batches for i in batch)
    assert flat == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 400


def test_an_item_over_the_budget_gets_its_own_batch():
    assert token_budget_batches([1000, 2], 100) == [[0], [1]]


def test_budget_must_be_positive():
    with pytest.raises(ValueError):
        token_budget_batches([1], 0)
