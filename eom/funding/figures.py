"""Funding figures of missions and of the portfolio, in USD, exact to the cent.

Sums come from SQL, grouped by mission, donor, kind and budget line (over whole cents,
see ``money``); plain Python adds those few rows up by mission, donor, year or country
in one pass while they are still integers of cents, and they become Decimal only at the
end (pandas arranged them once: ~1 ms of overhead per mission and tiny frame, most of the
dashboard's time). Definitions: the budget is the revision in force; funding gap =
budget − committed; balance = received − spent; burn rate = spent ÷ budget.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col

from eom.funding.donors import all_donors
from eom.funding.models import (
    BudgetCategory,
    BudgetLine,
    BudgetRevision,
    Donor,
    DonorKind,
    Movement,
    MovementKind,
)
from eom.funding.money import cents_sum, from_cents
from eom.planning.missions.models import Mission

K = MovementKind
RATE_PLACES = Decimal("0.0001")
# A mission is underfunded while less than half of its budget is committed.
UNDERFUNDED_SHARE = Decimal("0.5")


class DonorFigures(SQLModel):
    donor_id: int
    donor: str
    kind: DonorKind
    pledged: Decimal
    committed: Decimal
    received: Decimal


class LineFigures(SQLModel):
    category: BudgetCategory
    budget: Decimal
    spent: Decimal
    remaining: Decimal


class MissionFunding(SQLModel):
    """A mission's funding in USD (decimal strings)."""

    mission_id: int
    code: str
    host_country: str
    year: int
    currency: str = "USD"
    budget: Decimal
    original_budget: Decimal
    pledged: Decimal
    committed: Decimal
    received: Decimal
    spent: Decimal
    balance: Decimal
    gap: Decimal
    burn_rate: Decimal | None
    by_donor: list[DonorFigures]
    by_line: list[LineFigures]

    @property
    def underfunded(self) -> bool:
        """Less than half of the budget committed (a mission without a budget is not)."""
        return bool(self.budget) and self.committed < self.budget * UNDERFUNDED_SHARE


class PortfolioGrouping(StrEnum):
    year = "year"
    country = "country"
    donor = "donor"


class PortfolioRow(SQLModel):
    """One group of the portfolio; a donor's row has only what donors give."""

    key: str
    missions: int
    budget: Decimal | None
    pledged: Decimal
    committed: Decimal
    received: Decimal
    spent: Decimal | None
    balance: Decimal | None
    gap: Decimal | None


class Portfolio(SQLModel):
    group_by: PortfolioGrouping
    currency: str = "USD"
    rows: list[PortfolioRow]


def burn_rate(spent: Decimal, budget: Decimal) -> Decimal | None:
    """The share of the budget spent, to four places; none without a budget."""
    if not budget:
        return None
    return (spent / budget).quantize(RATE_PLACES, rounding=ROUND_HALF_EVEN)


def _in(column: Any, ids: Sequence[int] | None) -> list[ColumnElement[bool]]:
    return [] if ids is None else [col(column).in_(ids)]


@dataclass(frozen=True)
class MoneySum:
    """The cents of one mission, donor, kind and budget line (reversals netted)."""

    mission_id: int
    donor_id: int | None
    kind: MovementKind
    category: BudgetCategory | None
    cents: int


def movement_cents(
    session: Session, mission_ids: Sequence[int] | None = None, *, until: date | None = None
) -> list[MoneySum]:
    """Cents per mission, donor, kind and budget line (reversals netted), of the movements
    dated ``until`` or before when given."""
    dated = [] if until is None else [col(Movement.on) <= until]
    query = (
        sa_select(
            col(Movement.mission_id),
            col(Movement.donor_id),
            col(Movement.kind),
            col(Movement.budget_category),
            cents_sum(Movement.amount_usd),
        )
        .where(*_in(Movement.mission_id, mission_ids), *dated)
        .group_by(
            col(Movement.mission_id),
            col(Movement.donor_id),
            col(Movement.kind),
            col(Movement.budget_category),
        )
    )
    return [
        MoneySum(mission_id, donor_id, K(kind), category, int(cents))
        for mission_id, donor_id, kind, category, cents in session.execute(query).all()
    ]


@dataclass(frozen=True)
class BudgetSum:
    """A mission's budget in cents: each line of the revision in force, and the original
    revision's total."""

    lines: dict[BudgetCategory, int]
    original: int

    @property
    def total(self) -> int:
        return sum(self.lines.values())


