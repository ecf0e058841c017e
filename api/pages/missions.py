"""Planning pages: the missions list, a mission's page, the roster, and the observer's code."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from api.deps import RecordId, SearchText, SessionDep, actor
from api.documents import mission_report_file
from api.web import CsrfChecked, PageUser, flash, render
from eom.accounts.access import is_staff, require_staff
from eom.accounts.models import User
from eom.core.i18n import N_, translate
from eom.core.inputs import MAX_ID
from eom.core.reference import OAS_MEMBER_STATES, THEME_LABELS, Theme, country_name, language_name
from eom.core.text import folded
from eom.documents import access as documents_access
from eom.documents import service as documents
from eom.documents.models import KIND_LABELS, ROUND_LABELS
from eom.funding import budgets
from eom.planning import access
from eom.planning.conduct import service as conduct
from eom.planning.members import service as members
from eom.planning.members.models import MEMBER_STATUS_LABELS, ROLE_LABELS, Composition
from eom.planning.missions import service as missions
from eom.planning.missions.models import (
    AGREEMENT_LABELS,
    ELECTION_TYPE_LABELS,
    FINISHED,
    OBSERVED,
    STATUS_LABELS,
    VISIT_DECISION_LABELS,
    AgreementKind,
    MissionStatus,
)
from eom.planning.observers import service as observers
from eom.planning.observers.models import GENDER_LABELS
from recommendations import follow_up
from recommendations.models import FOLLOW_UP_LABELS
from reports import charts

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
LABELS: dict[str, Any] = {
    "status_labels": STATUS_LABELS,
    "election_labels": ELECTION_TYPE_LABELS,
    "role_names": ROLE_LABELS,
    "member_status_labels": MEMBER_STATUS_LABELS,
    "agreement_labels": AGREEMENT_LABELS,
    "visit_decision_labels": VISIT_DECISION_LABELS,
    "theme_labels": THEME_LABELS,
    "gender_labels": GENDER_LABELS,
    "country_name": country_name,
    "language_name": language_name,
    "follow_up_labels": FOLLOW_UP_LABELS,
    "document_kind_labels": KIND_LABELS,
    "document_round_labels": ROUND_LABELS,
    "in_language": documents.in_language,
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
    items, total = access.visible_missions(
        session,
        user,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        status=chosen,
        country=country or None,
        year=int(year) if year else None,
    )
    chiefs = members.chiefs_of(session, [m.id or 0 for m in items])
    return render(
        request,
        "missions.html",
        user,
        missions=items,
        chiefs=chiefs,
        is_staff=is_staff(user),
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        statuses=list(MissionStatus),
        countries=sorted(OAS_MEMBER_STATES, key=country_name),
        filters={"status": chosen.value if chosen else "", "country": country, "year": year},
        **LABELS,
    )


def composition_charts(composition: Composition, language: str) -> dict[str, charts.Drawn]:
    """The composition of a mission drawn as SVG, labelled in the page's language (each
    chart drawn once for the same counts, see ``charts.remembered``)."""
    return {
        name: charts.remembered(draw, charts.tallies(counts), language)
        for name, draw, counts in (
            ("roles", charts.roles_chart, composition.by_role),
            ("gender", charts.gender_chart, composition.by_gender),
            ("nationalities", charts.nationalities_chart, composition.by_nationality),
            ("languages", charts.languages_chart, composition.by_language),
        )
    }


def _staff_context(session: Session, mission_id: int, language: str) -> dict[str, Any]:
    mission = missions.get_mission(session, mission_id)
    # The members are read once for the list and the composition alike.
    rows = members.members_of(session, mission)
    views = members.views_of(session, rows)
    composition = members.composition_of(rows, views)
    agreements = missions.agreements_of(session, mission)
    return {
        "timeline": missions.timeline(session, mission),
        "agreements": agreements,
        "unsigned_kinds": [k for k in AgreementKind if k not in {a.kind for a in agreements}],
        "next_states": missions.NEXT_STATES[mission.status],
        "members": views,
        "composition": composition,
        "charts": composition_charts(composition, language),
        "worklist": follow_up.worklist(session, mission),
    }


@router.get("/missions/{mission_id}", response_class=HTMLResponse)
def mission_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> HTMLResponse:
    return mission_page_for(request, session, user, mission_id)


def mission_page_for(
    request: Request,
    session: Session,
    user: User | None,
    mission_id: int,
    *,
    agreement: dict[str, Any] | None = None,
) -> HTMLResponse:
    """A mission's page; with ``agreement`` (what the reader wrote, and why it was
    refused) the agreement form is shown again with 422."""
    mission = access.visible_mission(session, mission_id, user)
    chief = members.chiefs_of(session, [mission_id]).get(mission_id)
    staff_view = (
        _staff_context(session, mission_id, request.state.language) if is_staff(user) else {}
    )
    return render(
        request,
        "mission.html",
        user,
        status_code=422 if agreement else 200,
        agreement=agreement or {"kept": {}, "errors": {}},
        mission=mission,
        chief=chief,
        is_staff=is_staff(user),
        leads_documents=documents_access.standing(session, mission, user).leader,
        observed=mission.status in OBSERVED,
        budget=budgets.totals_in_force(session, [mission_id]).get(mission_id),
        documents=[
            documents.public_view(d, m) for d, m in documents.public_documents_of(session, mission)
        ],
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
    # Filters arrive as the form sends them; a value the roster does not offer is said so
    # beside its field, and the rest of the search still runs.
    nationality: Annotated[str, Query(max_length=100)] = "",
    language: Annotated[str, Query(max_length=100)] = "",
    expertise: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    nationalities, spoken = observers.roster_choices(session)
    lang: str = request.state.language
    chosen, errors = _roster_filters(lang, nationalities, spoken, nationality, language, expertise)
    items, total = observers.search_observers(
        session, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, q=q or None, **chosen
    )
    return render(
        request,
        "roster.html",
        user,
        status_code=422 if errors else 200,
        observers=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        themes=list(Theme),
        nationalities=sorted(nationalities, key=lambda c: folded(country_name(c, lang))),
        spoken=sorted(spoken, key=lambda c: folded(language_name(c, lang))),
        filters={
            "q": q or "",
            "nationality": nationality,
            "language": language,
            "expertise": expertise,
        },
        errors=errors,
        is_staff=is_staff(user),
        **LABELS,
    )


def _roster_filters(
    language: str,
    nationalities: list[str],
    spoken: list[str],
    nationality: str,
    speaks: str,
    expertise: str,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The filters the roster offers that were chosen, and a message for each value it
    does not offer (a country typed by name, say)."""
    chosen: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if nationality:
        if nationality.upper() in nationalities:
            chosen["nationality"] = nationality.upper()
        else:
            errors["nationality"] = translate(language, N_("Choose a country from the list."))
    if speaks:
        if speaks.lower() in spoken:
            chosen["language"] = speaks.lower()
        else:
            errors["language"] = translate(language, N_("Choose a language from the list."))
    if expertise:
        if expertise in set(Theme):
            chosen["expertise"] = Theme(expertise)
        else:
            errors["expertise"] = translate(language, N_("Choose a theme from the list."))
    return chosen, errors


def _my_memberships(session: Session, user: User) -> list[dict[str, Any]]:
    observer = access.observer_of(session, user)
    if observer is None:
        return []
    return [
        {"member": member, "mission": mission, "conduct": conduct.member_conduct(session, member)}
        for member, mission in members.memberships_of(session, observer)
        if mission.status not in FINISHED
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
    member_id: Annotated[int, Form(ge=1, le=MAX_ID)],
    item: Annotated[list[int], Form()] = [],  # noqa: B006 - FastAPI copies the default
) -> Response:
    if user is None:
        return sign_in_first(request)
    member = access.own_member_anywhere(session, member_id, user)
    response = RedirectResponse(f"/my/code#member-{member_id}", status_code=303)
    if not item:
        flash(request, response, N_("Tick the items you acknowledge, then press the button."))
        return response
    made = conduct.acknowledge(session, member, item, actor=actor(user))
    flash(request, response, N_("Acknowledged: {count} items."), count=len(made))
    return response
