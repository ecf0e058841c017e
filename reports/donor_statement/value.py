"""A donor's funding statement for a period as one frozen value: what ``gather`` reads from
the funding domain and ``render`` prints.

Every contribution keeps its own currency, the dated exchange rate stored with it and
its USD amount (never recomputed here); a reversal is listed as such, with a negative
amount. Each funded mission shows what it received from the donor in the period and, as
it stood at the end of the period, what it received from all sources and spent by line.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from eom.funding.models import BudgetCategory, DonorKind, MovementKind, donor_name_in


@dataclass(frozen=True)
class Contribution:
    """Money from the donor: a pledge, a commitment or funds received, or the reversal of
    one (``reverses_on``: the date of the entry it cancels)."""

    on: date
    mission_code: str
    kind: MovementKind
    currency: str
    amount: Decimal
    usd_rate: Decimal
    amount_usd: Decimal
    reverses_on: date | None = None


@dataclass(frozen=True)
class BudgetLine:
    line: BudgetCategory
    budget_usd: Decimal
    spent_usd: Decimal


@dataclass(frozen=True)
class FundedMission:
    """A mission the donor funded: what it received from the donor in the period, what it
    received from all sources, and its budget and spending by line."""

    code: str
    host_country: str
    election_date: date
    received_from_donor_usd: Decimal
    received_usd: Decimal
    lines: tuple[BudgetLine, ...]

    @property
    def budget_usd(self) -> Decimal:
        return sum((line.budget_usd for line in self.lines), Decimal(0))

    @property
    def spent_usd(self) -> Decimal:
        return sum((line.spent_usd for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class DonorStatement:
    """``period_start`` None: from the donor's first contribution."""

    donor_name: str
    donor_kind: DonorKind
    donor_country: str | None
    iati_identifier: str | None
    period_start: date | None
    period_end: date
    contributions: tuple[Contribution, ...]
    missions: tuple[FundedMission, ...]
    generated_on: date

    def donor_name_in(self, language: str) -> str:
        """The donor's name as a reader of ``language`` reads it (a state: its country's)."""
        return donor_name_in(self.donor_name, self.donor_kind, self.donor_country, language)

    def total_usd(self, kind: MovementKind) -> Decimal:
        """The USD sum of the period's contributions of one kind, reversals netted."""
        return sum((c.amount_usd for c in self.contributions if c.kind == kind), Decimal(0))
