"""The ``rag-verify`` command end to end, on the real encoder and the shipped checkpoint."""

import json

import pytest

from shared.cli import main


def test_explain_writes_a_heatmap(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["explain", "Who indemnifies the Licensor?", "The Licensee indemnifies the Licensor.", "--out", str(out)]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
    printed = capsys.readouterr().out
    assert "score=" in printed and "##fies -> ##fies" in printed


def test_query_indexes_a_corpus_and_compares_dense_with_verified(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "a", "text": "The Buyer shall pay the Seller within 30 days of delivery."},
        {"id": "b", "text": "The Seller shall pay the Buyer within 30 days of delivery."},
        {"id": "c", "text": "Tighten the bolts to 45 Nm."},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows))
    args = ["query", "Does the Buyer pay the Seller within 30 days?", "--store", str(tmp_path / "store"), "-k", "3"]
    assert main([*args, "--corpus", str(corpus)]) == 0
    printed = capsys.readouterr().out
    assert "dense top-1" in printed and "verified top-1" in printed
    assert all(f"{i}. " in printed for i in (1, 2, 3))


def test_query_on_an_empty_collection_says_what_to_do(tmp_path, capsys):
    assert main(["query", "anything", "--store", str(tmp_path / "empty")]) == 2
    assert "--corpus" in capsys.readouterr().out


def test_bench_prints_ratios(capsys):
    assert main(["bench", "--passages", "4", "--tokens", "40", "--repeats", "2"]) == 0
    printed = capsys.readouterr().out
    assert "cross-encoder" in printed and "MaxSim" in printed and "x faster" in printed


def test_generate_then_train_then_eval_round_trip(tmp_path, capsys):
    """The three data commands chain: what generate writes, train reads, and eval reports on."""
    data = tmp_path / "pairs.jsonl"
    assert main(["generate", "--out", str(data), "--sources", "domain", "--n-domain", "120", "--no-progress"]) == 0
    checkpoint = tmp_path / "ckpt"
    cache = tmp_path / "cache.sqlite"
    recipe = ["--hparam", "substitution_features=true", "--conflict-floor", "auto"]  # the shipped recipe's options
    assert main(["train", "--train", str(data), "--dev", str(data), "--out", str(checkpoint), "--epochs", "1", "--cache", str(cache), *recipe]) == 0
    config = json.loads((checkpoint / "config.json").read_text())
    assert config["map_model"]["substitution_features"] is True
    assert config["map_model"]["conflict_floor"] == config["training"]["log"]["conflict_floor"]
    assert config["map_model"]["conflict_floor"] < config["training"]["log"]["dev_cut_at_95_recall"]
    assert main(["eval", "pairs", str(data), "--checkpoint", f"mine={checkpoint}", "--cache", str(cache)]) == 0
    report = capsys.readouterr().out
    assert "| all |" in report and "mine AUC" in report and "MaxSim AUC" in report


def test_train_with_several_seeds_writes_one_checkpoint_that_averages_a_model_per_seed(tmp_path, capsys):
    from safetensors.torch import load_file

    data = tmp_path / "pairs.jsonl"
    assert main(["generate", "--out", str(data), "--sources", "domain", "--n-domain", "120", "--no-progress"]) == 0
    checkpoint, cache = tmp_path / "ckpt", tmp_path / "cache.sqlite"
    options = ["--epochs", "1", "--cache", str(cache), "--hparam", "identity_features=true", "--seed", "1", "0"]
    assert main(["train", "--train", str(data), "--dev", str(data), "--out", str(checkpoint), *options]) == 0
    config = json.loads((checkpoint / "config.json").read_text())
    assert config["map_model"]["name"] == "ensemble" and len(config["map_model"]["members"]) == 2
    assert config["training"]["loop"]["seed"] == [1, 0] and len(config["training"]["log"]["members"]) == 2
    state = load_file(str(checkpoint / "model.safetensors"))
    first = {k.split(".", 2)[2]: v for k, v in state.items() if k.startswith("members.0.")}
    second = {k.split(".", 2)[2]: v for k, v in state.items() if k.startswith("members.1.")}
    assert first.keys() == second.keys() and any(not (first[k] == second[k]).all() for k in first)
    assert main(["eval", "pairs", str(data), "--checkpoint", f"pair={checkpoint}", "--cache", str(cache)]) == 0
    assert "pair AUC" in capsys.readouterr().out


