"""Who reports from the field: only a deployed member of the mission; its meetings with
interlocutors only its core team and coordinators, read by them and staff."""

import pytest
from argon2 import PasswordHasher

from eom.accounts import service as accounts
from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.errors import Forbidden, NotFound
from eom.core.reference import Theme
from eom.field import access as field_access
from eom.planning.members.models import MemberRole, MissionMember
from eom.planning.missions.models import Mission
from tests.factories import (
    deploy,
    field_observer,
    make_meeting,
    make_member,
    make_observer,
    make_user,
)


def test_only_a_deployed_member_reports(db: Database, mission: Mission, hasher) -> None:  # type: ignore[no-untyped-def]
    from eom.accounts.models import Role
    from tests.factories import make_user

    make_member(db, mission, make_observer(db, email="not.yet@observers.example"))
    user = make_user(db, hasher, role=Role.observer, email="not.yet@observers.example")
    with (
        pytest.raises(Forbidden, match="Only a deployed member of EOM-BOL-2026"),
        db.session_scope() as s,
    ):
        field_access.deployed_member(s, mission, user)


# --- meetings with interlocutors ----------------------------------------------------------

FILE_MEETINGS = {
    MemberRole.chief,
    MemberRole.deputy_chief,
    MemberRole.core_group,
    MemberRole.specialist,
    MemberRole.regional_coordinator,
}


@pytest.mark.parametrize("role", list(MemberRole))
def test_the_core_team_and_the_coordinators_file_meetings_once_deployed(
    db: Database, mission: Mission, role: MemberRole
) -> None:
    theme = Theme.gender if role == MemberRole.specialist else None
    member = make_member(db, mission, role=role, theme=theme)
    assert not field_access.files_meetings(member)  # invited
    deploy(db, member)
    with db.session_scope() as session:
        deployed = session.get(MissionMember, member.id)
        assert deployed is not None
        assert field_access.files_meetings(deployed) == (role in FILE_MEETINGS)


def test_an_observer_at_the_stations_may_not_file_a_meeting(
    db: Database, mission: Mission, hasher: PasswordHasher
) -> None:
    _, email = field_observer(db, hasher, mission)
    with db.session_scope() as session:
        user = accounts.find_user_by_email(session, email)
        assert user is not None
        with pytest.raises(Forbidden, match="Only the core team and the coordinators of"):
            field_access.meeting_filer(session, mission.id or 0, user)


def test_a_meeting_is_read_by_its_filer_and_staff_and_is_nobody_elses(
    db: Database, mission: Mission, hasher: PasswordHasher
) -> None:
    chief, email = field_observer(db, hasher, mission, role=MemberRole.chief)
    _, other = field_observer(db, hasher, mission, role=MemberRole.deputy_chief)
    meeting = make_meeting(db, mission, chief)
    staff = make_user(db, hasher, role=Role.staff)
    with db.session_scope() as session:
        for reader in (email, staff.email):
            user = accounts.find_user_by_email(session, reader)
            assert user is not None
            assert field_access.readable_meeting(session, meeting.uuid, user).id == meeting.id
        stranger = accounts.find_user_by_email(session, other)
        assert stranger is not None
        with pytest.raises(NotFound, match="No meeting"):
            field_access.readable_meeting(session, meeting.uuid, stranger)
