"""The funding dashboard as each caller sees it, and its CSV and XLSX downloads."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.db import Database
from eom.funding import donors
from eom.funding.models import DonorKind, MovementKind
from eom.missions.models import MissionStatus
from tests.api.test_pages import sign_in
from tests.factories import (
    advance,
    make_donor,
    make_mission,
    make_rate,
    make_user,
    record_money,
    set_budget,
)

K = MovementKind
ON = date(2026, 3, 2)
DONOR_EMAIL = "grants@canada.example"


@dataclass
class Funded:
    staff_email: str
    donor_email: str


def funded_world(db: Database, hasher: PasswordHasher) -> Funded:
    """Two public missions, one underfunded, funded by Canada (whose account signs in, in
    CAD) and by Japan (whose amounts are not public), and a hidden mission."""
    bolivia = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.accepted)
    peru = advance(
        db, make_mission(db, code="EOM-PER-2026", host_country="PE"), MissionStatus.accepted
    )
    make_mission(db, code="EOM-HID-2026", host_country="AR")
    set_budget(db, bolivia, {"personnel": "100000.00", "travel": "50000.00"})
    set_budget(db, peru, {"personnel": "80000.00"})
    make_rate(db, "CAD", ON, "0.7391")
    make_rate(db, "JPY", ON, "0.006683")
    canada = make_donor(db, name="Canada", kind=DonorKind.member_state, country="CA")
    japan = make_donor(db, name="Japan", country="JP", amounts_public=False)
    record_money(db, bolivia, K.commitment, "150000.00", "CAD", donor_id=canada.id)
    record_money(db, bolivia, K.received, "100000.00", "CAD", donor_id=canada.id)
    record_money(db, bolivia, K.commitment, "10000000", "JPY", donor_id=japan.id)
    record_money(db, bolivia, K.expenditure, "30000.00", "USD", budget_category="travel")
    record_money(db, peru, K.commitment, "10000.00", "USD", donor_id=japan.id)
    user = make_user(db, hasher, role=Role.donor, email=DONOR_EMAIL, full_name="Grace Grants")
    with db.session_scope() as session:
        donors.link_account(session, donors.get_donor(session, canada.id or 0), user, actor=SYSTEM)
    return Funded(make_user(db, hasher, role=Role.staff).email, DONOR_EMAIL)


def test_anonymous_visitors_see_public_totals_only(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    funded_world(db, hasher)
    page = client.get("/funding")
    assert page.status_code == 200
    assert "EOM-BOL-2026" in page.text and "EOM-HID-2026" not in page.text
    assert "Japan" not in page.text and "Your contributions" not in page.text
    assert "177,695.00" in page.text  # committed: 110,865.00 (CAD) + 66,830.00 (JPY)
    assert page.text.count("<svg") == 1


def test_a_donor_sees_its_contributions_and_the_missions_it_funded(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    sign_in(client, world.donor_email)
    page = client.get("/funding")
    assert "Contributions of Canada" in page.text
    assert "CAD 150,000.00" in page.text and "110,865.00" in page.text
    assert "Japan" not in page.text
    assert page.text.count("<svg") == 2


def test_staff_see_the_portfolio_by_donor_and_year(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    sign_in(client, world.staff_email)
    page = client.get("/funding?lang=es")
    assert "Por donante" in page.text and "Japan" in page.text and "EOM-HID-2026" in page.text
    assert "Financiamiento insuficiente" in page.text  # Peru: 10,000 of 80,000 committed
    assert page.text.count("<svg") == 2


def test_the_csv_download_holds_what_the_caller_sees(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    funded_world(db, hasher)
    response = client.get("/funding/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    bolivia = next(r for r in rows if r["code"] == "EOM-BOL-2026")
    assert (bolivia["budget"], bolivia["committed"], bolivia["gap"]) == (
        "150000.00",
        "177695.00",
        "-27695.00",
    )
    assert {r["code"] for r in rows} == {"EOM-BOL-2026", "EOM-PER-2026"}


def test_the_xlsx_download_adds_a_donors_own_contributions(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    sign_in(client, world.donor_email)
    response = client.get("/funding/export.xlsx?lang=es")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Misiones", "Sus contribuciones"]
    sheet = workbook["Sus contribuciones"]
    header = [cell.value for cell in sheet[1]]
    amounts = sorted(
        float(row[header.index("amount")]) for row in sheet.iter_rows(2, values_only=True)
    )
    assert amounts == [100000.0, 150000.0]
