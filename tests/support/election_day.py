"""Election day through the API: a deployed mission with a published form, a polling
station and a deployed observer signed in, and the submissions they send."""

import uuid
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.core.db import Database
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import advance, bearer, field_observer, make_form, make_mission, make_station

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
    """EOM-BOL-2026 deployed, its form and one station, and the headers of its observer."""
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    _, email = field_observer(db, hasher, mission)
    return Field(
        mission,
        make_form(db, mission).id or 0,
        make_station(db, mission).id or 0,
        bearer(client, email),
    )
