"""Synthetic contract, policy, compliance and technical-manual text, written from templates.

Why our own text: the held-out sets the verifier is judged on are clauses from contracts,
policies and manuals, and the public near-miss corpora are mostly image captions and Wikipedia.
Each template is a clause *frame*; slots are filled with parties, objects, amounts, durations,
dates, places and conditions, so the structural edits meet the same constructions they will see
in users' documents. Deterministic for a given seed: the same ``random.Random`` yields the same text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

ROLE_PAIRS = (
    ("Licensor", "Licensee"), ("Buyer", "Seller"), ("Landlord", "Tenant"), ("Employer", "Employee"),
    ("Lender", "Borrower"), ("Lessor", "Lessee"), ("Supplier", "Customer"), ("Franchisor", "Franchisee"),
    ("Service Provider", "Client"), ("Contractor", "Subcontractor"), ("Disclosing Party", "Receiving Party"),
    ("Vendor", "Purchaser"), ("Insurer", "Insured"), ("Assignor", "Assignee"), ("Manufacturer", "Distributor"),
)
_PREFIX = "Acme Northwind Helios Bluewater Kestrel Orion Meridian Vantage Granite Silverline Redwood Atlas Pioneer Summit Harbor Cobalt Evergreen Lumen Falcon Juniper Alder Corvus Tamarind Quill Sable Brightwater Ironbridge Westfield Oakmont Larkspur".split()
_SECTOR = "Logistics Systems Foods Health Energy Capital Robotics Textiles Pharma Analytics Holdings Software Engineering Retail Metals Media Biotech Freight Labs Utilities".split()
_SUFFIX = ["Ltd", "Inc.", "GmbH", "LLC", "plc", "S.A.", "B.V.", "AG"]
_FIRST = "Anna Ben Carla David Elena Farid Grace Hiro Ines Jonas Kemi Liam Maya Nikhil Olga Pedro Quinn Rosa Sami Tara Uma Victor Wen Yusuf Zoe".split()
_LAST = "Adler Brooks Costa Dubois Eriksen Fischer Garcia Haddad Ito Jansen Kowalski Lindqvist Moreau Novak Okafor Petrov Quinlan Rossi Singh Tanaka Usman Varga Weber Yilmaz Zhou".split()
_CITIES = "Rotterdam Lyon Leeds Porto Gdansk Bilbao Graz Aarhus Turin Cork Ghent Brno Malmo Tampere Basel Nantes".split()
_CURRENCIES = ["EUR", "USD", "GBP", "CHF"]
_GOODS = ["the goods", "the equipment", "the spare parts", "the software", "the licensed materials", "the samples",
          "the raw materials", "the finished products", "the pallets", "the replacement units", "the medical devices"]
_DOCS = ["a valid invoice", "the purchase order", "the delivery note", "the monthly statement", "the audit report",
         "the signed acceptance certificate", "the quarterly report"]
_EVENTS = ["the end of the term", "the renewal date", "the scheduled delivery date", "any price change",
           "the start of the audit", "the planned maintenance window", "the move-out date", "the closing date"]
_CONDITIONS = ["the {b} fails to pay any amount when due", "the {b} commits a material breach of this Agreement",
               "the {b} becomes insolvent", "the {b} breaches its confidentiality obligations",
               "the delivery is delayed by more than {n} days", "a change of control of the {b} occurs",
               "the {b} does not remedy a breach within {n} days of notice"]
_AREAS = ["the server room", "the laboratory", "the warehouse", "the clean room", "the archive", "the loading bay",
          "the production floor", "the data centre", "the control room"]
_PARTS = ["pressure relief valve", "coolant pump", "air filter", "control unit", "heat exchanger", "inlet valve",
          "drive motor", "fuse box", "flow sensor", "backup battery", "drain pipe", "expansion tank", "fan module"]
_CABLES = ["earth cable", "signal cable", "power lead", "sensor cable", "network cable"]
_SIDES = ["left", "right"]
_ATTRS = [("red", "blue"), ("green", "amber"), ("primary", "secondary"), ("upper", "lower"), ("internal", "external"),
          ("daily", "weekly"), ("annual", "quarterly"), ("short-term", "long-term"), ("domestic", "foreign"),
          ("senior", "junior"), ("temporary", "permanent")]
_STATES = [("paid", "overdue"), ("approved", "rejected"), ("active", "suspended"), ("open", "closed"),
           ("encrypted", "unencrypted"), ("insured", "uninsured"), ("signed", "unsigned")]
_ITEMS = ["invoice", "contract", "account", "licence", "claim", "shipment", "policy", "work order", "purchase order"]
_MONTHS = "January February March April May June July August September October November December".split()
_DIRECTIONS = [("north", "south"), ("east", "west")]
_STAFF = ["employees", "contractors", "visitors", "managers", "new hires", "temporary staff", "engineers", "interns"]
_OFFICERS = ["the compliance officer", "the data protection officer", "the line manager", "the finance director",
             "the safety officer", "the head of procurement", "the works council"]


@dataclass(frozen=True)
class Document:
    """A few clauses sharing parties and topic: passages are cut from one document."""

    genre: str
    sentences: tuple[str, ...]


class _Slots:
    """Draws slot values for one document so every clause in it talks about the same parties."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.a, self.b = rng.choice(ROLE_PAIRS)
        if rng.random() < 0.5:
            self.a, self.b = self.b, self.a
        self.company = f"{rng.choice(_PREFIX)} {rng.choice(_SECTOR)} {rng.choice(_SUFFIX)}"
        self.currency = rng.choice(_CURRENCIES)

    def n(self, low: int = 2, high: int = 90) -> int:
        return self.rng.randint(low, high)

    def money(self) -> str:
        amount = self.rng.choice([50, 75, 100, 250, 500, 750, 1000, 1500, 2500, 5000, 10000, 25000, 50000, 120000])
        return f"{amount:,} {self.currency}" if self.rng.random() < 0.7 else f"{self.currency} {amount:,}"

    def days(self) -> str:
        n = self.rng.choice([5, 7, 10, 14, 15, 21, 30, 45, 60, 90])
        return f"{n} {self.rng.choice(['days', 'business days', 'calendar days'])}"

    def date(self) -> str:
        day, month, year = self.rng.randint(1, 28), self.rng.choice(_MONTHS), self.rng.randint(2023, 2027)
        return f"{day} {month} {year}" if self.rng.random() < 0.7 else f"{month} {day}, {year}"

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def some(self, options: list[str], k: int) -> list[str]:
        """``k`` different values: "the pump stops the pump" is not a clause anyone writes."""
        return self.rng.sample(options, k)

    def two(self, options: list[str]) -> tuple[str, str]:
        first, second = self.some(options, 2)
        return first, second

    def period(self) -> tuple[str, str]:
        """A start and a later end date."""
        year = self.rng.randint(2023, 2027)
        start = f"{self.rng.randint(1, 28)} {self.rng.choice(_MONTHS)} {year}"
        end = f"{self.rng.randint(1, 28)} {self.rng.choice(_MONTHS)} {year + self.rng.randint(1, 3)}"
        return start, end

    def condition(self) -> str:
        return self.pick(_CONDITIONS).format(b=self.b, n=self.n(5, 60))


