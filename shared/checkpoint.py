"""Verifier checkpoints: safetensors weights plus a JSON config that says how to rebuild and trust them.

The config records the encoder the map model was trained on (id and weights fingerprint), because the
map model only makes sense on that encoder's similarity maps; it also carries the calibration and the
default threshold, so a score means the same probability wherever the checkpoint is loaded.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from .map_models import MapModel, build_map_model

FORMAT_VERSION = 1
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
SHIPPED_DIR = Path(__file__).parent / "weights"
DEFAULT_CHECKPOINT = "default"


@dataclass
class Calibration:
    """Platt scaling of the map model's logit: probability = sigmoid(scale * logit + bias)."""

    scale: float = 1.0
    bias: float = 0.0

    def apply(self, logits: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.scale * logits + self.bias)


@dataclass
class CheckpointConfig:
    encoder: str
    encoder_fingerprint: str
    encoding: dict[str, Any]
    map_model: dict[str, Any]
    calibration: Calibration = field(default_factory=Calibration)
    threshold: float = 0.5
    training: dict[str, Any] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CheckpointConfig":
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise ValueError(
                f"checkpoint format version {version!r} is not supported by this rag-verify "
                f"(expects {FORMAT_VERSION}); upgrade rag-verify or re-export the checkpoint."
            )
        data = dict(data)
        data["calibration"] = Calibration(**data.get("calibration", {}))
        return cls(**data)


def resolve_checkpoint_dir(path_or_name: str | Path | None) -> Path:
    """A folder path as given, or a checkpoint shipped inside the package by name (``None`` = default)."""
    candidate = Path(path_or_name) if path_or_name is not None else SHIPPED_DIR / DEFAULT_CHECKPOINT
    if not candidate.exists() and path_or_name is not None and (SHIPPED_DIR / str(path_or_name)).exists():
        candidate = SHIPPED_DIR / str(path_or_name)
    if not (candidate / CONFIG_FILE).is_file() or not (candidate / WEIGHTS_FILE).is_file():
        shipped = sorted(p.name for p in SHIPPED_DIR.iterdir() if p.is_dir()) if SHIPPED_DIR.exists() else []
        raise FileNotFoundError(
            f"no verifier checkpoint at {candidate} (expected {CONFIG_FILE} and {WEIGHTS_FILE}); "
            f"pass a folder written by `rag-verify train` or one of the shipped names {shipped}."
        )
    return candidate


def save_checkpoint(directory: str | Path, config: CheckpointConfig, model: torch.nn.Module) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    state = {name: tensor.detach().cpu().contiguous() for name, tensor in model.state_dict().items()}
    save_file(state, str(directory / WEIGHTS_FILE))
    (directory / CONFIG_FILE).write_text(json.dumps(config.to_dict(), indent=2, sort_keys=True) + "\n")
    return directory


def load_checkpoint(path_or_name: str | Path | None) -> tuple[CheckpointConfig, dict[str, torch.Tensor]]:
    directory = resolve_checkpoint_dir(path_or_name)
    config = CheckpointConfig.from_dict(json.loads((directory / CONFIG_FILE).read_text()))
    return config, load_file(str(directory / WEIGHTS_FILE))


def restore_map_model(config: CheckpointConfig, state: dict[str, torch.Tensor], source: str | Path | None) -> MapModel:
    """The checkpoint's map model with its weights, or advice when this version builds that model differently."""
    map_model = build_map_model(**config.map_model)
    try:
        map_model.load_state_dict(state)
    except RuntimeError as error:
        raise ValueError(
            f"the weights in checkpoint {source or DEFAULT_CHECKPOINT!r} do not fit map model "
            f"{config.map_model.get('name')!r} as this rag-verify builds it ({error}); it was probably written "
            "by another version: retrain it with `rag-verify train`, or install the version that wrote it."
        ) from None
    return map_model
