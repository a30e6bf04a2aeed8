"""Curated word lists: which swaps flip meaning (negatives) and which preserve it (positives).

Kept apart from the edit code so a reviewer can audit the linguistic claims in one place. Every
pair here is an *opposite* in the sense the edit type names; entries are phrases matched on word
boundaries, case-insensitively, and the first form of a pair is swapped for the second and back.
"""

from __future__ import annotations

#: Party roles that come in complementary pairs (role_swap exchanges them).
ROLE_PAIRS: tuple[tuple[str, str], ...] = (
    ("payer", "payee"), ("licensor", "licensee"), ("buyer", "seller"), ("landlord", "tenant"),
    ("employer", "employee"), ("lender", "borrower"), ("lessor", "lessee"), ("vendor", "purchaser"),
    ("franchisor", "franchisee"), ("insurer", "insured"), ("creditor", "debtor"), ("supplier", "customer"),
    ("disclosing party", "receiving party"), ("assignor", "assignee"), ("mortgagor", "mortgagee"),
    ("principal", "agent"), ("sender", "recipient"), ("data controller", "data processor"),
    ("service provider", "client"), ("contractor", "subcontractor"), ("manufacturer", "distributor"),
)

#: Verbs and predicates for which exchanging subject and object keeps the meaning.
SYMMETRIC_PREDICATES = frozenset(
    "meet meets met marry marries married resemble resembles equal equals match matches matched "
    "border borders adjoin adjoins collide collides collided share shares shared".split()
)
#: Copulas: "X is Y" and "Y is X" usually say the same thing, so subject/object swaps skip them.
COPULAS = frozenset("be is are was were been become becomes became remain remains seem seems".split())

SPATIAL_PAIRS: tuple[tuple[str, str], ...] = (
    ("above", "below"), ("upstream", "downstream"), ("inside", "outside"), ("north", "south"),
    ("east", "west"), ("northern", "southern"), ("eastern", "western"), ("upper", "lower"),
    ("top", "bottom"), ("interior", "exterior"), ("internal", "external"), ("indoors", "outdoors"),
    ("uphill", "downhill"), ("inlet", "outlet"), ("clockwise", "counterclockwise"),
    ("in front of", "behind"), ("beneath", "on top of"), ("underneath", "on top of"),
    ("left-hand", "right-hand"), ("ascending", "descending"),
    ("nearest", "farthest"), ("closest to", "farthest from"),
)

#: left/right flip only in spatial contexts ("the right to terminate" is an entitlement).
LEFT_RIGHT_CONTEXT = (
    r"(?:(?:to|on|at|from) the (left|right)\b(?! to\b))"
    r"|(?:\b(left|right) (?:side|hand|corner|edge|panel|column|wing|bank|lane|arm|leg|foot|eye|ear|door|"
    r"turn|margin|button|switch|terminal|port|rail|wall)s?\b)"
)

TEMPORAL_PAIRS: tuple[tuple[str, str], ...] = (
    ("before", "after"), ("prior to", "following"), ("earlier", "later"), ("earliest", "latest"),
    ("no later than", "no earlier than"), ("beginning of", "end of"), ("start of", "end of"),
    ("start date", "end date"), ("commencement", "expiry"), ("precedes", "follows"),
    ("preceding", "following"), ("previous", "next"), ("first", "last"), ("in advance", "in arrears"),
    ("starts", "ends"), ("started", "ended"), ("begins", "ends"),
    ("began", "ended"), ("since", "until"), ("preceded", "followed"),
)

#: Comparative and bound words flipped by the numeric edit.
NUMERIC_PAIRS: tuple[tuple[str, str], ...] = (
    ("at least", "at most"), ("more than", "less than"), ("greater than", "less than"),
    ("higher than", "lower than"), ("no more than", "no less than"), ("minimum", "maximum"),
    ("exceeds", "falls below"), ("exceed", "fall below"), ("increase", "decrease"),
    ("increases", "decreases"), ("increased", "decreased"), ("up to", "at least"), ("fewer than", "more than"),
    ("doubled", "halved"), ("maximum of", "minimum of"), ("above", "below"), ("over", "under"),
)

#: Units a number can be re-expressed in with a different meaning (same dimension, other size).
UNIT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("hours", "days", "weeks", "months", "years"), ("hour", "day", "week", "month", "year"),
    ("minutes", "seconds", "hours"), ("mg", "g", "kg"), ("mm", "cm", "m"), ("km", "m", "miles"),
    ("EUR", "USD", "GBP", "CHF"), ("kW", "W", "MW"), ("ml", "l"), ("bar", "psi"), ("°C", "°F"),
    ("business days", "calendar days"), ("working days", "calendar days"),
)

