"""Staff forms for recommendations: a mission's recommendations drafted, edited and
published from its page, a reiteration marked by picking the earlier one, and the
assessment of earlier recommendations from the mission's worklist or a recommendation's
page. Each form calls the service function its API route calls; a refusal shows the form
again with the reader's input and the reason beside the field."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages.recommendations import LABELS, recommendation_page_for
from api.web import CsrfChecked, PageStaff, field_errors, flash, render
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.errors import DomainError, StaleVersion
from eom.core.i18n import N_
from eom.core.inputs import MAX_ID
from eom.core.reference import Theme
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from recommendations import follow_up
from recommendations import service as recommendations
from recommendations.models import (
    FollowUpCreate,
    FollowUpStatus,
    Institution,
    LegalLevel,
    Priority,
    Recommendation,
    RecommendationCreate,
    RecommendationUpdate,
)

router = APIRouter(include_in_schema=False)

# The fields of the recommendation form, in the order a person fills them in.
FIELDS = (
    "number",
    "text_en",
    "text_es",
    "theme",
    "institution",
    "priority",
    "legal_level",
    "reiterates_id",
)


class RecommendationForm(BaseModel):
    """The recommendation form as the browser sends it: text, empty for "none"."""

    number: str = Field(default="", max_length=20)
    text_en: str = Field(default="", max_length=10_000)
    text_es: str = Field(default="", max_length=10_000)
    theme: str = Field(default="", max_length=60)
    institution: str = Field(default="", max_length=60)
    priority: str = Field(default="", max_length=60)
    legal_level: str = Field(default="", max_length=60)
    reiterates_id: str = Field(default="", max_length=20)
    version: int | None = Field(default=None, ge=1, le=MAX_ID)

    def filled(self) -> dict[str, str]:
        values = self.model_dump(exclude={"version"})
        return {name: value.strip() for name, value in values.items() if value.strip()}


class AssessmentForm(BaseModel):
    """An assessment as the browser sends it."""

    assessed_on: str = Field(default="", max_length=60)
    status: str = Field(default="", max_length=60)
    evidence: str = Field(default="", max_length=10_000)
    source_url: str = Field(default="", max_length=1000)
    assessed_by_mission_id: str = Field(default="", max_length=20)
    # Set by the worklist: the assessment came from that mission's page and goes back there.
    from_mission: int | None = Field(default=None, ge=1, le=MAX_ID)

    def filled(self) -> dict[str, str]:
        values = self.model_dump(exclude={"from_mission"})
        return {name: value.strip() for name, value in values.items() if value.strip()}


def values_of(recommendation: Recommendation) -> dict[str, str]:
    """A stored recommendation as the form shows it."""
    return {
        name: str(value) for name in FIELDS if (value := getattr(recommendation, name)) is not None
    }


def _form_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    recommendation: Recommendation | None,
    kept: dict[str, str],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    return render(
        request,
        "recommendation_form.html",
        user,
        status_code=status_code,
        mission=mission,
        rec=recommendation,
        kept=kept,
        errors=errors or {},
        themes=list(Theme),
        institutions=list(Institution),
        priorities=list(Priority),
        legal_levels=list(LegalLevel),
        candidates=recommendations.reiteration_candidates(session, mission),
        **LABELS,
        **extra,
    )


@router.get("/missions/{mission_id}/recommendations", response_class=HTMLResponse)
def mission_recommendations_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    """The mission's own recommendations, drafts included, with what can be done to each."""
    mission = missions.get_mission(session, mission_id)
    filters = recommendations.Filters(mission_id=mission_id, published_only=False)
    rows, _ = recommendations.list_recommendations(session, filters, limit=1000, offset=0)
    return render(
        request,
        "mission_recommendations.html",
        user,
        mission=mission,
        items=sorted((rec for rec, _ in rows), key=lambda r: r.number),
        **LABELS,
    )


@router.get("/missions/{mission_id}/recommendations/new", response_class=HTMLResponse)
def new_recommendation_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    mission = missions.get_mission(session, mission_id)
    filters = recommendations.Filters(mission_id=mission_id, published_only=False)
    _, count = recommendations.list_recommendations(session, filters, limit=1, offset=0)
    kept = {"number": str(count + 1), "priority": "medium", "legal_level": "administrative"}
    return _form_page(request, session, user, mission, recommendation=None, kept=kept)


@router.post("/missions/{mission_id}/recommendations/new", dependencies=[CsrfChecked])
def create_recommendation(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[RecommendationForm, Form()],
) -> Response:
    """Draft a recommendation, as ``POST /api/v1/recommendations`` does."""
    missions.get_mission(session, mission_id)  # an unknown mission is a 404, not a refusal
    try:
        data = RecommendationCreate.model_validate({**form.filled(), "mission_id": mission_id})
        made = recommendations.create_recommendation(session, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "number"})
        return _form_page(
            request,
            session,
            user,
            missions.get_mission(session, mission_id),
            recommendation=None,
            kept=form.filled(),
            errors=errors,
            status_code=422,
        )
    response = RedirectResponse(f"/missions/{mission_id}/recommendations", status_code=303)
    flash(request, response, N_("Recommendation {number} drafted."), number=made.number)
    return response


