"""Word-swap near-misses: two words of the same kind trade places, every word of the sentence stays.

This is how PAWS was made, and it is what the rule edits leave out: "interactive video reviews with live
sessions" against "live video reviews with interactive sessions", "a primary school and two high schools"
against "a high school and two primary schools", "Bettencourt played the guitar and Gehringer mastered it"
against "Bettencourt mastered the guitar and Gehringer played it". The binding edit re-binds only
attributes from a fixed list and the role swap only whole parties of one clause; here any two content words
of one part of speech that sit in different phrases may trade places, in any real sentence. Each word then
still finds itself at cosine ≈ 1 in the other text, so only where the words landed tells the two apart.

A swap inside an order-free list ("a library, a post office and a school"), inside one phrase, across a bare
"and" ("Protestant and Catholic") or around a symmetric predicate ("X married Y") would mean the same, so
those are declined, as every editor here declines what it cannot make a real change of meaning.
"""

from __future__ import annotations

import random

from . import lexicon
from .lists import list_of_token
from .negatives import _fix_article
from .shallow import Token, chunks, parse

#: Tags whose words may trade places, grouped so a swap keeps the sentence's agreement.
_SWAP_CLASS = {
    "JJ": "JJ", "JJR": "JJR", "JJS": "JJS", "NN": "NN", "NNS": "NNS", "NNP": "NNP", "NNPS": "NNP",
    "RB": "RB", "VBD": "VBD", "VBZ": "VBZ", "VBN": "VBN", "VBG": "VBG",
}
#: Words whose place carries little meaning, or that the other editors already own (negation, quantifiers).
_SKIP = {
    "not", "n't", "never", "also", "only", "then", "very", "so", "too", "just", "even", "still", "however",
    "more", "most", "less", "least", "other", "such", "same", "own", "many", "much", "few", "several",
    "all", "some", "each", "every", "first", "last", "later", "early", "now", "here", "there",
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "does", "did", "done",
    "having", "doing", "got", "made", "including", "according", "based", "following", "called", "known",
    "named", "located", "used", "due", "able", "well", "often", "usually", "generally", "currently",
}
_COORDINATION = {"and", "or", ",", "&", "/", "-", "nor", "both", "either"}


def _spans(tokens: tuple[Token, ...]) -> list[tuple[int, int, str]]:
    """(first token, end token, class) of each swappable word; a run of proper nouns is one name."""
    spans: list[tuple[int, int, str]] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        kind = _SWAP_CLASS.get(token.tag)
        end = k + 1
        if kind == "NNP":
            while end < len(tokens) and _SWAP_CLASS.get(tokens[end].tag) == "NNP":
                end += 1
        if kind is not None and token.text[:1].isalpha() and len(token.text) > 2 and token.lower not in _SKIP:
            spans.append((k, end, kind))
        k = end
    return spans


def _phrase_of(tokens: tuple[Token, ...]) -> list[int]:
    """Per token, the index of the first token of its chunk."""
    owner: list[int] = []
    for chunk in chunks(tokens):
        owner += [len(owner)] * len(chunk.tokens)
    return owner


def swap_options(text: str) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """Character spans of word pairs whose exchange changes what the sentence says, with their word class."""
    tokens = parse(text)
    if any(t.lower in lexicon.SYMMETRIC_PREDICATES for t in tokens if t.tag.startswith("VB")):
        return []
    if any(t.lower in {"between", "respectively", "versus", "vs"} for t in tokens):
        return []
    lists = list_of_token(text, tokens)
    phrase = _phrase_of(tokens)
    spans = _spans(tokens)
    options = []
    for x, (s1, e1, kind1) in enumerate(spans):
        for s2, e2, kind2 in spans[x + 1 :]:
            if kind1 != kind2 or phrase[s1] == phrase[s2] or (lists[s1] >= 0 and lists[s1] == lists[s2]):
                continue
            first = " ".join(t.lower for t in tokens[s1:e1])
            second = " ".join(t.lower for t in tokens[s2:e2])
            if first == second or first in second or second in first:
                continue
            between = tokens[e1:s2]
            if all(t.lower in _COORDINATION or t.tag in {"DT", "PRP$"} for t in between):
                continue  # "Protestant and Catholic", "the Agent or the Broker": coordinated, order-free
            options.append(((tokens[s1].start, tokens[e1 - 1].end), (tokens[s2].start, tokens[e2 - 1].end), kind1))
    return options


def word_swap(text: str, rng: random.Random) -> str | None:
    """``text`` with two words of one part of speech, in different phrases, exchanged; ``None`` if none may be."""
    options = swap_options(text)
    if not options:
        return None
    (s1, e1), (s2, e2), kind = rng.choice(options)
    first, second = text[s1:e1], text[s2:e2]
    if s1 == 0 and kind != "NNP":  # keep sentence-initial capitalisation where it was; names keep their own
        first, second = first[:1].lower() + first[1:], second[:1].upper() + second[1:]
    out = _fix_article(text[:s2] + first + text[e2:], s2)
    return _fix_article(out[:s1] + second + out[e1:], s1)
