"""Documents as PDFs, readable by whoever may see the data they show."""

from fastapi import APIRouter, Request, Response

from api.deps import CurrentUser, OptionalUser, RecordId, SessionDep
from api.documents import (
    PDF_RESPONSE,
    Language,
    PeriodEnd,
    PeriodStart,
    mission_report_file,
    statement_file,
)
from api.errors import problem_responses
from eom.funding import access as funding_access
from eom.planning import access

router = APIRouter(tags=["documents"])


@router.get(
    "/missions/{mission_id}/report.pdf",
    response_class=Response,
    responses={**PDF_RESPONSE, **problem_responses(401, 404)},
)
def mission_report(
    mission_id: RecordId,
    request: Request,
    session: SessionDep,
    user: OptionalUser,
    lang: Language = None,
) -> Response:
    """The mission report: staff at any time; whoever may see the mission once its final
    report is published (status ``final_report`` or later)."""
    mission = access.report_mission(session, mission_id, user)
    return mission_report_file(session, mission, user, request.state.language)


@router.get(
    "/donors/{donor_id}/statement.pdf",
    response_class=Response,
    responses={**PDF_RESPONSE, **problem_responses(401, 403, 404, 422)},
)
def donor_statement(
    donor_id: RecordId,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    start: PeriodStart = None,
    end: PeriodEnd = None,
    lang: Language = None,
) -> Response:
    """The donor's funding statement for the period: staff for any donor, a donor account
    for its own; a period that starts after it ends is refused (422)."""
    donor = funding_access.readable_donor(session, donor_id, user)
    return statement_file(session, donor, request.state.language, start, end)
