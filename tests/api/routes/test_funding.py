"""Funding through the API: money as decimal strings, refusals as problem documents,
corrections as reversing entries, budget revisions with ETags."""

from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import bearer, make_donor, make_mission, make_user, signed_in_as

ON = "2026-03-02"


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.staff)


def pledge(mission_id: int, donor_id: int, **extra: object) -> dict[str, object]:
    return {
        "mission_id": mission_id,
        "kind": "pledge",
        "on": ON,
        "amount": "1000.00",
        "currency": "EUR",
        "donor_id": donor_id,
        **extra,
    }


def test_a_movement_is_converted_and_sent_back_as_decimal_strings(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission, donor = make_mission(db), make_donor(db, name="Spain")
    rate = {"currency": "EUR", "on": ON, "usd_per_unit": "1.0825"}
    assert (
        client.post("/api/v1/funding/exchange-rates", json=rate, headers=staff).status_code == 201
    )
    response = client.post(
        "/api/v1/funding/transactions",
        json=pledge(mission.id or 0, donor.id or 0, amount="33333.33"),
        headers=staff,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["amount"], body["currency"], body["usd_rate"], body["amount_usd"]) == (
        "33333.33",
        "EUR",
        "1.0825000000",
        "36083.33",
    )
    assert (body["iati_transaction_type"], body["donor"]) == ("13", "Spain")


def test_who_recorded_money_is_shown_by_name_and_role_never_by_email(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    # Donors read the movements and anyone a public mission's budget: no staff email.
    mission, donor = make_mission(db), make_donor(db, name="Spain")
    recorder = make_user(db, hasher, role=Role.staff, full_name="Rosa Treasurer")
    staff = bearer(client, recorder.email)
    rate = {"currency": "EUR", "on": ON, "usd_per_unit": "1.0825"}
    client.post("/api/v1/funding/exchange-rates", json=rate, headers=staff)
    made = client.post(
        "/api/v1/funding/transactions", json=pledge(mission.id or 0, donor.id or 0), headers=staff
    )
    assert made.json()["recorded_by"] == {"name": "Rosa Treasurer", "role": "staff"}
    listed = client.get("/api/v1/funding/transactions", headers=staff)
    assert [m["recorded_by"]["name"] for m in listed.json()["items"]] == ["Rosa Treasurer"]
    budget = {"lines": [{"category": "personnel", "amount_usd": "1000.00"}]}
    url = f"/api/v1/missions/{mission.id}/budget"
    revised = client.put(url, json=budget, headers={**staff, "If-Match": '"0"'}).json()
    assert revised["current"]["recorded_by"] == {"name": "Rosa Treasurer", "role": "staff"}
    assert recorder.email not in made.text + listed.text + str(revised)


def test_an_amount_without_a_rate_is_a_clear_problem(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission, donor = make_mission(db), make_donor(db)
    response = client.post(
        "/api/v1/funding/transactions?lang=es",
        json=pledge(mission.id or 0, donor.id or 0),
        headers=staff,
    )
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert "EUR" in response.json()["detail"] and "2026-03-02" in response.json()["detail"]
    assert response.json()["detail"].startswith("No hay tipo de cambio")


@pytest.mark.parametrize("method", ["PATCH", "PUT", "DELETE"])
def test_a_movement_is_never_edited_or_deleted(
    client: TestClient, db: Database, staff: dict[str, str], method: str
) -> None:
    mission, donor = make_mission(db), make_donor(db)
    created = client.post(
        "/api/v1/funding/transactions",
        json=pledge(mission.id or 0, donor.id or 0, currency="USD"),
        headers=staff,
    ).json()
    url = f"/api/v1/funding/transactions/{created['id']}"
    response = client.request(method, url, json={"amount": "1.00"}, headers=staff)
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get(url, headers=staff).json()["amount"] == "1000.00"


def test_a_correction_is_a_reversing_entry(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission, donor = make_mission(db), make_donor(db)
    created = client.post(
        "/api/v1/funding/transactions",
        json=pledge(mission.id or 0, donor.id or 0, currency="USD"),
        headers=staff,
    ).json()
    reversal = client.post(
        f"/api/v1/funding/transactions/{created['id']}/reversal", json={"on": ON}, headers=staff
    )
    assert reversal.status_code == 201
    assert (reversal.json()["amount"], reversal.json()["reverses_id"]) == (
        "-1000.00",
        created["id"],
    )
    original = client.get(f"/api/v1/funding/transactions/{created['id']}", headers=staff).json()
    assert original["reversed_by_id"] == reversal.json()["id"]
    funding = client.get(f"/api/v1/missions/{mission.id}/funding", headers=staff).json()
    assert funding["pledged"] == "0.00"


def test_the_override_is_an_explicit_flag_with_a_reason(
    client: TestClient, db: Database, hasher: PasswordHasher, staff: dict[str, str]
) -> None:
    mission, donor = make_mission(db), make_donor(db)
    receipt = pledge(mission.id or 0, donor.id or 0, kind="received", currency="USD")
    refused = client.post("/api/v1/funding/transactions", json=receipt, headers=staff)
    assert refused.status_code == 409
    flagged = {**receipt, "allow_over_commitment": True}
    assert (
        client.post("/api/v1/funding/transactions", json=flagged, headers=staff).status_code == 422
    )
    flagged["over_commitment_reason"] = "Commitment letter in the mail."
    assert (
        client.post("/api/v1/funding/transactions", json=flagged, headers=staff).status_code == 201
    )
    admin = signed_in_as(client, db, hasher, Role.admin)
    audit = client.get("/api/v1/audit?entity_type=money_movement", headers=admin).json()
    assert audit["items"][0]["action"] == "override"
    assert "Commitment letter in the mail." in audit["items"][0]["after"]


def test_a_budget_is_revised_with_its_etag_and_keeps_the_original(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission = make_mission(db)
    url = f"/api/v1/missions/{mission.id}/budget"
    first = {"lines": [{"category": "personnel", "amount_usd": "1000.00"}]}
    assert client.get(url, headers=staff).headers["ETag"].startswith('"0.')
    created = client.put(url, json=first, headers={**staff, "If-Match": '"0"'})
    assert (created.status_code, created.headers["ETag"]) == (200, '"1"')
    second = {"lines": [{"category": "personnel", "amount_usd": "1250.50"}], "note": "runoff"}
    stale = client.put(url, json=second, headers={**staff, "If-Match": '"0"'})
    assert stale.status_code == 412
    revised = client.put(url, json=second, headers={**staff, "If-Match": '"1"'}).json()
    assert [(r["kind"], r["total_usd"]) for r in revised["revisions"]] == [
        ("original", "1000.00"),
        ("revised", "1250.50"),
    ]
    assert revised["currency"] == "USD"


def test_rates_are_imported_from_csv_all_or_nothing(
    client: TestClient, staff: dict[str, str]
) -> None:
    url = "/api/v1/funding/exchange-rates/import"
    csv_headers = {**staff, "Content-Type": "text/csv"}
    bad = "currency,on,usd_per_unit\nEUR,2026-03-02,1.08\nEUR,2026-03-02,1.09\n"
    refused = client.post(url, content=bad, headers=csv_headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["row", 3, "key"]
    good = "currency,on,usd_per_unit\nEUR,2026-03-02,1.08\nJPY,2026-03-02,0.0067\n"
    assert client.post(url, content=good, headers=csv_headers).json() == {
        "created": 2,
        "updated": 0,
    }
    listed = client.get("/api/v1/funding/exchange-rates?currency=jpy", headers=staff).json()
    # Read back as entered, as the schema's pattern writes a rate (no zeros past 8 places).
    assert [(r["currency"], r["usd_per_unit"]) for r in listed["items"]] == [("JPY", "0.0067")]


def test_the_portfolio_groups_across_missions(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission, donor = make_mission(db, election_date=date(2026, 8, 17)), make_donor(db)
    client.post(
        "/api/v1/funding/transactions",
        json=pledge(mission.id or 0, donor.id or 0, kind="commitment", currency="USD"),
        headers=staff,
    )
    by_year = client.get("/api/v1/funding/portfolio?group_by=year", headers=staff).json()
    assert by_year["rows"] == [
        {
            "key": "2026",
            "missions": 1,
            "budget": "0.00",
            "pledged": "0.00",
            "committed": "1000.00",
            "received": "0.00",
            "spent": "0.00",
            "balance": "0.00",
            "gap": "-1000.00",
        }
    ]
