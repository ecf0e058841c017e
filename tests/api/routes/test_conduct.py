"""The code of conduct through the API: anyone reads the version in force, only staff
publish a new one, and a new version must be acknowledged again."""

from collections.abc import Callable

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import (
    acknowledge_all,
    bearer,
    make_member,
    make_mission,
    make_user,
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


def test_anyone_reads_the_code_in_force_and_only_staff_publish(
    client: TestClient, db: Database, staff: Headers, as_observer: Callable[[str], Headers]
) -> None:
    code = client.get("/api/v1/code-of-conduct").json()
    assert code["number"] == 1 and code["items"][0]["key"] == "respect_sovereignty"
    new = {
        "items": [
            {
                "key": "impartiality",
                "kind": "obligation",
                "text_en": "Be impartial.",
                "text_es": "Ser imparcial.",
            },
            {
                "key": "pledge",
                "kind": "pledge",
                "text_en": "I pledge.",
                "text_es": "Me comprometo.",
            },
        ]
    }
    assert_problem(
        client.post(
            "/api/v1/code-of-conduct", json=new, headers=as_observer("x@observers.example")
        ),
        403,
    )
    published = client.post("/api/v1/code-of-conduct", json=new, headers=staff)
    assert published.status_code == 201 and published.json()["number"] == 2
    assert client.get("/api/v1/code-of-conduct").json()["number"] == 2


def test_a_new_version_makes_a_signed_member_unsigned_again(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db)
    member = make_member(db, mission)
    acknowledge_all(db, member)
    url = f"/api/v1/missions/{mission.id}/members/{member.id}"
    assert client.get(url, headers=staff).json()["conduct_complete"] is True
    client.post(
        "/api/v1/code-of-conduct",
        headers=staff,
        json={
            "items": [
                {
                    "key": "pledge",
                    "kind": "pledge",
                    "text_en": "I pledge anew.",
                    "text_es": "Me comprometo de nuevo.",
                },
                {
                    "key": "respect",
                    "kind": "obligation",
                    "text_en": "Respect.",
                    "text_es": "Respeto.",
                },
            ]
        },
    )
    assert client.get(url, headers=staff).json()["conduct_complete"] is False
    unsigned = client.get(f"/api/v1/missions/{mission.id}/composition", headers=staff).json()[
        "unsigned"
    ]
    assert [m["id"] for m in unsigned] == [member.id]
