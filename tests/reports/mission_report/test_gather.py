"""Gathering a mission report from the domains, on the test database; its
recommendations checked against the example of ``tests/support/examples.py`` counted by
hand."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from argon2 import PasswordHasher

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import filing, incidents, stations
from eom.field.models import IncidentCreate, SubmissionIn
from eom.planning.members import service as members
from eom.planning.members.models import MemberRole
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from reports.mission_report import gather
from reports.mission_report.value import Count, PreviousRecommendation, Recommendation
from reports.values import AnswerShare, Bilingual, IncidentTally, KeyAnswer, PhaseCoverage
from tests.factories import (
    advance,
    field_observer,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_station,
)
from tests.support.examples import Bolivia, bolivia


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
        answers: dict[str, Any] = {"opened_on_time": True, "assessment": "good"}
        data = SubmissionIn(
            uuid="0b7e7d2a-8f55-4c8e-9a56-1d3f7d1e0a01",
            form_id=form.id or 0,
            station_id=station.id or 0,
            observed_at=datetime(2026, 8, 17, 13, tzinfo=UTC),
            answers=answers,
        )
        filing.file_one(session, fresh, observer, data, actor=SYSTEM)
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


TODAY = date(2026, 11, 1)


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


def test_a_public_mission_report_has_its_published_recommendations_and_the_annex(
    db: Database, example: Bolivia
) -> None:
    with db.session_scope(write=False) as session:
        mission = missions.get_mission(session, example.new.id or 0)
        report = gather.mission_report(session, mission, today=TODAY)
    assert report.recommendations == (
        Recommendation(
            number=1,
            theme="media",
            text=Bilingual(
                "Regulate the financing of electoral campaigns and its oversight.",
                "Regular el financiamiento de las campañas electorales y su fiscalización.",
            ),
            institution="legislature",
            status="not_assessed",
            reiterates="EOM-BOL-2020 #2",
        ),
    )
    annex = {(p.mission_code, p.number): p for p in report.previous_recommendations}
    assert set(annex) == {("EOM-BOL-2020", 1), ("EOM-BOL-2020", 2)}
    assert annex["EOM-BOL-2020", 1] == PreviousRecommendation(
        mission_code="EOM-BOL-2020",
        number=1,
        theme="gender",
        text=Bilingual(
            "Enforce gender parity on every list of candidates.",
            "Hacer cumplir la paridad de género en todas las listas de candidaturas.",
        ),
        status="fully_implemented",
        assessed_on=date(2026, 9, 1),
    )
    assert annex["EOM-BOL-2020", 2].status == "partially_implemented"
    assert annex["EOM-BOL-2020", 2].assessed_on == date(2023, 2, 1)


def test_a_staff_copy_of_the_mission_report_has_the_drafts_marked(
    db: Database, example: Bolivia
) -> None:
    with db.session_scope(write=False) as session:
        mission = missions.get_mission(session, example.new.id or 0)
        report = gather.mission_report(session, mission, today=TODAY, published_only=False)
    assert [(r.number, r.published) for r in report.recommendations] == [(1, True), (2, False)]
    assert {(p.number, p.status) for p in report.previous_recommendations} == {
        (1, "fully_implemented"),
        (2, "partially_implemented"),
        (3, "not_implemented"),
    }


def test_the_first_mission_to_a_country_has_no_annex(db: Database, example: Bolivia) -> None:
    with db.session_scope(write=False) as session:
        mission = missions.get_mission(session, example.old.id or 0)
        report = gather.mission_report(session, mission, today=TODAY)
    assert [r.number for r in report.recommendations] == [1, 2]
    assert report.previous_recommendations == ()
