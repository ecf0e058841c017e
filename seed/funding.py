"""Demo funding: donors like those that fund OAS missions, the OAS Regular Fund, dated
exchange rates, and for each accepted demo mission a budget (dated when it was planned
and revised) and its money movements in the donors' currencies, spent unevenly across
budget lines. EOM-ECU-2027 is left clearly underfunded; the cancelled mission's
commitment is reversed. Deterministic: the same data on every run.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from argon2 import PasswordHasher
from sqlmodel import Session

from eom.accounts import service as accounts
from eom.funding import budgets, donors, movements, rates
from eom.funding.models import (
    BudgetCategory,
    BudgetIn,
    Donor,
    DonorCreate,
    DonorKind,
    ExchangeRateCreate,
    MovementCreate,
    MovementKind,
    ReversalIn,
)
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from seed.accounts import SEED_ACTOR
from seed.roster import DEMO_AS_OF, DemoMission, demo_missions

Progress = Callable[[str], None]
K = MovementKind
S = MissionStatus
SEED = 2026_06
DEMO_DONOR_EMAIL = "donor@eom.example"
DEMO_DONOR = "Canada"
UNDERFUNDED = "EOM-ECU-2027"
CANCELLED_REVERSED = "EOM-HTI-2025"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DemoDonor:
    name: str
    kind: DonorKind
    country: str | None
    currency: str
    iati_ref: str | None = None
    public: bool = True


MS, PO, ML, FO = (
    DonorKind.member_state,
    DonorKind.permanent_observer,
    DonorKind.multilateral,
    DonorKind.foundation,
)
# DAC members' IATI identifiers are XM-DAC-<donor code>; the foundations are fictional.
DONORS = (
    DemoDonor("United States", MS, "US", "USD", "XM-DAC-302"),
    DemoDonor("Canada", MS, "CA", "CAD", "XM-DAC-301"),
    DemoDonor("Brazil", MS, "BR", "BRL"),
    DemoDonor("Spain", PO, "ES", "EUR", "XM-DAC-50"),
    DemoDonor("France", PO, "FR", "EUR", "XM-DAC-4"),
    DemoDonor("Germany", PO, "DE", "EUR", "XM-DAC-5"),
    DemoDonor("Italy", PO, "IT", "EUR", "XM-DAC-6"),
    DemoDonor("Japan", PO, "JP", "JPY", "XM-DAC-701"),
    DemoDonor("Republic of Korea", PO, "KR", "KRW", "XM-DAC-742"),
    DemoDonor("Luxembourg", PO, "LU", "EUR", "XM-DAC-22"),
    DemoDonor("Netherlands", PO, "NL", "EUR", "XM-DAC-7"),
    DemoDonor("Norway", PO, "NO", "NOK", "XM-DAC-8"),
    DemoDonor("Switzerland", PO, "CH", "CHF", "XM-DAC-11"),
    DemoDonor("United Kingdom", PO, "GB", "GBP", "XM-DAC-12"),
    DemoDonor("European Union", ML, None, "EUR", "XI-IATI-EC_INTPA"),
    DemoDonor("Fundación Horizonte Democrático", FO, "CR", "USD", public=False),
    DemoDonor("Civic Futures Trust", FO, "GB", "GBP", public=False),
    DemoDonor("OAS Regular Fund", DonorKind.regular_fund, None, "USD"),
)
# US dollars per unit around the demo's dates; each day's rate moves a little around it.
BASE_RATES = {
    "CAD": Decimal("0.7310"),
    "BRL": Decimal("0.1850"),
    "EUR": Decimal("1.0850"),
    "JPY": Decimal("0.006750"),
    "KRW": Decimal("0.000740"),
    "NOK": Decimal("0.0935"),
    "CHF": Decimal("1.1320"),
    "GBP": Decimal("1.2710"),
}
WHOLE_UNITS = {"JPY", "KRW"}
# How the budget splits into lines (the last line takes what rounding leaves).
LINE_SHARES = {
    BudgetCategory.personnel: Decimal("0.30"),
    BudgetCategory.travel: Decimal("0.20"),
    BudgetCategory.per_diem: Decimal("0.25"),
    BudgetCategory.insurance: Decimal("0.03"),
    BudgetCategory.logistics: Decimal("0.12"),
    BudgetCategory.technology: Decimal("0.04"),
    BudgetCategory.communications: Decimal("0.04"),
    BudgetCategory.other: Decimal("0.02"),
}
# By the mission's state: the share of its commitments received, and of its budget spent.
RECEIVED = {S.accepted: "0.2", S.agreements_signed: "0.5", S.deployed: "0.8",
            S.preliminary_report: "0.8", S.final_report: "1", S.follow_up: "1", S.closed: "1",
            S.cancelled: "0"}  # fmt: skip
SPENT = {S.accepted: "0.03", S.agreements_signed: "0.15", S.deployed: "0.55",
         S.preliminary_report: "0.75", S.final_report: "0.9", S.follow_up: "0.95",
         S.closed: "0.97", S.cancelled: "0"}  # fmt: skip
# How far each line's spending strays from the mission's overall share (low, high).
SPEND_SPREAD = {
    BudgetCategory.personnel: (0.95, 1.03),
    BudgetCategory.travel: (0.75, 1.12),
    BudgetCategory.per_diem: (0.9, 1.05),
    BudgetCategory.insurance: (1.0, 1.0),
    BudgetCategory.logistics: (0.7, 1.15),
    BudgetCategory.technology: (1.05, 1.3),
    BudgetCategory.communications: (0.8, 1.25),
    BudgetCategory.other: (0.4, 0.9),
}
# The share of the budget committed: about all of it, except where the demo shows a gap.
COMMITTED = {UNDERFUNDED: Decimal("0.35"), "EOM-MEX-2027": Decimal("0.80")}


def rate_on(currency: str, on: date) -> Decimal:
    """The demo's rate of a day: the base rate moved by up to ±0.8 %."""
    wobble = Decimal((on.toordinal() % 17) - 8) / 1000
    return (BASE_RATES[currency] * (1 + wobble)).quantize(Decimal("0.00000001"))


