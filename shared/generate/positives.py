"""Meaning-preserving rewrites: voice change, clause reordering, reordered lists, synonyms, rewording, equivalent
contract wordings, and the query styles a retriever actually receives (questions and short claims).

Each function returns ``None`` when it cannot guarantee the meaning is kept; a "positive" that
quietly changes meaning is as harmful as a negative that does not.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping

from ..text import NUMBER_WORDS
from . import lexicon
from .lists import ORDERED_LIST, list_separator, noun_lists, word_lists
from .morphology import verb
from .negatives import AMOUNT, PERIOD, WITHIN_PERIOD, _fix_article, _match_case, _phrase_re, inner_case
from .shallow import SUBORDINATORS, Phrase, Token, main_clause, parse

#: Nouns for people and parties: a subject that can ask "who" of, or be bound by a rule.
PEOPLE = {w for pair in lexicon.ROLE_PAIRS for w in pair} | {
    "man", "woman", "men", "women", "person", "people", "boy", "girl", "child", "children", "employee", "visitor",
    "contractor", "manager", "engineer", "operator", "technician", "intern", "hire", "supplier", "officer", "staff",
}
_QUANTIFIED = {"every", "each", "all", "some", "no", "any", "most", "few", "many", "none", "several", "both"}


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(phrase: Phrase) -> bool:
    return phrase.head.tag in {"NNS", "NNPS"} or any(t.lower == "and" for t in phrase.tokens)


# ---------------------------------------------------------------- voice


def voice(text: str, rng: random.Random | None = None) -> str | None:
    """Active <-> passive on the main clause; agent and patient keep their roles.

    Declines on quantified arguments ("Every clerk signs a form" has a scope reading the passive
    may not share), pronouns, unknown verbs and ditransitives.
    """
    clause = main_clause(text)
    if clause is None:
        return None
    if clause.passive:
        return _to_active(text, clause.subject, clause.verb, clause.agent)
    return _to_passive(text, clause.subject, clause.verb, clause.obj)


def _safe_argument(phrase: Phrase | None) -> bool:
    if phrase is None:
        return False
    words = {t.lower for t in phrase.tokens}
    return not (words & _QUANTIFIED) and phrase.head.tag.startswith("NN") and phrase.head.tag != "PRP"


_CLAUSE_END = {".", ",", ";", ":", "?", "!"}


def _ends_phrase(text: str, phrase: Phrase) -> bool:
    """True when nothing after ``phrase`` could still belong to it or coordinate with it.

    "by a fuse rated 12 A and ..." must not become "a fuse protects the circuit rated 12 A":
    only punctuation, the end, or a preposition may follow the moved phrase.
    """
    after = [t for t in parse(text) if t.start >= phrase.end]
    if not after:
        return True
    nxt = after[0]
    if nxt.lower in {"up", "down", "out", "off", "away", "back"}:
        return False  # a verb particle: "puts his hands up"
    return nxt.text in _CLAUSE_END and not (nxt.text == "," and re.match(r",\s*(and|or|but)\b", text[nxt.start :])) or (
        nxt.tag in {"IN", "TO"} and nxt.lower not in {"that", "than", "of"}
    )


def _voice_verb(word: str) -> bool:
    forms = verb(word)
    return forms is not None and forms.lemma not in {"be", "have", "do"}


def _to_passive(text: str, subject: Phrase, group: Phrase, obj: Phrase | None) -> str | None:
    if not (_safe_argument(subject) and _safe_argument(obj)):
        return None
    assert obj is not None
    if not _ends_phrase(text, obj) or not _voice_verb(group.tokens[-1].text):
        return None
    words = list(group.tokens)
    forms = verb(words[-1].text)
    if forms is None or words[-1].tag == "VBN" and words[0].lower not in {"has", "have", "had"}:
        return None
    plural = _plural(obj)
    be = {"present": "are" if plural else "is", "past": "were" if plural else "was"}
    lowered = [w.lower for w in words]
    if len(words) == 1 and words[0].tag in {"VBZ", "VBP"} and words[0].lower == forms.third or len(words) == 1 and words[0].tag == "VBP" and words[0].lower == forms.lemma:
        new_verb = f"{be['present']} {forms.participle}"
    elif len(words) == 1 and words[0].tag == "VBD" and words[0].lower == forms.past:
        new_verb = f"{be['past']} {forms.participle}"
    elif words[0].tag == "MD" and words[-1].lower == forms.lemma and all(w in {"not", "also"} for w in lowered[1:-1]):
        new_verb = " ".join(lowered[:-1]) + f" be {forms.participle}"
    elif len(words) == 2 and lowered[0] in {"has", "have"} and words[1].lower == forms.participle:
        new_verb = f"{'have' if plural else 'has'} been {forms.participle}"
    elif len(words) == 2 and lowered[0] in {"is", "are"} and words[1].lower == forms.gerund:
        new_verb = f"{be['present']} being {forms.participle}"
    else:
        return None
    if text[group.end : obj.start].strip() or text[subject.end : group.start].strip():
        return None
    obj_text = text[obj.start : obj.end]
    new_subject = _capitalize(obj_text) if subject.start == 0 else inner_case(obj_text, obj)
    agent = inner_case(text[subject.start : subject.end], subject)
    return text[: subject.start] + f"{new_subject} {new_verb} by {agent}" + text[obj.end :]


def _to_active(text: str, subject: Phrase, group: Phrase, agent: Phrase | None) -> str | None:
    if not (_safe_argument(subject) and _safe_argument(agent)):
        return None
    assert agent is not None
    if not _ends_phrase(text, agent) or not _voice_verb(group.tokens[-1].text):
        return None
    words = [t.lower for t in group.tokens]
    forms = verb(words[-1])
    if forms is None or words[-1] != forms.participle:
        return None
    plural = _plural(agent)
    if len(words) == 2 and words[0] in {"is", "are"}:
        new_verb = forms.lemma if plural else forms.third
    elif len(words) == 2 and words[0] in {"was", "were"}:
        new_verb = forms.past
    elif group.tokens[0].tag == "MD" and words[-2] == "be" and all(w in {"not", "also"} for w in words[1:-2]):
        new_verb = " ".join(words[:-2] + [forms.lemma])
    elif len(words) == 3 and words[0] in {"has", "have"} and words[1] == "been":
        new_verb = f"{'have' if plural else 'has'} {forms.participle}"
    elif len(words) == 3 and words[0] in {"is", "are"} and words[1] == "being":
        new_verb = f"{'are' if plural else 'is'} {forms.gerund}"
    else:
        return None
    by_start = text.rfind("by", group.end, agent.start)
    if by_start < 0 or text[group.end : by_start].strip():
        return None
    agent_text = text[agent.start : agent.end]
    new_subject = _capitalize(agent_text) if subject.start == 0 else inner_case(agent_text, agent)
    patient = inner_case(text[subject.start : subject.end], subject)
    return text[: subject.start] + f"{new_subject} {new_verb} {patient}" + text[agent.end :]


# ---------------------------------------------------------------- clause order


_TRAILING_SUB = re.compile(r"^(?P<main>[^,;]+?) (?P<sub>(?:if|unless|when|once|after|before) [^,;]+?)(?P<end>[.!?]?)$")


def reorder(text: str, rng: random.Random | None = None) -> str | None:
    """"If X, Y." <-> "Y if X." A clause starting with a pronoun is skipped: moving it before
    its antecedent would change what the pronoun refers to."""
    tokens = parse(text)
    if not tokens:
        return None
    if tokens[0].lower in SUBORDINATORS:
        clause = main_clause(text)
        if clause is None:
            return None
        comma = text.rfind(",", 0, clause.subject.start)
        sub, main = text[:comma], text[comma + 1 :].strip()
        if "," in sub or clause.subject.head.lower in {"it", "he", "she", "they", "this"}:
            return None
        end = main[-1] if main[-1] in ".!?" else ""
        main = main[: len(main) - len(end)]
        return _capitalize(main) + " " + sub[:1].lower() + sub[1:] + end
    match = _TRAILING_SUB.match(text)
    if not match:
        return None
    main, sub = match.group("main"), match.group("sub")
    pronoun = re.compile(r"\b(it|he|she|they|its|their|his|her|them)\b", re.I)
    if pronoun.search(main) or pronoun.search(sub) or main_clause(main) is None:
        return None
    last = parse(main)[-1]
    if last.tag.startswith("NN") and sub.startswith("when"):
        return None  # "the day when ..." is a relative clause, not a condition
    if re.search(r"\b(days?|weeks?|months?|years?|hours?|minutes?|\d+)$", main) or re.search(r"\b(and|or)\b", sub):
        return None  # "due 30 days after the invoice date": the clause modifies the quantity
    first = parse(main)[0]
    main_lower = main if first.tag.startswith("NNP") else main[:1].lower() + main[1:]
    return _capitalize(sub) + ", " + main_lower + match.group("end")


def coordination(text: str, rng: random.Random) -> str | None:
    """Reorder the items of a noun-phrase list ("the Licensor, the Agent and the Broker"), or else of a list of
    single verbs or adjectives ("may not sublet or assign"): who or what is listed first changes nothing.
    ``shared.generate.lists`` decides which lists are order-free."""
    if ORDERED_LIST.search(text):
        return None
    tokens = parse(text)
    for items, conjunction in noun_lists(tokens):
        spans = [text[tokens[a].start : tokens[b - 1].end] for a, b in items]
        if len(set(spans)) < len(spans):
            continue
        order = list(range(len(spans)))
        while order == sorted(order):
            rng.shuffle(order)
        at_start = items[0][0] == 0
        if at_start and not tokens[0].tag.startswith("NNP"):
            spans[0] = spans[0][:1].lower() + spans[0][1:]
        moved = [spans[k] for k in order]
        if at_start:
            moved[0] = _capitalize(moved[0])
        return text[: tokens[items[0][0]].start] + _joined(moved, tokens, conjunction) + text[tokens[items[-1][1] - 1].end :]
    for words, conjunction in word_lists(tokens):
        found = [tokens[w] for w in words]
        order = list(range(len(found)))
        while order == sorted(order):
            rng.shuffle(order)
        moved = [found[k].text for k in order]
        return text[: found[0].start] + _joined(moved, tokens, conjunction) + text[found[-1].end :]
    return None


def _joined(items: list[str], tokens: tuple[Token, ...], conjunction: int) -> str:
    """Items written back as a list with the original's conjunction and serial comma (or none)."""
    serial = "," if tokens[conjunction - 1].text == "," else ""
    return ", ".join(items[:-1]) + f"{serial} {tokens[conjunction].text} " + items[-1]


