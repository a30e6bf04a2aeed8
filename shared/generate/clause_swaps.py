"""Two clauses joined into one sentence, against the same sentence with their subjects or objects traded
("The landlord maintains the elevators and the tenant maintains the fittings." / "The landlord maintains the fittings
and the tenant maintains the elevators.").

Every word of the near-miss is still there, and each clause on its own is well formed, so a token alignment finds
every word at cosine ≈ 1; only which party goes with which predicate changed. The binding edit re-binds attributes
from a fixed list inside one clause, the role swap trades the two parties of one clause, and the word swaps trade
single words of real sentences, which seldom join two clauses about two parties. Hand-written pairs of this kind
(`examples/coordination_cases.jsonl`) put every checkpoint up to the thirty-third round near chance. The true
rewordings here put the clauses the other way round, so the order of the parties is no cue: a reordered true
sentence names them in the opposite order, and half the near-misses are reordered too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..pairs import Pair
from .anchored import pairs_per_anchor
from .lexicon import COPULAS
from .negatives import _animate, _fix_article
from .positives import _capitalize, embed
from .shallow import Clause, Phrase, main_clause, parse

SOURCE = "clause_swaps"
#: How two clauses are joined; each keeps them independent, so their order does not matter.
_JOINS = (" and ", ", and ", "; ", ", while ", ", whereas ", ". ")
_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "this", "that", "these", "those", "them", "him", "her", "one"}
_MAX_WORDS = 30
_FINITE = {"MD", "VBZ", "VBP", "VBD"}
_JOINING = {"and", "or", "but", "while", "whereas", ",", ";"}
#: Sentences from no document are joined only when short (mostly SNLI's scene descriptions: "a woman is hitting a
#: ball" and "a man is walking a dog" can trade their subjects and still describe a scene); two long encyclopaedia
#: sentences joined read as two topics, and trading their subjects as nonsense.
_MAX_WORDS_ALONE = 14


@dataclass(frozen=True)
class Frame:
    """One simple clause as it reads inside a sentence (no capital unless it opens with a name, no full stop), with
    where its subject and object sit."""

    text: str
    subject: tuple[int, int]
    obj: tuple[int, int] | None
    plural: bool
    agreement_free: bool  # the verb group reads the same after a singular or a plural subject ("shall", "paid")
    verb: str  # the verb group's head, lower-cased
    subject_head: str  # lower-cased
    party: bool  # the subject is a person, an organisation or a named party, who may do what another party does


def frame(sentence: str) -> Frame | None:
    """``sentence`` as a clause that may be joined to another; ``None`` when it starts with anything but its subject,
    has a pronoun for a party (which joining or swapping would re-point), or is too long to read as one clause."""
    text = sentence.strip().rstrip(".").strip()
    if not text or len(text.split()) > _MAX_WORDS or any(mark in text for mark in (";", ":", "?", "!", '"')):
        return None
    clause = main_clause(text)
    if clause is None or clause.subject.start != 0 or clause.passive or _second_clause(text, clause):
        return None
    if _pronoun(clause.subject) or (clause.obj is not None and _pronoun(clause.obj)):
        return None
    first_verb = next((t for t in clause.verb.tokens if t.tag.startswith(("VB", "MD"))), clause.verb.tokens[0])
    if first_verb.tag not in _FINITE or clause.verb.head.lower in COPULAS:
        return None  # "a man standing on the street" is a caption, not a clause; "X is a town" describes, no one acts
    if clause.subject.tokens[0].tag in {"DT", "PDT", "PRP$", "CD"}:  # "The tenant" -> "the tenant"; names keep case
        text = text[:1].lower() + text[1:]
    obj = (clause.obj.start, clause.obj.end) if clause.obj is not None else None
    return Frame(
        text, (clause.subject.start, clause.subject.end), obj, clause.subject.head.tag.endswith("S"),
        first_verb.tag in {"MD", "VBD"}, clause.verb.head.lower, clause.subject.head.lower,
        _animate(clause.subject) or clause.subject.head.tag.startswith("NNP"),
    )


def _second_clause(text: str, clause: Clause) -> bool:
    """A finite verb after "and", "or", "but", "while" or a comma or semicolon past the main verb group, or an elided
    one ("... and the secondary one on 3 May"): the sentence already joins clauses, and swapping one party of it
    would not be the clean edit this source is about. Subordinate clauses ("if the water level falls") stay."""
    after = [t for t in parse(text) if t.start >= clause.verb.end]
    joins = [k for k, t in enumerate(after) if t.lower in _JOINING]
    return any(t.tag in _FINITE for k in joins for t in after[k + 1 : k + 6]) or any(
        t.lower in {"one", "ones", "respectively"} for t in after
    )


def _pronoun(phrase: Phrase) -> bool:
    return any(t.lower in _PRONOUNS for t in phrase.tokens) or phrase.head.tag.startswith("PRP")


def _with(frame_: Frame, span: tuple[int, int], new: str) -> str:
    start, end = span
    return _fix_article(frame_.text[:start] + new + frame_.text[end:], start)


def swapped(first: Frame, second: Frame, rng: random.Random) -> tuple[str, str] | None:
    """The two clauses with their subjects or their objects traded; ``None`` when neither trade is possible.

    Subjects trade when both are parties (people, organisations, names) or two of one kind ("node 1", "node 2"), so
    that each could do what the other does, and when the verbs would still agree. Objects trade only between clauses
    with the same verb: across different verbs the result is often nonsense ("pay the software"), which would teach
    the model to spot odd wording instead of who does what."""
    options: list[tuple[tuple[int, int], tuple[int, int]]] = []
    subjects = [f.text[slice(*f.subject)] for f in (first, second)]
    same_kind = first.subject_head == second.subject_head  # "node 1" and "node 2", "the man in red" and "in blue"
    if (same_kind or (first.party and second.party)) and _distinct(*subjects) and (
        first.plural == second.plural or (first.agreement_free and second.agreement_free)
    ):
        options.append((first.subject, second.subject))
    if first.obj is not None and second.obj is not None and first.verb == second.verb:
        if _distinct(first.text[slice(*first.obj)], second.text[slice(*second.obj)]):
            options.append((first.obj, second.obj))
    if not options:
        return None
    here, there = rng.choice(options)
    return _with(first, here, second.text[slice(*there)]), _with(second, there, first.text[slice(*here)])


def _distinct(one: str, other: str) -> bool:
    """Two phrases that name different things: not the same words, and neither all of the other's ("a man" and "a man
    in a sweater" may be one person)."""
    a, b = one.lower().split(), other.lower().split()
    return a != b and not set(a) <= set(b) and not set(b) <= set(a)


