"""Funding figures match hand-computed examples to the cent, across currencies."""

from datetime import date
from decimal import Decimal

import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.funding import figures, movements
from eom.funding.figures import PortfolioGrouping
from eom.funding.models import BudgetCategory, DonorKind, MovementKind, ReversalIn
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from tests.factories import make_donor, make_mission, make_rate, record_money, set_budget

K = MovementKind
ON = date(2026, 3, 2)


@pytest.fixture
def funded(db: Database) -> Mission:
    """The worked example (hand-computed in the comments): CAD, EUR, JPY and USD."""
    mission = make_mission(db, code="EOM-BOL-2026", election_date=date(2026, 8, 17))
    set_budget(
        db, mission, {"personnel": "100000.00", "travel": "50000.00", "per_diem": "25000.50"}
    )
    set_budget(
        db, mission, {"personnel": "110000.00", "travel": "50000.00", "per_diem": "25000.50"}
    )
    make_rate(db, "CAD", ON, "0.7391")
    make_rate(db, "EUR", ON, "1.0825")
    make_rate(db, "JPY", ON, "0.006683")
    canada = make_donor(db, name="Canada", kind=DonorKind.member_state, country="CA")
    spain = make_donor(db, name="Spain", country="ES")
    japan = make_donor(db, name="Japan", country="JP", amounts_public=False)
    record_money(db, mission, K.pledge, "100000.00", "CAD", donor_id=canada.id)  # 73,910.00
    record_money(db, mission, K.commitment, "80000.00", "CAD", donor_id=canada.id)  # 59,128.00
    record_money(db, mission, K.received, "50000.00", "CAD", donor_id=canada.id)  # 36,955.00
    record_money(db, mission, K.commitment, "33333.33", "EUR", donor_id=spain.id)  # 36,083.329725
    record_money(db, mission, K.received, "33333.33", "EUR", donor_id=spain.id)  # → 36,083.33
    record_money(db, mission, K.pledge, "5000000", "JPY", donor_id=japan.id)  # 33,415.00
    record_money(db, mission, K.commitment, "5000000", "JPY", donor_id=japan.id)  # 33,415.00
    record_money(db, mission, K.received, "2500000", "JPY", donor_id=japan.id)  # 16,707.50
    record_money(db, mission, K.expenditure, "40000.00", "USD", budget_category="personnel")
    record_money(db, mission, K.expenditure, "12345.67", "EUR", budget_category="travel")
    # 13,364.187775 → 13,364.19. A mistaken receipt, then its reversal: they cancel.
    wrong = record_money(db, mission, K.received, "1000.00", "CAD", donor_id=canada.id)
    with db.session_scope() as session:
        fresh = movements.get_movement(session, wrong.id or 0)
        movements.reverse_movement(session, fresh, ReversalIn(on=ON), actor=SYSTEM)
    return mission


def figures_of(db: Database, mission: Mission) -> figures.MissionFunding:
    with db.session_scope() as session:
        return figures.mission_figures(session, missions.get_mission(session, mission.id or 0))


def test_mission_totals_match_the_hand_computed_example(db: Database, funded: Mission) -> None:
    found = figures_of(db, funded)
    assert found.budget == Decimal("185000.50")
    assert found.original_budget == Decimal("175000.50")
    assert found.pledged == Decimal("107325.00")  # 73,910.00 + 33,415.00
    assert found.committed == Decimal("128626.33")  # 59,128.00 + 36,083.33 + 33,415.00
    assert found.received == Decimal("89745.83")  # 36,955.00 + 36,083.33 + 16,707.50
    assert found.spent == Decimal("53364.19")  # 40,000.00 + 13,364.19
    assert found.balance == Decimal("36381.64")  # received − spent
    assert found.gap == Decimal("56374.17")  # budget − committed
    assert found.burn_rate == Decimal("0.2885")  # 53,364.19 ÷ 185,000.50 = 0.28845…


