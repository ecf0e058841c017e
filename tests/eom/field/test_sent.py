"""What an observer sent, read back: their own submissions, incidents and meetings across
missions, newest first, corrections named both ways; nobody else's."""

from dataclasses import dataclass
from datetime import date, timedelta

from argon2 import PasswordHasher

from eom.accounts.models import Role, User
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import incidents, sent
from eom.field.models import IncidentCategory, IncidentCreate, Severity
from eom.planning.members.models import MemberRole, MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    assigned_station,
    deploy,
    make_form,
    make_meeting,
    make_member,
    make_mission,
    make_observer,
    make_user,
)
from tests.support.filing import GOOD, OBSERVED, receive


@dataclass(frozen=True)
class Sender:
    """An observer with an account, deployed to two missions months apart."""

    user: User
    first: MissionMember
    second: MissionMember


def _sender(db: Database, hasher: PasswordHasher, first: Mission, second: Mission) -> Sender:
    observer = make_observer(db)
    user = make_user(db, hasher, role=Role.observer, email=observer.email)
    members = [make_member(db, mission, observer) for mission in (first, second)]
    for member in members:
        deploy(db, member)
    return Sender(user, *members)


def _missions(db: Database) -> tuple[Mission, Mission]:
    return (
        advance(db, make_mission(db, election_date=date(2026, 8, 17)), MissionStatus.deployed),
        advance(db, make_mission(db, election_date=date(2026, 11, 8)), MissionStatus.deployed),
    )


def _file(
    db: Database, mission: Mission, member: MissionMember, minutes: int, **extra: object
) -> str:
    form, station = make_form(db, mission, key=f"f{minutes}"), assigned_station(db, mission, member)
    election_day = mission.election_date
    at = OBSERVED.replace(month=election_day.month, day=election_day.day) + timedelta(
        minutes=minutes
    )
    stored, _ = receive(
        db,
        mission,
        member,
        form_id=form.id,
        station_id=station.id,
        observed_at=at,
        received_at=at,
        **extra,
    )
    return stored.uuid


def _report(db: Database, mission: Mission, member: MissionMember, minutes: int) -> str:
    election_day = mission.election_date
    at = OBSERVED.replace(month=election_day.month, day=election_day.day)
    data = IncidentCreate(
        uuid=f"00000000-0000-4000-8000-{minutes:012d}",
        category=IncidentCategory.vote_buying,
        severity=Severity.high,
        place="Plaza principal",
        occurred_at=at + timedelta(minutes=minutes),
        description="Money offered at the door.",
    )
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return incidents.report(session, fresh, member, data, actor=SYSTEM)[0].uuid


def test_an_observer_reads_back_their_own_submissions_newest_first_across_missions(
    db: Database, hasher: PasswordHasher
) -> None:
    north, south = _missions(db)
    me = _sender(db, hasher, north, south)
    other = make_member(db, north)
    deploy(db, other)
    early = _file(db, north, me.first, 0)
    later = _file(db, south, me.second, 30)
    _file(db, north, other, 60)
    with db.session_scope() as session:
        items, total = sent.own_submissions(session, me.user, limit=10, offset=0)
        page, _ = sent.own_submissions(session, me.user, limit=1, offset=1)
        only_north, north_total = sent.own_submissions(
            session, me.user, limit=10, offset=0, mission_id=north.id
        )
    assert [s.uuid for s in items] == [later, early] and total == 2
    assert [s.uuid for s in page] == [early]
    assert [s.uuid for s in only_north] == [early] and north_total == 1


def test_a_corrected_submission_names_its_correction_and_the_correction_names_it(
    db: Database, hasher: PasswordHasher
) -> None:
    north, south = _missions(db)
    me = _sender(db, hasher, north, south)
    form, station = make_form(db, north), assigned_station(db, north, me.first)
    first, _ = receive(
        db, north, me.first, form_id=form.id, station_id=station.id, received_at=OBSERVED
    )
    later = OBSERVED + timedelta(minutes=5)
    fixed, _ = receive(
        db,
        north,
        me.first,
        form_id=form.id,
        station_id=station.id,
        observed_at=later,
        received_at=later,
        answers={**GOOD, "assessment": "poor"},
        supersedes=first.uuid,
    )
    with db.session_scope() as session:
        correction, corrected = sent.own_submissions(session, me.user, limit=10, offset=0)[0]
    assert (correction.uuid, correction.supersedes) == (fixed.uuid, first.uuid)
    assert not correction.superseded and correction.superseded_by is None
    assert (corrected.uuid, corrected.superseded) == (first.uuid, True)
    assert corrected.superseded_by == fixed.uuid


def test_an_observer_reads_back_their_own_incidents_newest_first(
    db: Database, hasher: PasswordHasher
) -> None:
    north, south = _missions(db)
    me = _sender(db, hasher, north, south)
    other = make_member(db, north)
    deploy(db, other)
    first = _report(db, north, me.first, 1)
    _report(db, north, other, 2)
    second = _report(db, south, me.second, 3)
    with db.session_scope() as session:
        items, total = sent.own_incidents(session, me.user, limit=10, offset=0)
        in_south, _ = sent.own_incidents(session, me.user, limit=10, offset=0, mission_id=south.id)
    assert [i.uuid for i in items] == [second, first] and total == 2
    assert [i.uuid for i in in_south] == [second]


def test_an_observer_reads_back_their_own_meetings_newest_first(
    db: Database, hasher: PasswordHasher
) -> None:
    north, south = _missions(db)
    me = _sender(db, hasher, north, south)
    other = make_member(db, north, role=MemberRole.deputy_chief)
    deploy(db, other)
    first = make_meeting(db, north, me.first, met_on="2026-08-12")
    make_meeting(db, north, other)
    # Held earlier than the first, in the other mission's days, but received after it.
    second = make_meeting(db, south, me.second, met_on="2026-11-01")
    with db.session_scope() as session:
        items, total = sent.own_meetings(session, me.user, limit=10, offset=0)
        in_north, _ = sent.own_meetings(session, me.user, limit=10, offset=0, mission_id=north.id)
    assert [m.uuid for m in items] == [second.uuid, first.uuid] and total == 2
    assert [m.uuid for m in in_north] == [first.uuid]


def test_a_user_on_no_roster_sent_nothing(db: Database, hasher: PasswordHasher) -> None:
    north, south = _missions(db)
    me = _sender(db, hasher, north, south)
    _file(db, north, me.first, 0)
    _report(db, north, me.first, 1)
    staff = make_user(db, hasher, role=Role.staff)
    with db.session_scope() as session:
        assert sent.own_submissions(session, staff, limit=10, offset=0) == ([], 0)
        assert sent.own_incidents(session, staff, limit=10, offset=0) == ([], 0)
        assert sent.own_meetings(session, staff, limit=10, offset=0) == ([], 0)
