"""Recommendations and their follow-up: ``/api/v1/recommendations`` and a mission's worklist.

Staff write; anyone reads what is published; an unpublished recommendation is 404 to all
but staff. Fixed paths (``/summary``, ``/trend``, ...) are declared before
``/{recommendation_id}`` so that the id never captures them.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.csv_upload import csv_body, read_csv_body
from api.deps import (
    CREATED,
    ExpectedVersion,
    OptionalUser,
    Page,
    PaginationDep,
    RecordId,
    SearchText,
    SessionDep,
    StaffUser,
    UpdatedSince,
    actor,
    created_at,
    etag,
)
from api.documents import PDF_RESPONSE, Language, followup_report_file
from api.errors import problem_responses
from eom.accounts.access import is_staff
from eom.core.csvimport import ImportReport
from eom.core.inputs import MAX_ID
from eom.core.reference import MemberStateCode, Theme
from eom.planning.missions import service as missions
from recommendations import access as recommendation_access
from recommendations import follow_up, importing, summary
from recommendations import service as recommendations
from recommendations.models import (
    FollowUpCreate,
    FollowUpPublic,
    FollowUpStatus,
    Institution,
    Priority,
    RecommendationCreate,
    RecommendationPublic,
    RecommendationUpdate,
    WorklistItem,
)
from recommendations.service import Filters
from recommendations.summary import GroupBy, ReiterationChain, Summary, TrendPoint
from reports.tables import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, to_csv, to_xlsx

router = APIRouter(prefix="/recommendations", tags=["recommendations"])
worklist_router = APIRouter(prefix="/missions", tags=["recommendations"])


def filters(
    user: OptionalUser,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="alpha-2")] = None,
    mission_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    theme: Theme | None = None,
    institution: Institution | None = None,
    status: Annotated[FollowUpStatus | None, Query(description="the current status")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="the election's")] = None,
    priority: Priority | None = None,
    q: Annotated[SearchText, Query(description="words in the English or Spanish text")] = None,
) -> Filters:
    """The list's filters; callers other than staff see published recommendations only."""
    return recommendation_access.filters_for(
        user,
        country=country,
        mission_id=mission_id,
        theme=theme,
        institution=institution,
        status=status,
        year=year,
        priority=priority,
        q=q,
    )


FiltersDep = Annotated[Filters, Depends(filters)]


@router.get("", response_model=Page[RecommendationPublic], responses=problem_responses(401))
def list_recommendations(
    session: SessionDep,
    chosen: FiltersDep,
    page: PaginationDep,
    updated_since: UpdatedSince = None,
) -> Page[RecommendationPublic]:
    """Recommendations matching the filters, newest mission first."""
    rows, total = recommendations.list_recommendations(
        session, chosen, limit=page.limit, offset=page.offset, updated_since=updated_since
    )
    return Page[RecommendationPublic](
        items=[recommendations.public_view(r, m) for r, m in rows], total=total
    )


@router.post(
    "",
    response_model=RecommendationPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(401, 403, 404, 409)},
)
def create_recommendation(
    data: RecommendationCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
) -> RecommendationPublic:
    """A draft recommendation of a mission that has observed its election."""
    created = recommendations.create_recommendation(session, data, actor=actor(staff))
    response.headers["ETag"] = etag(created.version)
    created_at(request, response, "read_recommendation", recommendation_id=created.id)
    return recommendations.views(session, [created])[0]


@router.get("/summary", response_model=Summary, responses=problem_responses(401))
def summarize(
    session: SessionDep, chosen: FiltersDep, group_by: GroupBy = GroupBy.theme
) -> Summary:
    """Counts per current status and the implementation rate, (fully + mostly implemented)
    / assessed, per group. Callers other than staff count published recommendations only."""
    return summary.summary(session, chosen, group_by)


@router.get("/trend", response_model=list[TrendPoint], responses=problem_responses(401))
def trend(session: SessionDep, chosen: FiltersDep) -> list[TrendPoint]:
    """The implementation rate at the end of each year, from the first recommendation on."""
    return summary.trend(session, chosen)


@router.get("/repeated", response_model=list[ReiterationChain], responses=problem_responses(401))
def repeated(session: SessionDep, chosen: FiltersDep) -> list[ReiterationChain]:
    """Recommendations that successive missions to one country made again, longest chain first."""
    return summary.repeated(session, chosen)


@router.get(
    "/export.csv",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"},
        **problem_responses(401),
    },
)
def export_csv(session: SessionDep, chosen: FiltersDep) -> Response:
    """The filtered list as CSV (at most 20,000 rows)."""
    body = to_csv(recommendations.export_rows(session, chosen), recommendations.EXPORT_COLUMNS)
    return Response(
        body,
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="recommendations.csv"'},
    )


