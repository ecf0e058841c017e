"""Where DECO staff drill down from the election-day board: one region (the board's figures
and filings of that region only), one polling station (every filing there with its
answers in words, corrections marked) and one member (their filings, across stations).
Each page shows the incidents of what it is about, and those waiting can be verified on
it."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from api.deps import RecordId, SessionDep
from api.pages.board import (
    FIELD_LABELS,
    BoardFilters,
    PhaseChoice,
    board_filters,
    incident_context,
    region_url,
)
from api.pages.board import figures as board_figures
from api.pages.missions import LABELS, PAGE_SIZE
from api.web import PageStaff, render
from eom.accounts.models import User
from eom.field import incidents, stations, submissions
from eom.field.models import PollingStation
from eom.field.statistics import CHECKLIST_PHASES
from eom.field.submissions import Filing, FilingFilters
from eom.planning.members import service as members
from eom.planning.members.models import MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission

router = APIRouter(include_in_schema=False)
PageNumber = Annotated[int, Query(ge=1, le=100_000)]
RegionName = Annotated[str, Path(min_length=1, max_length=200)]
# The most incidents and stations one page lists (a region rarely holds more).
LISTED = 500


def _paged(session: Session, mission: Mission, chosen: FilingFilters, page: int) -> dict[str, Any]:
    total = submissions.count_filings(session, mission, chosen)
    found = submissions.filings(
        session, mission, chosen, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return {
        "filings": found,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
    }


def _with_answers(filings: list[Filing], language: str) -> dict[str, Any]:
    """Each filing's answers in words, and which later filing corrects which."""
    return {
        "answers": {f.submission.uuid: submissions.answers_of(f, language) for f in filings},
        "corrected_by": {f.corrects: f.submission.uuid for f in filings if f.corrects},
    }


def _incidents(session: Session, mission: Mission, **where: Any) -> dict[str, Any]:
    found, total = incidents.list_incidents(
        session, mission, member=None, limit=LISTED, offset=0, **where
    )
    shown = incident_context(session, mission, found)
    return {"incidents": found, "incident_total": total, **shown}


# A region --------------------------------------------------------------------------------


@router.get("/missions/{mission_id}/board/regions/{region:path}", response_class=HTMLResponse)
def region_page(
    request: Request,
    mission_id: RecordId,
    region: RegionName,
    session: SessionDep,
    user: PageStaff,
    phase: PhaseChoice = "",
    page: PageNumber = 1,
) -> Response:
    mission = missions.get_mission(session, mission_id)
    return region_page_for(request, session, user, mission, board_filters(phase, region), page)


def region_page_for(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    chosen: BoardFilters,
    page: int = 1,
    *,
    errors: dict[str, str] | None = None,
    kept: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    region = chosen.region or ""
    mission_id = mission.id or 0
    listed, _ = stations.list_stations(session, mission, limit=LISTED, offset=0, region=region)
    filings = FilingFilters(phase=chosen.phase, region=region)
    here = region_url(mission_id, region, chosen.phase)
    shown = board_figures(request, session, mission, chosen)
    shown["filters"] = {"phase": chosen.phase.value if chosen.phase else ""}  # the pager's
    return render(
        request,
        "board_region.html",
        user,
        status_code=status_code,
        **shown,
        **_paged(session, mission, filings, page),
        **_incidents(session, mission, region=region),
        region=region,
        region_path=region_url(mission_id, region),
        query=chosen.query(),
        stations=listed,
        counts=submissions.counts_by_station(session, mission, filings),
        phases=CHECKLIST_PHASES,
        here=here if page == 1 else f"{here}{'&' if chosen.phase else '?'}page={page}",
        errors=errors or {},
        kept=kept or {},
        **LABELS,
    )


# A polling station ------------------------------------------------------------------------


@router.get("/missions/{mission_id}/stations/{station_id}/filings", response_class=HTMLResponse)
def station_page(
    request: Request,
    mission_id: RecordId,
    station_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    page: PageNumber = 1,
) -> Response:
    mission = missions.get_mission(session, mission_id)
    station = stations.get_station(session, mission, station_id)
    return station_page_for(request, session, user, mission, station, page)


def station_page_for(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    station: PollingStation,
    page: int = 1,
    *,
    errors: dict[str, str] | None = None,
    kept: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    paged = _paged(session, mission, FilingFilters(station_id=station.id), page)
    sent = stations.members_at(session, station)
    here = f"/missions/{mission.id}/stations/{station.id}/filings"
    return render(
        request,
        "station_filings.html",
        user,
        status_code=status_code,
        mission=mission,
        station=station,
        sent=sent,
        names=members.names_of(session, set(sent)),
        **paged,
        **_with_answers(paged["filings"], request.state.language),
        **_incidents(session, mission, station_id=station.id),
        region_url=lambda name: region_url(mission.id or 0, name),
        here=here if page == 1 else f"{here}?page={page}",
        filters={},
        errors=errors or {},
        kept=kept or {},
        **FIELD_LABELS,
        **LABELS,
    )


# A member ---------------------------------------------------------------------------------


@router.get("/missions/{mission_id}/members/{member_id}/filings", response_class=HTMLResponse)
def member_page(
    request: Request,
    mission_id: RecordId,
    member_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    page: PageNumber = 1,
) -> Response:
    mission = missions.get_mission(session, mission_id)
    member = members.get_member(session, mission, member_id)
    return member_page_for(request, session, user, mission, member, page)


def member_page_for(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    member: MissionMember,
    page: int = 1,
    *,
    errors: dict[str, str] | None = None,
    kept: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    paged = _paged(session, mission, FilingFilters(member_id=member.id), page)
    sent = stations.assigned_station_ids(session, member)
    found, total = incidents.list_incidents(session, mission, member=member, limit=LISTED, offset=0)
    here = f"/missions/{mission.id}/members/{member.id}/filings"
    return render(
        request,
        "member_filings.html",
        user,
        status_code=status_code,
        mission=mission,
        member=member,
        name=members.names_of(session, {member.id or 0}).get(member.id or 0, ""),
        sent=stations.station_codes(session, mission, set(sent)),
        **paged,
        **_with_answers(paged["filings"], request.state.language),
        incidents=found,
        incident_total=total,
        **incident_context(session, mission, found),
        region_url=lambda name: region_url(mission.id or 0, name),
        here=here if page == 1 else f"{here}?page={page}",
        filters={},
        errors=errors or {},
        kept=kept or {},
        **FIELD_LABELS,
        **LABELS,
    )
