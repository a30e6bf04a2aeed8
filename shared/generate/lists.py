"""Lists whose items may be given in any order: "the Licensor, the Agent and the Broker", "may not sublet or assign".

Two users need the same judgement. The generator reorders such a list to make a positive that must be
accepted, and the map model's role tags mark such a list so the verifier can tell a reordered list (same
meaning) from a swap of two parties (a different one): both are tokens landing out of order. Finding a list
is conservative, since a list wrongly called order-free makes a false positive in training and hides a real
swap at verification; where order can carry meaning ("respectively", "from ... to", a run of figures, an idiom
such as "more or less") nothing is found.
"""

from __future__ import annotations

import re
from typing import Iterator

from .shallow import ORDINAL, SUBORDINATORS, Token, parse

_LIST_WORD_TAGS = ("DT", "NN", "JJ", "PRP$", "POS", "CD")
_CLAUSE_OPENERS = SUBORDINATORS | {"that", "where", "while", "because", "although"}
#: What may follow a list without belonging to its last item: the sentence's end, another conjunction,
#: or a preposition that attaches to the verb ("pay the Licensor and the Agent within 30 days").
_LIST_FOLLOWERS = {
    ".", ";", ":", "!", "?", ")", "and", "or", "but",
    "within", "by", "before", "after", "until", "during", "for", "upon", "without",
}
#: Words that make a list a sequence anywhere in the sentence.
_SEQUENCE = r"respectively|in that order|then|followed by|ranked?"
#: What keeps the generator from reordering a noun-phrase list: a sequence, or a route ("from A and B to C") that a
#: reordered list could turn around. At verification a list only ever counts against another list, so only a
#: sequence is excluded there.
ORDERED_LIST = re.compile(rf"\b({_SEQUENCE}|from|between)\b", re.IGNORECASE)
_SEQUENCE_RE = re.compile(rf"\b({_SEQUENCE})\b", re.IGNORECASE)
#: Pairs whose order is fixed by idiom ("more or less" is not "less or more").
_FIXED_PAIRS = {
    frozenset(pair) for pair in (("more", "less"), ("sooner", "later"), ("back", "forth"), ("up", "down"),
                                 ("black", "white"), ("null", "void"), ("true", "false"), ("first", "last"))
}
_LIST_CONTEXT_BEFORE = {"MD", "TO", "RB", "DT", "PRP$"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "remain", "remains", "become", "becomes"}


def _mistagged_clause(item: tuple[Token, ...]) -> bool:
    """A "plural noun" inside a noun phrase is most often a verb the tagger missed ("a man cuts bread",
    "the internal licence costs 750 CHF")."""
    return any(token.tag == "NNS" for token in item[:-1])


def list_separator(tokens: tuple[Token, ...], end: int, conjunctions: set[str]) -> tuple[int, int] | None:
    """What follows a list item ending at token ``end``: the index of the conjunction before the last item (-1 after a
    plain comma) and where the next item starts; ``None`` when the list ends or was never one."""
    if end + 1 < len(tokens) and tokens[end].text == "," and tokens[end + 1].lower in conjunctions:
        return end + 1, end + 2
    if end < len(tokens) and tokens[end].lower in conjunctions:
        return end, end + 1
    if end < len(tokens) and tokens[end].text == ",":
        return -1, end + 1
    return None


def _list_items(tokens: tuple[Token, ...], start: int) -> tuple[list[tuple[int, int]], int] | None:
    """Noun-phrase items of "A, B and C" starting at token ``start``: their token spans and the index of
    the "and"/"or" before the last one. Items are runs of determiners, adjectives and nouns only, so a
    clause ("a man cuts bread and a woman eats") or a verb phrase never passes for a list item."""
    items: list[tuple[int, int]] = []
    conjunction = -1
    i = start
    while i < len(tokens):
        end = i
        while end < len(tokens) and tokens[end].tag.startswith(_LIST_WORD_TAGS) and tokens[end].lower not in {"and", "or"}:
            end += 1
        if end == i or not any(t.tag.startswith("NN") for t in tokens[i:end]) or _mistagged_clause(tokens[i:end]):
            return None
        items.append((i, end))
        if conjunction >= 0:
            return items, conjunction
        step = list_separator(tokens, end, {"and", "or"})
        if step is None:
            return None
        conjunction, i = step
    return None


