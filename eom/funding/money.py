"""Exact money arithmetic: Decimal in Python, whole cents in SQL.

USD amounts are rounded to the cent half to even (banker's rounding) when converted, so
that rounding does not lean one way across many conversions. Sums are taken in SQL over
whole cents: SQLite keeps NUMERIC columns as binary floating point, and a sum of floats
can be off by a fraction of a cent; integers add up exactly on both databases.
"""

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from babel.numbers import get_currency_precision
from sqlalchemy import BigInteger, cast, func

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def in_minor_units(amount: Decimal, currency: str) -> bool:
    """Whether ``amount`` is a whole number of the currency's smallest unit (ISO 4217's
    minor units, from CLDR through Babel): no fraction of a yen, cents of a dollar."""
    unit = Decimal(1).scaleb(-min(get_currency_precision(currency), 2))
    return amount == amount.quantize(unit)


def to_usd(amount: Decimal, rate: Decimal) -> Decimal:
    """``amount`` times ``rate``, rounded to the cent half to even."""
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_EVEN)


def cents_sum(column: Any) -> Any:
    """A SQL expression summing a two-decimal money column exactly, as whole cents."""
    return func.coalesce(func.sum(cast(func.round(column * 100), BigInteger)), 0)


def from_cents(cents: int | None) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(CENT)
