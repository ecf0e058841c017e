"""The election-day board: reports coming in, missing stations, incidents to verify, and
the key answers as charts. Refreshes itself."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages.missions import LABELS, sign_in_first
from api.pages.web import CsrfChecked, PageUser, render
from eom import access
from eom.field import incidents, stations, statistics, submissions
from eom.field.models import (
    CATEGORY_LABELS,
    PHASE_LABELS,
    SEVERITY_LABELS,
    IncidentVerify,
    Verification,
)
from eom.missions import service as missions
from eom.missions.models import Mission
from reports import figures, gather

router = APIRouter(include_in_schema=False)
REFRESH_SECONDS = 30


def key_answer_charts(
    session: Session, mission: Mission, stats: statistics.Statistics, language: str
) -> list[str]:
    """One share bar per key question of the mission's published checklists."""
    return [
        figures.key_answer_chart(answer, language, width=560)
        for answer in gather.key_answers(session, mission, stats.questions)
    ]


@router.get("/missions/{mission_id}/board", response_class=HTMLResponse)
def board(request: Request, mission_id: RecordId, session: SessionDep, user: PageUser) -> Response:
    if user is None:
        return sign_in_first(request)
    access.require_staff(user)
    mission = missions.get_mission(session, mission_id)
    stats = statistics.mission_statistics(session, mission)
    latest, _ = submissions.visible_submissions(session, mission, member=None, limit=15, offset=0)
    to_verify, waiting = incidents.list_incidents(
        session, mission, member=None, limit=20, offset=0, verification=Verification.unverified
    )
    missing = {i for c in stats.coverage for i in c.missing_station_ids}
    codes = stations.station_codes(session, mission, missing)
    context: dict[str, Any] = {
        "codes": codes,
        "mission": mission,
        "stats": stats,
        "latest": latest,
        "to_verify": to_verify,
        "waiting": waiting,
        "charts": key_answer_charts(session, mission, stats, request.state.language),
        "refresh": REFRESH_SECONDS,
        "phase_labels": PHASE_LABELS,
        "category_labels": CATEGORY_LABELS,
        "severity_labels": SEVERITY_LABELS,
    }
    return render(request, "board.html", user, **context, **LABELS)


@router.post("/missions/{mission_id}/incidents/{incident_id}/verify", dependencies=[CsrfChecked])
def verify_incident(
    request: Request,
    mission_id: RecordId,
    incident_id: RecordId,
    session: SessionDep,
    user: PageUser,
    verification: Annotated[Verification, Form()],
    note: Annotated[str, Form(min_length=3, max_length=2000)],
) -> Response:
    if user is None:
        return sign_in_first(request)
    access.require_staff(user)
    mission = missions.get_mission(session, mission_id)
    incident = incidents.get_incident(session, mission, incident_id)
    incidents.verify(
        session, incident, IncidentVerify(verification=verification, note=note), actor=actor(user)
    )
    return RedirectResponse(f"/missions/{mission_id}/board#incidents", status_code=303)
