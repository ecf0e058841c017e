"""What the field app starts from: an observer's own missions, place, stations, published
forms, whether they file meetings, and code of conduct, in a number of queries that does
not grow with them."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from argon2 import PasswordHasher
from sqlalchemy import event

from eom.accounts.models import Role, User
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.field import assignments, forms, stations
from eom.field.assignments import MyAssignments
from eom.field.models import FormCreate
from eom.planning.conduct import service as conduct
from eom.planning.members.models import MemberRole, MemberStatus, MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    SIMPLE_FORM,
    acknowledge_all,
    advance,
    deploy,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_station,
    make_user,
    set_status,
)


@dataclass(frozen=True)
class Observer:
    user: User
    member: MissionMember
    name: str


def _observer(db: Database, hasher: PasswordHasher, mission: Mission) -> Observer:
    observer = make_observer(db)
    member = make_member(db, mission, observer)
    user = make_user(db, hasher, role=Role.observer, email=observer.email)
    return Observer(user, member, observer.full_name)


def _assign(db: Database, mission: Mission, member: MissionMember, station_ids: list[int]) -> None:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stations.assign_stations(session, fresh, member, station_ids, actor=SYSTEM)


def _gather(db: Database, user: User) -> MyAssignments:
    with db.session_scope(write=False) as session:
        return assignments.my_assignments(session, user, now=utcnow())


@contextmanager
def _counted(db: Database) -> Iterator[list[str]]:
    """The SQL statements run on the read engine inside the block."""
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.read_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.read_engine, "before_cursor_execute", count)


def _deployed_mission(
    db: Database, *, station_count: int, form_count: int, election: date
) -> Mission:
    mission = advance(db, make_mission(db, election_date=election), MissionStatus.deployed)
    for n in range(station_count):
        make_station(db, mission, code=f"ST-{n:03d}")
    for n in range(form_count):
        make_form(db, mission, key=f"form_{n}")
    return mission


def test_a_deployed_observer_gets_their_stations_and_the_published_forms_only(
    db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    five = [make_station(db, mission, region=f"R{n}", code=f"S-{n}") for n in range(5)]
    opening = make_form(db, mission)
    closing = make_form(db, mission, key="closing", phase="closing")
    make_form(db, mission, key="counting", phase="counting", publish=False)
    me, other = _observer(db, hasher, mission), _observer(db, hasher, mission)
    deploy(db, me.member)
    deploy(db, other.member)
    _assign(db, mission, me.member, [five[3].id or 0, five[1].id or 0])
    _assign(db, mission, other.member, [five[0].id or 0])

    found = _gather(db, me.user)

    assert (found.user.id, found.user.role) == (me.user.id, Role.observer)
    (assignment,) = found.missions
    assert (assignment.mission.code, assignment.mission.status) == ("EOM-BOL-2026", "deployed")
    assert (assignment.member.id, assignment.member.status) == (me.member.id, "deployed")
    assert [s.code for s in assignment.stations] == ["S-1", "S-3"]
    assert [(f.id, f.key) for f in assignment.forms] == [
        (closing.id, "closing"),
        (opening.id, "opening"),
    ]
    assert assignment.forms[1].answers_schema == forms.answers_schema(
        FormCreate.model_validate(SIMPLE_FORM).questions
    )
    assert assignment.conduct.member_id == me.member.id and assignment.conduct.complete
    assert assignment.member.conduct_complete
    seen = found.model_dump_json()
    assert other.name not in seen and other.user.email not in seen and "S-0" not in seen


def test_only_the_latest_published_version_of_each_form_is_given(
    db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.deployed)
    first = make_form(db, mission)
    me = _observer(db, hasher, mission)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        revised = FormCreate.model_validate({**SIMPLE_FORM, "title_en": "Opening, revised"})
        second = forms.revise_form(session, fresh, first, revised, actor=SYSTEM)
        forms.publish_form(session, second, actor=SYSTEM)
        forms.revise_form(session, fresh, second, revised, actor=SYSTEM)  # a draft of v3
    (assignment,) = _gather(db, me.user).missions
    assert [(f.key, f.version, f.title_en) for f in assignment.forms] == [
        ("opening", 2, "Opening, revised")
    ]


def test_memberships_on_the_way_to_the_field_are_given_with_their_status(
    db: Database, hasher: PasswordHasher
) -> None:
    """An invited observer reads the code of conduct before deployment; a withdrawn or
    completed membership is left out."""
    observer = make_observer(db)
    user = make_user(db, hasher, role=Role.observer, email=observer.email)
    invited = make_member(db, make_mission(db, code="EOM-INV-2026"), observer)
    withdrawn = make_member(db, make_mission(db, code="EOM-WDR-2026"), observer)
    set_status(db, withdrawn, MemberStatus.withdrawn)
    done_mission = advance(db, make_mission(db, code="EOM-DONE-2026"), MissionStatus.deployed)
    done = make_member(db, done_mission, observer)
    deploy(db, done)
    set_status(db, done, MemberStatus.completed)
    (assignment,) = _gather(db, user).missions
    assert (assignment.mission.code, assignment.member.status) == ("EOM-INV-2026", "invited")
    assert assignment.member.id == invited.id
    assert not assignment.conduct.complete and not assignment.member.conduct_complete
    assert all(item.acknowledged_at is None for item in assignment.conduct.items)
    assert {item.text_es for item in assignment.conduct.items} and assignment.forms == []


def test_the_code_of_conduct_shows_what_the_member_acknowledged(
    db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    me = _observer(db, hasher, mission)
    acknowledge_all(db, me.member)
    with db.session_scope() as session:
        expected = conduct.member_conduct(session, me.member)
    (assignment,) = _gather(db, me.user).missions
    assert assignment.conduct == expected and expected.complete


def test_each_mission_gives_the_members_days_their_own_else_the_missions(
    db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db, election_date=date(2026, 8, 17)), MissionStatus.deployed)
    observer = make_observer(db)
    user = make_user(db, hasher, role=Role.observer, email=observer.email)
    make_member(db, mission, observer, arrives_on=date(2026, 8, 13))
    (assignment,) = _gather(db, user).missions
    assert (assignment.arrives_on, assignment.leaves_on) == (date(2026, 8, 13), date(2026, 8, 27))
    assert (assignment.member.arrives_on, assignment.member.leaves_on) == (date(2026, 8, 13), None)


def test_the_app_is_told_which_missions_the_member_files_meetings_for(
    db: Database, hasher: PasswordHasher
) -> None:
    """The deployed coordinator files the meetings of their mission; the observer at the
    stations of another does not, nor the chief still on the way to a third."""
    observer = make_observer(db)
    user = make_user(db, hasher, role=Role.observer, email=observer.email)
    roles = {  # missions months apart: one person deploys to one at a time
        "EOM-CRD-2026": (MemberRole.regional_coordinator, True, date(2026, 3, 1)),
        "EOM-STO-2026": (MemberRole.short_term_observer, True, date(2026, 8, 17)),
        "EOM-CHF-2026": (MemberRole.chief, False, date(2026, 11, 8)),
    }
    for code, (role, deployed, election) in roles.items():
        mission = make_mission(db, code=code, election_date=election)
        advance(db, mission, MissionStatus.deployed)
        member = make_member(db, mission, observer, role=role)
        if deployed:
            deploy(db, member)
    found = {a.mission.code: a.files_meetings for a in _gather(db, user).missions}
    assert found == {"EOM-CRD-2026": True, "EOM-STO-2026": False, "EOM-CHF-2026": False}


def test_a_user_on_no_roster_gets_no_missions(db: Database, hasher: PasswordHasher) -> None:
    mission = make_mission(db)
    staff = make_user(db, hasher, role=Role.staff)
    make_member(db, mission, make_observer(db, email=staff.email))  # staff are never members
    lone = make_user(db, hasher, role=Role.observer)
    for user in (staff, lone):
        found = _gather(db, user)
        assert found.missions == [] and found.user.email == user.email


def _queries_for(
    db: Database, hasher: PasswordHasher, *, station_count: int, form_count: int
) -> int:
    """How many queries an observer deployed to two missions (months apart), each with
    this many stations (all theirs) and published forms, costs."""
    missions_ = [
        _deployed_mission(db, station_count=station_count, form_count=form_count, election=on)
        for on in (date(2026, 8, 17), date(2026, 11, 8))
    ]
    observer = make_observer(db)
    user = make_user(db, hasher, role=Role.observer, email=observer.email)
    for mission in missions_:
        member = make_member(db, mission, observer)
        deploy(db, member)
        with db.session_scope() as session:
            listed, _ = stations.list_stations(session, mission, limit=500, offset=0)
        _assign(db, mission, member, [s.id or 0 for s in listed])
    _gather(db, user)  # the first use links the account to its roster entry, once
    with _counted(db) as statements:
        found = _gather(db, user)
    assert [len(a.stations) for a in found.missions] == [station_count] * 2
    assert [len(a.forms) for a in found.missions] == [form_count] * 2
    return len(statements)


def test_the_number_of_queries_does_not_grow_with_stations_or_forms(
    db: Database, hasher: PasswordHasher
) -> None:
    few = _queries_for(db, hasher, station_count=1, form_count=1)
    many = _queries_for(db, hasher, station_count=6, form_count=4)
    assert few == many <= 11  # BEGIN on SQLite, then ten reads
