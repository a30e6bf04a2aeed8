import pytest
import torch
import torch.nn.functional as F

from shared.map_models import MAP_MODELS, build_map_model
from shared.similarity import pad


def _tokens(*lengths, dim=32, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return [F.normalize(torch.randn(n, dim, generator=generator), dim=-1) for n in lengths]


@pytest.mark.parametrize(
    "name, hparams",
    [
        ("alignment", {"embed_dim": 32, "width": 16, "heads": 2}),
        ("alignment", {"embed_dim": 32, "width": 16, "heads": 2, "order_features": True, "substitution_features": True}),
        ("alignment", {"embed_dim": 32, "width": 16, "heads": 2, "passage_layers": 1}),
        ("alignment", {"embed_dim": 32, "width": 16, "heads": 2, "passage_layers": 1, "passage_window": 1}),
        ("paper-f4", {}),
    ],
)
def test_logits_do_not_depend_on_padding(name, hparams):
    torch.manual_seed(0)
    model = build_map_model(name, **hparams).eval()
    (query,) = _tokens(6)
    passages = _tokens(3, 40, 11, seed=1)
    padded, mask = pad(passages, 32)
    queries = query[None].expand(3, -1, -1)
    query_mask = torch.ones(3, 6, dtype=torch.bool)
    with torch.no_grad():
        batched = model(queries, query_mask, padded, mask)
        alone = [model(query[None], query_mask[:1], p[None], torch.ones(1, len(p), dtype=torch.bool)) for p in passages]
    assert batched.shape == (3,)
    assert torch.allclose(batched, torch.cat(alone), atol=1e-4)


def test_alignment_logits_do_not_depend_on_padding_the_query():
    """Training batches pad queries of different lengths; a verifier call pads none and skips the mask."""
    torch.manual_seed(0)
    model = build_map_model("alignment", embed_dim=32, width=16, heads=2, order_features=True).eval()
    queries = _tokens(6, 3, seed=2)
    passages = _tokens(9, 12, seed=1)
    padded_queries, query_mask = pad(queries, 32)
    padded, mask = pad(passages, 32)
    with torch.no_grad():
        batched = model(padded_queries, query_mask, padded, mask)
        alone = [model(q[None], torch.ones(1, len(q), dtype=torch.bool), p[None], torch.ones(1, len(p), dtype=torch.bool)) for q, p in zip(queries, passages)]
    assert not query_mask.all()
    assert torch.allclose(batched, torch.cat(alone), atol=1e-4)


def test_alignment_model_sees_word_order():
    """A permuted passage has the same tokens (same MaxSim) but must be able to get another logit."""
    torch.manual_seed(0)
    model = build_map_model("alignment", embed_dim=32, width=16, heads=2).eval()
    (tokens,) = _tokens(8)
    reordered = tokens.flip(0)
    ones = torch.ones(1, 8, dtype=torch.bool)
    with torch.no_grad():
        same = model(tokens[None], ones, tokens[None], ones)
        flipped = model(tokens[None], ones, reordered[None], ones)
    assert not torch.allclose(same, flipped, atol=1e-4)


def test_paper_f4_crops_long_maps_to_its_fixed_size():
    model = build_map_model("paper-f4").eval()
    (query,) = _tokens(150, dim=384)
    (passage,) = _tokens(300, dim=384, seed=2)
    with torch.no_grad():
        logit = model(query[None], torch.ones(1, 150, dtype=torch.bool), passage[None], torch.ones(1, 300, dtype=torch.bool))
    assert logit.shape == (1,) and torch.isfinite(logit).all()


def test_paper_f4_configuration_is_the_papers():
    model = build_map_model("paper-f4")
    layer = model.encoder.layers[0]
    assert len(model.encoder.layers) == 1
    assert layer.self_attn.num_heads == 1 and layer.self_attn.embed_dim == 384
    assert layer.linear1.out_features == 32
    assert model.patch_proj.in_features == 3 * 8 * 8
    assert model.position.shape[1] == (128 // 8) ** 2 + 1


def test_registry_names_and_errors():
    assert {"alignment", "paper-f4"} <= set(MAP_MODELS)
    with pytest.raises(ValueError, match="choose one of"):
        build_map_model("nope")
    model = build_map_model("alignment", width=16, heads=2)
    assert build_map_model(**model.config()).config() == model.config()


def test_conflicts_count_only_where_the_passage_restates_the_query():
    """In-order restatement opens the gate fully; the same tokens scattered among others close it."""
    torch.manual_seed(0)
    model = build_map_model(
        "alignment", embed_dim=32, width=16, heads=2, pooled_relevance=True, restatement_gate=(0.3, 0.6)
    ).eval()
    (query,) = _tokens(6)
    (filler,) = _tokens(12, seed=5)
    scattered = torch.stack([row for pair in zip(query.flip(0), filler[:6]) for row in pair])
    ones = lambda n: torch.ones(1, n, dtype=torch.bool)  # noqa: E731
    with torch.no_grad():
        same = model.relevance_and_structure(query[None], ones(6), query[None], ones(6))
        apart = model.relevance_and_structure(query[None], ones(6), scattered[None], ones(12))
        logit = model(query[None], ones(6), scattered[None], ones(12))
    assert same[2].item() == 1.0 and apart[2].item() == 0.0
    assert same[0] > apart[0]  # relevance: same MaxSim, higher pooled cosine
    # with the gate closed the structure logit has no say: the score is relevance alone
    assert torch.allclose(torch.sigmoid(logit), torch.sigmoid(apart[0]), atol=1e-5)
    expected = torch.sigmoid(same[0]) * torch.sigmoid(same[1])
    assert torch.allclose(torch.sigmoid(model(query[None], ones(6), query[None], ones(6))), expected, atol=1e-5)


def test_conflict_floor_bounds_the_structure_penalty_when_scoring_only():
    torch.manual_seed(0)
    model = build_map_model("alignment", embed_dim=32, width=16, heads=2, conflict_floor=-2.0)
    relevance, structure = torch.tensor([3.0, 3.0, 3.0]), torch.tensor([-9.0, -2.0, 1.0])
    model.eval()
    scored = torch.sigmoid(model.combine(relevance, structure))
    assert torch.allclose(scored[0], scored[1])  # a strong conflict costs no more than the floor
    assert torch.allclose(scored, torch.sigmoid(relevance) * torch.sigmoid(structure.clamp(min=-2.0)), atol=1e-5)
    model.train()  # training keeps the unclamped logit, so every pair still has a gradient
    trained = torch.sigmoid(model.combine(relevance, structure))
    assert trained[0] < trained[1]


def test_pair_dropout_hides_whole_pair_statistics_in_training_only():
    torch.manual_seed(0)
    plain = build_map_model("alignment", embed_dim=32, width=16, heads=2, dropout=0.0)
    hiding = build_map_model("alignment", embed_dim=32, width=16, heads=2, dropout=0.0, pair_dropout=0.5)
    hiding.load_state_dict(plain.state_dict())
    (query,) = _tokens(6)
    passages = _tokens(9, 9, 9, 9, 9, 9, 9, 9, seed=1)
    padded, mask = pad(passages, 32)
    queries, query_mask = query[None].expand(8, -1, -1), torch.ones(8, 6, dtype=torch.bool)
    with torch.no_grad():
        assert torch.allclose(plain.eval()(queries, query_mask, padded, mask), hiding.eval()(queries, query_mask, padded, mask))
        torch.manual_seed(1)
        trained = hiding.train()(queries, query_mask, padded, mask)
        same = torch.isclose(trained, plain.train()(queries, query_mask, padded, mask), atol=1e-5)
    assert 0 < int(same.sum()) < 8  # some pairs saw their statistics, the others did not
    assert hiding.config()["pair_dropout"] == 0.5
    with pytest.raises(ValueError, match="pair_dropout"):
        build_map_model("alignment", pair_dropout=1.0)


def test_substitution_features_add_to_the_plain_model():
    """Zeroed, the substitution projection leaves the plain model's logits; trained, it changes them."""
    torch.manual_seed(0)
    model = build_map_model("alignment", embed_dim=32, width=16, heads=2, substitution_features=True).eval()
    plain = build_map_model("alignment", embed_dim=32, width=16, heads=2).eval()
    missing = plain.load_state_dict(model.state_dict(), strict=False)
    assert missing.unexpected_keys == ["substitution_proj.weight", "substitution_proj.bias"]
    (query,) = _tokens(5)
    (passage,) = _tokens(7, seed=3)
    ones = lambda n: torch.ones(1, n, dtype=torch.bool)  # noqa: E731
    with torch.no_grad():
        with_features = model(query[None], ones(5), passage[None], ones(7))
        model.substitution_proj.weight.zero_()
        model.substitution_proj.bias.zero_()
        zeroed = model(query[None], ones(5), passage[None], ones(7))
        reference = plain(query[None], ones(5), passage[None], ones(7))
    assert torch.allclose(zeroed, reference, atol=1e-5)
    assert not torch.allclose(with_features, reference, atol=1e-4)
    assert model.config()["substitution_features"] and not plain.config()["substitution_features"]


def test_inversions_see_a_swap_of_two_parties_however_far_apart():
    """Query tokens 0..4 matched in order, then the same with the matches of tokens 1 and 3 exchanged."""
    from shared.map_models.alignment import _inversions

    best = torch.full((2, 5), 0.9)
    mutual = torch.ones(2, 5)
    mask = torch.ones(2, 5, dtype=torch.bool)
    in_order = torch.tensor([0.0, 1.0, 2.0, 3.0, 4.0])
    swapped = torch.tensor([0.0, 3.0, 2.0, 1.0, 4.0])
    before, after = _inversions(best, torch.stack([in_order, swapped]), mutual, mask)
    assert before[0].abs().sum() == 0 and after[0].abs().sum() == 0
    # token 1 (now matched at 3) has two anchors after it matched before it; token 3 has two before it matched after
    assert after[1].tolist() == pytest.approx([0.0, 2 / 3, 1 / 2, 0.0, 0.0])
    assert before[1].tolist() == pytest.approx([0.0, 0.0, 1 / 2, 2 / 3, 0.0])
    # a weak or non-mutual match is no anchor: with token 3 unreliable, token 1's only inversion is token 2
    weak = best.clone()
    weak[1, 3] = 0.3
    _, after_weak = _inversions(weak, torch.stack([in_order, swapped]), mutual, mask)
    assert after_weak[1, 1] == pytest.approx(1 / 2)


def test_order_features_are_opt_in_and_change_the_input_width():
    plain = build_map_model("alignment", embed_dim=32, width=16, heads=2)
    ordered = build_map_model("alignment", embed_dim=32, width=16, heads=2, order_features=True)
    assert ordered.feature_proj.in_features == plain.feature_proj.in_features + 2
    assert ordered.config()["order_features"] and not plain.config()["order_features"]
    (query,) = _tokens(5)
    (passage,) = _tokens(7, seed=3)
    ones = lambda n: torch.ones(1, n, dtype=torch.bool)  # noqa: E731
    with torch.no_grad():
        assert ordered.eval()(query[None], ones(5), passage[None], ones(7)).shape == (1,)


def test_identity_features_see_a_substituted_word_that_embeddings_blur():
    """Same embeddings, different word pieces at one aligned position: only the id-reading model can tell."""
    from shared.map_models.alignment import _identity
    from shared.similarity import pad_ids

    query_ids = pad_ids([torch.tensor([5, 6, 7])[:, None]], fill=-1)
    same = pad_ids([torch.tensor([9, 5, 6, 7])[:, None]], fill=-2)
    substituted = pad_ids([torch.tensor([9, 5, 8, 7])[:, None]], fill=-2)
    best_at = torch.tensor([[1, 2, 3]])
    assert [t.tolist() for t in _identity((query_ids, same), best_at)] == [[[1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0]]]
    assert [t.tolist() for t in _identity((query_ids, substituted), best_at)] == [[[1.0, 0.0, 1.0]], [[1.0, 0.0, 1.0]]]

    torch.manual_seed(0)
    model = build_map_model("alignment", embed_dim=32, width=16, heads=2, identity_features=True).eval()
    assert model.uses_token_ids and not build_map_model("alignment", embed_dim=32, width=16, heads=2).uses_token_ids
    (tokens,) = _tokens(3)
    passage = torch.cat([_tokens(1, seed=4)[0], tokens])[None]
    ones = lambda n: torch.ones(1, n, dtype=torch.bool)  # noqa: E731
    with torch.no_grad():
        a = model(tokens[None], ones(3), passage, ones(4), ids=(query_ids, same))
        b = model(tokens[None], ones(3), passage, ones(4), ids=(query_ids, substituted))
        assert not torch.allclose(a, b)
        with pytest.raises(ValueError, match="word-piece ids"):
            model(tokens[None], ones(3), passage, ones(4))


@pytest.mark.parametrize("passage_layers", [0, 1])
def test_identity_features_do_not_depend_on_padding(passage_layers):
    from shared.similarity import pad_ids

    torch.manual_seed(0)
    model = build_map_model(
        "alignment", embed_dim=32, width=16, heads=2, identity_features=True, passage_layers=passage_layers
    ).eval()
    (query,) = _tokens(6)
    passages = _tokens(3, 40, 11, seed=1)
    generator = torch.Generator().manual_seed(2)
    query_ids = torch.randint(0, 50, (6, 1), generator=generator)
    passage_ids = [torch.randint(0, 50, (len(p), 1), generator=generator) for p in passages]
    padded, mask = pad(passages, 32)
    ones = torch.ones(3, 6, dtype=torch.bool)
    with torch.no_grad():
        batched = model(query[None].expand(3, -1, -1), ones, padded, mask, ids=(pad_ids([query_ids] * 3, fill=-1), pad_ids(passage_ids, fill=-2)))
        alone = [
            model(query[None], ones[:1], p[None], torch.ones(1, len(p), dtype=torch.bool), ids=(query_ids[None], i[None]))
            for p, i in zip(passages, passage_ids)
        ]
    assert torch.allclose(batched, torch.cat(alone), atol=1e-4)


def test_seed_ensemble_scores_the_mean_of_its_members_logits_and_survives_a_checkpoint_round_trip():
    from shared.map_models import SeedEnsemble

    hparams = {"embed_dim": 32, "width": 16, "heads": 2, "identity_features": True}
    members = []
    for seed in (0, 1):
        torch.manual_seed(seed)
        members.append(build_map_model("alignment", **hparams).eval())
    ensemble = SeedEnsemble.of(members).eval()
    rebuilt = build_map_model(**ensemble.config())
    rebuilt.load_state_dict(ensemble.state_dict())
    rebuilt.eval()
    (query,) = _tokens(6)
    passages = _tokens(5, 9, seed=1)
    padded, mask = pad(passages, 32)
    queries, query_mask = query[None].expand(2, -1, -1), torch.ones(2, 6, dtype=torch.bool)
    ids = (torch.arange(12).reshape(2, 6, 1), torch.arange(18).reshape(2, 9, 1) % 7)
    with torch.no_grad():
        each = [member(queries, query_mask, padded, mask, ids=ids) for member in members]
        mean = ensemble(queries, query_mask, padded, mask, ids=ids)
        again = rebuilt(queries, query_mask, padded, mask, ids=ids)
    assert not torch.allclose(each[0], each[1])
    assert torch.allclose(mean, (each[0] + each[1]) / 2, atol=1e-6) and torch.allclose(again, mean, atol=1e-6)
    assert ensemble.uses_token_ids and not ensemble.uses_roles


def test_seed_ensemble_shares_alignments_and_features_without_changing_any_member_logit():
    from shared.map_models import SeedEnsemble

    members = []
    for seed, context, order in ((0, 2, False), (1, 1, False), (2, 2, False), (3, 2, True)):
        torch.manual_seed(seed)
        members.append(
            build_map_model("alignment", embed_dim=32, width=16, heads=2, context=context, order_features=order).eval()
        )
    ensemble = SeedEnsemble.of(members).eval()
    (query,) = _tokens(6)
    padded, mask = pad(_tokens(5, 9, seed=1), 32)
    queries, query_mask = query[None].expand(2, -1, -1), torch.ones(2, 6, dtype=torch.bool)
    with torch.no_grad():
        alone = torch.stack([member(queries, query_mask, padded, mask) for member in members]).mean(0)
        shared = ensemble(queries, query_mask, padded, mask)
    assert torch.equal(shared, alone)


def test_seed_ensemble_refuses_members_that_read_different_tags_or_too_few_members():
    from shared.map_models import SeedEnsemble

    plain = {"name": "alignment", "embed_dim": 32, "width": 16, "heads": 2}
    with pytest.raises(ValueError, match="uses_token_ids"):
        SeedEnsemble([plain, {**plain, "identity_features": True}])
    with pytest.raises(ValueError, match="at least two"):
        SeedEnsemble([plain])


def test_passage_layers_read_passage_words_no_alignment_feature_reaches():
    """Two passages whose far word differs only off the query's span: every cosine, and so every alignment
    feature, is the same, so only a model that attends over the whole passage can tell them apart."""
    torch.manual_seed(0)
    (query,) = _tokens(3)
    filler = _tokens(6, seed=3)[0]
    inside = query.T @ torch.linalg.lstsq(query.T, filler[-1]).solution  # filler's part within the query's span
    outside = filler[-1] - inside
    far_a = torch.cat([query, filler[:-1], (inside + outside)[None]])
    far_b = torch.cat([query, filler[:-1], (inside - outside)[None]])
    assert torch.allclose(query @ far_a.T, query @ far_b.T, atol=1e-5)
    ones = lambda n: torch.ones(1, n, dtype=torch.bool)  # noqa: E731
    outputs = {}
    for layers in (0, 1):
        torch.manual_seed(0)
        model = build_map_model("alignment", embed_dim=32, width=16, heads=2, passage_layers=layers).eval()
        with torch.no_grad():
            outputs[layers] = [model(query[None], ones(3), far[None], ones(9)) for far in (far_a, far_b)]
    assert torch.allclose(*outputs[0], atol=1e-5)
    assert not torch.allclose(*outputs[1], atol=1e-4)


def test_passage_window_reads_only_words_near_a_match():
    """The same far word as above, at position 8 of 9: a window of one token around the query's matches
    (positions 0-2) leaves it out, so the two passages score the same; a window that reaches it, or none,
    tells them apart, and a window over the whole passage is the model without one."""
    (query,) = _tokens(3)
    filler = _tokens(6, seed=3)[0]
    inside = query.T @ torch.linalg.lstsq(query.T, filler[-1]).solution
    outside = filler[-1] - inside
    far_a = torch.cat([query, filler[:-1], (inside + outside)[None]])
    far_b = torch.cat([query, filler[:-1], (inside - outside)[None]])
    ones = lambda n: torch.ones(1, n, dtype=torch.bool)  # noqa: E731
    torch.manual_seed(0)
    whole = build_map_model("alignment", embed_dim=32, width=16, heads=2, passage_layers=1).eval()
    scores = {}
    for window in (None, 1, 8):
        model = build_map_model("alignment", embed_dim=32, width=16, heads=2, passage_layers=1, passage_window=window)
        model.load_state_dict(whole.state_dict())
        with torch.no_grad():
            scores[window] = [model.eval()(query[None], ones(3), far[None], ones(9)) for far in (far_a, far_b)]
    assert torch.allclose(*scores[1], atol=1e-5)
    assert not torch.allclose(*scores[8], atol=1e-4)
    assert torch.allclose(torch.cat(scores[8]), torch.cat(scores[None]), atol=1e-5)


def test_passage_window_needs_passage_layers():
    with pytest.raises(ValueError, match="passage_layers"):
        build_map_model("alignment", embed_dim=32, width=16, heads=2, passage_window=2)
