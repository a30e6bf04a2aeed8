"""Order-free lists: what the generator may reorder and what the map model's list features exempt."""

from __future__ import annotations

import pytest
import torch

from shared.generate.lists import list_of_token, noun_lists
from shared.generate.shallow import parse
from shared.map_models.alignment import _inversions, _list_pairs
from shared.roles import word_roles
from shared.similarity import pad_ids


def _listed(text: str) -> list[list[str]]:
    """The words of each order-free list in ``text``."""
    tokens, owners = parse(text), list_of_token(text)
    lists: dict[int, list[str]] = {}
    for token, owner in zip(tokens, owners):
        if owner >= 0 and token.text not in {",", "and", "or"}:
            lists.setdefault(owner, []).append(token.text)
    return list(lists.values())


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("The Licensor, the Agent and the Broker shall be notified.", ["The", "Licensor", "the", "Agent", "the", "Broker"]),
        ("The tenant may not sublet or assign the premises.", ["sublet", "assign"]),
        # a modifier after names belongs to the clause, not to the last name
        ("It was announced by Lenstra, Hughes and Bos in 2012.", ["Lenstra", "Hughes", "Bos"]),
        ("It is a song by Jean Schwartz, Milton Ager and Ned Wever written.", ["Jean", "Schwartz", "Milton", "Ager", "Ned", "Wever"]),
        ("Both the North American version and the European version are in English.",
         ["Both", "the", "North", "American", "version", "the", "European", "version"]),
        # ordinals are words of their own, not a figure and a stray "th"
        ("The 117th, 16th and 14th lines had two battalions each.", ["117th", "16th", "14th"]),
        ("He has played as third baseman, shortstop and 2nd baseman.", ["third", "baseman", "shortstop", "2nd", "baseman"]),
    ],
)
def test_lists_are_found_with_their_items(sentence: str, words: list[str]) -> None:
    assert _listed(sentence) == [words]


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice and Bob were paid 10 and 20 dollars respectively.",  # a sequence
        "A man cuts bread and a woman eats.",  # two clauses
        "The price may go up or down.",  # an idiom with a fixed order
    ],
)
def test_no_list_where_order_may_carry_meaning(sentence: str) -> None:
    assert _listed(sentence) == []


def test_the_generator_does_not_reorder_both_a_and_b() -> None:
    """Moving "both" with its item would make "the European version and both the North American version"."""
    tokens = parse("Both the North American version and the European version are in English.")
    assert list(noun_lists(tokens)) == []
    assert len(list(noun_lists(tokens, verification=True))) == 1


def _tags(text: str) -> torch.Tensor:
    """Token tags with one word piece per word: id 0, roles, and the list owner."""
    _, roles, partners, owners = word_roles(text)
    return torch.tensor([[0, r, w, p, p, o] for w, (r, p, o) in enumerate(zip(roles, partners, owners))])


def _matches(query: str, passage: str) -> torch.Tensor:
    """Each query word matched to the same word in the passage (its n-th occurrence for the n-th repeat)."""
    words = [t.text.lower() for t in parse(passage)]
    seen: dict[str, int] = {}
    out = []
    for token in parse(query):
        word = token.text.lower()
        out.append([k for k, w in enumerate(words) if w == word][seen.get(word, 0)])
        seen[word] = seen.get(word, 0) + 1
    return torch.tensor([out])


def _order_signals(query: str, passage: str) -> tuple[float, float]:
    """Total inversions, counted plainly and with pairs inside one list exempt."""
    best_at = _matches(query, passage)
    ids = (pad_ids([_tags(query)], fill=-1), pad_ids([_tags(passage)], fill=-2))
    ones = torch.ones(best_at.shape, dtype=torch.bool)
    best, mutual = torch.full(best_at.shape, 0.9), torch.ones(best_at.shape)
    _, same_list = _list_pairs(ids, best_at)
    plain = sum(x.sum().item() for x in _inversions(best, best_at.float(), mutual, ones))
    exempt = sum(x.sum().item() for x in _inversions(best, best_at.float(), mutual, ones, exempt=same_list))
    return plain, exempt


def test_list_features_exempt_a_reordered_list_but_not_a_swap_of_parties() -> None:
    query = "The Licensor and the Agent shall pay the Broker."
    plain, exempt = _order_signals(query, "The Agent and the Licensor shall pay the Broker.")
    assert plain > 0 and exempt == 0
    plain, exempt = _order_signals(query, "The Broker and the Agent shall pay the Licensor.")
    assert exempt == plain > 0  # the Licensor left the list: its inversions still count


def test_list_features_are_opt_in_and_need_list_tags() -> None:
    from shared.map_models import build_map_model

    plain = build_map_model("alignment", embed_dim=32, width=16, heads=2)
    listed = build_map_model("alignment", embed_dim=32, width=16, heads=2, list_features=True)
    assert listed.feature_proj.in_features == plain.feature_proj.in_features + 3
    assert listed.uses_roles and not plain.uses_roles and listed.config()["list_features"]
    five_columns = (torch.zeros(1, 3, 5, dtype=torch.long), torch.zeros(1, 4, 5, dtype=torch.long))
    with pytest.raises(ValueError, match="order-free lists"):
        _list_pairs(five_columns, torch.zeros(1, 3, dtype=torch.long))
