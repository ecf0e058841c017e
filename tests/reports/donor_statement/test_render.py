"""The donor funding statement, rendered from hand-built values."""

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from eom.funding.models import BudgetCategory, DonorKind, MovementKind
from reports.donor_statement.render import render_donor_statement
from reports.donor_statement.value import BudgetLine, Contribution, DonorStatement, FundedMission
from tests.support import samples
from tests.support.pdfs import page_images, pages_text, text_of

STATEMENT = DonorStatement(
    donor_name="Kingdom of Spain",
    donor_kind=DonorKind.permanent_observer,
    donor_country="ES",
    iati_identifier="XM-DAC-50-1",
    period_start=date(2026, 1, 1),
    period_end=date(2026, 6, 30),
    contributions=(
        Contribution(
            date(2026, 2, 3),
            "EOM-PER-2026",
            MovementKind.pledge,
            "EUR",
            Decimal("200000.00"),
            Decimal("1.0825"),
            Decimal("216500.00"),
        ),
        Contribution(
            date(2026, 3, 9),
            "EOM-PER-2026",
            MovementKind.received,
            "EUR",
            Decimal("150000.00"),
            Decimal("1.1"),
            Decimal("165000.00"),
        ),
        Contribution(
            date(2026, 4, 2),
            "EOM-PER-2026",
            MovementKind.received,
            "EUR",
            Decimal("-10000.00"),
            Decimal("1.1"),
            Decimal("-11000.00"),
            reverses_on=date(2026, 3, 9),
        ),
        Contribution(
            date(2026, 4, 2),
            "EOM-PER-2026",
            MovementKind.received,
            "EUR",
            Decimal("10000.00"),
            Decimal("1.1"),
            Decimal("11000.00"),
        ),
    ),
    missions=(
        FundedMission(
            "EOM-PER-2026",
            "PE",
            date(2026, 4, 12),
            Decimal("165000.00"),
            Decimal("900000.00"),
            (
                BudgetLine(BudgetCategory.personnel, Decimal("500000"), Decimal("400000")),
                BudgetLine(BudgetCategory.travel, Decimal("300000"), Decimal("150000")),
            ),
        ),
    ),
    generated_on=date(2026, 7, 2),
)


@pytest.fixture(scope="module")
def english() -> str:
    return text_of(render_donor_statement(STATEMENT, "en"))


@pytest.fixture(scope="module")
def spanish() -> str:
    return text_of(render_donor_statement(STATEMENT, "es"))


def test_the_summary_names_the_donor_period_and_totals_by_kind(english: str) -> None:
    assert "Kingdom of Spain" in english and "Permanent observer" in english
    assert "XM-DAC-50-1" in english
    assert "January 1, 2026 to June 30, 2026" in english
    assert "Pledged $216,500.00" in english and "Received $165,000.00" in english
    assert "Committed $0.00" in english


def test_each_contribution_shows_its_currency_rate_and_usd(english: str, spanish: str) -> None:
    assert "Feb 3, 2026 EOM-PER-2026 Pledged €200,000.00 1.0825 $216,500.00" in english
    assert "€150,000.00 1.10 $165,000.00" in english
    assert "200.000,00 € 1,0825 216.500,00 US$" in spanish


def test_each_mission_shows_what_it_received_and_spent_by_line(english: str, spanish: str) -> None:
    assert "EOM-PER-2026 · Peru" in english
    assert "In the period the mission received $165,000.00 from Kingdom of Spain" in english
    assert "By June 30, 2026 it had received $900,000.00 from all sources" in english
    assert "spent $550,000.00" in english
    assert "Personnel $500,000.00 $400,000.00 80%" in english
    assert "Travel $300,000.00 $150,000.00 50%" in english
    assert "Total $800,000.00 $550,000.00 68.8%" in english
    assert "Balance $350,000.00" in english
    assert "Personal 500.000,00 US$ 400.000,00 US$ 80 %" in spanish or "80%" in spanish
    assert "Viajes" in spanish and "Estado de financiamiento" in spanish


def test_a_reversal_is_listed_as_such_with_a_negative_amount(english: str, spanish: str) -> None:
    assert "Received — reversal of the entry of Mar 9, 2026 -€10,000.00 1.10 -$11,000.00" in english
    assert "reversión del asiento del 9 mar 2026" in spanish


def test_without_a_start_the_period_runs_from_the_first_contribution() -> None:
    text = text_of(render_donor_statement(dataclasses.replace(STATEMENT, period_start=None), "es"))
    assert "Todas las contribuciones hasta el 30 de junio de 2026" in text


def test_a_mission_without_budget_or_spending_says_so_instead_of_empty_lines() -> None:
    unbudgeted = dataclasses.replace(
        STATEMENT.missions[0],
        lines=(BudgetLine(BudgetCategory.personnel, Decimal("0.00"), Decimal("0.00")),),
    )
    text = text_of(
        render_donor_statement(dataclasses.replace(STATEMENT, missions=(unbudgeted,)), "en")
    )
    assert "No budget or spending is recorded for this mission yet." in text
    assert "Budget and spending by line" not in text and "Personnel" not in text


def test_a_period_without_money_says_so() -> None:
    empty = dataclasses.replace(STATEMENT, contributions=(), missions=())
    text = text_of(render_donor_statement(empty, "en"))
    assert "No contributions were recorded in the period." in text
    assert "No mission received funds from the donor in the period." in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sample_statement_opens_page_by_page(language: str, tmp_path: Path) -> None:
    document = render_donor_statement(samples.donor_statement(), language)
    assert len(page_images(document, tmp_path)) == len(pages_text(document)) >= 4


def test_a_state_donor_is_named_in_the_readers_language_never_in_english_unmarked(
    spanish: str,
) -> None:
    # The donor was entered in English as "Kingdom of Spain"; a Spanish reader reads the
    # name of its country in Spanish, on the cover and in the summary.
    assert "Kingdom of Spain" not in spanish
    assert spanish.count("España") >= 2