def test_figures_by_donor_are_in_usd_at_each_dated_rate(db: Database, funded: Mission) -> None:
    by_donor = {d.donor: d for d in figures_of(db, funded).by_donor}
    assert (by_donor["Canada"].pledged, by_donor["Canada"].committed) == (
        Decimal("73910.00"),
        Decimal("59128.00"),
    )
    assert by_donor["Canada"].received == Decimal("36955.00")  # the reversal nets to zero
    assert by_donor["Spain"].received == Decimal("36083.33")
    assert by_donor["Japan"].received == Decimal("16707.50")


def test_spent_by_line_against_the_budget_in_force(db: Database, funded: Mission) -> None:
    lines = {line.category: line for line in figures_of(db, funded).by_line}
    personnel = lines[BudgetCategory.personnel]
    assert (personnel.budget, personnel.spent, personnel.remaining) == (
        Decimal("110000.00"),
        Decimal("40000.00"),
        Decimal("70000.00"),
    )
    assert lines[BudgetCategory.travel].remaining == Decimal("36635.81")
    assert lines[BudgetCategory.per_diem].spent == Decimal("0.00")


def test_a_mission_without_money_has_zero_figures_and_no_burn_rate(db: Database) -> None:
    found = figures_of(db, make_mission(db))
    assert (found.budget, found.committed, found.gap, found.burn_rate) == (
        Decimal(0),
        Decimal(0),
        Decimal(0),
        None,
    )


def test_cents_add_up_exactly_over_many_small_amounts(db: Database) -> None:
    mission = make_mission(db)
    donor = make_donor(db)
    for _ in range(30):
        record_money(db, mission, K.commitment, "0.10", "USD", donor_id=donor.id)
    assert figures_of(db, mission).committed == Decimal("3.00")  # 0.1 × 30 in floats is not 3


def test_the_portfolio_groups_by_year_country_and_donor(db: Database, funded: Mission) -> None:
    other = make_mission(db, code="EOM-PER-2024", host_country="PE", election_date=date(2024, 4, 7))
    set_budget(db, other, {"logistics": "20000.00"})
    donor = make_donor(db, name="Canada Fund", kind=DonorKind.foundation, country="CA")
    record_money(db, other, K.commitment, "5000.00", "USD", donor_id=donor.id)
    with db.session_scope() as session:
        by_year = figures.portfolio(session, PortfolioGrouping.year).rows
        by_country = figures.portfolio(session, PortfolioGrouping.country).rows
        by_donor = figures.portfolio(session, PortfolioGrouping.donor).rows
    assert [(r.key, r.budget, r.committed, r.gap) for r in by_year] == [
        ("2024", Decimal("20000.00"), Decimal("5000.00"), Decimal("15000.00")),
        ("2026", Decimal("185000.50"), Decimal("128626.33"), Decimal("56374.17")),
    ]
    assert [r.key for r in by_country] == ["BO", "PE"]
    assert by_country[0].spent == Decimal("53364.19")
    assert [(r.key, r.committed, r.missions) for r in by_donor][:2] == [
        ("Canada", Decimal("59128.00"), 1),
        ("Spain", Decimal("36083.33"), 1),
    ]
    assert by_donor[0].budget is None


def test_a_mission_is_underfunded_while_less_than_half_its_budget_is_committed(
    db: Database,
) -> None:
    mission = make_mission(db, code="EOM-ECU-2026")
    assert not figures_of(db, mission).underfunded  # no budget yet: nothing to fund
    set_budget(db, mission, {"personnel": "1000.00"})
    record_money(db, mission, K.commitment, "499.99", "USD", donor_id=make_donor(db).id)
    assert figures_of(db, mission).underfunded
    record_money(
        db, mission, K.commitment, "0.01", "USD", donor_id=make_donor(db, name="Brazil").id
    )
    assert not figures_of(db, mission).underfunded  # half committed


def test_the_portfolio_from_sums_read_once_equals_the_portfolio_read_alone(
    db: Database, funded: Mission
) -> None:
    with db.session_scope() as session:
        sums = figures.read_sums(session)
        for grouping in PortfolioGrouping:
            alone = figures.portfolio(session, grouping)
            assert figures.portfolio(session, grouping, sums=sums) == alone
        mission = missions.get_mission(session, funded.id or 0)
        assert figures.figures_of(session, [mission], sums=sums) == [
            figures.mission_figures(session, mission)
        ]
