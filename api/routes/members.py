"""Mission members and their acknowledgements of the code of conduct."""

from fastapi import APIRouter, Request, Response

from api.deps import (
    CREATED,
    CurrentUser,
    ExpectedVersion,
    RecordId,
    SessionDep,
    StaffUser,
    actor,
    created_at,
    etag,
)
from api.errors import problem_responses
from eom.planning import access
from eom.planning.conduct import service as conduct
from eom.planning.conduct.models import AcknowledgeRequest, MemberConduct
from eom.planning.members import service as members
from eom.planning.members.models import MemberCreate, MemberPublic, MemberUpdate
from eom.planning.missions import service as missions

router = APIRouter(
    prefix="/missions/{mission_id}/members",
    tags=["members"],
    responses=problem_responses(401, 404),
)


@router.get("", response_model=list[MemberPublic], responses=problem_responses(403))
def list_members(
    mission_id: RecordId, session: SessionDep, user: CurrentUser
) -> list[MemberPublic]:
    """Every member for staff; for an observer, only their own place in the mission."""
    mission = access.visible_mission(session, mission_id, user)
    return members.views_of(session, access.visible_members(session, mission, user))


@router.post(
    "",
    response_model=MemberPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(403, 409)},
)
def add_member(
    mission_id: RecordId,
    data: MemberCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
) -> MemberPublic:
    """Invite an observer from the roster into the mission in a role, with their own days
    in the field if they are not the mission's (``arrives_on``, ``leaves_on``)."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    member = members.add_member(session, mission, data, actor=actor(staff))
    response.headers["ETag"] = etag(member.version)
    created_at(request, response, "read_member", mission_id=mission_id, member_id=member.id)
    return members.member_view(session, mission, member)


@router.get("/{member_id}", response_model=MemberPublic)
def read_member(
    mission_id: RecordId,
    member_id: RecordId,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
) -> MemberPublic:
    """One member: staff read any, an observer only themself."""
    mission = access.visible_mission(session, mission_id, user)
    member = access.own_member(session, mission, member_id, user)
    response.headers["ETag"] = etag(member.version)
    return members.member_view(session, mission, member)


@router.patch(
    "/{member_id}", response_model=MemberPublic, responses=problem_responses(403, 409, 412)
)
def update_member(
    mission_id: RecordId,
    member_id: RecordId,
    changes: MemberUpdate,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    version: ExpectedVersion,
) -> MemberPublic:
    """Change role, theme, area, days (``arrives_on``, ``leaves_on``; null for the
    mission's) or status (``invited → confirmed → accredited → deployed → completed``, or
    ``withdrawn``); a refusal says exactly why."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    member = members.update_member(
        session,
        mission,
        members.get_member(session, mission, member_id),
        changes,
        actor=actor(staff),
        expected_version=version,
    )
    response.headers["ETag"] = etag(member.version)
    return members.member_view(session, mission, member)


@router.get("/{member_id}/acknowledgements", response_model=MemberConduct)
def read_acknowledgements(
    mission_id: RecordId, member_id: RecordId, session: SessionDep, user: CurrentUser
) -> MemberConduct:
    """The code in force for this member, each item with when it was acknowledged."""
    mission = access.visible_mission(session, mission_id, user)
    return conduct.member_conduct(session, access.own_member(session, mission, member_id, user))


@router.post(
    "/{member_id}/acknowledgements",
    response_model=MemberConduct,
    status_code=201,
    responses=problem_responses(403),
)
def acknowledge(
    mission_id: RecordId,
    member_id: RecordId,
    data: AcknowledgeRequest,
    session: SessionDep,
    user: CurrentUser,
) -> MemberConduct:
    """The member acknowledges items of the code; only they can, and only for themself."""
    mission = access.visible_mission(session, mission_id, user)
    member = access.own_member(session, mission, member_id, user)
    access.require_member_themself(session, member, user)
    conduct.acknowledge(session, member, data.item_ids, actor=actor(user))
    return conduct.member_conduct(session, member)
