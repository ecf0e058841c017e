"""The observer's field app on a phone: signed in once online, it opens and files with
the network off, and sends everything exactly once when the network returns — even when
the server dies in the middle of a send; the core team and coordinators record meetings
through the same outbox."""

import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import (
    Browser,
    BrowserContext,
    FilePayload,
    Page,
    Playwright,
    Request,
    Route,
    expect,
)
from sqlalchemy import text
from sqlmodel import select

from eom.audit.service import SYSTEM
from eom.core import migrate
from eom.core.db import Database
from eom.core.security import make_password_hasher
from eom.field import incidents, stations
from eom.field.models import Incident, IncidentVerify, Verification
from eom.planning.members.models import MemberRole
from eom.planning.missions import service as missions
from eom.planning.missions.models import DEFAULT_ARRIVAL, DEFAULT_DEPARTURE, MissionStatus
from tests.factories import (
    PASSWORD,
    acknowledge_all,
    advance,
    field_observer,
    make_form,
    make_mission,
    make_station,
)
from tests.support.databases import settings_for
from tests.support.network import free_port
from tests.support.no_loss import Server, server_env

pytestmark = pytest.mark.slow

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def world(fresh_database_url: Callable[[], str], tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A deployed observer with two stations and a published checklist, a deployed regional
    coordinator, and ``eom serve`` in a process of its own, which the test may kill and
    start again on the same port."""
    settings = settings_for(tmp_path, fresh_database_url())
    db = Database(settings)
    migrate.upgrade(db.engine)
    mission = advance(
        db,
        make_mission(db, code="EOM-APP-2026", election_date=date.today()),
        MissionStatus.deployed,
    )
    hasher = make_password_hasher(settings)
    member, email = field_observer(db, hasher, mission)
    acknowledge_all(db, member)
    _, coordinator = field_observer(db, hasher, mission, role=MemberRole.regional_coordinator)
    make_form(db, mission)
    made = [make_station(db, mission, code=f"APP-{n}") for n in (1, 2)]
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stations.assign_stations(session, fresh, member, [s.id or 0 for s in made], actor=SYSTEM)
    server = Server(
        server_env(settings.resolved_database_url, str(tmp_path)), free_port(), tmp_path / "log"
    )
    server.start()
    yield {
        "db": db,
        "server": server,
        "email": email,
        "coordinator": coordinator,
        "mission_id": mission.id,
    }
    server.stop()
    db.dispose()


def _phone(browser: Browser, playwright: Playwright, **options: Any) -> BrowserContext:
    context = browser.new_context(**playwright.devices["Pixel 7"], locale="en-US", **options)
    context.set_default_timeout(15_000)
    return context


def _sign_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/field/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="EOM-APP-2026")).to_be_visible()


def _file_checklist(page: Page, station: str, staff: int) -> None:
    page.get_by_role("link", name="Fill in: Opening").click()
    picker = page.get_by_label("Polling station")
    picker.select_option(picker.locator("option", has_text=station).get_attribute("value"))
    page.get_by_role("group", name="Opened on time?").get_by_label("Yes").check()
    page.get_by_label("Staff present").fill(str(staff))
    page.get_by_role("group", name="Assessment").get_by_label("Good").check()
    page.get_by_role("button", name="Save to send").click()
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    page.get_by_role("link", name="Back").click()


def _photo() -> FilePayload:
    picture = io.BytesIO()
    Image.new("RGB", (2400, 1800), (40, 120, 200)).save(picture, "PNG")
    return FilePayload(name="scene.png", mimeType="image/png", buffer=picture.getvalue())


def _report_incident(page: Page, description: str) -> None:
    page.get_by_role("link", name="Report an incident").click()
    page.get_by_label("Category").select_option("irregular_procedure")
    page.get_by_label("Severity").select_option("medium")
    page.get_by_label("Polling station").select_option(index=1)
    page.get_by_label("What happened").fill(description)
    page.locator("#photo").set_input_files(_photo())
    expect(page.get_by_role("img", name="Photo 1 of the incident")).to_be_visible()
    page.get_by_role("button", name="Save to send").click()
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    page.get_by_role("link", name="Back").click()


def _outbox_uuids(page: Page) -> set[str]:
    found = page.evaluate(
        """() => new Promise((resolve) => {
          const open = indexedDB.open("eom-field");
          open.onsuccess = () => {
            const all = open.result.transaction("outbox").objectStore("outbox").getAllKeys();
            all.onsuccess = () => resolve(all.result);
          };
        })"""
    )
    return set(found)


def _stored(db: Database) -> dict[str, set[str]]:
    with db.engine.connect() as connection:
        return {
            table: {row[0] for row in connection.execute(text(f"SELECT uuid FROM {table}"))}
            for table in ("submission", "incident")
        }


def _accessibility_faults(page: Page) -> list[str]:
    faults: list[str] = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}))"
        ".violations.map(v => v.id + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return faults


def _sent_posts(page: Page) -> list[str]:
    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" and "/api/v1/" in r.url else None,
    )
    return posts


def test_filed_offline_on_a_phone_and_sent_once_when_the_network_returns(
    browser: Browser, playwright: Playwright, world: dict[str, Any]
) -> None:
    server, db = world["server"], world["db"]
    context = _phone(browser, playwright)
    context.add_init_script(path=str(AXE))  # axe-core from npm, in every page loaded
    page = context.new_page()
    _sign_in(page, server.url, world["email"])
    first, last = date.today() - DEFAULT_ARRIVAL, date.today() + DEFAULT_DEPARTURE
    days = f"Your days: {first:%b} {first.day} – {last:%b} {last.day}"  # the mission's
    expect(page.get_by_text(days)).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert _accessibility_faults(page) == []

    context.set_offline(True)
    page.reload()  # the app comes from the phone now
    expect(page.get_by_text("Offline: filings wait on this phone")).to_be_visible()
    for n in range(20):
        _file_checklist(page, f"APP-{1 + n % 2}", staff=n % 15)
    for n in range(2):
        _report_incident(page, f"The queue was closed early ({n}).")
    expect(page.get_by_role("link", name="Outbox · 22 waiting")).to_be_visible()
    page.get_by_role("link", name="Outbox · 22 waiting").click()
    expect(page.get_by_text("Waiting to be sent")).to_have_count(22)
    assert _accessibility_faults(page) == []
    page.get_by_role("link", name="Back").click()
    saved = _outbox_uuids(page)
    assert len(saved) == 22 and _stored(db) == {"submission": set(), "incident": set()}

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("link", name="Outbox", exact=True)).to_be_visible(timeout=30_000)
    stored = _stored(db)
    assert len(stored["submission"]) == 20 and len(stored["incident"]) == 2
    assert stored["submission"] | stored["incident"] == saved

    posts = _sent_posts(page)
    page.get_by_role("link", name="Outbox", exact=True).click()
    page.get_by_role("button", name="Send now").click()
    expect(page.get_by_text("Nothing is waiting to be sent.")).to_be_visible()
    assert posts == [] and _stored(db) == stored
    context.close()


def test_the_server_is_asked_for_the_app_s_language_not_the_phone_s(
    browser: Browser, playwright: Playwright, world: dict[str, Any]
) -> None:
    context = _phone(browser, playwright)  # a phone set to English
    page = context.new_page()
    asked: list[str | None] = []
    page.on(
        "request",
        lambda r: asked.append(r.headers.get("accept-language")) if "/api/v1/" in r.url else None,
    )
    page.goto(f"{world['server'].url}/field/")
    page.get_by_role("button", name="Español").click()
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    page.locator("#email").fill(world["email"])
    page.locator("#password").fill(PASSWORD)
    page.locator("button.primary").click()
    expect(page.get_by_role("heading", name="EOM-APP-2026")).to_be_visible()
    assert len(asked) >= 2 and set(asked) == {"es"}  # the sign-in and the missions
    context.close()


def test_a_send_cut_by_killing_the_server_ends_with_each_filing_stored_once(
    browser: Browser, playwright: Playwright, world: dict[str, Any]
) -> None:
    server, db = world["server"], world["db"]
    context = _phone(browser, playwright, service_workers="block")
    page = context.new_page()
    _sign_in(page, server.url, world["email"])
    context.set_offline(True)
    for n in range(5):
        _file_checklist(page, "APP-1", staff=n)

    cut: list[int] = []

    def stored_then_killed(route: Route) -> None:
        cut.append(route.fetch().status)  # the server stores the batch ...
        server.kill()  # ... and dies before the phone hears its answer
        route.abort()

    page.route("**/submissions/batch", stored_then_killed)
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    for _ in range(150):  # the app sends as soon as it is online: within 15 s
        if cut:
            break
        page.wait_for_timeout(100)
    expect(page.get_by_role("link", name="Outbox · 5 waiting")).to_be_visible()
    assert cut == [200] and len(_stored(db)["submission"]) == 5

    page.unroute("**/submissions/batch")
    server.start()
    page.get_by_role("link", name="Outbox · 5 waiting").click()
    page.get_by_role("button", name="Send now").click()
    expect(page.get_by_text("Already stored by the server")).to_have_count(5)
    assert _stored(db)["submission"] == _outbox_uuids(page)
    context.close()


def test_a_coordinator_records_a_meeting_which_is_sent_and_stored_once(
    browser: Browser, playwright: Playwright, world: dict[str, Any]
) -> None:
    server, db = world["server"], world["db"]
    context = _phone(browser, playwright, service_workers="block")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    _sign_in(page, server.url, world["coordinator"])
    page.get_by_role("link", name="Record a meeting").click()
    expect(page.get_by_role("heading", name="Record a meeting")).to_be_visible()
    assert _accessibility_faults(page) == []
    page.get_by_role("button", name="Save to send").click()  # nothing filled in yet
    expect(page.get_by_text("Write at least 3 characters.")).to_be_visible()
    expect(page.get_by_label("Kind of interlocutor")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Kind of interlocutor").select_option("civil_society")
    page.get_by_label("Institution, party or organisation").fill("Red de Mujeres Políticas")
    page.get_by_label("Who met").fill("Three of the network's leaders; the coordinator.")
    page.get_by_label("Theme").select_option("gender")
    page.get_by_label("Summary").fill("Women candidates get less airtime and are harassed online.")
    page.get_by_role("button", name="Save to send").click()
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    filed = page.locator("li.filing", has_text="Meeting: Red de Mujeres Políticas")
    expect(filed.locator(".state")).to_have_text("Stored by the server", timeout=30_000)

    with db.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT uuid, met_on, institution_type, theme, follow_up FROM meeting")
        ).all()
    ((uuid, met_on, kind, theme, follow_up),) = stored
    assert {uuid} == _outbox_uuids(page)
    assert (str(met_on), kind, theme, follow_up) == (
        date.today().isoformat(),
        "civil_society",
        "gender",
        None,
    )
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="What I sent").click()
    expect(page.locator("#sent-meetings li")).to_have_count(1)
    expect(page.locator("#sent-meetings li")).to_contain_text("Red de Mujeres Políticas")
    expect(page.locator("#sent-meetings li")).to_contain_text("Civil society")
    context.close()


def test_an_observer_at_the_stations_is_not_offered_meetings(
    browser: Browser, playwright: Playwright, world: dict[str, Any]
) -> None:
    context = _phone(browser, playwright, service_workers="block")
    page = context.new_page()
    _sign_in(page, world["server"].url, world["email"])
    expect(page.get_by_role("link", name="Report an incident")).to_be_visible()
    expect(page.get_by_role("link", name="Record a meeting")).to_have_count(0)
    context.close()


def test_what_i_sent_reads_back_checklists_and_incidents_with_the_missions_verdict(
    browser: Browser, playwright: Playwright, world: dict[str, Any]
) -> None:
    server, db = world["server"], world["db"]
    context = _phone(browser, playwright, service_workers="block", timezone_id="America/Bogota")
    page = context.new_page()
    sent: list[dict[str, Any]] = []

    def keep_batch(request: Request) -> None:
        if request.url.endswith("/batch"):
            sent.extend((request.post_data_json or {})["items"])

    page.on("request", keep_batch)
    _sign_in(page, server.url, world["email"])
    _file_checklist(page, "APP-1", staff=4)
    _report_incident(page, "Ballots were counted behind a closed door.")
    page.get_by_role("link", name=re.compile("^Outbox")).click()  # "· n waiting" until sent
    expect(page.get_by_text("Stored by the server")).to_have_count(2, timeout=30_000)
    # Times go with the phone's own offset (Bogotá, UTC−5), not converted to UTC.
    assert [item["observed_at"][-6:] for item in sent if "form_id" in item] == ["-05:00"]
    with db.session_scope() as session:
        (incident,) = session.exec(select(Incident)).all()
        incidents.verify(
            session,
            incident,
            IncidentVerify(verification=Verification.confirmed, note="Seen by the coordinator."),
            actor=SYSTEM,
        )

    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="What I sent").click()
    reports = page.locator("#sent-submissions li")
    expect(reports).to_have_count(1)
    expect(reports).to_contain_text("Opening")
    expect(reports).to_contain_text("APP-1")
    reported = page.locator("#sent-incidents li")
    expect(reported).to_have_count(1)
    expect(reported).to_contain_text("Irregular procedure")
    expect(reported.locator(".state")).to_have_text("Incident confirmed")
    expect(reported).to_contain_text("Note from the mission: Seen by the coordinator.")
    context.close()
