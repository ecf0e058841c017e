"""Mission report benchmark: gather and render the report of a mission with 25,000
submissions of 40 answers (a million answers) and 100 published recommendations, with an
annex of 40 recommendations of an earlier mission to the country, all assessed, in English
and Spanish, and time both steps. Everything is read from the database.

    .venv/bin/python -m bench.report --db sqlite
    .venv/bin/python -m bench.report --db postgresql
"""

import argparse
import io
import json
import statistics as stats
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlmodel import Session

from bench.common import BENCH, build_stage, fresh_database, settings_for
from bench.statistics import fill
from eom.core.db import Database
from eom.core.reference import Theme
from eom.planning.missions import service as missions
from eom.planning.missions.models import (
    AgreementCreate,
    AgreementKind,
    Mission,
    MissionCreate,
    MissionStatus,
)
from recommendations import follow_up
from recommendations import service as recommendations
from recommendations.models import (
    FollowUpCreate,
    FollowUpStatus,
    Institution,
    LegalLevel,
    Priority,
    Recommendation,
    RecommendationCreate,
)
from reports.mission_report import gather
from reports.mission_report import value as report_value
from reports.mission_report.render import render_mission_report
from seed.documents import publish_before
from tests.support import samples

GOAL_SECONDS = 2.0


def _walk(session: Session, mission: Mission, steps: list[tuple[MissionStatus, date]]) -> None:
    """The steps in turn, each after the document it waits for is published, as the demo's."""
    for status, on in steps:
        publish_before(session, mission, status, on)
        missions.transition(session, mission, status, on=on, actor=BENCH)


def _earlier_mission(session: Session) -> Mission:
    """The country's previous mission, through to its final report."""
    vote = date(2020, 10, 18)
    mission = missions.create_mission(
        session,
        MissionCreate(
            code="EOM-BOL-2020",
            kind="electoral_observation",  # type: ignore[arg-type]
            host_country="BO",
            election_type="general",  # type: ignore[arg-type]
            requested_on=vote - timedelta(days=240),
            election_date=vote,
        ),
        actor=BENCH,
    )
    for kind in AgreementKind:
        signed = AgreementCreate(
            kind=kind, counterpart="Cancillería", signed_on=vote - timedelta(60)
        )
        missions.record_agreement(session, mission, signed, actor=BENCH)
    S = MissionStatus
    _walk(
        session,
        mission,
        [
            (S.accepted, vote - timedelta(days=210)),
            (S.preliminary_visit, vote - timedelta(days=100)),
            (S.agreements_signed, vote - timedelta(days=60)),
            (S.deployed, vote - timedelta(days=15)),
            (S.preliminary_report, vote + timedelta(days=2)),
            (S.final_report, vote + timedelta(days=130)),
        ],
    )
    return mission


def add_recommendations(db: Database, mission_id: int, count: int, *, earlier_count: int) -> None:
    """``count`` published recommendations of the bench mission (its final report out), a
    quarter of them reiterating one of ``earlier_count`` assessed recommendations of the
    country's previous mission, through the recommendation services."""
    statuses = list(FollowUpStatus)[1:]
    with db.session_scope() as session:
        earlier = _earlier_mission(session)
        mission = missions.get_mission(session, mission_id)
        _walk(
            session,
            mission,
            [
                (MissionStatus.preliminary_report, date(2026, 8, 19)),
                (MissionStatus.final_report, date(2026, 10, 1)),
            ],
        )
        before = []
        for value in samples.recommendations(earlier_count, seed=3):
            made = _publish(session, earlier.id or 0, value)
            assessed = FollowUpCreate(
                assessed_on=date(2023, 1, 1) + timedelta(days=value.number * 9),
                status=statuses[value.number % len(statuses)],
                evidence="Checked against the official gazette.",
            )
            follow_up.record_follow_up(session, made, assessed, actor=BENCH)
            before.append(made.id)
        for value in samples.recommendations(count):
            again = before[value.number % len(before)] if value.number % 4 == 0 else None
            _publish(session, mission_id, value, reiterates_id=again)


def _publish(
    session: Session,
    mission_id: int,
    value: report_value.Recommendation,
    *,
    reiterates_id: int | None = None,
) -> Recommendation:
    data = RecommendationCreate(
        mission_id=mission_id,
        number=value.number,
        text_en=value.text.en,
        text_es=value.text.es,
        theme=Theme(value.theme),
        institution=Institution(value.institution),
        priority=Priority.medium,
        legal_level=LegalLevel.legal,
        reiterates_id=reiterates_id,
    )
    made = recommendations.create_recommendation(session, data, actor=BENCH)
    return recommendations.publish_recommendation(session, made, actor=BENCH)


def run(kind: str, count: int, recommendation_count: int, rounds: int) -> dict[str, Any]:
    with fresh_database(kind) as url:
        stage = build_stage(url)
        db = Database(settings_for(url))
        fill(db, stage, count)
        if kind == "postgresql":
            with db.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        add_recommendations(db, stage.mission_id, recommendation_count, earlier_count=40)
        timings: list[dict[str, float]] = []
        for n in range(rounds):
            language = ("en", "es")[n % 2]
            started = time.perf_counter()
            with db.session_scope(write=False) as session:
                mission = missions.get_mission(session, stage.mission_id)
                report = gather.mission_report(session, mission, today=date(2026, 9, 1))
            gathered = time.perf_counter()
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
        "recommendations": recommendation_count,
        "rounds": rounds,
        "pdf_kb": len(pdf) // 1024,
        "pdf_pages": len(PdfReader(io.BytesIO(pdf)).pages),
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
