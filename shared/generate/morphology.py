"""English verb forms for the verbs our edits conjugate (voice change, do-support, questions).

Why a curated table and not a lemmatiser: the available parser has no lemmatiser, and a wrong
form ("the rent was payed") is a cheap cue a verifier would learn instead of meaning. So only
verbs listed here are conjugated; any other verb makes the conjugating edit decline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# lemma: (third person singular, past, past participle) for irregular verbs.
_IRREGULAR = {
    "be": ("is", "was", "been"), "have": ("has", "had", "had"), "do": ("does", "did", "done"),
    "pay": ("pays", "paid", "paid"), "give": ("gives", "gave", "given"), "grant": ("grants", "granted", "granted"),
    "send": ("sends", "sent", "sent"), "sell": ("sells", "sold", "sold"), "buy": ("buys", "bought", "bought"),
    "lend": ("lends", "lent", "lent"), "hold": ("holds", "held", "held"), "keep": ("keeps", "kept", "kept"),
    "make": ("makes", "made", "made"), "take": ("takes", "took", "taken"), "write": ("writes", "wrote", "written"),
    "bring": ("brings", "brought", "brought"), "build": ("builds", "built", "built"), "lead": ("leads", "led", "led"),
    "meet": ("meets", "met", "met"), "find": ("finds", "found", "found"), "see": ("sees", "saw", "seen"),
    "tell": ("tells", "told", "told"), "teach": ("teaches", "taught", "taught"), "catch": ("catches", "caught", "caught"),
    "throw": ("throws", "threw", "thrown"), "ride": ("rides", "rode", "ridden"), "drive": ("drives", "drove", "driven"),
    "eat": ("eats", "ate", "eaten"), "hit": ("hits", "hit", "hit"), "beat": ("beats", "beat", "beaten"),
    "feed": ("feeds", "fed", "fed"), "show": ("shows", "showed", "shown"), "choose": ("chooses", "chose", "chosen"),
    "forgive": ("forgives", "forgave", "forgiven"), "withdraw": ("withdraws", "withdrew", "withdrawn"),
    "undertake": ("undertakes", "undertook", "undertaken"), "overtake": ("overtakes", "overtook", "overtaken"),
    "draw": ("draws", "drew", "drawn"), "bear": ("bears", "bore", "borne"), "set": ("sets", "set", "set"),
    "put": ("puts", "put", "put"), "cut": ("cuts", "cut", "cut"), "shut": ("shuts", "shut", "shut"),
    "read": ("reads", "read", "read"), "win": ("wins", "won", "won"), "begin": ("begins", "began", "begun"),
}

# Regular verbs; doubling of the final consonant is marked with a trailing "+".
_REGULAR = """
accept acknowledge acquire adjust administer advise allocate amend appoint approve assign assist audit
authorise authorize bill calibrate cancel+ certify charge check claim clean close collect compensate
complete confirm connect consult contact control+ cover credit debit defend deliver deposit disclose dismiss
employ engage ensure evaluate examine exclude fund guarantee help include indemnify inform inspect
install instruct insure invoice issue license lock maintain manage monitor notify obtain operate order
own pack perform permit+ process protect provide purchase receive reimburse reject remove rent repair
replace report represent request reserve retain review reward sign store submit+ supervise supply
support terminate test train transfer+ treat update use verify visit warn lease contract regulate
refund chase push pull follow watch greet kiss hug paint cook wash serve call invite subsidise
subsidize sponsor escort recruit hire kick carry lubricate record
"""


@dataclass(frozen=True)
class VerbForms:
    """All inflected forms of one verb."""

    lemma: str
    third: str
    past: str
    participle: str
    gerund: str


def _regular_forms(word: str) -> tuple[str, str, str]:
    double = word.endswith("+")
    lemma = word.rstrip("+")
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if double:
        past = lemma + lemma[-1] + "ed"
    elif lemma.endswith("e"):
        past = lemma + "d"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    return third, past, past


def _gerund(lemma: str, participle: str) -> str:
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and lemma != "be":
        return lemma[:-1] + "ing"
    if participle.endswith(lemma[-1] * 2 + "ed") and not lemma.endswith(lemma[-1] * 2):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


@lru_cache(maxsize=1)
def _table() -> dict[str, VerbForms]:
    table: dict[str, VerbForms] = {}
    for lemma, (third, past, participle) in _IRREGULAR.items():
        table[lemma] = VerbForms(lemma, third, past, participle, _gerund(lemma, participle))
    for word in _REGULAR.split():
        lemma = word.rstrip("+")
        if lemma not in table:
            third, past, participle = _regular_forms(word)
            table[lemma] = VerbForms(lemma, third, past, participle, _gerund(lemma, participle))
    return table


@lru_cache(maxsize=1)
def _by_form() -> dict[str, VerbForms]:
    index: dict[str, VerbForms] = {}
    for forms in _table().values():
        for form in (forms.lemma, forms.third, forms.past, forms.participle, forms.gerund):
            index.setdefault(form, forms)
    return index


def verb(word: str) -> VerbForms | None:
    """Look up any inflected form of a known verb (case-insensitive); None for unknown verbs."""
    return _by_form().get(word.lower())
