"""Pick the alignment model's conflict floor on the dev split, after training.

The floor bounds what a detected conflict can cost a passage when scoring, so that passages the
structure part merely finds unfamiliar (a paragraph that answers a question in its own words) keep
their relevance order. A highly relevant passage with a floored conflict scores about the floor
itself, so the floor must sit clearly below the cut-off that keeps 95% of true matches, or it lifts
real near-misses over that cut. The cut moves with each trained model's logit scale (by up to half a
logit between two runs of the same recipe), so the floor is set per model from the dev split: that
cut minus a margin that also covers the gap between dev and unseen data (a quarter to a third of a
logit in our runs).
"""

from __future__ import annotations

from ..evaluation.metrics import threshold_at_recall
from ..map_models import MapModel
from .features import PairFeatures
from .loop import predict_logits

MARGIN = 1.0


def set_conflict_floor(model: MapModel, floor: float | None) -> None:
    """Set the floor on the model and in its saved hyper-parameters, so the checkpoint scores the same."""
    if not hasattr(model, "conflict_floor"):
        raise ValueError(f"map model {model.name!r} has no structure logit to floor; drop --conflict-floor.")
    model.conflict_floor = model.hparams["conflict_floor"] = floor


def choose_conflict_floor(model: MapModel, dev: PairFeatures, *, margin: float = MARGIN) -> tuple[float, float]:
    """Set the floor to the dev split's 95%-recall cut (as a logit) minus ``margin``; returns (floor, cut)."""
    set_conflict_floor(model, None)
    cut = threshold_at_recall(predict_logits(model, dev).tolist(), dev.labels.int().tolist())
    floor = round(cut - margin, 3)
    set_conflict_floor(model, floor)
    return floor, cut
