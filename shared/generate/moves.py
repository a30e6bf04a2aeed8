"""Rewordings that move or rephrase a time or place phrase and keep the meaning.

"In 1938, he became the government anthropologist" and "He became the government anthropologist in 1938" say the
same; so do "a town in southern Kuwait" and "a town in the south of Kuwait". PAWS's true paraphrases are full of
such moves, and a verifier taught by word swaps that "the same words in another order" means "reject" turns them
down too. Paired with a word swap of the same sentence (``build``'s ``phrase_moves`` source), they show the
difference: words that trade places change the meaning, a time phrase that moves does not.

Each function declines (returns ``None``) where the move could change what the phrase attaches to: a clause with a
list or a second clause ("finished first and became ... in 2009"), a relative clause or participle that the phrase
could belong to ("the invoices issued in 2023"), or a phrase that is not plainly a time.
"""

from __future__ import annotations

import random
import re

from .positives import _capitalize, first_applicable
from .shallow import main_clause, parse

_PREPOSITIONS = "in|on|at|during|after|before|within|since|until|throughout"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|sixty|ninety)"
#: What makes a phrase plainly a time: a year or decade, a month or weekday, or a counted period.
_TIME = re.compile(
    rf"\b(?:1[5-9]\d\d|20\d\d)s?\b|\b(?:{_MONTHS}|{_WEEKDAYS})\b|\b{_COUNT}\s+(?:days?|weeks?|months?|years?|hours?)\b"
)
_FRONTED = re.compile(rf"^(?P<phrase>(?:{_PREPOSITIONS.title()}) [^,]{{2,40}}), (?P<rest>[^,]+?)(?P<end>[.!?]?)$")
_TRAILING = re.compile(rf"^(?P<rest>[^,]+?) (?P<phrase>(?:{_PREPOSITIONS}) [^,]{{2,40}}?)(?P<end>[.!?]?)$")
#: A second clause, a list, or something the time phrase could belong to instead of the whole clause.
_ATTACHMENT = re.compile(r"\b(?:and|or|but|that|which|who|whom|whose|where|when|while|because|if|unless)\b")

_DIRECTIONS = "north|south|east|west|northeast|northwest|southeast|southwest"
_NAME = r"(?P<name>(?:[A-Z][\w'.-]+ )*[A-Z][\w'.-]+)"
_ADJECTIVE_FORM = re.compile(rf"\b(?P<prep>in|of|across|throughout) (?P<dir>(?:{_DIRECTIONS})ern) {_NAME}")
_OF_FORM = re.compile(rf"\b(?P<prep>in|of|across|throughout) the (?P<dir>{_DIRECTIONS}) of {_NAME}")


def _is_time(phrase: str) -> bool:
    return len(phrase.split()) <= 7 and _TIME.search(phrase) is not None


def _has_verb(text: str) -> bool:
    return any(token.tag.startswith("VB") or token.tag == "MD" for token in parse(text))


def _mid_sentence(text: str) -> str:
    """``text`` moved from the start of a sentence: its first word lowercased unless it names something."""
    first = parse(text)[0]
    if first.tag.startswith("NNP") or first.text == "I":
        return text
    return text[:1].lower() + text[1:]


def _dates_only_the_clause(rest: str) -> bool:
    """Whether a time phrase before or after ``rest`` can only date its one clause, wherever it stands."""
    if _ATTACHMENT.search(rest) or _TIME.search(rest):
        return False  # a second clause or list, or a second time phrase
    clause = main_clause(rest)
    if clause is None or clause.subject.start != 0:
        return False
    # "the invoices issued in 2023": at the end, the phrase may date the participle, not the clause
    return not any(token.tag in {"VBN", "VBG"} for token in parse(rest) if token.start > clause.verb.end)


def time_fronting(text: str, rng: random.Random | None = None) -> str | None:
    """Move a time phrase between the front and the end of a one-clause sentence, whichever way it is not yet."""
    fronted = _FRONTED.match(text)
    if fronted:
        phrase, rest, end = fronted["phrase"], fronted["rest"], fronted["end"]
        if not _is_time(phrase) or _has_verb(phrase) or not _dates_only_the_clause(rest):
            return None
        return f"{_capitalize(rest)} {phrase[:1].lower()}{phrase[1:]}{end}"
    trailing = _TRAILING.match(text)
    if not trailing:
        return None
    rest, phrase, end = trailing["rest"], trailing["phrase"], trailing["end"]
    if not _is_time(phrase) or _has_verb(phrase) or not _dates_only_the_clause(rest):
        return None
    last = parse(rest)[-1]
    if last.tag == "CD" or last.lower in {"days", "weeks", "months", "years", "date"}:
        return None  # "due 30 days after the invoice date": the phrase measures a quantity
    return f"{_capitalize(phrase)}, {_mid_sentence(rest)}{end}"


def compass_wording(text: str, rng: random.Random | None = None) -> str | None:
    """"southern Kuwait" <-> "the south of Kuwait": the same region named with an adjective or with "the ... of"."""
    match = _ADJECTIVE_FORM.search(text)
    if match:
        direction = match["dir"][: -len("ern")]
        return f"{text[: match.start()]}{match['prep']} the {direction} of {match['name']}{text[match.end():]}"
    match = _OF_FORM.search(text)
    if match:
        return f"{text[: match.start()]}{match['prep']} {match['dir']}ern {match['name']}{text[match.end():]}"
    return None


#: The rewordings, by edit type; each returns ``None`` where it cannot keep the meaning.
MOVES = {"time_fronting": time_fronting, "compass_wording": compass_wording}


def move_phrase(text: str, rng: random.Random) -> tuple[str, str] | None:
    """(edit type, reworded text) for one of the moves that applies to ``text``, tried in random order."""
    return first_applicable(MOVES, text, rng)
