"""What the verifier says about one passage, and how callers choose a threshold."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal, Sequence, Union

#: ``"calibrated"`` uses the checkpoint's threshold, a float overrides it, ``None`` disables filtering.
Threshold = Union[float, None, Literal["calibrated"]]
CALIBRATED: Literal["calibrated"] = "calibrated"


#: What a passage's calibrated probability adds to its relevance (MaxSim plus half the whole-text cosine) in
#: ``rank_score``. Verification moves a passage within reach of its relevance, not past everything: a near-miss twin
#: is as relevant as its true clause, so the probability decides between them, while a relevant passage the verifier
#: cannot confirm (an abstract that supports a claim in its own words) still outranks accepted but unrelated ones.
#: 0.2 sits mid-plateau: the hand-written twins are within 0.13 of their clause's relevance for 95% of pairs, and from
#: 0.05 to 0.3 SciFact's nDCG@10 stays at 0.714-0.717 and 45-46 of those 48 twins fall below their clause
#: (BENCHMARKS.md "Fourteenth round").
VERIFICATION_WEIGHT = 0.2


@dataclass(frozen=True)
class Verdict:
    """``score`` is the calibrated probability that the passage states what the query asks or claims;
    ``rank_score`` (MaxSim plus half the whole-text cosine, plus ``VERIFICATION_WEIGHT`` times ``score``) orders
    passages."""

    score: float
    accepted: bool
    maxsim: float
    rank_score: float
    threshold: float | None

    def to_dict(self) -> dict[str, float | bool | None]:
        return asdict(self)


def resolve_threshold(threshold: Threshold, calibrated: float) -> float | None:
    """Turn a user's threshold choice into a number (or ``None``), rejecting values that are not probabilities."""
    if threshold is None:
        return None
    if isinstance(threshold, str):
        if threshold != CALIBRATED:
            raise ValueError(f"threshold={threshold!r}: use a float in [0, 1], None, or {CALIBRATED!r}.")
        return calibrated
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= float(threshold) <= 1.0:
        raise ValueError(f"threshold={threshold!r} must be a probability in [0, 1], None, or {CALIBRATED!r}.")
    return float(threshold)


def accepted_best_first(verdicts: Sequence[Verdict], top_n: int | None = None) -> list[tuple[int, Verdict]]:
    """Indices and verdicts of the accepted passages, highest ``rank_score`` first, at most ``top_n``.

    The sort is stable: ties keep the input (first-stage) order.
    """
    kept = sorted(((i, v) for i, v in enumerate(verdicts) if v.accepted), key=lambda item: -item[1].rank_score)
    return kept if top_n is None else kept[:top_n]