def budget_cents(
    session: Session, mission_ids: Sequence[int] | None = None
) -> dict[int, BudgetSum]:
    """The budget of each mission whose revision in force has lines, by mission id."""
    latest = (
        sa_select(col(BudgetRevision.mission_id), func.max(BudgetRevision.number).label("number"))
        .where(*_in(BudgetRevision.mission_id, mission_ids))
        .group_by(col(BudgetRevision.mission_id))
        .subquery()
    )
    current = (
        sa_select(
            col(BudgetRevision.mission_id),
            col(BudgetLine.category),
            cents_sum(BudgetLine.amount_usd),
        )
        .join(BudgetLine, col(BudgetLine.revision_id) == col(BudgetRevision.id))
        .join(
            latest,
            (latest.c.mission_id == col(BudgetRevision.mission_id))
            & (latest.c.number == col(BudgetRevision.number)),
        )
        .group_by(col(BudgetRevision.mission_id), col(BudgetLine.category))
    )
    original = (
        sa_select(col(BudgetRevision.mission_id), cents_sum(BudgetLine.amount_usd))
        .join(BudgetLine, col(BudgetLine.revision_id) == col(BudgetRevision.id))
        .where(col(BudgetRevision.number) == 1, *_in(BudgetRevision.mission_id, mission_ids))
        .group_by(col(BudgetRevision.mission_id))
    )
    lines: dict[int, dict[BudgetCategory, int]] = defaultdict(dict)
    for mission_id, category, cents in session.execute(current).all():
        lines[mission_id][BudgetCategory(category)] = int(cents)
    originals = {mission_id: int(cents) for mission_id, cents in session.execute(original)}
    return {
        mission_id: BudgetSum(lines=found, original=originals.get(mission_id, 0))
        for mission_id, found in lines.items()
    }


@dataclass(frozen=True)
class Sums:
    """The cents every figure is computed from, read once: the movements by mission,
    donor, kind and budget line, and the budgets by mission and line."""

    money: list[MoneySum]
    budgets: dict[int, BudgetSum]

    def money_by_mission(self) -> dict[int, list[MoneySum]]:
        found: dict[int, list[MoneySum]] = defaultdict(list)
        for row in self.money:
            found[row.mission_id].append(row)
        return found


def read_sums(
    session: Session, mission_ids: Sequence[int] | None = None, *, until: date | None = None
) -> Sums:
    """The sums of these missions (of every mission when None), as of ``until``."""
    return Sums(
        movement_cents(session, mission_ids, until=until), budget_cents(session, mission_ids)
    )


def _by_kind(rows: Iterable[MoneySum]) -> dict[MovementKind, int]:
    """Cents by movement kind, every kind present (0 where none)."""
    totals = dict.fromkeys(K, 0)
    for row in rows:
        totals[row.kind] += row.cents
    return totals


def _by_donor(rows: Iterable[MoneySum]) -> dict[int, list[MoneySum]]:
    """The rows of incoming money by donor, in donor id order."""
    found: dict[int, list[MoneySum]] = defaultdict(list)
    for row in rows:
        if row.donor_id is not None:
            found[row.donor_id].append(row)
    return dict(sorted(found.items()))


def _donor_figures(rows: list[MoneySum], donors: dict[int, Donor]) -> list[DonorFigures]:
    found = []
    for donor_id, given in _by_donor(rows).items():
        sums = _by_kind(given)
        found.append(
            DonorFigures(
                donor_id=donor_id,
                donor=donors[donor_id].name,
                kind=donors[donor_id].kind,
                pledged=from_cents(sums[K.pledge]),
                committed=from_cents(sums[K.commitment]),
                received=from_cents(sums[K.received]),
            )
        )
    return sorted(found, key=lambda d: (-d.committed, d.donor))


def _line_figures(budget: BudgetSum | None, rows: list[MoneySum]) -> list[LineFigures]:
    planned = budget.lines if budget else {}
    spent: dict[BudgetCategory, int] = defaultdict(int)
    for row in rows:
        if row.kind == K.expenditure and row.category is not None:
            spent[BudgetCategory(row.category)] += row.cents
    return [
        LineFigures(
            category=category,
            budget=from_cents(planned.get(category, 0)),
            spent=from_cents(spent.get(category, 0)),
            remaining=from_cents(planned.get(category, 0) - spent.get(category, 0)),
        )
        for category in BudgetCategory
        if category in planned or category in spent
    ]


