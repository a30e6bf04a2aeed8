"""One checkpoint from several trained ones: their map models scored by the mean logit, recalibrated on dev.

A member costs minutes of training; checkpoints already trained (a previously shipped one, runs of other
seeds) cost only a pass over the dev split to combine. Members must come from the same encoder and
encoding settings: their logits are only comparable on the same similarity maps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..cache import EmbeddingCache
from ..cached_encoder import CachedEncoder
from ..checkpoint import CheckpointConfig, load_checkpoint, restore_map_model, save_checkpoint
from ..map_models import MapModel, SeedEnsemble
from ..pairs import Pair
from ..verifier import Verifier
from .calibrate import calibrate_on_dev
from .features import build_features


def member_models(path: str | Path) -> tuple[CheckpointConfig, list[MapModel]]:
    """A checkpoint's config and its map models: the members themselves when it is an ensemble already."""
    config, state = load_checkpoint(path)
    model = restore_map_model(config, state, path)
    return config, list(model.members) if isinstance(model, SeedEnsemble) else [model]


def compose_checkpoints(
    members: Sequence[str | Path],
    dev_pairs: Sequence[Pair],
    out_dir: str | Path,
    *,
    cache_path: str | Path | None = None,
    device: str | None = None,
    progress: bool = True,
) -> CheckpointConfig:
    if len(members) < 2:
        raise ValueError(f"an ensemble needs at least two checkpoints, got {len(members)}.")
    if not dev_pairs:
        raise ValueError("dev pairs are needed: the combined logit is calibrated and thresholded on them.")
    loaded = [member_models(path) for path in members]
    first = loaded[0][0]
    for path, (config, _) in zip(members, loaded):
        if (config.encoder_fingerprint, config.encoding) != (first.encoder_fingerprint, first.encoding):
            raise ValueError(
                f"checkpoint {path} was trained on other token embeddings ({config.encoder}, {config.encoding}) than "
                f"{members[0]} ({first.encoder}, {first.encoding}); combine only checkpoints of one encoder."
            )
    ensemble = SeedEnsemble.of([model for _, models in loaded for model in models])
    # Loading through the verifier checks the encoder's weights fingerprint against the checkpoint's.
    token_encoder = Verifier.from_pretrained(members[0], device=device).encoder
    dev = build_features(
        dev_pairs,
        CachedEncoder(token_encoder, EmbeddingCache(cache_path)),
        progress=progress,
        token_ids=ensemble.uses_token_ids,
        roles=ensemble.uses_roles,
        number_values=ensemble.uses_number_values,
    )
    calibration, threshold, dev_metrics = calibrate_on_dev(ensemble, dev)
    config = CheckpointConfig(
        encoder=first.encoder,
        encoder_fingerprint=first.encoder_fingerprint,
        encoding=dict(first.encoding),
        map_model=ensemble.config(),
        calibration=calibration,
        threshold=threshold,
        training={
            "composed_from": [str(path) for path in members],
            "members": [config.training for config, _ in loaded],
            "dev_pairs": len(dev),
            "dev_metrics": dev_metrics,
        },
    )
    save_checkpoint(out_dir, config, ensemble)
    return config