# ---------------------------------------------------------------- lexical


def synonym(text: str, rng: random.Random) -> str | None:
    """Replace one word by a curated synonym; never when the synonym already names something else."""
    options = []
    for old, new in lexicon.SYNONYMS.items():
        if _phrase_re(new).search(text):
            continue
        for match in _phrase_re(old).finditer(text):
            if old in lexicon.VERB_ONLY_SYNONYMS:
                tag = next((t.tag for t in parse(text) if t.start == match.start()), "")
                if not tag.startswith("VB"):
                    continue
            options.append((match.start(), match.end(), new))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return text[:start] + _match_case(text[start:end], new) + text[end:]


_CONTRACTIONS = {"is not": "isn't", "are not": "aren't", "does not": "doesn't", "do not": "don't",
                 "cannot": "can't", "will not": "won't", "must not": "mustn't", "should not": "shouldn't"}
_NUMBER_WORDS = {str(value): word for word, value in NUMBER_WORDS.items() if value < 10}


def reword(text: str, rng: random.Random) -> str | None:
    """Surface-only changes: contractions, "%" vs "percent", small numbers as words, "in order to"."""
    options: list[tuple[int, int, str]] = []
    for full, short in _CONTRACTIONS.items():
        for match in _phrase_re(full).finditer(text):
            options.append((match.start(), match.end(), _match_case(match.group(0), short)))
        for match in _phrase_re(short).finditer(text):
            options.append((match.start(), match.end(), _match_case(match.group(0), full)))
    for match in re.finditer(r"(\d)%", text):
        options.append((match.start(1) + 1, match.end(), " percent"))
    for match in re.finditer(r"(?<![\d.,])(\d)(?= [a-z])(?![\d.,])", text):
        options.append((match.start(), match.end(), _NUMBER_WORDS[match.group(1)]))
    for match in re.finditer(r"\bin order to\b", text):
        options.append((match.start(), match.end(), "to"))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return text[:start] + new + text[end:]


