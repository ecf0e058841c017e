"""Who can read and write what in mission planning: one row per endpoint, one column per
caller. What a caller may not see answers 404, as if it did not exist."""

from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
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

CALLERS = ("anonymous", "member", "other_observer", "donor", "staff")


@dataclass
class World:
    public_id: int
    hidden_id: int
    member_id: int
    headers: dict[str, dict[str, str]]


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> World:
    """A public mission, a hidden one, and an observer who is a member of the hidden one."""
    public = advance(db, make_mission(db, code="EOM-PUB-2026"), MissionStatus.accepted)
    hidden = make_mission(db, code="EOM-HID-2026", host_country="PE")
    member = make_member(db, hidden, make_observer(db, email="member@observers.example"))
    make_observer(db, email="other@observers.example")
    for email in ("member@observers.example", "other@observers.example"):
        make_user(db, hasher, role=Role.observer, email=email)
    headers = {
        "anonymous": {},
        "member": bearer(client, "member@observers.example"),
        "other_observer": bearer(client, "other@observers.example"),
        "donor": signed_in_as(client, db, hasher, Role.donor),
        "staff": signed_in_as(client, db, hasher, Role.staff),
    }
    return World(public.id or 0, hidden.id or 0, member.id or 0, headers)


# (method, path, body) -> expected status for anonymous, member, other observer, donor, staff
MATRIX: list[tuple[str, str, object, tuple[int, ...]]] = [
    ("GET", "/missions/{public}", None, (200, 200, 200, 200, 200)),
    ("GET", "/missions/{hidden}", None, (404, 200, 404, 404, 200)),
    ("PATCH", "/missions/{public}", {"election_type": "general"}, (401, 403, 403, 403, 200)),
    ("GET", "/missions/{public}/timeline", None, (401, 403, 403, 403, 200)),
    ("GET", "/missions/{hidden}/composition", None, (401, 403, 403, 403, 200)),
    ("GET", "/missions/{hidden}/members", None, (401, 200, 404, 404, 200)),
    ("GET", "/missions/{public}/members", None, (401, 404, 404, 403, 200)),
    ("GET", "/missions/{hidden}/members/{member}", None, (401, 200, 404, 404, 200)),
    (
        "GET",
        "/missions/{hidden}/members/{member}/acknowledgements",
        None,
        (401, 200, 404, 404, 200),
    ),
    (
        "POST",
        "/missions/{hidden}/members/{member}/acknowledgements",
        "first item",
        (401, 201, 404, 404, 403),
    ),
    ("GET", "/observers", None, (401, 403, 403, 403, 200)),
    ("GET", "/code-of-conduct", None, (200, 200, 200, 200, 200)),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, _, _ in MATRIX]
)
def test_who_may_do_what(
    client: TestClient,
    world: World,
    method: str,
    path: str,
    body: object,
    expected: tuple[int, ...],
) -> None:
    url = "/api/v1" + path.format(
        public=world.public_id, hidden=world.hidden_id, member=world.member_id
    )
    if body == "first item":
        first = client.get("/api/v1/code-of-conduct").json()["items"][0]["id"]
        body = {"item_ids": [first]}
    found = tuple(
        client.request(method, url, json=body, headers=world.headers[caller]).status_code
        for caller in CALLERS
    )
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


def test_each_caller_lists_only_the_missions_they_may_see(client: TestClient, world: World) -> None:
    totals = {
        caller: client.get("/api/v1/missions", headers=world.headers[caller]).json()["total"]
        for caller in CALLERS
    }
    assert totals == {"anonymous": 1, "member": 2, "other_observer": 1, "donor": 1, "staff": 2}
