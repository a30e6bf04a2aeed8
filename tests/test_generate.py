"""Behaviour of the data generator: every edit really does what its name says, positives keep
meaning, output is deterministic, splits never share a sentence, and loaders read the real data."""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import pytest

from shared.generate import add_generate_arguments, generate, run_generate
from shared.generate import domain, loaders
from shared.generate.build import _corpus_anchors, _shortened_near_miss
from shared.generate.headings import heading_for, with_heading
from shared.generate.moves import compass_wording, time_fronting
from shared.generate.negatives import EDITORS, binding, negation, numeric, quantifier, role_swap, scope, spatial, temporal
from shared.generate.positives import (
    claim, coordination, equivalent_wording, generalisation, question, reorder, synonym, verb_subset, voice, wh_question,
)
from shared.generate.shallow import main_clause, parse
from shared.generate.swaps import swap_options, word_swap
from shared.generate.split import SPLITS, in_split, split_of
from shared.pairs import NEGATIVE_EDITS, POSITIVE_EDITS, read_pairs
from shared.text import NUMBER_WORDS

DATA = loaders.DEFAULT_DATA_ROOT
needs_data = pytest.mark.skipif(not DATA.exists(), reason=f"real datasets not found at {DATA}")


def rng(seed: int = 0) -> random.Random:
    return random.Random(seed)


def words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower())


# ------------------------------------------------------------------ negatives


def test_parser_keeps_ordinals_and_decades_whole() -> None:
    """A split "117" + "th" tagged DT, or "2" + "nd" tagged CC, breaks every phrase around it."""
    tokens = parse("The 2nd battalion left on May 3rd in the 1970s, after 1,500.50 USD and 5% were paid.")
    words = {token.text: token.tag for token in tokens}
    assert words["2nd"] == words["3rd"] == "JJ"
    assert {"1970s", "1,500.50", "5%"} <= words.keys() and not {"nd", "rd", "th", "s"} & words.keys()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Licensor shall pay the Licensee a fee.", "The Licensor shall not pay the Licensee a fee."),
        ("The valve is open.", "The valve is not open."),
        ("The Company does not reimburse travel expenses.", "The Company reimburses travel expenses."),
        ("The tenant must not sublet the premises.", "The tenant must sublet the premises."),
        ("The Buyer pays the Seller.", "The Buyer does not pay the Seller."),
        ("No fee is payable.", "A fee is payable."),
        ("The pipe must never be opened.", "The pipe must always be opened."),
    ],
)
def test_negation_adds_or_removes_the_negator(sentence: str, expected: str) -> None:
    assert negation(sentence, rng()) == expected


def test_negation_of_must_is_a_prohibition_or_a_waiver() -> None:
    outputs = {negation("The tenant must notify the landlord.", rng(seed)) for seed in range(20)}
    assert outputs == {"The tenant must not notify the landlord.", "The tenant need not notify the landlord."}


def test_negation_declines_double_negatives() -> None:
    assert negation("The Seller shall deliver no later than 1 May 2024.", rng()) is None


def test_role_swap_exchanges_complementary_parties() -> None:
    out = role_swap("The Tenant must notify the Landlord in writing before the move-out date.", rng())
    assert out == "The Landlord must notify the Tenant in writing before the move-out date."


def test_role_swap_exchanges_subject_and_object_per_parser() -> None:
    sentence = "A man in a red shirt is kicking a brown dog."
    out = role_swap(sentence, rng())
    assert out == "A brown dog is kicking a man in a red shirt."
    before, after = main_clause(sentence), main_clause(out)
    assert before is not None and after is not None and after.obj is not None and before.obj is not None
    assert (after.subject.head.text, after.obj.head.text) == (before.obj.head.text, before.subject.head.text)


def test_role_swap_declines_coordination_and_symmetric_verbs() -> None:
    assert role_swap("The Buyer and the Seller shall each bear their own costs.", rng()) is None
    assert role_swap("The manager meets the auditor every week.", rng()) is None


def test_binding_rebinds_values_between_two_entities() -> None:
    out = binding("The 2023 invoice is paid and the 2024 invoice is overdue.", rng())
    assert out == "The 2024 invoice is paid and the 2023 invoice is overdue."
    out = binding("The basic plan costs 100 EUR and the premium plan costs 900 EUR.", rng(1))
    assert out is not None and sorted(re.findall(r"\d+", out)) == ["100", "900"] and out.index("900") < out.index("100")


def test_binding_declines_when_both_entities_share_one_predicate() -> None:
    assert binding("The 2023 and 2024 invoices are paid.", rng()) is None


