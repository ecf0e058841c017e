"""A mission's team, for DECO staff: who is on it, in which status and on which days,
changes of status for many at once, one member's own days, adding people found in the
roster, and an observer's profile. Each change of many reports one result per person."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from api.deps import RecordId, SearchText, SessionDep, TickedIds, actor
from api.pages.missions import LABELS, PAGE_SIZE, composition_charts, sign_in_first
from api.web import CsrfChecked, PageStaff, PageUser, field_errors, flash, render
from eom.accounts.access import require_staff
from eom.accounts.models import User
from eom.core.errors import DomainError, StaleVersion
from eom.core.i18n import N_
from eom.core.inputs import MAX_ID
from eom.core.reference import Theme, country_name, language_name
from eom.core.text import folded
from eom.planning.members import service as members
from eom.planning.members.models import MemberRole, MemberStatus, MemberUpdate, MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from eom.planning.observers import service as observers
from eom.planning.observers.models import Gender

router = APIRouter(include_in_schema=False)

# The changes of status offered for many members at once.
BULK_STATUSES = (
    MemberStatus.confirmed,
    MemberStatus.accredited,
    MemberStatus.deployed,
    MemberStatus.withdrawn,
)


def _team_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    outcomes: list[members.Outcome] | None = None,
    done: str = "",
) -> HTMLResponse:
    rows = members.members_of(session, mission)
    views = members.views_of(session, rows)
    composition = members.composition_of(rows, views)
    return render(
        request,
        "team.html",
        user,
        mission=mission,
        members=views,
        days={member.id: member.days(mission) for member, _ in rows},
        composition=composition,
        charts=composition_charts(composition, request.state.language),
        bulk_statuses=BULK_STATUSES,
        outcomes=outcomes,
        done=done,
        **LABELS,
    )


@router.get("/missions/{mission_id}/team", response_class=HTMLResponse)
def team_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    return _team_page(request, session, user, missions.get_mission(session, mission_id))


@router.post("/missions/{mission_id}/team/status", dependencies=[CsrfChecked])
def change_statuses(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    to: Annotated[MemberStatus, Form()],
    member: TickedIds = [],  # noqa: B006 - FastAPI copies the default
) -> Response:
    """Move the members ticked to one status; each result, or the rule that stopped it."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id, for_update=True)
    outcomes = members.change_statuses(session, mission, member, to, actor=actor(user))
    return _team_page(request, session, user, mission, outcomes=outcomes, done=to.value)


class DaysForm(BaseModel):
    """A member's days as the browser sends them: dates as text, empty for the mission's."""

    arrives_on: str = Field(default="", max_length=60)
    leaves_on: str = Field(default="", max_length=60)
    version: int | None = Field(default=None, ge=1, le=MAX_ID)

    def filled(self) -> dict[str, str]:
        return {"arrives_on": self.arrives_on.strip(), "leaves_on": self.leaves_on.strip()}


def _days_of(member: MissionMember) -> dict[str, str]:
    """A member's own days as the form shows them (empty: the mission's)."""
    return {
        "arrives_on": member.arrives_on.isoformat() if member.arrives_on else "",
        "leaves_on": member.leaves_on.isoformat() if member.leaves_on else "",
    }


def _days_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    member: MissionMember,
    *,
    kept: dict[str, str],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    starts, ends = mission.period()
    return render(
        request,
        "team_days.html",
        user,
        status_code=status_code,
        mission=mission,
        member=members.member_view(session, mission, member),
        starts=starts,
        ends=ends,
        kept=kept,
        errors=errors or {},
        **LABELS,
    )


@router.get("/missions/{mission_id}/team/{member_id}/dates", response_class=HTMLResponse)
def member_days_page(
    request: Request,
    mission_id: RecordId,
    member_id: RecordId,
    session: SessionDep,
    user: PageStaff,
) -> HTMLResponse:
    """The form of one member's own days in the field, within the mission's period."""
    mission = missions.get_mission(session, mission_id)
    member = members.get_member(session, mission, member_id)
    return _days_page(request, session, user, mission, member, kept=_days_of(member))


