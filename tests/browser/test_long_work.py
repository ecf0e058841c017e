"""Long work shows its progress: a CSV upload of 10,000 stations follows the file going
up, then says the rows are being checked, and answers well within 30 seconds; a report
link says the document is being prepared."""

import time

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.db import Database
from eom.field import stations
from eom.planning.missions import service as missions
from tests.factories import make_mission, make_user
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser

ROWS = 10_000


def test_a_10000_row_station_upload_shows_progress_and_answers_within_30_seconds(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    lines = [
        f"Región {n % 9},Municipio {n % 40},Escuela {n // 4},LP-{n:05d},400" for n in range(ROWS)
    ]
    csv = "region,municipality,centre,code,registered_voters\n" + "\n".join(lines) + "\n"
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}/stations")
    page.get_by_label("CSV file with the columns").set_input_files(
        {"name": "stations.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    started = time.perf_counter()
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".upload-status")).to_be_visible()
    expect(page.get_by_role("button", name="Upload")).to_be_disabled()
    expect(page.get_by_text(f"Stations imported: {ROWS} new, 0 updated.")).to_be_visible(
        timeout=30_000
    )
    assert time.perf_counter() - started < 30
    assert page.url.endswith(f"/missions/{mission.id}/stations")
    with db.session_scope() as session:
        _, total = stations.list_stations(
            session, missions.get_mission(session, mission.id or 0), limit=1, offset=0
        )
    assert total == ROWS


def test_a_report_link_says_the_report_is_being_prepared(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    make_mission(db)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/recommendations/countries/BO")
    # No report arrives (204 keeps the page), so the page can be read as while it is made.
    page.route("**/report.pdf*", lambda route: route.fulfill(status=204))
    page.get_by_role("link", name="Follow-up report (PDF)").click()
    expect(page.get_by_role("status").filter(has_text="Preparing the report")).to_be_visible()
