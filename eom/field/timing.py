"""When a mission takes field reports (checklists, incidents and meetings): while it
observes, late after its preliminary report, never once its final report is out; and when
what they report may have happened: on the member's days in the field (their own, else
the mission's), and not ahead of the clock."""

from datetime import date, datetime, timedelta

from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import CLOSED_TO_FILINGS, LATE_FILINGS, Mission

# How far ahead of the server's clock a device's may run (a phone set a little fast).
CLOCK_TOLERANCE = timedelta(minutes=10)


def taking_filings(mission: Mission) -> bool:
    """Whether a report filed now is late (the preliminary report is out); ``Conflict`` if
    the mission takes no more (its final report is out, or it was cancelled)."""
    if mission.status in CLOSED_TO_FILINGS:
        raise Conflict(
            "{code} is {status} and takes no more reports: its figures are final.",
            problem="closed-to-filings",
            code=mission.code,
            status=mission.status.value,
        )
    return mission.status in LATE_FILINGS


def observation_days(mission: Mission, member: MissionMember) -> tuple[date, date]:
    """The first and last day a member's observation may fall on: their own days in the
    field where set, else the mission's period (its deployment dates, or the default
    around its election days)."""
    return member.days(mission)


def check_observed(
    mission: Mission, member: MissionMember, at: datetime, *, field: str = "observed_at"
) -> None:
    """Refuse (``InvalidInput`` naming ``field``) a time ahead of the server's clock by more
    than ``CLOCK_TOLERANCE``, or on a day outside ``observation_days``; the day is the
    one the device wrote, in its own offset, as the observer lived it."""
    if at > utcnow() + CLOCK_TOLERANCE:
        raise InvalidInput(
            "{at} is ahead of the server's clock: a report is sent after it is observed.",
            problem="observed-ahead-of-clock",
            at=at.isoformat(),
            errors=[{"loc": [field], "msg": "ahead of the server's clock"}],
        )
    _on_the_days(mission, member, at.date(), at.isoformat(), field)


def check_day(mission: Mission, member: MissionMember, day: date, *, field: str) -> None:
    """Refuse (``InvalidInput`` naming ``field``) a day after today or outside
    ``observation_days``. Today is the server's in UTC: the host countries lie west of
    it, so their today is never after it."""
    if day > utcnow().date():
        raise InvalidInput(
            "{day} is after today: a report is sent after it happens.",
            problem="dated-after-today",
            day=day.isoformat(),
            errors=[{"loc": [field], "msg": "after today"}],
        )
    _on_the_days(mission, member, day, day.isoformat(), field)


def _on_the_days(
    mission: Mission, member: MissionMember, day: date, shown: str, field: str
) -> None:
    starts, ends = observation_days(mission, member)
    if starts <= day <= ends:
        return
    if member.arrives_on or member.leaves_on:
        raise InvalidInput(
            "{at} is outside your days on {code} ({starts} to {ends}).",
            problem="observed-outside-dates",
            at=shown,
            code=mission.code,
            starts=starts.isoformat(),
            ends=ends.isoformat(),
            errors=[{"loc": [field], "msg": "outside the member's dates"}],
        )
    raise InvalidInput(
        "{at} is outside the days of {code} ({starts} to {ends}).",
        problem="observed-outside-dates",
        at=shown,
        code=mission.code,
        starts=starts.isoformat(),
        ends=ends.isoformat(),
        errors=[{"loc": [field], "msg": "outside the mission's dates"}],
    )
