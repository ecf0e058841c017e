"""Each document in one call, from the database to PDF bytes: what the API and the
command line ask for. Gathering and rendering stay apart (``gather``, ``*_pdf``)."""

from datetime import date

from sqlmodel import Session

from eom.missions.models import Mission
from reports import gather
from reports.mission_pdf import render_mission_report


def mission_report_pdf(session: Session, mission: Mission, *, language: str, today: date) -> bytes:
    """The mission's report as it stands ``today``, in ``language``."""
    return render_mission_report(gather.mission_report(session, mission, today=today), language)
