"""Planning pages: the missions list, a mission's page, the roster, and the observer's code."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from api.deps import RecordId, SearchText, SessionDep, actor
from api.pages.web import CsrfChecked, PageUser, render
from api.routes.reports import mission_report_file
from eom import access
from eom.accounts.models import User
from eom.conduct import service as conduct
from eom.members import service as members
from eom.members.models import MEMBER_STATUS_LABELS, ROLE_LABELS, Composition
from eom.missions import service as missions
from eom.missions.models import (
    AGREEMENT_LABELS,
    ELECTION_TYPE_LABELS,
    STATUS_LABELS,
    MissionStatus,
)
from eom.observers import service as observers
from eom.observers.models import GENDER_LABELS
from eom.reference import OAS_MEMBER_STATES, THEME_LABELS, Theme, country_name, language_name
from recommendations import follow_up
from recommendations.models import FOLLOW_UP_LABELS
from reports import figures

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
CHART_WIDTH = 620
LABELS: dict[str, Any] = {
    "status_labels": STATUS_LABELS,
    "election_labels": ELECTION_TYPE_LABELS,
    "role_names": ROLE_LABELS,
    "member_status_labels": MEMBER_STATUS_LABELS,
    "agreement_labels": AGREEMENT_LABELS,
    "theme_labels": THEME_LABELS,
    "gender_labels": GENDER_LABELS,
    "country_name": country_name,
    "language_name": language_name,
    "follow_up_labels": FOLLOW_UP_LABELS,
}


def sign_in_first(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?next={request.url.path}", status_code=303)


@router.get("/missions", response_class=HTMLResponse)
def missions_page(
    request: Request,
    session: SessionDep,
    user: PageUser,
    # A filter form sends empty fields for "any": they are accepted and mean no filter.
    status: Annotated[str, Query(max_length=30)] = "",
    country: Annotated[str, Query(pattern=r"^[A-Za-z]{0,2}$")] = "",
    year: Annotated[str, Query(pattern=r"^(\d{4})?$")] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    chosen = MissionStatus(status) if status in set(MissionStatus) else None
    items, total = missions.list_missions(
        session,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        status=chosen,
        country=country or None,
        year=int(year) if year else None,
        public_only=not access.is_staff(user),
        or_ids=access.own_mission_ids(session, user),
    )
    chiefs = members.chiefs_of(session, [m.id or 0 for m in items])
    return render(
        request,
        "missions.html",
        user,
        missions=items,
        chiefs=chiefs,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        statuses=list(MissionStatus),
        countries=sorted(OAS_MEMBER_STATES, key=country_name),
        filters={"status": chosen.value if chosen else "", "country": country, "year": year},
        **LABELS,
    )


def composition_charts(composition: Composition, language: str) -> dict[str, str]:
    """The composition of a mission drawn as SVG, labelled in the page's language."""
    return {
        "roles": figures.roles_chart(composition.by_role, language, width=CHART_WIDTH),
        "gender": figures.gender_chart(composition.by_gender, language, width=CHART_WIDTH),
        "nationalities": figures.nationalities_chart(
            composition.by_nationality, language, width=CHART_WIDTH
        ),
        "languages": figures.languages_chart(composition.by_language, language, width=CHART_WIDTH),
    }


def _staff_context(session: Session, mission_id: int, language: str) -> dict[str, Any]:
    mission = missions.get_mission(session, mission_id)
    composition = members.composition(session, mission)
    return {
        "timeline": missions.timeline(session, mission),
        "agreements": missions.agreements_of(session, mission),
        "members": members.views_of(session, members.members_of(session, mission)),
        "composition": composition,
        "charts": composition_charts(composition, language),
        "worklist": follow_up.worklist(session, mission),
    }


@router.get("/missions/{mission_id}", response_class=HTMLResponse)
def mission_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> HTMLResponse:
    mission = access.visible_mission(session, mission_id, user)
    chief = members.chiefs_of(session, [mission_id]).get(mission_id)
    staff_view = (
        _staff_context(session, mission_id, request.state.language) if access.is_staff(user) else {}
    )
    return render(
        request,
        "mission.html",
        user,
        mission=mission,
        chief=chief,
        is_staff=access.is_staff(user),
        **staff_view,
        **LABELS,
    )


@router.get("/missions/{mission_id}/report.pdf")
def mission_report_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    """The mission report for a browser signed in by cookie, readable as in the API."""
    mission = access.report_mission(session, mission_id, user)
    return mission_report_file(session, mission, user, request.state.language)


@router.get("/roster", response_class=HTMLResponse)
def roster_page(
    request: Request,
    session: SessionDep,
    user: PageUser,
    q: SearchText = None,
    nationality: Annotated[str | None, Query(pattern=r"^[A-Za-z]{0,2}$")] = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{0,2}$")] = None,
    expertise: Annotated[str | None, Query(max_length=40)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    if user is None:
        return sign_in_first(request)
    access.require_staff(user)
    theme = Theme(expertise) if expertise in set(Theme) else None
    items, total = observers.search_observers(
        session,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        q=q or None,
        nationality=nationality or None,
        language=language or None,
        expertise=theme,
    )
    return render(
        request,
        "roster.html",
        user,
        observers=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        themes=list(Theme),
        filters={
            "q": q or "",
            "nationality": nationality or "",
            "language": language or "",
            "expertise": theme.value if theme else "",
        },
        **LABELS,
    )


def _my_memberships(session: Session, user: User) -> list[dict[str, Any]]:
    observer = access.observer_of(session, user)
    if observer is None:
        return []
    return [
        {"member": member, "mission": mission, "conduct": conduct.member_conduct(session, member)}
        for member, mission in members.memberships_of(session, observer)
        if mission.status not in missions.FINISHED
    ]


@router.get("/my/code", response_class=HTMLResponse)
def my_code_page(request: Request, session: SessionDep, user: PageUser) -> Response:
    if user is None:
        return sign_in_first(request)
    return render(
        request,
        "my_code.html",
        user,
        memberships=_my_memberships(session, user),
        code=conduct.items_of_version(session, conduct.current_version(session)),
        **LABELS,
    )


@router.post("/my/code", dependencies=[CsrfChecked])
def acknowledge_code(
    request: Request,
    session: SessionDep,
    user: PageUser,
    member_id: Annotated[int, Form(ge=1, le=2_147_483_647)],
    item: Annotated[list[int], Form()],
) -> Response:
    if user is None:
        return sign_in_first(request)
    member = access.own_member_anywhere(session, member_id, user)
    conduct.acknowledge(session, member, item, actor=actor(user))
    return RedirectResponse(f"/my/code#member-{member_id}", status_code=303)
