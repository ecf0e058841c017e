"""A mission's preliminary visits through the API: DECO's own record, staff only."""

from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members.models import MemberRole
from tests.factories import (
    bearer,
    make_member,
    make_mission,
    make_observer,
    make_user,
    make_visit,
    signed_in_as,
)
from tests.support.problems import assert_problem

VISIT: dict[str, Any] = {
    "starts_on": "2026-03-02",
    "ends_on": "2026-03-05",
    "delegation": "Ana Pérez (DECO)",
    "meetings": [{"held_on": "2026-03-03", "interlocutor": "Tribunal Supremo Electoral"}],
    "findings": "The electoral body welcomes the mission.",
}


def _said(problem: dict[str, Any]) -> list[str]:
    return [error["msg"] for error in problem["errors"]]


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.staff)


def test_staff_record_a_visit_read_it_where_location_says_and_decide_later(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission = make_mission(db)
    made = client.post(f"/api/v1/missions/{mission.id}/visits", json=VISIT, headers=staff)
    assert made.status_code == 201, made.text
    assert made.json()["decision"] is None and made.json()["meetings"][0]["summary"] == ""
    read = client.get(made.headers["Location"], headers=staff)
    assert read.json() == made.json()
    decided = {**VISIT, "decision": "go_ahead", "decided_on": "2026-03-09"}
    changed = client.put(
        made.headers["Location"], json=decided, headers={**staff, "If-Match": read.headers["ETag"]}
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = client.put(
        made.headers["Location"], json=VISIT, headers={**staff, "If-Match": read.headers["ETag"]}
    )
    assert_problem(stale, 412)
    listed = client.get(f"/api/v1/missions/{mission.id}/visits", headers=staff).json()
    assert [v["decision"] for v in listed] == ["go_ahead"]
    events = client.get(f"/api/v1/missions/{mission.id}/timeline", headers=staff).json()
    assert [(e["kind"], e["on"]) for e in events if e["kind"] == "visit"] == [
        ("visit", "2026-03-05")
    ]


def test_a_visit_that_does_not_add_up_is_a_422_naming_its_field(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission = make_mission(db)
    url = f"/api/v1/missions/{mission.id}/visits"
    late = client.post(url, json={**VISIT, "ends_on": "2026-03-01"}, headers=staff)
    assert _said(assert_problem(late, 422)) == ["The visit cannot end before it starts."]
    undated = client.post(url, json={**VISIT, "decision": "go_ahead"}, headers=staff)
    assert _said(assert_problem(undated, 422)) == ["A decision comes with the day it was taken."]
    after = client.post(url, json={**VISIT, "ends_on": "2027-01-01"}, headers=staff)
    assert_problem(after, 422)
    assert client.get(url, headers=staff).json() == []


def test_a_visit_of_another_mission_is_not_found(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mine, other = make_mission(db), make_mission(db)
    visit = make_visit(db, other)
    assert_problem(client.get(f"/api/v1/missions/{mine.id}/visits/{visit.id}", headers=staff), 404)
    put = client.put(f"/api/v1/missions/{mine.id}/visits/{visit.id}", json=VISIT, headers=staff)
    assert_problem(put, 404)


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_only_staff_read_or_write_visits_not_even_the_missions_chief(
    client: TestClient, db: Database, hasher: PasswordHasher, role: Role
) -> None:
    mission = make_mission(db)
    visit = make_visit(db, mission)
    user = make_user(db, hasher, role=role)
    if role == Role.observer:
        observer = make_observer(db, email=user.email)
        make_member(db, mission, observer, role=MemberRole.chief)
    headers = bearer(client, user.email)
    base = f"/api/v1/missions/{mission.id}/visits"
    assert_problem(client.get(base, headers=headers), 403)
    assert_problem(client.get(f"{base}/{visit.id}", headers=headers), 403)
    assert_problem(client.post(base, json=VISIT, headers=headers), 403)
    assert_problem(client.put(f"{base}/{visit.id}", json=VISIT, headers=headers), 403)
    assert_problem(client.get(base), 401)
