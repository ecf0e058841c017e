from datetime import date

import pytest
from sqlmodel import select

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput, InvalidTransition
from eom.planning.conduct import service as conduct
from eom.planning.conduct.models import ConductItem
from eom.planning.members import service as members
from eom.planning.members.models import MemberRole, MemberStatus, MemberUpdate, MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    acknowledge_all,
    advance,
    deploy,
    make_member,
    make_mission,
    make_observer,
    set_status,
)

M = MemberStatus


def test_an_observer_never_observes_their_own_country(db: Database) -> None:
    mission = make_mission(db, host_country="BO")
    bolivian = make_observer(db, full_name="Ana Quispe", nationality="BO")
    with pytest.raises(Conflict, match="Ana Quispe is a national of Bolivia and cannot observe"):
        make_member(db, mission, bolivian)


@pytest.mark.parametrize("role", [MemberRole.chief, MemberRole.deputy_chief])
def test_a_mission_has_at_most_one_chief_and_one_deputy(db: Database, role: MemberRole) -> None:
    mission = make_mission(db, code="EOM-BOL-2026")
    make_member(db, mission, make_observer(db, full_name="Laura Chinchilla Test"), role=role)
    with pytest.raises(Conflict, match=f"EOM-BOL-2026 already has a {role.value}: Laura"):
        make_member(db, mission, role=role)


def test_a_withdrawn_chief_leaves_the_place_free(db: Database) -> None:
    mission = make_mission(db)
    chief = make_member(db, mission, role=MemberRole.chief)
    set_status(db, chief, M.withdrawn)
    make_member(db, mission, role=MemberRole.chief)


def test_promoting_a_second_member_to_chief_is_refused(db: Database) -> None:
    mission = make_mission(db)
    make_member(db, mission, role=MemberRole.chief)
    other = make_member(db, mission)
    with pytest.raises(Conflict, match="already has a chief"), db.session_scope() as session:
        members.update_member(
            session,
            mission,
            members.get_member(session, mission, other.id or 0),
            MemberUpdate(role=MemberRole.chief),
            actor=SYSTEM,
        )


def test_an_observer_is_a_member_of_a_mission_once(db: Database) -> None:
    mission = make_mission(db, code="EOM-BOL-2026")
    observer = make_observer(db, full_name="Marie Dubois")
    make_member(db, mission, observer)
    with pytest.raises(Conflict, match="Marie Dubois is already a member of EOM-BOL-2026"):
        make_member(db, mission, observer)


def test_a_specialist_needs_a_theme_and_only_a_specialist_has_one(db: Database) -> None:
    mission = make_mission(db)
    with pytest.raises(InvalidInput, match="A specialist needs a theme"):
        make_member(db, mission, role=MemberRole.specialist)
    with pytest.raises(InvalidInput, match="Only a specialist has a theme"):
        make_member(db, mission, role=MemberRole.logistics, theme="media")
    make_member(db, mission, role=MemberRole.specialist, theme="gender")


def test_members_follow_the_status_flow(db: Database) -> None:
    member = make_member(db, advance(db, make_mission(db), MissionStatus.agreements_signed))
    with pytest.raises(
        InvalidTransition, match="invited cannot become deployed; allowed: confirmed, withdrawn"
    ):
        set_status(db, member, M.deployed)


def test_no_deployment_before_the_code_is_acknowledged(db: Database) -> None:
    mission = advance(db, make_mission(db), MissionStatus.agreements_signed)
    member = make_member(db, mission, make_observer(db, full_name="Kofi Mensah"))
    set_status(db, member, M.confirmed, M.accredited)
    with db.session_scope() as session:
        pledge = session.exec(select(ConductItem).where(ConductItem.key == "pledge")).one()
        conduct.acknowledge(session, member, [pledge.id or 0], actor=SYSTEM)
    with pytest.raises(Conflict, match="Kofi Mensah has not acknowledged: respect_sovereignty, "):
        set_status(db, member, M.deployed)
    acknowledge_all(db, member)
    set_status(db, member, M.deployed)


def test_no_deployment_before_the_agreements_are_signed(db: Database) -> None:
    mission = advance(db, make_mission(db), MissionStatus.preliminary_visit)
    member = make_member(db, mission)
    acknowledge_all(db, member)
    set_status(db, member, M.confirmed, M.accredited)
    with pytest.raises(Conflict, match="members deploy once the agreements are signed"):
        set_status(db, member, M.deployed)


def test_overlapping_deployments_of_one_person_are_refused(db: Database) -> None:
    observer = make_observer(db, full_name="Lena Berg", nationality="SE")
    first = advance(
        db,
        make_mission(db, code="EOM-BOL-A", election_date=date(2026, 8, 17)),
        MissionStatus.agreements_signed,
    )
    second = advance(
        db,
        make_mission(db, code="EOM-PER-B", host_country="PE", election_date=date(2026, 8, 24)),
        MissionStatus.agreements_signed,
    )
    deploy(db, make_member(db, first, observer))
    again = make_member(db, second, observer)
    with pytest.raises(Conflict, match="Lena Berg is deployed with EOM-BOL-A at the same time"):
        deploy(db, again)