_BEFORE_AMOUNT = re.compile(rf"\s{AMOUNT}\b")
_NO_LATER_AFTER = re.compile(rf"\bnot? later than ({PERIOD}) after\b", re.IGNORECASE)
_OWNER = r"[A-Z][\w-]*(?: [A-Z][\w-]*)?"
_NOUN = rf"(?:(?:prior|written|express|formal|final) )*(?:{'|'.join(sorted(lexicon.OWNED_NOUNS))})"
_OF_OWNER = re.compile(rf"\b([Tt]he) ({_NOUN}) of the ({_OWNER})\b(?!'| and\b| or\b)")
_OWNERS = re.compile(rf"\b([Tt]he) ({_OWNER})'s ({_NOUN})\b")
# "indemnify the Licensor against" / "hold the Licensor harmless from": the protected party sits between the verb and
# the preposition; only a named party or a pronoun, so "protect the data from" (a thing, not a party) stays out.
_PROTECTED = r"(?:the (?:[A-Z][\w-]*(?: [A-Z][\w-]*)?)|it|them|him|her|us)"
_PROTECTION = re.compile(
    rf"\b(?:{'|'.join(lexicon.PROTECTION_VERBS)}|holds? {_PROTECTED} harmless) (?:{_PROTECTED} )?"
    rf"({'|'.join(lexicon.PROTECTION_PREPOSITIONS)})\b"
)