def test_word_swap_trades_two_words_of_one_kind_between_phrases() -> None:
    text = "The tenant pays the deposit and the landlord keeps the keys."
    outs = {word_swap(text, rng(seed)) for seed in range(20)}
    assert "The landlord pays the deposit and the tenant keeps the keys." in outs
    assert "The tenant keeps the deposit and the landlord pays the keys." in outs
    assert all(out != text and sorted(words(out)) == sorted(words(text)) for out in outs)
    # a name is one word: "David Allan Coe" moves whole, never "David Haynes"
    assert word_swap("Warren Haynes joined the band of David Allan Coe in 1980.", rng()) == (
        "David Allan Coe joined the band of Warren Haynes in 1980."
    )
    # the sentence keeps its capital where it was
    assert word_swap("Reviews come with live sessions.", rng()) == "Sessions come with live reviews."


def test_word_swap_declines_what_would_mean_the_same() -> None:
    # items of one order-free list, a bare coordination, a symmetric predicate, one phrase
    assert swap_options("The Licensor, the Agent and the Broker shall sign the annual report.") == []
    assert word_swap("Anna married Tom in Paris in 2019.", rng()) is None
    text = "Protestant and Catholic tendencies divide the Anglican tradition."
    swapped = [{text[a:b] for a, b in option[:2]} for option in swap_options(text)]
    assert swapped and {"Protestant", "Catholic"} not in swapped
    assert word_swap("The annual report shall be signed.", rng()) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The relief valve is installed upstream of the pump.", "The relief valve is installed downstream of the pump."),
        ("Mount the filter above the fuse box.", "Mount the filter below the fuse box."),
        ("Store the cartridges inside the cabinet.", "Store the cartridges outside the cabinet."),
        ("Connect the earth cable on the left side of the housing.", "Connect the earth cable on the right side of the housing."),
    ],
)
def test_spatial_flips_the_relation(sentence: str, expected: str) -> None:
    assert spatial(sentence, rng()) == expected


def test_spatial_leaves_entitlements_and_numeric_bounds_alone() -> None:
    assert spatial("The Licensee has the right to terminate this Agreement.", rng()) is None
    assert spatial("Do not operate the unit above 40 °C.", rng()) is None


def test_temporal_flips_order_and_dates() -> None:
    assert temporal("Disconnect the power supply before opening the housing.", rng()) == (
        "Disconnect the power supply after opening the housing."
    )
    outs = {temporal("The term starts on 1 March 2024 and ends on 28 February 2025.", rng(s)) for s in range(10)}
    assert "The term starts on 28 February 2025 and ends on 1 March 2024." in outs
    assert temporal("The following terms apply: price and delivery.", rng()) is None
    # a deadline becomes an earliest time: the near-miss of its equivalent "no later than 30 days after receipt"
    deadline = "The Buyer shall pay each invoice within 30 days of receipt."
    assert temporal(deadline, rng()) == "The Buyer shall pay each invoice no earlier than 30 days after receipt."
    assert "no later than 30 days after receipt" in " ".join(all_rewrites(deadline) - {None})


def test_numeric_changes_a_value_unit_or_bound() -> None:
    sentence = "The Tenant shall pay 500 EUR within 30 days."
    for seed in range(15):
        out = numeric(sentence, rng(seed))
        assert out is not None and out != sentence
        assert re.findall(r"\d+", out) != ["500", "30"] or "EUR" not in out or "days" not in out
    assert numeric("The insurance cover is at least 2,000 USD.", rng(3)) in {
        "The insurance cover is at most 2,000 USD.",
        *(f"The insurance cover is at least {v} USD." for v in ("1,000", "4,000", "6,000", "3,000", "500", "20,000")),
        *(f"The insurance cover is at least 2,000 {u}." for u in ("EUR", "GBP", "CHF")),
    }


def test_numeric_keeps_words_and_figures_consistent() -> None:
    out = numeric("Notice must be given thirty (30) days in advance.", rng(0))
    assert out is not None
    match = re.search(r"([a-z-]+) \((\d+)\) days", out)
    assert match is not None and match.group(2) != "30"
    assert match.group(1) != "thirty"
    for seed in range(15):  # only the number words change, never the word before them ("given", "within")
        out = numeric("The Supplier shall deliver within thirty (30) days.", rng(seed))
        match = re.fullmatch(r"The Supplier shall deliver within ([a-z-]+) \((\d+)\) days\.", out or "")
        assert out is None or (match is not None and _spelled(match.group(1)) == int(match.group(2)) != 30)


def _spelled(word: str) -> int:
    """The value of "six" or "twenty-five"; KeyError for anything that is not a number word."""
    return sum(NUMBER_WORDS[part] for part in word.lower().split("-"))


