"""What the verifier says about one passage, and how callers choose a threshold."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal, Sequence, Union

#: ``"calibrated"`` uses the checkpoint's threshold, a float overrides it, ``None`` disables filtering.
Threshold = Union[float, None, Literal["calibrated"]]
CALIBRATED: Literal["calibrated"] = "calibrated"


@dataclass(frozen=True)
class Verdict:
    """``score`` is the calibrated probability that the passage states what the query asks or claims;
    ``rank_score`` (MaxSim plus half the whole-text cosine) orders the passages the verifier accepts."""

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


def accepted_best_first(
    verdicts: Sequence[Verdict], top_n: int | None = None, *, lead: float | None = None
) -> list[tuple[int, Verdict]]:
    """Indices and verdicts of the accepted passages, highest ``rank_score`` first, at most ``top_n``; with
    ``lead``, those scoring at least ``lead`` come before the rest.

    The verifier decides *whether* a passage states the query; among those it accepts, its probability
    is close to 1 and says little about which is more useful, while ``rank_score`` ranks them as well as the
    probability does on near-miss twins and much better on ordinary retrieval (BENCHMARKS.md "Seventh
    round"). ``lead`` is the calibrated threshold when the caller's own threshold lets more through, so
    the passages the verifier would accept still come first. The sort is stable: ties keep the input
    (first-stage) order.
    """

    def key(item: tuple[int, Verdict]) -> tuple[bool, float]:
        verdict = item[1]
        return (lead is not None and verdict.score < lead, -verdict.rank_score)

    kept = sorted(((i, v) for i, v in enumerate(verdicts) if v.accepted), key=key)
    return kept if top_n is None else kept[:top_n]
