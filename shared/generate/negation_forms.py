"""Rewordings that say a prohibition another way and keep its meaning (the clauses they are applied to are in ``domain``).

Contracts and policies state one prohibition in several forms: "The Licensor shall not be liable for ...", "In no
event shall the Licensor be liable for ...", "The Licensor shall in no event be liable for ..."; "The Supplier shall
not make any changes" and "The Supplier shall make no changes"; "No tenants may keep pets" and "Tenants may not keep
pets"; "None of the employees" and "Not one of the employees". A verifier taught that a negation word which moves or
appears on one side only means "reject" (what the negation near-misses look like) turns all of these down. Paired
with the same clause with its negation removed (``build``'s ``negation_moves`` source), they show the difference:
where the negation sits does not matter, whether it is there does.

Each function declines (returns ``None``) unless the whole construction is found: a modal right after the negative
phrase, a short subject, a verb after it. Scope-changing moves ("not all" against "all ... not") are not made here.
"""

from __future__ import annotations

import random
import re

from .morphology import verb
from .positives import _capitalize
from .shallow import parse

_MODAL = r"shall|will|may|can|must"
#: Fronted negative phrases and the phrase that ends the same clause when the negation is a plain "not".
_FRONTED = {
    "in no event": "in any event", "under no circumstances": "under any circumstances", "at no time": "at any time",
    "on no account": "on any account",
}
#: A short subject: "the Licensor", "the Disclosing Party", "any employee", or a bare plural ("Visitors").
_SUBJECT = r"(?:the|any|a|an) (?:[A-Z][\w-]*(?: [A-Z][\w-]*)?|[a-z]+)|[A-Z][a-z]+s"
_FRONTED_FORM = re.compile(
    rf"^(?P<phrase>{'|'.join(p.capitalize() for p in _FRONTED)}),? (?P<modal>{_MODAL}) (?P<subject>{_SUBJECT}) "
    rf"(?P<verb>[a-z]+) (?P<rest>[^;]+?)(?P<end>[.!?]?)$"
)
_MID_FORM = re.compile(
    rf"^(?P<subject>{_SUBJECT}) (?P<modal>{_MODAL}) (?P<phrase>{'|'.join(_FRONTED)}) (?P<verb>[a-z]+) "
    rf"(?P<rest>[^;]+?)(?P<end>[.!?]?)$",
    re.IGNORECASE,
)
_PLAIN_FORM = re.compile(
    rf"^(?P<subject>{_SUBJECT}) (?P<modal>{_MODAL}) not (?P<verb>[a-z]+) (?P<rest>[^;]+?)(?P<end>[.!?]?)$",
    re.IGNORECASE,
)
#: "not ... any" against "no": only right after a modal and its verb, never in fixed phrases ("no later than").
_NOT_ANY = re.compile(rf"\b(?P<modal>{_MODAL}|should|would|could) not (?P<verb>[a-z]+) any (?P<next>[a-z]+)\b", re.I)
_VERB_NO = re.compile(rf"\b(?P<modal>{_MODAL}|should|would|could) (?P<verb>[a-z]+) no (?P<next>[a-z]+)\b", re.I)
_NOT_VERBS = {"RB", "RBR", "RBS", "DT", "IN", "PRP", "PRP$", "CC", "TO", "JJ", "CD"}
#: Something the fronted phrase would reach into as well, changing its scope: a condition or a second clause.
_SECOND_CLAUSE = re.compile(rf"\b(?:if|unless|but|because|while|{_MODAL})\b")
_FIXED_AFTER_NO = {"longer", "later", "earlier", "more", "less", "fewer", "sooner", "one", "matter", "doubt", "way"}
_NO_SUBJECT = re.compile(r"^No (?P<noun>[a-z]+) (?P<modal>may|can|shall|will) (?P<rest>.+)$")
_PLURAL_SUBJECT = re.compile(r"^(?P<noun>[A-Z][a-z]+s) (?P<modal>may|can|shall|will) not (?P<rest>.+)$")
_PAIRS = (("None of the", "Not one of the"), ("Neither party", "No party"), ("Nothing in this", "No provision of this"))


def is_verb(word: str, text: str) -> bool:
    """Whether the word after a modal (and its subject) is its verb. The tagger calls many contract verbs there nouns
    ("sublicense", "access"), so only what cannot be a verb declines: "may not always", "shall in no event"."""
    forms = verb(word)
    if forms is not None and forms.lemma == word:
        return True
    tags = {t.tag for t in parse(text) if t.text == word}
    return bool(tags) and not tags & _NOT_VERBS


def _lower_subject(subject: str) -> str:
    """The subject moved after a fronted phrase: "The Licensor" -> "the Licensor", "Visitors" -> "visitors"."""
    return subject[:1].lower() + subject[1:]


