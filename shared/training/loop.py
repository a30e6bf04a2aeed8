"""The optimisation loop for a map model on precomputed features."""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

import torch
from torch import nn
from tqdm.auto import tqdm

from ..map_models import MapModel
from ..pairs import TOPICAL_EDITS
from .contrast import contrast_pairs
from .features import PairFeatures


@dataclass
class LoopSettings:
    epochs: int = 6
    batch_size: int = 64
    learning_rate: float = 1e-3
    weight_decay: float = 0.01
    seed: int = 0
    time_budget_s: float | None = None
    #: Weight of an extra loss on the structure logit alone (models that expose one; off by default). Its
    #: target is "no conflict" for positives *and* topical negatives, so that an unrelated or merely
    #: related passage is left to the relevance term rather than taught to look like a near-miss.
    structure_weight: float = 0.0
    #: Keep an exponential moving average of the weights (e.g. 0.999, about the last 1,000 steps) and end on it
    #: (off by default). Two runs of one recipe end on weights far enough apart to move single held-out pairs
    #: from accepted to rejected; an average of the last epoch's weights sits nearer the middle of that spread.
    ema_decay: float | None = None
    #: Weight of a ranking loss over contrast pairs (a positive and a negative sharing their query or passage,
    #: see ``contrast``), half a batch of them per step beside the pointwise loss (off by default).
    pairwise_weight: float = 0.0


def length_bucketed_batches(features: PairFeatures, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar passage length: far less padding than plain shuffling, still random."""
    order = list(range(len(features)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        block = sorted(order[start : start + chunk], key=lambda r: features.texts[int(features.passage_index[r])].shape[0])
        batches += [block[i : i + batch_size] for i in range(0, len(block), batch_size)]
    rng.shuffle(batches)
    return batches


def train_loop(model: MapModel, train: PairFeatures, settings: LoopSettings, *, progress: bool = True) -> dict:
    """Train with AdamW, cosine decay and BCE (plus the ranking loss when ``pairwise_weight`` is set); stops
    early when ``time_budget_s`` runs out."""
    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay)
    steps_per_epoch = math.ceil(len(train) / settings.batch_size)
    total = steps_per_epoch * settings.epochs
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / 100) * 0.5 * (1 + math.cos(math.pi * min(step, total) / total))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    no_conflict = torch.tensor(
        [label > 0.5 or edit in TOPICAL_EDITS for label, edit in zip(train.labels.tolist(), train.edit_types)]
    ).float()
    split_heads = settings.structure_weight > 0 and hasattr(model, "relevance_and_structure")
    average = _WeightAverage(model, settings.ema_decay) if settings.ema_decay else None
    contrasts = contrast_pairs(train, seed=settings.seed) if settings.pairwise_weight > 0 else None
    if contrasts is not None and not len(contrasts):
        raise ValueError(
            "pairwise_weight needs positives and negatives that share a query or passage text; these training "
            "pairs have none. Train without it, or add the rewordings and edits of the same texts."
        )
    started = time.perf_counter()
    model.train()
    history = []
    with tqdm(total=total, desc=f"training {model.name}", unit="step", disable=not progress) as bar:
        for epoch in range(settings.epochs):
            running, seen = 0.0, 0
            for rows in length_bucketed_batches(train, settings.batch_size, rng):
                queries, query_mask, passages, passage_mask, labels = train.batch(rows)
                ids = train.batch_ids(rows) if model.uses_token_ids else None
                if split_heads:
                    relevance, structure, gate = model.relevance_and_structure(
                        queries, query_mask, passages, passage_mask, ids=ids
                    )
                    loss = loss_fn(model.combine(relevance, structure, gate), labels)
                    loss = loss + settings.structure_weight * loss_fn(structure, no_conflict[rows])
                else:
                    loss = loss_fn(model(queries, query_mask, passages, passage_mask, ids=ids), labels)
                if contrasts is not None:
                    drawn = contrasts[torch.randint(len(contrasts), (max(1, len(rows) // 2),))]
                    logits = _logits(model, train, drawn.T.flatten().tolist()).view(2, -1)
                    loss = loss + settings.pairwise_weight * nn.functional.softplus(logits[1] - logits[0]).mean()
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                if average is not None:
                    average.update(model)
                running += loss.item() * len(rows)
                seen += len(rows)
                bar.update(1)
                bar.set_postfix(epoch=epoch + 1, loss=f"{running / seen:.4f}")
                if settings.time_budget_s is not None and time.perf_counter() - started > settings.time_budget_s:
                    break
            history.append(running / max(seen, 1))
            if settings.time_budget_s is not None and time.perf_counter() - started > settings.time_budget_s:
                break
    if average is not None:
        average.copy_to(model)
    model.eval()
    return {"epochs_run": len(history), "loss_per_epoch": history, "seconds": time.perf_counter() - started}


def _logits(model: MapModel, features: PairFeatures, rows: list[int]) -> torch.Tensor:
    queries, query_mask, passages, passage_mask, _ = features.batch(rows)
    ids = features.batch_ids(rows) if model.uses_token_ids else None
    return model(queries, query_mask, passages, passage_mask, ids=ids)


class _WeightAverage:
    """Exponential moving average of a model's parameters, updated after every optimiser step."""

    def __init__(self, model: MapModel, decay: float) -> None:
        if not 0.0 < decay < 1.0:
            raise ValueError(f"ema_decay must lie strictly between 0 and 1 (e.g. 0.999), got {decay}.")
        self.decay = decay
        self.values = [parameter.detach().clone() for parameter in model.parameters()]

    @torch.no_grad()
    def update(self, model: MapModel) -> None:
        for value, parameter in zip(self.values, model.parameters()):
            value.lerp_(parameter, 1.0 - self.decay)

    @torch.no_grad()
    def copy_to(self, model: MapModel) -> None:
        for value, parameter in zip(self.values, model.parameters()):
            parameter.copy_(value)


@torch.no_grad()
def predict_logits(model: MapModel, features: PairFeatures, *, batch_size: int = 256) -> torch.Tensor:
    model.eval()
    order = sorted(range(len(features)), key=lambda r: features.texts[int(features.passage_index[r])].shape[0])
    logits = torch.empty(len(features))
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        logits[rows] = _logits(model, features, rows)
    return logits