def in_currency(usd: Decimal, currency: str, on: date) -> Decimal:
    if currency == "USD":
        return usd.quantize(CENT)
    units = usd / rate_on(currency, on)
    return units.quantize(Decimal(1) if currency in WHOLE_UNITS else CENT, rounding=ROUND_DOWN)


def budget_lines(total: Decimal) -> dict[BudgetCategory, Decimal]:
    lines = {c: (total * share).quantize(CENT) for c, share in LINE_SHARES.items()}
    lines[BudgetCategory.other] += total - sum(lines.values())
    return lines


def load_funding(session: Session, _: PasswordHasher, progress: Progress) -> int:
    """Donors, rates, budgets and movements of the demo; what exists is kept."""
    created = _load_donors(session, progress)
    found = {d.name: d for d in donors.all_donors(session).values()}
    _link_demo_account(session, found[DEMO_DONOR])
    for number, demo in enumerate(demo_missions()):
        mission = missions.find_by_code(session, demo.code)
        # DECO budgets a mission once it has accepted the invitation.
        if mission is None or not mission.is_public or budgets.current_number(session, mission):
            continue
        progress(f"funding of {demo.code}")
        _budget(session, mission, demo)
        _fund(session, mission, demo, found, random.Random(SEED + number))
        created += 1
    return created


def _load_donors(session: Session, progress: Progress) -> int:
    created = 0
    for demo in DONORS:
        if donors.find_by_name(session, demo.name) is None:
            progress(f"donor {demo.name}")
            data = DonorCreate(
                name=demo.name,
                kind=demo.kind,
                country=demo.country,
                iati_ref=demo.iati_ref,
                amounts_public=demo.public,
            )
            donors.create_donor(session, data, actor=SEED_ACTOR)
            created += 1
    return created


def _link_demo_account(session: Session, donor: Donor) -> None:
    user = accounts.find_user_by_email(session, DEMO_DONOR_EMAIL)
    if user is not None:
        donors.link_account(session, donor, user, actor=SEED_ACTOR)


def _accepted_on(demo: DemoMission) -> date:
    return next(on for state, on in demo.transitions if state == S.accepted)


def _day(on: date) -> date:
    """A demo movement records the past: never later than the demo's today."""
    return min(on, DEMO_AS_OF)


def _budget(session: Session, mission: Mission, demo: DemoMission) -> None:
    """The budget as DECO would have written it: planned when the invitation was
    accepted, revised for a runoff's per diem after the first round, closed at nothing if the
    mission was cancelled; each revision dated when it was made."""
    total = demo.planned_budget_usd
    _set_budget(session, mission, budget_lines(total), "original", _accepted_on(demo))
    if demo.runoff_date and mission.status in (S.follow_up, S.closed, S.final_report):
        revised = budget_lines(total)
        revised[BudgetCategory.per_diem] = (
            revised[BudgetCategory.per_diem] * Decimal("1.08")
        ).quantize(CENT)
        after_first_round = _day(demo.election_date + timedelta(days=3))
        _set_budget(session, mission, revised, "runoff per diem", after_first_round)
    if mission.status == S.cancelled:
        cancelled = next(on for state, on in demo.transitions if state == S.cancelled)
        zero = dict.fromkeys(LINE_SHARES, Decimal(0))
        _set_budget(session, mission, zero, "mission cancelled", cancelled)


