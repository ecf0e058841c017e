"""Donors and DECO staff read the funding dashboard in a real browser, in both languages,
and staff keep a mission's budget, its money and the exchange rates on the pages."""

from datetime import date

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.db import Database
from eom.funding import movements
from tests.factories import make_donor, make_mission, make_rate, make_user
from tests.support.browser import sign_in
from tests.support.worlds import funded_world

pytestmark = pytest.mark.browser


def test_a_donor_reads_its_contributions_and_downloads_them_in_both_languages(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    sign_in(page, live_server, world.donor_email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Funding").click()

    expect(page.get_by_role("heading", name="Your contributions")).to_be_visible()
    contributions = page.locator("#contributions tbody tr")
    expect(contributions).to_have_count(2)
    expect(contributions.first).to_contain_text("CA$100,000.00")
    expect(page.get_by_role("row", name="EOM-BOL-2026").first).to_contain_text("73,910.00")
    expect(page.get_by_role("img", name="What you paid, by mission (USD)")).to_be_visible()
    expect(page.get_by_text("Japan")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "eom-funding.csv"

    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_role("heading", name="Sus contribuciones")).to_be_visible()
    expect(page.get_by_role("img", name="Financiamiento por misión (USD)")).to_be_visible()
    # Amounts as the Spanish PDFs write them: the same marks, the symbol after.
    expect(page.locator("#contributions tbody tr").first).to_contain_text("100.000,00\xa0CAD")
    expect(page.get_by_role("link", name="Descargar XLSX")).to_be_visible()


def test_staff_see_the_portfolio_and_the_underfunded_mission_in_both_languages(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, world.staff_email)
    page.goto(f"{live_server}/funding")

    expect(page.locator("#by-donor").get_by_role("row", name="Japan")).to_be_visible()
    peru = page.locator("#missions").get_by_role("row", name="EOM-PER-2026")
    expect(peru).to_contain_text("Underfunded")
    expect(peru).to_contain_text("70,000.00")  # gap: 80,000 budget − 10,000 committed
    expect(page.get_by_role("img", name="Committed by donor (USD)")).to_be_visible()

    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_role("heading", name="Por donante")).to_be_visible()
    expect(page.locator("#missions").get_by_role("row", name="EOM-PER-2026")).to_contain_text(
        "Financiamiento insuficiente"
    )
    # Every column, the burn rate last, fits a laptop's width without scrolling its box.
    box = page.get_by_role("region", name="Misiones")
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth")


def test_staff_enter_a_budget_money_in_two_currencies_and_reverse_a_mistake(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission, donor = make_mission(db, code="EOM-GTM-2026"), make_donor(db, name="Sweden")
    make_rate(db, "SEK", date(2026, 3, 2), "0.095")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}")
    page.get_by_role("link", name="Budget and money").click()
    page.get_by_label("Travel").fill("40000")
    page.get_by_label("Personnel").fill("60000")
    page.get_by_role("button", name="Save as a new revision").click()
    expect(page.get_by_text("Budget revision 1 saved.")).to_be_visible()
    form = page.locator("#record")
    for kind, amount, currency in (("pledge", "500000", "SEK"), ("commitment", "400000", "SEK")):
        form.get_by_label("Movement").select_option(kind)
        form.get_by_label("Date").fill("2026-03-02")
        form.get_by_label("Amount").fill(amount)
        form.get_by_label("Currency").select_option(currency)
        form.get_by_label("Donor (pledges, commitments, receipts)").select_option(label="Sweden")
        form.get_by_role("button", name="Record the movement").click()
        expect(page.get_by_text(f"{int(amount):,}.00 {currency}")).to_be_visible()
        form = page.locator("#record")
    form.get_by_label("Movement").select_option("expenditure")
    form.get_by_label("Amount").fill("1200.50")
    form.get_by_label("Budget line").select_option("travel")
    form.get_by_role("button", name="Record the movement").click()
    expect(page.locator("#figures")).to_contain_text("$38,000.00")  # committed
    row = page.locator("#movement-list tbody tr").filter(has_text="Pledged")
    row.get_by_text("Reverse entry").click()
    row.get_by_role("button", name="Reverse it").click()
    expect(page.get_by_role("cell", name="reversed by entry")).to_be_visible()
    expect(page.locator("#figures")).to_contain_text("$0.00")  # pledged, after the reversal
    with db.session_scope() as session:
        found, total = movements.list_movements(session, limit=10, offset=0, mission_id=mission.id)
    assert total == 4 and sorted(str(m.amount) for m in found) == [
        "-500000.00",
        "1200.50",
        "400000.00",
        "500000.00",
    ]
    assert donor.id in {m.donor_id for m in found}


def test_on_a_phone_in_spanish_staff_record_a_rate_and_see_a_refusal_beside_the_field(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/funding/rates?lang=es")
    page.get_by_label("Moneda (código ISO)").fill("usd")
    page.get_by_label("Dólares estadounidenses por unidad").fill("1")
    page.get_by_role("button", name="Registrar el tipo de cambio").click()
    expect(page.locator("#currency-error")).to_have_text(
        "Un dólar estadounidense vale siempre un dólar estadounidense."
    )
    page.get_by_label("Moneda (código ISO)").fill("mxn")
    page.get_by_label("Dólares estadounidenses por unidad").fill("0.0581")
    page.get_by_role("button", name="Registrar el tipo de cambio").click()
    expect(page.get_by_text("Tipo registrado: 1 MXN = 0.0581 USD")).to_be_visible()
    expect(page.locator("#rates tbody tr")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
