"""Import-under-load benchmark: election-day checklist filing while staff import a large
observer roster, against a real uvicorn server.

In one run, on a fresh database:

1. the baseline: F observers' phones file 40-answer checklists (each waits ``--pause``
   seconds between filings) for S seconds, alone;
2. the same filing while one staff client imports a roster of ``--rows`` observers
   (``POST /api/v1/observers/import``), until the import has answered and S seconds passed.

Only 201 answers count toward the latencies; any other answer or a failed request is an
error. Reports, for each phase, filings, errors, p50/p99; the ratio of the p99s
(during the import / alone); the import's answer and time; and whether the filings' p99
during the import met the goal (250 ms). The server runs on one core and the clients on
the other.

    .venv/bin/python -m bench.import_load --db sqlite --rows 20000
    .venv/bin/python -m bench.import_load --db postgresql --rows 20000 --seconds 20

Sends traffic to 127.0.0.1 only.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from bench.common import (
    BENCH,
    Stage,
    answers_for,
    build_stage,
    fresh_database,
    settings_for,
    start_server,
)
from eom.accounts import service as accounts
from eom.accounts.models import Role, TokenKind, UserCreate
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.security import make_password_hasher
from tests.support.network import free_port

GOAL_P99_MS = 250.0
HEADER = "full_name,nationality,gender,languages,expertise,email,phone\n"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else None
        return {
            "filings": len(ordered),
            "errors": self.errors,
            "p50_ms": round(statistics.median(ordered), 1) if ordered else None,
            "p99_ms": round(p99, 1) if p99 is not None else None,
            "max_ms": round(ordered[-1], 1) if ordered else None,
        }


def _staff_token(url: str) -> str:
    """A bearer token of a new staff account, made straight in the database."""
    settings = settings_for(url)
    db = Database(settings)
    with db.session_scope() as session:
        user = accounts.create_user(
            session,
            UserCreate(
                email="staff@bench.example",
                full_name="Bench Staff",
                role=Role.staff,
                password="bench staff password 2026",
            ),
            actor=BENCH,
            hasher=make_password_hasher(settings),
        )
        token, _ = accounts.issue_token(
            session, user, kind=TokenKind.api, lifetime=timedelta(days=1), now=utcnow()
        )
    db.dispose()
    return token


def roster(rows: int) -> bytes:
    """A roster of ``rows`` new observers, as a spreadsheet saves it."""
    lines = (
        f"Observer {n},UY,female,es;en,media,observer{n}@roster.example,+598 2 555 {n:04d}\n"
        for n in range(rows)
    )
    return (HEADER + "".join(lines)).encode()


async def _file(
    client: httpx.AsyncClient,
    stage: Stage,
    seed: int,
    stop: asyncio.Event,
    pause: float,
    tally: Tally,
) -> None:
    """One phone filing checklists, one at a time, until told to stop."""
    rng = random.Random(seed)
    url = f"/api/v1/missions/{stage.mission_id}/submissions"
    headers = {"Authorization": f"Bearer {stage.token}"}
    while not stop.is_set():
        body = {
            "uuid": str(uuid.uuid4()),
            "form_id": stage.form.id,
            "station_id": rng.choice(stage.station_ids),
            "observed_at": "2026-08-17T10:30:00-04:00",
            "answers": answers_for(stage.form, rng),
        }
        began = time.perf_counter()
        try:
            answer = await client.post(url, json=body, headers=headers)
        except httpx.HTTPError as error:
            tally.error(type(error).__name__)
        else:
            if answer.status_code == 201:
                tally.latencies.append((time.perf_counter() - began) * 1000)
            else:
                tally.error(str(answer.status_code))
        await asyncio.sleep(pause * rng.uniform(0.5, 1.5))


async def _phase(
    base: str, stage: Stage, filers: int, pause: float, seconds: float, work: Any = None
) -> tuple[Tally, Any]:
    """Filing for ``seconds`` (and until ``work``, if any, is done); what ``work`` gave."""
    tally, stop = Tally(), asyncio.Event()
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        phones = [
            asyncio.create_task(_file(client, stage, n, stop, pause, tally)) for n in range(filers)
        ]
        started = time.perf_counter()
        outcome = await work if work is not None else None
        await asyncio.sleep(max(0.0, seconds - (time.perf_counter() - started)))
        stop.set()
        await asyncio.gather(*phones)
    return tally, outcome


async def _import(base: str, token: str, body: bytes) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        began = time.perf_counter()
        answer = await client.post(
            "/api/v1/observers/import",
            content=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
        )
        seconds = time.perf_counter() - began
    return {"status": answer.status_code, "answer": answer.text[:200], "seconds": round(seconds, 1)}


async def _measure(base: str, stage: Stage, token: str, args: argparse.Namespace) -> dict[str, Any]:
    await _phase(base, stage, args.filers, args.pause, 2)  # warm up
    alone, _ = await _phase(base, stage, args.filers, args.pause, args.seconds)
    print("alone", alone.summary(), file=sys.stderr, flush=True)
    importing = _import(base, token, roster(args.rows))
    during, imported = await _phase(base, stage, args.filers, args.pause, args.seconds, importing)
    print("during the import", during.summary(), imported, file=sys.stderr, flush=True)
    result = {"alone": alone.summary(), "during_import": during.summary(), "import": imported}
    if alone.latencies and during.latencies:
        result["p99_ratio"] = round(during.summary()["p99_ms"] / alone.summary()["p99_ms"], 2)
        result["goal_p99_ms"] = GOAL_P99_MS
        result["goal_met"] = during.summary()["p99_ms"] < GOAL_P99_MS
    return result


def run(args: argparse.Namespace) -> dict[str, Any]:
    with fresh_database(args.db) as url:
        stage = build_stage(url)
        token = _staff_token(url)
        port = free_port()
        server = start_server(url, port)
        try:
            result = asyncio.run(_measure(f"http://127.0.0.1:{port}", stage, token, args))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"db": args.db, "rows": args.rows, "filers": args.filers, "pause": args.pause, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=20_000, help="observers in the roster")
    parser.add_argument("--filers", type=int, default=4, help="phones filing at once")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between filings")
    parser.add_argument("--seconds", type=float, default=15, help="each phase, at least")
    args = parser.parse_args()
    if len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {1})  # the server has core 0
    result = run(args)
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"import-load-{args.db}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
