"""Turn raw logits into probabilities that mean what they say, and pick the default threshold.

Platt scaling (a logistic fit of the labels on the logit) on a held-out split corrects the
over-confidence a small model picks up in training. The default threshold maximises balanced accuracy
on the same split, so it treats a lost true clause and an accepted near-miss as equally bad; users
who prefer one side can override it per call.
"""

from __future__ import annotations

import torch

from ..checkpoint import Calibration
from ..evaluation.metrics import accuracy, false_acceptance_at_recall, roc_auc
from ..map_models import MapModel
from .features import PairFeatures
from .loop import predict_logits


def fit_platt(logits: torch.Tensor, labels: torch.Tensor, *, steps: int = 200) -> Calibration:
    scale = torch.ones(1, requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.LBFGS([scale, bias], lr=0.5, max_iter=steps)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = loss_fn(scale * logits + bias, labels)
        loss.backward()
        return loss

    optimizer.step(closure)
    return Calibration(scale=float(scale.detach()), bias=float(bias.detach()))


def balanced_threshold(probabilities: torch.Tensor, labels: torch.Tensor) -> float:
    """The cut-off on calibrated probabilities with the best mean of true-positive and true-negative rates."""
    positives = labels > 0.5
    if positives.all() or (~positives).all():
        return 0.5
    best_value, best_cut = -1.0, 0.5
    for cut in torch.unique(probabilities):
        accepted = probabilities >= cut
        value = 0.5 * (accepted[positives].float().mean() + (~accepted[~positives]).float().mean())
        if value > best_value:
            best_value, best_cut = float(value), float(cut)
    return best_cut


def calibrate_on_dev(model: MapModel, dev: PairFeatures) -> tuple[Calibration, float, dict[str, float]]:
    """Platt calibration and the balanced threshold fitted on the dev split, with the dev figures they give."""
    logits = predict_logits(model, dev)
    calibration = fit_platt(logits, dev.labels)
    probabilities = calibration.apply(logits)
    threshold = balanced_threshold(probabilities, dev.labels)
    scores, labels = probabilities.tolist(), dev.labels.int().tolist()
    metrics = {
        "roc_auc": roc_auc(scores, labels),
        "accuracy": accuracy(scores, labels, threshold),
        "false_acceptance_at_95_recall": false_acceptance_at_recall(scores, labels),
    }
    return calibration, threshold, metrics
