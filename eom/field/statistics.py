"""Live statistics of a mission's election day, aggregated in SQL.

Answers of current submissions (corrections replace what they supersede) are read from
the answer counters (``counters``); coverage compares the stations that members were sent to
with those that reported, per phase.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, SQLModel, col, func, select

from eom.core.reference import Theme
from eom.field import counters, forms
from eom.field.models import (
    Form,
    Incident,
    Phase,
    PollingStation,
    StationAssignment,
    Submission,
)
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


class RegionCoverage(SQLModel):
    """One region: its assigned stations and, per phase, how many of them reported."""

    region: str
    assigned: int
    phases: list[PhaseCoverage]


class Statistics(SQLModel):
    submissions: int
    questions: list[QuestionStats]
    coverage: list[PhaseCoverage]
    regions: list[RegionCoverage] = []
    incidents: list[IncidentCount]


def answer_distribution(
    session: Session,
    mission: Mission,
    *,
    phase: Phase | None = None,
    region: str | None = None,
    theme: Theme | None = None,
) -> list[QuestionStats]:
    """Per question, how often each answer was given, in current submissions (to the
    questions of one theme's forms, if one is chosen)."""
    asked = _questions_of_theme(session, mission, theme) if theme is not None else None
    return [
        _question_stats(c)
        for c in counters.read(
            session, mission.id or 0, phase=phase, region=region, question_ids=asked
        )
    ]


def _questions_of_theme(session: Session, mission: Mission, theme: Theme) -> set[str]:
    """The ids of the questions of the mission's forms of this theme (any version)."""
    found: set[str] = set()
    for questions in session.exec(
        select(Form.questions).where(Form.mission_id == mission.id, Form.theme == theme)
    ):
        found.update(q["id"] for q in questions)
    return found


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


CHECKLIST_PHASES = (Phase.opening, Phase.voting, Phase.closing, Phase.counting)


def _assigned(session: Session, mission: Mission, region: str | None) -> dict[int, str]:
    """The stations members were sent to (of one region), with their region, by id."""
    query = (
        select(StationAssignment.station_id, PollingStation.region)
        .distinct()
        .join(MissionMember, col(MissionMember.id) == col(StationAssignment.member_id))
        .join(PollingStation, col(PollingStation.id) == col(StationAssignment.station_id))
        .where(MissionMember.mission_id == mission.id)
    )
    if region:
        query = query.where(PollingStation.region == region)
    return dict(session.exec(query).all())


def _reported(session: Session, mission: Mission, phases: Sequence[Phase]) -> dict[str, set[int]]:
    """Per phase, the stations with a current submission."""
    reported: dict[str, set[int]] = {p.value: set() for p in phases}
    for phase, station_id in session.exec(
        select(Submission.phase, Submission.station_id)
        .distinct()
        .where(
            Submission.mission_id == mission.id,
            col(Submission.superseded).is_(False),
            col(Submission.phase).in_(phases),
            col(Submission.station_id).is_not(None),
        )
    ).all():
        reported[str(phase)].add(station_id or 0)
    return reported


def _phase_coverage(
    phase: Phase, assigned: set[int], reported: set[int], missing_listed: int
) -> PhaseCoverage:
    missing = sorted(assigned - reported)
    return PhaseCoverage(
        phase=phase.value,
        assigned=len(assigned),
        reported=len(assigned & reported),
        missing=len(missing),
        missing_station_ids=missing[:missing_listed],
    )


def coverage_by_region(
    session: Session,
    mission: Mission,
    *,
    phase: Phase | None = None,
    region: str | None = None,
    missing_listed: int = 200,
) -> tuple[list[PhaseCoverage], list[RegionCoverage]]:
    """Per checklist phase (one, if chosen), the assigned stations (of one region) that
    have reported and those that have not; and the same per region, in name order."""
    phases = [p for p in CHECKLIST_PHASES if phase in (None, p)]
    assigned = _assigned(session, mission, region)
    reported = _reported(session, mission, phases)
    everywhere = set(assigned)
    overall = [_phase_coverage(p, everywhere, reported[p.value], missing_listed) for p in phases]
    by_region: dict[str, set[int]] = {}
    for station_id, name in assigned.items():
        by_region.setdefault(name, set()).add(station_id)
    regions = [
        RegionCoverage(
            region=name,
            assigned=len(ids),
            phases=[_phase_coverage(p, ids, reported[p.value], 0) for p in phases],
        )
        for name, ids in sorted(by_region.items())
    ]
    return overall, regions


def coverage(
    session: Session,
    mission: Mission,
    *,
    phase: Phase | None = None,
    region: str | None = None,
    missing_listed: int = 200,
) -> list[PhaseCoverage]:
    """Per phase, the assigned stations that have reported and those that have not."""
    overall, _ = coverage_by_region(
        session, mission, phase=phase, region=region, missing_listed=missing_listed
    )
    return overall


def _in_region(region: str | None) -> list[ColumnElement[bool]]:
    """The condition that a station (joined) is in the region, if one is chosen."""
    return [col(PollingStation.region) == region] if region else []


def incident_counts(
    session: Session, mission: Mission, *, region: str | None = None
) -> list[IncidentCount]:
    """Incidents by category, severity and verification (at the stations of one region)."""
    query = select(Incident.category, Incident.severity, Incident.verification, func.count())
    if region:
        query = query.join(PollingStation, col(PollingStation.id) == col(Incident.station_id))
    rows = session.exec(
        query.where(Incident.mission_id == mission.id, *_in_region(region)).group_by(
            col(Incident.category), col(Incident.severity), col(Incident.verification)
        )
    ).all()
    return [
        IncidentCount(category=str(c), severity=str(s), verification=str(v), count=n)
        for c, s, v, n in rows
    ]


def submission_count(
    session: Session,
    mission: Mission,
    *,
    phase: Phase | None = None,
    region: str | None = None,
    theme: Theme | None = None,
) -> int:
    """How many current submissions the mission has (of one phase, one region, to the
    forms of one theme): for its stations and areas in the region, if one is chosen."""
    query = select(func.count()).select_from(Submission)
    conditions: list[ColumnElement[bool]] = [
        col(Submission.mission_id) == mission.id,
        col(Submission.superseded).is_(False),
    ]
    if phase is not None:
        conditions.append(col(Submission.phase) == phase)
    if region:
        conditions.append(col(Submission.region) == region)
    if theme is not None:
        conditions.append(col(Submission.form_id).in_(forms.ids_of_theme(mission, theme)))
    return session.exec(query.where(*conditions)).one()


def mission_statistics(
    session: Session,
    mission: Mission,
    *,
    phase: Phase | None = None,
    region: str | None = None,
    theme: Theme | None = None,
) -> Statistics:
    """Everything the election-day board shows, in one value; a phase or a region narrows
    every figure to it (incidents have no phase: a region narrows them to its stations), a
    theme the submissions and answers to its forms'."""
    overall, regions = coverage_by_region(session, mission, phase=phase, region=region)
    return Statistics(
        submissions=submission_count(session, mission, phase=phase, region=region, theme=theme),
        questions=answer_distribution(session, mission, phase=phase, region=region, theme=theme),
        coverage=overall,
        regions=regions,
        incidents=incident_counts(session, mission, region=region),
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
