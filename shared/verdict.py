"""What the verifier says about one passage, and how callers choose a threshold."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal, Sequence, Union

#: ``"calibrated"`` uses the checkpoint's threshold, a float overrides it, ``None`` disables filtering.
Threshold = Union[float, None, Literal["calibrated"]]
CALIBRATED: Literal["calibrated"] = "calibrated"


@dataclass(frozen=True)
class Verdict:
    """``score`` is the calibrated probability that the passage states what the query asks or claims."""

    score: float
    accepted: bool
    maxsim: float
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
    """Indices and verdicts of the accepted passages, best score first, at most ``top_n``.

    The sort is stable, so ties keep the input (first-stage) order.
    """
    kept = sorted(((i, v) for i, v in enumerate(verdicts) if v.accepted), key=lambda item: -item[1].score)
    return kept if top_n is None else kept[:top_n]