def equivalent_wording(text: str, rng: random.Random) -> str | None:
    """One phrase swapped for a contract wording that means the same, often with a "not" on one side only
    ("no later than 90 days after" for "within 90 days of", "not less than 30" for "at least 30", "the consent
    of the Landlord" for "the Landlord's consent", "indemnify ... from" for "indemnify ... against"), so that a negation
    word or a changed preposition alone is no reason to reject."""
    options: list[tuple[int, int, str]] = []
    for groups, before_amount in ((lexicon.EQUIVALENT_BOUNDS, True), (lexicon.EQUIVALENT_PHRASES, False)):
        for group in groups:
            for phrase in group:
                for match in _phrase_re(phrase).finditer(text):
                    if before_amount and not _BEFORE_AMOUNT.match(text, match.end()):
                        continue
                    options.extend((match.start(), match.end(), other) for other in group if other != phrase)
    for old, new in lexicon.EQUIVALENT_REPLACEMENTS.items():
        options.extend((match.start(), match.end(), new) for match in _phrase_re(old).finditer(text))
    options.extend((m.start(), m.end(), f"no later than {m.group(1)} after") for m in WITHIN_PERIOD.finditer(text))
    options.extend((m.start(), m.end(), f"within {m.group(1)} after") for m in _NO_LATER_AFTER.finditer(text))
    for m in _OF_OWNER.finditer(text):
        options.append((m.start(), m.end(), f"{m.group(1)} {m.group(3)}'s {m.group(2)}"))
    for m in _OWNERS.finditer(text):
        options.append((m.start(), m.end(), f"{m.group(1)} {m.group(3)} of the {m.group(2)}"))
    for m in _PROTECTION.finditer(text):
        options.extend((m.start(1), m.end(1), other) for other in lexicon.PROTECTION_PREPOSITIONS if other != m.group(1))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return text[:start] + _match_case(text[start:end], new) + text[end:]


# ---------------------------------------------------------------- query styles


_DO = {"VBZ": "Does", "VBP": "Do", "VBD": "Did"}
_FINITE = {"MD", "VBZ", "VBP", "VBD"}


def _single_clause(text: str) -> bool:
    """Questions are formed only from one-clause sentences: inverting the first of two
    coordinated clauses ("Who is responsible for X and the Lender is ...?") is not English."""
    if re.search(r"\b(but|while|whereas|although)\b|;", text):
        return False
    return not re.search(r"\b(and|or)\s+(the|a|an|[A-Z]\w*)\b", text)


