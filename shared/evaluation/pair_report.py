"""Pair-classification report: overall and per edit type, for every scorer, as one markdown table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..pairs import Pair
from .metrics import accuracy, false_acceptance_at_recall, roc_auc, threshold_at_recall, within_query_auc


@dataclass(frozen=True)
class Row:
    scorer: str
    group: str
    count: int
    roc_auc: float
    accuracy: float
    false_acceptance: float
    recall_at_cut: float
    within_query_auc: float = float("nan")


def report_rows(name: str, pairs: Sequence[Pair], scores: Sequence[float], threshold: float | None) -> list[Row]:
    """Rows for one scorer: overall, each negative edit type against all positives, each positive type.

    The 95%-recall cut is fixed once on all positives, so per-type false acceptance is comparable across
    types; accuracy uses the scorer's own threshold when it has one (the verifier's calibrated cut),
    else the 95%-recall cut.
    """
    labels = np.array([p.label for p in pairs])
    scores_arr = np.asarray(scores, dtype=float)
    cut95 = threshold_at_recall(scores_arr, labels)
    decision = threshold if threshold is not None else cut95
    rows = [
        Row(
            name,
            "all",
            len(pairs),
            roc_auc(scores_arr, labels),
            accuracy(scores_arr, labels, decision),
            false_acceptance_at_recall(scores_arr, labels, cut=cut95),
            float((scores_arr[labels > 0] >= cut95).mean()) if (labels > 0).any() else float("nan"),
            within_query_auc([p.query for p in pairs], scores_arr, labels),
        )
    ]
    positives = labels > 0
    for edit_type in sorted({p.edit_type for p in pairs}):
        members = np.array([p.edit_type == edit_type for p in pairs])
        if (members & positives).any() and not (members & ~positives).any():
            # a meaning-preserving type: how many of its pairs survive the cut
            kept = float((scores_arr[members] >= decision).mean())
            rows.append(Row(name, f"+{edit_type}", int(members.sum()), float("nan"), kept, float("nan"), kept))
            continue
        negatives = members & ~positives
        subset = positives | negatives
        rows.append(
            Row(
                name,
                edit_type,
                int(negatives.sum()),
                roc_auc(scores_arr[subset], labels[subset]),
                accuracy(scores_arr[negatives], labels[negatives], decision),
                false_acceptance_at_recall(scores_arr[subset], labels[subset], cut=cut95),
                float("nan"),
            )
        )
    return rows


def to_markdown(rows: Sequence[Row]) -> str:
    def cell(value: float) -> str:
        return "–" if value != value else f"{value:.3f}"

    groups = list(dict.fromkeys(r.group for r in rows))
    scorers = list(dict.fromkeys(r.scorer for r in rows))
    by_key = {(r.scorer, r.group): r for r in rows}
    header = "| group | n | " + " | ".join(f"{s} AUC | {s} FA@95R" for s in scorers) + " |"
    lines = [header, "|" + "---|" * (2 + 2 * len(scorers))]
    for group in groups:
        count = next(r.count for r in rows if r.group == group)
        cells = []
        for scorer in scorers:
            row = by_key.get((scorer, group))
            if row is None:
                cells += ["–", "–"]
            elif group.startswith("+"):
                cells += [f"kept {cell(row.recall_at_cut)}", "–"]
            else:
                cells += [cell(row.roc_auc), cell(row.false_acceptance)]
        lines.append(f"| {group} | {count} | " + " | ".join(cells) + " |")
    accuracy_line = ", ".join(f"{r.scorer}: {cell(r.accuracy)}" for r in rows if r.group == "all")
    lines.append("")
    lines.append(f"Accuracy (verifiers at their calibrated threshold, baselines at the 95%-recall cut): {accuracy_line}")
    overall = [r for r in rows if r.group == "all" and r.within_query_auc == r.within_query_auc]
    if overall:
        ranking_line = ", ".join(f"{r.scorer}: {cell(r.within_query_auc)}" for r in overall)
        lines.append("")
        lines.append(f"Within-query ranking (mean ROC-AUC over queries with both a positive and a negative passage): {ranking_line}")
    return "\n".join(lines)
