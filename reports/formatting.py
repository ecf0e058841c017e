"""Dates, numbers, money and shares written the way each language writes them (Babel)."""

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent


def date_text(value: date, language: str, *, style: str = "long") -> str:
    """``17 August 2026`` style dates: "August 17, 2026" / "17 de agosto de 2026"."""
    return format_date(value, style, locale=language)


def number_text(value: int | float | Decimal, language: str) -> str:
    """A count or amount with the language's grouping and decimal marks."""
    return format_decimal(value, locale=language)


def money_text(amount: Decimal, currency: str, language: str) -> str:
    """An amount in its ISO 4217 currency, with the currency's own decimals."""
    return format_currency(amount, currency, locale=language)


def rate_text(rate: Decimal, language: str) -> str:
    """An exchange rate, with up to six decimals."""
    return format_decimal(rate, format="#,##0.00####", locale=language)


def percent_text(share: float, language: str) -> str:
    """A share between 0 and 1 as a percentage with one decimal at most (``42.5%``)."""
    return format_percent(share, format="#,##0.#%", locale=language)
