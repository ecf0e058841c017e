"""Documents as PDFs, readable by whoever may see the data they show."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.deps import CurrentUser, OptionalUser, RecordId, SessionDep
from api.errors import problem_responses
from eom import access
from eom.clock import utcnow
from eom.funding import access as funding_access
from reports.documents import donor_statement_pdf, mission_report_pdf

router = APIRouter(tags=["documents"])

PDF = "application/pdf"
PDF_RESPONSE: dict[int | str, dict] = {
    200: {
        "description": "The document as a PDF",
        "content": {PDF: {"schema": {"type": "string", "format": "binary"}}},
    }
}
# The middleware has already chosen the language from it (then the cookie, then
# Accept-Language); it is declared here so that clients see the choice.
Language = Annotated[
    Literal["en", "es"] | None, Query(description="the document's language (en or es)")
]

PeriodStart = Annotated[
    date | None,
    Query(alias="from", description="first day of the period (default: the first contribution)"),
]
PeriodEnd = Annotated[
    date | None, Query(alias="to", description="last day of the period (default: today)")
]


def pdf_response(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type=PDF,
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


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
    language: str = request.state.language
    content = mission_report_pdf(
        session,
        mission,
        language=language,
        today=utcnow().date(),
        published_only=not access.is_staff(user),
    )
    return pdf_response(content, f"{mission.code}-{language}.pdf")


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
    language: str = request.state.language
    content = donor_statement_pdf(
        session, donor, start=start, end=end, language=language, today=utcnow().date()
    )
    return pdf_response(content, f"statement-{donor_id}-{language}.pdf")
