"""Missions through the API: who sees and changes what, and how refusals read."""

from collections.abc import Callable
from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    bearer,
    make_member,
    make_mission,
    make_observer,
    make_user,
    signed_in_as,
)
from tests.support.problems import assert_problem

Headers = dict[str, str]
NEW_MISSION = {
    "code": "EOM-HND-2025",
    "kind": "electoral_observation",
    "host_country": "HN",
    "election_type": "general",
    "election_date": "2025-11-30",
    "planned_budget_usd": "1450000.00",
}
PUBLIC_FIELDS = {
    "id",
    "code",
    "kind",
    "host_country",
    "requested_on",
    "election_type",
    "election_date",
    "runoff_date",
    "deployment_starts_on",
    "deployment_ends_on",
    "status",
    "chief",
    "updated_at",
    "view",  # "public": which of the two views this is
}


@pytest.fixture
def as_role(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> Callable[[Role | None], Headers]:
    def headers(role: Role | None) -> Headers:
        return signed_in_as(client, db, hasher, role) if role else {}

    return headers


@pytest.fixture
def staff(as_role: Callable[[Role | None], Headers]) -> Headers:
    return as_role(Role.staff)


def test_staff_plan_a_mission_and_read_it_with_its_etag(client: TestClient, staff: Headers) -> None:
    created = client.post("/api/v1/missions", json=NEW_MISSION, headers=staff)
    assert created.status_code == 201 and created.headers["etag"] == '"1"'
    body = created.json()
    assert body["status"] == "requested" and body["planned_budget_usd"] == "1450000.00"
    assert client.get(f"/api/v1/missions/{body['id']}", headers=staff).json() == body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"host_country": "ES"}, "host_country"),
        ({"runoff_date": "2025-11-01"}, "body"),
        ({"planned_budget_usd": "-1"}, "planned_budget_usd"),
    ],
)
def test_invalid_plans_are_422_problems(
    client: TestClient, staff: Headers, change: dict[str, str], field: str
) -> None:
    body = assert_problem(
        client.post("/api/v1/missions", json={**NEW_MISSION, **change}, headers=staff), 422
    )
    assert field in body["errors"][0]["loc"]


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_only_staff_plan_missions(
    client: TestClient, as_role: Callable[[Role | None], Headers], role: Role
) -> None:
    assert_problem(client.post("/api/v1/missions", json=NEW_MISSION, headers=as_role(role)), 403)
    assert_problem(client.post("/api/v1/missions", json=NEW_MISSION), 401)


def test_an_illegal_transition_is_a_409_naming_the_allowed_ones(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db, code="EOM-BOL-2026")
    response = client.post(
        f"/api/v1/missions/{mission.id}/transitions",
        json={"to": "deployed", "on": "2026-02-01"},
        headers=staff,
    )
    assert_problem(
        response,
        409,
        "EOM-BOL-2026 cannot go from requested to deployed; allowed: accepted, cancelled.",
    )


def test_signing_without_the_agreements_recorded_is_a_409(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.preliminary_visit)
    response = client.post(
        f"/api/v1/missions/{mission.id}/transitions",
        json={"to": "agreements_signed", "on": "2026-02-01"},
        headers=staff,
    )
    assert_problem(
        response,
        409,
        "EOM-BOL-2026 cannot move to agreements_signed before both agreements are recorded; "
        "missing: privileges_immunities, observation_procedures.",
    )


def test_staff_record_agreements_and_see_the_timeline(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.preliminary_visit)
    for kind, counterpart in (
        ("privileges_immunities", "Cancillería"),
        ("observation_procedures", "Tribunal Supremo Electoral"),
    ):
        response = client.post(
            f"/api/v1/missions/{mission.id}/agreements",
            json={"kind": kind, "counterpart": counterpart, "signed_on": "2026-01-20"},
            headers=staff,
        )
        assert response.status_code == 201
    step = client.post(
        f"/api/v1/missions/{mission.id}/transitions",
        json={"to": "agreements_signed", "on": "2026-02-01"},
        headers=staff,
    )
    assert step.status_code == 201 and step.json()["to_status"] == "agreements_signed"
    events = client.get(f"/api/v1/missions/{mission.id}/timeline", headers=staff).json()
    assert events[0]["status"] == "requested" and events[-1]["status"] == "agreements_signed"
    assert len(events) == 6


