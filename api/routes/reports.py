"""Documents as PDFs, readable by whoever may see the data they show."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from api.deps import CurrentUser, OptionalUser, RecordId, SessionDep
from api.errors import problem_responses
from eom import access
from eom.accounts.models import User
from eom.clock import utcnow
from eom.funding import access as funding_access
from eom.funding.models import Donor
from eom.missions.models import Mission
from reports.documents import donor_statement_pdf, followup_report_pdf, mission_report_pdf

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


# Each document as the API and the pages serve it: the same file for the same reader.


def mission_report_file(
    session: Session, mission: Mission, user: User | None, language: str
) -> Response:
    """The mission report as of today; drafts are in it for staff only."""
    content = mission_report_pdf(
        session,
        mission,
        language=language,
        today=utcnow().date(),
        published_only=not access.is_staff(user),
    )
    return pdf_response(content, f"{mission.code}-{language}.pdf")


def followup_report_file(
    session: Session, country: str, user: User | None, language: str
) -> Response:
    """The country's follow-up report as of today; drafts are in it for staff only."""
    content = followup_report_pdf(
        session,
        country,
        language=language,
        today=utcnow().date(),
        published_only=not access.is_staff(user),
    )
    return pdf_response(content, f"recommendations-{country}-{language}.pdf")


def statement_file(
    session: Session, donor: Donor, language: str, start: date | None, end: date | None
) -> Response:
    """The donor's statement for the period (up to today by default)."""
    content = donor_statement_pdf(
        session, donor, start=start, end=end, language=language, today=utcnow().date()
    )
    return pdf_response(content, f"statement-{donor.id}-{language}.pdf")


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
