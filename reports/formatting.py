"""Dates, numbers, money and shares written the way each language writes them (Babel)."""

from collections.abc import Callable
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


def amount_text(amount: Decimal, language: str) -> str:
    """An amount alone, with two decimals, in a table whose heading names its currency:
    "17,338.71" / "17.338,71" (the marks of ``money_text``, without the symbol)."""
    return format_decimal(amount, format="#,##0.00", locale=language)


def rate_text(rate: Decimal, language: str) -> str:
    """An exchange rate, with up to six decimals."""
    return format_decimal(rate, format="#,##0.00####", locale=language)


def percent_text(share: float, language: str) -> str:
    """A share between 0 and 1 as a percentage with one decimal at most (``42.5%``)."""
    return format_percent(share, format="#,##0.#%", locale=language)


def day_text(value: date, language: str) -> str:
    """A day in a table or beside other facts: "Aug 17, 2026" / "17 ago 2026"."""
    return format_date(value, "medium", locale=language)


def writers(language: str) -> dict[str, Callable[..., str]]:
    """The one way pages write money, numbers, shares, rates and days, as the PDFs do:
    ``money(amount, currency="USD")``, ``amount(value)`` (where a heading names the
    currency), ``number(value)``, ``percent(share)``,
    ``rate(value)``, ``day(value)``; a missing value is a dash."""

    def _or_dash(write: Callable[..., str]) -> Callable[..., str]:
        return lambda value, *more: "—" if value is None else write(value, *more)

    return {
        "money": _or_dash(lambda amount, currency="USD": money_text(amount, currency, language)),
        "amount": _or_dash(lambda value: amount_text(value, language)),
        "number": _or_dash(lambda value: number_text(value, language)),
        "percent": _or_dash(lambda share: percent_text(share, language)),
        "rate": _or_dash(lambda value: rate_text(value, language)),
        "day": _or_dash(lambda value: day_text(value, language)),
    }