def _mistagged_verb(text: str, first: Token) -> bool:
    """A finite verb right before a comma is a noun the tagger read as a verb ("New hires, interns and staff must
    ..."): a question built on it ("Who hires, interns ...?") is not English."""
    return text[first.end :].lstrip().startswith(",")


_INVERTIBLE = {"shall", "may", "must", "will", "can", "should", "could", "would", "might", "is", "are", "was", "were", "has", "have", "had"}


def question(text: str, rng: random.Random) -> str | None:
    """A yes/no question asking exactly what the sentence states (subject-auxiliary inversion)."""
    tokens = parse(text)
    if tokens and tokens[0].lower in SUBORDINATORS:
        moved = reorder(text)
        if moved is None:
            return None
        text = moved
    clause = main_clause(text)
    if clause is None or clause.subject.start != 0 or not _single_clause(text):
        return None
    if clause.verb.tokens[0].tag not in _FINITE or _mistagged_verb(text, clause.verb.tokens[0]):
        return None
    body = text.rstrip().rstrip(".!")
    if text.rstrip().endswith("?"):
        return None
    first = clause.verb.tokens[0]
    subject = inner_case(text[clause.subject.start : clause.subject.end], clause.subject)
    if first.lower in _INVERTIBLE or first.lower in {"does", "do", "did"} and len(clause.verb.tokens) > 1:
        aux = first.text if first.lower != "cannot" else "Can"
        rest = body[first.end :].lstrip()
        return f"{_capitalize(aux.lower())} {subject} {rest}?"
    forms = verb(first.text)
    if forms is None or first.tag not in _DO or (first.tag == "VBD" and first.lower != forms.past):
        return None
    rest = body[first.end :]
    return f"{_DO[first.tag]} {subject} {forms.lemma}{rest}?"


_UNSAFE_FOR_CLAIM = re.compile(
    r"\b(not|n't|no|never|none|nor|neither|without|few|fewer|less|at most|unless|except|only|if|"
    r"whether|or|excluding|other than|up to|maximum|cannot)\b",
    re.IGNORECASE,
)


_UNIVERSAL = re.compile(r"\b(all|every|each|any|always|most)\b", re.IGNORECASE)


def generalisation(text: str, rng: random.Random) -> str | None:
    """The sentence with one thing named more generally ("a person" for "a man", "the pump" for "the coolant
    pump"): asked about the general thing, the passage still answers. Declines under negation, restriction,
    conditions and universal quantifiers, where the general word says more, not less ("no man" does not give
    "no person"; "every dog" does not give "every animal")."""
    if _UNSAFE_FOR_CLAIM.search(text) or _UNIVERSAL.search(text):
        return None
    options = [
        (match.start(), match.end(), general)
        for specific, general in lexicon.GENERALISATIONS.items()
        for match in _phrase_re(specific).finditer(text)
    ]
    if not options:
        return None
    start, end, general = rng.choice(options)
    return _fix_article(text[:start] + _match_case(text[start:end], general) + text[end:], start)


_WH_SINGULAR = {"are": "is", "were": "was", "have": "has"}


def _wh_word(party: Phrase) -> str:
    """"Who" for a name or a person, else "What"."""
    head = party.head
    return "Who" if head.tag.startswith("NNP") or head.lower.rstrip("s") in PEOPLE or head.lower in PEOPLE else "What"


def wh_question(text: str, rng: random.Random | None = None) -> str | None:
    """Ask for the subject: "The Tenant must notify the Landlord." -> "Who must notify the Landlord?"

    The rest of the sentence is kept verbatim, so the passage answers it exactly when it states
    the same predicate; unlike a yes/no question, a near-miss passage does not answer it.
    """
    clause = main_clause(text)
    if clause is None or clause.subject.start != 0 or text.rstrip().endswith("?") or not _single_clause(text):
        return None
    first = clause.verb.tokens[0]
    if first.tag not in _FINITE or (first.tag != "MD" and verb(first.text) is None and first.lower not in _WH_SINGULAR):
        return None
    if _mistagged_verb(text, first):
        return None
    word = first.text
    if first.lower in _WH_SINGULAR:
        word = _WH_SINGULAR[first.lower]
    elif first.tag == "VBP":
        forms = verb(first.text)
        if forms is None:
            return None
        word = forms.third
    body = text.rstrip().rstrip(".!")
    return f"{_wh_word(clause.subject)} {word}{body[first.end :]}?"


