"""Who can read and write what in donor funding: one row per endpoint, one column per
caller. What a caller may not see answers 404, as if it did not exist."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.funding import donors
from eom.funding.models import MovementKind
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    bearer,
    make_donor,
    make_mission,
    make_user,
    record_money,
    set_budget,
    signed_in_as,
)

CALLERS = ("anonymous", "observer", "donor_own", "donor_other", "staff", "admin")


@dataclass
class World:
    ids: dict[str, int]
    headers: dict[str, dict[str, str]]


def donor_account(db: Database, hasher: PasswordHasher, donor_id: int, email: str) -> None:
    user = make_user(db, hasher, role=Role.donor, email=email)
    with db.session_scope() as session:
        donor = donors.get_donor(session, donor_id)
        donors.link_account(session, donor, user, actor=SYSTEM)


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> World:
    """A public and a hidden mission; donor A (whose account is "donor_own") pledged to
    the public one, donor B has an account of its own ("donor_other")."""
    public = advance(db, make_mission(db, code="EOM-PUB-2026"), MissionStatus.accepted)
    hidden = make_mission(db, code="EOM-HID-2026", host_country="PE")
    set_budget(db, public, {"personnel": "1000.00"})
    a = make_donor(db, name="Donor A", amounts_public=False)
    b = make_donor(db, name="Donor B", country="FR")
    pledge = record_money(db, public, MovementKind.pledge, "500.00", "USD", donor_id=a.id)
    donor_account(db, hasher, a.id or 0, "a@donors.example")
    donor_account(db, hasher, b.id or 0, "b@donors.example")
    headers = {
        "anonymous": {},
        "observer": signed_in_as(client, db, hasher, Role.observer),
        "donor_own": bearer(client, "a@donors.example"),
        "donor_other": bearer(client, "b@donors.example"),
        "staff": signed_in_as(client, db, hasher, Role.staff),
        "admin": signed_in_as(client, db, hasher, Role.admin),
    }
    ids = {"public": public.id or 0, "hidden": hidden.id or 0, "a": a.id or 0, "tx": pledge.id or 0}
    return World(ids, headers)


Body = Callable[[str, dict[str, int]], object] | None


def _donor(caller: str, _: dict[str, int]) -> object:
    return {"name": f"New donor of {caller}", "kind": "foundation"}


def _pledge(_: str, ids: dict[str, int]) -> object:
    return {
        "mission_id": ids["public"],
        "kind": "pledge",
        "on": "2026-03-02",
        "amount": "10.00",
        "currency": "USD",
        "donor_id": ids["a"],
    }


def _rate(caller: str, _: dict[str, int]) -> object:
    return {
        "currency": "EUR",
        "on": f"2026-03-{CALLERS.index(caller) + 1:02d}",
        "usd_per_unit": "1.08",
    }


def _budget(_: str, __: dict[str, int]) -> object:
    return {"lines": [{"category": "travel", "amount_usd": "250.00"}]}


def _reversal(_: str, __: dict[str, int]) -> object:
    return {"on": date(2026, 3, 3).isoformat()}


# (method, path, body) -> expected status for each caller, in the order of CALLERS.
MATRIX: list[tuple[str, str, Body, tuple[int, ...]]] = [
    ("GET", "/donors", None, (401, 403, 200, 200, 200, 200)),
    ("POST", "/donors", _donor, (401, 403, 403, 403, 201, 201)),
    ("GET", "/donors/{a}", None, (401, 403, 200, 404, 200, 200)),
    ("PUT", "/donors/{a}", _donor, (401, 403, 403, 403, 200, 200)),
    ("GET", "/donors/{a}/accounts", None, (401, 403, 403, 403, 200, 200)),
    ("GET", "/donors/{a}/statement.pdf", None, (401, 403, 200, 404, 200, 200)),
    ("GET", "/missions/{public}/budget", None, (401, 403, 403, 403, 200, 200)),
    ("PUT", "/missions/{public}/budget", _budget, (401, 403, 403, 403, 200, 200)),
    ("GET", "/missions/{public}/funding", None, (200, 200, 200, 200, 200, 200)),
    ("GET", "/missions/{hidden}/funding", None, (404, 404, 404, 404, 200, 200)),
    ("GET", "/funding/transactions", None, (401, 403, 200, 200, 200, 200)),
    ("GET", "/funding/transactions/{tx}", None, (401, 403, 200, 404, 200, 200)),
    ("POST", "/funding/transactions", _pledge, (401, 403, 403, 403, 201, 201)),
    # The administrator comes second: the entry is already reversed by then.
    ("POST", "/funding/transactions/{tx}/reversal", _reversal, (401, 403, 403, 403, 201, 409)),
    ("GET", "/funding/exchange-rates", None, (401, 403, 403, 403, 200, 200)),
    ("POST", "/funding/exchange-rates", _rate, (401, 403, 403, 403, 201, 201)),
    ("GET", "/funding/portfolio", None, (401, 403, 403, 403, 200, 200)),
    ("GET", "/iati/activities.xml", None, (200, 200, 200, 200, 200, 200)),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, _, _ in MATRIX]
)
def test_who_may_do_what(
    client: TestClient, world: World, method: str, path: str, body: Body, expected: tuple[int, ...]
) -> None:
    url = "/api/v1" + path.format(**world.ids)
    found = tuple(
        client.request(
            method,
            url,
            json=body(caller, world.ids) if body else None,
            headers=world.headers[caller],
        ).status_code
        for caller in CALLERS
    )
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


def test_a_donor_lists_only_its_own_donor_and_money(client: TestClient, world: World) -> None:
    own = world.headers["donor_own"]
    assert [d["name"] for d in client.get("/api/v1/donors", headers=own).json()["items"]] == [
        "Donor A"
    ]
    other = world.headers["donor_other"]
    assert client.get("/api/v1/funding/transactions", headers=other).json()["total"] == 0
    mine = client.get("/api/v1/funding/transactions", headers=own).json()
    assert [(t["donor"], t["amount"], t["currency"]) for t in mine["items"]] == [
        ("Donor A", "500.00", "USD")
    ]


def test_other_donors_amounts_show_only_where_public(client: TestClient, world: World) -> None:
    url = f"/api/v1/missions/{world.ids['public']}/funding"
    shares = {
        caller: [
            d["donor"] for d in client.get(url, headers=world.headers[caller]).json()["by_donor"]
        ]
        for caller in CALLERS
    }
    # Donor A keeps its amounts private: only its own account and staff see its share.
    assert shares == {
        "anonymous": [],
        "observer": [],
        "donor_own": ["Donor A"],
        "donor_other": [],
        "staff": ["Donor A"],
        "admin": ["Donor A"],
    }
    public_totals = client.get(url).json()
    assert (public_totals["pledged"], public_totals["currency"], public_totals["by_line"]) == (
        "500.00",
        "USD",
        [],
    )
    assert client.get(url, headers=world.headers["donor_own"]).json()["by_line"][0]["budget"] == (
        "1000.00"
    )
