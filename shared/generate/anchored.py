"""The loop the real-sentence sources share: most sentences allow none of a source's edits, so each source walks its
anchor sentences, turning those that allow them into a few pairs, until it has made enough."""

from __future__ import annotations

from collections.abc import Callable

from tqdm import tqdm

from ..pairs import Pair


def pairs_per_anchor(
    anchors: list[tuple[str, list[str]]],
    n_pairs: int,
    make: Callable[[str, list[str]], list[Pair]],
    source: str,
    progress: bool,
) -> list[Pair]:
    """``make(anchor, context)`` over the anchors in order, until ``n_pairs`` pairs are made (an empty list skips
    the anchor); the last anchor's pairs may overshoot, and are cut off."""
    out: list[Pair] = []
    bar = tqdm(total=n_pairs, desc=f"{source} pairs", disable=not progress, unit="pair")
    for anchor, context in anchors:
        if len(out) >= n_pairs:
            break
        made = make(anchor, context)
        out += made
        bar.update(len(made))
    bar.close()
    return out[:n_pairs]
