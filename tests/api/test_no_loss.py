"""Nothing lost, nothing doubled: a real server is killed with SIGKILL twice while
checklists arrive (single and in batches, with duplicate retries); everything that was
not acknowledged is sent again; exactly N submissions are stored in the end.
(The larger run is ``python -m bench.no_loss``.)"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from eom.core import migrate
from eom.core.db import Database
from eom.core.security import make_password_hasher
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    PASSWORD,
    advance,
    assigned_station,
    field_observer,
    make_form,
    make_mission,
)
from tests.support.databases import settings_for
from tests.support.network import free_port
from tests.support.no_loss import Server, send_with_kills, server_env, stored_counts

pytestmark = pytest.mark.slow

N = 240
ANSWERS = {"opened_on_time": True, "staff_present": 7, "assessment": "good"}


@pytest.fixture
def world(fresh_database_url: Callable[[], str], tmp_path: Path) -> Iterator[dict[str, Any]]:
    settings = settings_for(tmp_path, fresh_database_url())
    db = Database(settings)
    migrate.upgrade(db.engine)
    mission = advance(db, make_mission(db, code="EOM-KIL-2026"), MissionStatus.deployed)
    member, email = field_observer(db, make_password_hasher(settings), mission)
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    server = Server(
        server_env(settings.resolved_database_url, str(tmp_path)),
        free_port(),
        tmp_path / "server.log",
    )
    server.start()
    yield {
        "db": db,
        "server": server,
        "mission": mission.id,
        "form": form.id,
        "station": station.id,
        "email": email,
    }
    server.stop()
    db.dispose()


def test_killing_the_server_twice_loses_and_doubles_nothing(world: dict[str, Any]) -> None:
    server: Server = world["server"]
    token = httpx.post(
        f"{server.url}/api/v1/auth/token", data={"username": world["email"], "password": PASSWORD}
    ).json()["access_token"]

    def make(key: str) -> dict[str, Any]:
        return {
            "uuid": key,
            "form_id": world["form"],
            "station_id": world["station"],
            "observed_at": "2026-08-17T08:00:00-04:00",
            "answers": ANSWERS,
        }

    acknowledged = send_with_kills(server, token, world["mission"], make, N, kills=2)
    assert len(acknowledged) == N and server.starts == 3
    assert stored_counts(world["db"]) == (N, N, N * len(ANSWERS))
