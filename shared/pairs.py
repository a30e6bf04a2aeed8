"""Labelled (query, passage) pairs: the one record format that generation, training and evaluation share.

Keeping a single JSONL schema means a user can hand-write a file of their own clauses and feed it to
``rag-verify eval`` or ``rag-verify train`` with no conversion step.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

#: Edit types a generator may emit. Negatives name the structural edit that broke the meaning;
#: positives name how the meaning was preserved; ``topical`` is an unrelated passage.
NEGATIVE_EDITS = (
    "negation",
    "role_swap",
    "binding",
    "spatial",
    "temporal",
    "numeric",
    "quantifier",
    "scope",
    "word_swap",
    "topical",
    "paraphrase_adversarial",
)
#: Negatives that are wrong for lack of relevance, not for a structural conflict.
TOPICAL_EDITS = ("topical",)
POSITIVE_EDITS = (
    "identity", "reword", "voice", "reorder", "coordination", "synonym", "equivalent_wording", "paraphrase", "question",
    "claim", "conjunct", "generalisation", "verb_subset", "time_fronting", "compass_wording",
    "negation_wording", "modal_wording",
)


@dataclass(frozen=True)
class Pair:
    """One labelled example: ``label`` is 1 when ``passage`` states what ``query`` asks or claims."""

    query: str
    passage: str
    label: int
    edit_type: str = "unknown"
    source: str = "unknown"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def read_pairs(path: str | Path) -> list[Pair]:
    """Read a JSONL file; ``edit_type`` and ``source`` are optional so hand-written files stay short."""
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                pairs.append(
                    Pair(
                        query=str(row["query"]),
                        passage=str(row["passage"]),
                        label=int(row["label"]),
                        edit_type=str(row.get("edit_type", "unknown")),
                        source=str(row.get("source", Path(path).stem)),
                    )
                )
            except (KeyError, ValueError, TypeError) as error:
                raise ValueError(
                    f"{path}:{line_no}: expected a JSON object with 'query', 'passage' and 'label' (0/1): {error}"
                ) from error
    return pairs


def write_pairs(pairs: Iterable[Pair], path: str | Path) -> int:
    """Write pairs as JSONL and return how many were written."""
    count = 0
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(pair.to_json() + "\n")
            count += 1
    return count
