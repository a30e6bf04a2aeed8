import random

from shared.generate.contexts import sentences, with_long_contexts
from shared.pairs import Pair

PAIRS = [
    Pair("The Tenant may not sublet the Premises.", "The Tenant may sublet the Premises.", 0, "negation", "domain"),
    Pair("The Buyer pays the Seller.", "The Buyer pays the Seller. Delivery is free.", 1, "claim", "domain"),
    Pair("A dog runs on the beach.", "A dog is running along the beach.", 1, "paraphrase", "cad_snli"),
    Pair("Two men play chess.", "Two men are playing chess in a park. It is sunny.", 1, "claim", "cad_snli"),
]


def test_long_contexts_keep_the_deciding_sentence_label_and_use_other_sources_only():
    padded = with_long_contexts(PAIRS, random.Random(0), share=1.0, min_tokens=40, max_tokens=60)
    assert len(padded) == len(PAIRS)
    for original, long in zip(PAIRS, padded):
        assert (long.query, long.label, long.edit_type) == (original.query, original.label, original.edit_type)
        assert set(sentences(original.passage)) <= set(sentences(long.passage))
        assert len(long.passage.split()) * 1.35 >= 40
        own_source = {s for p in PAIRS if p.source == original.source for s in sentences(p.passage)}
        added = set(sentences(long.passage)) - set(sentences(original.passage))
        assert added and not added & own_source


def test_share_controls_how_many_pairs_are_copied():
    many = PAIRS * 50
    padded = with_long_contexts(many, random.Random(1), share=0.2, min_tokens=20, max_tokens=30)
    assert 20 <= len(padded) <= 60


def test_mined_negatives_are_related_passages_that_share_no_sentence():
    from shared.dense import DenseEmbedder
    from shared.generate.contexts import hard_topical_negatives

    pairs = PAIRS + [
        Pair("The Seller pays the Buyer.", "The Seller pays the Buyer a fee. Returns are free.", 1, "claim", "domain"),
        Pair("A cat sleeps.", "A cat is sleeping on a sofa.", 1, "claim", "cad_snli"),
    ]
    mined = hard_topical_negatives(pairs, DenseEmbedder(), random.Random(0), count=10)
    assert mined
    by_query = {p.query: p for p in pairs if p.label == 1}
    for negative in mined:
        assert negative.label == 0 and negative.edit_type == "topical"
        assert not set(sentences(negative.passage)) & set(sentences(by_query[negative.query].passage))
    chosen = {n.query: n.passage for n in mined}
    assert chosen["The Buyer pays the Seller."].startswith("The Seller pays the Buyer")  # the related one, not chess