Frame = Callable[[_Slots], str]

_CONTRACT: list[Frame] = [
    lambda s: f"The {s.a} shall pay the {s.b} {s.money()} within {s.days()} of receipt of {s.pick(_DOCS)}.",
    lambda s: f"The {s.a} must notify the {s.b} in writing at least {s.n(10, 120)} days before {s.pick(_EVENTS)}.",
    lambda s: f"If {s.condition()}, the {s.a} may terminate this Agreement with immediate effect.",
    lambda s: f"The {s.a} may terminate this Agreement if {s.condition()}.",
    lambda s: f"The {s.a} shall not disclose confidential information of the {s.b} to any third party without the prior written consent of the {s.b}.",
    lambda s: f"The {s.a} grants the {s.b} a non-exclusive licence to use {s.pick(_GOODS)} within the territory of {s.pick(['France', 'the European Union', 'Canada', 'the United Kingdom', 'Japan'])}.",
    lambda s: f"The {s.a} shall deliver {s.pick(_GOODS)} to the warehouse of the {s.b} in {s.pick(_CITIES)} no later than {s.date()}.",
    lambda s: f"The {s.a} shall indemnify the {s.b} against all claims arising from the negligence of the {s.a}.",
    lambda s: f"Late payments bear interest at {s.n(2, 12)}% per annum above the base rate.",
    lambda s: f"The {s.a} shall reimburse the {s.b} for reasonable travel expenses up to {s.money()} per month.",
    lambda s: "The term of this Agreement starts on {} and ends on {}.".format(*s.period()),
    lambda s: f"The {s.a} shall maintain insurance cover of at least {s.money()} per claim.",
    lambda s: f"The {s.a} shall supervise the {s.b} during the first {s.n(2, 12)} weeks of the project.",
    lambda s: f"The {s.a} shall transfer ownership of {s.pick(_GOODS)} to the {s.b} upon full payment of the price.",
    lambda s: f"The {s.a} is responsible for {s.pick(['structural repairs', 'insurance', 'customs clearance', 'data backups'])} and the {s.b} is responsible for {s.pick(['minor repairs', 'utilities', 'packaging', 'user training'])}.",
    lambda s: f"The warranty period is {s.n(6, 36)} months from the date of delivery, except for consumable parts.",
    lambda s: f"The {s.a} may assign this Agreement only with the prior written consent of the {s.b}.",
    lambda s: f"Payment is due {s.n(15, 60)} days after the invoice date.",
    lambda s: f"The {s.a} shall pay the {s.b} a royalty of {s.n(2, 15)}% of monthly gross sales.",
    lambda s: f"The {s.a} will inspect {s.pick(_GOODS)} before acceptance and the {s.b} will replace any defective units within {s.days()}.",
    lambda s: f"{s.company} shall pay the {s.b} a fixed fee of {s.money()} per quarter in advance.",
    lambda s: f"The {s.a} shall not increase the price during the first {s.n(6, 24)} months of the term.",
    lambda s: f"Unless otherwise agreed in writing, the {s.a} shall bear all shipping costs.",
    lambda s: f"The {s.a} shall keep all records relating to this Agreement for at least {s.n(3, 10)} years after its expiry.",
    lambda s: "The {} shall provide {}, {} and {} within {}.".format(s.a, *s.some(_GOODS + _DOCS, 3), s.days()),
    lambda s: f"The {s.a}, the {s.b} and {s.company} shall each appoint a project manager.",
    lambda s: f"The {s.a} shall {s.pick(['indemnify, defend and hold harmless', 'indemnify and hold harmless', 'defend and indemnify'])} the {s.b} {s.pick(['from', 'against', 'from and against'])} any {s.pick(['claim', 'loss', 'third-party claim'])} arising out of {s.pick(['the use of the software', 'a breach of this Agreement', 'its negligence'])}.",
    lambda s: f"The {s.a} shall {s.pick(['install, test and maintain', 'inspect and repair', 'insure and maintain', 'repair and maintain'])} {s.pick(_GOODS)} at the premises of the {s.b}.",
]

