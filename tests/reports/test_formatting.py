"""One way to write money, numbers, shares, rates and days per language, on the pages
(``writers``) as in the PDFs (the ``*_text`` functions)."""

from datetime import date
from decimal import Decimal

import pytest

from reports.formatting import money_text, writers

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", ["$17,338.71", "CA$23,742.91", "17,338.71", "42.5%", "0.734562", "Aug 17, 2026"]),
        (
            "es",
            [
                f"17.338,71{NBSP}US$",
                f"23.742,91{NBSP}CAD",
                "17.338,71",
                "42,5%",
                "0,734562",
                "17 ago 2026",
            ],
        ),
    ],
)
def test_pages_write_money_shares_rates_and_days_as_the_pdfs_do(
    language: str, written: list[str]
) -> None:
    write = writers(language)
    assert [
        write["money"](Decimal("17338.71")),
        write["money"](Decimal("23742.91"), "CAD"),
        write["amount"](Decimal("17338.71")),
        write["percent"](0.425),
        write["rate"](Decimal("0.734562")),
        write["day"](date(2026, 8, 17)),
    ] == written
    assert write["money"](Decimal("23742.91"), "CAD") == money_text(
        Decimal("23742.91"), "CAD", language
    )


def test_a_missing_value_is_a_dash_in_every_language() -> None:
    for language in ("en", "es"):
        write = writers(language)
        assert {write[name](None) for name in write} == {"—"}
