"""The deployed mission and the deployed member that the field-reporting tests work in."""

import pytest

from eom.core.db import Database
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import advance, deploy, make_member, make_mission, make_observer


@pytest.fixture
def mission(db: Database) -> Mission:
    return advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)


@pytest.fixture
def member(db: Database, mission: Mission) -> MissionMember:
    member = make_member(db, mission, make_observer(db, full_name="Field Person"))
    deploy(db, member)
    return member
