"""Rule-based structural edits that turn a sentence into a near-miss with a different meaning.

Each editor takes one sentence and a seeded RNG and returns the edited sentence, or ``None`` when
it cannot make a *meaning-changing* edit with confidence. Declining is the safe default: a
"negative" that still means the same thing teaches the verifier to reject true matches.
"""

from __future__ import annotations

import random
import re
from typing import Callable

from . import lexicon
from .morphology import verb
from .shallow import Phrase, main_clause, parse

Editor = Callable[[str, random.Random], "str | None"]

_PRONOUNS = {"it", "he", "she", "they", "we", "you", "i", "this", "that", "these", "those", "which", "who", "there"}
_ANIMATE = {
    "man", "woman", "men", "women", "person", "people", "boy", "girl", "child", "children", "dog", "cat",
    "worker", "workers", "team", "company", "manager", "director", "officer", "committee", "auditor",
    "operator", "technician", "user", "users", "party", "parties", "player", "driver", "student", "teacher",
}
_ANIMATE |= {word for pair in lexicon.ROLE_PAIRS for word in pair}


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if " " in template and all(part[:1].isupper() for part in template.split()):
        return " ".join(part[:1].upper() + part[1:] for part in word.split())  # "Service Provider"
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)


def _fix_article(text: str, position: int) -> str:
    """Make an "a"/"an" right before ``position`` agree with the word that now starts there."""
    before = text[:position]
    match = re.search(r"\b(a|an|A|An)\s+$", before)
    if not match:
        return text
    wanted = "an" if re.match(r"[aeiouAEIOU]", text[position:]) else "a"
    article = _match_case(match.group(1), wanted)
    return before[: match.start(1)] + article + before[match.end(1) :] + text[position:]


def _replace(text: str, start: int, end: int, new: str) -> str:
    out = text[:start] + _match_case(text[start:end], new) + text[end:]
    return _fix_article(out, start)


def _swap_from_table(
    text: str,
    swaps: dict[str, str],
    rng: random.Random,
    guard: Callable[[str, re.Match[str]], bool] | None = None,
) -> str | None:
    """Replace one randomly chosen occurrence of a table entry by its counterpart.

    A pair whose two members both occur is skipped: "above or below" becomes "below or above".
    """
    candidates: list[tuple[int, int, str]] = []
    for old, new in swaps.items():
        if swaps.get(new) == old and _phrase_re(new).search(text):
            continue
        for match in _phrase_re(old).finditer(text):
            if guard is None or guard(text, match):
                candidates.append((match.start(), match.end(), new))
    if not candidates:
        return None
    # Prefer the longest phrase at a position ("no later than" over "later").
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, str]] = []
    for cand in candidates:
        if not kept or cand[0] >= kept[-1][1]:
            kept.append(cand)
    start, end, new = rng.choice(kept)
    return _replace(text, start, end, new)