def _fronted(text: str, rng: random.Random) -> str | None:
    """"In no event shall the Licensor be liable ..." -> "The Licensor shall not be liable ... in any event" or
    "The Licensor shall in no event be liable ..."; the reverse from either of those."""
    if m := _FRONTED_FORM.match(text):
        if not is_verb(m["verb"], text):
            return None
        subject, phrase = _capitalize(m["subject"]), m["phrase"].lower()
        if rng.random() < 0.5:
            return f"{subject} {m['modal']} not {m['verb']} {m['rest']} {_FRONTED[phrase]}{m['end']}"
        return f"{subject} {m['modal']} {phrase} {m['verb']} {m['rest']}{m['end']}"
    if m := _MID_FORM.match(text):
        if not is_verb(m["verb"], text):
            return None
        return f"{m['phrase'].capitalize()} {m['modal']} {_lower_subject(m['subject'])} {m['verb']} {m['rest']}{m['end']}"
    if (m := _PLAIN_FORM.match(text)) and is_verb(m["verb"], text) and not _SECOND_CLAUSE.search(m["rest"]):
        phrase = rng.choice(list(_FRONTED))
        return f"{phrase.capitalize()} {m['modal'].lower()} {_lower_subject(m['subject'])} {m['verb']} {m['rest']}{m['end']}"
    return None


def _any_or_no(text: str) -> str | None:
    """"shall not make any changes" <-> "shall make no changes"."""
    if (m := _NOT_ANY.search(text)) and is_verb(m["verb"].lower(), text) and m["next"].lower() not in _FIXED_AFTER_NO:
        return text[: m.start()] + f"{m['modal']} {m['verb']} no {m['next']}" + text[m.end() :]
    if (m := _VERB_NO.search(text)) and is_verb(m["verb"].lower(), text) and m["next"].lower() not in _FIXED_AFTER_NO:
        return text[: m.start()] + f"{m['modal']} not {m['verb']} any {m['next']}" + text[m.end() :]
    return None


def _no_subject(text: str) -> str | None:
    """"No tenants may keep pets" <-> "Tenants may not keep pets": a bare plural states a rule for all of them."""
    if (m := _NO_SUBJECT.match(text)) and m["noun"].endswith("s") and not m["noun"].endswith("ss"):
        return f"{m['noun'].capitalize()} {m['modal']} not {m['rest']}"
    if m := _PLURAL_SUBJECT.match(text):
        return f"No {m['noun'].lower()} {m['modal']} {m['rest']}"
    return None


def _fixed_pair(text: str) -> str | None:
    """Phrases that say the same without a modal to move: "None of the" / "Not one of the", "Neither party" / "No
    party" (a contract has two), "Nothing in this Agreement" / "No provision of this Agreement"."""
    for first, second in _PAIRS:
        for old, new in ((first, second), (second, first)):
            if text.startswith(old + " ") and re.search(rf"\b(?:{_MODAL})\b", text):
                return new + text[len(old) :]
    return None


def negation_wording(text: str, rng: random.Random) -> str | None:
    """One of the rewordings above, chosen at random among those that apply."""
    options = [out for out in (_fronted(text, rng), _any_or_no(text), _no_subject(text), _fixed_pair(text)) if out]
    return rng.choice(options) if options else None


#: What the fixed phrases become with the prohibition lifted.
_LIFTED = {
    "None of the": "All of the", "Not one of the": "Each of the", "Neither party": "Either party", "No party": "Either party",
}


def without_negation(text: str) -> str | None:
    """The prohibition lifted ("shall not be liable" -> "shall be liable", "In no event shall the Licensor be" ->
    "The Licensor shall be", "shall make no changes" -> "shall make changes", "None of the" -> "All of the"): the
    near-miss each rewording is paired with."""
    if (m := _FRONTED_FORM.match(text)) and is_verb(m["verb"], text):
        return f"{_capitalize(m['subject'])} {m['modal']} {m['verb']} {m['rest']}{m['end']}"
    if (m := _MID_FORM.match(text)) and is_verb(m["verb"], text):
        return f"{m['subject']} {m['modal']} {m['verb']} {m['rest']}{m['end']}"
    if m := re.search(rf"\b({_MODAL}|should|would|could) not\b", text, re.I):
        return text[: m.end(1)] + text[m.end() :]
    if (m := _VERB_NO.search(text)) and is_verb(m["verb"].lower(), text) and m["next"].lower() not in _FIXED_AFTER_NO:
        return text[: m.end("verb")] + text[m.end("verb") + 3 :]
    if (m := _NO_SUBJECT.match(text)) and m["noun"].endswith("s"):
        return f"{m['noun'].capitalize()} {m['modal']} {m['rest']}"
    return next((lifted + text[len(fixed) :] for fixed, lifted in _LIFTED.items() if text.startswith(fixed + " ")), None)
