"""Party tags and the counterparty check: which pairs it sees, and that it can only lower their score."""

import pytest
import torch

from shared.map_models import SeedEnsemble, build_map_model
from shared.parties import NO_PARTY, names_counterpart
from shared.similarity import pad, pad_ids
from conftest import make_tiny_encoder
from test_map_models import _tokens


@pytest.fixture(scope="module")
def encoder():
    return make_tiny_encoder()


def _parties(encoder, text: str) -> dict[str, int]:
    tags = encoder.token_tags(text, parties=True)
    pieces = encoder.tokenizer.convert_ids_to_tokens(tags[:, 0].tolist())
    return {piece: int(tag) for piece, tag in zip(pieces, tags[:, -1]) if tag != NO_PARTY}


def test_party_tags_name_each_side_of_a_pair_and_skip_verbs(encoder):
    tenant = _parties(encoder, "The tenant insures the building.")
    landlord = _parties(encoder, "The building is insured by the Landlord.")
    assert list(tenant) == ["tenant"] and list(landlord) == ["landlord"]  # "insured" the verb is no party
    (a,), (b,) = tenant.values(), landlord.values()
    assert (a - 1) // 2 == (b - 1) // 2 and a != b  # one pair, the two sides
    assert _parties(encoder, "The pump feeds the tank.") == {}
    roles = encoder.token_tags("The tenant pays the landlord.", roles=True, parties=True)
    assert roles.shape[1] == 7 and torch.equal(roles[:, :6], encoder.token_tags("The tenant pays the landlord.", roles=True))


@pytest.mark.parametrize(
    "query, passage, flagged",
    [
        ("The tenant maintains the elevators.", "The landlord maintains the elevators.", True),
        ("The tenant maintains the elevators.", "The tenant pays rent. The landlord maintains the elevators.", True),
        ("The licensee keeps the code confidential.", "The licensor shall keep the code confidential.", True),
        ("The insurer pays the repair costs.", "Repair costs are paid by the insured.", True),
        ("The grantor pays the transfer tax.", "The transfer tax is paid by the grantee.", True),  # pairs no one trained on
        ("The Company reimburses travel costs.", "The Consultant shall reimburse travel costs.", True),
        ("The indemnifying party controls the defence.", "The indemnified party controls the defence.", True),
        ("The tenant maintains the elevators.", "The elevators are maintained by the tenant.", False),
        ("The tenant pays the landlord.", "The landlord pays the tenant.", False),
        ("The tenant maintains the elevators.", "The licensor maintains the software.", False),
        ("The pump feeds the tank.", "The tank feeds the pump.", False),
    ],
)
def test_names_counterpart_flags_a_party_in_its_counterparts_place(encoder, query, passage, flagged):
    tags = [encoder.token_tags(text, parties=True) for text in (query, passage)]
    for first, second in (tags, tags[::-1]):  # whichever side names which party
        got = names_counterpart(pad_ids([first], fill=-1)[..., -1], pad_ids([second], fill=-2)[..., -1])
        assert got.tolist() == [flagged]


def _checked_ensemble():
    hparams = {"embed_dim": 32, "width": 16, "heads": 2, "identity_features": True}
    models = []
    for seed in range(3):
        torch.manual_seed(seed)
        models.append(build_map_model("alignment", **hparams).eval())
    return models, SeedEnsemble.of(models[:2], counterparty_check=models[2]).eval()


def test_counterparty_check_caps_only_the_flagged_pairs_and_survives_a_round_trip():
    models, ensemble = _checked_ensemble()
    assert ensemble.uses_parties and ensemble.config()["counterparty_check"] == models[2].config()
    rebuilt = build_map_model(**ensemble.config())
    rebuilt.load_state_dict(ensemble.state_dict())
    rebuilt.eval()
    (query,) = _tokens(6)
    padded, mask = pad(_tokens(5, 9, 7, 8, seed=1), 32)
    queries, query_mask = query[None].expand(4, -1, -1), torch.ones(4, 6, dtype=torch.bool)
    pieces = (torch.arange(24).reshape(4, 6, 1), torch.arange(36).reshape(4, 9, 1) % 7)
    query_party = torch.zeros(4, 6, 1, dtype=torch.long)
    query_party[:, 1] = 7  # every query names one party ...
    passage_party = torch.zeros(4, 9, 1, dtype=torch.long)
    passage_party[0, 2], passage_party[1, 2], passage_party[3, 4] = 8, 7, 8  # ... passages 0 and 3 its counterpart
    ids = (torch.cat([pieces[0], query_party], -1), torch.cat([pieces[1], passage_party], -1))
    with torch.no_grad():
        mean = torch.stack([model(queries, query_mask, padded, mask, ids=ids) for model in models[:2]]).mean(0)
        check = models[2](queries, query_mask, padded, mask, ids=ids)
        got = ensemble(queries, query_mask, padded, mask, ids=ids)
        again = rebuilt(queries, query_mask, padded, mask, ids=ids)
    flagged = torch.tensor([True, False, False, True])
    assert torch.allclose(got[~flagged], mean[~flagged], atol=1e-6)
    assert torch.allclose(got[flagged], torch.minimum(mean, check)[flagged], atol=1e-6)
    assert (check[flagged] < mean[flagged]).any() or (check[flagged] > mean[flagged]).any()
    assert torch.allclose(again, got, atol=1e-6)


def test_counterparty_check_reads_the_members_tags_plus_the_party_column():
    plain = {"name": "alignment", "embed_dim": 32, "width": 16, "heads": 2}
    with pytest.raises(ValueError, match="uses_token_ids"):
        SeedEnsemble([plain, plain], counterparty_check={**plain, "identity_features": True})
    ensemble = SeedEnsemble([plain, plain], counterparty_check=plain).eval()
    assert ensemble.uses_token_ids and ensemble.uses_parties and not ensemble.uses_roles
    (query,) = _tokens(6)
    padded, mask = pad(_tokens(5, seed=1), 32)
    with pytest.raises(ValueError, match="needs the token tags"):
        ensemble(query[None], torch.ones(1, 6, dtype=torch.bool), padded, mask)


def test_counterparty_check_reuses_the_members_description_without_changing_its_logit():
    """The check's own options match the members', so it reads their alignment and features for its rows."""
    models, ensemble = _checked_ensemble()
    (query,) = _tokens(6)
    padded, mask = pad(_tokens(5, 9, 7, seed=1), 32)
    queries, query_mask = query[None].expand(3, -1, -1), torch.ones(3, 6, dtype=torch.bool)
    party = torch.zeros(3, 9, 1, dtype=torch.long)
    party[0, 1], party[2, 3] = 8, 8
    ids = (
        torch.cat([torch.arange(18).reshape(3, 6, 1), torch.full((3, 6, 1), 7)], -1),
        torch.cat([torch.arange(27).reshape(3, 9, 1) % 7, party], -1),
    )
    calls = []
    ensemble.counterparty_check.register_forward_hook(
        lambda _, __, kwargs, out: calls.append(kwargs.get("description")), with_kwargs=True
    )
    with torch.no_grad():
        got = ensemble(queries, query_mask, padded, mask, ids=ids)
        rows = [0, 2]
        alone = models[2](queries[rows], query_mask[rows], padded[rows], mask[rows], ids=(ids[0][rows], ids[1][rows]))
        mean = torch.stack([model(queries, query_mask, padded, mask, ids=ids) for model in models[:2]]).mean(0)
    assert len(calls) == 1 and calls[0] is not None  # the ensemble handed it the members' description
    assert torch.allclose(got[rows], torch.minimum(mean[rows], alone), atol=1e-6)
