"""Visitors and DECO staff follow recommendations in a real browser, in both languages."""

from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.db import Database
from recommendations.models import FollowUpStatus
from tests.factories import assess, make_recommendation, make_user, reported_mission
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser

F = FollowUpStatus
EARLIER = {
    "code": "EOM-BOL-2020",
    "requested_on": date(2020, 6, 1),
    "election_date": date(2020, 10, 18),
}
PARITY_EN = "Apply parity and alternation to every list of candidates."
PARITY_ES = "Aplicar la paridad y la alternancia a todas las listas de candidaturas."


def _story(db: Database) -> tuple[int, int]:
    """Bolivia, 2020 then 2026: parity recommended twice, debates once, a draft unpublished."""
    old = reported_mission(db, **EARLIER)
    new = reported_mission(db, code="EOM-BOL-2026")
    parity = make_recommendation(
        db, old, number=1, theme="gender", text_en=PARITY_EN, text_es=PARITY_ES, publish=True
    )
    debates = make_recommendation(
        db,
        old,
        number=2,
        theme="media",
        text_en="Make a televised presidential debate mandatory.",
        text_es="Hacer obligatorio un debate presidencial televisado.",
        publish=True,
    )
    assess(db, parity, F.not_implemented, date(2022, 3, 1))
    assess(db, parity, F.partially_implemented, date(2024, 5, 1))
    assess(db, debates, F.fully_implemented, date(2023, 9, 1))
    again = make_recommendation(
        db,
        new,
        number=1,
        theme="gender",
        text_en=PARITY_EN,
        text_es=PARITY_ES,
        reiterates_id=parity.id,
        publish=True,
    )
    make_recommendation(db, new, number=2, text_en="A draft still under review by DECO.")
    return parity.id or 0, again.id or 0


def test_a_visitor_filters_the_tracker_and_follows_a_recommendation_in_english(
    page: Page, live_server: str, db: Database
) -> None:
    parity, again = _story(db)
    page.goto(f"{live_server}/recommendations")
    expect(page.locator("#recommendations tbody tr")).to_have_count(3)  # the draft is hidden
    page.get_by_label("Theme").select_option("gender")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#recommendations tbody tr")).to_have_count(2)
    page.get_by_label("Words").fill("paridad")
    page.get_by_role("button", name="Filter").click()
    row = page.locator("#recommendations tbody tr").filter(has_text="EOM-BOL-2020")
    row.locator("td").nth(2).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Recommendation 1 of EOM-BOL-2020")).to_be_visible()
    expect(page.locator("#assessments li")).to_have_count(2)
    expect(page.locator("#assessments li").last).to_contain_text("Partially implemented")
    expect(page.locator("#chain li")).to_have_count(2)
    page.locator("#chain").get_by_role("link", name="EOM-BOL-2026 · 1").click()
    expect(page).to_have_url(f"{live_server}/recommendations/{again}")
    expect(page.get_by_text("Not assessed yet.")).to_be_visible()
    assert parity != again


def test_the_country_scorecard_in_spanish_shows_the_matrix_and_the_trend(
    page: Page, live_server: str, db: Database
) -> None:
    _story(db)
    page.goto(f"{live_server}/recommendations/countries/BO?lang=es")
    expect(page.get_by_role("heading", name="Ficha de Bolivia")).to_be_visible()
    gender = page.locator("#matrix tbody tr").filter(has_text="Género")
    # Gender: the 2020 one partially implemented, its 2026 reiteration not assessed.
    expect(gender.locator("td").nth(1)).to_have_text("1")  # sin evaluar
    expect(gender.locator("td").nth(3)).to_have_text("1")  # implementada parcialmente
    expect(page.locator("#trend .wide svg")).to_have_attribute("role", "img")
    expect(page.locator("#trend .wide svg title").first).to_have_text(
        "Tasa de implementación al cierre de cada año"
    )
    expect(page.get_by_text("Repetidas de una misión a otra")).to_be_visible()
    page.get_by_role("link", name="EOM-BOL-2026 · 1").click()
    expect(page.get_by_role("heading", name="Recomendación 1 de EOM-BOL-2026")).to_be_visible()
    expect(page.locator("blockquote.recommendation").first).to_have_text(PARITY_ES)


def test_staff_see_drafts_and_download_the_filtered_list(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    _story(db)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.get_by_role("link", name="Recommendations", exact=True).click()
    expect(page.locator("#recommendations tbody tr")).to_have_count(4)
    expect(page.get_by_text("Not published")).to_have_count(1)
    page.get_by_label("Country").select_option("BO")
    page.get_by_label("Status").select_option("fully_implemented")
    page.get_by_role("button", name="Filter").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.count("\n") == 2 and "televised presidential debate" in text


def test_staff_draft_a_reiteration_publish_it_and_assess_from_the_worklist(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    parity, _ = _story(db)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    mission = reported_mission(db, code="EOM-BOL-2027", election_date=date(2027, 8, 1))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server}/missions/{mission.id}")
    page.get_by_role("link", name="Recommendations", exact=True).last.click()
    page.get_by_role("link", name="New recommendation").click()
    page.get_by_label("Text in English").fill(PARITY_EN)
    page.get_by_label("Text in Spanish").fill(PARITY_ES)
    page.get_by_label("Theme").select_option("gender")
    page.get_by_label("Institution").select_option("legislature")
    page.get_by_label("Reiterates an earlier recommendation").select_option(str(parity))
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Recommendation 1 drafted.")).to_be_visible()
    page.get_by_role("button", name="Publish recommendation 1").click()
    expect(page.get_by_text("Recommendation 1 published.")).to_be_visible()
    page.get_by_role("link", name="Follow-up of earlier recommendations").first.click()
    item = page.locator(f"#rec-{parity}")
    item.get_by_text("Assess recommendation 1 of EOM-BOL-2020").click()
    item.get_by_label("Status found").select_option("mostly_implemented")
    item.get_by_label("Evidence").fill("The 2027 lists all alternate women and men.")
    item.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("Assessment recorded.")).to_be_visible()
    expect(page.locator(f"#rec-{parity}")).to_contain_text("Mostly implemented")


def test_on_a_phone_in_spanish_staff_assess_from_the_recommendations_page(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    parity, _ = _story(db)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/recommendations/{parity}?lang=es")
    page.get_by_text("Registrar una evaluación").click()
    page.get_by_label("Estado constatado").select_option("fully_implemented")
    page.get_by_label("Evaluada por").select_option(label="EOM-BOL-2026")
    page.get_by_label("Fecha de la evaluación").fill("2099-01-01")
    page.get_by_label("Evidencia").fill("Las listas de 2026 alternan.")
    page.get_by_role("button", name="Registrar la evaluación").click()
    expect(page.locator("#assess .field-error")).to_contain_text("en el futuro")
    expect(page.get_by_label("Evaluada por").locator("option:checked")).to_have_text("EOM-BOL-2026")
    expect(page.get_by_label("Evidencia")).to_have_value("Las listas de 2026 alternan.")
    page.get_by_label("Fecha de la evaluación").fill("2026-09-01")
    page.get_by_role("button", name="Registrar la evaluación").click()
    expect(page.get_by_text("Evaluación registrada.")).to_be_visible()
    expect(page.locator("#assessments li")).to_have_count(3)
    expect(page.locator("#assessments li").last).to_contain_text("evaluada por EOM-BOL-2026")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
