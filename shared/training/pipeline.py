"""Train, calibrate and save a verifier checkpoint: the whole recipe behind ``rag-verify train``."""

from __future__ import annotations

import inspect
import platform
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

import torch

from ..cache import EmbeddingCache
from ..cached_encoder import CachedEncoder
from ..checkpoint import CheckpointConfig, save_checkpoint
from ..encoder import TokenEncoder
from ..map_models import MAP_MODELS, MapModel, SeedEnsemble, build_map_model
from ..map_models.alignment import AlignmentTransformer
from ..pairs import Pair
from .calibrate import calibrate_on_dev
from .compose import member_models
from .features import PairFeatures, build_features
from .floor import choose_conflict_floor, set_conflict_floor
from .loop import LoopSettings, train_loop

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
    seeds: Sequence[int] | None = None,
    init: str | Path | None = None,
) -> CheckpointConfig:
    """Train a map model on frozen encoder features, calibrate it on ``dev_pairs``, save a checkpoint.

    ``conflict_floor="auto"`` sets the alignment model's floor from the dev split before calibrating;
    a number sets it directly. With more than one of ``seeds`` (default: ``settings.seed`` alone) one map
    model is trained per seed on the same features and the checkpoint scores with their mean logit
    (``SeedEnsemble``), calibrated as one. ``init`` starts from a trained checkpoint's map model instead of
    fresh weights, so a member that never saw a new kind of pair can learn it in an epoch or two while
    keeping what made it differ from the others (its seed, its older data); with ``hparams`` ``passage_layers``
    it grows that many cross-attention layers first, starting as the identity (the only hparam ``init`` takes).
    """
    if not train_pairs or not dev_pairs:
        raise ValueError("both training and dev pairs are needed: the dev split calibrates scores and the threshold.")
    settings = settings or LoopSettings()
    seeds = list(seeds) if seeds else [settings.seed]
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds {seeds} repeat a value: members trained from the same seed are the same model.")
    started = time.perf_counter()
    token_encoder = TokenEncoder.load(encoder, device=device)
    cached = CachedEncoder(token_encoder, EmbeddingCache(cache_path))
    hparams = dict(hparams or {})
    if "embed_dim" in inspect.signature(MAP_MODELS[model_name]).parameters:
        hparams.setdefault("embed_dim", token_encoder.dim)
    started_from: dict[str, Any] = {}
    if init is None:
        models = [_seeded_model(seed, model_name, hparams) for seed in seeds]
    else:
        continued, init_log = _initial_model(init, token_encoder, seeds)
        started_from = {"init": str(init), "init_training": init_log}
        if (grow := hparams.get("passage_layers")) is not None:
            continued = _grown(continued, grow)
            started_from["grown_passage_layers"] = grow
        models = [continued]
    first = models[0]
    tags = {"token_ids": first.uses_token_ids, **first.tag_options()}
    train = build_features(train_pairs, cached, progress=progress, **tags)
    dev = build_features(dev_pairs, cached, progress=progress, **tags)
    encode_seconds = time.perf_counter() - started

    logs = [
        _train_member(model, train, dev, replace(settings, seed=seed), conflict_floor, progress)
        for model, seed in zip(models, seeds)
    ]
    model: MapModel = models[0] if len(models) == 1 else SeedEnsemble.of(models)
    log = logs[0] if len(logs) == 1 else {"seconds": sum(entry["seconds"] for entry in logs), "members": logs}
    calibration, threshold, dev_metrics = calibrate_on_dev(model, dev)
    config = CheckpointConfig(
        encoder=token_encoder.name,
        encoder_fingerprint=token_encoder.fingerprint,
        encoding=vars(token_encoder.settings).copy(),
        map_model=model.config(),
        calibration=calibration,
        threshold=threshold,
        training={
            **started_from,
            "train_pairs": len(train),
            "dev_pairs": len(dev),
            "loop": {**vars(settings), "seed": seeds[0]} if len(seeds) == 1 else {**vars(settings), "seed": seeds},
            "log": log,
            "encode_seconds": round(encode_seconds, 1),
            "total_seconds": round(time.perf_counter() - started, 1),
            "machine": f"{platform.machine()}, {torch.get_num_threads()} threads, torch {torch.__version__}",
            "dev_metrics": dev_metrics,
        },
    )
    save_checkpoint(out_dir, config, model)
    return config


def _seeded_model(seed: int, model_name: str, hparams: dict[str, Any]) -> MapModel:
    """A map model whose initial weights depend on ``seed`` alone, so each ensemble member starts elsewhere."""
    torch.manual_seed(seed)
    return build_map_model(model_name, **hparams)


def _initial_model(
    path: str | Path, token_encoder: TokenEncoder, seeds: Sequence[int]
) -> tuple[MapModel, dict[str, Any]]:
    """The map model to continue and its training log, which the new checkpoint keeps: that time counts too."""
    if len(seeds) != 1:
        raise ValueError(f"--init continues one trained model; give one --seed, not {list(seeds)}.")
    config, models = member_models(path)
    if len(models) != 1:
        raise ValueError(
            f"{path} holds {len(models)} map models; name the one to continue by its number, as {path}#1."
        )
    if (config.encoder_fingerprint, config.encoding) != (token_encoder.fingerprint, vars(token_encoder.settings)):
        raise ValueError(
            f"{path} was trained on other token embeddings ({config.encoder}, {config.encoding}) than "
            f"{token_encoder.name} gives here ({vars(token_encoder.settings)}); its logits would not carry over. "
            "Pass the --encoder it was trained with, or train from fresh weights."
        )
    return models[0], config.training


def _grown(model: MapModel, passage_layers: int) -> MapModel:
    if not isinstance(model, AlignmentTransformer):
        raise ValueError(f"only an alignment map model can grow passage layers; the --init checkpoint holds {model.name}.")
    return model.with_passage_layers(passage_layers)


def _train_member(
    model: MapModel,
    train: PairFeatures,
    dev: PairFeatures,
    settings: LoopSettings,
    conflict_floor: float | str | None,
    progress: bool,
) -> dict[str, Any]:
    log = train_loop(model, train, settings, progress=progress)
    if conflict_floor == "auto":
        log["conflict_floor"], log["dev_cut_at_95_recall"] = choose_conflict_floor(model, dev)
    elif conflict_floor is not None:
        set_conflict_floor(model, float(conflict_floor))
    return log
