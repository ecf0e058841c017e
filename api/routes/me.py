"""The signed-in user's own field work, for the field app: ``/api/v1/me/...``."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentUser, Page, PaginationDep, SessionDep, UpdatedSince
from api.errors import problem_responses
from eom.core.clock import utcnow
from eom.core.inputs import MAX_ID
from eom.field import assignments, incidents, sent
from eom.field.assignments import MyAssignments
from eom.field.models import FiledSubmission, IncidentPublic, MeetingPublic

router = APIRouter(prefix="/me", tags=["me"], responses=problem_responses(401))


@router.get("/assignments", response_model=MyAssignments)
def my_assignments(session: SessionDep, user: CurrentUser) -> MyAssignments:
    """Everything the field app starts from, in one call: each mission the caller is on
    (invited, confirmed, accredited or deployed; only a deployed member files), their
    place in it, the stations they are sent to, the latest published version of each form
    with the JSON Schema of its answers, whether they file its meetings with
    interlocutors, and their code of conduct. Any role may ask; a
    user on no roster gets no missions."""
    return assignments.my_assignments(session, user, now=utcnow())


OfMission = Annotated[int | None, Query(ge=1, le=MAX_ID, description="of this mission only")]


@router.get("/submissions", response_model=Page[FiledSubmission])
def my_submissions(
    session: SessionDep,
    user: CurrentUser,
    page: PaginationDep,
    mission_id: OfMission = None,
    updated_since: UpdatedSince = None,
) -> Page[FiledSubmission]:
    """The caller's own submissions, newest received first, corrected ones too: a
    corrected one is ``superseded`` and names its correction (``superseded_by``), which
    names it (``supersedes``)."""
    items, total = sent.own_submissions(
        session,
        user,
        limit=page.limit,
        offset=page.offset,
        mission_id=mission_id,
        updated_since=updated_since,
    )
    return Page[FiledSubmission](items=items, total=total)


@router.get("/incidents", response_model=Page[IncidentPublic])
def my_incidents(
    session: SessionDep, user: CurrentUser, page: PaginationDep, mission_id: OfMission = None
) -> Page[IncidentPublic]:
    """The caller's own incidents, newest received first."""
    items, total = sent.own_incidents(
        session, user, limit=page.limit, offset=page.offset, mission_id=mission_id
    )
    return Page[IncidentPublic](items=incidents.views_of(session, items), total=total)


@router.get("/meetings", response_model=Page[MeetingPublic])
def my_meetings(
    session: SessionDep, user: CurrentUser, page: PaginationDep, mission_id: OfMission = None
) -> Page[MeetingPublic]:
    """The caller's own meetings with interlocutors, newest received first."""
    items, total = sent.own_meetings(
        session, user, limit=page.limit, offset=page.offset, mission_id=mission_id
    )
    return Page[MeetingPublic](items=[MeetingPublic.model_validate(m) for m in items], total=total)
