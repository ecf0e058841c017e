"""A mission's meetings with interlocutors: filed by its core team and coordinators, read by
DECO staff (all) and by whoever filed them (their own)."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import CurrentUser, Page, PaginationDep, RecordId, SessionDep, actor
from api.errors import problem_responses
from eom.core.reference import Theme
from eom.field import access as field_access
from eom.field import meetings
from eom.field.models import UUID_PATTERN, InstitutionType, MeetingCreate, MeetingPublic
from eom.planning import access

router = APIRouter(
    prefix="/missions/{mission_id}",
    tags=["meetings"],
    responses=problem_responses(401, 403, 404),
)
# A meeting read back by the uuid its device gave it, whatever its mission.
by_uuid_router = APIRouter(tags=["meetings"], responses=problem_responses(401, 404))
MeetingUuid = Annotated[str, Path(pattern=UUID_PATTERN, description="the uuid the device gave it")]


@router.post(
    "/meetings",
    response_model=MeetingPublic,
    status_code=201,
    responses={
        200: {"model": MeetingPublic, "description": "A retry: the stored meeting"},
        **problem_responses(409),
    },
)
def file_meeting(
    mission_id: RecordId,
    data: MeetingCreate,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
) -> MeetingPublic:
    """Record a meeting with an interlocutor; only a deployed member of the mission's core
    team or a coordinator may. The same uuid again: 200 with the stored record; with
    other content: 409."""
    mission, member = field_access.meeting_filer(session, mission_id, user)
    meeting, created = meetings.record(session, mission, member, data, actor=actor(user))
    if not created:
        response.status_code = 200
    return MeetingPublic.model_validate(meeting)


@router.get("/meetings", response_model=Page[MeetingPublic])
def list_meetings(
    mission_id: RecordId,
    session: SessionDep,
    user: CurrentUser,
    page: PaginationDep,
    theme: Theme | None = None,
    institution_type: InstitutionType | None = None,
) -> Page[MeetingPublic]:
    """The mission's meetings, the latest held first, of one theme or kind of institution
    if asked: all for staff, a member's own for a member."""
    mission = access.visible_mission(session, mission_id, user)
    member = field_access.field_reader(session, mission, user)
    items, total = meetings.list_meetings(
        session,
        mission,
        member=member,
        limit=page.limit,
        offset=page.offset,
        theme=theme,
        institution_type=institution_type,
    )
    return Page[MeetingPublic](items=[MeetingPublic.model_validate(m) for m in items], total=total)


@by_uuid_router.get("/meetings/{uuid}", response_model=MeetingPublic)
def read_meeting(uuid: MeetingUuid, session: SessionDep, user: CurrentUser) -> MeetingPublic:
    """One meeting, for whoever filed it and staff (a 404 to anyone else)."""
    return MeetingPublic.model_validate(field_access.readable_meeting(session, uuid, user))
