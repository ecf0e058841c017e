"""Funding figures of missions and of the portfolio, in USD, exact to the cent.

Sums come from SQL (over whole cents, see ``money``) into two small frames; they are
added up by mission, kind, year, country or donor in plain Python while they are still
integers of cents (cheaper than pandas on a few hundred rows, measured), and become
Decimal only at the end. Definitions: the budget is the revision in force;
funding gap = budget − committed; balance = received − spent; burn rate = spent ÷ budget.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from typing import Any

import pandas as pd
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


def _frame(session: Session, query: Any, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(row) for row in session.execute(query).all()], columns=columns)


def _in(column: Any, ids: Sequence[int] | None) -> list[ColumnElement[bool]]:
    return [] if ids is None else [col(column).in_(ids)]


def movement_cents(
    session: Session, mission_ids: Sequence[int] | None = None, *, until: date | None = None
) -> pd.DataFrame:
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
    return _frame(session, query, ["mission_id", "donor_id", "kind", "category", "cents"])


def budget_cents(session: Session, mission_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Cents per mission and line of the revision in force, and of the original."""
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
    lines = _frame(session, current, ["mission_id", "category", "cents"])
    originals = _frame(session, original, ["mission_id", "original"])
    return lines.merge(originals, on="mission_id", how="left") if len(lines) else lines


@dataclass(frozen=True)
class Sums:
    """The cents every figure is computed from, read once: the movements by mission,
    donor, kind and budget line, and the budgets by mission and line."""

    money: pd.DataFrame
    budgets: pd.DataFrame


def read_sums(
    session: Session, mission_ids: Sequence[int] | None = None, *, until: date | None = None
) -> Sums:
    """The sums of these missions (of every mission when None), as of ``until``."""
    return Sums(
        movement_cents(session, mission_ids, until=until), budget_cents(session, mission_ids)
    )


# The figures of one mission are summed in plain Python from its few rows of cents: a
# mission has a few dozen, and pandas costs more per call than the sums themselves (the
# funding dashboard computes every mission's).
Rows = list[Any]  # rows of ``Sums.money`` or ``Sums.budgets`` (named tuples)


def _rows_by_mission(frame: pd.DataFrame) -> dict[int, Rows]:
    grouped: dict[int, Rows] = defaultdict(list)
    for row in frame.itertuples(index=False):
        grouped[int(row.mission_id)].append(row)
    return grouped


def _cents_by(rows: Rows, key: str) -> dict[Any, int]:
    sums: dict[Any, int] = defaultdict(int)
    for row in rows:
        sums[getattr(row, key)] += int(row.cents)
    return sums


def _donor_figures(rows: Rows, donors: dict[int, Donor]) -> list[DonorFigures]:
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        if pd.notna(row.donor_id):
            sums[int(row.donor_id)][row.kind] += int(row.cents)
    found = [
        DonorFigures(
            donor_id=donor_id,
            donor=donors[donor_id].name,
            kind=donors[donor_id].kind,
            pledged=from_cents(kinds[K.pledge.value]),
            committed=from_cents(kinds[K.commitment.value]),
            received=from_cents(kinds[K.received.value]),
        )
        for donor_id, kinds in sums.items()
    ]
    return sorted(found, key=lambda d: (-d.committed, d.donor))


def _line_figures(budget: Rows, rows: Rows) -> list[LineFigures]:
    planned = _cents_by(budget, "category")
    spent = _cents_by([r for r in rows if r.kind == K.expenditure.value], "category")
    return [
        LineFigures(
            category=category,
            budget=from_cents(planned.get(category.value, 0)),
            spent=from_cents(spent.get(category.value, 0)),
            remaining=from_cents(planned.get(category.value, 0) - spent.get(category.value, 0)),
        )
        for category in BudgetCategory
        if category.value in planned or category.value in spent
    ]


def _mission_funding(
    mission: Mission, budget: Rows, rows: Rows, donors: dict[int, Donor]
) -> MissionFunding:
    kinds = _cents_by(rows, "kind")
    total = {k: from_cents(kinds.get(k.value, 0)) for k in K}
    budget_total = from_cents(sum(int(line.cents) for line in budget))
    original = from_cents(int(budget[0].original) if budget else 0)
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
    money, budgets = _rows_by_mission(sums.money), _rows_by_mission(sums.budgets)
    donors = all_donors(session)
    return [
        _mission_funding(
            mission, budgets.get(mission.id or 0, []), money.get(mission.id or 0, []), donors
        )
        for mission in missions
    ]


def mission_figures(session: Session, mission: Mission) -> MissionFunding:
    return figures_of(session, [mission])[0]


def _mission_keys(session: Session, group_by: PortfolioGrouping) -> pd.DataFrame:
    missions = _frame(
        session,
        sa_select(col(Mission.id), col(Mission.host_country), col(Mission.election_date)),
        ["mission_id", "country", "election_date"],
    )
    missions["key"] = (
        missions["country"]
        if group_by == PortfolioGrouping.country
        else missions["election_date"].map(lambda d: str(d.year))
    )
    return missions[["mission_id", "key"]]


def _row(key: str, sums: dict[str, int], *, with_budget: bool) -> PortfolioRow:
    def money(name: str) -> Decimal:
        return from_cents(int(sums.get(name, 0)))

    spent = money(K.expenditure.value)
    return PortfolioRow(
        key=key,
        missions=int(sums["missions"]),
        budget=money("budget") if with_budget else None,
        pledged=money(K.pledge.value),
        committed=money(K.commitment.value),
        received=money(K.received.value),
        spent=spent if with_budget else None,
        balance=money(K.received.value) - spent if with_budget else None,
        gap=money("budget") - money(K.commitment.value) if with_budget else None,
    )


def portfolio(
    session: Session, group_by: PortfolioGrouping, *, sums: Sums | None = None
) -> Portfolio:
    """Figures across every mission with a budget or money, grouped by election year, host
    country or donor, largest commitments first among donors, in key order otherwise
    (from the ``sums`` of every mission when the caller read them already)."""
    sums = sums or read_sums(session)
    money = list(sums.money.itertuples(index=False))
    if group_by == PortfolioGrouping.donor:
        return Portfolio(group_by=group_by, rows=_donor_rows(session, money))
    per_mission: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in money:
        per_mission[int(row.mission_id)][row.kind] += int(row.cents)
    for line in sums.budgets.itertuples(index=False):
        per_mission[int(line.mission_id)]["budget"] += int(line.cents)
    if not per_mission:
        return Portfolio(group_by=group_by, rows=[])
    keys = dict(_mission_keys(session, group_by).itertuples(index=False))
    grouped: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for mission_id, figures in per_mission.items():
        into = grouped[str(keys[mission_id])]
        into["missions"] += 1
        for name, cents in figures.items():
            into[name] += cents
    rows = [_row(key, figures, with_budget=True) for key, figures in grouped.items()]
    return Portfolio(group_by=group_by, rows=sorted(rows, key=lambda r: r.key))


def _donor_rows(session: Session, money: Rows) -> list[PortfolioRow]:
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    funded: dict[int, set[int]] = defaultdict(set)
    for row in money:
        if pd.notna(row.donor_id):
            sums[int(row.donor_id)][row.kind] += int(row.cents)
            funded[int(row.donor_id)].add(int(row.mission_id))
    donors = all_donors(session)
    rows = [
        _row(donors[donor_id].name, {**kinds, "missions": len(funded[donor_id])}, with_budget=False)
        for donor_id, kinds in sums.items()
    ]
    return sorted(rows, key=lambda r: (-r.committed, r.key))