def test_quantifier_changes_force_but_not_between_prohibitions() -> None:
    assert quantifier("Visitors must sign in at reception.", rng()) == "Visitors may sign in at reception."
    assert quantifier("All employees complete the training.", rng()) == "Some employees complete the training."
    # "shall not" and "may not" both forbid: swapping them would not change the meaning.
    assert quantifier("The Tenant shall not sublet the premises.", rng()) is None
    assert quantifier("Replace the filter every 500 hours.", rng()) is None


def test_scope_changes_exception_and_condition() -> None:
    assert scope("The warranty covers all parts except for consumables.", rng()) == (
        "The warranty covers all parts including consumables."
    )
    assert scope("The Seller may terminate this Agreement unless the Buyer pays.", rng()) == (
        "The Seller may terminate this Agreement if the Buyer pays."
    )
    assert scope("The Licensor grants a non-exclusive licence.", rng()) == "The Licensor grants an exclusive licence."


def test_every_editor_changes_text_or_declines() -> None:
    for doc in domain.documents(40, seed=3):
        for sentence in doc.sentences:
            for name, editor in EDITORS.items():
                out = editor(sentence, rng())
                assert out is None or out != sentence, (name, sentence)


# ------------------------------------------------------------------ positives


def test_voice_keeps_agent_and_patient() -> None:
    active = "The Contractor shall supervise the Subcontractor during the first 5 weeks."
    passive = voice(active)
    assert passive == "The Subcontractor shall be supervised by the Contractor during the first 5 weeks."
    a, p = main_clause(active), main_clause(passive)
    assert a is not None and p is not None and p.passive and p.agent is not None and a.obj is not None
    assert p.agent.head.text == a.subject.head.text and p.subject.head.text == a.obj.head.text
    assert voice(passive) == active


def test_voice_declines_when_roles_would_blur() -> None:
    assert voice("Every clerk signs a form.") is None  # quantifier scope
    assert voice("Drug possession is an arrestable offense.") is None  # copula
    assert voice("The circuit is protected by a fuse rated 12 A and the pump by a fuse rated 8 A.") is None


def test_reorder_moves_the_condition_both_ways() -> None:
    fronted = "If the Supplier fails to deliver, the Customer may terminate the agreement."
    trailing = "The Customer may terminate the agreement if the Supplier fails to deliver."
    assert reorder(fronted) == trailing
    assert reorder(trailing) == fronted
    assert reorder("Payment is due 30 days after the invoice date.") is None


def test_time_fronting_moves_a_time_phrase_both_ways_and_keeps_every_word() -> None:
    fronted = "Within 30 days of receipt, the Buyer shall pay the invoice."
    trailing = "The Buyer shall pay the invoice within 30 days of receipt."
    assert time_fronting(fronted) == trailing
    assert time_fronting(trailing) == fronted
    assert time_fronting("He became the government anthropologist in 1938.") == (
        "In 1938, he became the government anthropologist."
    )
    assert time_fronting("Snowdonia sent the message on 22 September 1918.") == "On 22 September 1918, Snowdonia sent the message."
    for sentence in (fronted, trailing):
        assert sorted(words(time_fronting(sentence))) == sorted(words(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Antonio finished first and became the third player to qualify in 2009.",  # which clause would it date?
        "The Buyer shall pay the invoices issued in 2023.",  # dates the invoices, not the paying
        "The invoice is due 30 days after the invoice date.",  # measures the period
        "After he left in 2019, the company failed.",  # a clause, not a phrase
        "At least 30 days before the renewal date, the Tenant must give notice.",  # not a plain time phrase
        "In the south end, Cook Pond is located east of the Taunton River.",  # a place: not plainly a time
        "The Tenant may terminate the lease on notice.",
        "In 2023, the Buyer paid the invoices issued by the Seller.",  # at the end it could date the issuing
    ],
)
def test_time_fronting_declines_where_the_phrase_could_attach_elsewhere(sentence: str) -> None:
    assert time_fronting(sentence) is None


