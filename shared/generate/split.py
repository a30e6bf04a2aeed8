"""Deterministic train/dev/test assignment by hashing text.

Hashing the text (not the row number) means a sentence that occurs in several pairs, or in two
datasets, always lands in the same split: the dev score cannot be inflated by sentences the
model was trained on.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

from ..pairs import Pair

SPLITS = ("train", "dev", "test")
#: Fractions per split, in per-mille: 80/10/10.
_BOUNDS = {"train": (0, 800), "dev": (800, 900), "test": (900, 1000)}


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def split_of(text: str) -> str:
    """The split a text belongs to; case and whitespace do not matter."""
    bucket = int.from_bytes(hashlib.sha1(_normalise(text).encode("utf-8")).digest()[:4], "big") % 1000
    return next(name for name, (low, high) in _BOUNDS.items() if low <= bucket < high)


def in_split(texts: list[str] | tuple[str, ...], split: str | None) -> bool:
    """True when every text belongs to ``split`` (``None`` accepts everything).

    Pairs of two natural sentences (PAWS, SNLI) are kept only when both sides hash to the same
    split, so neither sentence can reappear in another split.
    """
    if split is None:
        return True
    if split not in _BOUNDS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    return all(split_of(text) == split for text in texts)


def split_by_component(pairs: Sequence[Pair], split: str | None) -> list[Pair]:
    """Keep the pairs whose group of linked texts hashes into ``split``.

    Datasets such as PAWS and SNLI reuse one sentence in many pairs, on either side; two texts are
    linked when they appear in one pair, and a whole connected group goes to one split (by its
    smallest text), so no sentence can be trained on and then evaluated in another pair.
    """
    if split is None:
        return list(pairs)
    if split not in _BOUNDS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    parent: dict[str, str] = {}

    def find(text: str) -> str:
        parent.setdefault(text, text)
        while parent[text] != text:
            parent[text] = parent[parent[text]]
            text = parent[text]
        return text

    for pair in pairs:
        a, b = find(_normalise(pair.query)), find(_normalise(pair.passage))
        if a != b:
            parent[max(a, b)] = min(a, b)
    smallest: dict[str, str] = {}
    for text in list(parent):
        root = find(text)
        smallest[root] = min(smallest.get(root, text), text)
    return [pair for pair in pairs if split_of(smallest[find(_normalise(pair.query))]) == split]
