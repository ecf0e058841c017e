"""The work of the day: what each person should look at first when they open EOM.

Like a document, the day gathers from every domain; unlike one, it is drawn on the home
page. DECO staff see their missions by next step and its date, members who have not
acknowledged the code, underfunded missions, recommendations waiting for an assessment,
and election days in the next 30 days; a donor sees the missions it funded and its
latest statement; an observer their missions and what to do next in each, and the
sections of the missions' documents they write."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, col, select

from eom.accounts.models import User
from eom.core.i18n import N_
from eom.documents.models import Document, DocumentSection, DocumentStatus
from eom.field.stations import assigned_station_ids
from eom.funding import figures
from eom.funding.dashboard import dashboard
from eom.funding.figures import MissionFunding
from eom.funding.models import Donor
from eom.planning import access as planning_access
from eom.planning.conduct import service as conduct
from eom.planning.members import service as members
from eom.planning.members.models import MemberStatus, MissionMember
from eom.planning.missions.models import FINISHED, REPORT_PUBLISHED, Mission, MissionStatus
from eom.planning.missions.service import NEXT_STATES
from recommendations.follow_up import last_assessed
from recommendations.models import SETTLED, Recommendation

SOON = timedelta(days=30)
# A recommendation still open waits for an assessment when none is younger than this.
ASSESSED_WITHIN = timedelta(days=365)


@dataclass(frozen=True)
class NextStep:
    """A mission, the step it moves to next and the day it is measured against."""

    mission: Mission
    to: MissionStatus | None
    on: date
    days: int  # from today to ``on``; negative once it has passed


@dataclass(frozen=True)
class Unsigned:
    mission: Mission
    count: int


@dataclass(frozen=True)
class Awaiting:
    """A country's published recommendations still open and not assessed for a year."""

    country: str
    count: int


@dataclass(frozen=True)
class StaffDay:
    steps: list[NextStep]
    unsigned: list[Unsigned]
    underfunded: list[MissionFunding]
    awaiting: list[Awaiting]
    elections: list[NextStep]


@dataclass(frozen=True)
class DonorDay:
    donor: Donor | None
    funded: list[MissionFunding]
    year: int


@dataclass(frozen=True)
class Task:
    """One of an observer's missions and what they should do next in it."""

    member: MissionMember
    mission: Mission
    todo: str  # a catalogue message
    params: dict[str, str | int] = field(default_factory=dict)
    link: str | None = None


def _step_day(mission: Mission) -> date:
    """The day a mission's next step is measured against: its arrival while it prepares,
    then its election day."""
    before_deployment = (
        MissionStatus.requested,
        MissionStatus.accepted,
        MissionStatus.preliminary_visit,
        MissionStatus.agreements_signed,
    )
    if mission.status in before_deployment and mission.deployment_starts_on:
        return mission.deployment_starts_on
    return mission.election_date


def _next_step(mission: Mission, today: date) -> NextStep:
    onward = [s for s in NEXT_STATES[mission.status] if s != MissionStatus.cancelled]
    on = _step_day(mission)
    return NextStep(
        mission=mission, to=onward[0] if onward else None, on=on, days=(on - today).days
    )


def _active(session: Session) -> list[Mission]:
    return list(
        session.exec(
            select(Mission)
            .where(col(Mission.status).not_in(FINISHED))
            .order_by(col(Mission.election_date))
        )
    )


def _awaiting(session: Session, today: date) -> list[Awaiting]:
    rows = session.exec(
        select(Recommendation.id, Mission.host_country)
        .join(Mission, col(Mission.id) == col(Recommendation.mission_id))
        .where(
            col(Recommendation.published),
            col(Recommendation.current_status).not_in(SETTLED),
            col(Mission.status).in_(REPORT_PUBLISHED),
        )
    ).all()
    last = last_assessed(session, [rec_id or 0 for rec_id, _ in rows])
    counts: dict[str, int] = {}
    for rec_id, country in rows:
        assessed = last.get(rec_id)
        if assessed is None or assessed < today - ASSESSED_WITHIN:
            counts[country] = counts.get(country, 0) + 1
    return [Awaiting(country=c, count=n) for c, n in sorted(counts.items(), key=lambda i: -i[1])]


