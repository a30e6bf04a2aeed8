"""A sentence's main verb negated with do-support, on either side of the pair ("approved" / "did not approve").

A claim in the simple past or present ("The company disclosed the breach.") against a passage that denies it ("The
company did not disclose the breach.") is the commonest way a record contradicts a query, and the one a token
alignment finds hardest to see: the verb's match is another word piece ("disclose" for "disclosed"), and the two
words that make the difference sit in the passage, where no query token is matched to them. The rule editors insert
a negation rarely in this form, and mostly on the query's side, so the checkpoints shipped before the thirtieth
round accepted such pairs (0.95-0.99). This source makes the form common on both sides, each near-miss beside a
true pair from the same sentence: the negated sentence against itself with "did not" contracted or spelled out (the
negation on both sides is no conflict), or the sentence against a rewording of itself (voice, synonyms, reordered
clauses).
"""

from __future__ import annotations

import random
import re

from lemminflect import getInflection, getLemma

from ..pairs import Pair
from .anchored import pairs_per_anchor
from .negatives import ANY_NEGATOR, _replace
from .positives import embed, first_rewording
from .shallow import main_clause

SOURCE = "verb_negations"
#: Do-support auxiliary by the tag of the verb it replaces, spelled out and contracted.
_AUXILIARIES = {"VBZ": ("does not", "doesn't"), "VBD": ("did not", "didn't"), "VBP": ("do not", "don't")}
_CONTRACTED = {full: short for full, short in _AUXILIARIES.values()}
_EXPANDED = {short: full for full, short in _AUXILIARIES.values()}
_VERB_LIST = re.compile(r"\s*,|\s+(?:and|or)\s+\w+(?:s|ed)\b")
#: Verbs negated without do-support ("is not", "has not"), or whose do-support reads as emphasis ("did not do").
_NOT_LEXICAL = {"be", "have", "do", "can", "may", "must", "shall", "will", "should", "would", "could", "might", "need"}


def do_support_negation(text: str, rng: random.Random) -> str | None:
    """The main clause's finite lexical verb negated with do-support ("pays" -> "does not pay", "sat" -> "did not
    sit"), contracted a third of the time. Declines sentences that already hold a negator (a double negative's
    meaning is unclear), modals and auxiliaries (other editors negate those), and any verb whose lemma does not
    inflect back to the word in the sentence: a wrong form ("did not payed") is a cheap cue a verifier would learn
    instead of the negation."""
    if ANY_NEGATOR.search(text):
        return None
    clause = main_clause(text)
    if clause is None or clause.passive or len(clause.verb.tokens) != 1:
        return None
    first = clause.verb.tokens[0]
    if _VERB_LIST.match(text, first.end):
        return None  # "collects, stores and processes": negating the first verb alone is neither English nor clear
    # The tagger often calls a simple past after its subject VBN and a plural present VB; the round trip decides.
    tense = {"VBZ": "VBZ", "VBD": "VBD", "VBN": "VBD", "VBP": "VBP", "VB": "VBP"}.get(first.tag)
    lemmas = getLemma(first.lower, upos="VERB")
    if tense is None or not lemmas or lemmas[0] in _NOT_LEXICAL:
        return None
    lemma = lemmas[0]
    if first.lower not in ((lemma,) if tense == "VBP" else getInflection(lemma, tense)):
        return None
    full, short = _AUXILIARIES[tense]
    auxiliary = short if rng.random() < 1 / 3 else full
    return _replace(text, first.start, first.end, f"{auxiliary} {lemma}")


def toggle_contraction(text: str) -> str | None:
    """The same sentence with its do-support negation contracted or spelled out: "did not" <-> "didn't"."""
    for full, short in _CONTRACTED.items():
        if f" {full} " in text:
            return text.replace(f" {full} ", f" {short} ", 1)
    for short, full in _EXPANDED.items():
        if f" {short} " in text:
            return text.replace(f" {short} ", f" {full} ", 1)
    return None


def verb_negation_pairs(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool
) -> list[Pair]:
    """For each sentence whose main verb takes do-support, a near-miss with the verb negated (on the passage's side
    half of the time) and a true pair from the same sentence; see the module's docstring."""

    def make(anchor: str, context: list[str]) -> list[Pair]:
        negated = do_support_negation(anchor, rng)
        if negated is None:
            return []
        sides = (anchor, negated) if rng.random() < 0.5 else (negated, anchor)
        toggled = toggle_contraction(negated)
        reworded = first_rewording(anchor, rng) if rng.random() < 0.5 or toggled is None else None
        if reworded is not None:
            name, text = reworded
            positive = (anchor, text) if rng.random() < 0.5 else (text, anchor)
        elif toggled is not None:
            name, positive = "negation_wording", (negated, toggled) if rng.random() < 0.5 else (toggled, negated)
        else:
            return []
        return [
            Pair(sides[0], embed(sides[1], context, rng), 0, "negation", SOURCE),
            Pair(positive[0], embed(positive[1], context, rng), 1, name, SOURCE),
        ]

    return pairs_per_anchor(anchors, n_pairs, make, SOURCE, progress)
