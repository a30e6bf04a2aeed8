"""A clause's party replaced by its counterpart changes who is bound; its rewording keeps it (checked on examples
written for these tests)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from conftest import pairs_by_anchor
from shared.generate import generate
from shared.generate.counterparty_swaps import counterparty_pairs
from shared.generate.negatives import counterparty
from shared.pairs import read_pairs


def test_the_one_party_a_clause_names_is_replaced_by_its_counterpart_everywhere() -> None:
    assert counterparty("The tenant insures the building.") == "The landlord insures the building."
    assert counterparty("The building is insured by the tenant.") == "The building is insured by the landlord."
    assert counterparty("The Buyer shall inspect the goods before the Buyer signs.") == (
        "The Seller shall inspect the goods before the Seller signs."
    )
    assert counterparty("Tenants must not sublet the flat.") == "Landlords must not sublet the flat."
    assert counterparty("The Service Provider shall keep backups.") == "The Client shall keep backups."


def test_clauses_naming_both_parties_or_none_are_left_to_the_role_swap() -> None:
    assert counterparty("The Licensee shall pay the Licensor.") is None  # both named: a swap, not a substitution
    assert counterparty("The auditor reviews the accounts every year.") is None


def test_each_clause_gives_its_rewording_as_true_and_that_rewording_with_the_counterpart_as_false() -> None:
    anchors = [("The tenant insures the building.", []), ("The Supplier shall replace defective parts.", [])]
    pairs = counterparty_pairs(anchors, 10, random.Random(0), progress=False)
    assert pairs_by_anchor(pairs, anchors) == {
        "The tenant insures the building.": {
            ("The building is insured by the tenant.", 1, "voice"),
            ("The building is insured by the landlord.", 0, "role_swap"),
        },
        "The Supplier shall replace defective parts.": {
            ("Defective parts shall be replaced by the Supplier.", 1, "voice"),
            ("Defective parts shall be replaced by the Customer.", 0, "role_swap"),
        },
    }


def test_the_source_balances_true_and_false_pairs(tmp_path: Path) -> None:
    generate(["counterparty_swaps"], tmp_path / "counterparty.jsonl", n_domain=900, seed=1, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "counterparty.jsonl")
    assert len(pairs) > 60 and Counter(p.label for p in pairs)[0] == len(pairs) // 2
    assert {p.edit_type for p in pairs if p.label == 0} == {"role_swap"}
