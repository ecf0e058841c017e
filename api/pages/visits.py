"""A mission's preliminary visits, for DECO staff: the list, a form to record one and a
form to correct one. Each form calls the service function its API route calls; a refusal
shows the form again with the reader's input and the reason beside the field, and a
correction made from a stale page shows who changed the visit, and when."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages.missions import sign_in_first
from api.web import CsrfChecked, PageStaff, PageUser, field_errors, flash, render
from eom.accounts.access import require_staff
from eom.accounts.models import User
from eom.core.errors import DomainError, StaleVersion
from eom.core.i18n import N_
from eom.planning.missions import service as missions
from eom.planning.missions import visits
from eom.planning.missions.models import (
    FINISHED,
    VISIT_DECISION_LABELS,
    Mission,
    PreliminaryVisit,
    PreliminaryVisitIn,
    VisitDecision,
)

router = APIRouter(include_in_schema=False)

# Blank meeting rows offered below those written, for a form that reads without script.
BLANK_MEETINGS = 3

Text = Annotated[str, Form(max_length=20_000)]
Rows = Annotated[list[Annotated[str, Form(max_length=2000)]], Form()]


def _wrote(
    starts_on: str,
    ends_on: str,
    delegation: str,
    findings: str,
    decision: str,
    decision_note: str,
    decided_on: str,
    held_on: list[str],
    interlocutor: list[str],
    summary: list[str],
) -> dict[str, Any]:
    """The form as the reader filled it in; meeting rows left blank are no meetings."""
    rows = zip(held_on, interlocutor, summary, strict=False)
    return {
        "starts_on": starts_on,
        "ends_on": ends_on,
        "delegation": delegation,
        "findings": findings,
        "decision": decision,
        "decision_note": decision_note,
        "decided_on": decided_on,
        "meetings": [
            {"held_on": day, "interlocutor": who, "summary": what}
            for day, who, what in rows
            if day.strip() or who.strip() or what.strip()
        ],
    }


def _values_of(visit: PreliminaryVisit) -> dict[str, Any]:
    return {
        "starts_on": visit.starts_on.isoformat(),
        "ends_on": visit.ends_on.isoformat(),
        "delegation": visit.delegation,
        "findings": visit.findings,
        "decision": visit.decision.value if visit.decision else "",
        "decision_note": visit.decision_note,
        "decided_on": visit.decided_on.isoformat() if visit.decided_on else "",
        "meetings": list(visit.meetings),
    }


def _page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    visit: PreliminaryVisit | None = None,
    kept: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    stale: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The visits of the mission and the form (to record one, or to correct ``visit``)."""
    return render(
        request,
        "visits.html",
        user,
        status_code=status_code,
        mission=mission,
        visits=visits.visits_of(session, mission) if visit is None else [],
        visit=visit,
        kept=kept or {"meetings": []},
        errors=errors or {},
        stale=stale,
        blank_meetings=BLANK_MEETINGS,
        decisions=list(VisitDecision),
        decision_labels=VISIT_DECISION_LABELS,
        is_open=mission.status not in FINISHED,
    )


@router.get("/missions/{mission_id}/visits", response_class=HTMLResponse)
def visits_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    return _page(request, session, user, missions.get_mission(session, mission_id))


@router.post("/missions/{mission_id}/visits", dependencies=[CsrfChecked])
def record_visit(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    starts_on: Text = "",
    ends_on: Text = "",
    delegation: Text = "",
    findings: Text = "",
    decision: Text = "",
    decision_note: Text = "",
    decided_on: Text = "",
    held_on: Rows = [],  # noqa: B006 (FastAPI copies a form's default)
    interlocutor: Rows = [],  # noqa: B006
    summary: Rows = [],  # noqa: B006
) -> Response:
    """Record a visit, as ``POST /api/v1/missions/{id}/visits`` does."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    wrote = _wrote(
        starts_on, ends_on, delegation, findings, decision, decision_note, decided_on,
        held_on, interlocutor, summary,
    )  # fmt: skip
    try:
        data = PreliminaryVisitIn.model_validate(wrote)
        visits.record_visit(session, mission, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error)
        mission = missions.get_mission(session, mission_id)
        return _page(request, session, user, mission, kept=wrote, errors=errors, status_code=422)
    response = RedirectResponse(f"/missions/{mission_id}/visits", status_code=303)
    flash(request, response, N_("Preliminary visit recorded."))
    return response


@router.get("/missions/{mission_id}/visits/{visit_id}/edit", response_class=HTMLResponse)
def edit_visit_page(
    request: Request, mission_id: RecordId, visit_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    visit = visits.get_visit(session, mission, visit_id)
    return _page(request, session, user, mission, visit=visit, kept=_values_of(visit))


@router.post("/missions/{mission_id}/visits/{visit_id}/edit", dependencies=[CsrfChecked])
def edit_visit(
    request: Request,
    mission_id: RecordId,
    visit_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    version: Annotated[int, Form(ge=1, le=2**31 - 1)],
    starts_on: Text = "",
    ends_on: Text = "",
    delegation: Text = "",
    findings: Text = "",
    decision: Text = "",
    decision_note: Text = "",
    decided_on: Text = "",
    held_on: Rows = [],  # noqa: B006
    interlocutor: Rows = [],  # noqa: B006
    summary: Rows = [],  # noqa: B006
) -> Response:
    """Correct a visit, as ``PUT /api/v1/missions/{id}/visits/{visit_id}`` with
    ``If-Match`` does."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    visit = visits.get_visit(session, mission, visit_id)
    wrote = _wrote(
        starts_on, ends_on, delegation, findings, decision, decision_note, decided_on,
        held_on, interlocutor, summary,
    )  # fmt: skip
    try:
        data = PreliminaryVisitIn.model_validate(wrote)
        visits.update_visit(
            session, mission, visit, data, actor=actor(user), expected_version=version
        )
    except StaleVersion:
        session.rollback()
        visit = visits.get_visit(session, missions.get_mission(session, mission_id), visit_id)
        changed = missions.last_changed(session, visit)
        stale = {"name": changed[0], "at": changed[1]} if changed else {"name": "", "at": None}
        return _page(
            request, session, user, mission, visit=visit, kept=_values_of(visit), stale=stale,
            status_code=409,
        )  # fmt: skip
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error)
        mission = missions.get_mission(session, mission_id)
        visit = visits.get_visit(session, mission, visit_id)
        return _page(
            request, session, user, mission, visit=visit, kept=wrote, errors=errors,
            status_code=422,
        )  # fmt: skip
    response = RedirectResponse(f"/missions/{mission_id}/visits#visit-{visit_id}", status_code=303)
    flash(request, response, N_("Saved."))
    return response
