"""The one entry point: build a balanced, split-safe mix of pairs and write it as JSONL.

Pairs come from three places: our own domain clauses (``domain``) edited by the rules, real
corpus sentences edited by the same rules (``corpus_edits``, so the edits are not tied to our
templates), and the human-made near-miss datasets (``paws``, ``condaqa`` ...). Every source is
balanced to about half positives and half negatives, so no source teaches a label prior.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from ..pairs import NEGATIVE_EDITS, Pair, write_pairs
from ..dense import DenseEmbedder
from . import domain, loaders
from .anchored import pairs_per_anchor
from .clause_swaps import clause_swap_pairs
from .contexts import hard_topical_negatives, with_long_contexts
from .counterparty_swaps import counterparty_pairs
from .headings import with_heading
from .modal_forms import modal_near_miss, modal_wording
from .moves import move_phrase
from .negation_forms import negation_wording, without_negation
from .negatives import EDITORS
from .positives import QUERY_STYLES, REWRITERS, claim, conjuncts, embed, first_rewording, question, wh_question
from .split import SPLITS, in_split
from .swaps import word_swap
from .verb_negations import verb_negation_pairs
from .voice_contrasts import voice_contrast_pairs
from .wh_questions import wh_question_pairs

SOURCES = (
    "domain", "corpus_edits", "word_swaps", "phrase_moves", "negation_moves", "modal_moves", "verb_negations", "voice_contrasts",
    "clause_swaps", "wh_questions", "counterparty_swaps",
    *loaders.LOADERS,
)
#: Dataset sources whose licences allow evaluation only (the data README): never in a training split.
EVALUATION_ONLY = tuple(name for name, (_, trainable) in loaders.LOADERS.items() if not trainable)
DEFAULT_SOURCES = ("domain", "corpus_edits", "paws", "condaqa", "cad_snli", "semantoneg", "valse", "sugarcrepe")
_POSITIVE_TYPES = ("identity", *REWRITERS, *QUERY_STYLES)
#: Identity pairs are the easiest positives; count each one three times so they stay rare.
_WEIGHT = {"identity": 3}
#: The rule editors plus the word swap, which only the ``word_swaps`` source applies (on its own, so the data the
#: other sources make does not change with it).
_EDITORS = {**EDITORS, "word_swap": word_swap}
_RULE_EDITS = tuple(name for name in NEGATIVE_EDITS if name in EDITORS or name == "topical")


class _Balancer:
    """Picks, per anchor sentence, the least-used edit type that applies to it.

    Choosing the rarest *applicable* type keeps every type represented even though some edits
    (binding, spatial) apply to far fewer sentences than others (negation, numeric).
    """

    def __init__(self, names: Iterable[str], rng: random.Random) -> None:
        self.counts: Counter[str] = Counter({name: 0 for name in names})
        self.rng = rng

    def order(self) -> list[str]:
        names = list(self.counts)
        self.rng.shuffle(names)
        return sorted(names, key=lambda n: self.counts[n] * _WEIGHT.get(n, 1))

    def used(self, name: str) -> None:
        self.counts[name] += 1


def _shortened_near_miss(anchor: str, edited: str, rng: random.Random) -> tuple[str, str] | None:
    """A short claim or one clause of a compound, from one side, as the query, with the other side as the
    passage; only when the other side does not contain it, so the edit sits inside what the query says.

    Without these, nearly every shortened query in the data is a positive (claims and conjuncts), and
    "the query is shorter than the passage" becomes a shortcut for "accept": "The Licensor shall
    indemnify the Licensee." would pass against "The Licensee shall indemnify the Licensor against ...".
    """
    sides = [(anchor, edited), (edited, anchor)]
    rng.shuffle(sides)
    for source_side, passage in sides:
        candidates = [claim(source_side, rng), *(conjuncts(source_side) or [])]
        rng.shuffle(candidates)
        for short in candidates:
            if short is not None and short[:-1].lower() not in passage.lower():
                return short, passage
    return None


def _rewritten(edited: str, rng: random.Random) -> str | None:
    """The edited sentence reworded without changing its meaning (voice, synonyms, modal to present, clause order).

    Without these, every near-miss repeats its passage's wording except for the edit, so "worded differently"
    reads as "accept": "The Buyer pays the Seller ..." passed against "The Seller shall pay the Buyer ...".
    """
    rewritten = first_rewording(edited, rng)
    return None if rewritten is None else rewritten[1]


def _negative(
    anchor: str, context: list[str], pool: list[str], balancer: _Balancer, rng: random.Random, source: str,
    claim_share: float = 0.0,
    rewrite_share: float = 0.0,
) -> Pair | None:
    for name in balancer.order():
        if name == "topical" and rng.random() < 0.5 and balancer.counts[name] > min(balancer.counts.values()):
            continue  # always applicable: without this it fills in for every sentence no edit fits
        if name == "topical":
            other = rng.choice(pool)
            if other == anchor or other in context:
                continue
            balancer.used(name)
            query = (question(anchor, rng) or wh_question(anchor)) if rng.random() < 0.3 else None
            return Pair(query or anchor, embed(other, [], rng), 0, "topical", source)
        edited = _EDITORS[name](anchor, rng)
        if edited is None or edited == anchor:
            continue
        balancer.used(name)
        if rewrite_share and rng.random() < rewrite_share:
            rewritten = _rewritten(edited, rng)
            if rewritten is not None:
                return Pair(rewritten, embed(anchor, context, rng), 0, name, source)
        if claim_share and rng.random() < claim_share:
            shortened = _shortened_near_miss(anchor, edited, rng)
            if shortened is not None:
                return Pair(shortened[0], embed(shortened[1], context, rng), 0, name, source)
        if rng.random() < 0.3:  # the edit may sit on either side of the pair
            return Pair(anchor, embed(edited, context, rng), 0, name, source)
        query = None
        halves, edited_halves = conjuncts(anchor), conjuncts(edited)
        if halves and edited_halves and rng.random() < 0.5:
            # One clause of the edited compound, which the original no longer states: "The 2023 invoice is
            # overdue." against "the 2023 invoice is paid and the 2024 invoice is overdue".
            changed = [half for half in edited_halves if half not in halves]
            if changed:
                return Pair(rng.choice(changed), embed(anchor, context, rng), 0, name, source)
        if rng.random() < 0.3:
            # Only subject questions: a yes/no question about the edited claim is *answered* (with
            # "no") by the original passage, so it would be a relevant passage, not a near-miss.
            asked, original = wh_question(edited), wh_question(anchor)
            query = asked if asked is not None and asked != original else None
        return Pair(query or edited, embed(anchor, context, rng), 0, name, source)
    return None


def _positive(
    anchor: str, context: list[str], balancer: _Balancer, rng: random.Random, source: str, rewrite_share: float = 0.0
) -> Pair | None:
    for name in balancer.order():
        if name == "identity" and rng.random() < 0.7:
            continue  # always applicable and the easiest positive: keep it rare
        if name == "identity":
            query: str | None = anchor
        elif name in REWRITERS:
            query = REWRITERS[name](anchor, rng)
        elif name == "question" and rng.random() < 0.4:
            query = wh_question(anchor)
        else:
            query = QUERY_STYLES[name](anchor, rng)
        if query is None or (name != "identity" and query == anchor):
            continue
        balancer.used(name)
        if name in REWRITERS and rng.random() < 0.3:  # rewritten text may be the passage side
            return Pair(anchor, embed(query, context, rng), 1, name, source)
        stated = anchor
        if rewrite_share and rng.random() < rewrite_share:
            stated = _rewritten(anchor, rng) or anchor
        return Pair(query, embed(stated, context, rng), 1, name, source)
    return None


def _pairs_from_anchors(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, source: str, progress: bool,
    heading_share: float = 0.0,
    claim_share: float = 0.0,
    rewrite_share: float = 0.0,
    positive_rewrite_share: float = 0.0,
    negative_types: tuple[str, ...] = _RULE_EDITS,
) -> list[Pair]:
    negatives, positives = _Balancer(negative_types, rng), _Balancer(_POSITIVE_TYPES, rng)
    pool = [anchor for anchor, _ in anchors]

    def make(anchor: str, context: list[str]) -> list[Pair]:
        positive = _positive(anchor, context, positives, rng, source, positive_rewrite_share)
        negative = _negative(anchor, context, pool, negatives, rng, source, claim_share, rewrite_share)
        out: list[Pair] = []
        for pair in (positive, negative):
            if pair is not None:
                if heading_share and source == "domain" and rng.random() < heading_share:
                    pair = replace(pair, passage=with_heading(pair.passage, anchor, rng))
                out.append(pair)
        return out

    return _balance(pairs_per_anchor(anchors, n_pairs, make, source, progress), rng)


def _moved_phrase_pairs(
    anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool
) -> list[Pair]:
    """For each real sentence that allows both, a true pair whose time or place phrase moved and a near-miss whose
    words traded places: the same words in another order, once keeping and once changing the meaning."""

    def make(anchor: str, context: list[str]) -> list[Pair]:
        moved, swapped = move_phrase(anchor, rng), word_swap(anchor, rng)
        if moved is None or swapped is None:
            return []
        edit_type, reworded = moved
        positive = (
            Pair(anchor, embed(reworded, context, rng), 1, edit_type, "phrase_moves")
            if rng.random() < 0.3  # the moved phrase may be on either side
            else Pair(reworded, embed(anchor, context, rng), 1, edit_type, "phrase_moves")
        )
        return [positive, Pair(swapped, embed(anchor, context, rng), 0, "word_swap", "phrase_moves")]

    return pairs_per_anchor(anchors, n_pairs, make, "phrase_moves", progress)


def _negation_pairs(anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool) -> list[Pair]:
    """For each prohibition that allows both, a true pair whose negation is worded another way ("In no event shall
    the Licensor be liable" / "The Licensor shall not be liable ... in any event") and a near-miss whose prohibition is
    lifted ("The Licensor shall be liable"): where the negation sits does not matter, whether it is there does. The
    rewording moves the subject too, so where the sentence allows it a second near-miss swaps its parties (or two
    words) in the reworded form, beside the true pair's other direction: moved words that trade roles still change the
    meaning."""

    def make(anchor: str, context: list[str]) -> list[Pair]:
        reworded = negation_wording(anchor, rng)
        lifted = without_negation(anchor)
        if reworded is None or lifted is None:
            return []
        sides = [(reworded, anchor), (anchor, reworded)][rng.random() < 0.3]  # either wording may be the query's
        negative = [(lifted, rng.choice((anchor, reworded))), (rng.choice((anchor, reworded)), lifted)][rng.random() < 0.3]
        out = [
            Pair(sides[0], embed(sides[1], context, rng), 1, "negation_wording", "negation_moves"),
            Pair(negative[0], embed(negative[1], context, rng), 0, "negation", "negation_moves"),
        ]
        swapped = EDITORS["role_swap"](reworded, rng)
        edit_type = "role_swap"
        if swapped is None:
            swapped, edit_type = word_swap(reworded, rng), "word_swap"
        if swapped is not None:  # with the true pair's other direction, so the source stays balanced
            out += [
                Pair(swapped, embed(anchor, context, rng), 0, edit_type, "negation_moves"),
                Pair(sides[1], embed(sides[0], context, rng), 1, "negation_wording", "negation_moves"),
            ]
        return out

    return pairs_per_anchor(anchors, n_pairs, make, "negation_moves", progress)


def _modal_pairs(anchors: list[tuple[str, list[str]]], n_pairs: int, rng: random.Random, progress: bool) -> list[Pair]:
    """For each clause stating who must, may or may not do what, a true pair with the rule worded another way ("may
    not keep pets" / "is prohibited from keeping pets") and a near-miss with another rule in the same words ("is not
    required to keep pets"), so that the wording of the rule does not matter and which rule it is does."""

    def make(anchor: str, context: list[str]) -> list[Pair]:
        reworded = modal_wording(anchor, rng)
        near_miss = modal_near_miss(anchor, rng)
        if reworded is None or near_miss is None:
            return []
        sides = [(reworded, anchor), (anchor, reworded)][rng.random() < 0.5]
        as_query = rng.random() < 0.5 if near_miss.as_query is None else near_miss.as_query
        other = rng.choice((anchor, reworded))
        negative = (near_miss.text, other) if as_query else (other, near_miss.text)
        return [
            Pair(sides[0], embed(sides[1], context, rng), 1, "modal_wording", "modal_moves"),
            Pair(negative[0], embed(negative[1], context, rng), 0, near_miss.edit_type, "modal_moves"),
        ]

    return pairs_per_anchor(anchors, n_pairs, make, "modal_moves", progress)


def _prohibition_anchors(n_pairs: int, seed: int, split: str | None) -> list[tuple[str, list[str]]]:
    """Templated prohibitions of this split (about one for every four pairs asked for), each with three others as its
    passage's context."""
    sentences = [s for s in domain.prohibitions(n_pairs // 4, seed) if in_split((s,), split)]
    rng = random.Random(seed)
    return [(s, rng.sample(sentences, min(3, len(sentences)))) for s in sentences]


def _domain_anchors(n_pairs: int, seed: int, split: str | None) -> list[tuple[str, list[str]]]:
    """Anchor sentences (with same-split context from their document) for ~n_pairs pairs."""
    anchors: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    batch = 0
    while len(anchors) * 2 < n_pairs * 1.3 and batch < 50:
        for doc in domain.documents(max(50, n_pairs // 4), seed * 1000 + batch):
            sentences = [s for s in doc.sentences if in_split((s,), split)]
            for sentence in sentences:
                if sentence not in seen:
                    seen.add(sentence)
                    anchors.append((sentence, [s for s in sentences if s != sentence]))
        batch += 1
    return anchors


def _mixed_anchors(
    data_root: str | Path | None, n_domain: int, seed: int, split: str | None, rng: random.Random
) -> list[tuple[str, list[str]]]:
    """Real sentences and our clauses shuffled together, for sources whose edits need what only some of each allow."""
    domain_anchors = _domain_anchors(n_domain, seed, split)
    anchors = _corpus_anchors(data_root, split, rng) + domain_anchors
    rng.shuffle(anchors)
    return anchors


def _corpus_anchors(data_root: str | Path | None, split: str | None, rng: random.Random) -> list[tuple[str, list[str]]]:
    """Real sentences (CondaQA Wikipedia passages, SNLI premises, PAWS-Wiki sentences) to apply the same edits to.

    PAWS-Wiki sentences are dense with lists, names and dates; edited by our rules they give near-misses and
    reordered lists in encyclopaedic wording, not only in our clauses'. They are taken from the PAWS pairs of
    this split (split by linked groups), so no sentence of a held-out PAWS pair is edited into training data."""
    root = Path(data_root) if data_root is not None else loaders.DEFAULT_DATA_ROOT
    anchors: dict[str, list[str]] = {}
    with open(loaders._require(root / "condaqa" / "condaqa_dev.json", "CondaQA"), encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            sentences = [s for s in loaders._SENTENCE_END.split(row["original passage"]) if in_split((s,), split)]
            for sentence in sentences:
                if 6 <= len(sentence.split()) <= 40:
                    anchors.setdefault(sentence, [s for s in sentences if s != sentence])
    for path in sorted((root / "cad_snli" / "original").glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                premise = row["sentence1"].strip()
                if in_split((premise,), split):
                    anchors.setdefault(premise, [])
    for pair in loaders.load_paws(root, split):
        for sentence in (pair.query, pair.passage):
            if 6 <= len(sentence.split()) <= 40:
                anchors.setdefault(sentence, [])
    items = sorted(anchors.items())
    rng.shuffle(items)
    return items


def _balance(pairs: list[Pair], rng: random.Random) -> list[Pair]:
    """Downsample the majority label so positives and negatives are equally many."""
    positives = [p for p in pairs if p.label == 1]
    negatives = [p for p in pairs if p.label == 0]
    if not positives or not negatives:
        return pairs  # a negatives-only corpus (VALSE, SugarCREPE) is balanced across sources instead
    keep = min(len(positives), len(negatives))
    return rng.sample(positives, keep) + rng.sample(negatives, keep)


def _with_rewritten_positives(negatives: list[Pair], rng: random.Random) -> list[Pair]:
    """Balance a negatives-only corpus (VALSE, SugarCREPE) with positives made from its own passages.

    Without them every caption-style text would be a negative, and the verifier would learn the
    style instead of the edit. Each negative is kept only when its passage yields a positive.
    """
    balancer = _Balancer(_POSITIVE_TYPES, rng)
    out: list[Pair] = []
    for negative in negatives:
        positive = _positive(negative.passage, [], balancer, rng, negative.source)
        if positive is not None:
            out += [negative, positive]
    return out


def generate(
    sources: list[str],
    out_path: str | Path,
    *,
    n_domain: int,
    seed: int,
    split: str,
    progress: bool = True,
    data_root: str | Path | None = None,
    hard_negatives: int = 0,
    long_context_share: float = 0.0,
    heading_share: float = 0.0,
    claim_negative_share: float = 0.0,
    rewritten_negative_share: float = 0.0,
    rewritten_positive_share: float = 0.0,
) -> dict[str, int]:
    """Build pairs from ``sources`` for one split, write JSONL to ``out_path``, return counts per edit type.

    ``n_domain`` is the number of pairs made from our own clauses (``corpus_edits``, ``word_swaps``, ``phrase_moves``
    and ``negation_moves`` each make up to a third as many from real sentences; the last makes half of its pairs from
    templated prohibitions; ``modal_moves`` makes up to a sixth as many from our own clauses and prohibitions;
    ``verb_negations`` up to a third as many from real sentences and our own clauses).
    Dataset sources contribute their pairs that hash into ``split``.
    Every source is balanced to about half positives; negatives-only datasets get positives
    rewritten from their own passages. ``heading_share`` puts a section heading in front of that
    share of our own clause passages; ``claim_negative_share`` turns that share of rule-edited near-misses
    into a short claim against the other sentence, so shortened queries are not all positives;
    ``rewritten_negative_share`` rewords that share of them (voice, synonyms, tense), so a near-miss is not
    always worded like its passage; ``rewritten_positive_share`` rewords the passage sentence of that share of
    positives as well, so a true pair may differ in two ways (a claim against a clause in the passive voice), as
    reworded near-misses do. All are off by default.
    """
    for name, share in (
        ("heading_share", heading_share),
        ("claim_negative_share", claim_negative_share),
        ("rewritten_negative_share", rewritten_negative_share),
        ("rewritten_positive_share", rewritten_positive_share),
    ):
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"{name} must be between 0 and 1, got {share}")
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ValueError(f"unknown sources {unknown}; choose from {list(SOURCES)}")
    if split not in (*SPLITS, "all"):
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS} or 'all' (evaluation-only data)")
    evaluation_only = [s for s in sources if s in EVALUATION_ONLY]
    if evaluation_only and split == "train":
        raise ValueError(
            f"{', '.join(evaluation_only)} may not train the shipped weights (see ../shared/data/README.md); "
            "build them with --split all (or dev/test) for evaluation."
        )
    rng = random.Random(seed)
    split = None if split == "all" else split
    pairs: list[Pair] = []
    if "domain" in sources:
        anchors = _domain_anchors(n_domain, seed, split)
        pairs += _pairs_from_anchors(
            anchors, n_domain, rng, "domain", progress, heading_share, claim_negative_share, rewritten_negative_share,
            rewritten_positive_share,
        )
    if "corpus_edits" in sources:
        anchors = _corpus_anchors(data_root, split, rng)
        pairs += _pairs_from_anchors(
            anchors, max(1, n_domain // 3), rng, "corpus_edits", progress,
            claim_share=claim_negative_share, rewrite_share=rewritten_negative_share,
            positive_rewrite_share=rewritten_positive_share,
        )
    if "word_swaps" in sources:
        anchors = _corpus_anchors(data_root, split, rng)
        pairs += _pairs_from_anchors(
            anchors, max(1, n_domain // 3), rng, "word_swaps", progress,
            claim_share=claim_negative_share, rewrite_share=rewritten_negative_share,
            positive_rewrite_share=rewritten_positive_share, negative_types=("word_swap",),
        )
    if "phrase_moves" in sources:
        pairs += _moved_phrase_pairs(_corpus_anchors(data_root, split, rng), max(1, n_domain // 3), rng, progress)
    if "negation_moves" in sources:
        templated = _negation_pairs(_prohibition_anchors(n_domain, seed, split), max(1, n_domain // 6), rng, progress)
        real = _negation_pairs(_corpus_anchors(data_root, split, rng), max(1, n_domain // 3 - len(templated)), rng, progress)
        pairs += templated + real
    if "modal_moves" in sources:
        anchors = _prohibition_anchors(n_domain, seed, split) + _domain_anchors(n_domain, seed, split)
        rng.shuffle(anchors)
        pairs += _modal_pairs(anchors, max(1, n_domain // 6), rng, progress)
    if "verb_negations" in sources:
        # Real sentences first (about one in five takes do-support, and they are the variety); our clauses fill up.
        domain_anchors = _domain_anchors(n_domain, seed, split)
        rng.shuffle(domain_anchors)
        anchors = _corpus_anchors(data_root, split, rng) + domain_anchors
        pairs += verb_negation_pairs(anchors, max(1, n_domain // 3), rng, progress)
    if "voice_contrasts" in sources:
        # Few real sentences have two parties that can trade roles, so our clauses (licensor / licensee) give most pairs.
        anchors = _mixed_anchors(data_root, n_domain, seed, split, rng)
        pairs += voice_contrast_pairs(anchors, max(1, n_domain // 3), rng, progress)
    if "clause_swaps" in sources:
        # Each clause is joined to one of its own document, or a real sentence without one to another such sentence.
        anchors = _mixed_anchors(data_root, n_domain, seed, split, rng)
        pairs += clause_swap_pairs(anchors, max(1, n_domain // 3), rng, progress)
    if "wh_questions" in sources:
        anchors = _mixed_anchors(data_root, n_domain, seed, split, rng)
        pairs += wh_question_pairs(anchors, max(1, n_domain // 3), rng, progress)
    if "counterparty_swaps" in sources:
        anchors = _mixed_anchors(data_root, n_domain, seed, split, rng)
        pairs += counterparty_pairs(anchors, max(1, n_domain // 3), rng, progress)
    for name in tqdm([s for s in sources if s in loaders.LOADERS], desc="datasets", disable=not progress):
        loaded = loaders.LOADERS[name][0](data_root, split)
        if any(p.label == 1 for p in loaded):
            pairs += _balance(loaded, rng)
        else:
            pairs += _with_rewritten_positives(loaded, rng)
    if hard_negatives:
        pairs += hard_topical_negatives(pairs, DenseEmbedder(), rng, count=hard_negatives, progress=progress)
    if long_context_share:
        pairs += with_long_contexts(pairs, rng, share=long_context_share)
    rng.shuffle(pairs)
    write_pairs(pairs, out_path)
    return dict(sorted(Counter(p.edit_type for p in pairs).items()))


def add_generate_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``rag-verify generate``."""
    parser.add_argument("--out", required=True, help="output JSONL path")
    parser.add_argument(
        "--sources", default=",".join(DEFAULT_SOURCES),
        help=f"comma-separated sources from {', '.join(SOURCES)} ({', '.join(EVALUATION_ONLY)} are evaluation-only: their "
        "licences)",
    )
    parser.add_argument(
        "--n-domain", type=int, default=10000,
        help="pairs built from generated domain clauses; the real-sentence sources (corpus_edits, word_swaps, "
        "phrase_moves, negation_moves, verb_negations, voice_contrasts, clause_swaps, wh_questions, counterparty_swaps) make up "
        "to a third as many, modal_moves up to a sixth",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--split", choices=(*SPLITS, "all"), default="train",
        help="which hash split to build; 'all' ignores splits (for evaluation-only sets such as sick)",
    )
    parser.add_argument("--data-root", default=None, help="dataset folder (default: ../shared/data next to the project)")
    parser.add_argument("--hard-negatives", type=int, default=0, help="mined topical negatives to add (dense nearest passages)")
    parser.add_argument("--long-context-share", type=float, default=0.0, help="share of pairs to copy with chunk-length passages")
    parser.add_argument(
        "--heading-share", type=float, default=0.0, help="share of our clause passages given a section heading (0-1)"
    )
    parser.add_argument(
        "--claim-negative-share", type=float, default=0.0,
        help="share of rule-edited near-misses given a short claim as the query (0-1)",
    )
    parser.add_argument(
        "--rewritten-negative-share", type=float, default=0.0,
        help="share of rule-edited near-misses whose query is reworded without changing its meaning (0-1)",
    )
    parser.add_argument(
        "--rewritten-positive-share", type=float, default=0.0,
        help="share of positives whose passage sentence is reworded as well, so true pairs may differ in two ways (0-1)",
    )
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")


def run_generate(args: argparse.Namespace) -> int:
    """Run ``rag-verify generate``; prints counts per edit type and returns the exit code."""
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    started = time.perf_counter()
    try:
        counts = generate(
            sources, args.out, n_domain=args.n_domain, seed=args.seed, split=args.split,
            progress=not args.no_progress, data_root=args.data_root,
            hard_negatives=args.hard_negatives, long_context_share=args.long_context_share,
            heading_share=args.heading_share, claim_negative_share=args.claim_negative_share,
            rewritten_negative_share=args.rewritten_negative_share,
            rewritten_positive_share=args.rewritten_positive_share,
        )
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}")
        return 2
    total = sum(counts.values())
    print(f"wrote {total} pairs to {args.out} in {time.perf_counter() - started:.1f}s")
    for name, count in counts.items():
        print(f"  {name:24s} {count}")
    return 0
