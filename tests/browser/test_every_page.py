"""Every page, as every role, in English and Spanish, on a 390 px phone and a 1366 px
laptop, over the demo data set as a new user meets it: nothing scrolls sideways (on the
laptop not even a table in its box), no chart text is smaller than 12 px, and axe-core
finds no WCAG 2.1 A or AA violation. Refusals (404, 403, 422) are pages too, in the
reader's language."""

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from filelock import FileLock
from playwright.sync_api import Browser, Page

from eom.accounts import resets
from eom.accounts import service as accounts
from eom.audit.service import SYSTEM
from eom.core import migrate
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.security import make_password_hasher
from eom.core.settings import Settings
from eom.documents import service as documents
from eom.documents.service import ArchiveFilters
from eom.field import stations, submissions
from eom.field.submissions import FilingFilters
from eom.planning.missions import service as missions
from eom.planning.missions import visits
from recommendations import service as recommendations
from recommendations.service import Filters
from seed.accounts import DEMO_ACCOUNTS
from seed.loader import STEPS
from tests.support.browser import sign_in, wait_until_serving
from tests.support.cli import env_for
from tests.support.databases import settings_for
from tests.support.network import free_port

pytestmark = pytest.mark.browser

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The rendered size of every visible text of every chart, in CSS pixels.
CHART_TEXT_SIZES = """() => Array.from(document.querySelectorAll("svg.eom-chart text"))
  .filter(t => t.getClientRects().length > 0)
  .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize)
                            * t.ownerSVGElement.getScreenCTM().a])"""

# The tables whose box scrolls sideways: on a phone that is how a wide table reads, on a
# laptop every column should be in view.
TABLES_THAT_SCROLL = """() => Array.from(document.querySelectorAll(".table-scroll"))
  .filter(box => box.scrollWidth > box.clientWidth)
  .map(box => box.getAttribute("aria-label"))"""


@dataclass(frozen=True)
class DemoSite:
    url: str
    passwords: dict[str, str]  # by role
    emails: dict[str, str]
    paths: dict[str, list[tuple[str, int]]]  # by role: (path, expected status)


def _seeded(folder: Path) -> Settings:
    """The demo data set, seeded once through the services into a SQLite file that every
    test process of the run shares (the first to come seeds it, the others wait)."""
    settings = settings_for(folder, f"sqlite:///{folder / 'demo.sqlite3'}")
    with FileLock(folder / "seed.lock"):
        if not (folder / "seeded").exists():
            database = Database(settings)
            migrate.upgrade(database.engine)
            hasher = make_password_hasher(settings)
            for _, step in STEPS:
                with database.session_scope() as session:
                    step(session, hasher, lambda _: None)
            with database.session_scope() as session:
                # A password reset link for the observer, whose page every role opens.
                observer = accounts.find_user_by_email(session, "observer@eom.example")
                assert observer is not None
                plain, _ = resets.create_reset_link(session, observer, actor=SYSTEM, now=utcnow())
            (folder / "reset-token").write_text(plain)
            database.dispose()
            (folder / "seeded").touch()
    return settings


