"""One checkpoint from several trained ones: their map models scored by the mean logit, recalibrated on dev.

A member costs minutes of training; checkpoints already trained (a previously shipped one, runs of other
seeds) cost only a pass over the dev split to combine. Members must come from the same encoder and
encoding settings: their logits are only comparable on the same similarity maps.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Sequence

from ..cache import EmbeddingCache
from ..cached_encoder import CachedEncoder
from ..checkpoint import CheckpointConfig, load_checkpoint, restore_map_model, save_checkpoint
from ..map_models import MapModel, SeedEnsemble, build_map_model
from ..pairs import Pair
from ..verifier import Verifier
from .calibrate import calibrate_on_dev
from .features import build_features


def member_models(spec: str | Path) -> tuple[CheckpointConfig, list[MapModel]]:
    """A checkpoint's config and its map models: the members themselves when it is an ensemble already.

    ``PATH#2,3`` takes members 2 and 3 (counted from 1) of the checkpoint at PATH, so a recipe can reuse some
    members of a shipped ensemble without retraining them; the config's training log then says which it took.
    """
    path, picks = _split_picks(spec)
    config, state = load_checkpoint(path)
    model = restore_map_model(config, state, path)
    models = list(model.members) if isinstance(model, SeedEnsemble) else [model]
    if picks is None:
        return config, models
    if not all(1 <= pick <= len(models) for pick in picks):
        raise ValueError(
            f"checkpoint {path} holds {len(models)} map model(s); pick them by number from 1 to {len(models)}, "
            f"as {path}#1 or {path}#1,2."
        )
    picked = replace(config, training={"picked_members": picks, "from": config.training})
    return picked, [models[pick - 1] for pick in picks]


def _one_model(spec: str | Path) -> tuple[CheckpointConfig, MapModel]:
    config, models = member_models(spec)
    if len(models) != 1:
        raise ValueError(f"{spec} holds {len(models)} map models where one is needed: pick one as {spec}#1.")
    return config, models[0]


def _with_passage_window(model: MapModel, window: int | None) -> MapModel:
    """The model with its passage layers reading only tokens within ``window`` of a match, same weights.

    The window is a scoring choice more than a trained one: a passage reader trained on every token gives
    nearly the same scores when it skips tokens far from anything the query matched (BENCHMARKS.md,
    forty-second round), at a fraction of the cost on long passages. Models without passage layers, and
    ``window=None``, are returned as they are.
    """
    config = model.config()
    if window is None or not config.get("passage_layers"):
        return model
    windowed = build_map_model(**{**config, "passage_window": window})
    windowed.load_state_dict(model.state_dict())
    return windowed


def _split_picks(spec: str | Path) -> tuple[Path, list[int] | None]:
    """``PATH#2,3`` → (PATH, [2, 3]); a spec without a ``#`` and numbers after it is a path as it stands."""
    head, mark, tail = str(spec).rpartition("#")
    if not mark or not tail or not all(part.strip().isdigit() for part in tail.split(",")):
        return Path(spec), None
    return Path(head), [int(part) for part in tail.split(",")]


def compose_checkpoints(
    members: Sequence[str | Path],
    dev_pairs: Sequence[Pair],
    out_dir: str | Path,
    *,
    cache_path: str | Path | None = None,
    device: str | None = None,
    progress: bool = True,
    passage_window: int | None = None,
    counterparty_check: str | Path | None = None,
    reorder_check: str | Path | None = None,
    **reorder: float,
) -> CheckpointConfig:
    """``counterparty_check`` names one checkpoint (or ``PATH#N``, one member) that scores only the pairs where a
    party may stand in its counterpart's place, and there caps the members' mean logit; ``reorder_check`` one that
    scores only pairs sharing nearly all their word pieces and moves the mean towards its logit there (``reorder``:
    ``reorder_share`` and ``reorder_weight``; ``SeedEnsemble``)."""
    if not dev_pairs:
        raise ValueError("dev pairs are needed: the combined logit is calibrated and thresholded on them.")
    loaded = [member_models(path) for path in members]
    if (count := sum(len(models) for _, models in loaded)) < 2:
        raise ValueError(f"an ensemble needs at least two map models, and {list(map(str, members))} hold {count}.")
    configs = [(path, config) for path, (config, _) in zip(members, loaded)]
    checks: dict[str, tuple[str | Path, CheckpointConfig, MapModel]] = {}
    for name, spec in (("counterparty_check", counterparty_check), ("reorder_check", reorder_check)):
        if spec is not None:
            checks[name] = (spec, *_one_model(spec))
            configs.append((spec, checks[name][1]))
    first = loaded[0][0]
    for path, config in configs:
        if (config.encoder_fingerprint, config.encoding) != (first.encoder_fingerprint, first.encoding):
            raise ValueError(
                f"checkpoint {path} was trained on other token embeddings ({config.encoder}, {config.encoding}) than "
                f"{members[0]} ({first.encoder}, {first.encoding}); combine only checkpoints of one encoder."
            )
    ensemble = SeedEnsemble.of(
        [_with_passage_window(model, passage_window) for _, models in loaded for model in models],
        **{name: _with_passage_window(model, passage_window) for name, (_, _, model) in checks.items()},
        **reorder,
    )
    # Loading through the verifier checks the encoder's weights fingerprint against the checkpoint's.
    token_encoder = Verifier.from_pretrained(_split_picks(members[0])[0], device=device).encoder
    dev = build_features(
        dev_pairs,
        CachedEncoder(token_encoder, EmbeddingCache(cache_path)),
        progress=progress,
        token_ids=ensemble.uses_token_ids,
        **ensemble.tag_options(),
    )
    calibration, threshold, dev_metrics = calibrate_on_dev(ensemble, dev)
    training = {"composed_from": [str(path) for path in members], "members": [config.training for config, _ in loaded]}
    for name, (spec, check_config, _) in checks.items():
        training[name] = {"from": str(spec), "training": check_config.training}
    config = CheckpointConfig(
        encoder=first.encoder,
        encoder_fingerprint=first.encoder_fingerprint,
        encoding=dict(first.encoding),
        map_model=ensemble.config(),
        calibration=calibration,
        threshold=threshold,
        training={**training, "dev_pairs": len(dev), "dev_metrics": dev_metrics},
    )
    save_checkpoint(out_dir, config, ensemble)
    return config
