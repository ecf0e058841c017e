"""Who may see what of DECO's planning: missions, their members and acknowledgements.

DECO staff (and administrators) see and manage everything. An observer sees the public
missions, the missions they belong to, and only their own memberships and
acknowledgements. Donors and anonymous visitors see public missions only. What a caller
may not see does not exist for them: ``NotFound``.
"""

from datetime import datetime

from sqlmodel import Session, select

from eom.accounts.access import is_staff
from eom.accounts.models import Role, User
from eom.core.errors import Forbidden, NotFound
from eom.planning.members.models import MissionMember
from eom.planning.members.service import members_of
from eom.planning.missions.models import Mission, MissionStatus
from eom.planning.missions.service import get_mission, list_missions
from eom.planning.observers.models import Observer
from eom.planning.observers.service import account_entry


def observer_of(session: Session, user: User | None) -> Observer | None:
    """The roster entry of a signed-in observer: the one linked to the account, or, for an
    account not yet linked, the unlinked entry with its email, which is linked to it then."""
    if user is None or user.role != Role.observer:
        return None
    return account_entry(session, user)


def own_mission_ids(session: Session, user: User | None) -> set[int]:
    observer = observer_of(session, user)
    if observer is None:
        return set()
    rows = session.exec(
        select(MissionMember.mission_id).where(MissionMember.observer_id == observer.id)
    )
    return set(rows.all())


def visible_missions(
    session: Session,
    user: User | None,
    *,
    limit: int,
    offset: int,
    status: MissionStatus | None = None,
    country: str | None = None,
    year: int | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[Mission], int]:
    """The missions this caller may see, newest election first, filtered, and how many:
    every mission for staff; the public ones and the caller's own for anyone else."""
    return list_missions(
        session,
        limit=limit,
        offset=offset,
        status=status,
        country=country,
        year=year,
        updated_since=updated_since,
        public_only=not is_staff(user),
        or_ids=own_mission_ids(session, user),
    )


def visible_mission(session: Session, mission_id: int, user: User | None) -> Mission:
    """The mission if this caller may see it; ``NotFound`` otherwise."""
    mission = get_mission(session, mission_id)
    if is_staff(user) or mission.is_public or mission_id in own_mission_ids(session, user):
        return mission
    raise NotFound("No mission with id {mission_id}.", mission_id=mission_id)


def report_mission(session: Session, mission_id: int, user: User | None) -> Mission:
    """The mission whose report this caller may read: staff any mission's, at any time;
    whoever may see the mission, once its report is published. ``NotFound`` otherwise."""
    mission = visible_mission(session, mission_id, user)
    if is_staff(user) or mission.report_published:
        return mission
    raise NotFound("Mission {mission_id} has no published report.", mission_id=mission_id)


def own_member(
    session: Session, mission: Mission, member_id: int, user: User | None
) -> MissionMember:
    """The member if it is the caller themself (staff may read any); ``NotFound`` otherwise."""
    member = session.get(MissionMember, member_id)
    observer = observer_of(session, user)
    mine = observer is not None and member is not None and member.observer_id == observer.id
    if member is None or member.mission_id != mission.id or not (mine or is_staff(user)):
        raise NotFound("No member {member_id} in this mission.", member_id=member_id)
    return member


def visible_members(
    session: Session, mission: Mission, user: User | None
) -> list[tuple[MissionMember, Observer]]:
    """Every member for staff; an observer's own place only; nobody else's."""
    if is_staff(user):
        return members_of(session, mission)
    observer = observer_of(session, user)
    if observer is None:
        raise Forbidden("Only DECO staff and the mission's own members may see its members.")
    own = members_of(session, mission, observer_id=observer.id)
    if not own:
        raise NotFound("No mission with id {mission_id}.", mission_id=mission.id)
    return own


def require_member_themself(session: Session, member: MissionMember, user: User | None) -> None:
    observer = observer_of(session, user)
    if observer is None or member.observer_id != observer.id:
        raise Forbidden("Only the member themself acknowledges the code.")


def own_member_anywhere(session: Session, member_id: int, user: User | None) -> MissionMember:
    """The caller's own membership with this id, in whatever mission; ``NotFound`` if not."""
    member = session.get(MissionMember, member_id)
    if member is None:
        raise NotFound("No member {member_id} in this mission.", member_id=member_id)
    mission = get_mission(session, member.mission_id)
    found = own_member(session, mission, member_id, user)
    require_member_themself(session, found, user)
    return found