@router.post("/missions/{mission_id}/team/{member_id}/dates", dependencies=[CsrfChecked])
def change_member_days(
    request: Request,
    mission_id: RecordId,
    member_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[DaysForm, Form()],
) -> Response:
    """Set or clear the member's own days, as ``PATCH /api/v1/missions/{id}/members/{id}``
    with ``arrives_on`` and ``leaves_on`` does (an empty field is the mission's day)."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    member = members.get_member(session, mission, member_id)
    wrote = form.filled()
    try:
        changes = MemberUpdate.model_validate(
            {name: value or None for name, value in wrote.items()}
        )
        members.update_member(
            session, mission, member, changes, actor=actor(user), expected_version=form.version
        )
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error)
        mission = missions.get_mission(session, mission_id)
        member = members.get_member(session, mission, member_id)
        status = 409 if isinstance(error, StaleVersion) else 422
        return _days_page(
            request, session, user, mission, member, kept=wrote, errors=errors, status_code=status
        )
    name = members.names_of(session, {member_id})[member_id]
    response = RedirectResponse(f"/missions/{mission_id}/team", status_code=303)
    flash(request, response, N_("Saved the days of {name}."), name=name)
    return response


@router.get("/missions/{mission_id}/team/add", response_class=HTMLResponse)
def add_people_page(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    q: SearchText = None,
    nationality: Annotated[str, Query(max_length=2)] = "",
    language: Annotated[str, Query(max_length=3)] = "",
    # A filter form sends empty fields for "any"; a value not offered is taken as "any".
    expertise: Annotated[str, Query(max_length=40)] = "",
    gender: Annotated[str, Query(max_length=20)] = "",
    free: Annotated[bool, Query()] = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The roster searched for this mission: by name, nationality, language, expertise,
    gender, and whether a person is free on the mission's dates."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    theme = Theme(expertise) if expertise in set(Theme) else None
    chosen_gender = Gender(gender) if gender in set(Gender) else None
    busy = members.busy_observer_ids(session, mission)
    found, total = observers.search_observers(
        session,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        q=q or None,
        nationality=nationality or None,
        language=language or None,
        expertise=theme,
        gender=chosen_gender,
        leaving_out=busy if free else None,
    )
    nationalities, spoken = observers.roster_choices(session)
    lang: str = request.state.language
    return render(
        request,
        "team_add.html",
        user,
        mission=mission,
        observers=found,
        busy=busy,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        filters={
            "q": q or "",
            "nationality": nationality,
            "language": language,
            "expertise": theme.value if theme else "",
            "gender": chosen_gender.value if chosen_gender else "",
            "free": free,
        },
        nationalities=sorted(nationalities, key=lambda c: folded(country_name(c, lang))),
        spoken=sorted(spoken, key=lambda c: folded(language_name(c, lang))),
        themes=list(Theme),
        genders=list(Gender),
        roles=list(MemberRole),
        **LABELS,
    )


@router.post("/missions/{mission_id}/team/add", dependencies=[CsrfChecked])
def add_people(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    role: Annotated[MemberRole, Form()],
    theme: Annotated[str, Form(max_length=40)] = "",
    area: Annotated[str, Form(max_length=200)] = "",
    observer: TickedIds = [],  # noqa: B006 - FastAPI copies the default
) -> Response:
    """Invite the people ticked, in one role; each result, or the rule that stopped it."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id, for_update=True)
    outcomes = members.add_members(
        session,
        mission,
        observer,
        role=role,
        theme=Theme(theme) if theme in set(Theme) else None,
        area=area.strip() or None,
        actor=actor(user),
    )
    return _team_page(request, session, user, mission, outcomes=outcomes, done="invited")


@router.get("/observers/{observer_id}", response_class=HTMLResponse)
def observer_page(
    request: Request, observer_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    """An observer's profile with every mission they were part of."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    observer = observers.get_observer(session, observer_id)
    history: list[Any] = members.memberships_of(session, observer)
    return render(request, "observer.html", user, observer=observer, history=history, **LABELS)
