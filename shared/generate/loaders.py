"""Converters from the real datasets in ``../shared/data`` into :class:`~shared.pairs.Pair` lists.

The data folder is read-only and outside the project; nothing is copied. Each loader takes the
data root explicitly (default: ``../shared/data`` relative to the repository root) and an
optional split; pairs are kept only when their texts hash into that split (see ``split.py``).
Licences, from the data README, decide what may train the shipped weights; each docstring says.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Iterator

from ..pairs import Pair
from .split import in_split, split_by_component

#: ``../shared/data`` seen from the repository root (this file is shared/generate/loaders.py).
DEFAULT_DATA_ROOT = Path(__file__).resolve().parents[3] / "shared" / "data"


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"{what}: expected {path} (data root defaults to ../shared/data relative to the project root; "
            f"pass data_root= or --data-root to point elsewhere)"
        )
    return path


def _root(data_root: str | Path | None) -> Path:
    return Path(data_root) if data_root is not None else DEFAULT_DATA_ROOT


def detokenize(text: str) -> str:
    """Undo PTB-style tokenisation (" ," and `` '') so corpora do not differ from users' text by spacing."""
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s+('s|n't|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r'"\s+(.*?)\s+"', r'"\1"', text)
    return " ".join(text.split())


_CUES = (
    ("negation", re.compile(r"\b(not|no|never|nobody|nothing|none|n't|without|cannot)\b", re.I)),
    ("numeric", re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|single|several|many|few|dozen)\b", re.I)),
    ("spatial", re.compile(r"\b(above|below|under|over|inside|outside|left|right|behind|in front of|on top of|beneath|near|far)\b", re.I)),
    ("temporal", re.compile(r"\b(before|after|while|during|earlier|later|first|last|then|until)\b", re.I)),
    ("quantifier", re.compile(r"\b(all|some|every|each|both|most|only|everyone|someone|nobody)\b", re.I)),
)


def cue_edit_type(first: str, second: str) -> str:
    """Name the structural difference between two contradicting sentences by which cue words differ.

    Falls back to ``paraphrase_adversarial`` (a lexical near-miss) when no cue class differs.
    """
    for name, pattern in _CUES:
        a = sorted(m.lower() for m in pattern.findall(first))
        b = sorted(m.lower() for m in pattern.findall(second))
        if a != b:
            return name
    return "paraphrase_adversarial"


def load_paws(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """PAWS-Wiki dev: word-swap pairs. Label 1 -> ``paraphrase``; 0 -> ``paraphrase_adversarial``.

    Licence: free for any use (Google) -> MAY train the shipped weights.
    """
    path = _require(_root(data_root) / "paws_wiki" / "dev.tsv", "PAWS-Wiki")
    pairs = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) != 4 or row[3] not in {"0", "1"}:
                continue
            first, second = detokenize(row[1]), detokenize(row[2])
            if first == second:
                continue
            label = int(row[3])
            pairs.append(Pair(second, first, label, "paraphrase" if label else "paraphrase_adversarial", "paws_wiki"))
    return split_by_component(pairs, split)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")


def _changed_sentence(original: str, edited: str) -> tuple[str, str] | None:
    """The one sentence that differs between an original and an edited passage, or None."""
    before = _SENTENCE_END.split(original.strip())
    after = _SENTENCE_END.split(edited.strip())
    if len(before) != len(after):
        return None
    diffs = [(a, b) for a, b in zip(before, after) if a != b]
    return diffs[0] if len(diffs) == 1 else None


