import json

import pytest
import torch

from conftest import make_tiny_encoder
from shared import CheckpointConfig, EncoderMismatchError, Verifier
from shared.checkpoint import Calibration, load_checkpoint, save_checkpoint
from shared.map_models import build_map_model


def _save_tiny(directory, encoder, **overrides):
    model = build_map_model("alignment", embed_dim=32, width=16, heads=2)
    config = CheckpointConfig(
        encoder=encoder.name,
        encoder_fingerprint=encoder.fingerprint,
        encoding=vars(encoder.settings).copy(),
        map_model=model.config(),
        calibration=Calibration(scale=2.0, bias=-0.5),
        threshold=0.42,
        **overrides,
    )
    save_checkpoint(directory, config, model)
    return model


def test_round_trip_keeps_weights_calibration_and_threshold(tmp_path):
    encoder = make_tiny_encoder()
    model = _save_tiny(tmp_path, encoder)
    config, state = load_checkpoint(tmp_path)
    assert config.threshold == 0.42 and config.calibration == Calibration(2.0, -0.5)
    for name, tensor in model.state_dict().items():
        assert torch.equal(state[name], tensor)


@pytest.mark.parametrize("name", [None, "accurate"])
def test_shipped_checkpoints_are_small_and_name_their_encoder(name):
    config, state = load_checkpoint(name)
    assert config.encoder == "sentence-transformers/all-MiniLM-L6-v2"
    assert 0.0 < config.threshold < 1.0
    assert sum(t.numel() * t.element_size() for t in state.values()) < 8 * 1024 * 1024


def test_a_newer_format_version_is_refused_with_advice(tmp_path):
    _save_tiny(tmp_path, make_tiny_encoder())
    data = json.loads((tmp_path / "config.json").read_text())
    data["format_version"] = 99
    (tmp_path / "config.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="upgrade rag-verify"):
        load_checkpoint(tmp_path)


def test_missing_checkpoint_says_what_to_pass(tmp_path):
    with pytest.raises(FileNotFoundError, match="rag-verify train"):
        Verifier.from_pretrained(tmp_path / "nothing-here")


def test_loading_with_another_encoder_fails_clearly(tmp_path):
    """The shipped checkpoint was trained on MiniLM; a different encoder's weights must be refused."""
    encoder = make_tiny_encoder()
    _save_tiny(tmp_path, encoder)
    data = json.loads((tmp_path / "config.json").read_text())
    data["encoder"] = "sentence-transformers/all-MiniLM-L6-v2"  # real MiniLM weights, tiny fingerprint
    (tmp_path / "config.json").write_text(json.dumps(data))
    verifier = Verifier.from_pretrained(tmp_path)
    assert verifier.score("q", []) == []  # no model needed yet
    with pytest.raises(EncoderMismatchError, match="trained on encoder"):
        verifier.score("who pays", ["the buyer pays"])


def test_weights_that_do_not_fit_the_configured_map_model_are_refused_with_advice(tmp_path):
    from shared.checkpoint import restore_map_model

    _save_tiny(tmp_path, make_tiny_encoder())
    data = json.loads((tmp_path / "config.json").read_text())
    data["map_model"]["width"] = 24  # as if another version had written it
    (tmp_path / "config.json").write_text(json.dumps(data))
    config, state = load_checkpoint(tmp_path)
    with pytest.raises(ValueError, match="retrain it with `rag-verify train`"):
        restore_map_model(config, state, tmp_path)