def _both_ways(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for a, b in pairs:
        table.setdefault(a, b)
        table.setdefault(b, a)
    return table


def _token_at(text: str, index: int) -> tuple[str, str] | None:
    for token in parse(text):
        if token.start == index:
            return token.text, token.tag
    return None


# ---------------------------------------------------------------- negation


_NEGATED_IDIOMS = re.compile(r"without (limitation|prejudice|undue delay|delay)|not only|not limited to", re.I)


def negation(text: str, rng: random.Random) -> str | None:
    """Remove a negator if there is one, else negate the main verb group."""
    removed = _remove_negation(text, rng)
    if removed is not None:
        return removed
    return _insert_negation(text, rng)


def _remove_negation(text: str, rng: random.Random) -> str | None:
    options: list[tuple[int, int, str]] = []
    for negated, affirmative in lexicon.AFFIRMATION.items():
        for match in _phrase_re(negated).finditer(text):
            if _NEGATED_IDIOMS.match(text, match.start()):
                continue
            if negated == "without" and re.match(r"\s+\w+ing\b", text[match.end() :]):
                continue  # "without being released" -> "with being released" is not English
            if affirmative:
                options.append((match.start(), match.end(), affirmative))
                continue
            # do-support: "does not pay" -> "pays"; needs the verb's forms.
            after = re.match(r"\s+(\w+)", text[match.end() :])
            forms = verb(after.group(1)) if after else None
            if not after or forms is None or forms.lemma != after.group(1).lower():
                continue
            aux = negated.split()[0].lower().removesuffix("n't")
            form = {"does": forms.third, "do": forms.lemma, "did": forms.past}[aux]
            if form:
                options.append((match.start(), match.end() + after.end(), form))
    for token in parse(text):
        if token.lower == "no" and token.tag == "DT":
            nxt = text[token.end :].lstrip()
            if re.match(r"(later|earlier|more|less|fewer|longer|sooner|one|further|other)\b", nxt, re.I):
                continue  # "no later than" is a bound, "no one" a pronoun: not a determiner to drop
            plural = bool(re.match(r"\w+s\b", nxt))
            options.append((token.start, token.end, "" if plural else "a"))
    if not options:
        return None
    start, end, new = rng.choice(options)
    if not new:  # "no fees" -> "fees": drop the determiner and the following space
        out = text[:start] + text[end:].lstrip()
        return out[:1].upper() + out[1:] if start == 0 else out
    return _replace(text, start, end, new)


ANY_NEGATOR = re.compile(r"\b(not|no|never|none|nor|neither|without|cannot)\b|n't\b", re.I)


def _insert_negation(text: str, rng: random.Random) -> str | None:
    if ANY_NEGATOR.search(text):
        return None  # a second negator makes double negatives whose meaning is unclear
    clause = main_clause(text)
    if clause is None:
        return None
    first = clause.verb.tokens[0]
    word = first.lower
    if word in {"must"} and rng.random() < 0.5:
        return _replace(text, first.start, first.end, "need not")
    if word in lexicon.NEGATION_MODALS:
        if re.match(r"\s*(not|n't|never|no)\b", text[first.end :], re.I):
            return None
        return _replace(text, first.start, first.end, lexicon.NEGATION_MODALS[word])
    forms = verb(word)
    if forms is None or first.tag not in {"VBZ", "VBD", "VBP"}:
        return None
    aux = {"VBZ": "does not", "VBD": "did not", "VBP": "do not"}[first.tag]
    if first.tag == "VBD" and word != forms.past:
        return None
    return _replace(text, first.start, first.end, f"{aux} {forms.lemma}")


# ---------------------------------------------------------------- role swap


def role_pattern(pairs: tuple[tuple[str, str], ...] = lexicon.ROLE_PAIRS) -> re.Pattern[str]:
    """A role noun of ``pairs`` (group 1, longest first) with an optional plural "s" (group 2)."""
    words = sorted({w for pair in pairs for w in pair}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, words))})(s?)(?![\w-])", re.IGNORECASE)


_ROLE_RE = role_pattern()
_ROLE_OTHER = _both_ways(lexicon.ROLE_PAIRS)


def role_swap(text: str, rng: random.Random) -> str | None:
    """Exchange the two parties of a clause: complementary role nouns, else subject and object."""
    by_lexicon = _swap_role_nouns(text)
    if by_lexicon is not None:
        return by_lexicon
    return _swap_arguments(text)


def _swap_role_nouns(text: str) -> str | None:
    matches = list(_ROLE_RE.finditer(text))
    present = {m.group(1).lower() for m in matches}
    pairs = [(a, b) for a, b in lexicon.ROLE_PAIRS if a in present and b in present]
    if not pairs:
        return None
    a, b = pairs[0]
    first_a = next(m for m in matches if m.group(1).lower() == a)
    first_b = next(m for m in matches if m.group(1).lower() == b)
    lo, hi = sorted((first_a, first_b), key=lambda m: m.start())
    between = [t for t in parse(text) if lo.end() <= t.start < hi.start()]
    if not any(t.tag.startswith("VB") or t.tag == "MD" or t.tag == "IN" for t in between):
        return None  # "the Buyer and the Seller" - coordination, swapping changes nothing
    if any(t.lower in lexicon.SYMMETRIC_PREDICATES for t in between if t.tag.startswith("VB")):
        return None
    if all(t.lower in lexicon.COPULAS or t.tag in {"DT", "RB"} for t in between):
        return None  # "the Licensor is the Licensee's agent"-style identity statements
    return _with_counterparts(text, [m for m in matches if m.group(1).lower() in (a, b)])


