"""Live statistics of a mission's election day, aggregated in SQL.

Answers of current submissions (corrections replace what they supersede) are kept as
counters per mission, phase, region, question and value, updated in the transaction
that stores each submission; coverage compares the stations that members were sent to
with those that reported, per phase.
"""

from sqlmodel import Session, SQLModel, col, func, select

from eom.field.models import AnswerCount, Incident, Phase, StationAssignment, Submission
from eom.field.submissions import COUNT, SUM
from eom.members.models import MissionMember
from eom.missions.models import Mission


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
    conditions = [col(AnswerCount.mission_id) == mission.id]
    if phase is not None:
        conditions.append(col(AnswerCount.phase) == phase.value)
    if region:
        conditions.append(col(AnswerCount.region) == region)
    total = func.sum(AnswerCount.count)
    rows = session.exec(
        select(AnswerCount.phase, AnswerCount.question_id, AnswerCount.value, total)
        .where(*conditions)
        .group_by(col(AnswerCount.phase), col(AnswerCount.question_id), col(AnswerCount.value))
        .having((total > 0) | (col(AnswerCount.value) == SUM))
    ).all()
    grouped: dict[tuple[str, str], dict[str, int]] = {}
    for phase_, question, value, count in rows:
        grouped.setdefault((phase_, question), {})[value] = int(count)
    return [_question_stats(p, q, counts) for (p, q), counts in sorted(grouped.items())]


def _question_stats(phase: str, question_id: str, counts: dict[str, int]) -> QuestionStats:
    if COUNT in counts:
        answered = counts[COUNT]
        return QuestionStats(
            phase=phase,
            question_id=question_id,
            total=answered,
            values=[],
            mean=round(counts.get(SUM, 0) / answered, 2),
        )
    values = sorted(
        (ValueCount(value=v, count=n) for v, n in counts.items()), key=lambda v: -v.count
    )
    return QuestionStats(
        phase=phase, question_id=question_id, total=sum(v.count for v in values), values=values
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
