"""Statistics benchmark: the election-day statistics of a mission with 25,000 submissions
of 40 answers each (a million answer rows), timed call by call.

    .venv/bin/python -m bench.statistics --db sqlite
    .venv/bin/python -m bench.statistics --db postgresql
"""

import argparse
import json
import random
import statistics as stats
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bench.common import answers_for, build_stage, fresh_database, settings_for
from eom.core.db import Database
from eom.field import counters, statistics
from eom.field.models import AnswerCount, Submission
from eom.planning.missions import service as missions

KEY = ("mission_id", "phase", "region", "question_id", "value", "shard")


def fill(db: Database, stage: Any, count: int) -> None:
    """``count`` submissions written directly (this is not the ingest benchmark), across
    every station and all regions, with the answer counters they would have left."""
    rng = random.Random(25)
    counts: Counter[tuple[Any, ...]] = Counter()
    now = datetime.now(UTC)
    with db.engine.begin() as connection:
        for start in range(0, count, 1000):
            subs = []
            for n in range(start, min(count, start + 1000)):
                key = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                given = answers_for(stage.form, rng)
                station = stage.station_ids[n % len(stage.station_ids)]
                subs.append(
                    {
                        "uuid": key,
                        "mission_id": stage.mission_id,
                        "member_id": stage.member_id,
                        "form_id": stage.form.id,
                        "form_version": 1,
                        "phase": "voting",
                        "station_id": station,
                        "observed_at": datetime(2026, 8, 17, 15, tzinfo=UTC),
                        "received_at": now,
                        "updated_at": now,
                        "answers": given,
                        "superseded": False,
                        "content_hash": "-",
                    }
                )
                rows = counters.rows_of(
                    given,
                    mission_id=stage.mission_id,
                    phase="voting",
                    region=f"Region {station % 9}",
                    sign=1,
                )
                counts.update(tuple(row[k] for k in KEY) for row in rows)
            connection.execute(insert(Submission.__table__), subs)  # type: ignore[attr-defined]
        connection.execute(
            insert(AnswerCount.__table__),  # type: ignore[attr-defined]
            [{**dict(zip(KEY, key, strict=True)), "count": n} for key, n in counts.items()],
        )


def run(kind: str, count: int, calls: int) -> dict[str, Any]:
    with fresh_database(kind) as url:
        stage = build_stage(url)
        db = Database(settings_for(url))
        started = time.perf_counter()
        fill(db, stage, count)
        filled = time.perf_counter() - started
        if kind == "postgresql":
            with db.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        timings = []
        parts: dict[str, float] = {}
        with db.session_scope(write=False) as session:
            mission = missions.get_mission(session, stage.mission_id)
            for name, part in (
                ("answers", lambda: statistics.answer_distribution(session, mission)),
                ("coverage", lambda: statistics.coverage(session, mission)),
                ("incidents", lambda: statistics.incident_counts(session, mission)),
            ):
                part()
                started = time.perf_counter()
                part()
                parts[name] = round((time.perf_counter() - started) * 1000, 1)
            for n in range(calls):
                region = None if n % 2 == 0 else "Region 3"
                started = time.perf_counter()
                result = statistics.mission_statistics(session, mission, region=region)
                timings.append((time.perf_counter() - started) * 1000)
        db.dispose()
    timings.sort()
    return {
        "db": kind,
        "submissions": count,
        "answers": count * 40,
        "fill_seconds": round(filled, 1),
        "calls": calls,
        "median_ms": round(stats.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "max_ms": round(timings[-1], 1),
        "questions": len(result.questions),
        "parts_ms": parts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--submissions", type=int, default=25_000)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    result = run(args.db, args.submissions, args.calls)
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"statistics-{args.db}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
