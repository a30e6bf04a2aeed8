"""Train, calibrate and save a verifier checkpoint: the whole recipe behind ``rag-verify train``."""

from __future__ import annotations

import inspect
import platform
import time
from pathlib import Path
from typing import Any, Sequence

import torch

from ..cache import EmbeddingCache
from ..cached_encoder import CachedEncoder
from ..checkpoint import CheckpointConfig, save_checkpoint
from ..encoder import TokenEncoder
from ..evaluation.metrics import accuracy, false_acceptance_at_recall, roc_auc
from ..map_models import MAP_MODELS, build_map_model
from ..pairs import Pair
from .calibrate import balanced_threshold, fit_platt
from .features import build_features
from .floor import choose_conflict_floor, set_conflict_floor
from .loop import LoopSettings, predict_logits, train_loop

DEFAULT_CACHE = Path(".rag-verify/cache/tokens.sqlite")


def train_verifier(
    train_pairs: Sequence[Pair],
    dev_pairs: Sequence[Pair],
    out_dir: str | Path,
    *,
    model_name: str = "alignment",
    hparams: dict[str, Any] | None = None,
    encoder: str | None = None,
    settings: LoopSettings | None = None,
    cache_path: str | Path | None = DEFAULT_CACHE,
    device: str | None = None,
    progress: bool = True,
    conflict_floor: float | str | None = None,
) -> CheckpointConfig:
    """Train a map model on frozen encoder features, calibrate it on ``dev_pairs``, save a checkpoint.

    ``conflict_floor="auto"`` sets the alignment model's floor from the dev split before calibrating;
    a number sets it directly.
    """
    if not train_pairs or not dev_pairs:
        raise ValueError("both training and dev pairs are needed: the dev split calibrates scores and the threshold.")
    settings = settings or LoopSettings()
    started = time.perf_counter()
    token_encoder = TokenEncoder.load(encoder, device=device)
    cached = CachedEncoder(token_encoder, EmbeddingCache(cache_path))
    hparams = dict(hparams or {})
    if "embed_dim" in inspect.signature(MAP_MODELS[model_name]).parameters:
        hparams.setdefault("embed_dim", token_encoder.dim)
    model = build_map_model(model_name, **hparams)
    tags = {"token_ids": model.uses_token_ids, "roles": model.uses_roles, "number_values": model.uses_number_values}
    train = build_features(train_pairs, cached, progress=progress, **tags)
    dev = build_features(dev_pairs, cached, progress=progress, **tags)
    encode_seconds = time.perf_counter() - started

    log = train_loop(model, train, settings, progress=progress)
    if conflict_floor == "auto":
        log["conflict_floor"], log["dev_cut_at_95_recall"] = choose_conflict_floor(model, dev)
    elif conflict_floor is not None:
        set_conflict_floor(model, float(conflict_floor))

    dev_logits = predict_logits(model, dev)
    calibration = fit_platt(dev_logits, dev.labels)
    probabilities = calibration.apply(dev_logits)
    threshold = balanced_threshold(probabilities, dev.labels)
    labels = dev.labels.int().tolist()
    scores = probabilities.tolist()
    config = CheckpointConfig(
        encoder=token_encoder.name,
        encoder_fingerprint=token_encoder.fingerprint,
        encoding=vars(token_encoder.settings).copy(),
        map_model=model.config(),
        calibration=calibration,
        threshold=threshold,
        training={
            "train_pairs": len(train),
            "dev_pairs": len(dev),
            "loop": vars(settings).copy(),
            "log": log,
            "encode_seconds": round(encode_seconds, 1),
            "total_seconds": round(time.perf_counter() - started, 1),
            "machine": f"{platform.machine()}, {torch.get_num_threads()} threads, torch {torch.__version__}",
            "dev_metrics": {
                "roc_auc": roc_auc(scores, labels),
                "accuracy": accuracy(scores, labels, threshold),
                "false_acceptance_at_95_recall": false_acceptance_at_recall(scores, labels),
            },
        },
    )
    save_checkpoint(out_dir, config, model)
    return config