def _with_counterparts(text: str, matches: list[re.Match[str]]) -> str:
    """``text`` with each matched role noun replaced by its counterpart."""
    out, last = [], 0
    for match in matches:
        other = _ROLE_OTHER[match.group(1).lower()]
        if match.group(1)[:1].isupper():  # a capitalised role is a defined term: "the Service Provider"
            other = " ".join(part.capitalize() for part in other.split())
        out += [text[last : match.start()], other + match.group(2)]
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def party_mentions(
    text: str, *, after_determiner: bool = False, pattern: re.Pattern[str] = _ROLE_RE
) -> list[re.Match[str]]:
    """Where ``text`` names one party of a pair of :data:`lexicon.ROLE_PAIRS` (or of the pairs ``pattern`` was made
    from by :func:`role_pattern`), as a noun: not the verb in "is insured". Group 1 is the role noun, group 2 a plural
    "s". ``after_determiner`` also takes a role word right after a determiner or possessive, which the tagger
    sometimes reads as a participle ("paid by the insured"): right for finding parties, too loose for rewriting them."""
    tokens = parse(text)
    nouns = {token.start for token in tokens if token.tag.startswith("NN")}
    if after_determiner:
        nouns |= {after.start for before, after in zip(tokens, tokens[1:]) if before.tag in {"DT", "PRP$", "POS"}}
    return [m for m in pattern.finditer(text) if m.start() in nouns]


def counterparty(text: str) -> str | None:
    """Name the other party of a pair in place of the one a clause names ("The tenant insures the building." →
    "The landlord insures the building."): every mention of it, and only when no other party is named, so nothing
    is exchanged and the obligation simply lands on someone else."""
    matches = party_mentions(text)
    present = {m.group(1).lower() for m in matches}
    return _with_counterparts(text, matches) if len(present) == 1 else None


def inner_case(phrase_text: str, phrase: Phrase) -> str:
    """Lower-case a phrase's first letter for use mid-sentence, unless it is a name or acronym."""
    first = phrase.tokens[0]
    if first.tag.startswith("NNP") or (len(first.text) > 1 and first.text.isupper()):
        return phrase_text
    return phrase_text[:1].lower() + phrase_text[1:]


def _animate(phrase: Phrase) -> bool:
    head = phrase.head
    word = head.lower[:-1] if head.tag == "NNS" and head.lower.endswith("s") else head.lower
    return word in _ANIMATE or head.lower in _ANIMATE


def _number(phrase: Phrase) -> str:
    return "plural" if phrase.head.tag in {"NNS", "NNPS"} else "singular"


def _swap_arguments(text: str) -> str | None:
    clause = main_clause(text)
    if clause is None:
        return None
    other = clause.agent if clause.passive else clause.obj
    if other is None:
        return None
    first, second = clause.subject, other
    if first.head.lower in _PRONOUNS or second.head.lower in _PRONOUNS:
        return None
    names = first.head.tag.startswith("NNP") and second.head.tag.startswith("NNP")
    if first.head.lower == second.head.lower or not (names or (_animate(first) and _animate(second))):
        return None  # "the accounts reviewed the auditor" changes meaning but teaches only plausibility
    if clause.verb.head.lower in lexicon.SYMMETRIC_PREDICATES | lexicon.COPULAS:
        return None
    finite = [t for t in clause.verb.tokens if t.tag in {"VBZ", "VBP", "VBD"}]
    if finite and finite[0].lower not in {"had"} and _number(first) != _number(second):
        if not (finite[0].tag == "VBD" and finite[0].lower not in {"was", "were"}):
            return None
    if clause.obj is not None:  # active ditransitive "pays the Seller the price" keeps roles ambiguous
        rest = [t for t in parse(text) if t.start >= second.end]
        if rest and rest[0].tag in {"DT", "PRP$"}:
            return None
    a_text = text[first.start : first.end]
    b_text = text[second.start : second.end]

    new_a = inner_case(b_text, second)
    new_b = inner_case(a_text, first)
    out = text[: first.start] + new_a + text[first.end : second.start] + new_b + text[second.end :]
    if first.start == 0:
        out = out[:1].upper() + out[1:]
    return out


# ---------------------------------------------------------------- binding


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
_BIND_SKIP = {"other", "such", "same", "own", "following", "certain", "relevant", "applicable", "said", "first"}


def binding(text: str, rng: random.Random) -> str | None:
    """Re-bind attributes between two entities: swap their modifiers, or two same-unit values."""
    options = _modifier_swaps(text) + _value_swaps(text)
    if not options:
        return None
    (s1, e1), (s2, e2) = rng.choice(options)
    first, second = text[s1:e1], text[s2:e2]
    if s1 == 0:  # keep sentence-initial capitalisation where it was
        first, second = first[:1].lower() + first[1:], second[:1].upper() + second[1:]
    # Replace the later span first so the earlier offsets stay valid; fix "a"/"an" at both.
    out = _fix_article(text[:s2] + first + text[e2:], s2)
    return _fix_article(out[:s1] + second + out[e1:], s1)