def _order_free(
    tokens: tuple[Token, ...], start: int, items: list[tuple[int, int]], conjunction: int, verification: bool
) -> bool:
    """Whether the list starting at token ``start`` can be reordered without changing what it says."""
    before = tokens[start - 1] if start else None
    after = tokens[items[-1][1]] if items[-1][1] < len(tokens) else None
    # at verification a list of names may be followed by a modifier or a participle (see ``noun_lists``)
    loose_names = verification and all(tokens[a].tag.startswith("NNP") for a, _ in items)
    if after is not None and after.tag.startswith(("VB", "MD")):
        if not (before is None or before.lower in _CLAUSE_OPENERS or (loose_names and after.tag == "VBN")):
            return False  # "... cuts bread and a woman eats": the last item is the next clause's subject
    elif after is not None and after.lower not in _LIST_FOLLOWERS and not loose_names:
        return False  # "a woman and a man in a dark suit": the modifier would stay behind with the wrong item
    if not verification and any(tokens[a].lower in {"both", "either", "neither"} for a, _ in items):
        return False  # "both A and B": a reordering that moved "both" with the first item would read wrongly
    if all(all(t.tag == "CD" for t in tokens[a:b]) for a, b in items):
        return False  # figures in a list are often a sequence
    if len(items) == 2:
        if tokens[conjunction - 1].text == ",":
            return False  # "people on a beach, and a ball": the comma joins something larger than the two items
        # "bread and cheese" may be one dish; "the Licensor and the Agent" are two parties
        return all(tokens[a].tag in {"DT", "PRP$"} or tokens[a].tag.startswith("NNP") for a, _ in items)
    return True


def noun_lists(
    tokens: tuple[Token, ...], *, verification: bool = False
) -> Iterator[tuple[list[tuple[int, int]], int]]:
    """Order-free noun-phrase lists, first to last: each item's token span and the index of the conjunction
    before the last item. The caller checks ``ORDERED_LIST`` against the whole sentence.

    With ``verification`` lists are found more freely, since a wrong call there only exempts two items of one
    list from counting as swapped, while in the generator it makes a false positive: a list of names may be
    followed by a modifier or a participle ("by Lenstra, Hughes and Bos in 2012", "by Schwartz, Ager and Wever
    written"), which more likely belongs to the clause than to the last name, and "both A and B" counts."""
    for start in range(len(tokens)):
        if start and (tokens[start - 1].tag.startswith(_LIST_WORD_TAGS) or tokens[start - 1].lower in {",", "and", "or"}):
            continue  # inside a noun phrase, or inside a list that began earlier
        found = _list_items(tokens, start)
        if found is not None and _order_free(tokens, start, *found, verification):
            yield found


def word_lists(tokens: tuple[Token, ...]) -> Iterator[tuple[list[int], int]]:
    """Order-free lists of single words of one kind, first to last: verbs sharing a subject and object ("may
    not sublet or assign the lease", "killed or poisoned") or adjectives ("true, accurate and complete", "a
    secure and confidential manner"); each as its words' token indices and the conjunction's index."""
    for start in range(1, len(tokens)):
        before = tokens[start - 1]
        if before.tag not in _LIST_CONTEXT_BEFORE and before.lower not in _BE and not before.tag.startswith("VB"):
            continue
        words, i, conjunction = [start], start, -1
        while True:
            step = list_separator(tokens, i + 1, {"and", "or"})
            if step is None or step[1] >= len(tokens):
                break
            conjunction, i = step
            words.append(i)
            if conjunction >= 0:
                break
        if conjunction < 0 or len(words) < 2:
            continue
        found = [tokens[w] for w in words]
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        tags = {t.tag for t in found}
        # The tagger often splits one form between two tags ("reviewed and approved" as VBN and VBD).
        verbs = tags <= {"VBN", "VBD"} or tags <= {"VB", "VBP"} or tags == {"VBZ"}
        adjectives = any(t.tag == "JJ" for t in found) and all(t.tag in {"JJ", "NN", "VBN"} for t in found)
        if adjectives and not (before.lower in _BE or before.tag == "RB" or (after is not None and after.tag.startswith("NN"))):
            continue  # "a secure and confidential manner" or "is small, light and waterproof", not "paper and pen"
        if adjectives and after is not None and not after.tag.startswith("NN") and after.lower not in _LIST_FOLLOWERS:
            continue
        if verbs and after is not None and after.tag.startswith(("VB", "MD")):
            continue  # the last "verb" begins another clause
        if not (verbs or adjectives) or len({t.lower for t in found}) < len(found):
            continue
        if len(found) == 2 and frozenset(t.lower for t in found) in _FIXED_PAIRS:
            continue
        if any(not (t.text.isalpha() or ORDINAL.fullmatch(t.text)) or t.text[0].isupper() for t in found):
            continue
        yield words, conjunction


def list_of_token(text: str, tokens: tuple[Token, ...] | None = None) -> list[int]:
    """Per token of ``parse(text)``: the index of the first token of the order-free list it belongs to
    (separators included), or -1 outside every such list, as found at verification (see ``noun_lists``)."""
    tokens = parse(text) if tokens is None else tokens
    owner = [-1] * len(tokens)
    lists = () if _SEQUENCE_RE.search(text) else noun_lists(tokens, verification=True)
    spans = [(items[0][0], items[-1][1]) for items, _ in lists]
    spans += [(words[0], words[-1] + 1) for words, _ in word_lists(tokens)]
    for first, end in spans:
        for k in range(first, end):
            if owner[k] < 0:
                owner[k] = first
    return owner
