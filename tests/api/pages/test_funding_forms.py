"""Staff keep the money on the pages: donors recorded, corrected and linked to their
accounts; a mission's budget revised; pledges, commitments, receipts and expenditure
recorded and reversed; exchange rates by hand and from CSV. A refused form comes back with
the input and the reason beside the field, and stores nothing."""

from datetime import date
from decimal import Decimal

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import col, select

from eom.accounts.models import Role
from eom.core.db import Database
from eom.funding import budgets, donors
from eom.funding.models import Donor, ExchangeRate, Movement, MovementKind
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from tests.factories import make_donor, make_mission, make_rate, make_user, record_money
from tests.support.pages import csrf_of, sign_in


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> str:
    """A signed-in staff member's CSRF token."""
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    return csrf_of(client.get("/funding/rates").text)


def _donor(db: Database, name: str) -> Donor | None:
    with db.session_scope() as session:
        return donors.find_by_name(session, name)


def _movements(db: Database, mission: Mission) -> list[Movement]:
    with db.session_scope() as session:
        query = select(Movement).where(Movement.mission_id == mission.id)
        return list(session.exec(query.order_by(col(Movement.id))))


def _budget_numbers(db: Database, mission: Mission) -> list[int]:
    with db.session_scope() as session:
        stored = missions.get_mission(session, mission.id or 0)
        return [r.number for r in budgets.revisions_of(session, stored)]


# Donors ---------------------------------------------------------------------------------


