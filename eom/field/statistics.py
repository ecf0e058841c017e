"""Live statistics of a mission's election day, aggregated in SQL.

Answers of current submissions (corrections replace what they supersede) are read from
the answer counters (``counters``); coverage compares the stations that members were sent to
with those that reported, per phase.
"""

from datetime import date, timedelta

from sqlmodel import Session, SQLModel, col, func, select

from eom.field import counters
from eom.field.models import Incident, Phase, StationAssignment, Submission
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission, MissionStatus


class ValueCount(SQLModel):
    value: str
    count: int


class QuestionStats(SQLModel):
    """One question: how often each answer was given (yes/no and choices), or for a number
    question how many answered and the mean."""

    phase: str
    question_id: str
    total: int
    values: list[ValueCount]
    mean: float | None = None


class PhaseCoverage(SQLModel):
    phase: str
    assigned: int
    reported: int
    missing: int
    missing_station_ids: list[int]


class IncidentCount(SQLModel):
    category: str
    severity: str
    verification: str
    count: int


class Statistics(SQLModel):
    submissions: int
    questions: list[QuestionStats]
    coverage: list[PhaseCoverage]
    incidents: list[IncidentCount]


def answer_distribution(
    session: Session, mission: Mission, *, phase: Phase | None = None, region: str | None = None
) -> list[QuestionStats]:
    """Per question, how often each answer was given, in current submissions."""
    return [
        _question_stats(c)
        for c in counters.read(session, mission.id or 0, phase=phase, region=region)
    ]


def _question_stats(counted: counters.Counted) -> QuestionStats:
    if counted.is_number:
        return QuestionStats(
            phase=counted.phase,
            question_id=counted.question_id,
            total=counted.answered,
            values=[],
            mean=round((counted.total or 0) / counted.answered, 2),
        )
    values = sorted(
        (ValueCount(value=v, count=n) for v, n in counted.values.items()), key=lambda v: -v.count
    )
    return QuestionStats(
        phase=counted.phase, question_id=counted.question_id, total=counted.answered, values=values
    )


def coverage(
    session: Session, mission: Mission, *, missing_listed: int = 200
) -> list[PhaseCoverage]:
    """Per phase, the assigned stations that have reported and those that have not."""
    assigned = set(
        session.exec(
            select(StationAssignment.station_id)
            .distinct()
            .join(MissionMember, col(MissionMember.id) == col(StationAssignment.member_id))
            .where(MissionMember.mission_id == mission.id)
        ).all()
    )
    reported: dict[str, set[int]] = {}
    for phase, station_id in session.exec(
        select(Submission.phase, Submission.station_id)
        .distinct()
        .where(Submission.mission_id == mission.id, col(Submission.superseded).is_(False))
    ).all():
        reported.setdefault(str(phase), set()).add(station_id)
    result = []
    for phase in (Phase.opening, Phase.voting, Phase.closing, Phase.counting):
        done = reported.get(phase.value, set()) & assigned
        missing = sorted(assigned - done)
        result.append(
            PhaseCoverage(
                phase=phase.value,
                assigned=len(assigned),
                reported=len(done),
                missing=len(missing),
                missing_station_ids=missing[:missing_listed],
            )
        )
    return result


def incident_counts(session: Session, mission: Mission) -> list[IncidentCount]:
    rows = session.exec(
        select(Incident.category, Incident.severity, Incident.verification, func.count())
        .where(Incident.mission_id == mission.id)
        .group_by(col(Incident.category), col(Incident.severity), col(Incident.verification))
    ).all()
    return [
        IncidentCount(category=str(c), severity=str(s), verification=str(v), count=n)
        for c, s, v, n in rows
    ]


def mission_statistics(
    session: Session, mission: Mission, *, phase: Phase | None = None, region: str | None = None
) -> Statistics:
    """Everything the election-day board shows, in one value."""
    submissions = session.exec(
        select(func.count())
        .select_from(Submission)
        .where(Submission.mission_id == mission.id, col(Submission.superseded).is_(False))
    ).one()
    return Statistics(
        submissions=submissions,
        questions=answer_distribution(session, mission, phase=phase, region=region),
        coverage=coverage(session, mission),
        incidents=incident_counts(session, mission),
    )


# How long after its last election day a mission's board still follows late reports.
LIVE_AFTER_ELECTION = timedelta(days=3)


def board_is_live(mission: Mission, today: date) -> bool:
    """Whether reports may still be coming in: the mission is deployed, or has just
    presented its preliminary report within a few days of its last election day."""
    last_vote = mission.runoff_date or mission.election_date
    if mission.status == MissionStatus.deployed:
        return True
    return mission.status == MissionStatus.preliminary_report and (
        today <= last_vote + LIVE_AFTER_ELECTION
    )