@router.get(
    "/export.xlsx",
    response_class=Response,
    responses={
        200: {
            "content": {XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            "description": "XLSX workbook",
        },
        **problem_responses(401),
    },
)
def export_xlsx(session: SessionDep, chosen: FiltersDep) -> Response:
    """The filtered list as an XLSX workbook (at most 20,000 rows)."""
    body = to_xlsx(
        recommendations.export_rows(session, chosen),
        recommendations.EXPORT_COLUMNS,
        sheet="recommendations",
    )
    return Response(
        body,
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="recommendations.xlsx"'},
    )


@router.get(
    "/report.pdf",
    response_class=Response,
    responses={**PDF_RESPONSE, **problem_responses(401)},
)
def followup_report(
    country: Annotated[MemberStateCode, Query(description="the OAS member state (alpha-2)")],
    request: Request,
    session: SessionDep,
    user: OptionalUser,
    lang: Language = None,
) -> Response:
    """The follow-up report of one country's recommendations: published ones for anyone,
    drafts too for staff. A country without any is a short document that says so."""
    return followup_report_file(session, country, user, request.state.language)


@router.post(
    "/import",
    response_model=ImportReport,
    responses=problem_responses(401, 403, 413),
    openapi_extra=csv_body(
        "Columns: mission_code, number, text_en, text_es, theme, institution, priority, "
        "legal_level, reiterates (CODE#NUMBER), published (true/false). A known mission "
        "code and number updates that recommendation."
    ),
)
async def import_recommendations(
    request: Request, session: SessionDep, staff: StaffUser
) -> ImportReport:
    """Import recommendations from CSV: all rows or none, every bad row reported."""
    text = await read_csv_body(request)
    return await run_in_threadpool(
        importing.import_recommendations, session, text, actor=actor(staff)
    )


@router.post(
    "/assessments/import",
    response_model=ImportReport,
    responses=problem_responses(401, 403, 413),
    openapi_extra=csv_body(
        "Columns: mission_code, number, assessed_on, status, evidence, source_url, "
        "assessed_by (the assessing mission's code; empty for DECO)."
    ),
)
async def import_assessments(
    request: Request, session: SessionDep, staff: StaffUser
) -> ImportReport:
    """Import follow-up assessments from CSV: all rows or none, every bad row reported."""
    text = await read_csv_body(request)
    return await run_in_threadpool(importing.import_assessments, session, text, actor=actor(staff))


@router.get(
    "/{recommendation_id}",
    response_model=RecommendationPublic,
    responses=problem_responses(401, 404),
)
def read_recommendation(
    recommendation_id: RecordId, response: Response, session: SessionDep, user: OptionalUser
) -> RecommendationPublic:
    found = recommendation_access.visible_recommendation(session, recommendation_id, user)
    response.headers["ETag"] = etag(found.version)
    return recommendations.views(session, [found])[0]


@router.patch(
    "/{recommendation_id}",
    response_model=RecommendationPublic,
    responses=problem_responses(401, 403, 404, 409, 412),
)
def update_recommendation(
    recommendation_id: RecordId,
    changes: RecommendationUpdate,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    version: ExpectedVersion,
) -> RecommendationPublic:
    """Correct the wording or classification; send ``If-Match`` to keep others' changes."""
    updated = recommendations.update_recommendation(
        session,
        recommendations.get_recommendation(session, recommendation_id, for_update=True),
        changes,
        actor=actor(staff),
        expected_version=version,
    )
    response.headers["ETag"] = etag(updated.version)
    return recommendations.views(session, [updated])[0]


@router.post(
    "/{recommendation_id}/publish",
    response_model=RecommendationPublic,
    responses=problem_responses(401, 403, 404, 409),
)
def publish_recommendation(
    recommendation_id: RecordId, response: Response, session: SessionDep, staff: StaffUser
) -> RecommendationPublic:
    """Make it public, once its mission's final report is out."""
    published = recommendations.publish_recommendation(
        session,
        recommendations.get_recommendation(session, recommendation_id, for_update=True),
        actor=actor(staff),
    )
    response.headers["ETag"] = etag(published.version)
    return recommendations.views(session, [published])[0]


@router.get(
    "/{recommendation_id}/chain",
    response_model=list[RecommendationPublic],
    responses=problem_responses(401, 404),
)
def reiteration_chain(
    recommendation_id: RecordId, session: SessionDep, user: OptionalUser
) -> list[RecommendationPublic]:
    """What it reiterates and what reiterates it, oldest mission first."""
    found = recommendation_access.visible_recommendation(session, recommendation_id, user)
    return recommendations.reiteration_chain(session, found, published_only=not is_staff(user))


@router.get(
    "/{recommendation_id}/follow-ups",
    response_model=list[FollowUpPublic],
    responses=problem_responses(401, 404),
)
def list_follow_ups(
    recommendation_id: RecordId,
    session: SessionDep,
    user: OptionalUser,
    updated_since: UpdatedSince = None,
) -> list[FollowUpPublic]:
    """Every assessment, oldest first; the last one is the current status."""
    found = recommendation_access.visible_recommendation(session, recommendation_id, user)
    history = follow_up.history(session, found, updated_since=updated_since)
    return follow_up.follow_up_views(session, history)


@router.post(
    "/{recommendation_id}/follow-ups",
    response_model=FollowUpPublic,
    status_code=201,
    responses=problem_responses(401, 403, 404, 409),
)
def record_follow_up(
    recommendation_id: RecordId, data: FollowUpCreate, session: SessionDep, staff: StaffUser
) -> FollowUpPublic:
    """Add a dated assessment. Assessments are never changed, only followed by newer ones."""
    found = recommendations.get_recommendation(session, recommendation_id, for_update=True)
    added = follow_up.record_follow_up(session, found, data, actor=actor(staff))
    return follow_up.follow_up_views(session, [added])[0]


@worklist_router.get(
    "/{mission_id}/recommendations/worklist",
    response_model=list[WorklistItem],
    responses=problem_responses(401, 403, 404),
)
def worklist(mission_id: RecordId, session: SessionDep, _: StaffUser) -> list[WorklistItem]:
    """Earlier recommendations to the mission's country that are neither fully implemented
    nor no longer relevant: what this mission should assess."""
    return follow_up.worklist(session, missions.get_mission(session, mission_id))