@pytest.fixture(scope="module")
def demo_site(db_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """The demo data set, served by a server of this test process."""
    if db_kind != "sqlite":
        pytest.skip("the pages do not change with the database: the sweep runs on SQLite")
    # The workers of one xdist run share a parent folder of their own; a run without xdist
    # keeps to its own folder (the parent is shared by every run of every checkout).
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "demo-site"
    shared.mkdir(exist_ok=True)
    settings = _seeded(shared)
    folder = tmp_path_factory.mktemp("demo")
    database = Database(settings)
    with database.session_scope() as session:
        ids = {m.code: m.id for m in missions.list_missions(session, limit=50, offset=0)[0]}
        published, _ = recommendations.list_recommendations(
            session, Filters(country="BO"), limit=1, offset=0
        )
        recommendation = published[0][0].id
        staff_account = accounts.find_user_by_email(session, "staff@eom.example")
        assert staff_account is not None
        bahamas = missions.get_mission(session, ids["EOM-BHS-2026"] or 0)
        (station,), _ = stations.list_stations(session, bahamas, limit=1, offset=0)
        (filing,) = submissions.filings(session, bahamas, FilingFilters(), limit=1)
        (visit,) = visits.visits_of(session, bahamas)
        bolivia = missions.get_mission(session, ids["EOM-BOL-2025"] or 0)
        [(statement, _)], _ = documents.documents_of(
            session, bolivia, everything=True, or_ids=set(), limit=1, offset=0
        )
        section = documents.sections_of(session, statement)[0]
        archived, _ = documents.public_archive(
            session, ArchiveFilters(country="BO"), limit=1, offset=0
        )
        document = archived[0][0].id
    database.dispose()
    reset_token = (shared / "reset-token").read_text()
    board = f"/missions/{ids['EOM-BHS-2026']}/board"
    public = [
        ("/", 200),
        ("/login", 200),
        ("/missions", 200),
        (f"/missions/{ids['EOM-BOL-2025']}", 200),
        ("/recommendations", 200),
        (f"/recommendations/{recommendation}", 200),
        ("/recommendations/countries/BO", 200),
        ("/documents", 200),
        ("/documents?country=BO&year=&kind=final_report&q=informe", 200),
        (f"/documents/{document}", 200),
        ("/documents/999999", 404),
        ("/funding", 200),
        ("/missions/999999", 404),
        ("/recommendations/countries/XX", 404),
        (f"/reset/{reset_token}", 200),
        ("/reset/no-such-link", 404),
        ("/problems", 200),
        ("/problems/no-such-kind", 404),
        ("/forgot", 200),
    ]
    staff = [
        *public,
        ("/roster", 200),
        ("/roster?nationality=Argentina", 422),
        ("/roster/import", 200),
        (f"/missions/{ids['EOM-ARG-2027']}", 200),
        (f"/missions/{ids['EOM-BHS-2026']}", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/board", 200),
        (f"/missions/{ids['EOM-BOL-2025']}/board", 200),
        (f"{board}?phase=voting&region={quote(station.region)}", 200),
        (f"{board}/regions/{quote(station.region, safe='')}", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/stations/{station.id}/filings", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/members/{filing.submission.member_id}/filings", 200),
        ("/donors/2", 200),
        ("/missions/new", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/team", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/team/{filing.submission.member_id}/dates", 200),
        (f"/missions/{ids['EOM-ECU-2027']}/team/add?free=true", 200),
        ("/observers/1", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/stations", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/meetings", 200),
        (f"/missions/{ids['EOM-BOL-2025']}/meetings?theme=gender&institution_type=", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/meetings?institution_type=church", 422),
        (f"/missions/{ids['EOM-ARG-2027']}/edit", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/visits", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/visits/{visit.id}/edit", 200),
        (f"/missions/{ids['EOM-ARG-2027']}/visits/{visit.id}/edit", 404),
        (f"/missions/{ids['EOM-ARG-2027']}/step?to=cancelled", 200),
        (f"/missions/{ids['EOM-ARG-2027']}/documents", 200),
        (f"/missions/{ids['EOM-BOL-2025']}/documents", 200),
        (f"/missions/{ids['EOM-BOL-2025']}/documents/{statement.id}", 200),
        (f"/missions/{ids['EOM-ARG-2027']}/documents/{statement.id}", 404),
        (f"/missions/{ids['EOM-BOL-2025']}/documents/{statement.id}/sections/{section.id}", 200),
        (
            f"/missions/{ids['EOM-BOL-2025']}/documents/{statement.id}"
            f"/sections/{section.id}/versions/1/diff",
            200,
        ),
        (f"/missions/{ids['EOM-ARG-2027']}/step?to=deployed", 404),
        (f"/missions/{ids['EOM-PER-2026']}/recommendations", 200),
        (f"/missions/{ids['EOM-PER-2026']}/recommendations/new", 200),
        (f"/missions/{ids['EOM-PER-2026']}/follow-up", 200),
        (f"/recommendations/{recommendation}/edit", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/funding", 200),
        ("/funding/rates", 200),
        ("/donors/new", 200),
        ("/donors/2/edit", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/forms", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/forms/1", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/forms/1/preview", 200),
        (f"/missions/{ids['EOM-BHS-2026']}/forms/1/questions/new", 200),
        ("/admin/audit", 403),
        ("/account", 200),
        ("/account/password", 200),
        ("/account/two-factor", 200),
    ]
    # Visitors and staff see every page; the other roles the pages that change for them.
    paths = {
        "anonymous": public,
        "staff": staff,
        "admin": [
            ("/", 200),
            ("/roster", 200),
            ("/funding", 200),
            ("/admin/accounts", 200),
            ("/admin/accounts?role=staff&active=true", 200),
            ("/admin/accounts/new", 200),
            (f"/admin/accounts/{staff_account.id}", 200),
            ("/admin/audit", 200),
            ("/admin/audit?entity_type=money_movement", 200),
            ("/admin/audit?from=yesterday", 422),
        ],
        "observer": [
            ("/", 200),
            ("/missions", 200),
            ("/my/code", 200),
            ("/roster", 403),
            (f"/missions/{ids['EOM-BHS-2026']}/meetings", 403),
            ("/account", 200),
            ("/account/password", 200),
            ("/account/two-factor", 200),
        ],
        "donor": [("/", 200), ("/funding", 200), ("/donors/2", 200), ("/donors/3", 404)],
    }
    # Served by `eom serve` in a process of its own, as in production: the browser's
    # client in this process does not share a GIL with the server.
    port = free_port()
    log = (folder / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        env=env_for(settings),
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, server, folder / "serve.log")
        yield DemoSite(
            url=url,
            passwords={role.value: password for _, _, role, password in DEMO_ACCOUNTS},
            emails={role.value: email for email, _, role, _ in DEMO_ACCOUNTS},
            paths=paths,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _problems_of(page: Page, path: str, status: int, answered: int, width: int) -> list[str]:
    found = []
    if answered != status:
        found.append(f"{path}: answered {answered}, not {status}")
    if "text/html" not in (page.evaluate("document.contentType") or ""):
        found.append(f"{path}: not an HTML page")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"{path}: {scroll} px wide on a {width} px screen")
    if width >= 1366:
        cut = page.evaluate(TABLES_THAT_SCROLL)
        if cut:
            found.append(f"{path}: tables scroll on a {width} px screen: {cut}")
    small = [(text, round(px, 1)) for text, px in page.evaluate(CHART_TEXT_SIZES) if px < 11.95]
    if small:
        found.append(f"{path}: chart text under 12 px: {small[:3]}")
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations"
        ".map(v => v.id + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        WCAG_21_AA,
    )
    found += [f"{path}: axe {violation}" for violation in violations]
    return found


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("role", ["anonymous", "staff", "admin", "observer", "donor"])
def test_every_page_reads_on_a_phone_and_a_laptop_without_accessibility_faults(
    browser: Browser, demo_site: DemoSite, role: str, language: str, width: int
) -> None:
    phone = width < 800
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
        locale="es-ES" if language == "es" else "en-US",
    )
    context.add_init_script(path=str(AXE))  # axe-core from npm, in every page loaded
    page = context.new_page()
    page.set_default_timeout(15_000)
    if role != "anonymous":
        page.goto(f"{demo_site.url}/?lang=en")
        sign_in(page, demo_site.url, demo_site.emails[role], demo_site.passwords[role])
    page.goto(f"{demo_site.url}/?lang={language}")  # remembered in a cookie from here on
    problems: list[str] = []
    for path, status in demo_site.paths[role]:
        answer = page.goto(demo_site.url + path, wait_until="domcontentloaded")
        assert answer is not None
        problems += _problems_of(page, path, status, answer.status, width)
        if status >= 400:
            assert page.locator("html").get_attribute("lang") == language
    context.close()
    assert not problems, "\n".join(problems)
