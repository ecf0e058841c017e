"""Recommendation pages: the tracker, one recommendation with its history, and a country's
scorecard. Visitors see published recommendations; staff see all."""

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from api.deps import RecordId, SearchText, SessionDep
from api.documents import followup_report_file
from api.web import PageUser, render
from eom.accounts.access import is_staff
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.errors import NotFound
from eom.core.reference import OAS_MEMBER_STATES, THEME_LABELS, MemberStateCode, Theme, country_name
from eom.planning.missions import service as missions
from recommendations import access as recommendation_access
from recommendations import follow_up, summary
from recommendations import service as recommendations
from recommendations.models import (
    FOLLOW_UP_LABELS,
    INSTITUTION_LABELS,
    LEGAL_LEVEL_LABELS,
    PRIORITY_LABELS,
    FollowUpStatus,
    Institution,
    Priority,
)
from recommendations.service import Filters
from recommendations.summary import GroupBy, StatusCounts, TrendPoint
from reports import charts
from reports.tables import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, to_csv, to_xlsx

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
LABELS: dict[str, Any] = {
    "theme_labels": THEME_LABELS,
    "status_labels": FOLLOW_UP_LABELS,
    "institution_labels": INSTITUTION_LABELS,
    "priority_labels": PRIORITY_LABELS,
    "legal_level_labels": LEGAL_LEVEL_LABELS,
    "country_name": country_name,
}
Choice = Annotated[str, Query(max_length=40, pattern=r"^[a-z_]*$")]


def _pick(kind: type[Any], value: str) -> Any:
    """A filter form sends an empty value for "any", and anything unknown means any too."""
    return kind(value) if value in {member.value for member in kind} else None


def _filters(
    user: Any,
    country: str,
    theme: str,
    institution: str,
    status: str,
    priority: str,
    year: str,
    q: str | None,
) -> Filters:
    return recommendation_access.filters_for(
        user,
        country=country or None,
        theme=_pick(Theme, theme),
        institution=_pick(Institution, institution),
        status=_pick(FollowUpStatus, status),
        priority=_pick(Priority, priority),
        year=int(year) if year else None,
        q=q or None,
    )


