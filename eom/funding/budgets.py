"""Mission budgets by line, in USD. Each change is a new revision; none is overwritten, so
the original and the revised budget stay side by side (IATI budget types 1 and 2)."""

from decimal import Decimal

from sqlmodel import Session, col, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.clock import utcnow
from eom.errors import check_version
from eom.funding.models import (
    BudgetIn,
    BudgetLine,
    BudgetLinePublic,
    BudgetPublic,
    BudgetRevision,
    BudgetRevisionPublic,
)
from eom.missions.models import Mission
from eom.missions.service import chain_of


def revisions_of(session: Session, mission: Mission) -> list[BudgetRevision]:
    """The mission's budget revisions, the original first."""
    return list(
        session.exec(
            select(BudgetRevision)
            .where(BudgetRevision.mission_id == mission.id)
            .order_by(col(BudgetRevision.number))
        )
    )


def lines_of(session: Session, revision: BudgetRevision) -> list[BudgetLine]:
    return list(
        session.exec(
            select(BudgetLine)
            .where(BudgetLine.revision_id == revision.id)
            .order_by(col(BudgetLine.category))
        )
    )


def revision_view(session: Session, revision: BudgetRevision) -> BudgetRevisionPublic:
    lines = lines_of(session, revision)
    return BudgetRevisionPublic(
        number=revision.number,
        kind="original" if revision.number == 1 else "revised",
        recorded_on=revision.recorded_on,
        recorded_by=revision.recorded_by,
        note=revision.note,
        total_usd=sum((Decimal(line.amount_usd) for line in lines), Decimal("0.00")),
        lines=[BudgetLinePublic(category=li.category, amount_usd=li.amount_usd) for li in lines],
    )


def budget_of(session: Session, mission: Mission) -> BudgetPublic:
    """Every revision of the mission's budget and the one in force (the latest)."""
    revisions = [revision_view(session, r) for r in revisions_of(session, mission)]
    assert mission.id is not None
    return BudgetPublic(
        mission_id=mission.id, current=revisions[-1] if revisions else None, revisions=revisions
    )


def current_number(session: Session, mission: Mission) -> int:
    """The number of the revision in force; 0 when the mission has no budget yet."""
    revisions = revisions_of(session, mission)
    return revisions[-1].number if revisions else 0


def revise_budget(
    session: Session,
    mission: Mission,
    data: BudgetIn,
    *,
    actor: Actor,
    expected_revision: int | None = None,
) -> BudgetRevision:
    """Store the mission's budget as its next revision (the first is the original). A
    budget may be revised in any state, closing the accounts of a finished mission too.

    ``expected_revision`` is the revision the caller read (from ``If-Match``)."""
    check_version(current_number(session, mission), expected_revision)
    assert mission.id is not None
    revision = BudgetRevision(
        mission_id=mission.id,
        number=current_number(session, mission) + 1,
        note=data.note,
        recorded_on=utcnow().date(),
        recorded_by=actor.label,
        recorded_at=utcnow(),
    )
    session.add(revision)
    session.flush()
    assert revision.id is not None
    for line in data.lines:
        session.add(
            BudgetLine(revision_id=revision.id, category=line.category, amount_usd=line.amount_usd)
        )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity_type="budget_revision",
        entity_id=revision.id,
        after=revision_view(session, revision).model_dump(mode="json"),
        chain=chain_of(mission.id),
    )
    return revision