def test_compass_wording_names_the_same_region_both_ways() -> None:
    adjective = "Abu Halifa is a small town in southern Kuwait."
    of_form = "Abu Halifa is a small town in the south of Kuwait."
    assert compass_wording(adjective) == of_form
    assert compass_wording(of_form) == adjective
    assert compass_wording("It lies in northeastern Oregon.") == "It lies in the northeast of Oregon."
    assert compass_wording("Northern Ireland is part of the United Kingdom.") is None  # a name, not a direction
    assert compass_wording("The plant is north of Paris.") is None  # outside Paris, not a part of it


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("The Licensee shall pay the Licensor, the Agent and the Broker within 30 days.", ["the Licensor", "the Agent", "the Broker"]),
        ("The Licensor and the Licensee shall share the costs.", ["The Licensor", "the Licensee"]),
        ("He worked with architects such as Francesco Grimaldi, Bartolomeo Picchiatti, and Giovan Di Conforto.",
         ["Francesco Grimaldi", "Bartolomeo Picchiatti", "Giovan Di Conforto"]),
    ],
)
def test_coordination_reorders_list_items_and_nothing_else(sentence: str, items: list[str]) -> None:
    rewritten = coordination(sentence, rng())
    assert rewritten is not None and rewritten != sentence
    found = sorted(item.lower() for item in items)
    pattern = r",? (?:and|or) |, "
    start = sentence.index(items[0])
    end = sentence.index(items[-1]) + len(items[-1])
    assert rewritten[:start].lower() == sentence[:start].lower() and rewritten.endswith(sentence[end:])
    moved = [part.lower() for part in re.split(pattern, rewritten[start : len(rewritten) - len(sentence[end:])])]
    assert sorted(moved) == found and moved != [item.lower() for item in items]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The tenant may not sublet or assign the lease.", ["sublet", "assign"]),
        ("No one was killed or poisoned as a result of the accident.", ["killed", "poisoned"]),
        ("The report is reviewed and approved by the Board.", ["reviewed", "approved"]),
        ("The Supplier warrants that the information is true, accurate and complete.", ["true", "accurate", "complete"]),
        ("Records must be stored in a secure and confidential manner.", ["secure", "confidential"]),
    ],
)
def test_coordination_reorders_listed_verbs_and_adjectives(sentence: str, words: list[str]) -> None:
    rewritten = coordination(sentence, rng())
    assert rewritten is not None and rewritten != sentence
    assert sorted(re.findall(r"\w+", rewritten)) == sorted(re.findall(r"\w+", sentence))
    positions = [rewritten.index(word) for word in words]
    assert positions != sorted(positions)  # the listed words moved, everything else stayed
    start, end = sentence.index(words[0]), sentence.index(words[-1]) + len(words[-1])
    assert rewritten[:start] == sentence[:start] and rewritten.endswith(sentence[end:])


@pytest.mark.parametrize(
    "sentence",
    [
        "The price is more or less fixed.",  # an idiom's order is fixed
        "She is tall and he is short.",  # two clauses
        "He opened the door and walked in.",  # a sequence of actions with their own objects
        "The buyer pays and the seller delivers.",
    ],
)
def test_coordination_leaves_idioms_and_clause_lists_alone(sentence: str) -> None:
    assert coordination(sentence, rng()) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "A man cuts bread and a woman eats.",  # two clauses, not a list
        "Alice and Bob pay Carol and Dave respectively.",  # order carries meaning
        "The fee rises from the base rate and the premium to the cap.",
        "A woman wearing a long dress and a man in a dark suit smile.",  # the modifier belongs to the last item
        "Both the Licensor and the Licensee sign the form.",
        "Bread and butter are served.",  # may be one dish
        "The internal licence costs 750 CHF and the external licence costs 500 CHF.",  # "costs" is the verb
    ],
)
def test_coordination_declines_where_order_or_grouping_is_uncertain(sentence: str) -> None:
    assert coordination(sentence, rng()) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Licensee shall indemnify, defend and hold harmless the Licensor from any claim.", {
            "The Licensee shall indemnify the Licensor from any claim.",
            "The Licensee shall defend the Licensor from any claim.",
            "The Licensee shall hold harmless the Licensor from any claim.",
        }),
        ("The finance director reviews and approves all purchase orders above 500 EUR.", {
            "The finance director reviews all purchase orders above 500 EUR.",
            "The finance director approves all purchase orders above 500 EUR.",
        }),
        ("Inspect, clean and lubricate the drive motor every 500 hours.", {
            "Inspect the drive motor every 500 hours.", "Clean the drive motor every 500 hours.",
            "Lubricate the drive motor every 500 hours.",
        }),
    ],
)
def test_verb_subset_keeps_one_verb_of_a_list_that_shares_its_object(sentence: str, expected: set[str]) -> None:
    assert {verb_subset(sentence, rng(seed)) for seed in range(12)} == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Licensee shall not indemnify and defend the Licensor.",  # under negation the list is not a conjunction
        "The Buyer shall inspect or reject the goods.",  # a choice, not two obligations
        "A man sits and reads a book.",  # "sits" has no object to share
        "The Seller pays and the Buyer delivers the goods.",  # two clauses
        "The pump starts and stops.",  # no shared object
        "If the goods are defective, the Seller shall repair and replace them.",  # a condition
    ],
)
def test_verb_subset_declines_where_dropping_a_verb_could_change_the_claim(sentence: str) -> None:
    assert verb_subset(sentence, rng()) is None