def _modifier_swaps(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    tokens = parse(text)
    slots = []
    for i in range(1, len(tokens)):
        head, mod = tokens[i], tokens[i - 1]
        if not head.tag.startswith("NN") or head.chunk == "B-NP":
            continue
        if i + 1 < len(tokens) and tokens[i + 1].tag.startswith("NN") and tokens[i + 1].chunk.startswith("I-"):
            continue  # not the head of its phrase
        if mod.tag not in {"JJ", "CD", "VBN"} or mod.lower in _BIND_SKIP or head.lower in _MONTHS:
            continue
        slots.append((i, mod, head))
    out = []
    for x in range(len(slots)):
        for y in range(x + 1, len(slots)):
            (i, mod1, head1), (j, mod2, head2) = slots[x], slots[y]
            if mod1.lower == mod2.lower or mod1.tag[:2] != mod2.tag[:2]:
                continue
            if mod1.tag == "CD" and head1.lower != head2.lower:
                continue  # "every 10 days ... 74 characters": a changed quantity, not a re-binding
            between = tokens[i + 1 : j - 1]
            if mod1.tag == "JJ" and head1.lower != head2.lower and not (
                mod1.lower in lexicon.REBINDABLE_ATTRIBUTES and mod2.lower in lexicon.REBINDABLE_ATTRIBUTES
            ):
                continue
            has_predicate = any(t.tag.startswith("VB") or t.tag in {"MD", "IN"} for t in between)
            if head1.lower == head2.lower and not has_predicate:
                continue  # "the 2023 and 2024 invoices": the same entities either way
            if head1.lower != head2.lower or has_predicate:
                out.append(((mod1.start, mod1.end), (mod2.start, mod2.end)))
    return out


_VALUE_RE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s?(%|[A-Za-z°]+)")


def _value_swaps(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    values = list(_VALUE_RE.finditer(text))
    out = []
    for x in range(len(values)):
        for y in range(x + 1, len(values)):
            a, b = values[x], values[y]
            unit = a.group(2).lower()
            if unit == b.group(2).lower() and unit not in _MONTHS and a.group(1) != b.group(1):
                out.append((a.span(1), b.span(1)))
    return out


# ---------------------------------------------------------------- lexical flips


_SPATIAL = _both_ways(lexicon.SPATIAL_PAIRS)
_LEFT_RIGHT = re.compile(lexicon.LEFT_RIGHT_CONTEXT, re.IGNORECASE)


def _not_proper_name(text: str, match: re.Match[str]) -> bool:
    """Skip "North Carolina" (a name), "above 200 EUR" (a numeric bound, not a place) and
    "top"/"bottom" outside "the top of" (a blue top is a garment)."""
    if re.match(r"\s*(?:the\s+)?[\d$€£]", text[match.end() :]):
        return False
    if match.group(0).lower() in {"top", "bottom"} and not re.match(r"\s+of\b", text[match.end() :]):
        return False
    return match.start() == 0 or not text[match.start()].isupper()


def spatial(text: str, rng: random.Random) -> str | None:
    """Flip a spatial relation: above/below, upstream/downstream, left/right (in spatial use) ..."""
    options = []
    for match in _LEFT_RIGHT.finditer(text):
        group = 1 if match.group(1) else 2
        if re.search(r"\bleft\b.*\bright\b|\bright\b.*\bleft\b", text, re.I):
            break
        word = match.group(group)
        options.append((match.start(group), match.end(group), "right" if word.lower() == "left" else "left"))
    swapped = _swap_from_table(text, _SPATIAL, rng, guard=_not_proper_name)
    if options and (swapped is None or rng.random() < 0.5):
        start, end, new = rng.choice(options)
        return _replace(text, start, end, new)
    return swapped


_TEMPORAL = _both_ways(lexicon.TEMPORAL_PAIRS)
AMOUNT = (
    r"(?:[$€£]\s?|[A-Z]{3} )?"  # a currency before the number
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|thirty|ninety)"
)
PERIOD = rf"{AMOUNT} (?:(?:business|calendar|working) )?(?:hours?|days?|weeks?|months?|years?)"
#: A deadline counted from an event: "within 30 days of receipt".
WITHIN_PERIOD = re.compile(rf"\bwithin ({PERIOD}) (?:of|after|from)\b", re.IGNORECASE)
_DATE_RE = re.compile(
    r"\b(?:\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


def _temporal_guard(text: str, match: re.Match[str]) -> bool:
    word = match.group(0).lower()
    if word in {"begins", "began", "starts", "started", "ends", "ended"} and re.match(r"\s+(to\b|\w+ing\b)", text[match.end() :]):
        return False  # "begins to slide" has no "ends to slide" counterpart
    if word in {"following", "preceding", "first", "last", "next", "previous"}:
        before = text[: match.start()].rstrip().lower()
        after = text[match.end() :].lstrip()
        if word in {"following", "preceding"}:
            return not before.endswith(("the", "a")) and not after.startswith((":", ","))
        return before.endswith(("the", "its", "their", "his", "her"))
    return True


def temporal(text: str, rng: random.Random) -> str | None:
    """Flip temporal order: before/after, prior to/following, start/end, a deadline into an earliest time ("within
    90 days of" into "no earlier than 90 days after", the near-miss of the equivalent "no later than"), or swap two
    dates."""
    dates = list(_DATE_RE.finditer(text))
    if len(dates) >= 2 and dates[0].group(0) != dates[1].group(0) and rng.random() < 0.6:
        a, b = dates[0], dates[1]
        return text[: a.start()] + b.group(0) + text[a.end() : b.start()] + a.group(0) + text[b.end() :]
    deadlines = list(WITHIN_PERIOD.finditer(text))
    swapped = None if deadlines and rng.random() < 0.5 else _swap_from_table(text, _TEMPORAL, rng, guard=_temporal_guard)
    if swapped is None and deadlines:
        deadline = rng.choice(deadlines)
        return _replace(text, deadline.start(), deadline.end(), f"no earlier than {deadline.group(1)} after")
    return swapped


_QUANT_GUARDS = {
    "all": lambda before, after, tag: not before.endswith(("not", "at", "above", "for"))
    and bool(re.match(r"(of|the|his|her|their|its|our|your|these|those|\w+s)\b", after)),
    "some": lambda before, after, tag: tag == "DT" and bool(re.match(r"(of the \w+s\b|\w+s\b)", after)),
    "may": lambda before, after, tag: tag == "MD" and not after.startswith(("not", "also not")),
    "must": lambda before, after, tag: tag == "MD" and not after.startswith("not"),
    "shall": lambda before, after, tag: tag == "MD" and not after.startswith("not"),
    "each": lambda before, after, tag: not after.startswith(("other", "of")) and not before.endswith(("for", "in")),
    "every": lambda before, after, tag: tag == "DT" and not re.match(r"(\d|other\b)", after),
}


def _quantifier_guard(text: str, match: re.Match[str]) -> bool:
    word = match.group(0).lower()
    rule = _QUANT_GUARDS.get(word)
    if rule is None:
        return True
    found = _token_at(text, match.start())
    tag = found[1] if found else ""
    before = text[: match.start()].rstrip().lower()
    after = text[match.end() :].lstrip().lower()
    if word in {"may", "must", "shall"} and re.search(r"\b(not|never|no)\b", text, re.I):
        return False  # "shall not" vs "may not" are both prohibitions: no meaning change
    return bool(rule(before, after, tag))


def quantifier(text: str, rng: random.Random) -> str | None:
    """Change a quantifier or modal force: all/some, every/some, must/may, shall/may, always/sometimes."""
    return _swap_from_table(text, lexicon.QUANTIFIER_SWAPS, rng, guard=_quantifier_guard)


_SCOPE = {**_both_ways(lexicon.SCOPE_PAIRS)}
_SCOPE["if"] = "unless"
_SCOPE["only if"] = "unless"


def _scope_guard(text: str, match: re.Match[str]) -> bool:
    word = match.group(0).lower()
    before = text[: match.start()].rstrip().lower()
    if word == "if":
        return (match.start() == 0 or before.endswith(",") or bool(re.search(r"\w$", before))) and not before.endswith(
            ("only", "even", "as", "check", "whether", "determine", "verify", "see", "ask")
        )
    if word in {"exclusive", "including"} and re.search(r"\bnon-exclusive\b", text, re.I):
        return False
    return True


def scope(text: str, rng: random.Random) -> str | None:
    """Change the scope of an exception or condition: except/only, if/unless, including/excluding."""
    return _swap_from_table(text, _SCOPE, rng, guard=_scope_guard)


# ---------------------------------------------------------------- numeric

_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMERIC = _both_ways(lexicon.NUMERIC_PAIRS)
_NUM_RE = re.compile(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w-]|\.\d)")
# One spelled value below 100: "seven", "thirty", "twenty-five". Longest first, so "fourteen" wins over "four".
_SPELLED = (
    rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_NUMBER_WORDS[1:10])}))?"
    rf"|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
)
# "thirty (30)", "twenty five (25)", "one hundred (100)": only number words, so "within thirty (30)" keeps "within".
_WORDED_RE = re.compile(rf"\b((?:{_SPELLED}[- ])?(?:{_SPELLED}|hundred)) \((\d+)\)", re.IGNORECASE)


