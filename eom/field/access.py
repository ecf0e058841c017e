"""Who may file and read a mission's field reports.

Only a deployed member of a mission files for it (checklists and incidents); its meetings
with interlocutors only a deployed member of its core team or a coordinator
(``MEETING_ROLES``). DECO staff read every filing of a mission; a member reads their own;
anyone else reads none, and a filing read by its uuid does not exist for them. An
incident's photos are added by the observer who reported it and seen by them and staff.
"""

from collections.abc import Collection

from sqlmodel import Session, col, select

from eom.accounts.access import is_staff
from eom.accounts.models import User
from eom.core.errors import Conflict, Forbidden, NotFound
from eom.field import forms, timing
from eom.field.models import Form, FormStatus, Incident, Meeting, Submission
from eom.planning import access as planning_access
from eom.planning.access import observer_of
from eom.planning.members.models import MemberRole, MemberStatus, MissionMember
from eom.planning.members.service import members_of
from eom.planning.missions.models import Mission
from eom.planning.missions.service import get_mission
from eom.planning.observers.models import Observer

Place = tuple[Mission, MissionMember]

# Who meets the mission's interlocutors and files the meetings: its core team (the chief,
# the deputy, the core group and the specialists, who meet those of their theme) and the
# regional coordinators, in their regions; not the observers at the stations.
MEETING_ROLES = frozenset(
    {
        MemberRole.chief,
        MemberRole.deputy_chief,
        MemberRole.core_group,
        MemberRole.specialist,
        MemberRole.regional_coordinator,
    }
)


def deployed_places(
    session: Session, mission_ids: set[int], users: Collection[User]
) -> dict[tuple[int, int], Place]:
    """Where these observers' accounts are deployed among these missions, by (mission id,
    user id): one query for accounts linked to their roster entries (an account not yet
    linked is linked first, as ``observer_of`` links it)."""
    if not mission_ids or not users:
        return {}
    places = _deployed(session, mission_ids, {u.id or 0 for u in users})
    found = {user_id for _, user_id in places}
    unlinked = [u for u in users if u.id not in found]
    if any(observer_of(session, u) is not None for u in unlinked):
        places = _deployed(session, mission_ids, {u.id or 0 for u in users})
    return places


def _deployed(
    session: Session, mission_ids: set[int], user_ids: set[int]
) -> dict[tuple[int, int], Place]:
    rows = session.exec(
        select(Mission, MissionMember, Observer.user_id)
        .join(MissionMember, col(MissionMember.mission_id) == col(Mission.id))
        .join(Observer, col(Observer.id) == col(MissionMember.observer_id))
        .where(
            col(Mission.id).in_(mission_ids),
            col(Observer.user_id).in_(user_ids),
            MissionMember.status == MemberStatus.deployed,
        )
    )
    return {(mission.id or 0, user_id or 0): (mission, member) for mission, member, user_id in rows}


def deployed_member(session: Session, mission: Mission, user: User) -> MissionMember:
    """The caller's place in the mission, if they are deployed there; ``Forbidden`` if not."""
    mission_id = mission.id or 0
    place = deployed_places(session, {mission_id}, [user]).get((mission_id, user.id or 0))
    if place is None:
        raise Forbidden(
            "Only a deployed member of {code} may report for it.",
            code=mission.code,
            problem="not-deployed",
        )
    return place[1]


def filing_member(session: Session, mission_id: int, user: User) -> Place:
    """The mission and the caller's place in it, if they are deployed there: one query for
    the observer who files, the usual visibility rules (404, then 403) for anyone else."""
    place = deployed_places(session, {mission_id}, [user]).get((mission_id, user.id or 0))
    if place is not None:
        return place
    mission = planning_access.visible_mission(session, mission_id, user)
    return mission, deployed_member(session, mission, user)


def files_meetings(member: MissionMember) -> bool:
    """Whether the member may file the mission's meetings now: deployed, in a role of
    ``MEETING_ROLES``."""
    return member.status == MemberStatus.deployed and member.role in MEETING_ROLES


def meeting_filer(session: Session, mission_id: int, user: User) -> Place:
    """The mission and the caller's place in it, if they may file its meetings (a deployed
    member in a role of ``MEETING_ROLES``): ``Forbidden`` for another deployed member, the
    usual visibility rules (404, then 403) for anyone else."""
    mission, member = filing_member(session, mission_id, user)
    if not files_meetings(member):
        raise Forbidden(
            "Only the core team and the coordinators of {code} file its meetings.",
            problem="not-core-team",
            code=mission.code,
        )
    return mission, member


