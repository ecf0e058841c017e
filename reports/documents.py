"""Each document in one call, from the database to PDF bytes: what the API and the
command line ask for. Each document is a package of three modules: ``gather`` reads the
domains into the frozen ``value``, which ``render`` prints."""

from datetime import date

from sqlmodel import Session

from eom.funding.models import Donor
from eom.planning.missions.models import Mission
from reports.donor_statement import gather as donor_gather
from reports.donor_statement.render import render_donor_statement
from reports.followup_report import gather as gather_followup
from reports.followup_report.render import render_followup_report
from reports.mission_report import gather
from reports.mission_report.render import render_mission_report


def mission_report_pdf(
    session: Session, mission: Mission, *, language: str, today: date, published_only: bool
) -> bytes:
    """The mission's report as it stands ``today``, in ``language``; draft recommendations
    are in it only when ``published_only`` is false (staff)."""
    value = gather.mission_report(session, mission, today=today, published_only=published_only)
    return render_mission_report(value, language)


def followup_report_pdf(
    session: Session, country: str, *, language: str, today: date, published_only: bool
) -> bytes:
    """The follow-up of ``country``'s recommendations as it stands ``today``."""
    value = gather_followup.followup_report(
        session, country, today=today, published_only=published_only
    )
    return render_followup_report(value, language)


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