def test_generalisation_names_one_thing_more_generally_and_fixes_the_article() -> None:
    assert generalisation("An apple is on the table.", rng()) == "A fruit is on the table."
    assert generalisation("The Supplier shall replace the coolant pump within 10 days.", rng()) == (
        "The Supplier shall replace the pump within 10 days."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "No man is playing a guitar.",  # "no person" says more than "no man"
        "Every dog must be kept on a lead.",
        "The Licensee shall not disclose confidential information.",
        "Only the coolant pump may be replaced.",
        "If the car is damaged, the Lessee pays.",
    ],
)
def test_generalisation_declines_where_the_general_word_says_more(sentence: str) -> None:
    assert generalisation(sentence, rng()) is None


def all_rewrites(sentence: str) -> set[str | None]:
    return {equivalent_wording(sentence, rng(seed)) for seed in range(40)}


@pytest.mark.parametrize(
    ("sentence", "rewrites"),
    [
        (
            "Personal data must be deleted within 90 days after the account is closed.",
            {"Personal data must be deleted no later than 90 days after the account is closed."},
        ),
        (
            "Notify the Buyer no later than 5 business days after delivery.",
            {"Notify the Buyer not later than 5 business days after delivery.",
             "Notify the Buyer within 5 business days after delivery."},
        ),
        (
            "The Tenant may not sublet without the prior written consent of the Landlord.",
            {"The Tenant may not sublet without the Landlord's prior written consent."},
        ),
        ("The Landlord's consent is required.", {"The consent of the Landlord is required."}),
        (
            "Passwords have at least 12 characters.",
            {"Passwords have no less than 12 characters.", "Passwords have not less than 12 characters.",
             "Passwords have a minimum of 12 characters."},
        ),
        ("The fee does not exceed EUR 500.", {"The fee is at most EUR 500."}),
        ("If the Buyer fails to pay, the Seller may stop.", {"If the Buyer does not pay, the Seller may stop."}),
        ("Staff are not permitted to smoke.", {"Staff may not smoke."}),
        (
            "The Seller shall hold the Buyer harmless against any claim.",
            {"The Seller must hold the Buyer harmless against any claim.",
             "The Seller shall hold the Buyer harmless from any claim.",
             "The Seller shall hold the Buyer harmless from and against any claim."},
        ),
    ],
)
def test_equivalent_wording_says_the_same_often_with_a_not_on_one_side(sentence: str, rewrites: set[str]) -> None:
    assert all_rewrites(sentence) == rewrites


@pytest.mark.parametrize(
    "sentence",
    [
        "Inspect the filter at least once a month.",  # a bound on a frequency, not on an amount: "a minimum of once"
        "The consent of the Landlord and the Tenant is needed.",  # the owner is both parties
        "The Seller delivers within the territory.",
        "The Buyer does not pay the Seller.",  # "does not" is not always a failure to do something
        "Protect the pump from frost.",  # a thing protected from a hazard, not a party indemnified against a claim
    ],
)
def test_equivalent_wording_declines_where_no_equivalent_is_safe(sentence: str) -> None:
    assert all_rewrites(sentence) == {None}


def test_question_asks_what_the_sentence_states() -> None:
    sentence = "The Tenant must notify the Landlord in writing."
    asked = question(sentence, rng())
    assert asked == "Must the Tenant notify the Landlord in writing?"
    assert set(words(sentence)) == set(words(asked))
    assert question("The Buyer pays the Seller before delivery.", rng()) == "Does the Buyer pay the Seller before delivery?"
    assert wh_question(sentence) == "Who must notify the Landlord in writing?"
    # "hires" read as a verb: no question is better than "Who hires, interns and staff must ...?"
    mistagged = "New hires, interns and staff must complete safety training before their first shift."
    assert question(mistagged, rng()) is None and wh_question(mistagged) is None


def test_claim_is_an_entailed_prefix_and_avoids_downward_contexts() -> None:
    sentence = "The Contractor shall maintain the equipment in good working order."
    assert claim(sentence, rng()) == "The Contractor shall maintain the equipment."
    assert claim("The tenant must not disclose the code to third parties.", rng()) is None
    assert claim("Only employees may access the server after hours.", rng()) is None


def test_synonym_never_reuses_a_word_already_naming_something_else() -> None:
    assert synonym("The Purchaser shall terminate the lease.", rng(0)) in {
        "The Buyer shall terminate the lease.", "The Purchaser shall end the lease."}
    assert synonym("The Purchaser and the Buyer sign.", rng()) is None


# ------------------------------------------------------------------ domain text, determinism, splits