@router.get("/recommendations", response_class=HTMLResponse)
def tracker_page(
    request: Request,
    session: SessionDep,
    user: PageUser,
    country: Annotated[str, Query(pattern=r"^[A-Za-z]{0,2}$")] = "",
    theme: Choice = "",
    institution: Choice = "",
    status: Choice = "",
    priority: Choice = "",
    year: Annotated[str, Query(pattern=r"^(\d{4})?$")] = "",
    q: SearchText = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    chosen = _filters(user, country, theme, institution, status, priority, year, q)
    rows, total = recommendations.list_recommendations(
        session, chosen, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    by_country = summary.summary(
        session, Filters(published_only=chosen.published_only), GroupBy.country
    )
    return render(
        request,
        "recommendations.html",
        user,
        items=[recommendations.public_view(r, m) for r, m in rows],
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        countries=sorted(OAS_MEMBER_STATES, key=country_name),
        scorecards=by_country.rows,
        themes=list(Theme),
        institutions=list(Institution),
        statuses=list(FollowUpStatus),
        priorities=list(Priority),
        filters={
            "country": country.upper(),
            "theme": theme,
            "institution": institution,
            "status": status,
            "priority": priority,
            "year": year,
            "q": q or "",
        },
        **LABELS,
    )


@router.get("/recommendations/export.{kind}")
def export_page(
    request: Request,
    session: SessionDep,
    user: PageUser,
    kind: Annotated[str, Path(pattern=r"^(csv|xlsx)$")],
    country: Annotated[str, Query(pattern=r"^[A-Za-z]{0,2}$")] = "",
    theme: Choice = "",
    institution: Choice = "",
    status: Choice = "",
    priority: Choice = "",
    year: Annotated[str, Query(pattern=r"^(\d{4})?$")] = "",
    q: SearchText = None,
) -> Response:
    """The tracker's filtered list as a file, for whoever is signed in to the pages."""
    chosen = _filters(user, country, theme, institution, status, priority, year, q)
    rows = recommendations.export_rows(session, chosen)
    columns = recommendations.EXPORT_COLUMNS
    if kind == "xlsx":
        body, media_type = to_xlsx(rows, columns, sheet="recommendations"), XLSX_MEDIA_TYPE
    else:
        body, media_type = to_csv(rows, columns), CSV_MEDIA_TYPE
    disposition = f'attachment; filename="recommendations.{kind}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/recommendations/{recommendation_id}", response_class=HTMLResponse)
def recommendation_page(
    request: Request, recommendation_id: RecordId, session: SessionDep, user: PageUser
) -> HTMLResponse:
    return recommendation_page_for(request, session, user, recommendation_id)


def recommendation_page_for(
    request: Request,
    session: Session,
    user: User | None,
    recommendation_id: int,
    *,
    assessment: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """One recommendation with its history; staff also get the form to assess it
    (``assessment`` holds a refused one's input and errors)."""
    found = recommendation_access.visible_recommendation(session, recommendation_id, user)
    view = recommendations.views(session, [found])[0]
    mission = missions.get_mission(session, found.mission_id)
    staff = is_staff(user)
    return render(
        request,
        "recommendation.html",
        user,
        status_code=status_code,
        rec=view,
        mission=mission,
        assessments=follow_up.follow_up_views(session, follow_up.history(session, found)),
        chain=recommendations.reiteration_chain(session, found, published_only=not staff),
        can_assess=staff,
        assessors=follow_up.assessors_for(session, mission) if staff else [],
        statuses=list(FollowUpStatus),
        today=utcnow().date().isoformat(),
        assessment=assessment or {"kept": {}, "errors": {}},
        **LABELS,
    )


def scorecard_charts(
    rows: list[StatusCounts], points: list[TrendPoint], language: str
) -> dict[str, charts.Drawn]:
    """The theme × status bars and the implementation-rate trend, labelled in ``language``."""
    counts = {r.key: {s.value: n for s, n in r.counts.items()} for r in rows}
    statuses = list(FollowUpStatus)
    return {
        "themes": charts.for_screens(
            partial(charts.status_by_theme_chart, counts, statuses, language)
        ),
        "trend": charts.for_screens(partial(charts.implementation_trend_chart, points, language)),
    }


@router.get("/recommendations/countries/{alpha2}/report.pdf")
def followup_report_page(
    request: Request,
    alpha2: Annotated[MemberStateCode, Path()],
    session: SessionDep,
    user: PageUser,
) -> Response:
    """The country's follow-up report for a browser signed in by cookie, as in the API."""
    return followup_report_file(session, alpha2, user, request.state.language)


@router.get("/recommendations/countries/{alpha2}", response_class=HTMLResponse)
def scorecard_page(
    request: Request,
    alpha2: Annotated[str, Path(pattern=r"^[A-Za-z]{2}$")],
    session: SessionDep,
    user: PageUser,
) -> HTMLResponse:
    if alpha2.upper() not in OAS_MEMBER_STATES:
        raise NotFound("{code} is not a member state of the OAS.", code=alpha2.upper())
    chosen = recommendation_access.filters_for(user, country=alpha2.upper())
    by_theme = summary.summary(session, chosen, GroupBy.theme)
    points = summary.trend(session, chosen)
    return render(
        request,
        "scorecard.html",
        user,
        country=alpha2.upper(),
        member_states=OAS_MEMBER_STATES,
        matrix=by_theme,
        trend=points,
        repeated=summary.repeated(session, chosen),
        statuses=list(FollowUpStatus),
        charts=scorecard_charts(by_theme.rows, points, request.state.language),
        **LABELS,
    )
