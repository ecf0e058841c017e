"""Gathering a mission report from the domains, on the test database."""

from datetime import UTC, date, datetime

from argon2 import PasswordHasher

from eom.audit.service import SYSTEM
from eom.db import Database
from eom.field import incidents, stations, submissions
from eom.field.models import IncidentCreate, SubmissionIn
from eom.members import service as members
from eom.members.models import MemberRole
from eom.missions import service as missions
from eom.missions.models import MissionStatus
from reports import gather
from reports.mission_report import (
    AnswerShare,
    Bilingual,
    Count,
    IncidentTally,
    KeyAnswer,
    PhaseCoverage,
)
from tests.factories import (
    advance,
    field_observer,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_station,
)


def test_a_mission_report_holds_the_mission_its_people_timeline_and_election_day(
    db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(
        db, make_mission(db, code="EOM-GTM-2026", host_country="GT"), MissionStatus.deployed
    )
    chief = make_observer(db, full_name="Rigoberta Jefa", nationality="MX")
    make_member(db, mission, chief, role=MemberRole.chief)
    member, _ = field_observer(db, hasher, mission)
    station = make_station(db, mission)
    form = make_form(db, mission)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        observer = members.get_member(session, fresh, member.id or 0)
        stations.assign_stations(session, fresh, observer, [station.id or 0], actor=SYSTEM)
        answers = {"opened_on_time": True, "assessment": "good"}
        data = SubmissionIn(
            uuid="0b7e7d2a-8f55-4c8e-9a56-1d3f7d1e0a01",
            form_id=form.id or 0,
            station_id=station.id or 0,
            observed_at=datetime(2026, 8, 17, 13, tzinfo=UTC),
            answers=answers,
        )
        submissions.receive(session, fresh, observer, data, actor=SYSTEM)
        incident = IncidentCreate(
            uuid="0b7e7d2a-8f55-4c8e-9a56-1d3f7d1e0a02",
            category="vote_buying",  # type: ignore[arg-type]
            severity="high",  # type: ignore[arg-type]
            station_id=station.id,
            occurred_at=datetime(2026, 8, 17, 15, tzinfo=UTC),
            description="Vouchers offered in the queue.",
        )
        incidents.report(session, fresh, observer, incident, actor=SYSTEM)

    with db.session_scope(write=False) as session:
        fresh = missions.get_mission(session, mission.id or 0)
        report = gather.mission_report(session, fresh, today=date(2026, 9, 1))

    assert (report.mission.code, report.mission.host_country) == ("EOM-GTM-2026", "GT")
    assert report.mission.chief == "Rigoberta Jefa" and report.mission.status == "deployed"
    assert (report.mission.arrives_on, report.mission.leaves_on) == fresh.period()
    assert report.composition.members == 2
    assert Count("MX", 1) in report.composition.by_nationality
    assert [e.status for e in report.timeline if e.status][-1] == "deployed"
    assert {(e.agreement, e.counterpart) for e in report.timeline if e.agreement} == {
        ("privileges_immunities", "Ministerio de Relaciones Exteriores"),
        ("observation_procedures", "Tribunal Supremo Electoral"),
    }
    assert report.submissions == 1
    assert PhaseCoverage("opening", 1, 1) in report.coverage
    assert PhaseCoverage("voting", 1, 0) in report.coverage
    assert report.key_answers == (
        KeyAnswer(
            "opening", Bilingual("Opened on time?", "¿Abrió a tiempo?"), (AnswerShare("yes", 1),)
        ),
        KeyAnswer(
            "opening",
            Bilingual("Assessment", "Evaluación"),
            (AnswerShare("good", 1, Bilingual("Good", "Buena")),),
        ),
    )
    assert report.incidents == (IncidentTally("vote_buying", "high", "unverified", 1),)
    assert report.generated_on == date(2026, 9, 1)


def test_a_mission_without_reports_or_recommendations_gathers_empty_sections(
    db: Database,
) -> None:
    mission = make_mission(db)
    with db.session_scope(write=False) as session:
        report = gather.mission_report(
            session, missions.get_mission(session, mission.id or 0), today=date(2026, 9, 1)
        )
    assert report.recommendations == () and report.previous_recommendations == ()
    assert report.submissions == 0 and report.key_answers == () and report.incidents == ()