def test_domain_text_is_varied_and_deterministic() -> None:
    first, again, other = domain.documents(30, seed=7), domain.documents(30, seed=7), domain.documents(30, seed=8)
    assert first == again and first != other
    sentences = [s for doc in domain.documents(300, seed=1) for s in doc.sentences]
    assert len(set(sentences)) > 0.75 * len(sentences)  # a few fixed safety clauses recur
    assert domain.frame_count() >= 60


def test_headings_name_the_clause_topic_and_leave_the_clause_intact() -> None:
    clause = "The Licensee shall indemnify the Licensor against all claims."
    titles = {heading_for(clause, rng(seed)).upper() for seed in range(30)}
    assert all("INDEMN" in title for title in titles)
    headed = with_heading(clause, clause, rng())
    assert headed.endswith(" " + clause) and headed != clause
    assert heading_for("The sky is blue.", rng()).rstrip(".").split()[-1] in {"provisions", "Scope", "parties", "Definitions", "Miscellaneous", "PROVISIONS", "SCOPE", "PARTIES", "DEFINITIONS", "MISCELLANEOUS"}


def _domain_pairs(folder: Path, **options) -> list:
    """The same 3,000 pairs from our clauses (seed 3), with the given generator options."""
    out = folder / "pairs.jsonl"
    generate(["domain"], out, n_domain=3000, seed=3, split="train", progress=False, **options)
    return read_pairs(out)


@pytest.fixture(scope="module")
def plain_domain_pairs(tmp_path_factory: pytest.TempPathFactory) -> list:
    return _domain_pairs(tmp_path_factory.mktemp("plain"))


def test_headed_passages_do_not_reveal_the_label(tmp_path: Path) -> None:
    """Headings go on positives and negatives alike, so a heading is no shortcut to the label."""
    pairs = _domain_pairs(tmp_path, heading_share=0.3)
    headed = [p for p in pairs if re.match(r"(Section |Article |\d+\.\d |[A-Z][A-Z -]{3,}\. )", p.passage)]
    assert 0.15 < len(headed) / len(pairs) < 0.45
    assert 0.35 < sum(p.label for p in headed) / len(headed) < 0.65


def test_shortened_near_misses_keep_the_edit_inside_the_claim() -> None:
    anchor = "The Licensee shall indemnify the Licensor against all third-party claims arising from use of the Software."
    swapped = role_swap(anchor, rng())
    query, passage = _shortened_near_miss(anchor, swapped, rng())
    assert len(query) < len(passage) and {query.split()[1], passage.split()[1]} == {"Licensee", "Licensor"}
    assert query[:-1] not in passage
    # an edit outside what the claim keeps ("before ... starts" -> "ends") would make a true claim: declined
    anchor = "The pump feeds the upper tank through valve V2 before the night shift starts."
    assert _shortened_near_miss(anchor, anchor.replace("starts", "ends"), rng()) is None


def _shortens_the_passage(pair) -> bool:
    """The query restates most of one passage sentence's words but is at least three words shorter."""
    query = set(pair.query.rstrip(".").split())
    sentences = [set(s.rstrip(".").split()) for s in re.split(r"(?<=\.) ", pair.passage)]
    best = max(sentences, key=lambda s: len(query & s))
    return "?" not in pair.query and len(best) >= len(query) + 3 and len(query & best) >= 0.8 * len(query)


def test_claim_negatives_make_short_queries_no_shortcut_to_accept(tmp_path: Path, plain_domain_pairs: list) -> None:
    share_positive = {}
    for name, pairs in (("plain", plain_domain_pairs), ("mixed", _domain_pairs(tmp_path, claim_negative_share=1.0))):
        labels = [p.label for p in pairs if _shortens_the_passage(p)]
        share_positive[name] = sum(labels) / len(labels)
    assert share_positive["plain"] > 0.75 and 0.4 < share_positive["mixed"] < 0.65, share_positive
    with pytest.raises(ValueError, match="claim_negative_share"):
        generate(["domain"], tmp_path / "bad.jsonl", n_domain=10, seed=3, split="train", progress=False, claim_negative_share=1.5)


def test_rewritten_positives_let_true_pairs_differ_in_two_ways(tmp_path: Path, plain_domain_pairs: list) -> None:
    """A claim or question against its clause reworded (voice, synonyms): words missing on the query's side too."""
    styles = {"claim", "conjunct", "question", "verb_subset", "generalisation"}
    share = {}
    for name, pairs in (("plain", plain_domain_pairs), ("mixed", _domain_pairs(tmp_path, rewritten_positive_share=1.0))):
        claims = [p for p in pairs if p.label == 1 and p.edit_type in styles]
        share[name] = sum(bool(set(words(p.query)) - set(words(p.passage))) for p in claims) / len(claims)
    assert share["plain"] < 0.15 and share["mixed"] > 0.3, share
    with pytest.raises(ValueError, match="rewritten_positive_share"):
        generate(["domain"], tmp_path / "bad.jsonl", n_domain=10, seed=3, split="train", progress=False, rewritten_positive_share=2.0)


