"""Incidents: stored once, verified once."""

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError
from sqlmodel import select

from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput, RuleBroken
from eom.field import incidents
from eom.field.models import (
    POSITION,
    Incident,
    IncidentCategory,
    IncidentCreate,
    IncidentVerify,
    Severity,
    Verification,
)
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import advance, deploy, make_member, make_station
from tests.support.filing import OBSERVED


def _cash_at_the_door() -> IncidentCreate:
    """A new incident (its own uuid) at a named place."""
    return IncidentCreate(
        uuid=str(uuid.uuid4()),
        category=IncidentCategory.vote_buying,
        severity=Severity.high,
        place="Plaza principal",
        occurred_at=OBSERVED,
        description="Cash handed out near the entrance.",
    )


def test_an_incident_is_stored_once_and_verified_once(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    data = _cash_at_the_door()
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


@pytest.mark.parametrize(
    "change",
    [
        {"category": IncidentCategory.irregular_procedure},
        {"severity": Severity.critical},
        {"place": "Mercado central"},
        {"occurred_at": OBSERVED.replace(hour=9)},
        {"latitude": -16.5, "longitude": -68.15, "accuracy_m": 12.0},
    ],
    ids=["category", "severity", "place", "occurred_at", "position"],
)
def test_an_incident_resent_with_other_content_is_a_conflict(
    db: Database, mission: Mission, member: MissionMember, change: dict[str, object]
) -> None:
    first = _cash_at_the_door()
    with db.session_scope() as session:
        incidents.report(session, mission, member, first, actor=SYSTEM)
    changed = first.model_copy(update=change)
    with db.session_scope() as session, pytest.raises(Conflict, match="different content"):
        incidents.report(session, mission, member, changed, actor=SYSTEM)


def test_an_incident_resent_with_its_time_in_another_offset_is_the_same(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    first = _cash_at_the_door()
    local = OBSERVED.astimezone(timezone(timedelta(hours=-4)))
    with db.session_scope() as session:
        incident, _ = incidents.report(session, mission, member, first, actor=SYSTEM)
        again, created = incidents.report(
            session, mission, member, first.model_copy(update={"occurred_at": local}), actor=SYSTEM
        )
    assert not created and again.id == incident.id


def test_incidents_are_listed_by_region_and_by_station(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    north = make_station(db, mission, region="Norte")
    south = make_station(db, mission, region="Sur")

    def report(station_id: int | None, place: str | None = None) -> int:
        data = IncidentCreate(
            uuid=str(uuid.uuid4()),
            category=IncidentCategory.other,
            severity=Severity.low,
            station_id=station_id,
            place=place,
            occurred_at=OBSERVED,
            description="Something seen.",
        )
        with db.session_scope() as session:
            return incidents.report(session, mission, member, data, actor=SYSTEM)[0].id or 0

    at_north, at_south, elsewhere = report(north.id), report(south.id), report(None, "Plaza")
    with db.session_scope() as session:

        def ids(region: str | None = None, station_id: int | None = None) -> set[int]:
            found, total = incidents.list_incidents(
                session,
                mission,
                member=None,
                limit=10,
                offset=0,
                region=region,
                station_id=station_id,
            )
            assert total == len(found)
            return {i.id or 0 for i in found}

        assert ids(region="Norte") == {at_north}
        assert ids(station_id=south.id) == {at_south}
        assert ids() == {at_north, at_south, elsewhere}


@pytest.mark.parametrize(
    ("occurred", "taken"),
    [
        ("2026-08-13T00:30:00-04:00", True),  # the member's first day, in their own time
        ("2026-08-19T23:30:00-04:00", True),  # their last day
        ("2026-08-12T23:30:00-04:00", False),  # on the mission's days, before theirs
        ("2026-08-20T00:30:00-04:00", False),  # on the mission's days, after theirs
    ],
)
def test_an_incident_happened_within_the_members_own_days(
    db: Database, mission: Mission, occurred: str, taken: bool
) -> None:
    short_term = make_member(db, mission, arrives_on=date(2026, 8, 13), leaves_on=date(2026, 8, 19))
    deploy(db, short_term)
    data = _cash_at_the_door().model_copy(update={"occurred_at": datetime.fromisoformat(occurred)})
    with db.session_scope() as session:
        if taken:
            incidents.report(session, mission, short_term, data, actor=SYSTEM)
            return
        with pytest.raises(
            InvalidInput, match=r"outside your days on EOM-BOL-2026 \(2026-08-13 to 2026-08-19\)"
        ) as refused:
            incidents.report(session, mission, short_term, data, actor=SYSTEM)
    assert [e["loc"] for e in refused.value.errors] == [["occurred_at"]]
    with db.session_scope() as session:
        assert session.exec(select(Incident)).all() == []


@pytest.mark.parametrize(
    ("occurred", "refusal"),
    [
        (datetime(2026, 7, 27, 12, tzinfo=UTC), r"outside the days of EOM-BOL-2026"),
        (datetime(2026, 8, 28, 12, tzinfo=UTC), r"outside the days of EOM-BOL-2026"),
        (None, "ahead of the server's clock"),
    ],
    ids=["before-the-mission", "after-the-mission", "ahead-of-the-clock"],
)
def test_an_incident_happened_on_the_missions_days_and_not_ahead_of_the_clock(
    db: Database,
    mission: Mission,
    member: MissionMember,
    occurred: datetime | None,
    refusal: str,
) -> None:
    at = occurred or utcnow() + timedelta(minutes=11)
    data = _cash_at_the_door().model_copy(update={"occurred_at": at})
    with db.session_scope() as session, pytest.raises(InvalidInput, match=refusal) as refused:
        incidents.report(session, mission, member, data, actor=SYSTEM)
    assert [e["loc"] for e in refused.value.errors] == [["occurred_at"]]


# --- the device's position ----------------------------------------------------------------


def _reported_at(**position: object) -> IncidentCreate:
    return IncidentCreate.model_validate(
        {
            "uuid": str(uuid.uuid4()),
            "category": IncidentCategory.other,
            "severity": Severity.low,
            "place": "Plaza principal",
            "occurred_at": OBSERVED,
            "description": "Something seen.",
            **position,
        }
    )


def test_an_incident_keeps_the_position_it_was_reported_from(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    data = _reported_at(latitude=-16.5, longitude=-68.15, accuracy_m=12.5)
    with db.session_scope() as session:
        incident, _ = incidents.report(session, mission, member, data, actor=SYSTEM)
    with db.session_scope() as session:
        found = incidents.get_incident(session, mission, incident.id or 0)
        assert (found.latitude, found.longitude, found.accuracy_m) == (-16.5, -68.15, 12.5)
        assert found.place == "Plaza principal"


def test_a_position_is_optional() -> None:
    data = _reported_at()
    assert (data.latitude, data.longitude, data.accuracy_m) == (None, None, None)


@pytest.mark.parametrize(
    "position",
    [
        {"latitude": -16.5},
        {"latitude": -16.5, "longitude": -68.15},
        {"longitude": -68.15, "accuracy_m": 10},
        {"accuracy_m": 10},
    ],
)
def test_a_position_is_all_three_or_none(position: dict[str, float]) -> None:
    with pytest.raises(ValidationError) as refused:
        _reported_at(**position)
    rule = refused.value.errors()[0]["ctx"]["error"]
    assert isinstance(rule, RuleBroken) and rule.template == (
        "A position needs its latitude, longitude and accuracy: all three or none."
    )
    assert rule.field == next(n for n in POSITION if n not in position)


@pytest.mark.parametrize(
    "position",
    [
        {"latitude": 90.5, "longitude": 0, "accuracy_m": 5},
        {"latitude": -91, "longitude": 0, "accuracy_m": 5},
        {"latitude": 0, "longitude": 180.01, "accuracy_m": 5},
        {"latitude": 0, "longitude": -181, "accuracy_m": 5},
        {"latitude": 0, "longitude": 0, "accuracy_m": 0},
        {"latitude": 0, "longitude": 0, "accuracy_m": 100_001},
        {"latitude": float("nan"), "longitude": 0, "accuracy_m": 5},
        {"latitude": 0, "longitude": float("inf"), "accuracy_m": 5},
    ],
)
def test_a_position_is_on_the_earth_and_its_accuracy_within_100_km(
    position: dict[str, float],
) -> None:
    with pytest.raises(ValidationError):
        _reported_at(**position)


def test_the_bounds_themselves_are_positions() -> None:
    assert _reported_at(latitude=-90, longitude=180, accuracy_m=100_000).latitude == -90
    assert _reported_at(latitude=90, longitude=-180, accuracy_m=0.5).accuracy_m == 0.5


def _vote_buying() -> IncidentCreate:
    return _cash_at_the_door()


def test_once_the_final_report_is_out_no_incident_is_taken(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    reported = advance(db, mission, MissionStatus.final_report)
    with db.session_scope() as session, pytest.raises(Conflict, match="takes no more reports"):
        incidents.report(session, reported, member, _vote_buying(), actor=SYSTEM)


def test_an_incident_after_the_preliminary_report_is_stored_and_marked_late(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    with db.session_scope() as session:
        on_time, _ = incidents.report(session, mission, member, _vote_buying(), actor=SYSTEM)
    reported = advance(db, mission, MissionStatus.preliminary_report)
    with db.session_scope() as session:
        late, created = incidents.report(session, reported, member, _vote_buying(), actor=SYSTEM)
    assert created and (on_time.late, late.late) == (False, True)
