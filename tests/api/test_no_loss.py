"""Nothing lost, nothing doubled: a real server is killed with SIGKILL twice while
checklists arrive (single and in batches, with duplicate retries); everything that was
not acknowledged is sent again; exactly N submissions are stored in the end."""

import random
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from eom import migrate
from eom.db import Database
from eom.missions.models import MissionStatus
from eom.security import make_password_hasher
from tests.api.test_cli import env_for, free_port
from tests.conftest import settings_for
from tests.factories import advance, field_observer, make_form, make_mission, make_station

pytestmark = pytest.mark.slow

N = 240
ANSWERS = {"opened_on_time": True, "staff_present": 7, "assessment": "good"}


class Server:
    """``eom serve`` in a process of its own, which the test may kill at any moment."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "api.cli", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError(f"server did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def world(fresh_database_url: Callable[[], str], tmp_path: Path) -> Iterator[dict[str, Any]]:
    settings = settings_for(tmp_path, fresh_database_url())
    db = Database(settings)
    migrate.upgrade(db.engine)
    mission = advance(db, make_mission(db, code="EOM-KIL-2026"), MissionStatus.deployed)
    _, email = field_observer(db, make_password_hasher(settings), mission)
    form, station = make_form(db, mission), make_station(db, mission)
    server = Server(env_for(settings), free_port(), tmp_path / "server.log")
    server.start()
    yield {
        "db": db,
        "server": server,
        "mission": mission.id,
        "form": form.id,
        "station": station.id,
        "email": email,
    }
    if server.process and server.process.poll() is None:
        server.process.terminate()
        server.process.wait(timeout=10)
    db.dispose()


def _submission(world: dict[str, Any], key: str) -> dict[str, Any]:
    return {
        "uuid": key,
        "form_id": world["form"],
        "station_id": world["station"],
        "observed_at": "2026-08-17T08:00:00-04:00",
        "answers": ANSWERS,
    }


def _send(client: httpx.Client, url: str, items: list[dict[str, Any]]) -> set[str]:
    """Send one submission or a batch; the uuids the server acknowledged (none if it died)."""
    try:
        if len(items) == 1:
            response = client.post(f"{url}/submissions", json=items[0])
            return {items[0]["uuid"]} if response.status_code in (200, 201) else set()
        response = client.post(f"{url}/submissions/batch", json={"items": items})
        if response.status_code != 200:
            return set()
        return {
            r["uuid"] for r in response.json()["results"] if r["result"] in ("created", "duplicate")
        }
    except httpx.TransportError:
        return set()


def test_killing_the_server_twice_loses_and_doubles_nothing(world: dict[str, Any]) -> None:
    server: Server = world["server"]
    rng = random.Random(7)
    keys = [str(uuid.uuid4()) for _ in range(N)]
    token = httpx.post(
        f"{server.url}/api/v1/auth/token",
        data={"username": world["email"], "password": "correct horse battery"},
    )
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    url = f"{server.url}/api/v1/missions/{world['mission']}"
    acknowledged: set[str] = set()
    kills_at = {N // 3, 2 * N // 3}
    with httpx.Client(headers=headers, timeout=10) as client:
        position = 0
        while position < N:
            size = rng.choice([1, 1, 1, 5, 20])
            chunk = keys[position : position + size]
            # Resend a few acknowledged ones too, as a phone that never saw the answer would.
            retries = rng.sample(
                sorted(acknowledged), min(len(acknowledged), rng.choice([0, 1, 3]))
            )
            items = [_submission(world, k) for k in chunk + retries]
            killer = None
            if any(position <= k < position + size for k in kills_at):
                killer = threading.Timer(rng.uniform(0.0, 0.03), server.kill)
                killer.start()
            acknowledged |= _send(client, url, items)
            if killer is not None:
                killer.join()
                server.start()
            position += size
        for _ in range(5):
            missing = [k for k in keys if k not in acknowledged]
            if not missing:
                break
            for start in range(0, len(missing), 100):
                acknowledged |= _send(
                    client, url, [_submission(world, k) for k in missing[start : start + 100]]
                )
    assert acknowledged == set(keys)
    with world["db"].engine.connect() as connection:
        stored = connection.execute(
            text("SELECT COUNT(*), COUNT(DISTINCT uuid) FROM submission")
        ).one()
        answers = connection.execute(text("SELECT COUNT(*) FROM answer")).scalar()
    assert tuple(stored) == (N, N)
    assert answers == N * len(ANSWERS)
