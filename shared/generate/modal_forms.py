"""Permission, obligation and prohibition, each said several ways, and the near-misses between them.

Policies and contracts say one rule with different words: "The Tenant may not keep pets", "The Tenant is not
permitted to keep pets", "The Tenant is not allowed to keep pets", "The Tenant is prohibited from keeping pets". A
verifier that has only seen "may not" against "may" reads a changed word next to a "not" as a flipped rule and
rejects all of these. It must still tell the four rules apart that such wordings sit between: a prohibition ("is not
permitted to") is not the absence of a duty ("is not required to", "need not"), a duty ("is required to") is not a
permission ("is allowed to"). Each differs from another by one or two words.

A clause is read in any of these forms, so a real "is not allowed to" is reworded as readily as a templated "may not".
Only clauses whose subject is a party or a person are reworded ("the Licensee", "Employees"): with a thing as
subject "shall" states a fact ("The term shall commence on ...") and "may" a possibility, not a rule; and "be" never
follows the modal ("shall not be liable" is not a prohibition on being liable).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .morphology import verb
from .negation_forms import is_verb
from .positives import PEOPLE

PROHIBITION, PERMISSION, OBLIGATION, NO_OBLIGATION = "prohibition", "permission", "obligation", "no_obligation"

#: Forms of each rule; {be}, {have}, {do} agree with the subject, {verb} is the lemma and {gerund} its -ing form.
FORMS: dict[str, tuple[str, ...]] = {
    PROHIBITION: (
        "may not {verb}", "must not {verb}", "shall not {verb}", "{be} not permitted to {verb}",
        "{be} not allowed to {verb}", "{be} prohibited from {gerund}", "{be} forbidden to {verb}",
    ),
    PERMISSION: ("may {verb}", "{be} permitted to {verb}", "{be} allowed to {verb}", "{be} entitled to {verb}"),
    OBLIGATION: ("must {verb}", "shall {verb}", "{be} required to {verb}", "{be} obliged to {verb}", "{have} to {verb}"),
    NO_OBLIGATION: ("need not {verb}", "{be} not required to {verb}", "{do} not have to {verb}", "{be} not obliged to {verb}"),
}
#: The rules a clause's rule is most easily mistaken for, with the edit type the near-miss is counted under.
NEAR_MISSES: dict[str, tuple[tuple[str, str], ...]] = {
    PROHIBITION: ((PERMISSION, "negation"), (NO_OBLIGATION, "quantifier")),
    PERMISSION: ((PROHIBITION, "negation"), (OBLIGATION, "quantifier")),
    OBLIGATION: ((NO_OBLIGATION, "negation"), (PERMISSION, "quantifier")),
    NO_OBLIGATION: ((OBLIGATION, "negation"), (PROHIBITION, "quantifier")),
}
#: A duty to act implies leave to act, and a prohibition implies no duty; so in those pairs only the stronger rule,
#: asked against the weaker, goes unstated ("must pay" is not stated by "may pay", but "may pay" is by "must pay").
_STRONGER = {OBLIGATION, PROHIBITION}
#: A party ("the Licensee", "the Disclosing Party") or people ("Employees", "the operator", "any contractor").
_SUBJECT = r"(?:(?:[Tt]he|[Aa]ny) (?:[A-Z][a-z-]+(?: [A-Z][a-z-]+)?|[a-z]+)|[A-Z][a-z]+s)"
_SLOTS = {
    "{verb}": r"(?P<verb>[a-z]+)", "{gerund}": r"(?P<gerund>[a-z]+ing)", "{be}": "(?:is|are)", "{have}": "(?:has|have)",
    "{do}": "(?:does|do)",
}


def _form_pattern(form: str) -> re.Pattern[str]:
    for slot, pattern in _SLOTS.items():
        form = form.replace(slot, pattern)
    return re.compile(rf"^(?P<subject>{_SUBJECT}) {form} (?P<rest>[^;]+?)(?P<end>[.!?]?)$")


#: Every form of every rule as a pattern, so a clause is read whichever way it is worded.
_PATTERNS = [(kind, _form_pattern(form)) for kind, forms in FORMS.items() for form in forms]
_NOT_ACTIONS = {"be", "have", "become", "remain"}
_ANOTHER_MODAL = re.compile(r"\b(?:may|must|shall|will|can|need|should|would|could)\b")


@dataclass(frozen=True)
class Rule:
    """A clause read as who must, may or may not do what."""

    subject: str
    kind: str
    verb: str
    rest: str
    end: str

    def say(self, form: str) -> str:
        """The rule in one of its forms, agreeing with the subject (a form with an -ing slot needs a known verb)."""
        plural = _plural(self.subject)
        forms = verb(self.verb)
        words = form.format(
            verb=self.verb, gerund=forms.gerund if forms else "", be="are" if plural else "is",
            have="have" if plural else "has", do="do" if plural else "does",
        )
        return f"{self.subject} {words} {self.rest}{self.end}"

    def wordings(self) -> list[str]:
        """Every form of the rule; those with an -ing form only for verbs whose forms are known."""
        known = verb(self.verb) is not None
        return [self.say(form) for form in FORMS[self.kind] if known or "{gerund}" not in form]


def _plural(subject: str) -> bool:
    head = subject.split()[-1]
    return head.endswith("s") and not head.endswith("ss")


def _is_person(subject: str) -> bool:
    head = subject.split()[-1]
    return head[0].isupper() or head.lower() in PEOPLE or head.lower().rstrip("s") in PEOPLE


def read_rule(text: str) -> Rule | None:
    """The rule a clause states when it is "<party> <one of the forms> <verb> ...", else ``None``."""
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if m is None or not _is_person(m["subject"]) or _ANOTHER_MODAL.search(m["rest"]):
            continue
        if "gerund" in m.groupdict():
            forms = verb(m["gerund"])
            lemma = forms.lemma if forms is not None and forms.gerund == m["gerund"] else None
        else:
            # "may not always", "shall promptly notify": the word after the modal is not its verb
            lemma = m["verb"] if is_verb(m["verb"], text) else None
        if lemma is not None and lemma not in _NOT_ACTIONS:
            return Rule(m["subject"], kind, lemma, m["rest"], m["end"])
    return None


def modal_wording(text: str, rng: random.Random) -> str | None:
    """The same rule in another of its forms ("may not keep" -> "is prohibited from keeping")."""
    rule = read_rule(text)
    if rule is None:
        return None
    others = [wording for wording in rule.wordings() if wording != text]
    return rng.choice(others) if others else None


@dataclass(frozen=True)
class NearMiss:
    """Another rule in the clause's words, and which side of a pair it must take."""

    text: str
    edit_type: str
    as_query: bool | None  # True: it must be the query; False: it must be the passage; None: either


def modal_near_miss(text: str, rng: random.Random) -> NearMiss | None:
    """A different rule in the same words: "is not permitted to keep" -> "is permitted to keep" (``negation``) or "is
    not required to keep" (``quantifier``: a prohibition is not the absence of a duty, though it implies one)."""
    rule = read_rule(text)
    if rule is None:
        return None
    other, edit_type = rng.choice(NEAR_MISSES[rule.kind])
    wording = rng.choice(Rule(rule.subject, other, rule.verb, rule.rest, rule.end).wordings())
    return NearMiss(wording, edit_type, None if edit_type == "negation" else other in _STRONGER)