def field_reader(session: Session, mission: Mission, user: User) -> MissionMember | None:
    """Whose field reports the caller may read: all (None) for staff, their own for a
    member of the mission; anyone else may read none."""
    if is_staff(user):
        return None
    observer = observer_of(session, user)
    if observer is not None:
        own = members_of(session, mission, observer_id=observer.id)
        if own:
            return own[0][0]
    raise Forbidden("Only DECO staff and the mission's own members may read its field reports.")


def incident_seen_by(
    session: Session, incident_uuid: str, user: User, *, mission: Mission | None = None
) -> Incident:
    """The incident with this uuid (of this mission, if one is named), for the observer who
    reported it and for DECO staff; for anyone else it is ``NotFound``, as if it did not
    exist."""
    return _seen(session, incident_uuid, user, mission)[0]


def incident_filed_by(session: Session, incident_uuid: str, user: User) -> Incident:
    """The caller's own incident, while they may still report for its mission (deployed
    there). ``NotFound`` for whoever may not see it; ``Forbidden`` for staff, who see it
    but did not report it, and for its observer once they no longer report for it."""
    incident, reported_it = _seen(session, incident_uuid, user, None)
    if not reported_it:
        raise Forbidden(
            "Only the observer who reported incident {uuid} may add to it.", uuid=incident_uuid
        )
    mission = get_mission(session, incident.mission_id)
    deployed_member(session, mission, user)
    timing.taking_filings(mission)  # no photo joins an incident once the figures are final
    return incident


def _seen(
    session: Session, incident_uuid: str, user: User, mission: Mission | None
) -> tuple[Incident, bool]:
    """The incident if the caller may see it, and whether they reported it; ``NotFound``
    if they may not (or it is not of ``mission``)."""
    incident = session.exec(select(Incident).where(Incident.uuid == incident_uuid)).first()
    if incident is not None and (mission is None or incident.mission_id == mission.id):
        reported_it = _filed_by(session, incident.member_id, user)
        if reported_it or is_staff(user):
            return incident, reported_it
    raise NotFound("No incident {uuid}.", uuid=incident_uuid)


def readable_form(session: Session, mission: Mission, form_id: int, user: User) -> Form:
    """The form version if the caller may read it: staff any version, the mission's members
    the published ones (a draft is a 404 to them), anyone else none (``Forbidden``)."""
    reader = field_reader(session, mission, user)
    form = forms.get_form(session, mission, form_id)
    if reader is not None and form.status != FormStatus.published:
        raise NotFound("No form {form_id} in this mission.", form_id=form_id)
    return form


def readable_submission(session: Session, uuid: str, user: User) -> Submission:
    """The submission if the caller filed it or is staff; for anyone else it does not
    exist (``NotFound``, never ``Forbidden``: a uuid's existence is not revealed)."""
    found = session.get(Submission, uuid)
    if found is None or not _filer_or_staff(session, found.member_id, user):
        raise NotFound("No submission {uuid}.", uuid=uuid)
    return found


def readable_meeting(session: Session, uuid: str, user: User) -> Meeting:
    """The meeting if the caller filed it or is staff; for anyone else it does not exist
    (``NotFound``, as a submission's uuid)."""
    found = session.exec(select(Meeting).where(Meeting.uuid == uuid)).first()
    if found is None or not _filer_or_staff(session, found.member_id, user):
        raise NotFound("No meeting {uuid}.", uuid=uuid)
    return found


def _filer_or_staff(session: Session, member_id: int, user: User) -> bool:
    return is_staff(user) or _filed_by(session, member_id, user)


def _filed_by(session: Session, member_id: int, user: User) -> bool:
    """Whether the caller is the observer of this membership (who filed as it)."""
    observer = observer_of(session, user)
    if observer is None:
        return False
    member = session.get(MissionMember, member_id)
    return member is not None and member.observer_id == observer.id


def check_own_uuid(filer_id: int, member: MissionMember, uuid: str) -> None:
    """A uuid already stored is the filer's own: another member resending it is refused
    (``Conflict``, ``uuid-taken``) and never answered with the filer's record."""
    if filer_id != member.id:
        raise Conflict("The uuid {uuid} is taken: make a new one.", problem="uuid-taken", uuid=uuid)