#: Directional quantifier / modality swaps (key -> value); "some -> every" would break agreement.
QUANTIFIER_SWAPS: dict[str, str] = {
    "all": "some", "some": "all", "every": "some", "always": "sometimes", "sometimes": "always",
    "often": "rarely", "rarely": "often", "usually": "rarely", "none of": "all of", "majority": "minority",
    "minority": "majority", "mandatory": "optional", "optional": "mandatory", "required to": "permitted to",
    "permitted to": "required to", "must": "may", "shall": "may", "may": "must", "each": "only one",
    "everyone": "no one", "no one": "everyone", "all of": "none of",
}

SCOPE_PAIRS: tuple[tuple[str, str], ...] = (
    ("except in", "only in"), ("except when", "only when"), ("except where", "only where"),
    ("except if", "only if"), ("unless", "if"), ("including", "excluding"), ("included", "excluded"),
    ("includes", "excludes"), ("non-exclusive", "exclusive"), ("with the exception of", "including"),
    ("except for", "including"), ("other than", "including"), ("within the", "outside the"),
    ("provided that", "unless"), ("inclusive of", "exclusive of"), ("solely", "partly"),
)

#: Negation toggles on the main verb group: affirmative -> negative.
NEGATION_MODALS = {
    "shall": "shall not", "may": "may not", "must": "must not", "will": "will not", "can": "cannot",
    "should": "should not", "could": "could not", "would": "would not", "might": "might not",
    "is": "is not", "are": "are not", "was": "was not", "were": "were not", "has": "has not",
    "have": "have not", "had": "had not",
}
#: Negative -> affirmative, including "need not" which denies obligation (its affirmative is "must").
AFFIRMATION = {
    "shall not": "shall", "may not": "may", "must not": "must", "will not": "will", "cannot": "can",
    "can not": "can", "should not": "should", "could not": "could", "would not": "would",
    "is not": "is", "are not": "are", "was not": "was", "were not": "were", "has not": "has",
    "have not": "have", "had not": "had", "need not": "must", "does not": "", "do not": "", "did not": "",
    "never": "always", "without": "with", "no longer": "still", "isn't": "is", "aren't": "are",
    "wasn't": "was", "weren't": "were", "doesn't": "", "don't": "", "didn't": "", "won't": "will",
    "can't": "can", "hasn't": "has", "haven't": "have", "shouldn't": "should", "mustn't": "must",
}

#: Attribute words that can be re-bound between two different objects ("a red shirt and a blue
#: hat"); size or age adjectives ("little girl", "pink shirt") do not transfer sensibly.
REBINDABLE_ATTRIBUTES = frozenset(
    "red blue green yellow black white grey gray brown orange pink purple amber silver gold tan dark light "
    "wooden metal plastic glass concrete leather paper stone steel striped plaid open closed empty full "
    "wet dry hot cold new old first second primary secondary upper lower internal external".split()
)

#: Synonym keys that are also nouns ("purchase sizes"): substituted only when tagged as verbs.
VERB_ONLY_SYNONYMS = frozenset({"purchase", "purchases", "request", "requests", "supply", "provide"})

#: Meaning-preserving substitutions. Directional: the key may be replaced by the value.
SYNONYMS: dict[str, str] = {
    "terminate": "end", "terminates": "ends", "terminated": "ended", "commence": "begin",
    "commences": "begins", "commenced": "began", "commencement": "start", "purchaser": "buyer",
    "purchase": "buy", "purchases": "buys", "agreement": "contract", "contract": "agreement",
    "notify": "inform", "notifies": "informs", "notified": "informed", "approximately": "about",
    "promptly": "without delay", "immediately": "at once", "utilize": "use", "utilise": "use",
    "assist": "help", "additional": "extra", "sufficient": "enough", "pursuant to": "under",
    "in accordance with": "in line with", "prohibited": "forbidden", "permitted": "allowed",
    "expiry": "expiration", "expiration": "expiry", "customer": "client", "client": "customer",
    "obtain": "get", "obtains": "gets", "annually": "yearly", "amend": "modify", "amends": "modifies", "amended": "modified",
    "modify": "change", "disclose": "reveal", "discloses": "reveals", "personnel": "staff",
    "verify": "check", "verifies": "checks", "dispose of": "discard", "request": "ask for",
    "requests": "asks for", "premises": "property", "vendor": "seller", "remuneration": "pay",
    "employees": "staff members", "fee": "charge", "fees": "charges", "invoice": "bill",
    "invoices": "bills", "ensure": "make sure", "ensures": "makes sure", "deliver": "hand over",
    "approve": "sign off on", "inspect": "examine", "inspects": "examines", "provide": "supply",
    "provides": "supplies", "cease": "stop", "ceases": "stops", "endeavour": "try", "endeavor": "try",
}