_POLICY: list[Frame] = [
    lambda s: f"All {s.pick(_STAFF)} must complete data protection training within {s.n(10, 60)} days of their start date.",
    lambda s: f"Employees may work from home up to {s.n(1, 4)} days per week, except during the first {s.n(2, 6)} months of employment.",
    lambda s: f"Visitors must sign in at reception before entering {s.pick(_AREAS)}.",
    lambda s: f"Personal data must be stored inside the European Union.",
    lambda s: f"Expense claims must be submitted within {s.n(10, 60)} days after the end of the month.",
    lambda s: f"Gifts worth more than {s.money()} must be reported to {s.pick(_OFFICERS)}.",
    lambda s: f"The Employer shall pay the Employee a gross salary of {s.money()} per month.",
    lambda s: f"Employees must not use personal email accounts for company business.",
    lambda s: f"Suppliers must be audited every {s.n(6, 24)} months if they process personal data.",
    lambda s: "The {} badge grants access to {} and the {} badge grants access to {}.".format(s.pick(["red", "green"]), *s.two(_AREAS)[:1], s.pick(["blue", "yellow"]), s.two(_AREAS)[1]),
    lambda s: f"Overtime must be approved by {s.pick(_OFFICERS)} in advance.",
    lambda s: f"Access to {s.pick(_AREAS)} is restricted to authorised staff, including contractors with a valid badge.",
    lambda s: f"Invoices below {s.money()} are approved by {s.pick(_OFFICERS)}.",
    lambda s: "{} reports to {}".format(*s.two([f"{f} {l}" for f in _FIRST[:8] for l in _LAST[:8]])) + f" and approves all purchase orders above {s.money()}.",
    lambda s: f"Passwords must be changed every {s.n(30, 180)} days and must contain at least {s.n(8, 16)} characters.",
    lambda s: f"Security incidents must be reported to {s.pick(_OFFICERS)} within {s.n(1, 72)} hours of discovery.",
    lambda s: f"Annual leave requests must be submitted at least {s.n(2, 8)} weeks in advance.",
    lambda s: f"Employees who work more than {s.n(35, 45)} hours per week are entitled to a paid rest day.",
    lambda s: (lambda at, st: f"The {at[0]} account is {st[0]} and the {at[1]} account is {st[1]}.")(s.pick(_ATTRS), s.pick(_STATES)),
    lambda s: f"Customer data is always encrypted before it is transferred to a third party.",
    lambda s: f"Every new supplier must pass a background check before the first order is placed.",
    lambda s: f"Contractors are not allowed to connect personal devices to the internal network.",
    lambda s: "A valid badge is required for {}, {} and {}.".format(*s.some(_AREAS, 3)),
    lambda s: (lambda staff: f"{staff[0].capitalize()}, {staff[1]} and {staff[2]} must complete safety training before their first shift.")(s.some(_STAFF, 3)),
    lambda s: f"{s.pick(_OFFICERS).capitalize()} {s.pick(['reviews and approves', 'checks and signs', 'approves and signs'])} all {s.pick(['expense claims', 'purchase orders', 'supplier contracts'])} above {s.money()}.",
    lambda s: f"{s.company} collects, stores and processes personal data of {s.pick(_STAFF)} in {s.pick(_CITIES)}.",
]

