"""Who does what to whom, per word piece: shallow grammatical roles for the map model's alignment.

Contextual embeddings of "the Licensee" as the one who indemnifies and as the one indemnified are
nearly the same vector, so a token-token similarity map cannot tell "A indemnifies B" from "B
indemnifies A", nor "flights from X to Y" from "from Y to X". The chunk parser the data generator
already uses (TextBlob's pattern.en tagger and chunker, a wheel with no downloads) can: each noun
phrase gets a role (agent, patient, or the preposition that introduces it, with passive voice turned
back into agent and patient so a voice change keeps its roles), and each phrase a *partner* (the
other argument of its clause, or what a prepositional phrase attaches to). The map model then asks
per query token: does my match have my role, and is my partner's match my match's partner?

The parse is shallow and sometimes wrong; the model learns how far to trust it. It costs about a
millisecond per text here (1,300 texts a second), paid once per text: the verifier keeps results per text.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch

if TYPE_CHECKING:
    from .generate.shallow import Chunk

NONE, VERB, AGENT, PATIENT, OTHER_NOUN = 0, 1, 2, 3, 4
_PREPOSITION_BASE = 5
#: Columns of a role tag row: role id, word index, partner's word index, partner's first word piece, and the
#: first word of the order-free list the word belongs to (``shared.generate.lists``).
ROLE_COLUMNS = 5
#: Where the list owner sits in ``TokenEncoder.token_tags`` rows (after the word-piece id and four role columns).
LIST_COLUMN = ROLE_COLUMNS

_CLAUSE_BREAKS = {",", ";", ".", ":", "(", ")", "and", "but", "or", "while", "whereas", "which", "that", "who"}
_COORDINATORS = {"and", "or", "but"}


def _preposition_role(preposition: str) -> int:
    """A stable id per preposition, so "from X" and "to X" differ but every run agrees on the numbers."""
    return _PREPOSITION_BASE + zlib.crc32(preposition.encode()) % 10_000


@dataclass
class _Clause:
    """Chunks of one clause with their roles, closed when a clause boundary is reached."""

    parts: list[tuple[Chunk, int]]
    passive: bool = False
    verb_seen: bool = False
    since_verb: int = 9  # chunks since the last verb group; an object follows within two


def word_roles(text: str) -> tuple[list[tuple[int, int]], list[int], list[int], list[int]]:
    """Character spans, role ids, partner word indices (-1: none) and list owners (the first word of the
    order-free list a word belongs to; -1: none) for each word of ``text``."""
    # Imported here so that loading a map model (which names the role ids) does not load the data generator.
    from .generate.lists import list_of_token
    from .generate.shallow import Phrase, chunks, is_passive, parse

    tokens = parse(text)
    if not tokens:
        return [], [], [], []
    parts = chunks(tokens)
    position = {id(token): k for k, token in enumerate(tokens)}
    roles = [NONE] * len(tokens)
    partners = [-1] * len(tokens)

    def close(clause: _Clause) -> None:
        agents = [chunk for chunk, role in clause.parts if role == AGENT]
        patients = [chunk for chunk, role in clause.parts if role == PATIENT]
        attach = None
        for chunk, role in clause.parts:
            partner = None
            if role == AGENT and patients:
                partner = patients[0].head
            elif role in (PATIENT, VERB) and agents:
                partner = agents[0].head
            elif role >= _PREPOSITION_BASE:
                partner = attach
            for token in chunk.tokens:
                roles[position[id(token)]] = role
                if partner is not None:
                    partners[position[id(token)]] = position[id(partner)]
            if chunk.kind in ("NP", "VP"):
                attach = chunk.head

    clause = _Clause([])
    previous: Chunk | None = None
    for k, chunk in enumerate(parts):
        word = chunk.tokens[0].lower
        if chunk.kind == "O" and word in _CLAUSE_BREAKS:
            following = parts[k + 1] if k + 1 < len(parts) else None
            joins_verbs = following is not None and following.kind == "VP"
            if not (word in _COORDINATORS and (not clause.verb_seen or joins_verbs)):
                close(clause)
                clause = _Clause([])
            previous = chunk
            continue
        role = NONE
        if chunk.kind == "VP":
            role = VERB
            clause.verb_seen = True
            clause.passive = is_passive(Phrase(chunk.tokens, chunk.head))
            if clause.passive:  # the surface subject of a passive is what the verb acts on
                clause.parts = [(c, PATIENT if r == AGENT else r) for c, r in clause.parts]
        elif chunk.kind == "NP":
            if previous is not None and previous.kind == "PP":
                preposition = previous.tokens[0].lower
                role = AGENT if preposition == "by" and clause.passive else _preposition_role(preposition)
            elif not clause.verb_seen:
                role = AGENT
            elif clause.since_verb <= 2:
                role = PATIENT
            else:
                role = OTHER_NOUN
        clause.parts.append((chunk, role))
        clause.since_verb = 1 if chunk.kind == "VP" else 9 if chunk.kind in ("PP", "NP") else clause.since_verb + 1
        previous = chunk
    close(clause)
    return [(t.start, t.end) for t in tokens], roles, partners, list_of_token(text, tokens)


def role_tags(text: str, offsets: list[tuple[int, int]]) -> torch.Tensor:
    """(L, ROLE_COLUMNS) rows for word pieces at character ``offsets``: role, word index, partner word
    index, partner's first word piece, list owner (-1 where a piece lies outside every word, has no partner
    or is in no list)."""
    spans, roles, partners, owners = word_roles(text)
    words: list[int] = []
    k = 0
    for start, _ in offsets:
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        words.append(k if k < len(spans) and spans[k][0] <= start else -1)
    first_piece: dict[int, int] = {}
    for piece, word in enumerate(words):
        if word >= 0:
            first_piece.setdefault(word, piece)
    rows = []
    for word in words:
        partner = partners[word] if word >= 0 else -1
        owner = owners[word] if word >= 0 else -1
        rows.append([roles[word] if word >= 0 else NONE, word, partner, first_piece.get(partner, -1), owner])
    return torch.tensor(rows, dtype=torch.long).reshape(len(offsets), ROLE_COLUMNS)