def test_train_init_continues_a_trained_checkpoint_and_logs_where_it_started(tmp_path, capsys):
    """With a zero learning rate the continued model is the one it started from, weight for weight; its
    config keeps the starting checkpoint's map model and training log, whose time counts for the member."""
    import torch
    from safetensors.torch import load_file

    data, cache = tmp_path / "pairs.jsonl", str(tmp_path / "cache.sqlite")
    assert main(["generate", "--out", str(data), "--sources", "domain", "--n-domain", "60", "--no-progress"]) == 0
    first, pair = tmp_path / "first", tmp_path / "pair"
    common = ["--train", str(data), "--dev", str(data), "--epochs", "1", "--cache", cache]
    assert main(["train", *common, "--out", str(first), "--hparam", "identity_features=true", "--hparam", "width=16"]) == 0
    continued = tmp_path / "continued"
    assert main(["train", *common, "--out", str(continued), "--init", str(first), "--lr", "0"]) == 0
    config = json.loads((continued / "config.json").read_text())
    started = json.loads((first / "config.json").read_text())
    assert config["map_model"] == started["map_model"] and config["map_model"]["width"] == 16
    assert config["training"]["init"] == str(first) and config["training"]["init_training"] == started["training"]
    before, after = load_file(str(first / "model.safetensors")), load_file(str(continued / "model.safetensors"))
    assert before.keys() == after.keys() and all(torch.equal(before[k], after[k]) for k in before)

    assert main(["train", *common, "--out", str(pair), "--seed", "1", "0"]) == 0
    assert main(["train", *common, "--out", str(tmp_path / "x"), "--init", str(pair)]) == 2
    assert "name the one to continue by its number" in capsys.readouterr().err
    second = tmp_path / "second"
    assert main(["train", *common, "--out", str(second), "--init", f"{pair}#2", "--lr", "0"]) == 0
    members = load_file(str(pair / "model.safetensors"))
    after = load_file(str(second / "model.safetensors"))
    assert all(torch.equal(after[k], members[f"members.1.{k}"]) for k in after)
    with pytest.raises(SystemExit, match="drop --model and every --hparam but passage_layers"):
        main(["train", *common, "--out", str(tmp_path / "y"), "--init", str(first), "--hparam", "width=8"])


def test_train_init_grows_passage_layers_that_start_as_the_identity(tmp_path):
    """``--init X --hparam passage_layers=N`` keeps every weight of X and adds cross-attention layers whose outputs
    start at zero, so with a zero learning rate the grown reader scores exactly as the map model it grew from."""
    import torch
    from safetensors.torch import load_file

    from shared import Verifier

    data, cache = tmp_path / "pairs.jsonl", str(tmp_path / "cache.sqlite")
    assert main(["generate", "--out", str(data), "--sources", "domain", "--n-domain", "60", "--no-progress"]) == 0
    first, grown = tmp_path / "first", tmp_path / "grown"
    common = ["--train", str(data), "--dev", str(data), "--epochs", "1", "--cache", cache]
    assert main(["train", *common, "--out", str(first), "--hparam", "identity_features=true", "--hparam", "width=16"]) == 0
    assert main(["train", *common, "--out", str(grown), "--init", str(first), "--hparam", "passage_layers=1", "--lr", "0"]) == 0
    config = json.loads((grown / "config.json").read_text())
    assert config["map_model"]["passage_layers"] == 1 and config["training"]["grown_passage_layers"] == 1
    before, after = load_file(str(first / "model.safetensors")), load_file(str(grown / "model.safetensors"))
    assert set(before) < set(after) and all(torch.equal(before[k], after[k]) for k in before)
    query, passages = "The Buyer pays the Seller.", ["The Seller pays the Buyer.", "The Buyer pays the Seller in full."]
    assert Verifier.from_pretrained(grown).score(query, passages) == pytest.approx(
        Verifier.from_pretrained(first).score(query, passages), abs=1e-4  # the same logits, calibrated again
    )
    assert main(["train", *common, "--out", str(tmp_path / "again"), "--init", str(grown), "--hparam", "passage_layers=1"]) == 2


