"""Staff forms for a mission: create it, edit its plan, move it along its lifecycle,
record its agreements. Each form calls the service function its API route calls; a
refusal shows the form again with the reader's input and the reason beside the field."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages.missions import LABELS, mission_page_for, sign_in_first
from api.web import CsrfChecked, PageUser, field_errors, flash, render
from eom.accounts.access import require_staff
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.errors import DomainError, NotFound, StaleVersion
from eom.core.i18n import N_, translate
from eom.core.inputs import MAX_ID
from eom.core.reference import OAS_MEMBER_STATES, country_name
from eom.funding import budgets
from eom.planning.missions import service as missions
from eom.planning.missions.models import (
    ELECTION_TYPE_LABELS,
    KIND_LABELS,
    AgreementCreate,
    AgreementKind,
    ElectionType,
    Mission,
    MissionCreate,
    MissionKind,
    MissionStatus,
    MissionUpdate,
)

router = APIRouter(include_in_schema=False)

# The fields of the mission form, in the order a person fills them in.
PLAN_FIELDS = (
    "code",
    "kind",
    "host_country",
    "election_type",
    "requested_on",
    "election_date",
    "runoff_date",
    "deployment_starts_on",
    "deployment_ends_on",
    "file_any_station_in_area",
)


class MissionForm(BaseModel):
    """The mission form as the browser sends it: text, empty for "none". The domain's
    models read it; this only bounds what a browser may send."""

    code: str = Field(default="", max_length=200)
    kind: str = Field(default="", max_length=60)
    host_country: str = Field(default="", max_length=60)
    election_type: str = Field(default="", max_length=60)
    requested_on: str = Field(default="", max_length=60)
    election_date: str = Field(default="", max_length=60)
    runoff_date: str = Field(default="", max_length=60)
    deployment_starts_on: str = Field(default="", max_length=60)
    deployment_ends_on: str = Field(default="", max_length=60)
    file_any_station_in_area: str = Field(default="", max_length=10)  # a ticked box: "true"
    planned_budget_usd: str = Field(default="", max_length=60)
    version: int | None = Field(default=None, ge=1, le=MAX_ID)

    def filled(self) -> dict[str, str]:
        """The fields the reader filled in, trimmed; an empty one means "none"."""
        values = self.model_dump(exclude={"version"})
        return {name: value.strip() for name, value in values.items() if value.strip()}


def values_of(mission: Mission) -> dict[str, str]:
    """A stored mission as the form shows it (a box not ticked, like an empty field, is
    left out)."""
    return {name: _text(value) for name in PLAN_FIELDS if (value := getattr(mission, name))}


def _text(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "true" if value is True else str(value)


def _form_page(
    request: Request,
    user: User,
    *,
    mission: Mission | None,
    kept: dict[str, str],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    language: str = request.state.language
    return render(
        request,
        "mission_form.html",
        user,
        status_code=status_code,
        mission=mission,
        kept=kept,
        errors=errors or {},
        kinds=list(MissionKind),
        kind_labels=KIND_LABELS,
        election_types=list(ElectionType),
        countries=sorted(OAS_MEMBER_STATES, key=lambda c: country_name(c, language)),
        **{**LABELS, "election_labels": ELECTION_TYPE_LABELS},
        **extra,
    )


@router.get("/missions/new", response_class=HTMLResponse)
def new_mission_page(request: Request, user: PageUser) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    today = utcnow().date().isoformat()
    return _form_page(
        request, user, mission=None, kept={"kind": "electoral_observation", "requested_on": today}
    )


@router.post("/missions/new", dependencies=[CsrfChecked])
def create_mission(
    request: Request,
    session: SessionDep,
    user: PageUser,
    form: Annotated[MissionForm, Form()],
) -> Response:
    """Record an invitation, as ``POST /api/v1/missions`` does."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    try:
        data = MissionCreate.model_validate(form.filled())
        mission = budgets.open_mission(session, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "code"})
        return _form_page(
            request, user, mission=None, kept=form.filled(), errors=errors, status_code=422
        )
    response = RedirectResponse(f"/missions/{mission.id}", status_code=303)
    flash(request, response, N_("Mission {code} created."), code=mission.code)
    return response


@router.get("/missions/{mission_id}/edit", response_class=HTMLResponse)
def edit_mission_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    return _form_page(request, user, mission=mission, kept=values_of(mission))


