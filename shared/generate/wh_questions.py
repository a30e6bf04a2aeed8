"""A question asking for one party of a clause, against the clause and against a near-miss of it ("Who shall
indemnify the Licensor?" / "The Licensee shall indemnify the Licensor." true / "The Licensor shall indemnify the
Licensee." false; "What does the warranty cover?" / "The warranty covers water damage." true / "The warranty does
not cover water damage." false).

Users ask questions, and a question for one party names the verb and the other party: a passage with the parties
swapped still matches every word of it. The other sources ask yes/no questions and questions for the subject, for
a share of their pairs, and never for the object; the thirty-seventh round's default told the answer from the swapped
clause at ROC-AUC 0.65 on the hand-written questions of `examples/question_cases.jsonl`. This source gives each
question a true passage and a near-miss beside it, with either passage in the other voice at times, so neither the
parties' order nor the question's shape tells them apart.
"""

from __future__ import annotations

import random

from ..pairs import Pair
from .anchored import pairs_per_anchor
from .negatives import negation, role_swap
from .positives import embed, object_question, voice, wh_question

SOURCE = "wh_questions"
#: Share of passages put into the other voice, the true one and the near-miss alike.
VOICE_SHARE = 0.3


def wh_question_pairs(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool
) -> list[Pair]:
    """For each sentence a question for its subject or object can be asked of, two pairs with that question as
    the query: the sentence as the passage (true), and the sentence with its parties swapped, or else negated, whose
    own question would differ (false)."""

    def reworded(sentence: str) -> str:
        return (voice(sentence, rng) or sentence) if rng.random() < VOICE_SHARE else sentence

    def make(anchor: str, context: list[str]) -> list[Pair]:
        asked = [(ask, query) for ask in (wh_question, object_question) if (query := ask(anchor)) is not None]
        if not asked:
            return []
        ask, query = rng.choice(asked)
        swapped = role_swap(anchor, rng)
        edit_type, edited = ("role_swap", swapped) if swapped is not None else ("negation", negation(anchor, rng))
        if edited is None or edited == anchor or ask(edited) == query:
            return []
        return [
            Pair(query, embed(reworded(anchor), context, rng), 1, "question", SOURCE),
            Pair(query, embed(reworded(edited), context, rng), 0, edit_type, SOURCE),
        ]

    return pairs_per_anchor(anchors, n_pairs, make, SOURCE, progress)
