"""Mission report benchmark: gather and render the report of a mission with 25,000
submissions of 40 answers (a million answers) and 100 recommendations, in English and
Spanish, and time both steps. The recommendations are hand-built values (their domain
is merged later), put into the gathered report.

    .venv/bin/python -m bench.report --db sqlite
    .venv/bin/python -m bench.report --db postgresql
"""

import argparse
import dataclasses
import json
import statistics as stats
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench import samples
from bench.common import build_stage, fresh_database, settings_for
from bench.statistics import fill
from eom.db import Database
from eom.missions import service as missions
from reports import gather
from reports.mission_pdf import render_mission_report

GOAL_SECONDS = 2.0


def run(kind: str, count: int, recommendations: int, rounds: int) -> dict[str, Any]:
    with fresh_database(kind) as url:
        stage = build_stage(url)
        db = Database(settings_for(url))
        fill(db, stage, count)
        if kind == "postgresql":
            with db.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        made = samples.recommendations(recommendations)
        earlier = samples.previous_recommendations(40)
        timings: list[dict[str, float]] = []
        for n in range(rounds):
            language = ("en", "es")[n % 2]
            started = time.perf_counter()
            with db.session_scope(write=False) as session:
                mission = missions.get_mission(session, stage.mission_id)
                report = gather.mission_report(session, mission, today=date(2026, 9, 1))
            gathered = time.perf_counter()
            report = dataclasses.replace(
                report, recommendations=made, previous_recommendations=earlier
            )
            pdf = render_mission_report(report, language)
            done = time.perf_counter()
            timings.append(
                {"gather": gathered - started, "render": done - gathered, "total": done - started}
            )
        db.dispose()
    totals = sorted(t["total"] for t in timings)
    return {
        "db": kind,
        "submissions": count,
        "recommendations": recommendations,
        "rounds": rounds,
        "pdf_kb": len(pdf) // 1024,
        "gather_ms_median": round(stats.median(t["gather"] for t in timings) * 1000, 1),
        "render_ms_median": round(stats.median(t["render"] for t in timings) * 1000, 1),
        "total_ms_median": round(stats.median(totals) * 1000, 1),
        "total_ms_max": round(totals[-1] * 1000, 1),
        "under_goal": totals[-1] < GOAL_SECONDS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--submissions", type=int, default=25_000)
    parser.add_argument("--recommendations", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    result = run(args.db, args.submissions, args.recommendations, args.rounds)
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"report-{args.db}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