def _fund(
    session: Session,
    mission: Mission,
    demo: DemoMission,
    found: dict[str, Donor],
    rng: random.Random,
) -> None:
    total = demo.planned_budget_usd
    eligible = [d for d in DONORS[:-1] if not (d.kind == MS and d.country == mission.host_country)]
    chosen = [*rng.sample(eligible, 4), DONORS[-1]]
    shares = [Decimal("0.28"), Decimal("0.24"), Decimal("0.18"), Decimal("0.15"), Decimal("0.15")]
    committed_share = COMMITTED.get(mission.code, Decimal("1.02"))
    start = _accepted_on(demo)
    for donor, share in zip(chosen, shares, strict=True):
        usd = total * committed_share * share
        _incoming(session, mission, demo, found[donor.name], donor.currency, usd, start)
    _spend(session, mission, demo, total, rng)


def _set_budget(
    session: Session,
    mission: Mission,
    lines: dict[BudgetCategory, Decimal],
    note: str,
    on: date,
) -> None:
    data = BudgetIn.model_validate(
        {"lines": [{"category": c, "amount_usd": a} for c, a in lines.items()], "note": note}
    )
    budgets.revise_budget(session, mission, data, actor=SEED_ACTOR, on=_day(on))


def _record(
    session: Session,
    mission: Mission,
    kind: MovementKind,
    on: date,
    amount: Decimal,
    currency: str,
    **extra: object,
) -> int:
    if currency != "USD" and rates.find_rate(session, currency, on) is None:
        rate = ExchangeRateCreate(currency=currency, on=on, usd_per_unit=rate_on(currency, on))
        rates.record_rate(session, rate, actor=SEED_ACTOR)
    data = MovementCreate.model_validate(
        {
            "mission_id": mission.id,
            "kind": kind,
            "on": on,
            "amount": amount,
            "currency": currency,
            **extra,
        }
    )
    return movements.record_movement(session, data, actor=SEED_ACTOR).id or 0


def _incoming(
    session: Session,
    mission: Mission,
    demo: DemoMission,
    donor: Donor,
    currency: str,
    usd: Decimal,
    start: date,
) -> None:
    pledged_on, committed_on = _day(start + timedelta(days=7)), _day(start + timedelta(days=21))
    paid_on = _day(start + timedelta(days=40))
    pledge = in_currency(usd * Decimal("1.1"), currency, pledged_on)
    committed = in_currency(usd, currency, committed_on)
    _record(session, mission, K.pledge, pledged_on, pledge, currency, donor_id=donor.id)
    commitment = _record(
        session, mission, K.commitment, committed_on, committed, currency, donor_id=donor.id
    )
    received = (committed * Decimal(RECEIVED[mission.status])).quantize(
        Decimal(1) if currency in WHOLE_UNITS else CENT, rounding=ROUND_DOWN
    )
    if received:
        _record(session, mission, K.received, paid_on, received, currency, donor_id=donor.id)
    if mission.code == CANCELLED_REVERSED:
        cancelled = next(on for state, on in demo.transitions if state == S.cancelled)
        movements.reverse_movement(
            session,
            movements.get_movement(session, commitment),
            ReversalIn(on=max(cancelled, committed_on), description="Mission cancelled"),
            actor=SEED_ACTOR,
        )


def _spend(
    session: Session, mission: Mission, demo: DemoMission, total: Decimal, rng: random.Random
) -> None:
    """Spending by line as it goes in the field: personnel and per diem close to plan,
    travel and logistics above or below it, technology and communications bought early."""
    share = Decimal(SPENT[mission.status])
    on = _day(max(demo.election_date, _accepted_on(demo) + timedelta(days=45)))
    for category, planned in budget_lines(total).items():
        low, high = SPEND_SPREAD[category]
        ratio = Decimal(str(round(rng.uniform(low, high), 3)))
        amount = (planned * min(share * ratio, Decimal("1.15"))).quantize(CENT)
        if amount > 0:
            _record(session, mission, K.expenditure, on, amount, "USD", budget_category=category)
