"""Who reports from the field: only a deployed member of the mission."""

import pytest

from eom.core.db import Database
from eom.core.errors import Forbidden
from eom.field import access as field_access
from eom.planning.missions.models import Mission
from tests.factories import make_member, make_observer


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
