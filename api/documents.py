"""Each document as the API and the pages serve it: the same file for the same reader.

The routes (``api/routes/reports.py``) and the page routes (a browser signed in by
cookie) both answer with these, after deciding who may read the document.
"""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query, Response
from sqlmodel import Session

from eom.accounts.access import is_staff
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.inputs import Day
from eom.funding.models import Donor
from eom.planning.missions.models import Mission
from reports.documents import donor_statement_pdf, followup_report_pdf, mission_report_pdf

PDF = "application/pdf"
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
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
    Day | None,
    Query(alias="from", description="first day of the period (default: the first contribution)"),
]
PeriodEnd = Annotated[
    Day | None, Query(alias="to", description="last day of the period (default: today)")
]


def pdf_response(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type=PDF,
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


def mission_report_file(
    session: Session, mission: Mission, user: User | None, language: str
) -> Response:
    """The mission report as of today; drafts are in it for staff only."""
    content = mission_report_pdf(
        session,
        mission,
        language=language,
        today=utcnow().date(),
        published_only=not is_staff(user),
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
        published_only=not is_staff(user),
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
