"""Donors and DECO staff read the funding dashboard in a real browser, in both languages."""

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.core.db import Database
from tests.support.browser import sign_in
from tests.support.worlds import funded_world

pytestmark = pytest.mark.browser


def test_a_donor_reads_its_contributions_and_downloads_them_in_both_languages(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    world = funded_world(db, hasher)
    sign_in(page, live_server, world.donor_email)
    page.get_by_role("link", name="Funding").click()

    expect(page.get_by_role("heading", name="Your contributions")).to_be_visible()
    contributions = page.locator("#contributions tbody tr")
    expect(contributions).to_have_count(2)
    expect(contributions.first).to_contain_text("CAD")
    expect(page.get_by_role("row", name="EOM-BOL-2026").first).to_contain_text("73,910.00")
    expect(page.get_by_role("img", name="What you paid, by mission (USD)")).to_be_visible()
    expect(page.get_by_text("Japan")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "eom-funding.csv"

    page.get_by_role("link", name="ES").click()
    expect(page.get_by_role("heading", name="Sus contribuciones")).to_be_visible()
    expect(page.get_by_role("img", name="Financiamiento por misión (USD)")).to_be_visible()
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

    page.get_by_role("link", name="ES").click()
    expect(page.get_by_role("heading", name="Por donante")).to_be_visible()
    expect(page.locator("#missions").get_by_role("row", name="EOM-PER-2026")).to_contain_text(
        "Financiamiento insuficiente"
    )
    # Every column, the burn rate last, fits a laptop's width without scrolling its box.
    box = page.get_by_role("region", name="Misiones")
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth")