def _words(n: int) -> str | None:
    if n < 20:
        return _NUMBER_WORDS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens - 2] + ("" if ones == 0 else "-" + _NUMBER_WORDS[ones])
    return None


_MONTH_RE = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def _is_day(text: str, match: re.Match[str]) -> bool:
    if len(match.group(0)) > 2:
        return False
    return bool(re.match(rf"\s+{_MONTH_RE}\b", text[match.end() :]) or re.search(rf"\b{_MONTH_RE}\s+$", text[: match.start()]))


def _new_value(value: float, is_int: bool, rng: random.Random) -> float:
    if is_int and 1900 <= value <= 2100:
        return value + rng.choice([-3, -2, -1, 1, 2, 3])
    factors = [0.5, 2, 3, 1.5, 0.25, 10] if value >= 4 else [2, 3, 5, 10]
    for _ in range(10):
        new = value * rng.choice(factors)
        if is_int:
            new = round(new)
        if new != value and new > 0:
            return new
    return value + 1


def _format(new: float, integer_text: str, decimals: str | None) -> str:
    if decimals:
        return f"{new:,.{len(decimals) - 1}f}" if "," in integer_text else f"{new:.{len(decimals) - 1}f}"
    return f"{int(new):,}" if "," in integer_text else str(int(new))


