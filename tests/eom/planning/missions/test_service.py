import json
from datetime import date, timedelta

import pytest
from sqlmodel import select

from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput, InvalidTransition
from eom.planning.missions import service as missions
from eom.planning.missions.models import (
    AgreementCreate,
    AgreementKind,
    ElectionType,
    MissionStatus,
    MissionUpdate,
)
from tests.factories import advance, make_mission, sign_agreements

S = MissionStatus


def _transition(
    db: Database, mission_id: int, to: S, on: date = date(2026, 2, 1), reason: str | None = None
) -> None:
    with db.session_scope() as session:
        mission = missions.get_mission(session, mission_id)
        missions.transition(session, mission, to, on=on, actor=SYSTEM, reason=reason)


def test_a_new_mission_is_requested_and_audited_in_its_own_chain(db: Database) -> None:
    mission = make_mission(db, code="EOM-BOL-2026")
    assert mission.status == S.requested and not mission.is_public
    with db.session_scope() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.entity_type == "mission")).one()
    assert (
        entry.chain == f"mission:{mission.id}"
        and json.loads(entry.after or "")["code"] == "EOM-BOL-2026"
    )


def test_mission_codes_are_unique(db: Database) -> None:
    make_mission(db, code="EOM-PER-2026")
    with pytest.raises(Conflict, match="EOM-PER-2026 already exists"):
        make_mission(db, code="EOM-PER-2026")


def test_the_lifecycle_moves_one_step_at_a_time_and_says_what_is_allowed(db: Database) -> None:
    mission = make_mission(db)
    with pytest.raises(InvalidTransition) as refused:
        _transition(db, mission.id or 0, S.deployed)
    assert str(refused.value) == (
        f"{mission.code} cannot go from requested to deployed; allowed: accepted, cancelled."
    )


@pytest.mark.parametrize(
    "state", [S.requested, S.accepted, S.preliminary_visit, S.agreements_signed]
)
def test_a_mission_can_be_cancelled_before_it_deploys(db: Database, state: S) -> None:
    mission = make_mission(db)
    if state != S.requested:
        advance(db, mission, state)
    _transition(db, mission.id or 0, S.cancelled, on=date(2026, 3, 1), reason="No invitation")


def test_cancelling_says_why_and_the_timeline_keeps_the_reason(db: Database) -> None:
    mission = make_mission(db)
    with pytest.raises(InvalidInput, match="Say why"):
        _transition(db, mission.id or 0, S.cancelled, on=date(2026, 3, 1), reason="  ")
    _transition(
        db,
        mission.id or 0,
        S.cancelled,
        on=date(2026, 3, 1),
        reason=" The invitation was withdrawn. ",
    )
    with db.session_scope() as session:
        stored = missions.get_mission(session, mission.id or 0)
        last = missions.timeline(session, stored)[-1]
    assert stored.status == S.cancelled
    assert (last.status, last.reason) == (S.cancelled, "The invitation was withdrawn.")


def test_a_deployed_mission_cannot_be_cancelled(db: Database) -> None:
    mission = advance(db, make_mission(db), S.deployed)
    with pytest.raises(InvalidTransition, match="allowed: preliminary_report"):
        _transition(db, mission.id or 0, S.cancelled, on=date(2026, 3, 1))


def test_signing_the_agreements_needs_both_recorded(db: Database) -> None:
    mission = advance(db, make_mission(db), S.preliminary_visit)
    with pytest.raises(
        InvalidTransition, match="missing: privileges_immunities, observation_procedures"
    ):
        _transition(db, mission.id or 0, S.agreements_signed)
    with db.session_scope() as session:
        data = AgreementCreate(
            kind=AgreementKind.privileges_immunities,
            counterpart="Cancillería",
            signed_on=date(2026, 1, 20),
        )
        missions.record_agreement(session, mission, data, actor=SYSTEM)
    with pytest.raises(InvalidTransition, match="missing: observation_procedures"):
        _transition(db, mission.id or 0, S.agreements_signed)
    sign_agreements(db, mission, only=AgreementKind.observation_procedures)
    _transition(db, mission.id or 0, S.agreements_signed)