_MANUAL: list[Frame] = [
    lambda s: "Mount the {} above the {}".format(*s.two(_PARTS)) + f" and connect the {s.pick(_CABLES)} to the {s.pick(_SIDES)} terminal.",
    lambda s: "The {} is installed upstream of the {}.".format(*s.two(_PARTS)),
    lambda s: f"Tighten the mounting bolts to a torque of {s.n(5, 80)} Nm before installing the cover.",
    lambda s: f"Do not operate the unit at ambient temperatures above {s.n(30, 60)} °C.",
    lambda s: f"The maximum operating pressure of the {s.pick(_PARTS)} is {s.n(2, 16)} bar.",
    lambda s: f"Replace the {s.pick(_PARTS)} every {s.n(200, 2000)} hours of operation.",
    lambda s: f"Disconnect the power supply before opening the housing.",
    lambda s: f"The green LED indicates normal operation and the red LED indicates a fault.",
    lambda s: f"The {s.pick(_PARTS)} is located on the {s.pick(_DIRECTIONS)[0]} side of the building, below the main switchboard.",
    lambda s: f"The technician must inspect the {s.pick(_PARTS)} at least once a month.",
    lambda s: f"The control unit stops the {s.pick([p for p in _PARTS if p != 'control unit'])} if the water level falls below {s.n(5, 50)} cm.",
    lambda s: f"Store the cartridges inside the cabinet at a temperature between {s.n(2, 10)} °C and {s.n(15, 30)} °C.",
    lambda s: f"The operator shall calibrate the {s.pick(_PARTS)} after each maintenance cycle.",
    lambda s: "The {} must be checked before the {} is switched on.".format(*s.two(_PARTS)),
    lambda s: (lambda a, b: f"Install the {a} on the {s.pick(_SIDES)} side of the housing, next to the {b}.")(*s.two(_PARTS)),
    lambda s: (lambda at: f"The {at[0]} circuit is protected by a fuse rated {s.n(6, 16)} A and the {at[1]} circuit by a fuse rated {s.n(20, 32)} A.")(s.pick(_ATTRS)),
    lambda s: f"The {s.pick(_PARTS)} must never be opened while the system is under pressure.",
    lambda s: f"The {s.pick(['alarm', 'warning light', 'buzzer'])} is activated when the temperature exceeds {s.n(40, 95)} °C.",
    lambda s: f"The outlet pipe is located downstream of the {s.pick(_PARTS)}.",
    lambda s: f"All {s.pick(['technicians', 'operators'])} must wear safety goggles inside the workshop.",
    lambda s: f"The {s.pick(_PARTS)} draws a maximum of {s.n(2, 20)} A at {s.pick(['230', '400', '24', '12'])} V.",
    lambda s: f"Allow the unit to cool for at least {s.n(10, 60)} minutes before removing the {s.pick(_PARTS)}.",
    lambda s: "Check the {}, the {} and the {} before each start-up.".format(*s.some(_PARTS, 3)),
    lambda s: f"{s.pick(['Inspect, clean and lubricate', 'Clean and inspect', 'Check and record the pressure of'])} the {s.pick(_PARTS)} every {s.n(50, 2000)} hours of operation.",
    lambda s: f"The operator must {s.pick(['inspect and test', 'inspect and clean', 'test and calibrate'])} the {s.pick(_PARTS)} before each start-up.",
]