def test_a_stale_etag_is_a_412(client: TestClient, db: Database, staff: Headers) -> None:
    mission = make_mission(db)
    response = client.patch(
        f"/api/v1/missions/{mission.id}",
        json={"election_type": "legislative"},
        headers={**staff, "If-Match": '"7"'},
    )
    assert_problem(response, 412)


def test_anonymous_visitors_see_public_fields_of_accepted_missions_only(
    client: TestClient, db: Database
) -> None:
    hidden = make_mission(db, code="EOM-HID-2026")
    shown = advance(db, make_mission(db, code="EOM-PUB-2026"), MissionStatus.accepted)
    make_member(db, shown, make_observer(db, full_name="Chief Person"), role=MemberRole.chief)
    listed = client.get("/api/v1/missions").json()
    assert [m["code"] for m in listed["items"]] == ["EOM-PUB-2026"] and listed["total"] == 1
    one = client.get(f"/api/v1/missions/{shown.id}").json()
    assert set(one) == PUBLIC_FIELDS and one["chief"] == "Chief Person"
    assert_problem(client.get(f"/api/v1/missions/{hidden.id}"), 404)


@pytest.mark.parametrize("role", [Role.donor, Role.observer])
def test_donors_and_other_observers_see_only_public_missions(
    client: TestClient, db: Database, as_role: Callable[[Role | None], Headers], role: Role
) -> None:
    hidden = make_mission(db)
    headers = as_role(role)
    assert_problem(client.get(f"/api/v1/missions/{hidden.id}", headers=headers), 404)
    assert client.get("/api/v1/missions", headers=headers).json()["total"] == 0


def test_an_observer_sees_the_mission_they_belong_to(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db, code="EOM-OWN-2026")
    user = make_user(db, hasher, role=Role.observer, email="me@observers.example")
    make_member(db, mission, make_observer(db, email="me@observers.example"))
    headers = bearer(client, user.email)
    assert (
        client.get(f"/api/v1/missions/{mission.id}", headers=headers).json()["code"]
        == "EOM-OWN-2026"
    )
    assert (
        "planned_budget_usd"
        not in client.get(f"/api/v1/missions/{mission.id}", headers=headers).json()
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "timeline"),
        ("GET", "agreements"),
        ("GET", "composition"),
        ("POST", "transitions"),
        ("POST", "agreements"),
        ("POST", "conduct-items"),
    ],
)
@pytest.mark.parametrize(("role", "status"), [(None, 401), (Role.observer, 403), (Role.donor, 403)])
def test_planning_records_are_for_staff_only(
    client: TestClient,
    db: Database,
    as_role: Callable[[Role | None], Headers],
    method: str,
    path: str,
    role: Role | None,
    status: int,
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.accepted)
    body = {"to": "preliminary_visit", "on": "2026-02-01"} if path == "transitions" else {}
    response = client.request(
        method,
        f"/api/v1/missions/{mission.id}/{path}",
        json=body if method == "POST" else None,
        headers=as_role(role),
    )
    assert_problem(response, status)


def test_missions_are_filtered_by_status_country_and_year(
    client: TestClient, db: Database, staff: Headers
) -> None:
    make_mission(db, code="EOM-BOL-2025", election_date=date(2025, 8, 17))
    make_mission(db, code="EOM-PER-2026", host_country="PE", election_date=date(2026, 4, 12))

    def codes(query: str) -> list[str]:
        return [
            m["code"]
            for m in client.get(f"/api/v1/missions?{query}", headers=staff).json()["items"]
        ]

    assert codes("country=PE") == ["EOM-PER-2026"]
    assert codes("year=2025") == ["EOM-BOL-2025"]
    assert codes("status=requested") == ["EOM-PER-2026", "EOM-BOL-2025"]
    assert_problem(client.get("/api/v1/missions?status=finished", headers=staff), 422)


def test_staff_let_members_file_for_any_station_of_their_area(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.accepted)
    url = f"/api/v1/missions/{mission.id}"
    assert client.get(url, headers=staff).json()["file_any_station_in_area"] is False
    changed = client.patch(url, json={"file_any_station_in_area": True}, headers=staff)
    assert changed.status_code == 200 and changed.json()["file_any_station_in_area"] is True
    public = client.get(url)
    assert public.status_code == 200 and "file_any_station_in_area" not in public.json()
