"""Documents through the API: who may read a mission report or a donor's statement, for
which period, in which language, and what bad input gets. (Who may read a statement,
caller by caller, is in the funding access matrix.)"""

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import bearer, signed_in_as
from tests.support.examples import DRAFT_WORDS, bolivia
from tests.support.pdfs import page_images, text_of
from tests.support.problems import assert_problem
from tests.support.worlds import FundedDonors, MissionReports, funded_donors, mission_reports

CALLERS = ("anonymous", "member", "other_observer", "donor", "staff")


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> MissionReports:
    return mission_reports(client, db, hasher)


@pytest.mark.parametrize(
    ("which", "expected"),
    [
        ("published", (200, 200, 200, 200, 200)),
        ("unpublished", (404, 404, 404, 404, 200)),
        ("hidden", (404, 404, 404, 404, 200)),
    ],
)
def test_staff_read_any_report_everyone_else_only_published_ones(
    client: TestClient, world: MissionReports, which: str, expected: tuple[int, ...]
) -> None:
    url = f"/api/v1/missions/{getattr(world, which)}/report.pdf"
    found = tuple(client.get(url, headers=world.headers[c]).status_code for c in CALLERS)
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


def test_the_report_is_a_pdf_in_the_language_asked_for(
    client: TestClient, world: MissionReports
) -> None:
    url = f"/api/v1/missions/{world.published}/report.pdf"
    english = client.get(url)
    assert english.headers["content-type"] == "application/pdf"
    assert 'filename="EOM-PUB-2026-en.pdf"' in english.headers["content-disposition"]
    assert "Summary of the mission" in text_of(english.content)
    spanish = client.get(url, params={"lang": "es"})
    assert "Resumen de la misión" in text_of(spanish.content)
    assert 'filename="EOM-PUB-2026-es.pdf"' in spanish.headers["content-disposition"]


def test_the_report_s_language_is_the_call_s_never_the_pages_cookie(
    client: TestClient, world: MissionReports
) -> None:
    url = f"/api/v1/missions/{world.published}/report.pdf"
    client.cookies.set("lang", "es")  # chosen on the pages
    english = client.get(url)
    assert 'filename="EOM-PUB-2026-en.pdf"' in english.headers["content-disposition"]
    spanish = client.get(url, headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert 'filename="EOM-PUB-2026-es.pdf"' in spanish.headers["content-disposition"]
    assert "Accept-Language" in spanish.headers["vary"]
    assert "set-cookie" not in client.get(url, params={"lang": "en"}).headers


def test_an_unpublished_report_is_not_found_in_the_readers_language(
    client: TestClient, world: MissionReports
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
    client: TestClient, world: MissionReports, path: str, status: int
) -> None:
    url = path.format(published=world.published)
    assert_problem(client.get(url, headers=world.headers["staff"]), status)


def test_a_bad_token_is_401_even_for_a_published_report(
    client: TestClient, world: MissionReports
) -> None:
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


# --- a donor's statement --------------------------------------------------------------


@pytest.fixture
def funded(db: Database, hasher: PasswordHasher) -> FundedDonors:
    return funded_donors(db, hasher)


def test_a_donor_reads_its_statement_in_the_language_asked_for(
    client: TestClient, funded: FundedDonors, tmp_path: Path
) -> None:
    own = bearer(client, funded.donor_email)
    response = client.get(f"/api/v1/donors/{funded.canada}/statement.pdf?lang=es", headers=own)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert f"statement-{funded.canada}-es.pdf" in response.headers["content-disposition"]
    text = text_of(response.content)
    # 150,000.00 CAD × 0.7391 = 110,865.00; 100,000.00 CAD × 0.7391 = 73,910.00
    assert "Estado de financiamiento" in text and "Comprometido 110.865,00 US$" in text
    assert "2 mar 2026 EOM-BOL-2026 Recibido 100.000,00 CAD 0,7391 73.910,00 US$" in text
    assert len(page_images(response.content, tmp_path)) >= 4


def test_a_donor_cannot_read_another_donors_statement(
    client: TestClient, funded: FundedDonors
) -> None:
    own = bearer(client, funded.donor_email)
    assert_problem(client.get(f"/api/v1/donors/{funded.japan}/statement.pdf", headers=own), 404)


def test_the_period_limits_the_contributions(client: TestClient, funded: FundedDonors) -> None:
    staff = bearer(client, funded.staff_email)
    url = f"/api/v1/donors/{funded.canada}/statement.pdf"
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
    client: TestClient, funded: FundedDonors, query: str, status: int
) -> None:
    staff = bearer(client, funded.staff_email)
    url = f"/api/v1/donors/{funded.canada}/statement.pdf?{query}"
    assert_problem(client.get(url, headers=staff), status)


def test_the_statement_is_in_the_openapi_schema_as_a_pdf(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][
        "/api/v1/donors/{donor_id}/statement.pdf"
    ]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"401", "403", "404", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"from", "to", "lang"}
