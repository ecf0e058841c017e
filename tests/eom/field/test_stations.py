"""Polling stations: imported all or nothing, assigned within their mission."""

import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import InvalidInput
from eom.field import stations
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission
from tests.factories import make_mission, make_station

HEADER = "region,municipality,centre,code,registered_voters\n"


def test_stations_import_all_or_nothing_and_update_by_code(db: Database, mission: Mission) -> None:
    good = HEADER + "La Paz,El Alto,UE 1,LP-001,350\nLa Paz,El Alto,UE 1,LP-002,\n"
    with db.session_scope() as session:
        assert stations.import_stations(session, mission, good, actor=SYSTEM).created == 2
    bad = HEADER + "La Paz,El Alto,UE 1,LP-001,400\n,El Alto,UE 2,LP-003,-5\n"
    with pytest.raises(InvalidInput) as refused, db.session_scope() as session:
        stations.import_stations(session, mission, bad, actor=SYSTEM)
    assert {(e["loc"][1], e["loc"][2]) for e in refused.value.errors} == {
        (3, "region"),
        (3, "registered_voters"),
    }
    with db.session_scope() as session:
        report = stations.import_stations(
            session, mission, HEADER + "La Paz,El Alto,UE 1,LP-001,400\n", actor=SYSTEM
        )
        listed, total = stations.list_stations(session, mission, limit=10, offset=0)
    assert (report.created, report.updated, total) == (0, 1, 2)
    assert listed[0].registered_voters == 400


def test_members_are_assigned_only_to_stations_of_their_mission(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    other = make_station(db, make_mission(db, host_country="PE"))
    mine = make_station(db, mission)
    with (
        pytest.raises(InvalidInput, match=f"not in this mission: {other.id}"),
        db.session_scope() as s,
    ):
        stations.assign_stations(s, mission, member, [mine.id or 0, other.id or 0], actor=SYSTEM)
    with db.session_scope() as session:
        stations.assign_stations(session, mission, member, [mine.id or 0], actor=SYSTEM)
        assert stations.assigned_station_ids(session, member) == [mine.id]
