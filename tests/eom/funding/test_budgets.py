"""Budget revisions: the original kept beside each revision, stale reads refused."""

from datetime import date
from decimal import Decimal

import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, StaleVersion
from eom.funding import budgets
from eom.funding.models import BudgetCategory, BudgetIn
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionCreate
from tests.factories import make_mission, set_budget


def test_a_budget_revision_keeps_the_original_beside_it(db: Database) -> None:
    mission = make_mission(db)
    set_budget(db, mission, {"personnel": "1000.00"})
    set_budget(db, mission, {"personnel": "1200.00", "travel": "300.00"})
    with db.session_scope() as session:
        budget = budgets.budget_of(session, missions.get_mission(session, mission.id or 0))
    assert [(r.number, r.kind, r.total_usd) for r in budget.revisions] == [
        (1, "original", Decimal("1000.00")),
        (2, "revised", Decimal("1500.00")),
    ]
    assert budget.current is not None and budget.current.number == 2


def test_a_budget_revised_from_a_stale_read_is_refused(db: Database) -> None:
    mission = make_mission(db)
    set_budget(db, mission, {"personnel": "1000.00"})
    set_budget(db, mission, {"personnel": "1100.00"})
    data = BudgetIn.model_validate({"lines": [{"category": "personnel", "amount_usd": "900"}]})
    with db.session_scope() as session, pytest.raises(StaleVersion):
        fresh = missions.get_mission(session, mission.id or 0)
        budgets.revise_budget(session, fresh, data, actor=SYSTEM, expected_revision=1)


def test_a_planned_budget_given_with_the_invitation_is_the_original_budget(
    db: Database,
) -> None:
    data = MissionCreate.model_validate(
        {
            "code": "EOM-PER-2026",
            "kind": "electoral_observation",
            "host_country": "PE",
            "election_type": "general",
            "election_date": "2026-10-04",
            "planned_budget_usd": "900000.00",
        }
    )
    with db.session_scope() as session:
        mission = budgets.open_mission(session, data, actor=SYSTEM)
        budget = budgets.budget_of(session, mission)
        assert budget.current is not None
        assert [(line.category, line.amount_usd) for line in budget.current.lines] == [
            (BudgetCategory.other, Decimal("900000.00"))
        ]
        assert budgets.totals_in_force(session, [mission.id or 0]) == {
            mission.id: Decimal("900000.00")
        }


def test_the_budget_in_force_is_the_last_revision_and_none_without_one(db: Database) -> None:
    with_budget, without = make_mission(db), make_mission(db)
    set_budget(db, with_budget, {"personnel": "1000.00"})
    set_budget(db, with_budget, {"personnel": "1200.00", "travel": "300.50"})
    with db.session_scope() as session:
        found = budgets.totals_in_force(session, [with_budget.id or 0, without.id or 0])
    assert found == {with_budget.id: Decimal("1500.50")}


def test_a_revision_is_dated_when_it_was_decided_and_never_in_the_future(db: Database) -> None:
    mission = make_mission(db)
    lines = BudgetIn.model_validate({"lines": [{"category": "personnel", "amount_usd": "1"}]})
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        revision = budgets.revise_budget(session, fresh, lines, actor=SYSTEM, on=date(2026, 1, 5))
        assert revision.recorded_on == date(2026, 1, 5)
    with pytest.raises(Conflict, match="is in the future"), db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        budgets.revise_budget(session, fresh, lines, actor=SYSTEM, on=date(2999, 1, 1))
