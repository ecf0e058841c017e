"""Mission budgets by line, in USD. Each change is a new revision; none is overwritten, so
the original and the revised budget stay side by side (IATI budget types 1 and 2)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, func, select

from eom.accounts import service as accounts
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, check_version
from eom.funding.models import (
    BudgetCategory,
    BudgetIn,
    BudgetLine,
    BudgetLinePublic,
    BudgetPublic,
    BudgetRevision,
    BudgetRevisionPublic,
)
from eom.funding.money import cents_sum, from_cents
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionCreate
from eom.planning.missions.service import chain_of


def open_mission(session: Session, data: MissionCreate, *, actor: Actor) -> Mission:
    """Record an invitation as a new mission; a planned budget given with it becomes the
    mission's original budget (revision 1, one line), which later revisions refine."""
    mission = missions.create_mission(session, data, actor=actor)
    if data.planned_budget_usd:
        line = {"category": BudgetCategory.other, "amount_usd": data.planned_budget_usd}
        planned = BudgetIn.model_validate({"lines": [line], "note": "Planned budget"})
        revise_budget(session, mission, planned, actor=actor)
    return mission


def totals_in_force(session: Session, mission_ids: Sequence[int]) -> dict[int, Decimal]:
    """The budget in force of each of these missions that has one, in USD: the sum of the
    lines of its latest revision (the one figure every page and file shows)."""
    if not mission_ids:
        return {}
    latest = (
        select(BudgetRevision.mission_id, func.max(BudgetRevision.number).label("number"))
        .where(col(BudgetRevision.mission_id).in_(mission_ids))
        .group_by(col(BudgetRevision.mission_id))
        .subquery()
    )
    rows = session.exec(
        select(BudgetRevision.mission_id, cents_sum(BudgetLine.amount_usd))
        .join(BudgetLine, col(BudgetLine.revision_id) == col(BudgetRevision.id))
        .join(
            latest,
            (latest.c.mission_id == col(BudgetRevision.mission_id))
            & (latest.c.number == col(BudgetRevision.number)),
        )
        .group_by(col(BudgetRevision.mission_id))
    )
    return {mission_id: from_cents(cents) for mission_id, cents in rows}


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
        recorded_by=accounts.public_actors(session, [revision.recorded_by])[revision.recorded_by],
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
    on: date | None = None,
) -> BudgetRevision:
    """Store the mission's budget as its next revision (the first is the original), dated
    ``on`` (today by default; never in the future). A budget may be revised in any state,
    closing the accounts of a finished mission too.

    ``expected_revision`` is the revision the caller read (from ``If-Match``)."""
    check_version(current_number(session, mission), expected_revision)
    assert mission.id is not None
    today = utcnow().date()
    if on is not None and on > today:
        raise Conflict(
            "A budget revision records what was decided: {on} is in the future.",
            on=on.isoformat(),
        )
    revision = BudgetRevision(
        mission_id=mission.id,
        number=current_number(session, mission) + 1,
        note=data.note,
        recorded_on=on or today,
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
    # One entry for the revision with its lines, once they are stored.
    audit.record_row(
        session,
        revision,
        actor=actor,
        action="create",
        chain=chain_of(mission.id),
        after=revision_view(session, revision).model_dump(mode="json"),
    )
    return revision
