"""Documents through the API and the command line: who may read a mission report, in
which language, and what bad input gets."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.db import Database
from eom.missions.models import MissionStatus
from eom.settings import Settings
from tests.api.test_cli import eom, one_line_error
from tests.api.test_errors import assert_problem
from tests.api.test_pages import sign_in
from tests.factories import (
    advance,
    bearer,
    make_member,
    make_mission,
    make_observer,
    make_user,
    signed_in_as,
)
from tests.reports.examples import DRAFT_WORDS, bolivia
from tests.reports.pdfs import text_of

CALLERS = ("anonymous", "member", "other_observer", "donor", "staff")


@dataclass
class World:
    published: int
    unpublished: int
    hidden: int
    headers: dict[str, dict[str, str]]


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> World:
    """A mission whose final report is out, one deployed (public, report not out), one not
    yet accepted; an observer who is a member of all three."""
    published = advance(db, make_mission(db, code="EOM-PUB-2026"), MissionStatus.final_report)
    unpublished = advance(db, make_mission(db, code="EOM-DEP-2026"), MissionStatus.deployed)
    hidden = make_mission(db, code="EOM-HID-2026", host_country="PE")
    observer = make_observer(db, email="member@observers.example")
    for mission in (published, unpublished, hidden):
        make_member(db, mission, observer)
    make_observer(db, email="other@observers.example")
    for email in ("member@observers.example", "other@observers.example"):
        make_user(db, hasher, role=Role.observer, email=email)
    headers = {
        "anonymous": {},
        "member": bearer(client, "member@observers.example"),
        "other_observer": bearer(client, "other@observers.example"),
        "donor": signed_in_as(client, db, hasher, Role.donor),
        "staff": signed_in_as(client, db, hasher, Role.staff),
    }
    return World(published.id or 0, unpublished.id or 0, hidden.id or 0, headers)


@pytest.mark.parametrize(
    ("which", "expected"),
    [
        ("published", (200, 200, 200, 200, 200)),
        ("unpublished", (404, 404, 404, 404, 200)),
        ("hidden", (404, 404, 404, 404, 200)),
    ],
)
def test_staff_read_any_report_everyone_else_only_published_ones(
    client: TestClient, world: World, which: str, expected: tuple[int, ...]
) -> None:
    url = f"/api/v1/missions/{getattr(world, which)}/report.pdf"
    found = tuple(client.get(url, headers=world.headers[c]).status_code for c in CALLERS)
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


def test_the_report_is_a_pdf_in_the_language_asked_for(client: TestClient, world: World) -> None:
    url = f"/api/v1/missions/{world.published}/report.pdf"
    english = client.get(url)
    assert english.headers["content-type"] == "application/pdf"
    assert 'filename="EOM-PUB-2026-en.pdf"' in english.headers["content-disposition"]
    assert "Summary of the mission" in text_of(english.content)
    spanish = client.get(url, params={"lang": "es"})
    assert "Resumen de la misión" in text_of(spanish.content)
    assert 'filename="EOM-PUB-2026-es.pdf"' in spanish.headers["content-disposition"]


def test_an_unpublished_report_is_not_found_in_the_readers_language(
    client: TestClient, world: World
) -> None:
    response = client.get(f"/api/v1/missions/{world.unpublished}/report.pdf?lang=es")
    assert_problem(response, 404, f"La misión {world.unpublished} no tiene un informe publicado.")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/missions/999999/report.pdf", 404),
        ("/api/v1/missions/0/report.pdf", 422),
        ("/api/v1/missions/{published}/report.pdf?lang=fr", 422),
    ],
)
def test_bad_requests_get_problem_documents(
    client: TestClient, world: World, path: str, status: int
) -> None:
    url = path.format(published=world.published)
    assert_problem(client.get(url, headers=world.headers["staff"]), status)


def test_a_bad_token_is_401_even_for_a_published_report(client: TestClient, world: World) -> None:
    response = client.get(
        f"/api/v1/missions/{world.published}/report.pdf",
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert_problem(response, 401)


def test_the_report_is_in_the_openapi_schema_as_a_pdf(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][
        "/api/v1/missions/{mission_id}/report.pdf"
    ]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"401", "404", "422"} <= set(operation["responses"])
    assert any(p["name"] == "lang" for p in operation["parameters"])


def test_the_mission_page_links_the_report_once_it_is_published(
    client: TestClient, world: World
) -> None:
    assert (
        f"/missions/{world.published}/report.pdf" in client.get(f"/missions/{world.published}").text
    )
    assert "report.pdf" not in client.get(f"/missions/{world.unpublished}").text
    download = client.get(f"/missions/{world.published}/report.pdf")
    assert download.headers["content-type"] == "application/pdf"
    assert_problem(client.get(f"/missions/{world.unpublished}/report.pdf"), 404)


def test_staff_signed_in_on_the_pages_download_a_draft_report(
    client: TestClient, world: World, db: Database, hasher: PasswordHasher
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert (
        f"/missions/{world.unpublished}/report.pdf"
        in client.get(f"/missions/{world.unpublished}").text
    )
    response = client.get(f"/missions/{world.unpublished}/report.pdf?lang=es")
    assert response.status_code == 200
    assert "Resumen de la misión" in text_of(response.content)


# --- eom report mission ------------------------------------------------------------------


def test_the_command_writes_the_report_and_shows_each_step(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    advance(db, make_mission(db, code="EOM-CLI-2026"), MissionStatus.deployed)
    target = tmp_path / "report.pdf"
    result = eom(settings, "report", "mission", "EOM-CLI-2026", "-o", str(target), "--lang", "es")
    assert result.returncode == 0, result.stderr
    steps = result.stderr.strip().splitlines()
    assert len(steps) == 3 and all(line.startswith("report: ") for line in steps)
    assert "EOM-CLI-2026" in steps[0] and str(target) in steps[-1]
    assert "Resumen de la misión" in text_of(target.read_bytes())


def test_an_unknown_mission_is_one_line_and_no_file(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    result = eom(settings, "report", "mission", "EOM-NONE-2026", "-o", str(target))
    assert one_line_error(result) == "error: no mission with the code EOM-NONE-2026"
    assert not target.exists()


def test_an_unwritable_path_is_one_line_before_any_work(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    make_mission(db, code="EOM-CLI-2027")
    for target in (tmp_path / "missing" / "report.pdf", tmp_path):
        result = eom(settings, "report", "mission", "EOM-CLI-2027", "-o", str(target))
        assert one_line_error(result).startswith(f"error: cannot write {target}")


def test_an_unknown_language_is_one_line(settings: Settings, db: Database, tmp_path: Path) -> None:
    make_mission(db, code="EOM-CLI-2028")
    target = tmp_path / "r.pdf"
    result = eom(settings, "report", "mission", "EOM-CLI-2028", "-o", str(target), "--lang", "fr")
    assert "fr" in one_line_error(result)


def test_a_public_mission_report_leaves_out_draft_recommendations(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    example = bolivia(db)
    url = f"/api/v1/missions/{example.new.id}/report.pdf"
    public = text_of(client.get(url).content)
    assert "Reiterates EOM-BOL-2020 #2" in public and DRAFT_WORDS not in public
    assert "Enforce gender parity on every list of candidates." in public
    staff = client.get(url, headers=signed_in_as(client, db, hasher, Role.staff))
    assert DRAFT_WORDS in text_of(staff.content)
    assert "Draft: not published" in text_of(staff.content)
