"""Polling stations, station assignments and checklist forms of a mission."""

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.csv_upload import csv_body, read_csv_body
from api.deps import (
    CREATED,
    CurrentUser,
    Page,
    PaginationDep,
    RecordId,
    SessionDep,
    StaffUser,
    actor,
    created_at,
)
from api.errors import problem_responses
from eom.accounts.models import User
from eom.core.csvimport import ImportReport
from eom.field import access as field_access
from eom.field import forms, stations
from eom.field.models import (
    AssignmentRequest,
    FormCreate,
    FormPublic,
    StationPublic,
)
from eom.planning import access
from eom.planning.members import service as members
from eom.planning.missions import service as missions

router = APIRouter(
    prefix="/missions/{mission_id}",
    tags=["field reporting"],
    responses=problem_responses(401, 403, 404),
)

CSV_BODY = csv_body(
    "Columns: region, municipality, centre, code, registered_voters. "
    "A known code updates that station."
)


@router.get("/stations", response_model=Page[StationPublic])
def list_stations(
    mission_id: RecordId,
    session: SessionDep,
    user: CurrentUser,
    page: PaginationDep,
    region: str | None = None,
) -> Page[StationPublic]:
    """The mission's polling stations, for staff and the mission's members."""
    mission = access.visible_mission(session, mission_id, user)
    field_access.field_reader(session, mission, user)
    items, total = stations.list_stations(
        session, mission, limit=page.limit, offset=page.offset, region=region
    )
    return Page[StationPublic](items=[StationPublic.model_validate(s) for s in items], total=total)


@router.post(
    "/stations/import",
    response_model=ImportReport,
    openapi_extra=CSV_BODY,
    responses=problem_responses(413),
)
async def import_stations(
    mission_id: RecordId, request: Request, session: SessionDep, staff: StaffUser
) -> ImportReport:
    """Import polling places from CSV: all rows or none, every bad row reported."""
    text = await read_csv_body(request)
    return await run_in_threadpool(_import_stations, session, mission_id, text, staff)


def _import_stations(session: Session, mission_id: int, text: str, staff: User) -> ImportReport:
    """The import's database work, in a worker thread: off the event loop."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    return stations.import_stations(session, mission, text, actor=actor(staff))


@router.post("/members/{member_id}/stations", response_model=list[int])
def assign_stations(
    mission_id: RecordId,
    member_id: RecordId,
    data: AssignmentRequest,
    session: SessionDep,
    staff: StaffUser,
) -> list[int]:
    """Send a member to stations of the mission; returns all their stations."""
    mission = missions.get_mission(session, mission_id)
    member = members.get_member(session, mission, member_id)
    stations.assign_stations(session, mission, member, data.station_ids, actor=actor(staff))
    return stations.assigned_station_ids(session, member)


@router.delete(
    "/members/{member_id}/stations/{station_id}",
    response_model=list[int],
    responses=problem_responses(401, 403, 404),
)
def unassign_station(
    mission_id: RecordId,
    member_id: RecordId,
    station_id: RecordId,
    session: SessionDep,
    staff: StaffUser,
) -> list[int]:
    """Call a member back from one station; returns the stations they keep. A station
    that is not the mission's is not there: 404."""
    mission = missions.get_mission(session, mission_id)
    member = members.get_member(session, mission, member_id)
    station = stations.get_station(session, mission, station_id)
    stations.unassign_stations(session, mission, member, [station.id or 0], actor=actor(staff))
    return stations.assigned_station_ids(session, member)


@router.get("/members/{member_id}/stations", response_model=list[int])
def member_stations(
    mission_id: RecordId, member_id: RecordId, session: SessionDep, user: CurrentUser
) -> list[int]:
    """The stations a member was sent to: staff read any member's, a member their own."""
    mission = access.visible_mission(session, mission_id, user)
    return stations.assigned_station_ids(
        session, access.own_member(session, mission, member_id, user)
    )


@router.get("/forms", response_model=list[FormPublic])
def list_forms(mission_id: RecordId, session: SessionDep, user: CurrentUser) -> list[FormPublic]:
    """Every version for staff; the published ones for the mission's members."""
    mission = access.visible_mission(session, mission_id, user)
    reader = field_access.field_reader(session, mission, user)
    found = forms.list_forms(session, mission, published_only=reader is not None)
    return [FormPublic.model_validate(f) for f in found]


@router.post("/forms", response_model=FormPublic, status_code=201, responses=CREATED)
def create_form(
    mission_id: RecordId,
    data: FormCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
) -> FormPublic:
    """A draft checklist (or the next version of one with the same key)."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    form = forms.create_form(session, mission, data, actor=actor(staff))
    created_at(request, response, "read_form", mission_id=mission_id, form_id=form.id)
    return FormPublic.model_validate(form)


@router.get("/forms/{form_id}", response_model=FormPublic)
def read_form(
    mission_id: RecordId, form_id: RecordId, session: SessionDep, user: CurrentUser
) -> FormPublic:
    """A form version: any for staff, a published one for the mission's members."""
    mission = access.visible_mission(session, mission_id, user)
    return FormPublic.model_validate(field_access.readable_form(session, mission, form_id, user))


@router.get(
    "/forms/{form_id}/schema",
    response_model=dict[str, Any],
    responses={200: {"description": "A JSON Schema (draft 2020-12) of the answers"}},
)
def answers_schema(
    mission_id: RecordId, form_id: RecordId, session: SessionDep, user: CurrentUser
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``answers`` of a submission to this form
    version: answers it accepts are exactly those the server accepts. Readable by whoever
    may read the form."""
    mission = access.visible_mission(session, mission_id, user)
    form = field_access.readable_form(session, mission, form_id, user)
    return forms.answers_schema(forms.questions_of(form))


@router.put("/forms/{form_id}", response_model=FormPublic, responses=problem_responses(409))
def revise_form(
    mission_id: RecordId,
    form_id: RecordId,
    data: FormCreate,
    session: SessionDep,
    staff: StaffUser,
) -> FormPublic:
    """Edit a draft; editing a published version makes a new draft version instead."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    form = forms.get_form(session, mission, form_id)
    return FormPublic.model_validate(
        forms.revise_form(session, mission, form, data, actor=actor(staff))
    )


@router.post(
    "/forms/{form_id}/publish", response_model=FormPublic, responses=problem_responses(409)
)
def publish_form(
    mission_id: RecordId, form_id: RecordId, session: SessionDep, staff: StaffUser
) -> FormPublic:
    """Freeze this version so that observers can answer it."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    form = forms.get_form(session, mission, form_id)
    return FormPublic.model_validate(forms.publish_form(session, form, actor=actor(staff)))