def _mission_funding(
    mission: Mission, budget: BudgetSum | None, rows: list[MoneySum], donors: dict[int, Donor]
) -> MissionFunding:
    total = {kind: from_cents(cents) for kind, cents in _by_kind(rows).items()}
    budget_total = from_cents(budget.total if budget else 0)
    original = from_cents(budget.original if budget else 0)
    assert mission.id is not None
    return MissionFunding(
        mission_id=mission.id,
        code=mission.code,
        host_country=mission.host_country,
        year=mission.election_date.year,
        budget=budget_total,
        original_budget=original,
        pledged=total[K.pledge],
        committed=total[K.commitment],
        received=total[K.received],
        spent=total[K.expenditure],
        balance=total[K.received] - total[K.expenditure],
        gap=budget_total - total[K.commitment],
        burn_rate=burn_rate(total[K.expenditure], budget_total),
        by_donor=_donor_figures(rows, donors),
        by_line=_line_figures(budget, rows),
    )


def figures_of(
    session: Session,
    missions: Sequence[Mission],
    *,
    until: date | None = None,
    sums: Sums | None = None,
) -> list[MissionFunding]:
    """The funding of each mission, in the order given, from two queries (none when the
    caller read the ``sums`` already); with ``until``, the money as it stood at the end of
    that day (the budget is the revision in force)."""
    if sums is None:
        sums = read_sums(session, [m.id or 0 for m in missions], until=until)
    money = sums.money_by_mission()
    donors = all_donors(session)
    return [
        _mission_funding(
            mission, sums.budgets.get(mission.id or 0), money.get(mission.id or 0, []), donors
        )
        for mission in missions
    ]


def mission_figures(session: Session, mission: Mission) -> MissionFunding:
    return figures_of(session, [mission])[0]


def _mission_keys(session: Session, group_by: PortfolioGrouping) -> dict[int, str]:
    """Each mission's group: its host country, or its election year."""
    rows = session.execute(
        sa_select(col(Mission.id), col(Mission.host_country), col(Mission.election_date))
    ).all()
    if group_by == PortfolioGrouping.country:
        return {mission_id: country for mission_id, country, _ in rows}
    return {mission_id: str(on.year) for mission_id, _, on in rows}


def _row(
    key: str, missions: int, sums: dict[MovementKind, int], budget: int | None
) -> PortfolioRow:
    """A portfolio row; without a ``budget`` (a donor's row), only what donors give."""
    with_budget = budget is not None
    spent = from_cents(sums[K.expenditure])
    received = from_cents(sums[K.received])
    committed = from_cents(sums[K.commitment])
    return PortfolioRow(
        key=key,
        missions=missions,
        budget=from_cents(budget) if with_budget else None,
        pledged=from_cents(sums[K.pledge]),
        committed=committed,
        received=received,
        spent=spent if with_budget else None,
        balance=received - spent if with_budget else None,
        gap=from_cents(budget) - committed if with_budget else None,
    )


def portfolio(
    session: Session, group_by: PortfolioGrouping, *, sums: Sums | None = None
) -> Portfolio:
    """Figures across every mission with a budget or money, grouped by election year, host
    country or donor, largest commitments first among donors, in key order otherwise
    (from the ``sums`` of every mission when the caller read them already)."""
    sums = sums or read_sums(session)
    if group_by == PortfolioGrouping.donor:
        return Portfolio(group_by=group_by, rows=_donor_rows(session, sums.money))
    money = sums.money_by_mission()
    keys = _mission_keys(session, group_by)
    groups: dict[str, list[int]] = defaultdict(list)
    for mission_id in money.keys() | sums.budgets.keys():
        if mission_id in keys:
            groups[keys[mission_id]].append(mission_id)
    rows = [
        _row(
            key,
            len(ids),
            _by_kind(row for mission_id in ids for row in money.get(mission_id, [])),
            sum(sums.budgets[m].total for m in ids if m in sums.budgets),
        )
        for key, ids in groups.items()
    ]
    return Portfolio(group_by=group_by, rows=sorted(rows, key=lambda r: r.key))


def _donor_rows(session: Session, money: list[MoneySum]) -> list[PortfolioRow]:
    donors = all_donors(session)
    rows = [
        _row(
            donors[donor_id].name,
            len({row.mission_id for row in given}),
            _by_kind(given),
            None,
        )
        for donor_id, given in _by_donor(money).items()
    ]
    return sorted(rows, key=lambda r: (-r.committed, r.key))
