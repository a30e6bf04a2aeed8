"""Group variable-length items into batches bounded by padded token count, not item count.

A fixed batch size either wastes memory on long passages or under-fills the CPU on short ones; a token
budget keeps the padded tensor size (and so latency and memory) roughly constant.
"""

from __future__ import annotations

from typing import Sequence


def token_budget_batches(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Return batches of indices, longest first, each with ``len(batch) * max(length) <= max_tokens``.

    An item longer than the budget gets a batch of its own rather than being dropped.
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be positive, got {max_tokens}.")
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        width = lengths[current[0]] if current else lengths[index]
        if current and (len(current) + 1) * width > max_tokens:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
