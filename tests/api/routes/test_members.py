"""Members and their acknowledgements of the code of conduct through the API."""

from collections.abc import Callable
from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members.models import MemberRole, MemberStatus
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    bearer,
    make_member,
    make_mission,
    make_observer,
    make_user,
    set_status,
    signed_in_as,
)
from tests.support.problems import assert_problem

Headers = dict[str, str]


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> Headers:
    return signed_in_as(client, db, hasher, Role.staff)


@pytest.fixture
def as_observer(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> Callable[[str], Headers]:
    """Sign in as the observer whose roster entry has this email (made if needed)."""

    def headers(email: str) -> Headers:
        user = make_user(db, hasher, role=Role.observer, email=email)
        return bearer(client, user.email)

    return headers


def test_staff_add_a_member_and_see_their_code_of_conduct_status(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db)
    observer = make_observer(db, full_name="Inés Duarte", nationality="PY")
    response = client.post(
        f"/api/v1/missions/{mission.id}/members",
        json={"observer_id": observer.id, "role": "core_group"},
        headers=staff,
    )
    assert response.status_code == 201
    member = response.json()
    assert (member["full_name"], member["status"], member["conduct_complete"]) == (
        "Inés Duarte",
        "invited",
        False,
    )


def test_a_national_of_the_host_country_is_refused_with_the_reason(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db, host_country="BO")
    observer = make_observer(db, full_name="Ana Quispe", nationality="BO")
    response = client.post(
        f"/api/v1/missions/{mission.id}/members",
        json={"observer_id": observer.id, "role": "core_group"},
        headers=staff,
    )
    assert_problem(
        response, 409, "Ana Quispe is a national of Bolivia and cannot observe its elections."
    )


def test_a_second_chief_is_refused_with_the_name_of_the_first(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db, code="EOM-BOL-2026")
    make_member(db, mission, make_observer(db, full_name="First Chief"), role=MemberRole.chief)
    response = client.post(
        f"/api/v1/missions/{mission.id}/members",
        json={"observer_id": make_observer(db).id, "role": "chief"},
        headers=staff,
    )
    assert_problem(response, 409, "EOM-BOL-2026 already has a chief: First Chief.")


def test_a_specialist_without_a_theme_is_a_422(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db)
    response = client.post(
        f"/api/v1/missions/{mission.id}/members",
        json={"observer_id": make_observer(db).id, "role": "specialist"},
        headers=staff,
    )
    body = assert_problem(response, 422, "A specialist needs a theme.")
    assert body["errors"] == [{"loc": ["body", "theme"], "msg": "required for a specialist"}]


def _accredited(db: Database, mission: Mission, full_name: str = "Kofi Mensah") -> int:
    member = make_member(db, mission, make_observer(db, full_name=full_name))
    set_status(db, member, MemberStatus.confirmed, MemberStatus.accredited)
    return member.id or 0


def test_deploying_before_acknowledging_the_code_is_refused_by_name(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.agreements_signed)
    member_id = _accredited(db, mission)
    response = client.patch(
        f"/api/v1/missions/{mission.id}/members/{member_id}",
        json={"status": "deployed"},
        headers=staff,
    )
    body = assert_problem(response, 409)
    assert body["detail"].startswith("Kofi Mensah has not acknowledged: respect_sovereignty, ")
    assert body["detail"].endswith("pledge, no_conflict_of_interest.")


def test_a_skipped_status_is_a_409_naming_the_allowed_ones(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db)
    member = make_member(db, mission)
    response = client.patch(
        f"/api/v1/missions/{mission.id}/members/{member.id}",
        json={"status": "completed"},
        headers=staff,
    )
    assert_problem(
        response,
        409,
        "A member who is invited cannot become completed; allowed: confirmed, withdrawn.",
    )


def test_refusals_are_translated(client: TestClient, db: Database, staff: Headers) -> None:
    mission = make_mission(db, host_country="BO")
    observer = make_observer(db, full_name="Ana Quispe", nationality="BO")
    response = client.post(
        f"/api/v1/missions/{mission.id}/members?lang=es",
        json={"observer_id": observer.id, "role": "core_group"},
        headers=staff,
    )
    assert_problem(
        response, 409, "Ana Quispe es nacional de Bolivia y no puede observar sus elecciones."
    )


def test_an_observer_sees_only_their_own_membership(
    client: TestClient, db: Database, as_observer: Callable[[str], Headers]
) -> None:
    mission = make_mission(db)
    mine = make_member(db, mission, make_observer(db, email="me@observers.example"))
    other = make_member(db, mission)
    headers = as_observer("me@observers.example")
    listed = client.get(f"/api/v1/missions/{mission.id}/members", headers=headers).json()
    assert [m["id"] for m in listed] == [mine.id]
    assert (
        client.get(f"/api/v1/missions/{mission.id}/members/{mine.id}", headers=headers).status_code
        == 200
    )
    assert_problem(
        client.get(f"/api/v1/missions/{mission.id}/members/{other.id}", headers=headers), 404
    )


def test_an_observer_of_another_mission_finds_nothing(
    client: TestClient, db: Database, as_observer: Callable[[str], Headers]
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.accepted)
    make_member(db, make_mission(db), make_observer(db, email="else@observers.example"))
    member = make_member(db, mission)
    headers = as_observer("else@observers.example")
    assert_problem(client.get(f"/api/v1/missions/{mission.id}/members", headers=headers), 404)
    assert_problem(
        client.get(
            f"/api/v1/missions/{mission.id}/members/{member.id}/acknowledgements", headers=headers
        ),
        404,
    )


@pytest.mark.parametrize(("role", "status"), [(None, 401), (Role.donor, 403)])
def test_donors_and_visitors_see_no_members(
    client: TestClient, db: Database, hasher: PasswordHasher, role: Role | None, status: int
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.accepted)
    headers = signed_in_as(client, db, hasher, role) if role else {}
    assert_problem(client.get(f"/api/v1/missions/{mission.id}/members", headers=headers), status)


def test_an_observer_acknowledges_their_own_code_and_can_then_be_deployed(
    client: TestClient, db: Database, staff: Headers, as_observer: Callable[[str], Headers]
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.agreements_signed)
    member = make_member(db, mission, make_observer(db, email="me@observers.example"))
    set_status(db, member, MemberStatus.confirmed, MemberStatus.accredited)
    headers = as_observer("me@observers.example")
    url = f"/api/v1/missions/{mission.id}/members/{member.id}/acknowledgements"
    code = client.get(url, headers=headers).json()
    assert code["complete"] is False and len(code["items"]) == 12
    done = client.post(url, json={"item_ids": [i["id"] for i in code["items"]]}, headers=headers)
    assert done.status_code == 201 and done.json()["complete"] is True
    deployed = client.patch(
        f"/api/v1/missions/{mission.id}/members/{member.id}",
        json={"status": "deployed"},
        headers=staff,
    )
    assert deployed.status_code == 200 and deployed.json()["status"] == "deployed"


def test_staff_read_but_never_make_an_observers_acknowledgements(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db)
    member = make_member(db, mission)
    url = f"/api/v1/missions/{mission.id}/members/{member.id}/acknowledgements"
    assert client.get(url, headers=staff).status_code == 200
    assert_problem(
        client.post(url, json={"item_ids": [1]}, headers=staff),
        403,
        "Only the member themself acknowledges the code.",
    )


def test_staff_set_and_clear_a_members_own_days(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db, code="EOM-BOL-2026", election_date=date(2026, 8, 17))
    observer = make_observer(db)
    url = f"/api/v1/missions/{mission.id}/members"
    added = client.post(
        url,
        json={"observer_id": observer.id, "role": "long_term_observer", "arrives_on": "2026-07-30"},
        headers=staff,
    ).json()
    assert (added["arrives_on"], added["leaves_on"]) == ("2026-07-30", None)
    member_url = f"{url}/{added['id']}"
    changed = client.patch(member_url, json={"leaves_on": "2026-08-22"}, headers=staff).json()
    assert (changed["arrives_on"], changed["leaves_on"]) == ("2026-07-30", "2026-08-22")
    cleared = client.patch(member_url, json={"arrives_on": None}, headers=staff).json()
    assert (cleared["arrives_on"], cleared["leaves_on"]) == (None, "2026-08-22")
    body = assert_problem(
        client.patch(member_url, json={"leaves_on": "2026-09-01"}, headers=staff),
        422,
        "EOM-BOL-2026 is in the country from 2026-07-28 to 2026-08-27: a member's days fall "
        "within them.",
    )
    assert body["errors"] == [{"loc": ["body", "leaves_on"], "msg": "outside the mission's period"}]


def test_an_observer_cannot_change_their_own_days(
    client: TestClient, db: Database, as_observer: Callable[[str], Headers]
) -> None:
    mission = make_mission(db)
    mine = make_member(db, mission, make_observer(db, email="me@observers.example"))
    assert_problem(
        client.patch(
            f"/api/v1/missions/{mission.id}/members/{mine.id}",
            json={"leaves_on": str(mission.election_date)},
            headers=as_observer("me@observers.example"),
        ),
        403,
    )