def test_deployments_that_do_not_overlap_are_allowed(db: Database) -> None:
    observer = make_observer(db)
    first = advance(
        db, make_mission(db, election_date=date(2026, 3, 1)), MissionStatus.agreements_signed
    )
    second = advance(
        db,
        make_mission(db, host_country="PE", election_date=date(2026, 9, 1)),
        MissionStatus.agreements_signed,
    )
    deploy(db, make_member(db, first, observer))
    deploy(db, make_member(db, second, observer))


def test_the_composition_counts_roles_gender_nationality_language_and_the_unsigned(
    db: Database,
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.agreements_signed)
    chief = make_member(
        db,
        mission,
        make_observer(db, gender="female", nationality="CR", languages=["es"]),
        role=MemberRole.chief,
    )
    make_member(
        db, mission, make_observer(db, gender="male", nationality="CA", languages=["en", "fr"])
    )
    gone = make_member(db, mission, make_observer(db, gender="male", nationality="US"))
    set_status(db, gone, M.withdrawn)
    acknowledge_all(db, chief)
    with db.session_scope() as session:
        found = members.composition(session, mission)
    assert found.members == 2
    assert {(c.key, c.count) for c in found.by_role} == {("chief", 1), ("short_term_observer", 1)}
    assert {(c.key, c.count) for c in found.by_gender} == {("female", 1), ("male", 1)}
    assert {(c.key, c.count) for c in found.by_nationality} == {("CR", 1), ("CA", 1)}
    assert {(c.key, c.count) for c in found.by_language} == {("es", 1), ("en", 1), ("fr", 1)}
    assert [m.nationality for m in found.unsigned] == ["CA"]


def test_adding_many_stores_those_the_rules_allow_and_names_why_the_others_are_not(
    db: Database,
) -> None:
    mission = make_mission(db, host_country="BO")
    allowed = make_observer(db, full_name="Ana Allowed", nationality="AR")
    local = make_observer(db, full_name="Luz Local", nationality="BO")
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        outcomes = members.add_members(
            session,
            fresh,
            [allowed.id or 0, local.id or 0, allowed.id or 0],
            role=MemberRole.short_term_observer,
            theme=None,
            area="Oruro",
            actor=SYSTEM,
        )
    assert [(o.name, o.refused is None) for o in outcomes] == [
        ("Ana Allowed", True),
        ("Luz Local", False),
        ("Ana Allowed", False),  # already a member: the second time is refused
    ]
    assert "already a member" in str(outcomes[2].refused)
    with db.session_scope() as session:
        team = members.members_of(session, missions.get_mission(session, mission.id or 0))
    assert [(o.full_name, m.area) for m, o in team] == [("Ana Allowed", "Oruro")]


def test_changing_many_statuses_moves_each_member_the_rules_allow(db: Database) -> None:
    mission = make_mission(db)
    invited, withdrawn = make_member(db, mission), make_member(db, mission)
    set_status(db, withdrawn, M.withdrawn)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        outcomes = members.change_statuses(
            session, fresh, [invited.id or 0, withdrawn.id or 0], M.confirmed, actor=SYSTEM
        )
    assert [o.refused is None for o in outcomes] == [True, False]
    assert isinstance(outcomes[1].refused, InvalidTransition)


def test_people_are_busy_on_a_missions_dates_when_another_mission_overlaps_them(
    db: Database,
) -> None:
    mission = make_mission(db, election_date=date(2026, 8, 17))
    overlapping = make_mission(db, host_country="PE", election_date=date(2026, 8, 30))
    later = make_mission(db, host_country="PE", election_date=date(2027, 3, 1))
    mine, taken, free, withdrawn = (make_observer(db) for _ in range(4))
    make_member(db, mission, mine)
    make_member(db, overlapping, taken)
    make_member(db, later, free)
    set_status(db, make_member(db, overlapping, withdrawn), M.withdrawn)
    with db.session_scope() as session:
        busy = members.busy_observer_ids(session, missions.get_mission(session, mission.id or 0))
    assert busy == {mine.id, taken.id}


def test_a_members_days_are_their_own_where_set_else_the_missions(db: Database) -> None:
    mission = make_mission(db, election_date=date(2026, 8, 17))  # in the country 07-28 to 08-27
    long_term = make_member(db, mission, arrives_on=date(2026, 7, 30), leaves_on=date(2026, 8, 22))
    arriving_only = make_member(db, mission, arrives_on=date(2026, 8, 13))
    with_the_mission = make_member(db, mission)
    assert long_term.days(mission) == (date(2026, 7, 30), date(2026, 8, 22))
    assert arriving_only.days(mission) == (date(2026, 8, 13), date(2026, 8, 27))
    assert with_the_mission.days(mission) == mission.period()


