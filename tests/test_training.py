"""The training loop and its command-line options, on tiny random features (plumbing, not quality)."""

import pytest
import torch
import torch.nn.functional as F

from shared.map_models import build_map_model
from shared.pairs import Pair
from shared.training.contrast import contrast_pairs
from shared.training.command import mirror, oversample, parse_hparams, parse_oversample
from shared.training.features import PairFeatures
from shared.training.floor import choose_conflict_floor
from shared.evaluation.metrics import threshold_at_recall
from shared.training.loop import LoopSettings, predict_logits, train_loop


def _features(n_texts=12, dim=16):
    generator = torch.Generator().manual_seed(0)
    texts = [F.normalize(torch.randn(4 + i % 5, dim, generator=generator), dim=-1) for i in range(n_texts)]
    rows = [(i, (i + 1) % n_texts) for i in range(n_texts)] + [(i, i) for i in range(n_texts)]
    return PairFeatures(
        texts=texts,
        query_index=torch.tensor([q for q, _ in rows]),
        passage_index=torch.tensor([p for _, p in rows]),
        labels=torch.tensor([0.0] * n_texts + [1.0] * n_texts),
        edit_types=["topical"] * (n_texts // 2) + ["negation"] * (n_texts - n_texts // 2) + ["identity"] * n_texts,
    )


@pytest.mark.parametrize("structure_weight", [0.0, 0.5])
def test_loop_learns_identity_versus_other(structure_weight):
    torch.manual_seed(0)
    features = _features()
    model = build_map_model(
        "alignment", embed_dim=16, width=16, heads=2, dropout=0.0, pooled_relevance=True, restatement_gate=(0.3, 0.6)
    )
    log = train_loop(
        model,
        features,
        LoopSettings(epochs=30, batch_size=8, learning_rate=3e-3, structure_weight=structure_weight),
        progress=False,
    )
    assert log["epochs_run"] == 30 and log["loss_per_epoch"][-1] < log["loss_per_epoch"][0]
    logits = predict_logits(model, features)
    assert logits[features.labels == 1].min() > logits[features.labels == 0].max()


def test_contrast_pairs_put_a_positive_beside_each_negative_of_the_same_text():
    features = _features()
    pairs = contrast_pairs(features).tolist()
    labels, queries, passages = features.labels.tolist(), features.query_index.tolist(), features.passage_index.tolist()
    # each of the 12 negatives shares its query with one positive and its passage with another
    assert len(pairs) == 24
    for positive, negative in pairs:
        assert labels[positive] == 1.0 and labels[negative] == 0.0
        assert queries[positive] == queries[negative] or passages[positive] == passages[negative]
    assert sorted(n for _, n in pairs) == sorted(list(range(12)) * 2)


def test_pairwise_loss_trains_and_refuses_data_without_shared_texts():
    torch.manual_seed(0)
    features = _features()
    model = build_map_model("alignment", embed_dim=16, width=16, heads=2, dropout=0.0)
    settings = LoopSettings(epochs=30, batch_size=8, learning_rate=3e-3, pairwise_weight=1.0)
    log = train_loop(model, features, settings, progress=False)
    assert log["loss_per_epoch"][-1] < log["loss_per_epoch"][0]
    logits = predict_logits(model, features)
    assert logits[features.labels == 1].min() > logits[features.labels == 0].max()

    unshared = PairFeatures(
        texts=features.texts[:4],
        query_index=torch.tensor([0, 1]),
        passage_index=torch.tensor([2, 3]),
        labels=torch.tensor([1.0, 0.0]),
        edit_types=["identity", "negation"],
    )
    assert contrast_pairs(unshared).shape == (0, 2)
    with pytest.raises(ValueError, match="share a query or passage"):
        train_loop(build_map_model("alignment", embed_dim=16, width=16, heads=2), unshared, settings, progress=False)


def test_weight_average_ends_on_averaged_weights_that_still_separate_the_classes():
    def run(ema_decay):
        torch.manual_seed(0)
        model = build_map_model("alignment", embed_dim=16, width=16, heads=2, dropout=0.0)
        settings = LoopSettings(epochs=30, batch_size=8, learning_rate=3e-3, ema_decay=ema_decay)
        train_loop(model, _features(), settings, progress=False)
        return model

    plain, averaged = run(None), run(0.9)
    assert any(not torch.equal(a, b) for a, b in zip(plain.parameters(), averaged.parameters()))
    logits = predict_logits(averaged, _features())
    assert logits[_features().labels == 1].min() > logits[_features().labels == 0].max()
    with pytest.raises(ValueError, match="between 0 and 1"):
        train_loop(build_map_model("alignment", embed_dim=16, width=16, heads=2), _features(), LoopSettings(epochs=1, ema_decay=1.5), progress=False)


def test_oversample_repeats_a_source_and_its_derived_pairs():
    pairs = [
        Pair("q", "p", 1, "paraphrase", "paws_wiki"),
        Pair("q", "p2", 0, "topical", "paws_wiki+mined"),
        Pair("q", "p3", 1, "identity", "domain"),
    ]
    repeated = oversample(pairs, parse_oversample(["paws_wiki=3"]))
    assert [p.source for p in repeated].count("paws_wiki") == 3
    assert [p.source for p in repeated].count("paws_wiki+mined") == 3
    assert [p.source for p in repeated].count("domain") == 1
    assert pairs[0] in repeated and len(pairs) == 3


def test_mirror_adds_swapped_pairs_of_a_source_but_not_its_context_variants():
    pairs = [
        Pair("first sentence", "second sentence", 0, "paraphrase_adversarial", "paws_wiki"),
        Pair("first sentence", "second sentence. More context.", 1, "paraphrase", "paws_wiki+context"),
        Pair("a clause", "its twin", 0, "role_swap", "domain"),
    ]
    mirrored = mirror(pairs, ["paws_wiki"])
    assert mirrored[:3] == pairs and len(pairs) == 3
    assert mirrored[3:] == [Pair("second sentence", "first sentence", 0, "paraphrase_adversarial", "paws_wiki")]
    assert mirror(pairs, []) == pairs


@pytest.mark.parametrize("spec", ["paws_wiki", "paws_wiki=0", "=2", "paws_wiki=two"])
def test_oversample_rejects_malformed_specs(spec):
    with pytest.raises(SystemExit, match="SOURCE=K"):
        parse_oversample([spec])


def test_hparams_parse_json_values_and_reject_malformed_specs():
    assert parse_hparams(["width=96", "dropout=0.2", "relevance_prior=false"]) == {
        "width": 96,
        "dropout": 0.2,
        "relevance_prior": False,
    }
    with pytest.raises(SystemExit, match="NAME=VALUE"):
        parse_hparams(["width"])


def test_conflict_floor_sits_a_margin_below_the_dev_cut_so_floored_negatives_stay_rejected():
    torch.manual_seed(0)
    features = _features()
    model = build_map_model("alignment", embed_dim=16, width=16, heads=2, dropout=0.0)
    train_loop(model, features, LoopSettings(epochs=20, batch_size=8, learning_rate=3e-3), progress=False)
    unfloored = predict_logits(model, features)
    floor, cut = choose_conflict_floor(model, features, margin=1.0)
    assert cut == pytest.approx(threshold_at_recall(unfloored.tolist(), features.labels.int().tolist()))
    assert floor == pytest.approx(cut - 1.0, abs=1e-3)
    assert model.conflict_floor == floor and model.config()["conflict_floor"] == floor
    floored = predict_logits(model, features)
    # Only passages whose conflict cost more than the floor move, and only up; none crosses the cut.
    moved = floored > unfloored + 1e-6
    assert (floored >= unfloored - 1e-5).all()
    assert moved.any() and (floored[moved] < cut).all()


def test_conflict_floor_needs_a_structure_logit():
    with pytest.raises(ValueError, match="drop --conflict-floor"):
        choose_conflict_floor(build_map_model("paper-f4"), _features(dim=384))


@pytest.mark.parametrize(
    "options, columns",
    [
        ({"identity_features": True}, 1),
        ({"role_features": True}, 6),
        ({"identity_features": True, "role_features": True}, 6),
        ({"list_features": True}, 6),
        ({"identity_features": True, "number_values": True}, 1),
    ],
)
def test_token_tags_reach_the_model_in_training_and_in_the_verifier(options, columns):
    """Tags (ids, and roles if read) line up with the token rows in training features, and the verifier
    passes the same tags when scoring."""
    from conftest import make_tiny_encoder

    from shared.cache import EmbeddingCache
    from shared.cached_encoder import CachedEncoder
    from shared.training.features import build_features
    from shared.verifier import Verifier

    encoder = make_tiny_encoder()
    pairs = [Pair("The fee is 30 EUR.", "Fees. The fee is 30 EUR per month.", 1), Pair("The fee is 30 EUR.", "Fees. The fee is 60 EUR per month.", 0)]
    torch.manual_seed(0)
    model = build_map_model("alignment", embed_dim=32, width=16, layers=1, heads=2, feedforward=32, **options)
    cached = CachedEncoder(encoder, EmbeddingCache(None))
    features = build_features(
        pairs, cached, progress=False, token_ids=model.uses_token_ids, roles=model.uses_roles,
        number_values=model.uses_number_values,
    )
    assert [i.shape for i in features.ids] == [(t.shape[0], columns) for t in features.texts]
    query_ids, passage_ids = features.batch_ids([0, 1])
    assert query_ids.shape == (2, features.texts[0].shape[0], columns) and (passage_ids[0] != passage_ids[1]).any()

    train_loop(model, features, LoopSettings(epochs=1, batch_size=2), progress=False)
    assert predict_logits(model, features).shape == (2,)
    scores = Verifier.from_components(encoder, model).score(pairs[0].query, [pairs[0].passage, pairs[1].passage])
    assert len(scores) == 2 and scores[0] != scores[1]
