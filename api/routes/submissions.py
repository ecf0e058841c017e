"""Submissions, batches, incidents and statistics of a mission's election day."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from api.deps import (
    CREATED,
    BearerToken,
    CurrentUser,
    ExpectedVersion,
    GroupCommitDep,
    Page,
    PaginationDep,
    RecordId,
    SessionDep,
    StaffUser,
    UpdatedSince,
    actor,
    created_at,
    etag,
)
from api.errors import problem_responses
from api.group_commit import Sent
from eom.core.reference import Theme
from eom.field import access as field_access
from eom.field import filing, incidents, sent, statistics, submissions
from eom.field.models import (
    UUID_PATTERN,
    BatchIn,
    BatchOut,
    FiledSubmission,
    IncidentCreate,
    IncidentPublic,
    IncidentVerify,
    ItemResult,
    Phase,
    SubmissionIn,
    SubmissionPublic,
    Verification,
)
from eom.planning import access
from eom.planning.missions import service as missions

router = APIRouter(
    prefix="/missions/{mission_id}",
    tags=["field reporting"],
    responses=problem_responses(401, 403, 404),
)
# A filing read back by the uuid its device gave it, whatever its mission.
by_uuid_router = APIRouter(tags=["field reporting"], responses=problem_responses(401, 404))
FilingUuid = Annotated[str, Path(pattern=UUID_PATTERN, description="the uuid the device gave it")]


@router.post(
    "/submissions",
    response_model=SubmissionPublic,
    status_code=201,
    responses={
        **CREATED,
        200: {"model": SubmissionPublic, "description": "A retry: the stored submission"},
        **problem_responses(409),
    },
)
async def submit(
    mission_id: RecordId,
    data: SubmissionIn,
    request: Request,
    token: BearerToken,
    group_commit: GroupCommitDep,
) -> Response:
    """File one checklist. The same uuid again: 200 with the stored record; with other
    content: 409. Only a deployed member of the mission may file."""
    filed = await group_commit.file(Sent(token=token, mission_id=mission_id, data=data))
    # Serialized once here: the hot path skips FastAPI's second pass over the model.
    answer = Response(
        filed.submission.model_dump_json(),
        status_code=200 if filed.result == ItemResult.duplicate else 201,
        media_type="application/json",
    )
    created_at(request, answer, "read_submission", uuid=filed.submission.uuid)
    return answer


@router.post("/submissions/batch", response_model=BatchOut, responses=problem_responses(413, 415))
def submit_batch(
    mission_id: RecordId, batch: BatchIn, session: SessionDep, user: CurrentUser
) -> Response:
    """Up to 500 checklists at once, each answered in order (created, duplicate, conflict,
    invalid); every valid one is stored even when others fail. A retried batch is safe.
    The body may be sent compressed (``Content-Encoding: gzip``), at most 20 MB once
    inflated, as any API request's."""
    mission, member = field_access.filing_member(session, mission_id, user)
    results = filing.file_batch(session, mission, member, batch.items, actor=actor(user))
    return Response(BatchOut(results=results).model_dump_json(), media_type="application/json")


@router.get("/submissions", response_model=Page[SubmissionPublic])
def list_submissions(
    mission_id: RecordId,
    session: SessionDep,
    user: CurrentUser,
    page: PaginationDep,
    updated_since: UpdatedSince = None,
) -> Page[SubmissionPublic]:
    """All of the mission's submissions for staff; a member's own for a member."""
    mission = access.visible_mission(session, mission_id, user)
    member = field_access.field_reader(session, mission, user)
    items, total = submissions.visible_submissions(
        session,
        mission,
        member=member,
        limit=page.limit,
        offset=page.offset,
        updated_since=updated_since,
    )
    return Page[SubmissionPublic](
        items=[SubmissionPublic.model_validate(s) for s in items], total=total
    )


@router.post(
    "/incidents",
    response_model=IncidentPublic,
    status_code=201,
    responses={
        200: {"model": IncidentPublic, "description": "A retry: the stored incident"},
        **problem_responses(409),
    },
)
def report_incident(
    mission_id: RecordId,
    data: IncidentCreate,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
) -> IncidentPublic:
    """Report an incident; its uuid makes a retry safe."""
    mission, member = field_access.filing_member(session, mission_id, user)
    incident, created = incidents.report(session, mission, member, data, actor=actor(user))
    if not created:
        response.status_code = 200
    return incidents.view_of(session, incident)


@router.get("/incidents", response_model=Page[IncidentPublic])
def list_incidents(
    mission_id: RecordId,
    session: SessionDep,
    user: CurrentUser,
    page: PaginationDep,
    verification: Verification | None = None,
) -> Page[IncidentPublic]:
    """All incidents for staff; a member's own for a member."""
    mission = access.visible_mission(session, mission_id, user)
    member = field_access.field_reader(session, mission, user)
    items, total = incidents.list_incidents(
        session,
        mission,
        member=member,
        limit=page.limit,
        offset=page.offset,
        verification=verification,
    )
    return Page[IncidentPublic](items=incidents.views_of(session, items), total=total)


@router.patch(
    "/incidents/{incident_id}",
    response_model=IncidentPublic,
    responses=problem_responses(409, 412),
)
def verify_incident(
    mission_id: RecordId,
    incident_id: RecordId,
    data: IncidentVerify,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    version: ExpectedVersion,
) -> IncidentPublic:
    """Confirm or reject an unverified incident, with a note."""
    mission = missions.get_mission(session, mission_id)
    incident = incidents.verify(
        session,
        incidents.get_incident(session, mission, incident_id),
        data,
        actor=actor(staff),
        expected_version=version,
    )
    response.headers["ETag"] = etag(incident.version)
    return incidents.view_of(session, incident)


@router.get("/statistics", response_model=statistics.Statistics)
def mission_statistics(
    mission_id: RecordId,
    session: SessionDep,
    _: StaffUser,
    phase: Phase | None = None,
    region: str | None = None,
    theme: Theme | None = None,
) -> statistics.Statistics:
    """Answers per question (by phase, optionally one region, or one theme's forms),
    coverage, incidents."""
    mission = missions.get_mission(session, mission_id)
    return statistics.mission_statistics(session, mission, phase=phase, region=region, theme=theme)


@by_uuid_router.get("/submissions/{uuid}", response_model=FiledSubmission)
def read_submission(uuid: FilingUuid, session: SessionDep, user: CurrentUser) -> FiledSubmission:
    """One submission, for its filer and staff (a 404 to anyone else), with the uuid of
    the submission that corrects it, if one does."""
    submission = field_access.readable_submission(session, uuid, user)
    return sent.filed(session, [submission])[0]


@by_uuid_router.get("/incidents/{uuid}", response_model=IncidentPublic)
def read_incident(uuid: FilingUuid, session: SessionDep, user: CurrentUser) -> IncidentPublic:
    """One incident, for its reporter and staff (a 404 to anyone else)."""
    return incidents.view_of(session, field_access.incident_seen_by(session, uuid, user))
