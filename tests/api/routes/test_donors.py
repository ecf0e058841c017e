"""Donors through the API: the Regular Fund once beside them, a state donor with its
country, one donor per donor account."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import make_donor, make_user, signed_in_as


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.staff)


def test_a_donor_account_is_linked_to_one_donor(
    client: TestClient, db: Database, hasher: PasswordHasher, staff: dict[str, str]
) -> None:
    first, second = make_donor(db, name="Norway", country="NO"), make_donor(db, name="Japan")
    user = make_user(db, hasher, role=Role.donor, email="grants@norway.example")
    observer = make_user(db, hasher, role=Role.observer)
    link = client.post(
        f"/api/v1/donors/{first.id}/accounts", json={"user_id": user.id}, headers=staff
    )
    assert link.status_code == 201
    assert link.json() == [{"user_id": user.id, "donor_id": first.id, "email": user.email}]
    again = client.post(
        f"/api/v1/donors/{second.id}/accounts", json={"user_id": user.id}, headers=staff
    )
    assert again.status_code == 409
    wrong = client.post(
        f"/api/v1/donors/{first.id}/accounts", json={"user_id": observer.id}, headers=staff
    )
    assert wrong.status_code == 422
    nobody = client.post(
        f"/api/v1/donors/{first.id}/accounts", json={"user_id": 999_999}, headers=staff
    )
    assert nobody.status_code == 422 and nobody.json()["errors"][0]["loc"] == ["body", "user_id"]


def test_the_regular_fund_is_one_source_beside_the_donors(
    client: TestClient, staff: dict[str, str]
) -> None:
    fund = {"name": "OAS Regular Fund", "kind": "regular_fund"}
    assert client.post("/api/v1/donors", json=fund, headers=staff).status_code == 201
    second = {"name": "Regular Fund again", "kind": "regular_fund"}
    assert client.post("/api/v1/donors", json=second, headers=staff).status_code == 409


def test_a_state_donor_names_its_country(client: TestClient, staff: dict[str, str]) -> None:
    state = {"name": "Somewhere", "kind": "member_state"}
    assert client.post("/api/v1/donors", json=state, headers=staff).status_code == 422


def test_staff_correct_a_donor_whose_name_stays_unique(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    norway = make_donor(db, name="Norway", kind="member_state", country="NO")
    make_donor(db, name="Japan")
    body = {"name": "Norway (MFA)", "kind": "member_state", "country": "NO"}
    done = client.put(f"/api/v1/donors/{norway.id}", json=body, headers=staff)
    assert done.status_code == 200 and done.json()["name"] == "Norway (MFA)"
    taken = client.put(f"/api/v1/donors/{norway.id}", json={**body, "name": "Japan"}, headers=staff)
    assert taken.status_code == 409
    assert taken.json()["detail"] == "A donor named Japan already exists."
