"""The election-day board: reports coming in, missing stations, incidents to verify, and
the key answers as charts, for the whole mission or filtered by phase and region. Its live
part updates itself in place while election day is under way, with the same filters; the
incidents' forms are never touched by an update."""

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from api.deps import RecordId, SessionDep
from api.pages.missions import LABELS, sign_in_first
from api.web import PageUser, render
from eom.accounts.access import require_staff
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.reference import Theme
from eom.field import incidents, photos, stations, statistics, submissions
from eom.field.models import (
    CATEGORY_LABELS,
    PHASE_LABELS,
    SEVERITY_LABELS,
    VERIFICATION_LABELS,
    Incident,
    Phase,
    Verification,
)
from eom.field.submissions import FilingFilters
from eom.planning.members import service as members
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from reports import charts
from reports.mission_report import gather
from reports.values import KeyAnswer

router = APIRouter(include_in_schema=False)
# The live part is fetched this often: a report stored is on the board within 5 s.
REFRESH_SECONDS = 4
LATEST = 15
FIELD_LABELS: dict[str, Any] = {
    "phase_labels": PHASE_LABELS,
    "category_labels": CATEGORY_LABELS,
    "severity_labels": SEVERITY_LABELS,
    "verification_labels": VERIFICATION_LABELS,
}

PhaseChoice = Annotated[str, Query(pattern="^(" + "|".join(Phase) + ")?$")]
RegionChoice = Annotated[str, Query(max_length=200)]
ThemeChoice = Annotated[str, Query(pattern="^(" + "|".join(Theme) + ")?$")]


@dataclass(frozen=True)
class BoardFilters:
    """What the reader narrowed the board to: one phase, one region, one theme's forms
    (None: all)."""

    phase: Phase | None = None
    region: str | None = None
    theme: Theme | None = None

    def query(self) -> str:
        """The filters as a query string (empty when there are none)."""
        return urlencode({k: v for k, v in self.shown().items() if v})

    def filings(self) -> FilingFilters:
        return FilingFilters(phase=self.phase, region=self.region, theme=self.theme)

    def shown(self) -> dict[str, str]:
        """The filters as the form shows them back."""
        return {
            "phase": self.phase.value if self.phase else "",
            "region": self.region or "",
            "theme": self.theme.value if self.theme else "",
        }


def board_filters(
    phase: PhaseChoice = "", region: RegionChoice = "", theme: ThemeChoice = ""
) -> BoardFilters:
    return BoardFilters(
        Phase(phase) if phase else None, region.strip() or None, Theme(theme) if theme else None
    )


BoardFiltersDep = Annotated[BoardFilters, Depends(board_filters)]


def board_url(mission_id: int, chosen: BoardFilters) -> str:
    query = chosen.query()
    return f"/missions/{mission_id}/board" + (f"?{query}" if query else "")


def region_url(mission_id: int, region: str, phase: Phase | None = None) -> str:
    """The page of one region (a name may hold any character), keeping a chosen phase."""
    path = f"/missions/{mission_id}/board/regions/{quote(region, safe='')}"
    return path + (f"?phase={phase.value}" if phase else "")


@lru_cache(maxsize=1024)
def _key_answer_drawn(answer: KeyAnswer, language: str) -> charts.Drawn:
    """A key answer's chart. The same counts draw the same chart (a pure function of a
    frozen value), so a board polled every few seconds redraws only what changed."""
    return charts.for_screens(partial(charts.key_answer_chart, answer, language))


def key_answer_charts(
    session: Session, mission: Mission, stats: statistics.Statistics, language: str
) -> list[charts.Drawn]:
    """One share bar per key question of the mission's published checklists (each drawn
    once for the same answers, see ``_key_answer_drawn``)."""
    return [
        _key_answer_drawn(answer, language)
        for answer in gather.key_answers(session, mission, stats.questions)
    ]


def figures(
    request: Request,
    session: Session,
    mission: Mission,
    chosen: BoardFilters,
    *,
    also_coded: Collection[int] = (),
) -> dict[str, Any]:
    """What the board shows of the filtered reports (and a region's page of its own):
    coverage, coverage by region, key answers, the latest reports; ``codes`` names the
    missing stations and those ``also_coded``, in one query."""
    stats = statistics.mission_statistics(
        session, mission, phase=chosen.phase, region=chosen.region, theme=chosen.theme
    )
    latest = submissions.filings(session, mission, chosen.filings(), limit=LATEST)
    missing = {i for c in stats.coverage for i in c.missing_station_ids}
    mission_id = mission.id or 0
    return {
        "mission": mission,
        "stats": stats,
        "latest": latest,
        "codes": stations.station_codes(session, mission, missing | set(also_coded)),
        "charts": key_answer_charts(session, mission, stats, request.state.language),
        "updated_at": utcnow(),
        "live": statistics.board_is_live(mission, utcnow().date()),
        "filters": chosen.shown(),
        "region_url": lambda name: region_url(mission_id, name, chosen.phase),
        **FIELD_LABELS,
    }


def incident_context(
    session: Session, mission: Mission, shown: list[Incident], codes: dict[int, str] | None = None
) -> dict[str, Any]:
    """What the incidents' cards name: each one's station code (from ``codes`` if given),
    who reported it, and its photos."""
    at = {i.station_id for i in shown if i.station_id}
    return {
        "incident_codes": stations.station_codes(session, mission, at) if codes is None else codes,
        "incident_names": members.names_of(session, {i.member_id for i in shown}),
        "incident_photos": photos.photos_by_incident(session, {i.id or 0 for i in shown}),
        "thumbnail_size": photos.thumbnail_size,
    }


@router.get("/missions/{mission_id}/board", response_class=HTMLResponse)
def board(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    chosen: BoardFiltersDep,
) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    return board_page(request, session, user, missions.get_mission(session, mission_id), chosen)


def board_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    chosen: BoardFilters,
    *,
    errors: dict[str, str] | None = None,
    kept: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    to_verify, waiting = incidents.list_incidents(
        session,
        mission,
        member=None,
        limit=20,
        offset=0,
        verification=Verification.unverified,
        region=chosen.region,
    )
    at = {i.station_id for i in to_verify if i.station_id}
    shown = figures(request, session, mission, chosen, also_coded=at)
    return render(
        request,
        "board.html",
        user,
        status_code=status_code,
        **shown,
        to_verify=to_verify,
        waiting=waiting,
        **incident_context(session, mission, to_verify, shown["codes"]),
        regions=stations.regions(session, mission),
        phases=statistics.CHECKLIST_PHASES,
        query=chosen.query(),
        here=board_url(mission.id or 0, chosen),
        refresh=REFRESH_SECONDS,
        errors=errors or {},
        kept=kept or {},
        **LABELS,
    )


@router.get("/missions/{mission_id}/board/live", response_class=HTMLResponse)
def board_live(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    chosen: BoardFiltersDep,
) -> Response:
    """The board's live part alone, with the board's filters, which the board fetches
    every few seconds (htmx); what the reader types or opens elsewhere on the page is
    never touched."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    _, waiting = incidents.list_incidents(
        session,
        mission,
        member=None,
        limit=1,
        offset=0,
        verification=Verification.unverified,
        region=chosen.region,
    )
    return render(
        request,
        "board_live.html",
        user,
        **figures(request, session, mission, chosen),
        waiting=waiting,
        fragment=True,
        refresh=REFRESH_SECONDS,
        **LABELS,
    )