@pytest.mark.parametrize(
    ("days", "field"),
    [
        ({"arrives_on": date(2026, 7, 27)}, "arrives_on"),  # the day before the mission's first
        ({"leaves_on": date(2026, 8, 28)}, "leaves_on"),  # the day after its last
        ({"arrives_on": date(2026, 8, 28)}, "arrives_on"),
    ],
)
def test_a_members_days_fall_within_the_missions_period(
    db: Database, days: dict[str, date], field: str
) -> None:
    mission = make_mission(db, code="EOM-BOL-2026", election_date=date(2026, 8, 17))
    with pytest.raises(
        InvalidInput, match=r"EOM-BOL-2026 is in the country from 2026-07-28 to 2026-08-27"
    ) as refused:
        make_member(db, mission, make_observer(db), **days)
    assert [e["loc"] for e in refused.value.errors] == [["body", field]]


def test_a_member_cannot_leave_before_they_arrive(db: Database) -> None:
    mission = make_mission(db, election_date=date(2026, 8, 17))
    member = make_member(db, mission, arrives_on=date(2026, 8, 10))
    with pytest.raises(InvalidInput, match="cannot leave before they arrive") as refused:
        _change(db, member, MemberUpdate(leaves_on=date(2026, 8, 9)))
    assert [e["loc"] for e in refused.value.errors] == [["body", "leaves_on"]]
    _change(db, member, MemberUpdate(leaves_on=date(2026, 8, 10)))  # one day is a stay


def test_a_members_days_are_cleared_with_null_and_are_the_missions_again(db: Database) -> None:
    mission = make_mission(db, election_date=date(2026, 8, 17))
    member = make_member(db, mission, arrives_on=date(2026, 8, 13), leaves_on=date(2026, 8, 19))
    changed = _change(db, member, MemberUpdate.model_validate({"arrives_on": None}))
    assert (changed.arrives_on, changed.leaves_on) == (None, date(2026, 8, 19))
    assert changed.days(mission) == (date(2026, 7, 28), date(2026, 8, 19))


def _change(db: Database, member: MissionMember, changes: MemberUpdate) -> MissionMember:
    with db.session_scope() as session:
        mission = missions.get_mission(session, member.mission_id)
        fresh = members.get_member(session, mission, member.id or 0)
        return members.update_member(session, mission, fresh, changes, actor=SYSTEM)


def _back_to_back(db: Database) -> tuple[Mission, Mission]:
    """Two deployable missions whose periods overlap from 2026-08-19 to 2026-08-27."""
    first = make_mission(db, code="EOM-BOL-A", election_date=date(2026, 8, 17))
    second = make_mission(db, code="EOM-PER-B", host_country="PE", election_date=date(2026, 9, 8))
    assert first.period()[1] >= second.period()[0]
    return (
        advance(db, first, MissionStatus.agreements_signed),
        advance(db, second, MissionStatus.agreements_signed),
    )


def test_an_observer_serves_missions_whose_periods_touch_when_their_own_days_do_not(
    db: Database,
) -> None:
    first, second = _back_to_back(db)
    observer = make_observer(db, full_name="Lena Berg", nationality="SE")
    deploy(db, make_member(db, first, observer, leaves_on=date(2026, 8, 19)))
    deploy(db, make_member(db, second, observer, arrives_on=date(2026, 8, 20)))


def test_an_observer_whose_own_days_meet_another_deployment_is_refused(db: Database) -> None:
    first, second = _back_to_back(db)
    observer = make_observer(db, full_name="Lena Berg", nationality="SE")
    deploy(db, make_member(db, first, observer, leaves_on=date(2026, 8, 20)))
    again = make_member(db, second, observer, arrives_on=date(2026, 8, 20))
    with pytest.raises(
        Conflict,
        match=r"Lena Berg is deployed with EOM-BOL-A at the same time \(2026-07-28 to 2026-08-20\)",
    ):
        deploy(db, again)


def test_moving_a_deployed_members_days_onto_another_deployment_is_refused(
    db: Database,
) -> None:
    first, second = _back_to_back(db)
    observer = make_observer(db)
    deploy(db, make_member(db, first, observer, leaves_on=date(2026, 8, 19)))
    later = make_member(db, second, observer, arrives_on=date(2026, 8, 20))
    deploy(db, later)
    with pytest.raises(Conflict, match="is deployed with EOM-BOL-A at the same time"):
        _change(db, later, MemberUpdate(arrives_on=date(2026, 8, 19)))
    _change(db, later, MemberUpdate(arrives_on=date(2026, 8, 21)))


def test_people_are_busy_on_a_missions_dates_by_their_own_days_on_another(
    db: Database,
) -> None:
    mission = make_mission(db, election_date=date(2026, 9, 8))  # in the country from 08-19
    other = make_mission(db, host_country="PE", election_date=date(2026, 8, 17))
    leaving_in_time, staying_on = make_observer(db), make_observer(db)
    make_member(db, other, leaving_in_time, leaves_on=date(2026, 8, 18))
    make_member(db, other, staying_on, leaves_on=date(2026, 8, 19))
    with db.session_scope() as session:
        busy = members.busy_observer_ids(session, missions.get_mission(session, mission.id or 0))
    assert busy == {staying_on.id}
