"""Filing checklists: each stored once, retries recognised, conflicts and misfits refused
with nothing stored, corrections replacing what they supersede."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput
from eom.field import filing, stations, statistics
from eom.field.models import AnswerCount, ItemResult, Submission
from eom.planning.members.models import MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus, MissionUpdate
from tests.factories import (
    advance,
    assigned_station,
    deploy,
    make_form,
    make_member,
    make_mission,
    make_station,
)
from tests.support.filing import GOOD, OBSERVED, receive


def _count(session: Session, model: type) -> int:
    return len(session.exec(select(model)).all())


def test_a_submission_is_stored_once_and_a_retry_is_a_duplicate(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    key = str(uuid.uuid4())
    first, created = receive(db, mission, member, uuid=key, form_id=form.id, station_id=station.id)
    again, duplicate = receive(
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
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    key = str(uuid.uuid4())
    receive(db, mission, member, uuid=key, form_id=form.id, station_id=station.id)
    with pytest.raises(Conflict, match="already received with different content"):
        receive(
            db,
            mission,
            member,
            uuid=key,
            form_id=form.id,
            station_id=station.id,
            answers={**GOOD, "staff_present": 8},
        )


def test_a_station_or_form_of_another_mission_is_refused_and_nothing_stored(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    other = make_mission(db, host_country="PE")
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    with pytest.raises(InvalidInput, match="is not a polling station of EOM-BOL-2026"):
        receive(db, mission, member, form_id=form.id, station_id=make_station(db, other).id)
    with pytest.raises(InvalidInput, match="is not a published form of EOM-BOL-2026"):
        receive(db, mission, member, form_id=make_form(db, other).id, station_id=station.id)
    with pytest.raises(InvalidInput, match="is not a published form"):
        receive(
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
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    with pytest.raises(InvalidInput, match="do not fit version 1 of opening") as refused:
        receive(
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
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    first, _ = receive(db, mission, member, form_id=form.id, station_id=station.id)
    receive(
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
        receive(db, mission, member, form_id=form.id, station_id=station.id, supersedes=first.uuid)


def test_a_receipt_replayed_from_the_past_is_never_before_its_observation_nor_ahead(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    late = OBSERVED + timedelta(minutes=40)
    stored, _ = receive(
        db, mission, member, form_id=form.id, station_id=station.id, received_at=late
    )
    assert stored.received_at == late
    for wrong in (OBSERVED - timedelta(minutes=1), utcnow() + timedelta(hours=1)):
        with pytest.raises(InvalidInput, match="received after it is observed"):
            receive(db, mission, member, form_id=form.id, station_id=station.id, received_at=wrong)


@pytest.mark.parametrize("state", [MissionStatus.final_report, MissionStatus.closed])
def test_once_the_final_report_is_out_no_filing_is_taken_and_its_figures_stay(
    db: Database, mission: Mission, member: MissionMember, state: MissionStatus
) -> None:
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    stored, _ = receive(db, mission, member, form_id=form.id, station_id=station.id)
    with db.session_scope() as session:
        before = statistics.mission_statistics(session, mission)
    reported = advance(db, mission, state)
    refused = f"EOM-BOL-2026 is {state.value} and takes no more reports"
    with pytest.raises(Conflict, match=refused):
        receive(db, reported, member, form_id=form.id, station_id=station.id)
    with pytest.raises(Conflict, match=refused):
        receive(
            db,
            reported,
            member,
            form_id=form.id,
            station_id=station.id,
            answers={**GOOD, "assessment": "poor"},
            supersedes=stored.uuid,
        )
    item = {"uuid": str(uuid.uuid4()), "form_id": form.id, "station_id": station.id}
    with db.session_scope() as session, pytest.raises(Conflict, match=refused):
        fresh = missions.get_mission(session, mission.id or 0)
        filing.file_batch(
            session,
            fresh,
            member,
            [{**item, "observed_at": OBSERVED.isoformat(), "answers": GOOD}],
            actor=SYSTEM,
        )
    with db.session_scope() as session:
        assert statistics.mission_statistics(session, reported) == before
        assert _count(session, Submission) == 1


def test_a_filing_after_the_preliminary_report_is_stored_and_marked_late(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    on_time, _ = receive(db, mission, member, form_id=form.id, station_id=station.id)
    reported = advance(db, mission, MissionStatus.preliminary_report)
    late, created = receive(db, reported, member, form_id=form.id, station_id=station.id)
    assert created == ItemResult.created
    assert (on_time.late, late.late) == (False, True)
    with db.session_scope() as session:
        assert statistics.mission_statistics(session, reported).submissions == 2


def _deployed_today(db: Database) -> tuple[Mission, MissionMember]:
    """A mission whose election day is today, and a deployed member of it."""
    today = advance(
        db,
        make_mission(db, code="EOM-HOY-2026", election_date=utcnow().date()),
        MissionStatus.deployed,
    )
    member = make_member(db, today)
    deploy(db, member)
    return today, member


def test_a_checklist_observed_more_than_ten_minutes_ahead_of_the_clock_is_refused(
    db: Database,
) -> None:
    mission, member = _deployed_today(db)
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    soon = utcnow() + timedelta(minutes=9)
    stored, _ = receive(
        db, mission, member, form_id=form.id, station_id=station.id, observed_at=soon
    )
    assert stored.observed_at == soon
    ahead = utcnow() + timedelta(minutes=11)
    with pytest.raises(InvalidInput, match="ahead of the server's clock") as refused:
        receive(db, mission, member, form_id=form.id, station_id=station.id, observed_at=ahead)
    assert [e["loc"] for e in refused.value.errors] == [["observed_at"]]


@pytest.mark.parametrize(
    ("observed", "taken"),
    [
        ("2026-07-28T00:30:00-04:00", True),  # the first day of the mission's period
        ("2026-08-27T23:30:00-04:00", True),  # its last day, in the observer's own time
        ("2026-07-27T23:30:00-04:00", False),
        ("2026-08-28T00:30:00-04:00", False),
    ],
)
def test_a_checklist_is_observed_within_the_days_of_the_mission(
    db: Database, mission: Mission, member: MissionMember, observed: str, taken: bool
) -> None:
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    at = datetime.fromisoformat(observed)
    if taken:
        receive(db, mission, member, form_id=form.id, station_id=station.id, observed_at=at)
        return
    with pytest.raises(
        InvalidInput, match=r"outside the days of EOM-BOL-2026 \(2026-07-28 to 2026-08-27\)"
    ) as refused:
        receive(db, mission, member, form_id=form.id, station_id=station.id, observed_at=at)
    assert [e["loc"] for e in refused.value.errors] == [["observed_at"]]
    with db.session_scope() as session:
        assert _count(session, Submission) == 0


def test_the_days_of_the_mission_are_its_deployment_dates_when_it_has_them(
    db: Database, member: MissionMember, mission: Mission
) -> None:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        changes = MissionUpdate(
            deployment_starts_on=date(2026, 8, 10), deployment_ends_on=date(2026, 8, 20)
        )
        missions.update_mission(session, fresh, changes, actor=SYSTEM)
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    early = datetime(2026, 8, 5, 12, tzinfo=UTC)
    with pytest.raises(InvalidInput, match=r"\(2026-08-10 to 2026-08-20\)"):
        receive(db, mission, member, form_id=form.id, station_id=station.id, observed_at=early)


@pytest.mark.parametrize(
    ("observed", "taken"),
    [
        ("2026-08-13T00:30:00-04:00", True),  # the member's first day, in their own time
        ("2026-08-19T23:30:00-04:00", True),  # their last day
        ("2026-08-12T23:30:00-04:00", False),  # on the mission's days, before theirs
        ("2026-08-20T00:30:00-04:00", False),  # on the mission's days, after theirs
    ],
)
def test_a_checklist_is_observed_within_the_members_own_days(
    db: Database, mission: Mission, observed: str, taken: bool
) -> None:
    short_term = make_member(db, mission, arrives_on=date(2026, 8, 13), leaves_on=date(2026, 8, 19))
    deploy(db, short_term)
    form, station = make_form(db, mission), assigned_station(db, mission, short_term)
    at = datetime.fromisoformat(observed)
    if taken:
        receive(db, mission, short_term, form_id=form.id, station_id=station.id, observed_at=at)
        return
    with pytest.raises(
        InvalidInput, match=r"outside your days on EOM-BOL-2026 \(2026-08-13 to 2026-08-19\)"
    ) as refused:
        receive(db, mission, short_term, form_id=form.id, station_id=station.id, observed_at=at)
    assert [e["loc"] for e in refused.value.errors] == [["observed_at"]]
    with db.session_scope() as session:
        assert _count(session, Submission) == 0


def test_a_station_the_member_was_not_sent_to_is_refused_and_nothing_stored(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, theirs = make_form(db, mission), make_station(db, mission)
    other = make_member(db, mission)
    deploy(db, other)
    with db.session_scope() as session:
        stations.assign_stations(session, mission, other, [theirs.id or 0], actor=SYSTEM)
    with pytest.raises(InvalidInput, match="is not a station you were sent to") as refused:
        receive(db, mission, member, form_id=form.id, station_id=theirs.id)
    assert [e["loc"] for e in refused.value.errors] == [["station_id"]]
    with db.session_scope() as session:
        assert _count(session, Submission) == 0


def test_a_mission_may_let_members_file_for_any_station_of_their_area(
    db: Database, mission: Mission
) -> None:
    assert not mission.file_any_station_in_area
    member = make_member(db, mission, area="Norte")
    deploy(db, member)
    form = make_form(db, mission)
    in_region = make_station(db, mission, region="Norte")
    in_municipality = make_station(db, mission, region="Otra", municipality="Norte")
    elsewhere = make_station(db, mission, region="Sur")
    with pytest.raises(InvalidInput, match="is not a station you were sent to"):
        receive(db, mission, member, form_id=form.id, station_id=in_region.id)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        changes = MissionUpdate(file_any_station_in_area=True)
        missions.update_mission(session, fresh, changes, actor=SYSTEM)
        fresh = missions.get_mission(session, mission.id or 0)
    for station in (in_region, in_municipality):
        receive(db, fresh, member, form_id=form.id, station_id=station.id)
    with pytest.raises(InvalidInput, match="is not a station you were sent to"):
        receive(db, fresh, member, form_id=form.id, station_id=elsewhere.id)


def test_a_correction_marks_what_it_supersedes_as_changed_when_it_is_received(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    first, _ = receive(db, mission, member, form_id=form.id, station_id=station.id)
    assert first.updated_at == first.received_at
    correction, _ = receive(
        db, mission, member, form_id=form.id, station_id=station.id, supersedes=first.uuid
    )
    with db.session_scope() as session:
        corrected = session.get(Submission, first.uuid)
        assert corrected is not None and corrected.superseded
        assert corrected.updated_at == correction.received_at == correction.updated_at
        assert corrected.received_at == first.received_at < corrected.updated_at