def test_train_refuses_a_repeated_seed(tmp_path, capsys):
    data = tmp_path / "pairs.jsonl"
    data.write_text(json.dumps({"query": "a", "passage": "a", "label": 1}) + "\n")
    assert main(["train", "--train", str(data), "--dev", str(data), "--out", str(tmp_path / "c"), "--seed", "2", "2"]) == 2
    assert "repeat" in capsys.readouterr().err


def test_train_rejects_a_malformed_conflict_floor(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["train", "--train", "x.jsonl", "--dev", "x.jsonl", "--out", str(tmp_path), "--conflict-floor", "low"])
    assert "expected 'auto' or a number" in capsys.readouterr().err


def _seeded_models():
    """The real encoder and three small map models from seeds 0, 1 and 2 that read word-piece ids."""
    import torch

    from shared.encoder import TokenEncoder
    from shared.map_models import build_map_model

    encoder = TokenEncoder.load(None)
    hparams = {"name": "alignment", "embed_dim": encoder.dim, "width": 16, "heads": 2, "identity_features": True}
    models = []
    for seed in range(3):
        torch.manual_seed(seed)
        models.append(build_map_model(**hparams).eval())
    return encoder, models


def _save(directory, encoder, model, fingerprint=None):
    """A checkpoint as `rag-verify train` writes it, with a calibration that composing must replace."""
    from shared.checkpoint import Calibration, CheckpointConfig, save_checkpoint

    config = CheckpointConfig(
        encoder=encoder.name, encoder_fingerprint=fingerprint or encoder.fingerprint,
        encoding=vars(encoder.settings).copy(), map_model=model.config(), calibration=Calibration(3.0, 1.0), threshold=0.9,
    )
    save_checkpoint(directory, config, model)


def test_ensemble_combines_trained_checkpoints_flattening_ensembles_and_recalibrates(tmp_path, capsys):
    """Members keep their weights (the combined logit is their mean) and the combination gets its own calibration."""
    import torch
    from safetensors.torch import load_file

    from shared import Verifier
    from shared.map_models import SeedEnsemble

    encoder, models = _seeded_models()
    _save(tmp_path / "pair", encoder, SeedEnsemble.of(models[:2]))
    _save(tmp_path / "single", encoder, models[2])
    _save(tmp_path / "other-encoder", encoder, models[2], fingerprint="0000")
    dev = tmp_path / "dev.jsonl"
    rows = [
        {"query": "The Buyer pays the Seller.", "passage": "The Buyer pays the Seller within 30 days.", "label": 1},
        {"query": "The Buyer pays the Seller.", "passage": "The Seller pays the Buyer within 30 days.", "label": 0},
        {"query": "Tenants may keep pets.", "passage": "Tenants may keep small pets.", "label": 1},
        {"query": "Tenants may keep pets.", "passage": "Tenants may not keep pets.", "label": 0},
    ]
    dev.write_text("\n".join(json.dumps(r) for r in rows))
    out, cache = tmp_path / "combined", str(tmp_path / "cache.sqlite")
    assert main(["ensemble", str(tmp_path / "pair"), str(tmp_path / "single"), "--dev", str(dev), "--out", str(out), "--cache", cache]) == 0
    config = json.loads((out / "config.json").read_text())
    assert len(config["map_model"]["members"]) == 3 and config["calibration"] != {"scale": 3.0, "bias": 1.0}
    assert config["training"]["composed_from"] == [str(tmp_path / "pair"), str(tmp_path / "single")]

    state = load_file(str(out / "model.safetensors"))
    for index, model in enumerate(models):
        assert all(torch.equal(state[f"members.{index}.{name}"], tensor) for name, tensor in model.state_dict().items())
    scores = Verifier.from_pretrained(out).score(rows[0]["query"], [r["passage"] for r in rows[:2]])
    assert scores[0] > scores[1]  # the dev split it was calibrated on separates these two

    args = ["ensemble", str(tmp_path / "single"), str(tmp_path / "other-encoder"), "--dev", str(dev), "--out", str(tmp_path / "x")]
    assert main([*args, "--cache", cache]) == 2
    assert "combine only checkpoints of one encoder" in capsys.readouterr().err

    # FOLDER#N takes only some members of an ensemble: a recipe reuses shipped members without retraining them.
    picked = tmp_path / "picked"
    assert main(["ensemble", f"{tmp_path / 'pair'}#2", str(tmp_path / "single"), "--dev", str(dev), "--out", str(picked), "--cache", cache]) == 0
    config = json.loads((picked / "config.json").read_text())
    assert len(config["map_model"]["members"]) == 2 and config["training"]["composed_from"][0] == f"{tmp_path / 'pair'}#2"
    assert config["training"]["members"][0]["picked_members"] == [2]
    state = load_file(str(picked / "model.safetensors"))
    for index, model in enumerate(models[1:]):
        assert all(torch.equal(state[f"members.{index}.{name}"], tensor) for name, tensor in model.state_dict().items())
    capsys.readouterr()
    args = ["ensemble", f"{tmp_path / 'pair'}#3", str(tmp_path / "single"), "--dev", str(dev), "--out", str(tmp_path / "y")]
    assert main([*args, "--cache", cache]) == 2
    assert "holds 2 map model(s); pick them by number from 1 to 2" in capsys.readouterr().err