def _condaqa_rows(data_root: str | Path | None) -> Iterator[dict]:
    """Every row of ``condaqa_dev.json`` and the five few-shot test files (JSON lines)."""
    folder = _require(_root(data_root) / "condaqa", "CondaQA")
    for path in [folder / "condaqa_dev.json", *sorted((folder / "few-shot" / "test_splits").glob("*.json"))]:
        with open(_require(path, "CondaQA"), encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def load_condaqa(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """CondaQA: the negated sentence vs its human edits. Paraphrase edit (1) -> positive
    ``paraphrase``; scope edit (2) and affirmative edit (3) -> negative ``negation``.

    Reads ``condaqa_dev.json`` and the five few-shot test files (JSON lines). One pair per
    passage and edit, not per question. Licence: Apache-2.0 -> MAY train the shipped weights.
    """
    seen: set[tuple[str, str]] = set()
    pairs = []
    for row in _condaqa_rows(data_root):
        edit = int(row["PassageEditID"])
        key = (str(row["PassageID"]), str(edit))
        if edit == 0 or key in seen:
            continue
        seen.add(key)
        changed = _changed_sentence(row["original passage"], row["sentence1"])
        if changed is None:
            continue
        original, edited = changed
        if not in_split((original,), split):
            continue
        if edit == 1:
            pairs.append(Pair(edited, original, 1, "paraphrase", "condaqa"))
        else:
            pairs.append(Pair(edited, original, 0, "negation", "condaqa"))
    return pairs


def load_condaqa_questions(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """CondaQA's crowd-written questions against the Wikipedia paragraph they were asked about.

    The paragraph answers the question (yes, no or a span; "don't know" rows are dropped) without
    restating it: these teach that a relevant passage which merely *answers* the query is no
    near-miss. Each question also gets another paragraph of the same split as a topical negative.
    Split by the original paragraph, so no paragraph (or its edits) reaches two splits.
    Licence: Apache-2.0 -> MAY train the shipped weights.
    """
    asked: dict[tuple[str, str], str] = {}
    for row in _condaqa_rows(data_root):
        if row["label"] != "DON'T KNOW" and in_split((row["original passage"],), split):
            asked.setdefault((row["sentence2"].strip(), row["sentence1"].strip()), str(row["PassageID"]))
    passages = sorted({(passage_id, passage) for (_, passage), passage_id in asked.items()})
    pairs = []
    for index, ((question, passage), passage_id) in enumerate(sorted(asked.items())):
        pairs.append(Pair(question, passage, 1, "question", "condaqa_questions"))
        # A deterministic stride through the other paragraphs: reproducible without an RNG argument.
        for step in range(1, len(passages)):
            other_id, other = passages[(index * 7919 + step) % len(passages)]
            if other_id != passage_id:
                pairs.append(Pair(question, other, 0, "topical", "condaqa_questions"))
                break
    return pairs


def load_cad_snli(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """Counterfactually edited SNLI (revised premise and revised hypothesis sets, all files).

    Premise is the passage, hypothesis the query. Entailment -> positive ``claim`` (the
    hypothesis is a short claim the premise states); contradiction -> negative typed by
    :func:`cue_edit_type`; neutral is dropped (neither stated nor a structural near-miss).
    Licence: Apache-2.0, SNLI text CC BY-SA -> MAY train the shipped weights.
    """
    folder = _require(_root(data_root) / "cad_snli", "CAD-SNLI")
    pairs = []
    seen: set[tuple[str, str]] = set()
    for subset in ("revised_premise", "revised_hypothesis"):
        for path in sorted(_require(folder / subset, "CAD-SNLI").glob("*.tsv")):
            with open(path, encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    premise, hypothesis, gold = row["sentence1"].strip(), row["sentence2"].strip(), row["gold_label"]
                    if gold not in {"entailment", "contradiction"} or (premise, hypothesis) in seen or premise == hypothesis:
                        continue
                    seen.add((premise, hypothesis))
                    if gold == "entailment":
                        pairs.append(Pair(hypothesis, premise, 1, "claim", "cad_snli"))
                    else:
                        pairs.append(Pair(hypothesis, premise, 0, cue_edit_type(premise, hypothesis), "cad_snli"))
    return split_by_component(pairs, split)


def load_semantoneg(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """SemAntoNeg (CANNOT subsets): "You're not fat." vs the antonym paraphrase ("You're thin.",
    TSV label 0 -> positive ``paraphrase``) or a negation / non-paraphrase (label 1 -> ``negation``).

    Licence: CANNOT CC BY-SA 4.0 with upstream terms -> MAY train the shipped weights.
    """
    path = _require(
        _root(data_root) / "cannot_negation_subsets" / "antonym-substitution" / "processed" / "sem_anto_neg.tsv",
        "SemAntoNeg",
    )
    pairs = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            premise, hypothesis = row["premise"].strip(), row["hypothesis"].strip()
            if row["label"] == "0":
                pairs.append(Pair(hypothesis, premise, 1, "paraphrase", "semantoneg"))
            else:
                pairs.append(Pair(hypothesis, premise, 0, "negation", "semantoneg"))
    return split_by_component(pairs, split)


#: VALSE file -> edit type of its foils. Coreference (VQA yes/no answers) is not a textual near-miss.
VALSE_EDITS = {
    "existence.json": "negation", "counting-hard.json": "numeric", "counting-small-quant.json": "numeric",
    "counting-adversarial.json": "numeric", "plurals.json": "numeric",
    "action-replacement.json": "paraphrase_adversarial", "foil-it.json": "paraphrase_adversarial",
}


def _items_by_edit(folder: Path, edits: dict[str, str], what: str) -> Iterator[tuple[str, dict]]:
    """(edit type, item) for every item of each JSON file named in ``edits`` (VALSE, SugarCREPE)."""
    for name, edit in edits.items():
        with open(_require(folder / name, what), encoding="utf-8") as handle:
            items = json.load(handle)
        for item in items.values():
            yield edit, item


def load_valse(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """VALSE captions vs foils (query = foil, passage = caption, label 0); only validated items
    (``mturk.caption >= 2``). Licence: MIT -> MAY train the shipped weights.
    """
    folder = _require(_root(data_root) / "valse", "VALSE")
    pairs = []
    for edit, item in _items_by_edit(folder, VALSE_EDITS, "VALSE"):
        if int((item.get("mturk") or {}).get("caption", 0)) < 2:
            continue
        caption, foil = str(item["caption"]).strip(), str(item["foil"]).strip()
        if caption != foil and in_split((caption,), split):
            pairs.append(Pair(foil, caption, 0, edit, "valse"))
    return pairs


#: SugarCREPE subset -> edit type. replace_att/add_att change which attribute is bound to an
#: object ("tan toilet" -> "white toilet"), so they are ``binding``; replacing or adding an object
#: is a lexical near-miss. The negative caption is always the query: an *added* attribute is more
#: specific than the caption, so the caption does not state it (the reverse direction would be entailed).
SUGARCREPE_EDITS = {
    "replace_att.json": "binding", "add_att.json": "binding",
    "replace_obj.json": "paraphrase_adversarial", "add_obj.json": "paraphrase_adversarial",
}


def load_sugarcrepe(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """SugarCREPE caption vs hard negative caption (label 0). Licence: MIT, COCO captions CC BY
    -> MAY train the shipped weights."""
    folder = _require(_root(data_root) / "sugarcrepe", "SugarCREPE")
    pairs = []
    for edit, item in _items_by_edit(folder, SUGARCREPE_EDITS, "SugarCREPE"):
        caption, negative = str(item["caption"]).strip(), str(item["negative_caption"]).strip()
        if caption != negative and in_split((caption,), split):
            pairs.append(Pair(negative, caption, 0, edit, "sugarcrepe"))
    return pairs


def _nli_pairs(rows: list[tuple[str, str, str]], source: str, split: str | None) -> list[Pair]:
    """(premise, hypothesis, relation) rows, premise -> hypothesis: entailment -> positive ``claim``; contradiction ->
    negative typed by :func:`cue_edit_type`; anything else (neutral) dropped."""
    pairs = []
    for premise, hypothesis, relation in rows:
        if premise == hypothesis:
            continue
        if relation == "entailment":
            pairs.append(Pair(hypothesis, premise, 1, "claim", source))
        elif relation == "contradiction":
            pairs.append(Pair(hypothesis, premise, 0, cue_edit_type(premise, hypothesis), source))
    return split_by_component(pairs, split)


def load_sick(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """SICK, direction A -> B (see :func:`_nli_pairs`).

    Licence: CC BY-NC-SA -> EVALUATION ONLY, never training data for the shipped weights.
    """
    path = _require(_root(data_root) / "sick" / "SICK.txt", "SICK")
    relations = {"A_entails_B": "entailment", "A_contradicts_B": "contradiction"}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [
            (row["sentence_A"].strip(), row["sentence_B"].strip(), relations.get(row["entailment_AB"], "neutral"))
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
    return _nli_pairs(rows, "sick", split)


def load_nan_nli(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """NaN-NLI (from the CANNOT collection), premise -> hypothesis (see :func:`_nli_pairs`): subtle negation written by
    linguists ("Not all people have had ..." against "Some people have not had ...").

    Licence: upstream terms, not stated as permissive -> EVALUATION ONLY, never training data for the shipped weights.
    """
    path = _require(_root(data_root) / "cannot_negation_subsets" / "nan-nli" / "original" / "nan.csv", "NaN-NLI")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [(row["premise"].strip(), row["hypothesis"].strip(), row["label"]) for row in csv.DictReader(handle)]
    return _nli_pairs(rows, "nan_nli", split)


def load_glue_diagnostic(data_root: str | Path | None = None, split: str | None = None) -> list[Pair]:
    """GLUE's diagnostic contradictions (from the CANNOT collection): a real sentence against a minimally changed one
    that contradicts it, in both directions: a negation ("Ouya supports ..." / "Ouya doesn't support ..."), an
    antonym ("largest" / "smallest"), a direction ("into" / "out of"), an amount ("nearly" / "more than"). Every pair
    is a near-miss, typed by :func:`cue_edit_type`; the builder adds positives rewritten from the same sentences.

    Licence: upstream terms, not stated as permissive -> EVALUATION ONLY, never training data for the shipped weights.
    """
    path = _require(
        _root(data_root) / "cannot_negation_subsets" / "glue-diagnostic" / "processed" / "glue_diagnostic.tsv",
        "GLUE diagnostic contradictions",
    )
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [
            (row["sentence"].strip(), row["negated"].strip())
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
    pairs = [
        Pair(changed, sentence, 0, cue_edit_type(sentence, changed), "glue_diagnostic")
        for sentence, changed in rows
        if sentence != changed
    ]
    return split_by_component(pairs, split)


#: Loaders by source name, and whether the licence allows training the shipped weights.
LOADERS = {
    "paws": (load_paws, True),
    "condaqa": (load_condaqa, True),
    "condaqa_questions": (load_condaqa_questions, True),
    "cad_snli": (load_cad_snli, True),
    "semantoneg": (load_semantoneg, True),
    "valse": (load_valse, True),
    "sugarcrepe": (load_sugarcrepe, True),
    "sick": (load_sick, False),
    "nan_nli": (load_nan_nli, False),
    "glue_diagnostic": (load_glue_diagnostic, False),
}
