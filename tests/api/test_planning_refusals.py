"""Each planning rule's refusal as the API gives it: status, problem document, message."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.planning.members.models import MemberStatus
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    acknowledge_all,
    advance,
    deploy,
    make_member,
    make_mission,
    make_observer,
    set_status,
    sign_agreements,
    signed_in_as,
)
from tests.support.problems import assert_problem

# Each case builds its records and returns (method, path, body) of the refused request.
Case = Callable[[Database], tuple[str, str, dict[str, Any]]]


def duplicate_code(db: Database) -> tuple[str, str, dict[str, Any]]:
    make_mission(db, code="EOM-DUP-2026")
    body = {
        "code": "EOM-DUP-2026",
        "kind": "expert_mission",
        "host_country": "PE",
        "election_type": "general",
        "election_date": "2026-04-12",
    }
    return "POST", "/api/v1/missions", body


def future_transition(db: Database) -> tuple[str, str, dict[str, Any]]:
    mission = make_mission(db)
    tomorrow = (utcnow().date() + timedelta(days=1)).isoformat()
    return "POST", f"/api/v1/missions/{mission.id}/transitions", {"to": "accepted", "on": tomorrow}


def closed_mission_change(db: Database) -> tuple[str, str, dict[str, Any]]:
    mission = advance(db, make_mission(db, code="EOM-CLO-2026"), MissionStatus.closed)
    return "PATCH", f"/api/v1/missions/{mission.id}", {"election_type": "legislative"}


def runoff_before_election(db: Database) -> tuple[str, str, dict[str, Any]]:
    mission = make_mission(db, election_date=date(2026, 8, 17))
    return "PATCH", f"/api/v1/missions/{mission.id}", {"runoff_date": "2026-08-01"}


def second_agreement(db: Database) -> tuple[str, str, dict[str, Any]]:
    mission = make_mission(db, code="EOM-AGR-2026")
    sign_agreements(db, mission)
    body = {
        "kind": "privileges_immunities",
        "counterpart": "Cancillería",
        "signed_on": "2026-06-02",
    }
    return "POST", f"/api/v1/missions/{mission.id}/agreements", body


def member_twice(db: Database) -> tuple[str, str, dict[str, Any]]:
    mission = make_mission(db, code="EOM-TWO-2026")
    observer = make_observer(db, full_name="Marie Dubois")
    make_member(db, mission, observer)
    body = {"observer_id": observer.id, "role": "core_group"}
    return "POST", f"/api/v1/missions/{mission.id}/members", body


def deploy_before_agreements(db: Database) -> tuple[str, str, dict[str, Any]]:
    mission = advance(db, make_mission(db, code="EOM-EAR-2026"), MissionStatus.preliminary_visit)
    member = make_member(db, mission)
    set_status(db, member, MemberStatus.confirmed, MemberStatus.accredited)
    return "PATCH", f"/api/v1/missions/{mission.id}/members/{member.id}", {"status": "deployed"}


def overlapping_deployment(db: Database) -> tuple[str, str, dict[str, Any]]:
    observer = make_observer(db, full_name="Lena Berg", nationality="SE")
    first = advance(db, make_mission(db, code="EOM-OVA-2026"), MissionStatus.agreements_signed)
    second = advance(
        db,
        make_mission(db, code="EOM-OVB-2026", host_country="PE"),
        MissionStatus.agreements_signed,
    )
    deploy(db, make_member(db, first, observer))
    again = make_member(db, second, observer)
    acknowledge_all(db, again)
    set_status(db, again, MemberStatus.confirmed, MemberStatus.accredited)
    return "PATCH", f"/api/v1/missions/{second.id}/members/{again.id}", {"status": "deployed"}


def version_without_pledge(db: Database) -> tuple[str, str, dict[str, Any]]:
    body = {
        "items": [
            {"key": "one", "kind": "obligation", "text_en": "One.", "text_es": "Uno."},
            {"key": "two", "kind": "obligation", "text_en": "Two.", "text_es": "Dos."},
        ]
    }
    return "POST", "/api/v1/code-of-conduct", body


CASES: list[tuple[Case, int, str]] = [
    (duplicate_code, 409, "A mission with the code EOM-DUP-2026 already exists."),
    (future_transition, 409, "is in the future"),
    (closed_mission_change, 409, "EOM-CLO-2026 is closed and can no longer change."),
    (runoff_before_election, 422, "The mission as changed would not be valid."),
    (second_agreement, 409, "EOM-AGR-2026 already has its privileges_immunities agreement."),
    (member_twice, 409, "Marie Dubois is already a member of EOM-TWO-2026."),
    (deploy_before_agreements, 409, "members deploy once the agreements are signed"),
    (overlapping_deployment, 409, "Lena Berg is deployed with EOM-OVA-2026 at the same time"),
    (version_without_pledge, 422, "A version of the code needs the pledge to follow it."),
]


@pytest.mark.parametrize(("case", "status", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_each_planning_rule_is_refused_with_its_reason(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    case: Case,
    status: int,
    message: str,
) -> None:
    method, path, body = case(db)
    staff = signed_in_as(client, db, hasher, Role.staff)
    problem = assert_problem(client.request(method, path, json=body, headers=staff), status)
    assert message in problem["detail"]
