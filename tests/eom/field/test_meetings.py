"""Meetings with interlocutors: stored once per uuid, held on the member's days in the
mission and not after today, taken while the mission takes reports, listed the latest held
first by theme and kind of institution."""

import uuid
from datetime import timedelta

import pytest
from pydantic import ValidationError

from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput
from eom.core.reference import Theme
from eom.field import meetings
from eom.field.models import InstitutionType, Meeting, MeetingCreate
from eom.planning.members.models import MemberRole, MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    MEETING,
    advance,
    deploy,
    make_meeting,
    make_member,
    make_mission,
)


@pytest.fixture
def coordinator(db: Database, mission: Mission) -> MissionMember:
    member = make_member(db, mission, role=MemberRole.regional_coordinator, area="La Paz")
    deploy(db, member)
    return member


def _with_the_tribunal(**overrides: object) -> MeetingCreate:
    """A new meeting (its own uuid) with the electoral body."""
    return MeetingCreate.model_validate({**MEETING, "uuid": str(uuid.uuid4()), **overrides})


def _record(
    db: Database, mission: Mission, member: MissionMember, data: MeetingCreate
) -> tuple[Meeting, bool]:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return meetings.record(session, fresh, member, data, actor=SYSTEM)


def test_a_meeting_is_stored_once_and_a_retry_returns_the_stored_one(
    db: Database, mission: Mission, coordinator: MissionMember
) -> None:
    data = _with_the_tribunal()
    first, created = _record(db, mission, coordinator, data)
    again, created_again = _record(db, mission, coordinator, data)
    assert created and not created_again
    with db.session_scope() as session:
        (stored,), total = meetings.list_meetings(session, mission, member=None, limit=10, offset=0)
    assert total == 1 and stored.uuid == data.uuid and stored.member_id == coordinator.id
    assert (stored.institution, stored.theme) == (
        "Tribunal Supremo Electoral",
        Theme.electoral_organization,
    )


@pytest.mark.parametrize(
    "change",
    [
        {"met_on": "2026-08-11"},
        {"institution_type": "government"},
        {"institution": "Ministerio de Gobierno"},
        {"attendees": "The tribunal's president."},
        {"theme": None},
        {"summary": "Another conversation."},
        {"follow_up": None},
    ],
    ids=["met_on", "institution_type", "institution", "attendees", "theme", "summary", "follow_up"],
)
def test_a_meeting_resent_with_other_content_is_a_conflict(
    db: Database, mission: Mission, coordinator: MissionMember, change: dict[str, object]
) -> None:
    first = _with_the_tribunal()
    _record(db, mission, coordinator, first)
    changed = _with_the_tribunal(uuid=first.uuid, **change)
    with pytest.raises(Conflict, match="different content"):
        _record(db, mission, coordinator, changed)


def test_another_members_meeting_under_the_same_uuid_is_taken(
    db: Database, mission: Mission, coordinator: MissionMember
) -> None:
    chief = make_member(db, mission, role=MemberRole.chief)
    deploy(db, chief)
    data = _with_the_tribunal()
    _record(db, mission, coordinator, data)
    with pytest.raises(Conflict, match="is taken") as refused:
        _record(db, mission, chief, data)
    assert refused.value.kind == "uuid-taken"


def test_a_meeting_is_held_on_the_missions_days(
    db: Database, mission: Mission, coordinator: MissionMember
) -> None:
    starts, ends = mission.period()
    for day in (starts - timedelta(days=1), ends + timedelta(days=1)):
        with pytest.raises(InvalidInput, match="outside the days of EOM-BOL-2026") as refused:
            _record(db, mission, coordinator, _with_the_tribunal(met_on=day))
        assert refused.value.errors == [{"loc": ["met_on"], "msg": "outside the mission's dates"}]
    for day in (starts, ends):
        assert _record(db, mission, coordinator, _with_the_tribunal(met_on=day))[1]


def test_a_meeting_after_today_is_refused(db: Database) -> None:
    today = utcnow().date()
    under_way = advance(db, make_mission(db, election_date=today), MissionStatus.deployed)
    chief = make_member(db, under_way, role=MemberRole.chief)
    deploy(db, chief)
    with pytest.raises(InvalidInput, match="is after today") as refused:
        _record(db, under_way, chief, _with_the_tribunal(met_on=today + timedelta(days=1)))
    assert refused.value.errors == [{"loc": ["met_on"], "msg": "after today"}]
    assert _record(db, under_way, chief, _with_the_tribunal(met_on=today))[1]


def test_once_the_final_report_is_out_no_meeting_is_taken_not_even_a_retry(
    db: Database, mission: Mission, coordinator: MissionMember
) -> None:
    data = _with_the_tribunal()
    _record(db, mission, coordinator, data)
    reported = advance(db, mission, MissionStatus.final_report)
    for sent in (data, _with_the_tribunal()):
        with pytest.raises(Conflict, match="takes no more reports"):
            _record(db, reported, coordinator, sent)


def test_a_meeting_after_the_preliminary_report_is_still_taken(
    db: Database, mission: Mission, coordinator: MissionMember
) -> None:
    reported = advance(db, mission, MissionStatus.preliminary_report)
    assert _record(db, reported, coordinator, _with_the_tribunal())[1]


def test_meetings_are_listed_the_latest_held_first_by_theme_and_institution(
    db: Database, mission: Mission, coordinator: MissionMember
) -> None:
    chief = make_member(db, mission, role=MemberRole.chief)
    deploy(db, chief)
    early = make_meeting(db, mission, coordinator, met_on="2026-08-01")
    late = make_meeting(db, mission, coordinator, met_on="2026-08-14")
    press = make_meeting(
        db,
        mission,
        coordinator,
        met_on="2026-08-05",
        institution_type="media",
        institution="Asociación Nacional de la Prensa",
        theme="media",
    )
    untitled = make_meeting(db, mission, chief, met_on="2026-08-03", theme=None)
    with db.session_scope() as session:

        def uuids(**where: object) -> list[str]:
            found, total = meetings.list_meetings(
                session,
                mission,
                limit=10,
                offset=0,
                **where,  # type: ignore[arg-type]
            )
            assert total == len(found)
            return [m.uuid for m in found]

        assert uuids(member=None) == [late.uuid, press.uuid, untitled.uuid, early.uuid]
        assert uuids(member=coordinator) == [late.uuid, press.uuid, early.uuid]
        assert uuids(member=None, theme=Theme.media) == [press.uuid]
        assert uuids(member=None, institution_type=InstitutionType.electoral_body) == [
            late.uuid,
            untitled.uuid,
            early.uuid,
        ]


def test_a_meeting_says_what_was_said_in_words() -> None:
    for field in ("institution", "attendees", "summary"):
        with pytest.raises(ValidationError):
            _with_the_tribunal(**{field: "   "})
    with pytest.raises(ValidationError):
        _with_the_tribunal(institution="Tribunal\nSupremo")
    with pytest.raises(ValidationError):
        _with_the_tribunal(institution_type="church")


def test_an_optional_field_left_blank_is_not_given() -> None:
    data = _with_the_tribunal(theme="", follow_up="  ")
    assert (data.theme, data.follow_up) == (None, None)
    assert _with_the_tribunal(summary="  Said a lot.  ").summary == "Said a lot."
