"""The donor funding statement through the API, the pages and the command line: who may
read it, for which period, in which language, and what bad input gets. (Who may read it,
caller by caller, is in the funding access matrix.)"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.db import Database
from eom.funding import donors
from eom.settings import Settings
from tests.api.test_cli import eom, one_line_error
from tests.api.test_errors import assert_problem
from tests.api.test_funding_pages import funded_world
from tests.api.test_pages import sign_in
from tests.factories import bearer
from tests.reports.pdfs import page_images, text_of


@dataclass
class World:
    canada: int
    japan: int
    staff_email: str
    donor_email: str


@pytest.fixture
def world(db: Database, hasher: PasswordHasher) -> World:
    """Canada (whose account is the donor's) and Japan fund Bolivia; see ``funded_world``."""
    funded = funded_world(db, hasher)
    with db.session_scope(write=False) as session:
        found = {name: donors.find_by_name(session, name) for name in ("Canada", "Japan")}
        ids = {name: donor.id or 0 for name, donor in found.items() if donor}
    return World(ids["Canada"], ids["Japan"], funded.staff_email, funded.donor_email)


def test_a_donor_reads_its_statement_in_the_language_asked_for(
    client: TestClient, world: World, tmp_path: Path
) -> None:
    own = bearer(client, world.donor_email)
    response = client.get(f"/api/v1/donors/{world.canada}/statement.pdf?lang=es", headers=own)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert f"statement-{world.canada}-es.pdf" in response.headers["content-disposition"]
    text = text_of(response.content)
    # 150,000.00 CAD × 0.7391 = 110,865.00; 100,000.00 CAD × 0.7391 = 73,910.00
    assert "Estado de financiamiento" in text and "Comprometido 110.865,00 US$" in text
    assert "2 mar 2026 EOM-BOL-2026 Recibido 100.000,00 CAD 0,7391 73.910,00 US$" in text
    assert len(page_images(response.content, tmp_path)) >= 4


def test_a_donor_cannot_read_another_donors_statement(client: TestClient, world: World) -> None:
    own = bearer(client, world.donor_email)
    assert_problem(client.get(f"/api/v1/donors/{world.japan}/statement.pdf", headers=own), 404)


def test_the_period_limits_the_contributions(client: TestClient, world: World) -> None:
    staff = bearer(client, world.staff_email)
    url = f"/api/v1/donors/{world.canada}/statement.pdf"
    within = text_of(client.get(f"{url}?from=2026-03-01&to=2026-03-31", headers=staff).content)
    assert "March 1, 2026 to March 31, 2026" in within and "Received $73,910.00" in within
    before = text_of(client.get(f"{url}?to=2026-02-28", headers=staff).content)
    assert "All contributions up to February 28, 2026" in before
    assert "No contributions were recorded in the period." in before


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("from=2026-04-01&to=2026-03-01", 422),
        ("from=2026-02-30", 422),
        ("to=yesterday", 422),
        ("lang=fr", 422),
    ],
)
def test_bad_periods_get_problem_documents(
    client: TestClient, world: World, query: str, status: int
) -> None:
    staff = bearer(client, world.staff_email)
    url = f"/api/v1/donors/{world.canada}/statement.pdf?{query}"
    assert_problem(client.get(url, headers=staff), status)


def test_the_statement_is_in_the_openapi_schema_as_a_pdf(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][
        "/api/v1/donors/{donor_id}/statement.pdf"
    ]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"401", "403", "404", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"from", "to", "lang"}


# --- the funding page --------------------------------------------------------------------


def test_the_donors_dashboard_links_its_own_statement(client: TestClient, world: World) -> None:
    sign_in(client, world.donor_email)
    page = client.get("/funding").text
    assert f'href="/donors/{world.canada}/statement.pdf"' in page
    assert f"/donors/{world.japan}/statement.pdf" not in page
    download = client.get(f"/donors/{world.canada}/statement.pdf?lang=es")
    assert download.headers["content-type"] == "application/pdf"
    assert "Estado de financiamiento" in text_of(download.content)
    assert_problem(client.get(f"/donors/{world.japan}/statement.pdf"), 404)


def test_staff_find_a_statement_link_for_each_donor(client: TestClient, world: World) -> None:
    sign_in(client, world.staff_email)
    page = client.get("/funding").text
    for donor in (world.canada, world.japan):
        assert f'href="/donors/{donor}/statement.pdf"' in page
    assert client.get(f"/donors/{world.japan}/statement.pdf").status_code == 200


def test_signed_out_browsers_get_no_statement(client: TestClient, world: World) -> None:
    assert "statement.pdf" not in client.get("/funding").text
    assert_problem(client.get(f"/donors/{world.canada}/statement.pdf"), 401)


# --- eom report donor --------------------------------------------------------------------


def test_the_command_writes_the_statement_and_shows_each_step(
    settings: Settings, world: World, tmp_path: Path
) -> None:
    target = tmp_path / "statement.pdf"
    result = eom(
        settings,
        "report",
        "donor",
        "Canada",
        "-o",
        str(target),
        "--from",
        "2026-01-01",
        "--lang",
        "es",
    )
    assert result.returncode == 0, result.stderr
    steps = result.stderr.strip().splitlines()
    assert len(steps) == 3 and all(line.startswith("report: ") for line in steps)
    assert "Canada" in steps[0] and str(target) in steps[-1]
    text = text_of(target.read_bytes())
    assert "1 de enero de 2026" in text and "73.910,00 US$" in text


def test_the_command_finds_a_donor_by_id(settings: Settings, world: World, tmp_path: Path) -> None:
    target = tmp_path / "statement.pdf"
    result = eom(settings, "report", "donor", str(world.japan), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "Japan" in text_of(target.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nobody"], "error: no donor named Nobody"),
        (["Canada", "--from", "2026-13-01"], "error: --from 2026-13-01: not a date (YYYY-MM-DD)"),
        (
            ["Canada", "--from", "2026-05-01", "--to", "2026-03-01"],
            "error: The period starts on 2026-05-01, after it ends on 2026-03-01.",
        ),
    ],
)
def test_bad_arguments_are_one_line_and_no_file(
    settings: Settings, world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "statement.pdf"
    result = eom(settings, "report", "donor", args[0], "-o", str(target), *args[1:])
    assert one_line_error(result) == message
    assert not target.exists()
