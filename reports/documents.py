"""Each document in one call, from the database to PDF bytes: what the API and the
command line ask for. Gathering and rendering stay apart (``gather``, ``*_pdf``)."""

from datetime import date

from sqlmodel import Session

from eom.funding.models import Donor
from eom.missions.models import Mission
from reports import donor_gather, gather
from reports.donor_statement import render_donor_statement
from reports.mission_pdf import render_mission_report


def mission_report_pdf(session: Session, mission: Mission, *, language: str, today: date) -> bytes:
    """The mission's report as it stands ``today``, in ``language``."""
    return render_mission_report(gather.mission_report(session, mission, today=today), language)


def donor_statement_pdf(
    session: Session,
    donor: Donor,
    *,
    start: date | None,
    end: date | None,
    language: str,
    today: date,
) -> bytes:
    """The donor's statement for the period (all time up to ``today`` by default)."""
    value = donor_gather.donor_statement(session, donor, start=start, end=end or today, today=today)
    return render_donor_statement(value, language)