#: Specific -> more general wording ("a man" -> "a person", "the coolant pump" -> "the pump"). Directional: a
#: passage about the specific thing states a query about the general one, never the other way round.
GENERALISATIONS: dict[str, str] = {
    "man": "person", "woman": "person", "men": "people", "women": "people", "boy": "child", "girl": "child",
    "boys": "children", "girls": "children", "guy": "man", "lady": "woman", "toddler": "child", "kid": "child",
    "kids": "children", "puppy": "dog", "kitten": "cat", "dog": "animal", "dogs": "animals", "cat": "animal",
    "cats": "animals", "horse": "animal", "horses": "animals", "cow": "animal", "bird": "animal",
    "car": "vehicle", "cars": "vehicles", "truck": "vehicle", "trucks": "vehicles", "bus": "vehicle",
    "motorcycle": "vehicle", "bicycle": "bike", "guitar": "instrument", "piano": "instrument",
    "violin": "instrument", "flute": "instrument", "trumpet": "instrument", "gun": "weapon", "rifle": "weapon",
    "pistol": "gun", "sword": "weapon", "apple": "fruit", "banana": "fruit", "potato": "vegetable",
    "carrot": "vegetable", "tomato": "vegetable", "onion": "vegetable", "slicing": "cutting", "chopping": "cutting",
    "dicing": "cutting", "sprinting": "running", "jogging": "running", "strolling": "walking",
    "grinning": "smiling", "sipping": "drinking", "munching": "eating", "chatting": "talking", "large": "big",
    "huge": "big", "tiny": "small", "pressure relief valve": "valve", "inlet valve": "valve", "coolant pump": "pump",
    "drive motor": "motor", "air filter": "filter", "flow sensor": "sensor", "network cable": "cable",
    "signal cable": "cable", "sensor cable": "cable", "earth cable": "cable", "gross salary": "salary",
    "written consent": "consent", "data protection training": "training", "safety goggles": "goggles",
    "travel expenses": "expenses", "confidential information": "information", "non-exclusive licence": "licence",
    "purchase orders": "orders", "medical devices": "devices", "spare parts": "parts", "raw materials": "materials",
}

#: Wordings that say the same thing, several with a negation word on one side only ("not less than" is "at least",
#: "no later than" is "within"): without them every "not" the generator writes flips the label. Each group's
#: phrases replace one another; the bound groups only right before a number or an amount.
EQUIVALENT_BOUNDS: tuple[tuple[str, ...], ...] = (
    ("at least", "no less than", "not less than", "a minimum of"),
    ("at most", "no more than", "not more than", "a maximum of"),
)
EQUIVALENT_PHRASES: tuple[tuple[str, ...], ...] = (
    ("no later than", "not later than"), ("no earlier than", "not earlier than"), ("never", "at no time"),
    ("unless", "except if", "except where"),
)
#: Directional equivalents (the key may be replaced by the value; the reverse is not always grammatical or true:
#: "before it is sent" cannot become "prior to it is sent", "does not" is not always a failure).
EQUIVALENT_REPLACEMENTS: dict[str, str] = {
    "prior to": "before", "subsequent to": "after", "fails to": "does not", "fail to": "do not",
    "failed to": "did not", "shall": "must", "is not permitted to": "may not", "are not permitted to": "may not",
    "is not allowed to": "may not", "are not allowed to": "may not", "in the event that": "if",
    "does not exceed": "is at most", "do not exceed": "are at most", "not exceeding": "of at most",
}
#: Verbs of protection after which "against", "from" and "from and against" say the same: "indemnify the Licensor
#: against any claim" is "indemnify the Licensor from any claim".
PROTECTION_VERBS = (
    "indemnify", "indemnifies", "indemnified", "hold harmless", "holds harmless", "held harmless", "defend", "defends",
    "protect", "protects", "protected",
)
PROTECTION_PREPOSITIONS = ("from and against", "against", "from")
#: Nouns whose owner can be named either way: "the Landlord's consent" is "the consent of the Landlord".
OWNED_NOUNS = frozenset(
    "consent approval permission authorisation authorization instructions signature request decision".split()
)
