"""Inputs read one way, whatever the route: a number, a timestamp or a text a database or
a library cannot take is refused as a problem (422) before it reaches them, never a 500."""

from typing import Any

from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.inputs import MAX_ID
from tests.factories import make_member, make_mission, make_station, signed_in_as
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