@router.post("/missions/{mission_id}/edit", dependencies=[CsrfChecked])
def edit_mission(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    form: Annotated[MissionForm, Form()],
) -> Response:
    """Change the plan, as ``PATCH /api/v1/missions/{id}`` with ``If-Match`` does. An edit
    made from a stale page shows the new version, and what the reader wrote beside it."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id, for_update=True)
    wrote = form.filled()
    try:
        plan = MissionCreate.model_validate({**wrote, "planned_budget_usd": None})
        changes = MissionUpdate.model_validate(plan.model_dump(include=set(PLAN_FIELDS)))
        missions.update_mission(
            session, mission, changes, actor=actor(user), expected_version=form.version
        )
    except StaleVersion:
        session.rollback()
        return _stale_page(request, session, user, mission_id, wrote)
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "code"})
        return _form_page(
            request, user, mission=mission, kept=wrote, errors=errors, status_code=422
        )
    response = RedirectResponse(f"/missions/{mission_id}", status_code=303)
    flash(request, response, N_("Saved."))
    return response


def _stale_page(
    request: Request, session: Session, user: User, mission_id: int, wrote: dict[str, str]
) -> HTMLResponse:
    """The form again with the version stored now, who made it and when, and the
    reader's own values beside the fields where they differ."""
    mission = missions.get_mission(session, mission_id)
    stored = values_of(mission)
    changed = missions.last_changed(session, mission)
    return _form_page(
        request,
        user,
        mission=mission,
        kept=stored,
        status_code=409,
        stale={"name": changed[0], "at": changed[1]} if changed else {"name": "", "at": None},
        yours={name: value for name, value in wrote.items() if stored.get(name, "") != value},
    )


@router.get("/missions/{mission_id}/step", response_class=HTMLResponse)
def step_page(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    to: Annotated[MissionStatus, Query()],
) -> Response:
    """The confirmation of one step of the lifecycle, with its date."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    _check_offered(mission, to)
    kept = {"on": utcnow().date().isoformat(), "reason": ""}
    return render(
        request, "mission_step.html", user, mission=mission, to=to, kept=kept, errors={}, **LABELS
    )


def _check_offered(mission: Mission, to: MissionStatus) -> None:
    if to not in missions.NEXT_STATES[mission.status]:
        raise NotFound("{code} has no step to {to} from here.", code=mission.code, to=to.value)


@router.post("/missions/{mission_id}/step", dependencies=[CsrfChecked])
def take_step(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    to: Annotated[MissionStatus, Form()],
    on: Annotated[str, Form(max_length=60)] = "",
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Take the step, as ``POST /api/v1/missions/{id}/transitions`` does."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id, for_update=True)
    try:
        step = _StepForm.model_validate({"on": on, "reason": reason or None})
        missions.transition(session, mission, to, on=step.on, actor=actor(user), reason=step.reason)
    except (ValidationError, DomainError) as error:
        session.rollback()
        mission = missions.get_mission(session, mission_id)
        errors = field_errors(request, error, {"": "on"})
        kept = {"on": on, "reason": reason}
        return render(
            request,
            "mission_step.html",
            user,
            status_code=422,
            mission=mission,
            to=to,
            kept=kept,
            errors=errors,
            **LABELS,
        )
    response = RedirectResponse(f"/missions/{mission_id}", status_code=303)
    label = translate(request.state.language, LABELS["status_labels"][to])
    flash(request, response, N_("{code} is now: {status}."), code=mission.code, status=label)
    return response


class _StepForm(BaseModel):
    on: date
    reason: str | None = Field(default=None, max_length=1000)


@router.post("/missions/{mission_id}/agreements", dependencies=[CsrfChecked])
def record_agreement(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    kind: Annotated[str, Form(max_length=60)] = "",
    counterpart: Annotated[str, Form(max_length=1000)] = "",
    signed_on: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    """Record an agreement, as ``POST /api/v1/missions/{id}/agreements`` does."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id, for_update=True)
    kept = {"kind": kind, "counterpart": counterpart, "signed_on": signed_on}
    try:
        data = AgreementCreate.model_validate(
            {"kind": kind, "counterpart": counterpart.strip(), "signed_on": signed_on}
        )
        missions.record_agreement(session, mission, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "kind"})
        return mission_page_for(
            request, session, user, mission_id, agreement={"kept": kept, "errors": errors}
        )
    response = RedirectResponse(f"/missions/{mission_id}#agreements", status_code=303)
    label = translate(request.state.language, LABELS["agreement_labels"][AgreementKind(kind)])
    flash(request, response, N_("Agreement recorded: {kind}."), kind=label)
    return response
