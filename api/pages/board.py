"""The election-day board: reports coming in, missing stations, incidents to verify, and
the key answers as charts. Its live part updates itself in place while election day is
under way; the incidents' forms are never touched by an update."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages.missions import LABELS, sign_in_first
from api.web import CsrfChecked, PageUser, field_errors, flash, render
from eom.accounts.access import require_staff
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.errors import DomainError
from eom.core.i18n import N_
from eom.field import incidents, stations, statistics, submissions
from eom.field.models import (
    CATEGORY_LABELS,
    PHASE_LABELS,
    SEVERITY_LABELS,
    IncidentVerify,
    Verification,
)
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from reports import charts
from reports.mission_report import gather

router = APIRouter(include_in_schema=False)
# The live part is fetched this often: a report stored is on the board within 5 s.
REFRESH_SECONDS = 4


def key_answer_charts(
    session: Session, mission: Mission, stats: statistics.Statistics, language: str
) -> list[charts.Drawn]:
    """One share bar per key question of the mission's published checklists (each drawn
    once for the same answers, see ``charts.remembered``)."""
    return [
        charts.remembered(charts.key_answer_chart, answer, language)
        for answer in gather.key_answers(session, mission, stats.questions)
    ]


def _live_context(
    request: Request, session: Session, mission: Mission, stats: statistics.Statistics
) -> dict[str, Any]:
    """What the board's live part shows: coverage, key answers, the latest reports."""
    latest, _ = submissions.visible_submissions(session, mission, member=None, limit=15, offset=0)
    missing = {i for c in stats.coverage for i in c.missing_station_ids}
    shown = missing | {s.station_id for s in latest}
    return {
        "mission": mission,
        "stats": stats,
        "latest": latest,
        "codes": stations.station_codes(session, mission, shown),
        "charts": key_answer_charts(session, mission, stats, request.state.language),
        "updated_at": utcnow(),
        "live": statistics.board_is_live(mission, utcnow().date()),
        "phase_labels": PHASE_LABELS,
    }


@router.get("/missions/{mission_id}/board", response_class=HTMLResponse)
def board(request: Request, mission_id: RecordId, session: SessionDep, user: PageUser) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    return _board_page(request, session, user, missions.get_mission(session, mission_id))


def _board_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    errors: dict[str, str] | None = None,
    kept: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    stats = statistics.mission_statistics(session, mission)
    to_verify, waiting = incidents.list_incidents(
        session, mission, member=None, limit=20, offset=0, verification=Verification.unverified
    )
    return render(
        request,
        "board.html",
        user,
        status_code=status_code,
        **_live_context(request, session, mission, stats),
        to_verify=to_verify,
        waiting=waiting,
        refresh=REFRESH_SECONDS,
        errors=errors or {},
        kept=kept or {},
        category_labels=CATEGORY_LABELS,
        severity_labels=SEVERITY_LABELS,
        **LABELS,
    )


@router.get("/missions/{mission_id}/board/live", response_class=HTMLResponse)
def board_live(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    """The board's live part alone, which the board fetches every few seconds (htmx);
    what the reader types or opens elsewhere on the page is never touched."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    stats = statistics.mission_statistics(session, mission)
    _, waiting = incidents.list_incidents(
        session, mission, member=None, limit=1, offset=0, verification=Verification.unverified
    )
    context = _live_context(request, session, mission, stats)
    return render(
        request,
        "board_live.html",
        user,
        **context,
        waiting=waiting,
        refresh=REFRESH_SECONDS,
        **LABELS,
    )


@router.post("/missions/{mission_id}/incidents/{incident_id}/verify", dependencies=[CsrfChecked])
def verify_incident(
    request: Request,
    mission_id: RecordId,
    incident_id: RecordId,
    session: SessionDep,
    user: PageUser,
    verification: Annotated[Verification, Form()],
    note: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Confirm or reject an incident; a refused note is shown again beside its field."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    incident = incidents.get_incident(session, mission, incident_id)
    field = f"note-{incident_id}"
    try:
        data = IncidentVerify(verification=verification, note=note)
        incidents.verify(session, incident, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        refused = field_errors(request, error, {"note": field, "": field})
        return _board_page(
            request, session, user, mission, errors=refused, kept={field: note}, status_code=422
        )
    response = RedirectResponse(f"/missions/{mission_id}/board#incidents", status_code=303)
    done = {
        Verification.confirmed: N_("Incident {id} confirmed."),
        Verification.rejected: N_("Incident {id} rejected."),
    }
    flash(request, response, done.get(verification, N_("Saved.")), id=incident_id)
    return response
