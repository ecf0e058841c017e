"""Field reporting rules at the service level: stations, forms, submissions, incidents,
statistics."""

import uuid
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from eom.audit.service import SYSTEM
from eom.db import Database
from eom.errors import Conflict, Forbidden, InvalidInput
from eom.field import forms, incidents, stations, statistics, submissions
from eom.field.models import (
    AnswerCount,
    FormCreate,
    FormStatus,
    IncidentCreate,
    IncidentVerify,
    ItemResult,
    Submission,
    SubmissionIn,
    Verification,
)
from eom.members.models import MissionMember
from eom.missions import service as missions
from eom.missions.models import Mission, MissionStatus
from tests.factories import (
    SIMPLE_FORM,
    advance,
    deploy,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_station,
)

OBSERVED = datetime(2026, 8, 17, 7, 5, tzinfo=UTC)
GOOD = {
    "opened_on_time": True,
    "staff_present": 7,
    "assessment": "good",
    "agents": ["governing", "opposition"],
    "opening_time": "07:05",
}


@pytest.fixture
def mission(db: Database) -> Mission:
    return advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)


@pytest.fixture
def member(db: Database, mission: Mission) -> MissionMember:
    member = make_member(db, mission, make_observer(db, full_name="Field Person"))
    deploy(db, member)
    return member


def _receive(db: Database, mission: Mission, member: MissionMember, **overrides: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "uuid": str(uuid.uuid4()),
        "observed_at": OBSERVED,
        "answers": GOOD,
    }
    values.update(overrides)
    data = SubmissionIn.model_validate(values)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return submissions.receive(session, fresh, member, data, actor=SYSTEM)


def _count(session: Session, model: type) -> int:
    return len(session.exec(select(model)).all())


# --- stations -------------------------------------------------------------------------

HEADER = "region,municipality,centre,code,registered_voters\n"


def test_stations_import_all_or_nothing_and_update_by_code(db: Database, mission: Mission) -> None:
    good = HEADER + "La Paz,El Alto,UE 1,LP-001,350\nLa Paz,El Alto,UE 1,LP-002,\n"
    with db.session_scope() as session:
        assert stations.import_stations(session, mission, good, actor=SYSTEM).created == 2
    bad = HEADER + "La Paz,El Alto,UE 1,LP-001,400\n,El Alto,UE 2,LP-003,-5\n"
    with pytest.raises(InvalidInput) as refused, db.session_scope() as session:
        stations.import_stations(session, mission, bad, actor=SYSTEM)
    assert {(e["loc"][1], e["loc"][2]) for e in refused.value.errors} == {
        (3, "region"),
        (3, "registered_voters"),
    }
    with db.session_scope() as session:
        report = stations.import_stations(
            session, mission, HEADER + "La Paz,El Alto,UE 1,LP-001,400\n", actor=SYSTEM
        )
        listed, total = stations.list_stations(session, mission, limit=10, offset=0)
    assert (report.created, report.updated, total) == (0, 1, 2)
    assert listed[0].registered_voters == 400


def test_members_are_assigned_only_to_stations_of_their_mission(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    other = make_station(db, make_mission(db, host_country="PE"))
    mine = make_station(db, mission)
    with (
        pytest.raises(InvalidInput, match=f"not in this mission: {other.id}"),
        db.session_scope() as s,
    ):
        stations.assign_stations(s, mission, member, [mine.id or 0, other.id or 0], actor=SYSTEM)
    with db.session_scope() as session:
        stations.assign_stations(session, mission, member, [mine.id or 0], actor=SYSTEM)
        assert stations.assigned_station_ids(session, member) == [mine.id]


# --- forms ----------------------------------------------------------------------------


def test_publishing_freezes_a_version_and_editing_makes_a_new_one(
    db: Database, mission: Mission
) -> None:
    draft = make_form(db, mission, publish=False)
    changed = FormCreate.model_validate({**SIMPLE_FORM, "title_en": "Opening (revised)"})
    with db.session_scope() as session:
        same = forms.revise_form(session, mission, draft, changed, actor=SYSTEM)
        assert (same.id, same.version) == (draft.id, 1)
        forms.publish_form(session, same, actor=SYSTEM)
        with pytest.raises(Conflict, match="already published"):
            forms.publish_form(session, same, actor=SYSTEM)
        newer = forms.revise_form(session, mission, same, changed, actor=SYSTEM)
    assert newer.id != draft.id and newer.version == 2 and newer.status == FormStatus.draft


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"assessment": "good"}, [(["answers", "opened_on_time"], "required")]),
        (
            {**GOOD, "staff_present": 16},
            [(["answers", "staff_present"], "above the maximum of 15")],
        ),
        (
            {**GOOD, "staff_present": True},
            [(["answers", "staff_present"], "expected a whole number")],
        ),
        (
            {**GOOD, "assessment": "great"},
            [(["answers", "assessment"], "expected one of: good, poor")],
        ),
        (
            {**GOOD, "agents": ["aliens"]},
            [(["answers", "agents"], "expected a list of: governing, opposition")],
        ),
        (
            {**GOOD, "opening_time": "7am"},
            [(["answers", "opening_time"], "expected a time as HH:MM")],
        ),
        ({**GOOD, "weather": "sunny"}, [(["answers", "weather"], "not a question of this form")]),
    ],
)
def test_answers_are_checked_against_the_form_question_by_question(
    answers: dict[str, object], expected: list[tuple[list[str], str]]
) -> None:
    questions = FormCreate.model_validate(SIMPLE_FORM).questions
    assert [(e["loc"], e["msg"]) for e in forms.answer_errors(questions, answers)] == expected


# --- submissions ----------------------------------------------------------------------


