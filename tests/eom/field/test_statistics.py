"""The statistics of a mission, counted as one would count them by hand."""

import uuid
from datetime import date

import pytest

from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.field import incidents, stations, statistics
from eom.field.models import IncidentCategory, IncidentCreate, Phase, Severity
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import ElectionType, Mission, MissionKind, MissionStatus
from tests.factories import make_form, make_station
from tests.support.filing import OBSERVED, receive


def _report_incident(
    db: Database, mission: Mission, member: MissionMember, *, station_id: int | None
) -> None:
    data = IncidentCreate(
        uuid=str(uuid.uuid4()),
        category=IncidentCategory.vote_buying,
        severity=Severity.high,
        station_id=station_id,
        occurred_at=OBSERVED,
        description="Cash handed out near the entrance.",
    )
    with db.session_scope() as session:
        incidents.report(session, mission, member, data, actor=SYSTEM)


def test_statistics_count_answers_coverage_and_incidents_as_by_hand(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form = make_form(db, mission)
    north = [make_station(db, mission, region="Norte") for _ in range(2)]
    south = make_station(db, mission, region="Sur")
    with db.session_scope() as session:
        ids = [s.id or 0 for s in (*north, south)]
        stations.assign_stations(session, mission, member, ids, actor=SYSTEM)
    receive(db, mission, member, form_id=form.id, station_id=north[0].id)
    receive(
        db,
        mission,
        member,
        form_id=form.id,
        station_id=south.id,
        answers={"opened_on_time": False, "assessment": "poor", "agents": ["governing"]},
    )
    with db.session_scope() as session:
        everywhere = statistics.mission_statistics(session, mission)
        north_only = statistics.answer_distribution(session, mission, region="Norte")
    on_time = next(q for q in everywhere.questions if q.question_id == "opened_on_time")
    agents = next(q for q in everywhere.questions if q.question_id == "agents")
    assert {(v.value, v.count) for v in on_time.values} == {("yes", 1), ("no", 1)}
    assert {(v.value, v.count) for v in agents.values} == {("governing", 2), ("opposition", 1)}
    assert next(q for q in north_only if q.question_id == "opened_on_time").total == 1
    opening = next(c for c in everywhere.coverage if c.phase == "opening")
    assert (opening.assigned, opening.reported, opening.missing_station_ids) == (
        3,
        2,
        [north[1].id],
    )
    assert next(c for c in everywhere.coverage if c.phase == "voting").reported == 0
    staff = next(q for q in everywhere.questions if q.question_id == "staff_present")
    assert (staff.total, staff.mean, staff.values) == (1, 7.0, [])


@pytest.mark.parametrize(
    ("status", "today", "live"),
    [
        (MissionStatus.agreements_signed, date(2026, 8, 17), False),
        (MissionStatus.deployed, date(2026, 8, 17), True),
        (MissionStatus.deployed, date(2026, 9, 30), True),  # still in the field
        (MissionStatus.preliminary_report, date(2026, 8, 20), True),  # late reports
        (MissionStatus.preliminary_report, date(2026, 8, 21), False),
        (MissionStatus.closed, date(2026, 8, 17), False),
    ],
)
def test_the_board_follows_reports_only_while_they_may_still_come(
    status: MissionStatus, today: date, live: bool
) -> None:
    mission = Mission(
        code="EOM-BOL-2026",
        kind=MissionKind.electoral_observation,
        host_country="BO",
        election_type=ElectionType.general,
        requested_on=date(2026, 1, 5),
        election_date=date(2026, 8, 17),
        status=status,
        created_at=utcnow(),
        updated_at=utcnow(),
    )
    assert statistics.board_is_live(mission, today) is live


def test_a_phase_and_a_region_narrow_every_figure(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    opening = make_form(db, mission)
    closing = make_form(db, mission, key="closing", phase="closing", title_en="Closing")
    north = [make_station(db, mission, region="Norte") for _ in range(2)]
    south = make_station(db, mission, region="Sur")
    with db.session_scope() as session:
        ids = [s.id or 0 for s in (*north, south)]
        stations.assign_stations(session, mission, member, ids, actor=SYSTEM)
    receive(db, mission, member, form_id=opening.id, station_id=north[0].id)
    receive(db, mission, member, form_id=opening.id, station_id=south.id)
    receive(db, mission, member, form_id=closing.id, station_id=south.id)
    _report_incident(db, mission, member, station_id=north[1].id)
    with db.session_scope() as session:
        everywhere = statistics.mission_statistics(session, mission)
        north_only = statistics.mission_statistics(session, mission, region="Norte")
        closing_south = statistics.mission_statistics(
            session, mission, phase=Phase.closing, region="Sur"
        )
    assert (everywhere.submissions, north_only.submissions, closing_south.submissions) == (3, 1, 1)
    assert [(r.region, r.assigned) for r in everywhere.regions] == [("Norte", 2), ("Sur", 1)]
    assert [(p.phase, p.reported) for p in everywhere.regions[0].phases][:2] == [
        ("opening", 1),
        ("voting", 0),
    ]
    opening_north = next(c for c in north_only.coverage if c.phase == "opening")
    assert (opening_north.assigned, opening_north.missing_station_ids) == (2, [north[1].id])
    assert [(c.phase, c.reported) for c in closing_south.coverage] == [("closing", 1)]
    assert sum(i.count for i in north_only.incidents) == 1
    assert closing_south.incidents == []
    assert {q.phase for q in closing_south.questions} == {"closing"}