_BINDING: list[Frame] = [
    lambda s: (lambda y, st, it: f"The {y} {it} is {st[0]} and the {y + 1} {it} is {st[1]}.")(s.n(2020, 2026), s.pick(_STATES), s.pick(_ITEMS)),
    lambda s: (lambda at: f"The {at[0]} {s.pick(_ITEMS)} expires on {s.date()} and the {at[1]} one on {s.date()}.")(s.pick(_ATTRS)),
    lambda s: (lambda p: f"{p[0]} approves the {s.pick(['budget', 'schedule', 'design'])} and {p[1]} approves the {s.pick(['contract', 'invoice', 'report'])}.")(s.two([f"{f} {l}" for f in _FIRST for l in _LAST])),
    lambda s: (lambda at, it: f"The {at[0]} {it} costs {s.money()} and the {at[1]} {it} costs {s.money()}.")(s.pick(_ATTRS), s.pick(["licence", "subscription", "plan", "service"])),
    lambda s: "The {} warehouse in {} ships to customers in {}.".format(s.pick(_ATTRS)[0], *s.two(_CITIES)),
]

GENRES: dict[str, list[Frame]] = {"contract": _CONTRACT, "policy": _POLICY, "manual": _MANUAL, "binding": _BINDING}


def frame_count() -> int:
    """How many clause frames exist (reported by the CLI so growth is visible)."""
    return sum(len(frames) for frames in GENRES.values())


def documents(n: int, seed: int) -> list[Document]:
    """``n`` documents of 3-6 distinct clauses each, drawn from one genre per document.

    Binding frames are mixed into every genre because two entities with separate attributes in
    one sentence are what the binding edit needs, and they occur in every kind of document.
    """
    rng = random.Random(seed)
    genres = [g for g in GENRES if g != "binding"]
    out = []
    for _ in range(n):
        genre = rng.choice(genres)
        slots = _Slots(rng)
        frames = GENRES[genre] + GENRES["binding"]
        chosen = rng.sample(frames, k=rng.randint(3, 6))
        sentences = list(dict.fromkeys(frame(slots) for frame in chosen))
        out.append(Document(genre, tuple(sentences)))
    return out


#: Prohibitions as contracts and policies write them, in the plain "<subject> <modal> not <verb>" form or with a
#: fixed negative phrase; ``negation_forms.negation_wording`` makes the other forms. Not part of ``GENRES``: they feed
#: the ``negation_moves`` source only, so ``documents`` stays as it was.
_PROHIBITIONS: list[Frame] = [
    lambda s: f"The {s.a} shall not be liable to the {s.b} for any indirect or consequential damages.",
    lambda s: f"The {s.a} shall not assign this Agreement without the prior written consent of the {s.b}.",
    lambda s: f"The {s.a} will not disclose the terms of this Agreement to any third party.",
    lambda s: f"The {s.a} may not sublicense the rights granted under this Agreement.",
    lambda s: f"The {s.a} shall not make any changes to {s.pick(_GOODS)} without the written approval of the {s.b}.",
    lambda s: f"The {s.a} shall not charge any fees other than those set out in Schedule {s.n(1, 9)}.",
    lambda s: f"The {s.a} shall not terminate this Agreement during the first {s.n(3, 24)} months of the term.",
    lambda s: f"The {s.a} will not be responsible for any delay caused by the {s.b}.",
    lambda s: f"The {s.a} may not use the name of the {s.b} in any advertising.",
    lambda s: f"The {s.a} shall not grant any other party an exclusive licence to {s.pick(_GOODS)}.",
    lambda s: f"In no event shall the {s.a} be liable for lost profits exceeding {s.money()}.",
    lambda s: f"Under no circumstances will the {s.a} refund the deposit after {s.date()}.",
    lambda s: f"At no time may the {s.a} store personal data outside {s.pick(['the European Union', 'Canada', 'Japan'])}.",
    lambda s: f"{s.pick(_STAFF).capitalize()} may not enter {s.pick(_AREAS)} without a valid badge.",
    lambda s: f"{s.pick(_STAFF).capitalize()} shall not share their passwords with any other person.",
    lambda s: f"Visitors may not take photographs inside {s.pick(_AREAS)}.",
    lambda s: f"No {s.pick(_STAFF)} may approve their own expense claims.",
    lambda s: f"None of the {s.pick(_STAFF)} may access {s.pick(_AREAS)} outside working hours.",
    lambda s: f"Neither party may assign this Agreement without the prior written consent of the other party.",
    lambda s: f"Nothing in this Agreement shall be construed as granting the {s.b} any licence to {s.pick(_GOODS)}.",
    lambda s: f"The operator may not open the {s.pick(_PARTS)} while the system is under pressure.",
    lambda s: f"The {s.a} shall make no payment to the {s.b} before {s.date()}.",
]


def prohibitions(n: int, seed: int) -> list[str]:
    """``n`` distinct prohibition clauses (fewer if the frames run out of variety)."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    for _ in range(n * 3):
        if len(out) >= n:
            break
        out[rng.choice(_PROHIBITIONS)(_Slots(rng))] = None
    return list(out)
