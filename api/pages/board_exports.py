"""The election-day board's downloads: the filtered submissions (one row each, the answers
under their questions' texts in the reader's language) and the filtered incidents, as CSV
or XLSX, for DECO staff."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from api.deps import RecordId, SessionDep
from api.pages.board import BoardFiltersDep
from api.web import PageStaff
from eom.core.i18n import N_, translate
from eom.field import incidents, stations, submissions
from eom.planning.members import service as members
from eom.planning.missions import service as missions
from reports import filings, tables

router = APIRouter(include_in_schema=False)
FileKind = Annotated[str, Path(pattern=r"^(csv|xlsx)$")]
SHEET_SUBMISSIONS = N_("Submissions")
SHEET_INCIDENTS = N_("Incidents")


def _file(table: filings.Table, kind: str, *, sheet: str, name: str) -> Response:
    if kind == "xlsx":
        body = tables.to_xlsx(table.rows, table.columns, sheet=sheet)
        media_type = tables.XLSX_MEDIA_TYPE
    else:
        body, media_type = tables.to_csv(table.rows, table.columns), tables.CSV_MEDIA_TYPE
    disposition = f'attachment; filename="{name}.{kind}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/missions/{mission_id}/board/submissions.{kind}")
def submissions_file(
    request: Request,
    mission_id: RecordId,
    kind: FileKind,
    session: SessionDep,
    _: PageStaff,
    chosen: BoardFiltersDep,
) -> Response:
    """The submissions the board shows with its filters, every one (corrected ones too,
    marked), newest received first."""
    mission = missions.get_mission(session, mission_id)
    language = request.state.language
    found = submissions.filings(session, mission, chosen.filings(), limit=submissions.EXPORT_LIMIT)
    table = filings.submissions_table(found, language)
    sheet = translate(language, SHEET_SUBMISSIONS)
    return _file(table, kind, sheet=sheet, name=f"{mission.code}-submissions")


@router.get("/missions/{mission_id}/board/incidents.{kind}")
def incidents_file(
    request: Request,
    mission_id: RecordId,
    kind: FileKind,
    session: SessionDep,
    _: PageStaff,
    chosen: BoardFiltersDep,
) -> Response:
    """The incidents of the board's region (incidents have no phase), whatever their
    verification, newest first."""
    mission = missions.get_mission(session, mission_id)
    language = request.state.language
    found, _total = incidents.list_incidents(
        session,
        mission,
        member=None,
        limit=submissions.EXPORT_LIMIT,
        offset=0,
        region=chosen.region,
    )
    at = stations.stations_by_id(session, mission, {i.station_id for i in found if i.station_id})
    names = members.names_of(session, {i.member_id for i in found})
    table = filings.incidents_table(found, at, names, language)
    sheet = translate(language, SHEET_INCIDENTS)
    return _file(table, kind, sheet=sheet, name=f"{mission.code}-incidents")
