"""Gathering a donor's statement from the funding domain: its figures equal the funding
figures to the cent, across currencies, reversals and periods (hand-computed below)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import InvalidInput
from eom.funding import donors, figures, movements
from eom.funding.models import BudgetCategory, DonorKind, MovementKind, ReversalIn
from eom.planning.missions import service as missions
from reports.donor_statement import gather as donor_gather
from reports.donor_statement.render import render_donor_statement
from reports.donor_statement.value import DonorStatement
from tests.factories import make_donor, make_mission, make_rate, record_money, set_budget
from tests.support.pdfs import text_of

K = MovementKind
MARCH, MAY = date(2026, 3, 2), date(2026, 5, 4)
TODAY = date(2026, 11, 28)


@dataclass
class Example:
    canada: int
    bolivia: int
    peru: int


@pytest.fixture
def example(db: Database) -> Example:
    """Canada funds Bolivia (CAD, with a mistaken receipt reversed in May) and Peru (CAD
    at May's rate); Spain also funds Bolivia (EUR); Bolivia spends in USD and EUR."""
    bolivia = make_mission(db, code="EOM-BOL-2026", election_date=date(2026, 8, 17))
    peru = make_mission(db, code="EOM-PER-2026", host_country="PE", election_date=date(2026, 6, 7))
    set_budget(db, bolivia, {"personnel": "100000.00", "travel": "50000.00"})
    make_rate(db, "CAD", MARCH, "0.7391")
    make_rate(db, "CAD", MAY, "0.7302")
    make_rate(db, "EUR", MARCH, "1.0825")
    canada = make_donor(db, name="Canada", kind=DonorKind.member_state, country="CA")
    spain = make_donor(db, name="Spain", country="ES")
    record_money(db, bolivia, K.pledge, "100000.00", "CAD", donor_id=canada.id)  # 73,910.00
    record_money(db, bolivia, K.commitment, "80000.00", "CAD", donor_id=canada.id)  # 59,128.00
    record_money(db, bolivia, K.received, "50000.00", "CAD", donor_id=canada.id)  # 36,955.00
    wrong = record_money(db, bolivia, K.received, "1000.00", "CAD", donor_id=canada.id)  # 739.10
    with db.session_scope() as session:
        fresh = movements.get_movement(session, wrong.id or 0)
        movements.reverse_movement(session, fresh, ReversalIn(on=MAY), actor=SYSTEM)  # −739.10
    record_money(db, peru, K.commitment, "20000.00", "CAD", donor_id=canada.id, on=MAY)  # 14,604
    # 12,345.67 × 0.7302 = 9,014.808234 → 9,014.81
    record_money(db, peru, K.received, "12345.67", "CAD", donor_id=canada.id, on=MAY)
    record_money(db, bolivia, K.commitment, "33333.33", "EUR", donor_id=spain.id)  # 36,083.33
    record_money(db, bolivia, K.received, "33333.33", "EUR", donor_id=spain.id)  # 36,083.33
    record_money(db, bolivia, K.expenditure, "40000.00", "USD", budget_category="personnel")
    # 12,345.67 × 1.0825 = 13,364.187775 → 13,364.19
    record_money(db, bolivia, K.expenditure, "12345.67", "EUR", budget_category="travel")
    record_money(db, bolivia, K.expenditure, "1000.00", "USD", budget_category="travel", on=MAY)
    return Example(canada.id or 0, bolivia.id or 0, peru.id or 0)


def gather(db: Database, example: Example, start: date | None, end: date) -> DonorStatement:
    with db.session_scope(write=False) as session:
        donor = donors.get_donor(session, example.canada)
        return donor_gather.donor_statement(session, donor, start=start, end=end, today=TODAY)


def test_every_contribution_keeps_its_currency_rate_and_usd(db: Database, example: Example) -> None:
    statement = gather(db, example, None, TODAY)
    found = [
        (c.on, c.mission_code, c.kind, c.currency, c.amount, c.usd_rate, c.amount_usd)
        for c in statement.contributions
    ]
    cad = "CAD"
    assert [row[:3] for row in found] == [
        (MARCH, "EOM-BOL-2026", K.pledge),
        (MARCH, "EOM-BOL-2026", K.commitment),
        (MARCH, "EOM-BOL-2026", K.received),
        (MARCH, "EOM-BOL-2026", K.received),
        (MAY, "EOM-BOL-2026", K.received),
        (MAY, "EOM-PER-2026", K.commitment),
        (MAY, "EOM-PER-2026", K.received),
    ]
    assert found[0][3:] == (cad, Decimal("100000.00"), Decimal("0.7391"), Decimal("73910.00"))
    assert found[6][3:] == (cad, Decimal("12345.67"), Decimal("0.7302"), Decimal("9014.81"))


def test_a_reversal_is_shown_as_such_at_the_rate_of_its_entry(
    db: Database, example: Example
) -> None:
    reversal = gather(db, example, None, TODAY).contributions[4]
    assert (reversal.amount, reversal.usd_rate, reversal.amount_usd, reversal.reverses_on) == (
        Decimal("-1000.00"),
        Decimal("0.7391"),
        Decimal("-739.10"),
        MARCH,
    )


def test_totals_by_kind_equal_the_donors_funding_figures(db: Database, example: Example) -> None:
    statement = gather(db, example, None, TODAY)
    assert statement.total_usd(K.pledge) == Decimal("73910.00")
    assert statement.total_usd(K.commitment) == Decimal("73732.00")  # 59,128.00 + 14,604.00
    assert statement.total_usd(K.received) == Decimal("45969.81")  # 36,955.00 + 9,014.81
    with db.session_scope(write=False) as session:
        funding = figures.figures_of(
            session, [missions.get_mission(session, i) for i in (example.bolivia, example.peru)]
        )
    shares = [d for f in funding for d in f.by_donor if d.donor == "Canada"]
    assert sum((d.pledged for d in shares), Decimal(0)) == statement.total_usd(K.pledge)
    assert sum((d.committed for d in shares), Decimal(0)) == statement.total_usd(K.commitment)
    assert sum((d.received for d in shares), Decimal(0)) == statement.total_usd(K.received)


def test_each_funded_mission_equals_its_funding_figures(db: Database, example: Example) -> None:
    statement = gather(db, example, None, TODAY)
    assert [m.code for m in statement.missions] == ["EOM-PER-2026", "EOM-BOL-2026"]
    peru, bolivia = statement.missions
    assert (bolivia.received_from_donor_usd, bolivia.received_usd) == (
        Decimal("36955.00"),
        Decimal("73038.33"),  # 36,955.00 from Canada + 36,083.33 from Spain
    )
    assert [(line.line, line.budget_usd, line.spent_usd) for line in bolivia.lines] == [
        (BudgetCategory.personnel, Decimal("100000.00"), Decimal("40000.00")),
        (BudgetCategory.travel, Decimal("50000.00"), Decimal("14364.19")),  # 13,364.19 + 1,000
    ]
    assert (peru.received_from_donor_usd, peru.received_usd, peru.lines) == (
        Decimal("9014.81"),
        Decimal("9014.81"),
        (),
    )
    with db.session_scope(write=False) as session:
        funding = figures.mission_figures(session, missions.get_mission(session, example.bolivia))
    assert (bolivia.received_usd, bolivia.spent_usd, bolivia.budget_usd) == (
        funding.received,
        funding.spent,
        funding.budget,
    )


def test_a_period_holds_its_contributions_and_the_missions_as_they_stood_at_its_end(
    db: Database, example: Example
) -> None:
    march = gather(db, example, date(2026, 3, 1), date(2026, 3, 31))
    assert [c.on for c in march.contributions] == [MARCH] * 4
    assert march.total_usd(K.received) == Decimal("37694.10")  # reversed only in May
    (bolivia,) = march.missions
    assert bolivia.received_usd == Decimal("73777.43")  # 36,955.00 + 739.10 + 36,083.33
    assert bolivia.spent_usd == Decimal("53364.19")  # May's 1,000.00 not yet spent
    with db.session_scope(write=False) as session:
        (funding,) = figures.figures_of(
            session, [missions.get_mission(session, example.bolivia)], until=date(2026, 3, 31)
        )
    assert (bolivia.received_usd, bolivia.spent_usd) == (funding.received, funding.spent)


def test_a_period_that_ends_before_it_starts_is_refused(db: Database, example: Example) -> None:
    with pytest.raises(InvalidInput, match="starts on 2026-05-01, after it ends on 2026-03-31"):
        gather(db, example, date(2026, 5, 1), date(2026, 3, 31))


def test_the_pdf_shows_the_gathered_figures_in_both_languages(
    db: Database, example: Example
) -> None:
    statement = gather(db, example, None, TODAY)
    english = text_of(render_donor_statement(statement, "en"))
    spanish = text_of(render_donor_statement(statement, "es"))
    assert "May 4, 2026 EOM-PER-2026 Received CA$12,345.67 0.7302 $9,014.81" in english
    assert "Received $45,969.81" in english and "Committed $73,732.00" in english
    assert "reversal of the entry of Mar 2, 2026 -CA$1,000.00 0.7391 -$739.10" in english
    assert "By November 28, 2026 it had received $73,038.33 from all sources" in english
    assert "Travel $50,000.00 $14,364.19" in english
    assert "4 may 2026 EOM-PER-2026 Recibido 12.345,67 CAD 0,7302 9.014,81 US$" in spanish
    assert "Recibido 45.969,81 US$" in spanish
    assert "Viajes 50.000,00 US$ 14.364,19 US$" in spanish
