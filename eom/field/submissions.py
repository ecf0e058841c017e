"""Reading the checklists a mission has received (``filing`` stores them)."""

from sqlmodel import Session, col, func, select

from eom.field.models import Submission
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission


def visible_submissions(
    session: Session, mission: Mission, *, member: MissionMember | None, limit: int, offset: int
) -> tuple[list[Submission], int]:
    """Submissions newest first: all of the mission for staff, a member's own otherwise."""
    conditions = [Submission.mission_id == mission.id]
    if member is not None:
        conditions.append(Submission.member_id == member.id)
    total = session.exec(select(func.count()).select_from(Submission).where(*conditions)).one()
    items = session.exec(
        select(Submission)
        .where(*conditions)
        .order_by(col(Submission.received_at).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total