def test_generate_is_deterministic_and_covers_every_negative_type(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    counts = generate(["domain"], a, n_domain=600, seed=5, split="train", progress=False)
    generate(["domain"], b, n_domain=600, seed=5, split="train", progress=False)
    generate(["domain"], c, n_domain=600, seed=6, split="train", progress=False)
    assert a.read_bytes() == b.read_bytes() and a.read_bytes() != c.read_bytes()
    pairs = read_pairs(a)
    assert sum(counts.values()) == len(pairs)
    structural = [n for n in NEGATIVE_EDITS if n not in ("paraphrase_adversarial", "word_swap")]  # real data only
    assert all(counts.get(name, 0) > 0 for name in structural), counts
    assert {p.edit_type for p in pairs} <= set(NEGATIVE_EDITS) | set(POSITIVE_EDITS)
    assert all((p.label == 1) == (p.edit_type in POSITIVE_EDITS) for p in pairs)
    positives = sum(p.label for p in pairs)
    assert 0.4 < positives / len(pairs) < 0.6


def test_split_is_deterministic_and_roughly_80_10_10() -> None:
    texts = [f"clause number {i}" for i in range(5000)]
    assignments = [split_of(t) for t in texts]
    assert assignments == [split_of(t) for t in texts]
    assert split_of("The Buyer pays.") == split_of("the  buyer PAYS.")
    share = {name: assignments.count(name) / len(texts) for name in SPLITS}
    assert 0.77 < share["train"] < 0.83 and 0.08 < share["dev"] < 0.12
    assert in_split(["x"], None) and not in_split([t for t in texts[:50]], "dev")


def test_splits_never_share_an_anchor_sentence(tmp_path: Path) -> None:
    sentences: dict[str, set[str]] = {}
    for split in ("train", "dev"):
        generate(["domain"], tmp_path / f"{split}.jsonl", n_domain=400, seed=1, split=split, progress=False)
        texts = set()
        for pair in read_pairs(tmp_path / f"{split}.jsonl"):
            if pair.label == 1 and pair.edit_type == "identity":
                texts.add(pair.query)
        sentences[split] = texts
        assert all(split_of(t) == split for t in texts)
    assert sentences["train"] and sentences["dev"] and not sentences["train"] & sentences["dev"]


def test_cli_hooks(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    add_generate_arguments(parser)
    out = tmp_path / "cli.jsonl"
    args = parser.parse_args(["--out", str(out), "--sources", "domain", "--n-domain", "100", "--no-progress"])
    assert run_generate(args) == 0 and len(read_pairs(out)) > 50
    bad = parser.parse_args(["--out", str(out), "--sources", "nope", "--no-progress"])
    assert run_generate(bad) == 2


# ------------------------------------------------------------------ loaders


def test_loaders_say_where_missing_data_was_expected(tmp_path: Path) -> None:
    for name, (load, _) in loaders.LOADERS.items():
        with pytest.raises(FileNotFoundError, match=re.escape(str(tmp_path))):
            load(tmp_path)


@needs_data
@pytest.mark.parametrize("name", sorted(loaders.LOADERS))
def test_loaders_on_real_data(name: str) -> None:
    load, trainable = loaders.LOADERS[name]
    pairs = load(DATA)
    # NaN-NLI is 258 hand-written pairs, 44 neutral; GLUE's diagnostic contradictions are 77 pairs, both ways
    assert len(pairs) > {"nan_nli": 200, "glue_diagnostic": 150}.get(name, 1000)
    assert {p.edit_type for p in pairs} <= set(NEGATIVE_EDITS) | set(POSITIVE_EDITS)
    assert all(p.label in (0, 1) and p.query and p.passage and p.query != p.passage for p in pairs)
    assert trainable == (name not in {"sick", "nan_nli", "glue_diagnostic"})  # the data README's evaluation-only licences
    dev = load(DATA, "dev")
    assert 0 < len(dev) < len(pairs) * 0.2


@needs_data
def test_paws_labels_and_detokenisation() -> None:
    pairs = loaders.load_paws(DATA)
    assert 7990 <= len(pairs) <= 8000 and 3530 <= sum(p.label for p in pairs) <= 3539  # identical pairs dropped
    assert not any(" ," in p.query or " ." in p.passage for p in pairs)


@needs_data
def test_corpus_anchors_edit_paws_sentences_of_their_own_split_only() -> None:
    def sentences(split: str) -> set[str]:
        return {text for pair in loaders.load_paws(DATA, split) for text in (pair.query, pair.passage)}

    train = {anchor for anchor, _ in _corpus_anchors(DATA, "train", rng())}
    assert len(train & sentences("train")) > 1000
    assert not train & (sentences("test") | sentences("dev"))


@needs_data
def test_word_swaps_source_pairs_real_sentences_with_their_swaps(tmp_path: Path) -> None:
    counts = generate(["word_swaps"], tmp_path / "swaps.jsonl", n_domain=600, seed=2, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "swaps.jsonl")
    negatives = [p for p in pairs if p.label == 0]
    assert counts["word_swap"] == len(negatives) == len(pairs) // 2 > 50
    assert {p.edit_type for p in pairs if p.label == 1} <= set(POSITIVE_EDITS)
    # most near-misses keep every word of their passage: only the places of two changed
    same_words = [p for p in negatives if sorted(words(p.query)) == sorted(words(p.passage))]
    assert len(same_words) > len(negatives) / 3


@needs_data
def test_phrase_moves_source_pairs_each_moved_phrase_with_a_word_swap_of_the_same_sentence(tmp_path: Path) -> None:
    counts = generate(["phrase_moves"], tmp_path / "moves.jsonl", n_domain=45000, seed=2, split="dev", progress=False)
    pairs = read_pairs(tmp_path / "moves.jsonl")
    positives = [p for p in pairs if p.label == 1]
    assert counts["word_swap"] == len(pairs) - len(positives) == len(positives) > 20
    assert {p.edit_type for p in positives} == {"time_fronting", "compass_wording"}
    assert {p.source for p in pairs} == {"phrase_moves"}
    # each true pair and its near-miss come from one sentence: the swap's passage is the moved pair's original
    originals = {p.passage for p in pairs if p.label == 0}
    assert sum(p.passage in originals or p.query in originals for p in positives) == len(positives)


@needs_data
def test_condaqa_pairs_differ_in_one_sentence_only() -> None:
    pairs = loaders.load_condaqa(DATA)
    assert {p.edit_type for p in pairs} == {"paraphrase", "negation"}
    assert all(p.label == (p.edit_type == "paraphrase") for p in pairs)
    assert all(len(p.passage) < 800 for p in pairs)


@needs_data
def test_condaqa_questions_pair_each_question_with_its_paragraph_and_another() -> None:
    pairs = loaders.load_condaqa_questions(DATA)
    positives = [p for p in pairs if p.label == 1]
    negatives = [p for p in pairs if p.label == 0]
    assert len(positives) == len(negatives) > 5000
    assert all(p.edit_type == "question" and p.query.endswith("?") for p in positives[:500])
    assert {p.edit_type for p in negatives} == {"topical"}
    assert {p.query for p in negatives} == {p.query for p in positives}
    own = {(p.query, p.passage) for p in positives}
    assert not any((p.query, p.passage) in own for p in negatives)
    # the split follows the paragraph: no paragraph is in two splits
    train = {p.passage for p in loaders.load_condaqa_questions(DATA, "train")}
    test = {p.passage for p in loaders.load_condaqa_questions(DATA, "test") if p.label == 1}
    assert train and test and not train & test


def _reworded(pair) -> bool:
    """At least two of the query's words are nowhere in the passage: more than a swap, insertion or substitution."""
    words = lambda text: set(re.findall(r"[a-z0-9]+", text.lower()))  # noqa: E731
    return len(words(pair.query) - words(pair.passage)) >= 2


def test_rewritten_negatives_are_not_always_worded_like_their_passage(tmp_path: Path, plain_domain_pairs: list) -> None:
    share = {}
    for name, pairs in (("plain", plain_domain_pairs), ("mixed", _domain_pairs(tmp_path, rewritten_negative_share=1.0))):
        near_misses = [p for p in pairs if p.label == 0 and p.edit_type != "topical"]
        share[name] = sum(map(_reworded, near_misses)) / len(near_misses)
    assert share["plain"] < 0.2 and share["mixed"] > 0.3, share
    with pytest.raises(ValueError, match="rewritten_negative_share"):
        generate(["domain"], tmp_path / "bad.jsonl", n_domain=10, seed=3, split="train", progress=False, rewritten_negative_share=-0.1)


@pytest.mark.parametrize("source", ["sick", "nan_nli", "glue_diagnostic"])
def test_evaluation_only_sources_cannot_build_a_training_split(source: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=f"{source} may not train.*--split all"):
        generate([source], tmp_path / "train.jsonl", n_domain=0, seed=0, split="train", progress=False)
    assert not (tmp_path / "train.jsonl").exists()
