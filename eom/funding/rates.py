"""Exchange rates to US dollars, one per currency and date, entered or imported from CSV.

Every amount is converted at the rate of its own date, stored with it; a date without a
rate is refused, never filled from a nearby day.
"""

from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.csvimport import CsvSpec, ImportReport, read_csv, with_progress
from eom.core.errors import Conflict
from eom.funding.models import ExchangeRate, ExchangeRateCreate

CHAIN = "funding"
USD = "USD"
COLUMNS = ("currency", "on", "usd_per_unit")
MAX_ROWS = 50_000


def find_rate(session: Session, currency: str, on: date) -> ExchangeRate | None:
    return session.exec(
        select(ExchangeRate).where(ExchangeRate.currency == currency, ExchangeRate.on == on)
    ).first()


def rate_on(session: Session, currency: str, on: date) -> Decimal:
    """US dollars per unit of ``currency`` on the day ``on``; refused when none is known."""
    if currency == USD:
        return Decimal(1)
    found = find_rate(session, currency, on)
    if found is None:
        raise Conflict(
            "No exchange rate from {currency} to USD is recorded for {on}; record it first "
            "(amounts are never converted at a guessed rate).",
            currency=currency,
            on=on.isoformat(),
        )
    return Decimal(found.usd_per_unit)


def list_rates(
    session: Session, *, limit: int, offset: int, currency: str | None = None
) -> tuple[list[ExchangeRate], int]:
    """Rates newest first, optionally of one currency, and how many there are."""
    conditions = [col(ExchangeRate.currency) == currency.upper()] if currency else []
    total = session.exec(select(func.count()).select_from(ExchangeRate).where(*conditions)).one()
    items = session.exec(
        select(ExchangeRate)
        .where(*conditions)
        .order_by(col(ExchangeRate.on).desc(), col(ExchangeRate.currency))
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


def currencies(session: Session) -> list[str]:
    """The currencies that have a recorded rate, and the US dollar: those money may be
    recorded in."""
    found = session.exec(select(ExchangeRate.currency).distinct())
    return sorted({"USD", *found})


def record_rate(session: Session, data: ExchangeRateCreate, *, actor: Actor) -> ExchangeRate:
    """Record the rate of a currency on a date; a date has one rate, never replaced."""
    existing = find_rate(session, data.currency, data.on)
    if existing is not None:
        raise Conflict(
            "The {currency} rate for {on} is already recorded ({rate}); amounts converted at "
            "it keep it, so it is not replaced.",
            currency=data.currency,
            on=data.on.isoformat(),
            rate=str(existing.usd_per_unit),
        )
    rate = ExchangeRate.model_validate(data, update={"recorded_at": utcnow()})
    return audit.created(session, rate, actor=actor, chain=CHAIN)


RATES = CsvSpec(
    model=ExchangeRateCreate,
    required=COLUMNS,
    values=lambda row: {k: (row.get(k) or "").strip() for k in COLUMNS},
    unique="key",
    max_rows=MAX_ROWS,
    hints={
        "currency": "use the three-letter currency code, e.g. EUR",
        "on": "write the date as YYYY-MM-DD",
        "usd_per_unit": "write US dollars per unit as a number, e.g. 1.0825",
    },
)


def import_rates(session: Session, text: str, *, actor: Actor) -> ImportReport:
    """Record the rates of a CSV file (currency, on, usd_per_unit). A rate already
    recorded with the same value is skipped; any bad row, or a different value for a
    recorded date, stores nothing."""
    created = 0
    for data in with_progress(read_csv(text, RATES), "exchange rates"):
        existing = find_rate(session, data.currency, data.on)
        if existing is not None and Decimal(existing.usd_per_unit) == data.usd_per_unit:
            continue
        record_rate(session, data, actor=actor)
        created += 1
    return ImportReport(created=created, updated=0)
