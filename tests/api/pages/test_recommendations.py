"""The recommendation pages: drafts hidden from everyone but staff, and the country
scorecard linking the follow-up report that the pages' user may read."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import make_user
from tests.support.examples import DRAFT_WORDS, Bolivia, bolivia
from tests.support.pages import sign_in
from tests.support.pdfs import text_of
from tests.support.worlds import PublishedAndDraft, published_and_draft


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> PublishedAndDraft:
    return published_and_draft(client, db, hasher)


def test_the_pages_hide_drafts_from_everyone_but_staff(
    client: TestClient, db: Database, world: PublishedAndDraft
) -> None:
    for caller, expected in (("anonymous", 404), ("donor", 404), ("staff", 200)):
        token = world.headers[caller].get("Authorization", "").removeprefix("Bearer ")
        client.cookies.set("eom_session", token)
        answer = client.get(f"/recommendations/{world.draft}")
        assert answer.status_code == expected, caller
        assert client.get(f"/recommendations/{world.published}").status_code == 200
    client.cookies.clear()


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


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


def test_a_scorecard_of_a_country_outside_the_oas_is_a_404_page(client: TestClient) -> None:
    for code in ("XX", "ES"):
        answer = client.get(f"/recommendations/countries/{code}?lang=en")
        assert answer.status_code == 404 and "text/html" in answer.headers["content-type"]
        assert f"{code} is not a member state of the OAS." in answer.text