def test_each_agreement_is_recorded_once(db: Database) -> None:
    mission = make_mission(db)
    sign_agreements(db, mission)
    with pytest.raises(Conflict, match="already has its privileges_immunities agreement"):
        with db.session_scope() as session:
            data = AgreementCreate(
                kind=AgreementKind.privileges_immunities,
                counterpart="Otra",
                signed_on=date(2026, 1, 1),
            )
            missions.record_agreement(session, mission, data, actor=SYSTEM)


def test_a_transition_is_not_dated_in_the_future(db: Database) -> None:
    mission = make_mission(db)
    tomorrow = utcnow().date() + timedelta(days=1)
    with pytest.raises(Conflict, match="is in the future"):
        _transition(db, mission.id or 0, S.accepted, on=tomorrow)


def test_a_transition_is_not_dated_before_the_last_step(db: Database) -> None:
    mission = make_mission(db)
    _transition(db, mission.id or 0, S.accepted, on=date(2026, 2, 10))
    with pytest.raises(Conflict, match="before the last step"):
        _transition(db, mission.id or 0, S.preliminary_visit, on=date(2026, 2, 9))


def test_accepting_a_mission_makes_it_public_for_good(db: Database) -> None:
    mission = make_mission(db)
    _transition(db, mission.id or 0, S.accepted, on=date(2026, 2, 10))
    _transition(db, mission.id or 0, S.cancelled, on=date(2026, 2, 11), reason="Withdrawn")
    with db.session_scope() as session:
        stored = missions.get_mission(session, mission.id or 0)
    assert stored.accepted_on == date(2026, 2, 10) and stored.is_public


def test_each_transition_is_audited_with_its_actor(db: Database) -> None:
    mission = make_mission(db)
    _transition(db, mission.id or 0, S.accepted)
    with db.session_scope() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "transition")).one()
    assert entry.actor == "system" and json.loads(entry.after or "")["status"] == "accepted"


def test_the_timeline_tells_transitions_and_agreements_in_date_order(db: Database) -> None:
    mission = advance(db, make_mission(db), S.deployed)
    with db.session_scope() as session:
        events = missions.timeline(session, mission)
    assert [e.on for e in events] == sorted(e.on for e in events)
    assert [e.status for e in events if e.kind == "transition"] == [
        S.requested,
        S.accepted,
        S.preliminary_visit,
        S.agreements_signed,
        S.deployed,
    ]
    assert sum(e.kind == "agreement" for e in events) == 2


def test_missions_are_listed_by_status_country_and_year(db: Database) -> None:
    make_mission(db, code="EOM-BOL-2025", election_date=date(2025, 8, 17))
    make_mission(db, code="EOM-PER-2026", host_country="PE", election_date=date(2026, 4, 12))
    advance(db, make_mission(db, code="EOM-BOL-2026"), S.accepted)
    with db.session_scope() as session:

        def codes(**filters: object) -> list[str]:
            items, _ = missions.list_missions(session, limit=50, offset=0, **filters)  # type: ignore[arg-type]
            return [m.code for m in items]

        assert codes(country="bo") == ["EOM-BOL-2026", "EOM-BOL-2025"]
        assert codes(year=2025) == ["EOM-BOL-2025"]
        assert codes(status=S.accepted) == ["EOM-BOL-2026"]
        assert codes(public_only=True) == ["EOM-BOL-2026"]


def test_a_closed_mission_no_longer_changes(db: Database) -> None:
    mission = advance(db, make_mission(db), S.closed)
    with pytest.raises(Conflict, match="is closed and can no longer change"):
        with db.session_scope() as session:
            fresh = missions.get_mission(session, mission.id or 0)
            missions.update_mission(
                session, fresh, MissionUpdate(election_type=ElectionType.general), actor=SYSTEM
            )
