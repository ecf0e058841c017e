"""The no-loss harness: a real ``eom serve`` process that may be killed with SIGKILL at any
moment, checklists sent to it alone and in batches (with duplicate retries) while it is
killed and restarted, everything not acknowledged sent again, and what the database holds
in the end. The suite's small run is tests/api/test_no_loss.py; the larger one is
``python -m bench.no_loss``."""

import os
import random
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from eom.core.db import Database


class Server:
    """``eom serve`` in a process of its own, which may be killed at any moment."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "api.cli", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=log,
            )
        self.starts += 1
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def server_env(url: str, data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "EOM_DATABASE_URL": url,
        "EOM_DATA_DIR": data_dir,
        "EOM_SECRET_KEY": "no-loss",
        "EOM_ARGON2_TIME_COST": "1",
        "EOM_ARGON2_MEMORY_KIB": "1024",
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


def send_with_kills(
    server: Server, token: str, mission_id: int, make: Any, n: int, kills: int, seed: int = 7
) -> set[str]:
    """Send n submissions (``make(uuid)`` builds one), killing the server ``kills`` times
    mid-request and restarting it; resend whatever was not acknowledged. Returns the
    acknowledged uuids."""
    rng = random.Random(seed)
    keys = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n)]
    url = f"{server.url}/api/v1/missions/{mission_id}"
    kills_at = {n * (k + 1) // (kills + 1) for k in range(kills)}
    acknowledged: set[str] = set()
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        position = 0
        while position < n:
            size = rng.choice([1, 1, 1, 5, 20])
            chunk = keys[position : position + size]
            retries = rng.sample(
                sorted(acknowledged), min(len(acknowledged), rng.choice([0, 1, 3]))
            )
            killer = None
            if any(position <= k < position + size for k in kills_at):
                killer = threading.Timer(rng.uniform(0.0, 0.03), server.kill)
                killer.start()
            acknowledged |= _send(client, url, [make(k) for k in chunk + retries])
            if killer is not None:
                killer.join()
                server.start()
            position += size
        for _ in range(5):
            missing = [k for k in keys if k not in acknowledged]
            for start in range(0, len(missing), 100):
                acknowledged |= _send(client, url, [make(k) for k in missing[start : start + 100]])
    return acknowledged


def stored_counts(db: Database) -> tuple[int, int, int]:
    """Submissions, distinct uuids, and answers counted in the statistics (each counted
    answer adds one, numbers to their count of answers)."""
    with db.engine.connect() as connection:
        rows, distinct = connection.execute(
            text("SELECT COUNT(*), COUNT(DISTINCT uuid) FROM submission")
        ).one()
        answers = (
            connection.execute(
                text("SELECT SUM(count) FROM answer_count WHERE value <> '#sum'")
            ).scalar()
            or 0
        )
    return int(rows), int(distinct), int(answers)