def test_a_submission_is_stored_once_and_a_retry_is_a_duplicate(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), make_station(db, mission)
    key = str(uuid.uuid4())
    first, created = _receive(db, mission, member, uuid=key, form_id=form.id, station_id=station.id)
    again, duplicate = _receive(
        db, mission, member, uuid=key, form_id=form.id, station_id=station.id
    )
    assert (created, duplicate) == (ItemResult.created, ItemResult.duplicate)
    assert again.received_at == first.received_at and again.observed_at == OBSERVED
    with db.session_scope() as session:
        assert _count(session, Submission) == 1
        counters: dict[tuple[str, str], int] = {}
        for c in session.exec(select(AnswerCount)):
            counters[(c.question_id, c.value)] = counters.get((c.question_id, c.value), 0) + c.count
    assert counters == {
        ("opened_on_time", "yes"): 1,
        ("staff_present", "#sum"): 7,
        ("staff_present", "#n"): 1,
        ("assessment", "good"): 1,
        ("agents", "governing"): 1,
        ("agents", "opposition"): 1,
    }


def test_the_same_uuid_with_other_content_is_a_conflict(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), make_station(db, mission)
    key = str(uuid.uuid4())
    _receive(db, mission, member, uuid=key, form_id=form.id, station_id=station.id)
    with pytest.raises(Conflict, match="already received with different content"):
        _receive(
            db,
            mission,
            member,
            uuid=key,
            form_id=form.id,
            station_id=station.id,
            answers={**GOOD, "staff_present": 8},
        )


def test_only_a_deployed_member_reports(db: Database, mission: Mission, hasher) -> None:  # type: ignore[no-untyped-def]
    from eom.accounts.models import Role
    from tests.factories import make_user

    make_member(db, mission, make_observer(db, email="not.yet@observers.example"))
    user = make_user(db, hasher, role=Role.observer, email="not.yet@observers.example")
    with (
        pytest.raises(Forbidden, match="Only a deployed member of EOM-BOL-2026"),
        db.session_scope() as s,
    ):
        submissions.deployed_member(s, mission, user)


def test_a_station_or_form_of_another_mission_is_refused_and_nothing_stored(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    other = make_mission(db, host_country="PE")
    form, station = make_form(db, mission), make_station(db, mission)
    with pytest.raises(InvalidInput, match="is not a polling station of EOM-BOL-2026"):
        _receive(db, mission, member, form_id=form.id, station_id=make_station(db, other).id)
    with pytest.raises(InvalidInput, match="is not a published form of EOM-BOL-2026"):
        _receive(db, mission, member, form_id=make_form(db, other).id, station_id=station.id)
    with pytest.raises(InvalidInput, match="is not a published form"):
        _receive(
            db,
            mission,
            member,
            form_id=make_form(db, mission, publish=False, key="draft").id,
            station_id=station.id,
        )
    with db.session_scope() as session:
        assert _count(session, Submission) == 0


def test_answers_that_do_not_fit_store_nothing(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), make_station(db, mission)
    with pytest.raises(InvalidInput, match="do not fit version 1 of opening") as refused:
        _receive(
            db,
            mission,
            member,
            form_id=form.id,
            station_id=station.id,
            answers={"staff_present": 99},
        )
    assert len(refused.value.errors) == 3
    with db.session_scope() as session:
        assert _count(session, Submission) == 0


def test_a_correction_replaces_what_it_supersedes_in_the_statistics(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), make_station(db, mission)
    first, _ = _receive(db, mission, member, form_id=form.id, station_id=station.id)
    _receive(
        db,
        mission,
        member,
        form_id=form.id,
        station_id=station.id,
        answers={**GOOD, "assessment": "poor"},
        supersedes=first.uuid,
    )
    with db.session_scope() as session:
        stats = statistics.mission_statistics(session, mission)
    assessment = next(q for q in stats.questions if q.question_id == "assessment")
    assert stats.submissions == 1 and [(v.value, v.count) for v in assessment.values] == [
        ("poor", 1)
    ]
    with pytest.raises(Conflict, match="was already corrected"):
        _receive(db, mission, member, form_id=form.id, station_id=station.id, supersedes=first.uuid)


# --- incidents ------------------------------------------------------------------------


def test_an_incident_is_stored_once_and_verified_once(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    data = IncidentCreate(
        uuid=str(uuid.uuid4()),
        category="vote_buying",
        severity="high",
        place="Plaza principal",
        occurred_at=OBSERVED,
        description="Cash handed out near the entrance.",
    )
    with db.session_scope() as session:
        incident, created = incidents.report(session, mission, member, data, actor=SYSTEM)
        again, created_again = incidents.report(session, mission, member, data, actor=SYSTEM)
    assert created and not created_again and again.id == incident.id
    verdict = IncidentVerify(verification=Verification.confirmed, note="Seen by two teams.")
    with db.session_scope() as session:
        found = incidents.get_incident(session, mission, incident.id or 0)
        incidents.verify(session, found, verdict, actor=SYSTEM)
        assert found.verification == Verification.confirmed and found.verified_by == "system"
        with pytest.raises(Conflict, match="was already confirmed"):
            incidents.verify(session, found, verdict, actor=SYSTEM)


# --- statistics -----------------------------------------------------------------------


def test_statistics_count_answers_coverage_and_incidents_as_by_hand(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form = make_form(db, mission)
    north = [make_station(db, mission, region="Norte") for _ in range(2)]
    south = make_station(db, mission, region="Sur")
    with db.session_scope() as session:
        ids = [s.id or 0 for s in (*north, south)]
        stations.assign_stations(session, mission, member, ids, actor=SYSTEM)
    _receive(db, mission, member, form_id=form.id, station_id=north[0].id)
    _receive(
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
