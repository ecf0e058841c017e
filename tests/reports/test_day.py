"""The work of the day: what staff, a donor and an observer find first on the home page."""

from datetime import date

from argon2 import PasswordHasher

from eom.accounts import service as accounts
from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.documents.models import SectionStatus as S
from eom.funding import donors
from eom.funding.models import MovementKind
from eom.planning.members.models import MemberStatus
from eom.planning.missions.models import MissionStatus
from recommendations.models import FollowUpStatus
from reports import day
from tests.factories import (
    acknowledge_all,
    advance,
    assess,
    make_document,
    make_donor,
    make_member,
    make_mission,
    make_observer,
    make_recommendation,
    make_section,
    make_user,
    publish,
    record_money,
    reported_mission,
    set_budget,
    set_status,
)

TODAY = date(2026, 8, 1)


def test_staff_see_missions_by_next_step_and_election_days_within_30_days(db: Database) -> None:
    soon = advance(db, make_mission(db, election_date=date(2026, 8, 20)), MissionStatus.accepted)
    later = make_mission(db, election_date=date(2026, 11, 1))
    advance(db, make_mission(db), MissionStatus.cancelled)
    with db.session_scope() as session:
        found = day.staff_day(session, TODAY)
    assert [(s.mission.id, s.to) for s in found.steps] == [
        (soon.id, MissionStatus.preliminary_visit),
        (later.id, MissionStatus.accepted),
    ]
    assert [s.mission.id for s in found.elections] == [soon.id]


def test_staff_see_who_has_not_acknowledged_the_code_and_the_underfunded(db: Database) -> None:
    mission = advance(db, make_mission(db), MissionStatus.accepted)
    set_budget(db, mission, {"travel": "100000.00"})
    signed = make_member(db, mission)
    make_member(db, mission)  # has not acknowledged
    acknowledge_all(db, signed)
    withdrawn = make_member(db, mission)
    set_status(db, withdrawn, MemberStatus.withdrawn)
    funded = make_mission(db)
    set_budget(db, funded, {"travel": "1000.00"})
    donor = make_donor(db)
    record_money(db, funded, MovementKind.commitment, "900.00", "USD", donor_id=donor.id)
    with db.session_scope() as session:
        found = day.staff_day(session, TODAY)
    assert [(u.mission.id, u.count) for u in found.unsigned] == [(mission.id, 1)]
    assert [f.mission_id for f in found.underfunded] == [mission.id]


def test_staff_see_open_recommendations_not_assessed_for_a_year_by_country(db: Database) -> None:
    old = reported_mission(db, election_date=date(2021, 10, 18))
    waiting = make_recommendation(db, old, publish=True)
    recent = make_recommendation(db, old, publish=True)
    done = make_recommendation(db, old, publish=True)
    make_recommendation(db, old)  # a draft waits for nobody
    assess(db, waiting, FollowUpStatus.not_implemented, date(2024, 5, 1))
    assess(db, recent, FollowUpStatus.partially_implemented, date(2026, 5, 1))
    assess(db, done, FollowUpStatus.fully_implemented, date(2023, 5, 1))
    with db.session_scope() as session:
        found = day.staff_day(session, TODAY)
    assert [(a.country, a.count) for a in found.awaiting] == [("BO", 1)]


def test_an_observer_is_told_what_to_do_next_in_each_mission(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.observer, email="ana@observers.example")
    observer = make_observer(db, email=user.email)
    mission = advance(db, make_mission(db), MissionStatus.agreements_signed)
    member = make_member(db, mission, observer)
    with db.session_scope() as session:
        [first] = day.observer_day(session, user)
    assert first.todo == "Read and acknowledge the code of conduct."
    assert first.link == f"/my/code#member-{member.id}"
    acknowledge_all(db, member)
    set_status(db, member, MemberStatus.confirmed, MemberStatus.accredited)
    with db.session_scope() as session:
        [then] = day.observer_day(session, user)
    assert then.todo == "Travel to arrive by {day}." and then.link is None


def test_a_donor_sees_the_missions_it_funded(db: Database, hasher: PasswordHasher) -> None:
    donor = make_donor(db)
    user = make_user(db, hasher, role=Role.donor)
    with db.session_scope() as session:
        account = accounts.get_user(session, user.id or 0)
        donors.link_account(
            session, donors.get_donor(session, donor.id or 0), account, actor=SYSTEM
        )
    funded = advance(db, make_mission(db), MissionStatus.accepted)  # public from then on
    advance(db, make_mission(db), MissionStatus.accepted)
    record_money(db, funded, MovementKind.pledge, "10.00", "USD", donor_id=donor.id)
    with db.session_scope() as session:
        found = day.donor_day(session, user, TODAY)
    assert found.donor is not None and found.donor.id == donor.id
    assert [f.mission_id for f in found.funded] == [funded.id]


def test_an_observer_finds_the_sections_they_write_in_the_documents_still_drafted(
    db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.deployed)
    email = "writer@observers.example"
    member = make_member(db, mission, make_observer(db, email=email))
    user = make_user(db, hasher, role=Role.observer, email=email)
    drafted = make_document(db, mission)
    mine = make_section(db, drafted, heading="Gender", assignee_id=member.id)
    make_section(db, drafted, heading="Media", assignee_id=make_member(db, mission).id)
    done = make_document(db, mission)
    make_section(
        db, done, assignee_id=member.id, text={"en": "Seen."}, to=(S.submitted, S.accepted)
    )
    publish(db, done)
    with db.session_scope() as session:
        [found] = day.sections_to_write(session, user)
    assert (found.section.id, found.document.id, found.mission.id) == (
        mine.id,
        drafted.id,
        mission.id,
    )