def numeric(text: str, rng: random.Random) -> str | None:
    """Change a value, its unit, or a bound (at least/at most, minimum/maximum, more/less)."""
    choices: list[Callable[[], str | None]] = []
    numbers = list(_NUM_RE.finditer(text))
    worded = list(_WORDED_RE.finditer(text))
    if numbers:
        choices.append(lambda: _change_number(text, numbers, worded, rng))
    unit = _unit_change(text, rng)
    if unit is not None:
        choices.append(lambda: unit)
    bound = _swap_from_table(text, _NUMERIC, rng, guard=_bound_guard)
    if bound is not None:
        choices.append(lambda: bound)
    if not choices:
        return None
    return rng.choice(choices)()


def _bound_guard(text: str, match: re.Match[str]) -> bool:
    """above/below and over/under are numeric bounds only when a figure follows."""
    if match.group(0).lower() in {"above", "below", "over", "under"}:
        return bool(re.match(r"\s*[\d$€£]", text[match.end() :]))
    return True


def _change_number(text: str, numbers: list[re.Match[str]], worded: list[re.Match[str]], rng: random.Random) -> str | None:
    match = rng.choice(numbers)
    integer_text, decimals = match.group(1), match.group(2)
    value = float(integer_text.replace(",", "") + (decimals or ""))
    if _is_day(text, match):  # a day of the month stays a valid day
        new = float(rng.choice([d for d in range(1, 29) if d != value]))
    else:
        new = _new_value(value, decimals is None, rng)
    new_text = _format(new, integer_text, decimals)
    out = text[: match.start()] + new_text + text[match.end() :]
    for pair in worded:  # "thirty (30) days": keep the words and the figure consistent
        if pair.start(2) == match.start(1):
            words = _words(int(new)) if decimals is None else None
            if words is None:
                return None
            out = text[: pair.start(1)] + _match_case(pair.group(1), words) + f" ({new_text})" + text[pair.end() :]
    return out


def _unit_change(text: str, rng: random.Random) -> str | None:
    options = []
    for group in lexicon.UNIT_GROUPS:
        pattern = "|".join(re.escape(u) for u in sorted(group, key=len, reverse=True))
        for match in re.finditer(rf"(?<=\d)(\s?)({pattern})(?![\w])", text):
            unit = match.group(2)
            alternatives = [u for u in group if u != unit and u.lower() != unit.lower()]
            options.append((match.start(2), match.end(2), rng.choice(alternatives)))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return text[:start] + new + text[end:]


#: Every negative editor by the edit-type name it produces.
EDITORS: dict[str, Editor] = {
    "negation": negation,
    "role_swap": role_swap,
    "binding": binding,
    "spatial": spatial,
    "temporal": temporal,
    "numeric": numeric,
    "quantifier": quantifier,
    "scope": scope,
}
