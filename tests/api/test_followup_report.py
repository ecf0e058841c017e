"""A country's follow-up report through the API, the scorecard page and the command line:
who sees which recommendations, in which language, and what bad input gets."""

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.db import Database
from eom.settings import Settings
from tests.api.test_cli import eom, one_line_error
from tests.api.test_errors import assert_problem
from tests.api.test_pages import sign_in
from tests.factories import make_user, signed_in_as
from tests.reports.examples import DRAFT_WORDS, Bolivia, bolivia
from tests.reports.pdfs import page_images, pages_text, text_of

URL = "/api/v1/recommendations/report.pdf"
PUBLISHED_WORDS = "Enforce gender parity on every list of candidates."


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


def test_anyone_reads_the_report_of_the_published_recommendations(
    client: TestClient, example: Bolivia
) -> None:
    response = client.get(URL, params={"country": "BO"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="recommendations-BO-en.pdf"' in response.headers["content-disposition"]
    text = text_of(response.content)
    assert "Follow-up of recommendations" in text and "Bolivia" in text
    assert PUBLISHED_WORDS in text and "Recommendations: 3 · Missions: 2" in text
    # The matrix's total row: partially, fully, not assessed; 3 in all, rate 50%.
    assert "Total 1 1 1 3 50%" in text
    assert "Chain 1: Media, 2 missions" in text


def test_an_unpublished_recommendation_never_reaches_a_public_report(
    client: TestClient, db: Database, hasher: PasswordHasher, example: Bolivia
) -> None:
    for role in (None, Role.observer, Role.donor):
        headers = signed_in_as(client, db, hasher, role) if role else {}
        for language in ("en", "es"):
            response = client.get(URL, params={"country": "BO", "lang": language}, headers=headers)
            assert DRAFT_WORDS not in text_of(response.content)


def test_staff_read_the_drafts_marked_as_such(
    client: TestClient, db: Database, hasher: PasswordHasher, example: Bolivia
) -> None:
    headers = signed_in_as(client, db, hasher, Role.staff)
    text = text_of(client.get(URL, params={"country": "BO"}, headers=headers).content)
    assert DRAFT_WORDS in text and text.count("Draft: not published") == 2
    assert "Recommendations: 5 · Missions: 2" in text


def test_the_report_is_in_the_language_asked_for(client: TestClient, example: Bolivia) -> None:
    response = client.get(URL, params={"country": "BO", "lang": "es"})
    text = text_of(response.content)
    assert "Seguimiento de recomendaciones" in text and "Bolivia" in text
    assert "Hacer cumplir la paridad de género" in text and "Implementada totalmente" in text
    assert "1 sept 2026 Implementada totalmente EOM-BOL-2026" in text
    assert 'filename="recommendations-BO-es.pdf"' in response.headers["content-disposition"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_opens_as_an_image(
    client: TestClient, example: Bolivia, language: str, tmp_path: Path
) -> None:
    document = client.get(URL, params={"country": "BO", "lang": language}).content
    assert len(page_images(document, tmp_path)) == len(pages_text(document)) >= 4


def test_a_country_without_recommendations_is_a_short_document(
    client: TestClient, example: Bolivia
) -> None:
    response = client.get(URL, params={"country": "cl"})
    assert response.status_code == 200
    assert "No recommendations were made to this country." in text_of(response.content)


@pytest.mark.parametrize(
    "params",
    [{}, {"country": "XX"}, {"country": "FR"}, {"country": "BOL"}, {"country": "BO", "lang": "fr"}],
)
def test_a_missing_unknown_or_non_member_country_is_422(
    client: TestClient, params: dict[str, str]
) -> None:
    assert_problem(client.get(URL, params=params), 422)


def test_report_pdf_is_not_taken_for_a_recommendation_id(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][URL]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"401", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"country", "lang"}


def test_a_bad_token_is_401(client: TestClient) -> None:
    response = client.get(
        URL, params={"country": "BO"}, headers={"Authorization": "Bearer not-a-token"}
    )
    assert_problem(response, 401)


def test_the_scorecard_links_the_report_served_to_the_pages_user(
    client: TestClient, db: Database, hasher: PasswordHasher, example: Bolivia
) -> None:
    page = client.get("/recommendations/countries/BO").text
    assert "/recommendations/countries/BO/report.pdf" in page
    public = client.get("/recommendations/countries/BO/report.pdf")
    assert public.headers["content-type"] == "application/pdf"
    assert DRAFT_WORDS not in text_of(public.content)
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    staff = client.get("/recommendations/countries/BO/report.pdf?lang=es")
    assert DRAFT_WORDS in text_of(staff.content)


# --- eom report followup -----------------------------------------------------------------


def test_the_command_writes_the_report_and_shows_each_step(
    settings: Settings, db: Database, example: Bolivia, tmp_path: Path
) -> None:
    target = tmp_path / "bo.pdf"
    result = eom(settings, "report", "followup", "bo", "-o", str(target), "--lang", "es")
    assert result.returncode == 0, result.stderr
    steps = result.stderr.strip().splitlines()
    assert len(steps) == 4 and all(line.startswith("report: ") for line in steps)
    assert "Bolivia" in steps[0] and "3 recommendations, 1 reiterated" in steps[1]
    assert str(target) in steps[-1]
    text = text_of(target.read_bytes())
    assert "Hacer cumplir la paridad de género" in text and DRAFT_WORDS not in text


def test_the_command_writes_drafts_only_when_asked(
    settings: Settings, db: Database, example: Bolivia, tmp_path: Path
) -> None:
    target = tmp_path / "bo.pdf"
    result = eom(settings, "report", "followup", "BO", "-o", str(target), "--drafts")
    assert result.returncode == 0, result.stderr
    assert DRAFT_WORDS in text_of(target.read_bytes())


def test_the_mission_report_command_leaves_drafts_out_unless_asked(
    settings: Settings, db: Database, example: Bolivia, tmp_path: Path
) -> None:
    target = tmp_path / "mission.pdf"
    result = eom(settings, "report", "mission", "EOM-BOL-2026", "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = text_of(target.read_bytes())
    assert "Reiterates EOM-BOL-2020 #2" in text and PUBLISHED_WORDS in text
    assert DRAFT_WORDS not in text
    eom(settings, "report", "mission", "EOM-BOL-2026", "-o", str(target), "--drafts")
    assert DRAFT_WORDS in text_of(target.read_bytes())


@pytest.mark.parametrize("country", ["XX", "FR", "Bolivia"])
def test_a_country_that_is_not_a_member_state_is_one_line_and_no_file(
    settings: Settings, db: Database, tmp_path: Path, country: str
) -> None:
    target = tmp_path / "report.pdf"
    result = eom(settings, "report", "followup", country, "-o", str(target))
    assert one_line_error(result) == (
        f"error: {country} is not the alpha-2 code of an OAS member state"
    )
    assert not target.exists()