def test_staff_record_a_donor_and_correct_it(client: TestClient, db: Database, staff: str) -> None:
    form = {"name": "Japan", "kind": "permanent_observer", "country": "JP", "csrf": staff}
    done = client.post("/donors/new", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert "Donor Japan recorded." in client.get(done.headers["location"]).text
    stored = _donor(db, "Japan")
    assert stored is not None and stored.country == "JP" and not stored.amounts_public
    edit = {**form, "name": "Japan (MOFA)", "amounts_public": "true"}
    saved = client.post(f"/donors/{stored.id}/edit", data=edit, follow_redirects=False)
    assert saved.status_code == 303
    fresh = _donor(db, "Japan (MOFA)")
    assert fresh is not None and fresh.id == stored.id and fresh.amounts_public


def test_a_refused_donor_keeps_the_input_and_says_why_beside_the_field(
    client: TestClient, db: Database, staff: str
) -> None:
    make_donor(db, name="Canada", kind="member_state", country="CA")
    taken = client.post("/donors/new", data={"name": "Canada", "kind": "foundation", "csrf": staff})
    assert taken.status_code == 422
    assert 'id="name-error"' in taken.text and "A donor named Canada already exists." in taken.text
    stateless = client.post(
        "/donors/new?lang=es", data={"name": "Brasil", "kind": "member_state", "csrf": staff}
    )
    assert stateless.status_code == 422
    assert 'id="country-error"' in stateless.text
    assert "Un Estado donante necesita su país." in stateless.text
    assert 'value="Brasil"' in stateless.text
    assert _donor(db, "Brasil") is None


def test_staff_link_a_donor_account_and_an_empty_choice_is_refused_beside_it(
    client: TestClient, db: Database, hasher: PasswordHasher, staff: str
) -> None:
    donor = make_donor(db)
    account = make_user(db, hasher, role=Role.donor, full_name="Ana Donante")
    page = client.get(f"/donors/{donor.id}")
    assert f'<option value="{account.id}">Ana Donante' in page.text
    empty = client.post(f"/donors/{donor.id}/accounts", data={"account": "0", "csrf": staff})
    assert empty.status_code == 422 and 'id="account-error"' in empty.text
    done = client.post(f"/donors/{donor.id}/accounts", data={"account": account.id, "csrf": staff})
    assert f"{account.email} now speaks for {donor.name}." in done.text
    with db.session_scope() as session:
        stored = donors.get_donor(session, donor.id or 0)
        assert [u.id for _, u in donors.accounts_of(session, stored)] == [account.id]


# A mission's budget and movements -------------------------------------------------------


def test_staff_revise_a_budget_and_a_bad_amount_is_said_beside_its_line(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    form = {"line_travel": "250.00", "line_personnel": "1000", "revision": "0", "csrf": staff}
    done = client.post(f"/missions/{mission.id}/budget", data=form)
    assert "Budget revision 1 saved." in done.text
    bad = {**form, "line_travel": "12,5x", "revision": "1"}
    refused = client.post(f"/missions/{mission.id}/budget", data=bad)
    assert refused.status_code == 422
    assert 'id="line_travel-error"' in refused.text and 'value="12,5x"' in refused.text
    stale = client.post(f"/missions/{mission.id}/budget", data={**form, "revision": "0"})
    assert stale.status_code == 409 and 'id="stale"' in stale.text
    assert _budget_numbers(db, mission) == [1]


def test_staff_record_money_in_two_currencies_and_reverse_an_entry(
    client: TestClient, db: Database, staff: str
) -> None:
    mission, donor = make_mission(db), make_donor(db)
    make_rate(db, "EUR", date(2026, 3, 2), "1.10")
    pledge = {
        "kind": "pledge",
        "on": "2026-03-02",
        "amount": "1000.00",
        "currency": "EUR",
        "donor_id": str(donor.id),
        "csrf": staff,
    }
    done = client.post(f"/missions/{mission.id}/movements", data=pledge)
    assert done.url.path == f"/missions/{mission.id}/funding"
    spent = {"kind": "expenditure", "on": "2026-03-03", "amount": "40", "currency": "USD"}
    client.post(
        f"/missions/{mission.id}/movements",
        data={**spent, "budget_category": "travel", "csrf": staff},
    )
    first, second = _movements(db, mission)
    assert (first.amount_usd, second.amount_usd) == (Decimal("1100.00"), Decimal("40.00"))
    reversed_ = client.post(
        f"/movements/{first.id}/reverse", data={"on": "2026-03-04", "csrf": staff}
    )
    assert f"Entry {first.id} reversed by entry" in reversed_.text
    again = client.post(f"/movements/{first.id}/reverse", data={"on": "2026-03-04", "csrf": staff})
    assert again.status_code == 422 and f"Entry {first.id} is already reversed." in again.text
    assert [m.amount for m in _movements(db, mission)] == [
        Decimal("1000.00"),
        Decimal("40.00"),
        Decimal("-1000.00"),
    ]


def test_a_refused_movement_keeps_the_input_and_says_why_beside_the_field(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    form = {"kind": "pledge", "on": "2026-03-02", "amount": "500", "currency": "USD"}
    no_donor = client.post(f"/missions/{mission.id}/movements", data={**form, "csrf": staff})
    assert no_donor.status_code == 422
    assert 'id="donor_id-error"' in no_donor.text
    assert "A pledge, commitment or receipt names its donor." in no_donor.text
    assert 'value="500"' in no_donor.text
    no_rate = {**form, "currency": "EUR", "donor_id": str(make_donor(db).id), "csrf": staff}
    refused = client.post(f"/missions/{mission.id}/movements", data=no_rate)
    assert refused.status_code == 422 and "No exchange rate from EUR to USD" in refused.text
    assert _movements(db, mission) == []


# Exchange rates -------------------------------------------------------------------------


def test_staff_record_a_rate_by_hand_and_a_dollar_rate_is_refused_beside_the_currency(
    client: TestClient, db: Database, staff: str
) -> None:
    form = {"currency": "cad", "on": "2026-03-02", "usd_per_unit": "0.7312", "csrf": staff}
    done = client.post("/funding/rates", data=form)
    assert "Rate recorded: 1 CAD = 0.7312 USD on 2026-03-02." in done.text
    refused = client.post("/funding/rates", data={**form, "currency": "USD"})
    assert refused.status_code == 422 and 'id="currency-error"' in refused.text
    with db.session_scope() as session:
        assert [r.currency for r in session.exec(select(ExchangeRate))] == ["CAD"]


def test_rates_upload_from_csv_and_a_bad_file_is_reported_row_by_row(
    client: TestClient, db: Database, staff: str
) -> None:
    good = b"currency,on,usd_per_unit\nEUR,2026-03-02,1.08\nPEN,2026-03-02,0.27\n"
    done = client.post(
        "/funding/rates/import", data={"csrf": staff}, files={"file": ("r.csv", good, "text/csv")}
    )
    assert "Rates imported: 2 new." in done.text
    bad = b"currency,on,usd_per_unit\nCOP,2026-03-02,0.00025\nCLP,yesterday,0.001\n"
    refused = client.post(
        "/funding/rates/import", data={"csrf": staff}, files={"file": ("r.csv", bad, "text/csv")}
    )
    assert refused.status_code == 422 and 'id="problems"' in refused.text
    with db.session_scope() as session:
        assert sorted(r.currency for r in session.exec(select(ExchangeRate))) == ["EUR", "PEN"]


# Who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/donors/new", "/donors/{donor}/edit", "/missions/{mission}/funding", "/funding/rates"]
)
def test_only_staff_open_the_funding_forms(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    url = path.format(donor=make_donor(db).id, mission=make_mission(db).id)
    signed_out = client.get(url, follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")
    for role in (Role.observer, Role.donor):
        client.cookies.clear()
        sign_in(client, make_user(db, hasher, role=role).email)
        assert client.get(url).status_code == 403, role


@pytest.mark.parametrize(
    "path",
    [
        "/donors/new",
        "/donors/{donor}/edit",
        "/donors/{donor}/accounts",
        "/missions/{mission}/budget",
        "/missions/{mission}/movements",
        "/movements/{movement}/reverse",
        "/funding/rates",
    ],
)
def test_a_funding_post_without_its_token_or_by_a_donor_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    mission, donor = (
        make_mission(db),
        make_donor(db, name="Norway", kind="member_state", country="NO"),
    )
    movement = record_money(db, mission, MovementKind.pledge, "10.00", "USD", donor_id=donor.id)
    url = path.format(donor=donor.id, mission=mission.id, movement=movement.id)
    form = {
        "name": "Changed",
        "kind": "pledge",
        "on": "2026-03-03",
        "amount": "5",
        "currency": "EUR",
        "usd_per_unit": "1.1",
        "line_travel": "100",
        "donor_id": str(donor.id),
        "account": str(make_user(db, hasher, role=Role.donor).id),
    }
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert client.post(url, data=form).status_code == 403
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.donor).email)
    token = csrf_of(client.get("/funding").text)
    assert client.post(url, data={**form, "csrf": token}).status_code == 403
    assert _donor(db, "Norway") is not None and _donor(db, "Changed") is None
    assert len(_movements(db, mission)) == 1 and _budget_numbers(db, mission) == []
    with db.session_scope() as session:
        assert list(session.exec(select(ExchangeRate))) == []