@router.get("/recommendations/{recommendation_id}/edit", response_class=HTMLResponse)
def edit_recommendation_page(
    request: Request, recommendation_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    found = recommendations.get_recommendation(session, recommendation_id)
    mission = missions.get_mission(session, found.mission_id)
    return _form_page(request, session, user, mission, recommendation=found, kept=values_of(found))


@router.post("/recommendations/{recommendation_id}/edit", dependencies=[CsrfChecked])
def edit_recommendation(
    request: Request,
    recommendation_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[RecommendationForm, Form()],
) -> Response:
    """Correct it, as ``PATCH /api/v1/recommendations/{id}`` with ``If-Match`` does; an
    empty "reiterates" means it reiterates none."""
    found = recommendations.get_recommendation(session, recommendation_id, for_update=True)
    wrote = form.filled()
    try:
        changes = RecommendationUpdate.model_validate({"reiterates_id": None, **wrote})
        recommendations.update_recommendation(
            session, found, changes, actor=actor(user), expected_version=form.version
        )
    except (ValidationError, DomainError) as error:
        session.rollback()
        found = recommendations.get_recommendation(session, recommendation_id)
        mission = missions.get_mission(session, found.mission_id)
        if isinstance(error, StaleVersion):
            # The stored version, with the reader's wording kept beside it to redo the change.
            return _form_page(
                request,
                session,
                user,
                mission,
                recommendation=found,
                kept=values_of(found),
                status_code=409,
                stale=True,
                yours={k: v for k, v in wrote.items() if values_of(found).get(k, "") != v},
            )
        errors = field_errors(request, error, {"": "number"})
        return _form_page(
            request,
            session,
            user,
            mission,
            recommendation=found,
            kept=wrote,
            errors=errors,
            status_code=422,
        )
    response = RedirectResponse(f"/missions/{found.mission_id}/recommendations", status_code=303)
    flash(request, response, N_("Saved."))
    return response


@router.post("/recommendations/{recommendation_id}/publish", dependencies=[CsrfChecked])
def publish_recommendation(
    request: Request, recommendation_id: RecordId, session: SessionDep, user: PageStaff
) -> Response:
    """Publish it, as ``POST /api/v1/recommendations/{id}/publish`` does; the mission's
    rule (published with the final report) is shown on the next page when it says no."""
    found = recommendations.get_recommendation(session, recommendation_id, for_update=True)
    back = f"/missions/{found.mission_id}/recommendations"
    try:
        recommendations.publish_recommendation(session, found, actor=actor(user))
    except DomainError as error:
        session.rollback()
        response = RedirectResponse(back, status_code=303)
        flash(request, response, error.template, **error.params)
        return response
    response = RedirectResponse(back, status_code=303)
    flash(request, response, N_("Recommendation {number} published."), number=found.number)
    return response


def _worklist_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    refused: int | None = None,
    kept: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "worklist.html",
        user,
        status_code=status_code,
        mission=mission,
        items=follow_up.worklist(session, mission),
        statuses=list(FollowUpStatus),
        today=utcnow().date().isoformat(),
        refused=refused,
        kept=kept or {},
        errors=errors or {},
        **LABELS,
    )


@router.get("/missions/{mission_id}/follow-up", response_class=HTMLResponse)
def worklist_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    """Earlier recommendations to the mission's country still open, each with a form to
    record what the mission found."""
    return _worklist_page(request, session, user, missions.get_mission(session, mission_id))


@router.post("/recommendations/{recommendation_id}/follow-ups", dependencies=[CsrfChecked])
def record_assessment(
    request: Request,
    recommendation_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[AssessmentForm, Form()],
) -> Response:
    """Add a dated assessment, as ``POST /api/v1/recommendations/{id}/follow-ups`` does,
    from the worklist of a mission (which assesses it) or the recommendation's page."""
    found = recommendations.get_recommendation(session, recommendation_id, for_update=True)
    wrote = form.filled()
    if form.from_mission:
        wrote["assessed_by_mission_id"] = str(form.from_mission)
    try:
        data = FollowUpCreate.model_validate(wrote)
        follow_up.record_follow_up(session, found, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "assessed_on"})
        if form.from_mission:
            mission = missions.get_mission(session, form.from_mission)
            return _worklist_page(
                request,
                session,
                user,
                mission,
                refused=recommendation_id,
                kept=wrote,
                errors=errors,
                status_code=422,
            )
        return recommendation_page_for(
            request,
            session,
            user,
            recommendation_id,
            assessment={"kept": wrote, "errors": errors},
            status_code=422,
        )
    back = (
        f"/missions/{form.from_mission}/follow-up"
        if form.from_mission
        else f"/recommendations/{recommendation_id}"
    )
    response = RedirectResponse(back, status_code=303)
    flash(request, response, N_("Assessment recorded."))
    return response