def test_ensemble_passage_window_applies_to_readers_only_and_keeps_weights(tmp_path):
    """``--passage-window`` is a scoring choice for members with passage layers; map members and every weight stay."""
    import torch
    from safetensors.torch import load_file

    from shared.checkpoint import Calibration, CheckpointConfig, save_checkpoint
    from shared.encoder import TokenEncoder
    from shared.map_models import build_map_model

    encoder = TokenEncoder.load(None)
    base = {"name": "alignment", "embed_dim": encoder.dim, "width": 16, "heads": 2}
    models = {}
    for name, extra in (("map", {}), ("reader", {"passage_layers": 1})):
        torch.manual_seed(0)
        models[name] = build_map_model(**base, **extra).eval()
        config = CheckpointConfig(
            encoder=encoder.name, encoder_fingerprint=encoder.fingerprint, encoding=vars(encoder.settings).copy(),
            map_model=models[name].config(), calibration=Calibration(1.0, 0.0), threshold=0.5,
        )
        save_checkpoint(tmp_path / name, config, models[name])
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in [
        {"query": "The Buyer pays the Seller.", "passage": "The Buyer pays the Seller within 30 days.", "label": 1},
        {"query": "The Buyer pays the Seller.", "passage": "The Seller pays the Buyer within 30 days.", "label": 0},
    ]))
    out = tmp_path / "windowed"
    args = [str(tmp_path / "map"), str(tmp_path / "reader"), "--dev", str(dev), "--out", str(out)]
    assert main(["ensemble", *args, "--cache", str(tmp_path / "cache.sqlite"), "--passage-window", "3"]) == 0
    members = json.loads((out / "config.json").read_text())["map_model"]["members"]
    assert [member.get("passage_window") for member in members] == [None, 3]
    state = load_file(str(out / "model.safetensors"))
    for index, model in enumerate(models.values()):
        assert all(torch.equal(state[f"members.{index}.{name}"], tensor) for name, tensor in model.state_dict().items())


def test_eval_beir_reports_the_ranking_and_what_the_threshold_keeps(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "beir"
    (folder / "qrels").mkdir(parents=True)
    docs = {
        "pay": "The Buyer shall pay the Seller within 30 days of delivery.",
        "swap": "The Seller shall pay the Buyer within 30 days of delivery.",
        "bolt": "Tighten the cylinder head bolts to 45 Nm.",
        "sublet": "The Tenant may not sublet the Premises without the Landlord's consent.",
    }
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps({"_id": k, "text": v}) for k, v in docs.items()))
    (folder / "queries.jsonl").write_text(json.dumps({"_id": "q", "text": "Does the Buyer pay the Seller within 30 days?"}))
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq\tpay\t1\n")
    monkeypatch.chdir(tmp_path)  # the document-embedding cache goes under the working directory
    args = ["eval", "beir", str(folder), "--checkpoint", "default=", "--cache", str(tmp_path / "c.sqlite"), "--depth", "4"]
    assert main([*args, "--filter-depth", "3"]) == 0
    printed = capsys.readouterr().out
    assert "| dense + default (top 4) |" in printed
    # The shipped verifier keeps the clause and rejects its role-swapped twin, which dense retrieval ranks next to it.
    assert "| filter over dense's top 3 |" in printed and "| default | 1.000 | 0.000 | 1.000 |" in printed


