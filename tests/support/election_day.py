"""Election day through the API: a deployed mission with a published form, a polling
station and a deployed observer signed in, and the submissions they send; and a day
already under way, as the board's pages show it."""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import incidents, stations
from eom.field.models import IncidentCategory, IncidentCreate, PollingStation, Severity
from eom.planning.members.models import MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    assigned_station,
    bearer,
    deploy,
    field_observer,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_station,
)
from tests.support.filing import GOOD as GOOD_ANSWERS
from tests.support.filing import OBSERVED, receive

GOOD = {"opened_on_time": True, "staff_present": 7, "assessment": "good"}


@dataclass
class Field:
    mission: Mission
    form_id: int
    station_id: int
    observer: dict[str, str]

    def submission(self, **overrides: Any) -> dict[str, Any]:
        values = {
            "uuid": str(uuid.uuid4()),
            "form_id": self.form_id,
            "station_id": self.station_id,
            "observed_at": "2026-08-17T07:05:00-04:00",
            "answers": GOOD,
        }
        values.update(overrides)
        return values

    @property
    def url(self) -> str:
        return f"/api/v1/missions/{self.mission.id}"


def in_the_field(client: TestClient, db: Database, hasher: PasswordHasher) -> Field:
    """EOM-BOL-2026 deployed, its form and one station, and the headers of its observer,
    who is sent to that station."""
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    member, email = field_observer(db, hasher, mission)
    return Field(
        mission,
        make_form(db, mission).id or 0,
        assigned_station(db, mission, member).id or 0,
        bearer(client, email),
    )


@dataclass(frozen=True)
class Board:
    """A deployed mission's election day as the board's pages show it: two members
    (Ana Pérez in Norte, Ben Brown in Sur and Norte), three stations, an opening and a
    closing form, four filings (one of them corrected by a fifth), and two incidents
    waiting for verification."""

    mission: Mission
    ana: MissionMember
    ben: MissionMember
    north: PollingStation
    north_2: PollingStation
    south: PollingStation
    filed: dict[str, str]  # uuid by name: ana_opening, ana_corrected, ana_correction, ...
    incident_north: int
    incident_south: int

    @property
    def board(self) -> str:
        return f"/missions/{self.mission.id}/board"

    def station_page(self, station: PollingStation) -> str:
        return f"/missions/{self.mission.id}/stations/{station.id}/filings"

    def member_page(self, member: MissionMember) -> str:
        return f"/missions/{self.mission.id}/members/{member.id}/filings"


HOSTILE_ANSWER = '=HYPERLINK("http://x","y")'
HOSTILE_DESCRIPTION = "@SUM(A1) handed out in the queue"


def _incident(db: Database, mission: Mission, member: MissionMember, station_id: int) -> int:
    data = IncidentCreate(
        uuid=str(uuid.uuid4()),
        category=IncidentCategory.vote_buying,
        severity=Severity.high,
        station_id=station_id,
        occurred_at=OBSERVED,
        description=HOSTILE_DESCRIPTION,
    )
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return incidents.report(session, fresh, member, data, actor=SYSTEM)[0].id or 0


def board_day(db: Database, hasher: PasswordHasher) -> Board:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    ana = make_member(db, mission, make_observer(db, full_name="Ana Pérez"))
    ben = make_member(db, mission, make_observer(db, full_name="Ben Brown"))
    for member in (ana, ben):
        deploy(db, member)
    opening = make_form(db, mission)
    closing = make_form(
        db, mission, key="closing", phase="closing", title_en="Closing", title_es="Cierre"
    )
    north = make_station(db, mission, region="Norte", code="N-001")
    north_2 = make_station(db, mission, region="Norte", code="N-002")
    south = make_station(db, mission, region="Sur", code="S-001")
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stations.assign_stations(session, fresh, ana, [north.id or 0], actor=SYSTEM)
        stations.assign_stations(
            session, fresh, ben, [south.id or 0, north_2.id or 0], actor=SYSTEM
        )

    def file(
        member: MissionMember,
        form_id: int | None,
        station: PollingStation,
        minutes: int,
        **extra: object,
    ) -> str:
        at = OBSERVED + timedelta(minutes=minutes)
        stored, _ = receive(
            db,
            mission,
            member,
            form_id=form_id,
            station_id=station.id,
            observed_at=at,
            received_at=at,
            **extra,
        )
        return stored.uuid

    filed = {"ana_corrected": file(ana, opening.id, north, 0)}
    filed["ana_correction"] = file(
        ana,
        opening.id,
        north,
        5,
        answers={**GOOD_ANSWERS, "assessment": "poor"},
        supersedes=filed["ana_corrected"],
    )
    filed["ana_closing"] = file(
        ana, closing.id, north, 60, answers={**GOOD_ANSWERS, "comments": HOSTILE_ANSWER}
    )
    filed["ben_opening"] = file(ben, opening.id, south, 10)
    filed["ben_north"] = file(ben, opening.id, north_2, 20)
    return Board(
        mission,
        ana,
        ben,
        north,
        north_2,
        south,
        filed,
        _incident(db, mission, ana, north.id or 0),
        _incident(db, mission, ben, south.id or 0),
    )
