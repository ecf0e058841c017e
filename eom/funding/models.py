"""Donors, mission budgets, exchange rates and money movements (DESIGN §2, Funding)."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import pycountry
from pydantic import (
    AfterValidator,
    StringConstraints,
    WithJsonSchema,
    field_serializer,
    model_validator,
)
from pydantic import Field as PydanticField
from sqlalchemy import Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.accounts.models import ActorPublic
from eom.core.db import UtcDateTime, enum_type, updated_at_field
from eom.core.errors import RuleBroken
from eom.core.i18n import N_, translate
from eom.core.inputs import Day, Id, exact_decimal
from eom.core.reference import CountryCode, Theme, code_list, country_name
from eom.core.text import Email, PersonName
from eom.funding.money import in_minor_units


class DonorKind(StrEnum):
    member_state = "member_state"
    permanent_observer = "permanent_observer"
    multilateral = "multilateral"
    foundation = "foundation"
    private = "private"
    # The OAS's own Regular Fund: a funding source beside the donors, kept in the same table.
    regular_fund = "regular_fund"


DONOR_KIND_LABELS = {
    DonorKind.member_state: N_("Member state"),
    DonorKind.permanent_observer: N_("Permanent observer"),
    DonorKind.multilateral: N_("Multilateral"),
    DonorKind.foundation: N_("Foundation"),
    DonorKind.private: N_("Private"),
    DonorKind.regular_fund: N_("OAS Regular Fund"),
}


class BudgetCategory(StrEnum):
    personnel = "personnel"
    travel = "travel"
    per_diem = "per_diem"
    insurance = "insurance"
    logistics = "logistics"
    technology = "technology"
    communications = "communications"
    other = "other"


CATEGORY_LABELS = {
    BudgetCategory.personnel: N_("Personnel"),
    BudgetCategory.travel: N_("Travel"),
    BudgetCategory.per_diem: N_("Per diem"),
    BudgetCategory.insurance: N_("Insurance"),
    BudgetCategory.logistics: N_("Logistics"),
    BudgetCategory.technology: N_("Technology"),
    BudgetCategory.communications: N_("Communications"),
    BudgetCategory.other: N_("Other"),
}


class MovementKind(StrEnum):
    """Money movements, named as IATI names them; ``IATI_CODES`` gives their codes."""

    pledge = "pledge"
    commitment = "commitment"
    received = "received"
    expenditure = "expenditure"


# IATI TransactionType codes: incoming pledge, incoming commitment, incoming funds, expenditure.
IATI_CODES = {
    MovementKind.pledge: "13",
    MovementKind.commitment: "11",
    MovementKind.received: "1",
    MovementKind.expenditure: "4",
}
INCOMING = (MovementKind.pledge, MovementKind.commitment, MovementKind.received)

MOVEMENT_LABELS = {
    MovementKind.pledge: N_("Pledged"),
    MovementKind.commitment: N_("Committed"),
    MovementKind.received: N_("Received"),
    MovementKind.expenditure: N_("Spent"),
}


def _currency(code: str) -> str:
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code.upper()) is None:
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code.upper()


CurrencyCode = Annotated[
    str,
    AfterValidator(_currency),
    code_list("CurrencyCode", (c.alpha_3 for c in pycountry.currencies)),
]

# Money in the API: a positive decimal string with at most two decimals, never a float.
AMOUNT_PATTERN = r"^(?!0*(\.0*)?$)\d{1,12}(\.\d{1,2})?$"
Amount = Annotated[
    Decimal,
    exact_decimal(AMOUNT_PATTERN),
    PydanticField(gt=0, max_digits=14, decimal_places=2),
    WithJsonSchema({"type": "string", "pattern": AMOUNT_PATTERN, "examples": ["25000.00"]}),
]
BUDGET_PATTERN = r"^\d{1,12}(\.\d{1,2})?$"
BudgetAmount = Annotated[
    Decimal,
    exact_decimal(BUDGET_PATTERN),
    PydanticField(ge=0, max_digits=14, decimal_places=2),
    WithJsonSchema({"type": "string", "pattern": BUDGET_PATTERN}),
]
# How many US dollars one unit of a currency buys on a date (EUR 1.0825, JPY 0.00668).
RATE_PATTERN = r"^(?!0*(\.0*)?$)\d{1,8}(\.\d{1,8})?$"
Rate = Annotated[
    Decimal,
    exact_decimal(RATE_PATTERN),
    PydanticField(gt=0, max_digits=16, decimal_places=8),
    WithJsonSchema({"type": "string", "pattern": RATE_PATTERN, "examples": ["1.0825"]}),
]
PlainText = Annotated[
    str, StringConstraints(max_length=500, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")
]
OrgName = Annotated[
    str, StringConstraints(min_length=2, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")
]
IatiRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$")]

MONEY = Numeric(16, 2)
RATE = Numeric(20, 10)


# --- Donors ------------------------------------------------------------------------------


class DonorBase(SQLModel):
    name: OrgName = Field(max_length=200)
    kind: DonorKind = Field(sa_type=enum_type(DonorKind))
    country: CountryCode | None = Field(default=None, max_length=2)
    iati_ref: IatiRef | None = Field(default=None, max_length=100)
    contact_name: PersonName | None = Field(default=None, max_length=200)
    contact_email: Email | None = Field(default=None, max_length=320)
    amounts_public: bool = Field(
        default=False, description="whether other donors and the public may see its amounts"
    )


def donor_name_in(name: str, kind: DonorKind, country: str | None, language: str) -> str:
    """A donor's name as a reader of ``language`` reads it: a state by its country's name
    in that language (CLDR), the Regular Fund by its translated name; English, the
    language donors are entered in, keeps the name as entered ("Republic of Korea"), and
    other donors are named as they name themselves."""
    if language == "en":
        return name
    if kind in (DonorKind.member_state, DonorKind.permanent_observer) and country:
        return country_name(country, language)
    if kind == DonorKind.regular_fund:
        return translate(language, DONOR_KIND_LABELS[DonorKind.regular_fund])
    return name


class Donor(DonorBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    country: str | None = Field(default=None, max_length=2)
    iati_ref: str | None = Field(default=None, max_length=100)
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=320)
    created_at: datetime = Field(sa_type=UtcDateTime)

    def name_in(self, language: str) -> str:
        return donor_name_in(self.name, self.kind, self.country, language)


class DonorCreate(DonorBase):
    @model_validator(mode="after")
    def states_have_a_country(self) -> "DonorCreate":
        if self.kind in (DonorKind.member_state, DonorKind.permanent_observer) and not self.country:
            raise RuleBroken("country", N_("A state donor needs its country."))
        return self


class DonorPublic(DonorBase):
    id: int


class DonorAccount(SQLModel, table=True):
    """Which donor a donor's user account speaks for: one donor per account."""

    __tablename__ = "donor_account"

    user_id: int = Field(foreign_key="user_account.id", primary_key=True)
    donor_id: int = Field(foreign_key="donor.id", index=True)
    linked_at: datetime = Field(sa_type=UtcDateTime)


