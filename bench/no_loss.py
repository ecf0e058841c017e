"""No-loss run: a real server killed with SIGKILL several times while checklists arrive
(alone and in batches, with duplicate retries); everything not acknowledged is sent
again; then the database must hold exactly N submissions, none lost, none doubled.

The suite runs a small one (tests/api/test_no_loss.py); this is the larger run:

    .venv/bin/python -m bench.no_loss --db sqlite --submissions 5000 --kills 5
"""

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Stage, answers_for, build_stage, fresh_database, settings_for
from eom.core.db import Database
from eom.field import counters
from tests.support.network import free_port
from tests.support.no_loss import Server, send_with_kills, server_env, stored_counts


def run(kind: str, n: int, kills: int) -> dict[str, Any]:
    with fresh_database(kind) as url, tempfile.TemporaryDirectory() as folder:
        stage: Stage = build_stage(url)
        answers = answers_for(stage.form, random.Random(3))
        counted = sum(
            1
            for r in counters.rows_of(answers, mission_id=0, phase="", region="", sign=1)
            if r["value"] != counters.SUM
        )

        def make(key: str) -> dict[str, Any]:
            return {
                "uuid": key,
                "form_id": stage.form.id,
                "station_id": stage.station_ids[0],
                "observed_at": "2026-08-17T08:00:00-04:00",
                "answers": answers,
            }

        server = Server(server_env(url, folder), free_port(), Path(folder) / "server.log")
        server.start()
        started = time.perf_counter()
        try:
            acknowledged = send_with_kills(server, stage.token, stage.mission_id, make, n, kills)
        finally:
            server.stop()
        db = Database(settings_for(url))
        rows, distinct, answer_rows = stored_counts(db)
        db.dispose()
    return {
        "db": kind,
        "sent": n,
        "kills": kills,
        "server_starts": server.starts,
        "acknowledged": len(acknowledged),
        "stored": rows,
        "distinct": distinct,
        "answers": answer_rows,
        "answers_expected": n * counted,
        "seconds": round(time.perf_counter() - started, 1),
        "ok": rows == distinct == n == len(acknowledged) and answer_rows == n * counted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--submissions", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=5)
    args = parser.parse_args()
    result = run(args.db, args.submissions, args.kills)
    print(json.dumps(result, indent=2))
    if not result["ok"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
