"""Which party of a contract's pair of parties each word piece names, and which pairs put a party in its
counterpart's place.

"The tenant maintains the elevators." against "The landlord maintains the elevators." is the edit a contract
reader fears most, and the map models that learn it well also turn down true paraphrases whose wording of a
name changes ("state-owned" / "state-run"; BENCHMARKS.md, forty-sixth and forty-seventh rounds). The
lexicon of party pairs (landlord / tenant, licensor / licensee, ...) says when that edit can be at stake at
all: one text names a party the other does not, and the other names its counterpart. Only such pairs are shown
to a member trained on the substitution (``SeedEnsemble``'s counterparty check), so every other pair keeps
the ensemble's score.
"""

from __future__ import annotations

import re
from functools import lru_cache

import torch

#: Party tag of a word piece that names no party of a pair (and of padding, after clamping).
NO_PARTY = 0


#: Pairs of parties contracts name that the generator never writes, so no member or check was trained on them. The
#: flag knows them all the same: the counterparty check carries over in part to parties it never saw (BENCHMARKS.md,
#: forty-eighth and fiftieth rounds), while a pair it is not asked about keeps the members' score, and the members
#: accept most such substitutions. A word belongs to one pair only (the generator's pairs hold "customer", "client",
#: "agent").
FLAG_ONLY_PAIRS: tuple[tuple[str, str], ...] = (
    ("grantor", "grantee"), ("transferor", "transferee"), ("indemnitor", "indemnitee"),
    ("indemnifying party", "indemnified party"), ("shipper", "consignee"), ("obligor", "obligee"),
    ("trustee", "beneficiary"), ("host", "guest"), ("pledgor", "pledgee"), ("bailor", "bailee"),
    ("sublessor", "sublessee"), ("plaintiff", "defendant"), ("company", "consultant"),
)


def _pairs() -> tuple[tuple[str, str], ...]:
    # Imported here so that loading a map model does not load the data generator (as in ``shared.roles``).
    from .generate.lexicon import ROLE_PAIRS

    return ROLE_PAIRS + FLAG_ONLY_PAIRS


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    from .generate.negatives import role_pattern

    return role_pattern(_pairs())


@lru_cache(maxsize=1)
def _tags() -> dict[str, int]:
    """Each role word's party tag: ``2k + side + 1`` for side ``side`` of the lexicon's ``k``-th pair."""
    return {word: 2 * k + side + 1 for k, pair in enumerate(_pairs()) for side, word in enumerate(pair)}


def party_count() -> int:
    """How many party tags there are besides :data:`NO_PARTY`: two per pair of the lexicon."""
    return 2 * len(_pairs())


def party_tags(text: str, offsets: list[tuple[int, int]]) -> torch.Tensor:
    """(L,) tags for word pieces at character ``offsets``: ``2k + side + 1`` for a piece of a noun naming side
    ``side`` of the lexicon's ``k``-th pair, so that a tag's counterpart is the neighbouring odd/even tag; else
    :data:`NO_PARTY`."""
    from .generate.negatives import party_mentions

    mentions = party_mentions(text, after_determiner=True, pattern=_pattern())
    spans = [(m.start(1), m.end(), _tags()[m.group(1).lower()]) for m in mentions]
    tags = [next((tag for start, end, tag in spans if start <= piece < end), NO_PARTY) for piece, _ in offsets]
    return torch.tensor(tags, dtype=torch.long)


def names_counterpart(query_tags: torch.Tensor, passage_tags: torch.Tensor) -> torch.Tensor:
    """(B,) whether one side names a party of a pair that the other side does not name, and the other side names
    its counterpart: "the tenant" against "the landlord", or against a passage where the landlord acts and the
    tenant is not named. Passages name several parties, so a passage that names both while the query names one
    is flagged too; sides that name the same parties (a role swap, a reworded two-party clause) are not: the
    ensemble's members are trained on those.

    ``query_tags`` (B, Lq) and ``passage_tags`` (B, Lp) hold :func:`party_tags`, padded with negative values.
    """
    count = party_count()

    def present(tags: torch.Tensor) -> torch.Tensor:
        slots = torch.zeros(tags.shape[0], count + 1, dtype=torch.bool, device=tags.device)
        slots.scatter_(1, tags.clamp(min=NO_PARTY), True)
        return slots[:, 1:].reshape(tags.shape[0], -1, 2)  # (B, pairs, side)

    query, passage = present(query_tags), present(passage_tags)
    in_place = (query & passage.flip(-1) & ~passage) | (passage & query.flip(-1) & ~query)
    return in_place.flatten(1).any(dim=1)
