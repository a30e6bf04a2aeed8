"""The reorder check: which pairs share nearly all their word pieces, and that only those reach the reader."""

import pytest
import torch

from shared.map_models import SeedEnsemble, build_map_model
from shared.map_models.alignment import AlignmentTransformer
from shared.rearranged import shared_word_pieces
from shared.similarity import pad, pad_ids
from conftest import make_tiny_encoder
from test_map_models import _tokens


@pytest.mark.parametrize(
    "query, passage, low, high",
    [
        ("He was born in Paris and died in Rome.", "He was born in Rome and died in Paris.", 1.0, 1.0),
        ("Kofi Kingston, The Miz and Jack Swagger fought.", "Jack Swagger, The Miz and Kofi Kingston fought.", 1.0, 1.0),
        ("The tenant pays the landlord.", "The tenant pays the landlord monthly.", 0.8, 0.9),
        ("Who maintains the elevators?", "The landlord maintains the elevators and the roof of the building.", 0.0, 0.4),
    ],
)
def test_shared_word_pieces_counts_repeats_over_the_longer_side(query, passage, low, high):
    encoder = make_tiny_encoder()
    ids = [encoder.token_tags(text)[:, 0] for text in (query, passage)]
    for first, second in (ids, ids[::-1]):  # symmetric, padding ignored
        share = shared_word_pieces(pad_ids([first[:, None]], fill=-1)[..., 0], pad_ids([second[:, None]], fill=-1)[..., 0])
        assert low <= float(share) <= high


def test_shared_word_pieces_reads_each_row_of_a_padded_batch():
    query = torch.tensor([[5, 6, 7, -1], [5, 5, 6, 7]])
    passage = torch.tensor([[7, 6, 5, -1, -1], [5, 6, 8, 9, 10]])
    assert shared_word_pieces(query, passage).tolist() == pytest.approx([1.0, 0.4])  # 5 twice in the query, once there


def test_with_passage_layers_starts_as_the_model_it_grows_from():
    torch.manual_seed(0)
    model = AlignmentTransformer(embed_dim=32, width=16, heads=2, identity_features=True).eval()
    grown = model.with_passage_layers(2).eval()
    assert grown.config() == {**model.config(), "passage_layers": 2}
    (query,) = _tokens(6)
    padded, mask = pad(_tokens(5, 9, 7, seed=1), 32)
    queries, query_mask = query[None].expand(3, -1, -1), torch.ones(3, 6, dtype=torch.bool)
    ids = (torch.arange(18).reshape(3, 6, 1), torch.arange(27).reshape(3, 9, 1) % 7)
    with torch.no_grad():
        assert torch.allclose(grown(queries, query_mask, padded, mask, ids=ids), model(queries, query_mask, padded, mask, ids=ids))
    with pytest.raises(ValueError, match="reads the passage already"):
        grown.with_passage_layers(1)


def _reordered_ensemble(**reorder):
    hparams = {"embed_dim": 32, "width": 16, "heads": 2, "identity_features": True}
    models = []
    for seed in range(3):
        torch.manual_seed(seed)
        models.append(build_map_model("alignment", **hparams).eval())
    reader = models[2].with_passage_layers(1)
    torch.nn.init.normal_(reader.passage_layers.layers[0].linear2.weight)  # a reader that disagrees with its start
    return models, reader.eval(), SeedEnsemble.of(models[:2], reorder_check=reader.eval(), **reorder).eval()


def test_reorder_check_moves_only_rearranged_pairs_and_survives_a_round_trip():
    models, reader, ensemble = _reordered_ensemble(reorder_share=0.75, reorder_weight=0.4)
    assert ensemble.uses_token_ids and not ensemble.uses_parties
    assert ensemble.config()["reorder_check"] == reader.config() and ensemble.config()["reorder_weight"] == 0.4
    rebuilt = build_map_model(**ensemble.config())
    rebuilt.load_state_dict(ensemble.state_dict())
    rebuilt.eval()
    (query,) = _tokens(4)
    padded, mask = pad(_tokens(4, 4, 6, seed=1), 32)
    queries, query_mask = query[None].expand(3, -1, -1), torch.ones(3, 4, dtype=torch.bool)
    query_ids = torch.tensor([[1, 2, 3, 4]]).expand(3, -1)[..., None]
    passage_ids = torch.tensor([[4, 3, 2, 1, -1, -1], [1, 2, 9, 9, -1, -1], [1, 2, 3, 4, 5, 6]])[..., None]
    ids = (query_ids, passage_ids)  # shares 1.0, 0.5 and 4/6: only the first pair is a rearrangement
    with torch.no_grad():
        mean = torch.stack([model(queries, query_mask, padded, mask, ids=ids) for model in models[:2]]).mean(0)
        alone = reader(queries[:1], query_mask[:1], padded[:1], mask[:1], ids=(ids[0][:1], ids[1][:1]))
        got = ensemble(queries, query_mask, padded, mask, ids=ids)
        again = rebuilt(queries, query_mask, padded, mask, ids=ids)
    assert torch.allclose(got[1:], mean[1:], atol=1e-6)
    assert torch.allclose(got[0], 0.6 * mean[0] + 0.4 * alone[0], atol=1e-5) and not torch.allclose(got[0], mean[0])
    assert torch.allclose(again, got, atol=1e-6)


@pytest.mark.parametrize("reorder", [{"reorder_share": 0.0}, {"reorder_weight": 1.5}])
def test_reorder_check_refuses_shares_outside_zero_to_one(reorder):
    plain = {"name": "alignment", "embed_dim": 32, "width": 16, "heads": 2}
    with pytest.raises(ValueError, match="are shares"):
        SeedEnsemble([plain, plain], reorder_check=plain, **reorder)


def test_shared_word_pieces_matches_counting_each_row():
    """The comparison-based count equals the multiset intersection, padding and repeats included."""
    from collections import Counter

    generator = torch.Generator().manual_seed(0)
    query = torch.randint(0, 6, (64, 7), generator=generator)
    passage = torch.randint(0, 6, (64, 9), generator=generator)
    for row in range(64):
        query[row, torch.randint(1, 8, (1,), generator=generator).item():] = -1
        passage[row, torch.randint(1, 10, (1,), generator=generator).item():] = -2
    got = shared_word_pieces(query, passage)
    for row in range(64):
        a = Counter(piece for piece in query[row].tolist() if piece >= 0)
        b = Counter(piece for piece in passage[row].tolist() if piece >= 0)
        assert float(got[row]) == pytest.approx(sum((a & b).values()) / max(sum(a.values()), sum(b.values())))
