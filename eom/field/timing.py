"""When a mission takes field reports (checklists and incidents): while it observes, late
after its preliminary report, never once its final report is out."""

from eom.core.errors import Conflict
from eom.planning.missions.models import CLOSED_TO_FILINGS, LATE_FILINGS, Mission


def taking_filings(mission: Mission) -> bool:
    """Whether a report filed now is late (the preliminary report is out); ``Conflict`` if
    the mission takes no more (its final report is out, or it was cancelled)."""
    if mission.status in CLOSED_TO_FILINGS:
        raise Conflict(
            "{code} is {status} and takes no more reports: its figures are final.",
            code=mission.code,
            status=mission.status.value,
        )
    return mission.status in LATE_FILINGS