def object_question(text: str, rng: random.Random | None = None) -> str | None:
    """Ask for the object: "The Licensee shall indemnify the Licensor." -> "Who shall the Licensee indemnify?",
    "The warranty covers water damage." -> "What does the warranty cover?"

    Users ask for either party of a clause; a passage with the parties swapped names the right words and answers
    neither question. Declines passives, several clauses and verb groups it cannot invert or give do-support.
    """
    clause = main_clause(text)
    if clause is None or clause.obj is None or clause.passive or clause.subject.start != 0:
        return None
    if text.rstrip().endswith("?") or not _single_clause(text):
        return None
    words = clause.verb.tokens
    first = words[0]
    if first.tag not in _FINITE or _mistagged_verb(text, first) or clause.obj.tokens[0].tag in {"PRP", "WDT", "WP"}:
        return None
    subject = inner_case(text[clause.subject.start : clause.subject.end], clause.subject)
    tail = text[clause.obj.end :].rstrip().rstrip(".!")
    if first.lower in _INVERTIBLE or (first.lower in {"does", "do", "did"} and len(words) > 1):
        rest = text[first.end : clause.verb.end].strip()
        if not rest:
            return None  # "The fee is 500 EUR": a copula's complement is not an object to ask for
        asked = f"{first.lower} {subject} {rest}"
    else:
        forms = verb(first.text)
        if forms is None or first.tag not in _DO or (first.tag == "VBD" and first.lower != forms.past) or len(words) > 1:
            return None
        asked = f"{_DO[first.tag].lower()} {subject} {forms.lemma}"
    return f"{_wh_word(clause.obj)} {asked}{tail}?"


def claim(text: str, rng: random.Random) -> str | None:
    """A short claim the sentence entails: subject, verb group and object, adjuncts dropped.

    Dropping adjuncts is only entailment-safe in upward-monotone sentences, so any negation,
    restriction ("only", "except") or condition makes this decline.
    """
    if _UNSAFE_FOR_CLAIM.search(text):
        return None
    clause = main_clause(text)
    if clause is None or clause.subject.start != 0 or clause.passive or clause.obj is None:
        return None
    if clause.verb.tokens[0].tag not in _FINITE or not _ends_phrase(text, clause.obj):
        return None  # "A woman wearing a yellow tank." cut a participle fragment mid-phrase
    core = text[: clause.obj.end]
    if len(core) >= len(text.rstrip(". ")) - 3 or len(core.split()) < 4:
        return None
    return core + "."


_CONJUNCTION = re.compile(r",? and (?=(?:the|a|an|its|their|each|all|[A-Z0-9])\b)")
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|shall|must|may|will|can|should|does|do|costs|ships|reports|"
    r"approves|runs|pays|owns|holds|expires|starts|ends|covers|applies|requires|handles)\b",
    re.IGNORECASE,
)


def conjuncts(text: str) -> list[str] | None:
    """The two clauses of "X and Y" as sentences, when both have their own verb ("the 2023 invoice is paid
    and the 2024 invoice is overdue"); gapped coordination ("... by a fuse rated 8 A and the lower by ...")
    declines, because its second half is not a sentence on its own."""
    parts = _CONJUNCTION.split(text.strip().rstrip("."))
    if len(parts) != 2 or not all(_FINITE_VERB.search(part) and len(part.split()) >= 3 for part in parts):
        return None
    return [part.strip()[0].upper() + part.strip()[1:] + "." for part in parts]


def conjunct(text: str, rng: random.Random) -> str | None:
    """One clause of a two-clause sentence, as a claim: users ask about one half of a compound clause."""
    if _UNSAFE_FOR_CLAIM.search(text):
        return None
    halves = conjuncts(text)
    return rng.choice(halves) if halves else None


