"""A mission's polling stations, for DECO staff: upload them from a CSV file (the report
row by row), see which have nobody assigned, and send members to stations or call them
back."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.deps import RecordId, SessionDep, TickedIds, actor
from api.pages.missions import LABELS, PAGE_SIZE, sign_in_first
from api.web import CsrfChecked, PageUser, field_errors, flash, render
from eom.accounts.access import require_staff
from eom.accounts.models import User
from eom.core.csvimport import MAX_FILE_BYTES, read_file
from eom.core.errors import DomainError, InvalidInput
from eom.core.i18n import N_
from eom.core.inputs import MAX_ID
from eom.field import stations
from eom.planning.members import service as members
from eom.planning.members.models import MemberStatus
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission

router = APIRouter(include_in_schema=False)


def _stations_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    unassigned: bool = False,
    page: int = 1,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
    **extra: Any,
) -> HTMLResponse:
    found, total = stations.list_stations(
        session,
        mission,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        unassigned=unassigned,
    )
    team = members.views_of(session, members.members_of(session, mission))
    _, without = stations.list_stations(session, mission, limit=1, offset=0, unassigned=True)
    return render(
        request,
        "stations.html",
        user,
        status_code=status_code,
        mission=mission,
        stations=found,
        total=total,
        without=without,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        filters={"unassigned": "true" if unassigned else ""},
        assigned=stations.assignments_of(session, mission),
        names={m.id: m.full_name for m in team},
        team=[m for m in team if m.status != MemberStatus.withdrawn],
        errors=errors or {},
        **extra,
        **LABELS,
    )


@router.get("/missions/{mission_id}/stations", response_class=HTMLResponse)
def stations_page(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    unassigned: Annotated[bool, Query()] = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    return _stations_page(request, session, user, mission, unassigned=unassigned, page=page)


@router.post("/missions/{mission_id}/stations/import", dependencies=[CsrfChecked])
async def import_stations(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Upload stations as ``POST /api/v1/missions/{id}/stations/import`` does: every row
    or none; a refused file is reported row by row."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    data = await file.read(MAX_FILE_BYTES + 1)
    return await run_in_threadpool(_import, request, session, user, mission_id, data)


def _import(
    request: Request, session: Session, user: User, mission_id: int, data: bytes
) -> Response:
    mission = missions.get_mission(session, mission_id, for_update=True)
    try:
        report = stations.import_stations(session, mission, read_file(data), actor=actor(user))
    except InvalidInput as refused:
        session.rollback()
        rows = [e for e in refused.errors if e.get("loc", [""])[0] == "row"]
        return _stations_page(
            request,
            session,
            user,
            missions.get_mission(session, mission_id),
            status_code=422,
            refused=refused,
            rows=rows,
        )
    response = RedirectResponse(f"/missions/{mission_id}/stations", status_code=303)
    flash(
        request,
        response,
        N_("Stations imported: {created} new, {updated} updated."),
        created=report.created,
        updated=report.updated,
    )
    return response


@router.post("/missions/{mission_id}/stations/assign", dependencies=[CsrfChecked])
def assign(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    action: Annotated[Literal["assign", "unassign"], Form()],
    member: Annotated[int, Form(ge=0, le=MAX_ID)] = 0,
    station: TickedIds = [],  # noqa: B006 - FastAPI copies the default
) -> Response:
    """Send a member to the stations ticked, or call them back from them."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    try:
        if not member:
            raise InvalidInput("Choose the member to send.")
        if not station:
            raise InvalidInput("Tick the stations first.")
        chosen = members.get_member(session, mission, member)
        if action == "assign":
            done = len(
                stations.assign_stations(session, mission, chosen, station, actor=actor(user))
            )
        else:
            done = stations.unassign_stations(session, mission, chosen, station, actor=actor(user))
    except DomainError as error:
        session.rollback()
        errors = field_errors(request, error, {"": "member"})
        return _stations_page(request, session, user, mission, status_code=422, errors=errors)
    response = RedirectResponse(f"/missions/{mission_id}/stations", status_code=303)
    message = (
        N_("Sent to {count} stations.")
        if action == "assign"
        else N_("Called back from {count} stations.")
    )
    flash(request, response, message, count=done)
    return response