def staff_day(session: Session, today: date) -> StaffDay:
    active = _active(session)
    steps = [_next_step(m, today) for m in active]
    # A requested mission has no team to sign the code yet.
    teamed = [m for m in active if m.status != MissionStatus.requested]
    counts = members.unsigned_counts(session, teamed)
    unsigned = [Unsigned(mission=m, count=n) for m in teamed if (n := counts.get(m.id or 0))]
    funding = figures.figures_of(session, active)
    elections = [s for s in steps if today <= s.mission.election_date <= today + SOON]
    return StaffDay(
        steps=sorted(steps, key=lambda s: s.on),
        unsigned=unsigned,
        underfunded=[f for f in funding if f.underfunded],
        awaiting=_awaiting(session, today),
        elections=sorted(elections, key=lambda s: s.mission.election_date),
    )


def donor_day(session: Session, user: User, today: date) -> DonorDay:
    board = dashboard(session, user)
    return DonorDay(donor=board.viewer.donor, funded=board.funded, year=today.year)


def _task(session: Session, member: MissionMember, mission: Mission) -> Task:
    signed = conduct.member_conduct(session, member).complete
    if member.status in (MemberStatus.withdrawn, MemberStatus.completed):
        return Task(member, mission, N_("Nothing more to do: thank you for your work."))
    if not signed:
        return Task(
            member,
            mission,
            N_("Read and acknowledge the code of conduct."),
            link=f"/my/code#member-{member.id}",
        )
    if member.status == MemberStatus.invited:
        return Task(member, mission, N_("DECO will confirm your place on the mission."))
    if member.status == MemberStatus.confirmed:
        return Task(member, mission, N_("DECO is requesting your accreditation."))
    if member.status == MemberStatus.accredited:
        arrival = mission.deployment_starts_on or mission.election_date
        return Task(
            member, mission, N_("Travel to arrive by {day}."), params={"day": arrival.isoformat()}
        )
    stations = len(assigned_station_ids(session, member))
    return Task(
        member,
        mission,
        N_("Observe election day ({day}) at your {count} polling stations and file your reports."),
        params={"day": mission.election_date.isoformat(), "count": stations},
    )


def observer_day(session: Session, user: User) -> list[Task]:
    observer = planning_access.observer_of(session, user)
    if observer is None:
        return []
    return [
        _task(session, member, mission)
        for member, mission in members.memberships_of(session, observer)
        if mission.status not in FINISHED
    ]


@dataclass(frozen=True)
class SectionToWrite:
    """A section of a draft document given to the observer to write."""

    section: DocumentSection
    document: Document
    mission: Mission


def sections_to_write(session: Session, user: User) -> list[SectionToWrite]:
    """The sections the observer writes, in their missions under way, of the documents
    still drafted: the mission's, then the document's, then the section's order."""
    observer = planning_access.observer_of(session, user)
    if observer is None:
        return []
    rows = session.exec(
        select(DocumentSection, Document, Mission)
        .join(Document, col(Document.id) == col(DocumentSection.document_id))
        .join(Mission, col(Mission.id) == col(Document.mission_id))
        .join(MissionMember, col(MissionMember.id) == col(DocumentSection.assignee_id))
        .where(
            col(MissionMember.observer_id) == observer.id,
            col(MissionMember.status) != MemberStatus.withdrawn,
            col(Document.status) == DocumentStatus.draft,
            col(Mission.status).not_in(FINISHED),
        )
        .order_by(col(Mission.election_date), col(Document.id), col(DocumentSection.position))
    )
    return [SectionToWrite(s, d, m) for s, d, m in rows]