def test_ensemble_counterparty_check_keeps_its_weights_and_reads_party_tags(tmp_path, capsys):
    """``--counterparty-check`` adds one map model, weights unchanged, that only the flagged pairs reach."""
    import torch
    from safetensors.torch import load_file

    from shared import Verifier
    from shared.map_models import SeedEnsemble

    encoder, models = _seeded_models()
    _save(tmp_path / "pair", encoder, SeedEnsemble.of(models[:2]))
    _save(tmp_path / "check", encoder, models[2])
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in [
        {"query": "The tenant insures the building.", "passage": "The building is insured by the tenant.", "label": 1},
        {"query": "The tenant insures the building.", "passage": "The building is insured by the landlord.", "label": 0},
    ]))
    out, cache = tmp_path / "checked", str(tmp_path / "cache.sqlite")
    args = ["ensemble", str(tmp_path / "pair"), "--dev", str(dev), "--out", str(out), "--cache", cache]
    assert main([*args, "--counterparty-check", str(tmp_path / "check")]) == 0
    config = json.loads((out / "config.json").read_text())
    assert len(config["map_model"]["members"]) == 2 and config["map_model"]["counterparty_check"] == models[2].config()
    assert config["training"]["counterparty_check"]["from"] == str(tmp_path / "check")
    state = load_file(str(out / "model.safetensors"))
    assert all(torch.equal(state[f"counterparty_check.{k}"], v) for k, v in models[2].state_dict().items())
    verifier = Verifier.from_pretrained(out)
    seen = []  # the batch sizes the check is asked about: the verifier's party tags must reach the ensemble
    verifier._components()[1].counterparty_check.register_forward_hook(lambda _, args, __: seen.append(len(args[0])))
    query, unrelated = "The tenant insures the building.", "The pump feeds the tank."
    verifier.score(query, ["The building is insured by the tenant.", unrelated])
    assert seen == []
    verifier.score(query, ["The building is insured by the landlord.", unrelated])
    assert seen == [1]
    capsys.readouterr()
    assert main([*args, "--counterparty-check", str(tmp_path / "pair")]) == 2
    assert "holds 2 map models where one is needed" in capsys.readouterr().err


def test_ensemble_reorder_check_is_asked_only_about_rearranged_pairs(tmp_path, capsys):
    """``--reorder-check`` adds one passage reader, weights unchanged, that only pairs sharing their words reach."""
    import torch
    from safetensors.torch import load_file

    from shared import Verifier
    from shared.map_models import SeedEnsemble

    encoder, models = _seeded_models()
    reader = models[2].with_passage_layers(1)
    _save(tmp_path / "pair", encoder, SeedEnsemble.of(models[:2]))
    _save(tmp_path / "reader", encoder, reader)
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in [
        {"query": "The Buyer pays the Seller.", "passage": "The Buyer shall pay the Seller.", "label": 1},
        {"query": "The Buyer pays the Seller.", "passage": "The Seller pays the Buyer.", "label": 0},
    ]))
    out = tmp_path / "reordered"
    args = ["ensemble", str(tmp_path / "pair"), "--dev", str(dev), "--out", str(out), "--cache", str(tmp_path / "c.sqlite")]
    assert main([*args, "--reorder-check", str(tmp_path / "reader"), "--reorder-weight", "0.5"]) == 0
    config = json.loads((out / "config.json").read_text())
    model = config["map_model"]
    assert model["reorder_check"] == reader.config() and (model["reorder_share"], model["reorder_weight"]) == (0.8, 0.5)
    assert config["training"]["reorder_check"]["from"] == str(tmp_path / "reader")
    state = load_file(str(out / "model.safetensors"))
    assert all(torch.equal(state[f"reorder_check.{k}"], v) for k, v in reader.state_dict().items())
    verifier = Verifier.from_pretrained(out)
    seen = []
    verifier._components()[1].reorder_check.register_forward_hook(lambda _, args, __: seen.append(len(args[0])))
    query = "The Buyer pays the Seller."
    verifier.score(query, ["The Buyer shall pay the Seller within 30 days of delivery.", "The pump feeds the tank."])
    assert seen == []
    verifier.score(query, ["The Seller pays the Buyer.", "The pump feeds the tank."])
    assert seen == [1]
