"""Meetings with interlocutors: what the mission's core team and coordinators record of each
meeting with an electoral body, the government, a party, the judiciary, civil society, the
media or the international community, and the lists DECO staff read them in. Who may file
and read them is ``access``'s to say; when, ``timing``'s."""

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict
from eom.core.reference import Theme
from eom.field import access, timing
from eom.field.models import InstitutionType, Meeting, MeetingBase, MeetingCreate
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission


def record(
    session: Session, mission: Mission, member: MissionMember, data: MeetingCreate, *, actor: Actor
) -> tuple[Meeting, bool]:
    """Store the meeting once per uuid; a retry returns the stored one (and False), the
    same uuid with other content is a ``Conflict`` (``uuid-reused``), from another member
    too (``uuid-taken``), and so is any
    meeting once the mission takes no more reports. Its day is one of the member's days in
    the mission and not after today (``timing.check_day``)."""
    timing.taking_filings(mission)
    existing = session.exec(select(Meeting).where(Meeting.uuid == data.uuid)).first()
    if existing is not None:
        access.check_own_uuid(existing.member_id, member, data.uuid)
        if content_of(existing) != content_of(data):
            raise Conflict(
                "Meeting {uuid} was already received with different content.",
                problem="uuid-reused",
                uuid=data.uuid,
            )
        return existing, False
    timing.check_day(mission, member, data.met_on, field="met_on")
    meeting = Meeting.model_validate(
        data,
        update={"mission_id": mission.id, "member_id": member.id, "created_at": utcnow()},
    )
    # Filings go to the member's own chain, like their checklists and incidents.
    return audit.created(
        session, meeting, actor=actor, chain=f"field:{mission.id}:{member.id}"
    ), True


def content_of(meeting: MeetingBase) -> tuple[object, ...]:
    """What makes two sends of one uuid the same meeting."""
    return (
        meeting.met_on,
        meeting.institution_type,
        meeting.institution,
        meeting.attendees,
        meeting.theme,
        meeting.summary,
        meeting.follow_up,
    )


def list_meetings(
    session: Session,
    mission: Mission,
    *,
    member: MissionMember | None,
    limit: int,
    offset: int,
    theme: Theme | None = None,
    institution_type: InstitutionType | None = None,
) -> tuple[list[Meeting], int]:
    """The mission's meetings, the latest held first: all (``member`` None, for staff) or
    one member's own; of one theme, with one kind of institution; and how many there are."""
    conditions: list[ColumnElement[bool]] = [col(Meeting.mission_id) == mission.id]
    if member is not None:
        conditions.append(col(Meeting.member_id) == member.id)
    if theme is not None:
        conditions.append(col(Meeting.theme) == theme)
    if institution_type is not None:
        conditions.append(col(Meeting.institution_type) == institution_type)
    total = session.exec(select(func.count()).select_from(Meeting).where(*conditions)).one()
    items = session.exec(
        select(Meeting)
        .where(*conditions)
        .order_by(col(Meeting.met_on).desc(), col(Meeting.id).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total