#: Words that complete a verb of a coordinated list without being its object ("hold harmless").
_VERB_COMPLEMENTS = {"harmless"}
#: Tags that may open the shared object after a verb list.
_OBJECT_OPENERS = ("DT", "PRP$", "NN", "JJ", "CD")


def _verb_form(token: Token) -> str | None:
    forms = verb(token.lower)
    if forms is None:
        return None
    return "lemma" if token.lower == forms.lemma else "third" if token.lower == forms.third else None


def _verb_list(tokens: tuple[Token, ...], start: int) -> tuple[list[tuple[int, int]], int] | None:
    """Items of "indemnify, defend and hold harmless" starting at token ``start``: their token spans and the
    index of the token after the list. Every item is one verb we know the forms of, all in the same form, so
    "sits and reads a book" (no shared object) never passes: the morphology table lists transitive verbs."""
    items: list[tuple[int, int]] = []
    form: str | None = None
    closing = False
    i = start
    while i < len(tokens):
        word_form = _verb_form(tokens[i])
        if word_form is None or form not in {None, word_form}:
            return None
        form = word_form
        end = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].lower in _VERB_COMPLEMENTS)
        items.append((i, end))
        if closing:
            return items, end
        step = list_separator(tokens, end, {"and"})
        if step is None:
            return None
        conjunction, i = step
        closing = conjunction >= 0
    return None


def verb_subset(text: str, rng: random.Random) -> str | None:
    """One verb of a coordinated list that shares its object, as a claim: "The Licensee shall indemnify the
    Licensor." from "The Licensee shall indemnify, defend and hold harmless the Licensor ...". Users ask about
    one obligation of a clause that lists several. "And" only, and never under negation, "or" or conditions:
    "shall not indemnify and defend" does not give "shall not indemnify"."""
    if _UNSAFE_FOR_CLAIM.search(text) or re.search(r"\brespectively\b", text, re.IGNORECASE):
        return None
    tokens = parse(text)
    for start in range(len(tokens)):
        before = tokens[start - 1] if start else None
        if before is not None and before.tag != "MD" and before.lower != "to" and not before.tag.startswith("NN"):
            continue
        found = _verb_list(tokens, start)
        if found is None:
            continue
        items, after = found
        if after >= len(tokens) or not tokens[after].tag.startswith(_OBJECT_OPENERS):
            continue  # the list must share one object: "The pump starts and stops." has none to keep
        a, b = rng.choice(items)
        kept = text[tokens[a].start : tokens[b - 1].end]
        if start == 0:
            kept = _capitalize(kept)
        return text[: tokens[start].start] + kept + text[tokens[after - 1].end :]
    return None


def embed(sentence: str, context: list[str], rng: random.Random) -> str:
    """A 1-5 sentence passage with ``sentence`` at a random position among ``context``."""
    others = rng.sample(context, k=min(len(context), rng.randint(0, 4)))
    others = [s for s in others if s != sentence]
    others.insert(rng.randint(0, len(others)), sentence)
    return " ".join(others)


#: Sentence-to-sentence rewrites by the positive edit-type name they produce.
REWRITERS = {
    "voice": voice, "reorder": reorder, "coordination": coordination, "synonym": synonym, "reword": reword,
    "equivalent_wording": equivalent_wording,
}


def first_applicable(
    editors: Mapping[str, Callable[[str, random.Random], str | None]], text: str, rng: random.Random
) -> tuple[str, str] | None:
    """(editor name, edited text) from the first editor, in random order, that applies and changes ``text``: trying
    them in a fixed order would make the rarer edits rarer still."""
    names = list(editors)
    rng.shuffle(names)
    for name in names:
        edited = editors[name](text, rng)
        if edited is not None and edited != text:
            return name, edited
    return None


def first_rewording(text: str, rng: random.Random) -> tuple[str, str] | None:
    """``text`` reworded without changing its meaning by one of :data:`REWRITERS`, with the rewriter's name."""
    return first_applicable(REWRITERS, text, rng)


#: Sentence-to-query rewrites: the query asks or claims what the sentence states.
QUERY_STYLES = {
    "question": question, "claim": claim, "conjunct": conjunct, "generalisation": generalisation, "verb_subset": verb_subset,
}