def joined(first: str, second: str, join: str) -> str:
    """Two clauses as one sentence (or two, for a full-stop join)."""
    return f"{_capitalize(first)}{join}{_capitalize(second) if join == '. ' else second}."


def clause_swap_pairs(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool
) -> list[Pair]:
    """For each anchor clause joined to another clause (from its own document where it has one, else a recent anchor
    that found none): the joined sentence against the clauses the other way round (true) and against a subject
    or object trade, in either order (false); for half, also one clause alone as a claim against the joined sentence
    (true) and against the trade (false). Sides are random."""
    waiting: dict[bool, list[tuple[str, Frame]]] = {True: [], False: []}

    def partners(anchor: str, context: list[str]) -> list[tuple[str, Frame]]:
        """Clauses of the anchor's own document in random order, then recent anchors that found none; sentences
        from no document (SNLI premises, PAWS sentences) wait for one another, never for our clauses."""
        others = [s for s in context if s != anchor]
        own = [(s, f) for s in rng.sample(others, k=len(others)) if (f := frame(s)) is not None]
        return own + waiting[bool(context)][-50:][::-1]

    def make(anchor: str, context: list[str]) -> list[Pair]:
        first = frame(anchor)
        if first is None or (not context and len(first.text.split()) > _MAX_WORDS_ALONE):
            return []
        found = next(
            ((s, f, t) for s, f in partners(anchor, context) if (t := swapped(first, f, rng)) is not None), None
        )
        if found is None:
            waiting[bool(context)].append((anchor, first))
            return []
        partner, second, trade = found
        if (partner, second) in waiting[bool(context)]:
            waiting[bool(context)].remove((partner, second))
        context = [s for s in context if s not in (anchor, partner)]
        sentence = joined(first.text, second.text, rng.choice(_JOINS))
        reordered = joined(second.text, first.text, rng.choice(_JOINS))
        near_miss = joined(*(trade if rng.random() < 0.5 else trade[::-1]), rng.choice(_JOINS))
        if near_miss in (sentence, reordered):
            return []
        out = []
        for other, label, edit_type in ((reordered, 1, "reorder"), (near_miss, 0, "binding")):
            query, passage = (sentence, other) if rng.random() < 0.5 else (other, sentence)
            out.append(Pair(query, embed(passage, context, rng), label, edit_type, SOURCE))
        if rng.random() < 0.5:
            claim = _capitalize(rng.choice((first, second)).text) + "."
            for passage, label, edit_type in ((rng.choice((sentence, reordered)), 1, "claim"), (near_miss, 0, "binding")):
                out.append(Pair(claim, embed(passage, context, rng), label, edit_type, SOURCE))
        return out

    return pairs_per_anchor(anchors, n_pairs, make, SOURCE, progress)
