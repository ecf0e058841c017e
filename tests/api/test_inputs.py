"""Inputs read one way, whatever the route: a number, a timestamp or a text a database or
a library cannot take is refused as a problem (422) before it reaches them, never a 500."""

import json
import uuid
from datetime import date
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.inputs import MAX_ID
from tests.factories import (
    make_donor,
    make_member,
    make_mission,
    make_rate,
    make_station,
    signed_in_as,
)
from tests.support.election_day import GOOD, Field, in_the_field
from tests.support.problems import assert_problem


def _integers(
    schema: dict[str, Any], components: dict[str, Any], seen: frozenset[str]
) -> list[dict[str, Any]]:
    """Every integer schema within ``schema``, following references once."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else _integers(components[name], components, seen | {name})
    found = [schema] if schema.get("type") == "integer" else []
    parts = [*schema.get("anyOf", []), *schema.get("oneOf", []), *schema.get("allOf", [])]
    parts += [
        *schema.get("properties", {}).values(),
        *([schema["items"]] if "items" in schema else []),
    ]
    for part in parts:
        found += _integers(part, components, seen)
    return found


def test_every_integer_a_request_may_carry_is_bounded(app: FastAPI) -> None:
    openapi = app.openapi()
    components = openapi["components"]["schemas"]
    unbounded = []
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            schemas = [p["schema"] for p in operation.get("parameters", [])]
            schemas += [
                c["schema"] for c in operation.get("requestBody", {}).get("content", {}).values()
            ]
            for schema in schemas:
                for integer in _integers(schema, components, frozenset()):
                    if integer.get("maximum", MAX_ID + 1) > MAX_ID:
                        unbounded.append(f"{method.upper()} {path}")
    assert unbounded == []


def test_a_station_id_beyond_any_database_integer_is_refused(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    member, station = make_member(db, mission), make_station(db, mission)
    staff = signed_in_as(client, db, hasher, Role.staff)
    url = f"/api/v1/missions/{mission.id}/members/{member.id}/stations"
    for too_large in (2**63, MAX_ID + 1):
        answer = client.post(url, headers=staff, json={"station_ids": [station.id, too_large]})
        assert_problem(answer, 422)
    acknowledged = f"/api/v1/missions/{mission.id}/members/{member.id}/acknowledgements"
    assert_problem(client.post(acknowledged, headers=staff, json={"item_ids": [2**63]}), 422)


@pytest.fixture
def field(client: TestClient, db: Database, hasher: PasswordHasher) -> Field:
    return in_the_field(client, db, hasher)


# JSON written by hand: a lone surrogate cannot be encoded by a client library, only escaped.
def _json(value: object) -> str:
    return json.dumps(value).replace("LONE", "\\ud800")


@pytest.mark.parametrize(
    "overrides",
    [
        {"answers": {**GOOD, "assessment": "LONE"}},
        {"answers": {**GOOD, "LONE": "x"}},
        {"uuid": "LONE"},
        {"area": "NorteLONE", "station_id": None},
    ],
)
def test_a_lone_surrogate_in_a_submission_is_refused(
    client: TestClient, field: Field, overrides: dict[str, object]
) -> None:
    body = _json(field.submission(**overrides))
    headers = {**field.observer, "Content-Type": "application/json"}
    assert_problem(client.post(f"{field.url}/submissions", content=body, headers=headers), 422)


@pytest.mark.parametrize(
    "overrides",
    [
        {"answers": {**GOOD, "assessment": "LONE"}},
        {"answers": {**GOOD, "LONE": "x"}},
        {"uuid": "LONE"},
        {"observed_at": "0001-01-01T00:00:00+14:00"},
        {"observed_at": "9999-12-31T23:59:59-14:00"},
    ],
)
def test_an_item_no_database_can_store_sinks_only_itself(
    client: TestClient, field: Field, overrides: dict[str, object]
) -> None:
    good, bad = field.submission(), field.submission(**overrides)
    body = _json({"items": [good, bad]})
    headers = {**field.observer, "Content-Type": "application/json"}
    answer = client.post(f"{field.url}/submissions/batch", content=body, headers=headers)
    assert answer.status_code == 200, answer.text
    created, refused = answer.json()["results"]
    assert (created["uuid"], created["result"]) == (good["uuid"], "created")
    assert refused["result"] == "invalid" and refused["errors"]
    assert (
        client.get(f"/api/v1/submissions/{good['uuid']}", headers=field.observer).status_code == 200
    )


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_moment_beyond_the_calendar_once_in_utc_is_refused(
    client: TestClient, field: Field, moment: str
) -> None:
    sent = client.post(
        f"{field.url}/submissions",
        json=field.submission(observed_at=moment),
        headers=field.observer,
    )
    assert_problem(sent, 422)
    incident = {
        "uuid": str(uuid.uuid4()),
        "occurred_at": moment,
        "station_id": field.station_id,
        "category": "vote_buying",
        "severity": "low",
        "description": "Someone shouted at the queue.",
    }
    assert_problem(
        client.post(f"{field.url}/incidents", json=incident, headers=field.observer), 422
    )


def test_an_explicit_null_is_refused_where_a_record_keeps_a_value(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    # A member's role null was let through to the database and answered a misleading 409.
    mission = make_mission(db)
    member = make_member(db, mission)
    staff = signed_in_as(client, db, hasher, Role.staff)
    url = f"/api/v1/missions/{mission.id}/members/{member.id}"
    for field in ("role", "status"):
        assert_problem(client.patch(url, json={field: None}, headers=staff), 422)
    assert client.patch(url, json={"area": None}, headers=staff).status_code == 200
    mission_url = f"/api/v1/missions/{mission.id}"
    assert_problem(client.patch(mission_url, json={"election_date": None}, headers=staff), 422)
    assert client.patch(mission_url, json={"runoff_date": None}, headers=staff).status_code == 200


def _movement(mission_id: int, donor_id: int, amount: object, currency: str) -> dict[str, object]:
    return {
        "mission_id": mission_id,
        "kind": "pledge",
        "on": "2026-03-02",
        "amount": amount,
        "currency": currency,
        "donor_id": donor_id,
    }


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        ("1e3", "EUR"),
        (" 1.00", "EUR"),
        ("1.00 ", "EUR"),
        ("١٠٠٠", "EUR"),
        (1000, "EUR"),
        ("1000.5", "JPY"),
        ("10.01", "JPY"),
    ],
)
def test_money_is_read_only_as_its_schema_writes_it_in_its_currencys_units(
    client: TestClient, db: Database, hasher: PasswordHasher, amount: object, currency: str
) -> None:
    mission, donor = make_mission(db), make_donor(db)
    make_rate(db, currency, date(2026, 3, 2), "0.5")
    staff = signed_in_as(client, db, hasher, Role.staff)
    sent = _movement(mission.id or 0, donor.id or 0, amount, currency)
    assert_problem(client.post("/api/v1/funding/transactions", json=sent, headers=staff), 422)
    whole = _movement(mission.id or 0, donor.id or 0, "1000.00", currency)
    made = client.post("/api/v1/funding/transactions", json=whole, headers=staff)
    assert made.status_code == 201, made.text


def test_an_exchange_rate_has_at_most_the_decimals_its_schema_says(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    staff = signed_in_as(client, db, hasher, Role.staff)
    url = "/api/v1/funding/exchange-rates"
    for rate in ("1.0825000000", "1.08250000e0", "١٫٥"):
        sent = {"currency": "EUR", "on": "2026-03-02", "usd_per_unit": rate}
        assert_problem(client.post(url, json=sent, headers=staff), 422)
    sent = {"currency": "EUR", "on": "2026-03-02", "usd_per_unit": "1.08250000"}
    assert client.post(url, json=sent, headers=staff).status_code == 201


def test_a_date_is_an_iso_date_within_sane_years(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    # to=0 was read as 1970-01-01; an election in 9999 broke the public IATI file.
    donor = make_donor(db)
    staff = signed_in_as(client, db, hasher, Role.staff)
    statement = f"/api/v1/donors/{donor.id}/statement.pdf"
    for to in ("0", "20260101", "2026-1-1"):
        assert_problem(client.get(statement, params={"to": to}, headers=staff), 422)
    admin = signed_in_as(client, db, hasher, Role.admin)
    assert_problem(client.get("/api/v1/audit", params={"from": "0"}, headers=admin), 422)
    mission = make_mission(db)
    url = f"/api/v1/missions/{mission.id}"
    for day in ("9999-01-01", "1899-12-31", 0):
        assert_problem(client.patch(url, json={"runoff_date": day}, headers=staff), 422)
    assert client.get("/api/v1/iati/activities.xml").status_code == 200
