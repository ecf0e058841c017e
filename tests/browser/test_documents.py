"""A preliminary statement written together, with clicks only: the chief of mission starts
it and gives two sections to two specialists, who write theirs on their phones (a second
save, and the changes it made) and submit them; the chief accepts both, sends the
statement to review, approves it under an embargo a few seconds ahead and publishes it.
Nobody outside sees it before the embargo ends, everyone after; then DECO moves the
mission to its preliminary report."""

import time
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, ViewportSize, expect

from eom.accounts.models import Role
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.planning.members.models import MemberRole
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from tests.factories import advance, make_member, make_mission, make_observer, make_user
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser

EMBARGO = timedelta(seconds=10)
SHOTS = Path("/tmp/shots")
PHONE: ViewportSize = {"width": 390, "height": 844}
WRITERS = (
    (
        "specialist.luis@observers.example",
        "Legal framework",
        ("The legal framework allows observation.", "El marco legal permite observar."),
    ),
    (
        "specialist.marta@observers.example",
        "Media",
        ("The media covered every party.", "Los medios cubrieron a todos los partidos."),
    ),
)


def _person(
    db: Database, hasher: PasswordHasher, mission_id: int, role: MemberRole, name: str, **theme: str
) -> str:
    email = f"{role.value}.{name.split()[0].lower()}@observers.example"
    with db.session_scope() as session:
        mission = missions.get_mission(session, mission_id)
    observer = make_observer(db, email=email, full_name=name)
    make_member(db, mission, observer, role=role, **theme)
    make_user(db, hasher, role=Role.observer, email=email, full_name=name)
    return email


def _write_on_a_phone(
    browser: Browser, live_server: str, email: str, heading: str, words: tuple[str, str]
) -> None:
    """The specialist opens their section from their home page, writes it in both
    languages, saves it twice (reading what the second save changed) and submits it."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-US")
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    sign_in(phone, live_server, email)
    phone.get_by_role("link", name=heading).click()
    phone.get_by_label("Text in English").fill(words[0])
    phone.get_by_label("Text in Spanish").fill(words[1])
    phone.get_by_role("button", name="Save (a new version)").click()
    expect(phone.locator(".flash")).to_contain_text("Saved as version 1.")
    phone.get_by_label("Text in English").fill(words[0] + "\nThe count was orderly.")
    phone.get_by_role("button", name="Save (a new version)").click()
    expect(phone.locator(".flash")).to_contain_text("Saved as version 2.")
    SHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SHOTS / "docpages-section-390-en.png"), full_page=True)
    phone.get_by_role("link", name="What changed from version 1").click()
    expect(phone.locator("li.added")).to_contain_text("The count was orderly.")
    phone.screenshot(path=str(SHOTS / "docpages-diff-390-en.png"), full_page=True)
    phone.go_back()
    phone.get_by_role("button", name="Submit for review").click()
    expect(phone.locator(".flash")).to_contain_text("Section submitted for review.")
    context.close()


def test_a_preliminary_statement_written_together_approved_under_embargo_then_public(
    page: Page, browser: Browser, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.deployed)
    mission_id = mission.id or 0
    chief = _person(db, hasher, mission_id, MemberRole.chief, "Clara Jefa")
    for name, theme in (("Luis Legal", "electoral_justice"), ("Marta Medios", "media")):
        _person(db, hasher, mission_id, MemberRole.specialist, name, theme=theme)
    staff = make_user(db, hasher, role=Role.staff).email

    # The chief starts the statement and gives a section to each specialist.
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, chief)
    page.goto(f"{live_server}/missions/{mission_id}")
    page.get_by_role("link", name="The mission's documents").click()
    page.get_by_label("Kind").select_option("preliminary_statement")
    page.get_by_label("Title in English").fill("Preliminary statement")
    page.get_by_label("Title in Spanish").fill("Declaración preliminar")
    page.get_by_role("button", name="Start the document").click()
    expect(page.locator(".flash")).to_contain_text("Document started")
    document_page = page.url
    document_id = int(document_page.rstrip("/").split("/")[-1])
    for heading, writer in (("Legal framework", "Luis Legal"), ("Media", "Marta Medios")):
        form = page.locator("#section-form")
        form.get_by_label("Heading").fill(heading)
        form.get_by_label("Writer").select_option(label=f"{writer} · Specialist")
        form.get_by_role("button", name="Add the section").click()
        expect(page.locator(".flash")).to_contain_text("Section added.")

    # Each specialist writes theirs on a phone.
    for email, heading, words in WRITERS:
        _write_on_a_phone(browser, live_server, email, heading, words)

    # The chief accepts both, sends the statement to review, approves it under embargo, publishes.
    page.goto(document_page)
    for _ in range(2):
        page.get_by_role("button", name="Accept").first.click()
        expect(page.locator(".flash")).to_contain_text("Section accepted.")
    page.get_by_role("button", name="Send to review").click()
    expect(page.locator(".flash")).to_contain_text("The document is in review.")
    until = utcnow() + EMBARGO
    page.get_by_label("Embargo until (UTC, optional)").fill(until.strftime("%Y-%m-%dT%H:%M:%S"))
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".flash")).to_contain_text("The document is approved.")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash")).to_contain_text("The document is published.")
    expect(page.locator(".facts")).to_contain_text("not public until the embargo ends")
    page.screenshot(path=str(SHOTS / "docpages-document-1366-en.png"), full_page=True)

    public = f"{live_server}/api/v1/documents/{document_id}"
    assert httpx.get(public).status_code == 404  # anonymous, before the embargo ends
    time.sleep(max(0.0, (until - utcnow()).total_seconds()) + 0.5)
    shown = httpx.get(public)
    assert shown.status_code == 200
    assert [s["heading"] for s in shown.json()["sections"]] == ["Legal framework", "Media"]

    # DECO moves the mission to its preliminary report.
    page.context.clear_cookies()
    sign_in(page, live_server, staff)
    page.goto(f"{live_server}/missions/{mission_id}")
    page.get_by_role("button", name="Move to: Preliminary report…").click()
    page.get_by_label("Date").fill(utcnow().date().isoformat())
    page.get_by_role("button", name="Confirm: Preliminary report").click()
    expect(page.locator(".flash")).to_contain_text("is now: Preliminary report.")
    with db.session_scope() as session:
        assert missions.get_mission(session, mission_id).status == MissionStatus.preliminary_report
