"""Section headings in front of our clause passages, as contracts, policies and manuals have them.

Why: a heading usually repeats the clause's key word in another form ("Section 9.1 Indemnification.
The Licensor shall indemnify the Licensee ..."). That extra, out-of-order match is where a verifier
trained on bare sentences loses track of who does what: the query's "indemnify" aligns to the heading
and the role swap after it looks in order. The heading is drawn from the anchor sentence, never from
the edit, and goes on positives and negatives alike, so it carries no label.
"""

from __future__ import annotations

import random
import re

#: (pattern over the clause, headings a drafter would give it); the first pattern that matches wins.
_TOPICS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), headings)
    for pattern, headings in (
        (r"indemnif", ("Indemnification", "Indemnity", "Indemnities")),
        (r"terminat", ("Termination", "Term and termination", "Termination rights")),
        (r"confidential|disclos", ("Confidentiality", "Confidential information", "Non-disclosure")),
        (r"royalt|licen[cs]e", ("Licence grant", "Royalties", "Licensing")),
        (r"warrant", ("Warranty", "Warranties", "Limited warranty")),
        (r"assign", ("Assignment", "Assignment and transfer")),
        (r"insur", ("Insurance", "Insurance cover")),
        (r"deliver|ship", ("Delivery", "Shipping and delivery", "Delivery terms")),
        (r"invoice|pay|price|fee|salary|interest|cost", ("Payment terms", "Payment", "Fees and payment", "Prices")),
        (r"notif|notice", ("Notices", "Notice period")),
        (r"record|audit", ("Records and audit", "Audit rights")),
        (r"data|password|encrypt|security|incident", ("Data protection", "Information security", "Security incidents")),
        (r"expense|reimburs|gift", ("Expenses", "Gifts and hospitality", "Travel and expenses")),
        (r"leave|overtime|home|hours", ("Working time", "Leave", "Remote work")),
        (r"visitor|access|badge|sign in", ("Site access", "Visitors", "Access control")),
        (r"training|employee|staff|contractor", ("Staff obligations", "Training", "Conduct")),
        (r"mount|install|connect", ("Installation", "Mounting", "Electrical connection")),
        (r"torque|bolt|tighten", ("Torque settings", "Assembly")),
        (r"pressure|temperature|°C|bar\b", ("Operating limits", "Safety limits", "Operating conditions")),
        (r"replace|inspect|calibrat|check", ("Maintenance", "Inspection", "Service intervals")),
        (r"valve|pump|filter|sensor|motor|unit|fuse|circuit|LED", ("Components", "System overview", "Operation")),
    )
)
_FALLBACK = ("General provisions", "Scope", "Obligations of the parties", "Definitions", "Miscellaneous")


#: How drafters number and set headings; ``{title_upper}`` is the all-capitals style.
_STYLES = ("Section {section}.{clause} {title}.", "{section}.{clause} {title}.", "Article {section} – {title}.",
           "{title_upper}.", "{title}.")


def heading_for(sentence: str, rng: random.Random) -> str:
    """A numbered heading in one of the usual styles, on the topic of ``sentence``."""
    options = next((headings for pattern, headings in _TOPICS if pattern.search(sentence)), _FALLBACK)
    title = rng.choice(options)
    section, clause = rng.randint(1, 20), rng.randint(1, 9)
    return rng.choice(_STYLES).format(section=section, clause=clause, title=title, title_upper=title.upper())


def with_heading(passage: str, anchor: str, rng: random.Random) -> str:
    """``passage`` under a heading for ``anchor`` (the unedited sentence, so both labels get the same one)."""
    return f"{heading_for(anchor, rng)} {passage}"