class DonorAccountLink(SQLModel):
    user_id: Id


class DonorAccountPublic(SQLModel):
    user_id: int
    donor_id: int
    email: str


# --- Budgets -----------------------------------------------------------------------------


class BudgetRevision(SQLModel, table=True):
    """One version of a mission's budget; number 1 is the original, later ones revisions."""

    __tablename__ = "budget_revision"
    __table_args__ = (UniqueConstraint("mission_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    number: int
    note: str | None = Field(default=None, max_length=500)
    recorded_on: date
    recorded_by: str = Field(max_length=320)
    recorded_at: datetime = Field(sa_type=UtcDateTime)


class BudgetLine(SQLModel, table=True):
    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("revision_id", "category"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="budget_revision.id", index=True)
    category: BudgetCategory = Field(sa_type=enum_type(BudgetCategory))
    amount_usd: Decimal = Field(sa_type=MONEY)


class BudgetLineIn(SQLModel):
    category: BudgetCategory
    amount_usd: BudgetAmount


class BudgetIn(SQLModel):
    """A whole budget: every line, in USD. Storing it makes a new revision."""

    lines: list[BudgetLineIn] = Field(min_length=1, max_length=len(BudgetCategory))
    note: PlainText | None = None

    @model_validator(mode="after")
    def one_line_per_category(self) -> "BudgetIn":
        categories = [line.category for line in self.lines]
        if len(set(categories)) != len(categories):
            raise RuleBroken("lines", N_("Each budget line may appear once."))
        return self


class BudgetLinePublic(SQLModel):
    category: BudgetCategory
    amount_usd: Decimal


class BudgetRevisionPublic(SQLModel):
    number: int
    kind: str = Field(description="original (IATI budget type 1) or revised (type 2)")
    recorded_on: date
    recorded_by: ActorPublic
    note: str | None
    total_usd: Decimal
    lines: list[BudgetLinePublic]


class BudgetPublic(SQLModel):
    mission_id: int
    currency: str = "USD"
    current: BudgetRevisionPublic | None
    revisions: list[BudgetRevisionPublic]


# --- Exchange rates ----------------------------------------------------------------------


class ExchangeRateBase(SQLModel):
    currency: CurrencyCode = Field(max_length=3)
    on: Day
    usd_per_unit: Rate = Field(sa_type=RATE)


class ExchangeRate(ExchangeRateBase, table=True):
    __tablename__ = "exchange_rate"
    __table_args__ = (UniqueConstraint("currency", "on"),)

    id: int | None = Field(default=None, primary_key=True)
    currency: str = Field(max_length=3)
    usd_per_unit: Decimal = Field(sa_type=RATE)
    recorded_at: datetime = Field(sa_type=UtcDateTime)


class ExchangeRateCreate(ExchangeRateBase):
    @model_validator(mode="after")
    def not_for_dollars(self) -> "ExchangeRateCreate":
        if self.currency == "USD":
            raise RuleBroken("currency", N_("A US dollar is always one US dollar."))
        return self

    @property
    def key(self) -> str:
        """Currency and date: one rate each (the unique field of a CSV import)."""
        return f"{self.currency} {self.on.isoformat()}"


class ExchangeRatePublic(ExchangeRateBase):
    id: int

    @field_serializer("usd_per_unit")
    def _as_entered(self, rate: Decimal) -> str:
        """The rate as its schema writes it: the database keeps ten decimals, so
        ``749.3931888`` comes back ``749.3931888000``; the zeros past the last digit go."""
        return format(rate.normalize(), "f")


# --- Money movements ---------------------------------------------------------------------


class MovementBase(SQLModel):
    mission_id: int = Field(foreign_key="mission.id", index=True)
    kind: MovementKind = Field(sa_type=enum_type(MovementKind, 20))
    on: Day
    currency: CurrencyCode = Field(max_length=3)
    donor_id: int | None = Field(default=None, foreign_key="donor.id", index=True)
    budget_category: BudgetCategory | None = Field(
        default=None, sa_type=enum_type(BudgetCategory), description="a line, or an earmark"
    )
    earmark_theme: Theme | None = Field(default=None, sa_type=enum_type(Theme, 40))
    description: PlainText | None = Field(default=None, max_length=500)


class Movement(MovementBase, table=True):
    """A money movement, never edited: a correction is a reversing entry."""

    __tablename__ = "money_movement"

    id: int | None = Field(default=None, primary_key=True)
    currency: str = Field(max_length=3)
    amount: Decimal = Field(sa_type=MONEY)
    usd_rate: Decimal = Field(sa_type=RATE)
    amount_usd: Decimal = Field(sa_type=MONEY)
    reverses_id: int | None = Field(default=None, foreign_key="money_movement.id", unique=True)
    over_commitment_reason: str | None = Field(default=None, max_length=500)
    recorded_by: str = Field(max_length=320)
    recorded_at: datetime = Field(sa_type=UtcDateTime)
    # Its recording time, or its reversal's (which its public view names).
    updated_at: datetime = updated_at_field()


class MovementCreate(MovementBase):
    mission_id: Id
    donor_id: Id | None = None
    amount: Amount
    allow_over_commitment: bool = Field(
        default=False,
        description="staff override: accept received funds above what the donor committed "
        "(audited, with the reason)",
    )
    over_commitment_reason: PlainText | None = None

    @model_validator(mode="after")
    def shape_of_kind(self) -> "MovementCreate":
        if self.kind in INCOMING and self.donor_id is None:
            raise RuleBroken("donor_id", N_("A pledge, commitment or receipt names its donor."))
        if self.kind == MovementKind.expenditure:
            if self.donor_id is not None:
                raise RuleBroken("donor_id", N_("An expenditure has no donor."))
            if self.budget_category is None:
                raise RuleBroken("budget_category", N_("An expenditure names its budget line."))
        if self.allow_over_commitment and not (self.over_commitment_reason or "").strip():
            raise RuleBroken("over_commitment_reason", N_("An override needs its reason."))
        if not in_minor_units(self.amount, self.currency):
            raise RuleBroken(
                "amount", N_("The amount is finer than its currency's smallest unit allows.")
            )
        return self


class ReversalIn(SQLModel):
    on: Day
    description: PlainText | None = None


class MovementPublic(SQLModel):
    id: int
    mission_id: int
    kind: MovementKind
    iati_transaction_type: str
    on: date
    amount: Decimal
    currency: str
    usd_rate: Decimal
    amount_usd: Decimal
    donor_id: int | None
    donor: str | None
    budget_category: BudgetCategory | None
    earmark_theme: Theme | None
    description: str | None
    reverses_id: int | None
    reversed_by_id: int | None
    recorded_by: ActorPublic
    recorded_at: datetime
    updated_at: datetime = Field(description="when it was recorded, or reversed if later")
