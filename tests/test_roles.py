"""Shallow grammatical roles: who does what to whom, as the map model's role features read it."""

from __future__ import annotations

import torch

from shared.generate.shallow import parse
from shared.map_models.alignment import _roles
from shared.roles import AGENT, PATIENT, ROLE_COLUMNS, VERB, role_tags, word_roles
from shared.similarity import pad_ids


def _by_word(text: str) -> dict[str, tuple[int, str | None]]:
    """word -> (role, partner word) for the words of a sentence without repeats."""
    tokens = parse(text)
    _, roles, partners, _ = word_roles(text)
    return {t.text: (r, tokens[p].text if p >= 0 else None) for t, r, p in zip(tokens, roles, partners)}


def test_a_role_swap_swaps_agent_and_patient():
    original = _by_word("The Licensee shall indemnify the Licensor.")
    swapped = _by_word("The Licensor shall indemnify the Licensee.")
    assert original["Licensee"] == (AGENT, "Licensor") and original["Licensor"] == (PATIENT, "Licensee")
    assert swapped["Licensee"] == (PATIENT, "Licensor") and swapped["Licensor"] == (AGENT, "Licensee")
    assert original["indemnify"] == (VERB, "Licensee")


def test_passive_voice_keeps_who_acts_on_whom():
    active = _by_word("The Licensee shall indemnify the Licensor.")
    passive = _by_word("The Licensor is indemnified by the Licensee.")
    assert passive["Licensee"] == active["Licensee"] and passive["Licensor"] == active["Licensor"]


def test_prepositions_tell_origin_from_destination():
    there = _by_word("Flights from Boston to Denver depart daily.")
    back = _by_word("Flights from Denver to Boston depart daily.")
    assert there["Boston"][0] == back["Denver"][0] != there["Denver"][0] == back["Boston"][0]


def test_each_clause_binds_its_own_object():
    roles = _by_word("Alice manages the budget and Bob manages the payroll.")
    assert roles["budget"] == (PATIENT, "Alice") and roles["payroll"] == (PATIENT, "Bob")


def test_role_rows_follow_word_pieces_and_point_at_the_partners_first_piece():
    from conftest import make_tiny_encoder

    tiny_encoder = make_tiny_encoder()
    text = "The Licensee shall indemnify the Licensor."
    tags = tiny_encoder.token_tags(text, roles=True)
    pieces = tiny_encoder.tokens(text)
    assert tags.shape == (len(pieces), 1 + ROLE_COLUMNS) and tags[:, 0].tolist() == tiny_encoder.token_ids(text)
    licensee, licensor = pieces.index("license"), pieces.index("li")  # license ##e, li ##cens ##or
    assert pieces[licensee + 1] == "##e" and tags[licensee, 1] == tags[licensee + 1, 1] == AGENT
    assert tags[licensee, 4] == tags[licensee + 1, 4] == licensor
    assert tags[licensor, 2] == tags[licensee, 3]  # the partner's word index, seen from either side
    assert role_tags("", []).shape == (0, ROLE_COLUMNS)


def test_role_features_flag_a_swapped_match_that_embeddings_cannot():
    """Alignment maps each party onto the same word either way; only its role in the passage differs."""

    def tags(text: str) -> torch.Tensor:
        spans, roles, partners, _ = word_roles(text)
        rows = [[0, r, w, p, p] for w, (r, p) in enumerate(zip(roles, partners))]  # one piece per word
        return torch.tensor(rows)

    query = pad_ids([tags("The Licensee shall indemnify the Licensor.")], fill=-1)
    same = pad_ids([tags("The Licensee shall indemnify the Licensor.")], fill=-2)
    swapped = pad_ids([tags("The Licensor shall indemnify the Licensee.")], fill=-2)
    best_at = torch.tensor([[0, 5, 2, 3, 4, 1, 6]])  # each word to the same word in the swapped passage
    identity = torch.arange(7)[None]
    has_role, same_role, has_partner, same_partner = _roles((query, same), identity)
    assert torch.equal(same_role, has_role) and torch.equal(same_partner, has_partner)
    _, swapped_role, _, swapped_partner = _roles((query, swapped), best_at)
    licensee = 1
    assert swapped_role[0, licensee] == 0 and same_role[0, licensee] == 1
    assert swapped_partner[0, licensee] == 1  # the Licensor is still its clause partner: the role says it


def test_a_verbs_s_form_after_a_party_is_read_as_the_verb():
    # The tagger alone reads "Licensor grants" as one plural noun phrase, leaving both parties agents.
    roles = _by_word("The Licensor grants the Licensee a licence.")
    assert roles["Licensor"] == (AGENT, "Licensee") and roles["Licensee"] == (PATIENT, "Licensor")
    assert roles["grants"] == (VERB, "Licensor")
    joined = _by_word("The board reviews the budget and the auditor checks the accounts.")
    assert joined["budget"] == (PATIENT, "board") and joined["accounts"] == (PATIENT, "auditor")


def test_plural_nouns_that_look_like_verbs_stay_nouns():
    tags = {t.text: t.tag for t in parse("Product returns are handled by the annual reports team.")}
    assert tags["returns"] == "NNS" and tags["reports"] == "NNS"
    assert _by_word("Product returns are handled by the retailer.")["returns"][0] == PATIENT


def test_a_party_named_by_a_gerund_keeps_its_role():
    # The tagger alone reads "receiving" in "the receiving party" as a verb, leaving the clause with no agent: every
    # non-disclosure agreement names its parties this way.
    roles = _by_word("The receiving party shall return the information to the owner.")
    assert roles["party"] == (AGENT, "information") and roles["information"] == (PATIENT, "party")
    tags = {t.text: t.tag for t in parse("The Licensor provides the hosting and the Licensee provides the support.")}
    assert tags["hosting"] == "NN"


def test_an_s_form_our_verb_table_lacks_is_read_as_the_verb_when_the_tagger_knows_its_stem():
    tags = {t.text: t.tag for t in parse("The morning shift restocks the bar.")}
    assert tags["restocks"] == "VBZ"
    roles = _by_word("The contractor replicates the data.")
    assert roles["contractor"] == (AGENT, "data") and roles["replicates"] == (VERB, "contractor")


def test_a_verb_after_a_plural_party_is_read_as_the_verb_when_an_object_or_particle_follows():
    # The tagger alone reads "sign" as a noun after "approvers", so the sentence has no verb and nobody signs.
    tags = {t.text: t.tag for t in parse("At least two approvers sign off payments above 10,000 EUR.")}
    assert tags["sign"] == "VBP"
    roles = _by_word("The tenants complete the form.")
    assert roles["tenants"] == (AGENT, "form") and roles["form"] == (PATIENT, "tenants")
    # A noun compound with the verb later keeps its nouns.
    assert {t.text: t.tag for t in parse("The sales charge rate is fixed.")}["charge"] == "NN"


def test_a_numbered_part_controls_what_follows_it():
    roles = _by_word("Valve V3 controls the cooling circuit.")
    assert roles["Valve"][0] == AGENT and roles["controls"][0] == VERB and roles["circuit"][0] == PATIENT
