"""A mission's preliminary visits: recorded and corrected by DECO, every change audited
in the mission's chain; each one shows on the mission's timeline on the day it ended."""

from typing import Any

from sqlmodel import Session, col, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import InvalidInput, NotFound
from eom.planning.missions.models import Mission, PreliminaryVisit, PreliminaryVisitIn
from eom.planning.missions.service import chain_of, check_open


def visits_of(session: Session, mission: Mission) -> list[PreliminaryVisit]:
    """The mission's preliminary visits, the first first."""
    return list(
        session.exec(
            select(PreliminaryVisit)
            .where(PreliminaryVisit.mission_id == mission.id)
            .order_by(col(PreliminaryVisit.starts_on), col(PreliminaryVisit.id))
        )
    )


def get_visit(session: Session, mission: Mission, visit_id: int) -> PreliminaryVisit:
    visit = session.get(PreliminaryVisit, visit_id)
    if visit is None or visit.mission_id != mission.id:
        raise NotFound(
            "{code} has no preliminary visit with id {visit_id}.",
            code=mission.code,
            visit_id=visit_id,
        )
    return visit


def record_visit(
    session: Session, mission: Mission, data: PreliminaryVisitIn, *, actor: Actor
) -> PreliminaryVisit:
    """Record a preliminary visit of a mission that is not closed or cancelled."""
    check_open(mission)
    _check_within_mission(mission, data)
    now = utcnow()
    visit = PreliminaryVisit.model_validate(
        _values(data), update={"mission_id": mission.id, "created_at": now, "updated_at": now}
    )
    return audit.created(session, visit, actor=actor, chain=chain_of(mission.id))


def update_visit(
    session: Session,
    mission: Mission,
    visit: PreliminaryVisit,
    data: PreliminaryVisitIn,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> PreliminaryVisit:
    """Correct a preliminary visit, whole (a stale version is refused: 412)."""
    check_open(mission)
    _check_within_mission(mission, data)
    with audit.changing(
        session, visit, actor=actor, chain=chain_of(mission.id), expected_version=expected_version
    ):
        visit.sqlmodel_update(_values(data))
    return visit


def _values(data: PreliminaryVisitIn) -> dict[str, Any]:
    # The meetings are stored as JSON: their days as ISO text.
    values = data.model_dump(exclude={"meetings"})
    values["meetings"] = [meeting.model_dump(mode="json") for meeting in data.meetings]
    return values


def _check_within_mission(mission: Mission, data: PreliminaryVisitIn) -> None:
    # A visit prepares the observation: after the request, before the election.
    if data.starts_on < mission.requested_on or data.ends_on > mission.election_date:
        raise InvalidInput(
            "A preliminary visit of {code} falls between its request ({requested}) and its "
            "election ({election}).",
            errors=[
                {
                    "loc": ["body", "starts_on"],
                    "msg": "A preliminary visit falls after the request, before the election.",
                }
            ],
            code=mission.code,
            requested=mission.requested_on.isoformat(),
            election=mission.election_date.isoformat(),
        )
