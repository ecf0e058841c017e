"""The funding dashboard as each caller sees it, its CSV and XLSX downloads, and the
donors' statements it links."""

import csv
import io
from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from eom.accounts.models import Role
from eom.core.db import Database
from eom.funding.models import DonorKind, MovementKind
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    make_donor,
    make_mission,
    make_rate,
    make_user,
    record_money,
    set_budget,
)
from tests.support.pages import sign_in
from tests.support.pdfs import text_of
from tests.support.worlds import FundedDonors, funded_donors, funded_world

K = MovementKind
# Each chart is drawn twice, for a wide and a narrow screen, in one container.
CHART = '<div class="chart">'


def test_anonymous_visitors_see_public_totals_only(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    funded_world(db, hasher)
    page = client.get("/funding")
    assert page.status_code == 200
    assert "EOM-BOL-2026" in page.text and "EOM-HID-2026" not in page.text
    assert "Japan" not in page.text and "Your contributions" not in page.text
    assert "177,695.00" in page.text  # committed: 110,865.00 (CAD) + 66,830.00 (JPY)
    assert page.text.count(CHART) == 1


def test_a_donor_sees_its_contributions_and_the_missions_it_funded(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    sign_in(client, world.donor_email)
    page = client.get("/funding")
    assert "Contributions of Canada" in page.text
    assert "CA$150,000.00" in page.text and "110,865.00" in page.text
    assert "Japan" not in page.text
    assert page.text.count(CHART) == 2


def test_staff_see_the_portfolio_by_donor_and_year(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    sign_in(client, world.staff_email)
    page = client.get("/funding?lang=es")
    assert "Por donante" in page.text and "Japón" in page.text and "EOM-HID-2026" in page.text
    assert "Financiamiento insuficiente" in page.text  # Peru: 10,000 of 80,000 committed
    assert page.text.count(CHART) == 2


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


# --- the donors' statements -----------------------------------------------------------


@pytest.fixture
def funded(db: Database, hasher: PasswordHasher) -> FundedDonors:
    return funded_donors(db, hasher)


def test_the_donors_dashboard_links_its_own_statement(
    client: TestClient, funded: FundedDonors
) -> None:
    sign_in(client, funded.donor_email)
    page = client.get("/funding").text
    assert f'href="/donors/{funded.canada}/statement.pdf"' in page
    assert f"/donors/{funded.japan}/statement.pdf" not in page
    download = client.get(f"/donors/{funded.canada}/statement.pdf?lang=es")
    assert download.headers["content-type"] == "application/pdf"
    assert "Estado de financiamiento" in text_of(download.content)
    other = client.get(f"/donors/{funded.japan}/statement.pdf")
    assert other.status_code == 404 and other.headers["content-type"].startswith("text/html")


def test_staff_find_a_statement_link_for_each_donor(
    client: TestClient, funded: FundedDonors
) -> None:
    sign_in(client, funded.staff_email)
    page = client.get("/funding").text
    for donor in (funded.canada, funded.japan):
        assert f'href="/donors/{donor}/statement.pdf"' in page
    assert client.get(f"/donors/{funded.japan}/statement.pdf").status_code == 200


def test_signed_out_browsers_are_asked_to_sign_in_for_a_statement(
    client: TestClient, funded: FundedDonors
) -> None:
    assert "statement.pdf" not in client.get("/funding").text
    answer = client.get(f"/donors/{funded.canada}/statement.pdf", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next=/donors/{funded.canada}/statement.pdf"


def test_a_donors_page_is_for_staff_and_the_donors_own_account(
    client: TestClient, funded: FundedDonors, db: Database, hasher: PasswordHasher
) -> None:
    assert client.get(f"/donors/{funded.canada}", follow_redirects=False).status_code == 303
    sign_in(client, funded.donor_email)
    own = client.get(f"/donors/{funded.canada}")
    assert own.status_code == 200 and "<h1>Canada</h1>" in own.text
    assert 'href="/missions/' in own.text and "CA$" in own.text  # each movement, linked
    assert client.get(f"/donors/{funded.japan}").status_code == 404
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    assert client.get(f"/donors/{funded.canada}").status_code == 403
    sign_in(client, funded.staff_email)
    staff_view = client.get("/funding").text
    assert f'<a href="/donors/{funded.japan}">Japan</a>' in staff_view
    assert client.get(f"/donors/{funded.japan}").status_code == 200


def test_received_above_committed_in_dollars_is_explained_where_it_shows(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.accepted)
    set_budget(db, mission, {"personnel": "100000.00"})
    canada = make_donor(db, name="Canada", kind=DonorKind.member_state, country="CA")
    make_rate(db, "CAD", date(2026, 3, 2), "0.7000")
    make_rate(db, "CAD", date(2026, 3, 9), "0.7500")  # the Canadian dollar rose
    paid = {"donor_id": canada.id}
    record_money(db, mission, K.commitment, "1000.00", "CAD", on=date(2026, 3, 2), **paid)
    record_money(db, mission, K.received, "1000.00", "CAD", on=date(2026, 3, 9), **paid)
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    page = client.get("/funding").text
    assert '750.00 <a href="#rates"' in page
    assert 'id="rates">† Received exceeds committed in US dollars' in page


def test_a_spanish_reader_reads_state_donors_by_their_spanish_names(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_donors(db, hasher)
    sign_in(client, world.staff_email)
    page = client.get("/funding?lang=es").text
    assert ">Canadá</a>" in page and ">Canada</a>" not in page
    assert "<h1>Canadá</h1>" in client.get(f"/donors/{world.canada}?lang=es").text
    assert "<h1>Canada</h1>" in client.get(f"/donors/{world.canada}?lang=en").text
