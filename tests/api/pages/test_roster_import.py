"""Staff upload the observer roster from CSV on its page: a good file adds and updates
observers, a bad one is reported row by row and stores nothing; only staff may do it,
and only with the form's token."""

import codecs

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import select

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.observers.importing import COLUMNS
from eom.planning.observers.models import Observer
from tests.factories import make_observer, make_user
from tests.support.pages import csrf_of, sign_in

HEADER = "full_name,nationality,gender,languages,expertise,email,phone\n"
GOOD = (
    HEADER
    + "Ana Núñez,AR,female,es en,gender media,ana.nunez@observers.example,+54 11 5555 0100\n"
    + "Ben Okafor,CA,male,en;fr,electoral_technology,ben.okafor@observers.example,\n"
)


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)


def _emails(db: Database) -> list[str]:
    with db.session_scope() as session:
        return sorted(o.email for o in session.exec(select(Observer)))


def test_the_page_explains_each_column_and_the_roster_links_it(
    client: TestClient, staff: None
) -> None:
    assert 'href="/roster/import"' in client.get("/roster").text
    page = client.get("/roster/import").text
    assert 'enctype="multipart/form-data"' in page and 'id="example"' in page
    assert all(f"<code>{column}</code>" in page for column in COLUMNS)


def test_staff_upload_the_roster_and_the_roster_page_says_so(
    client: TestClient, db: Database, staff: None
) -> None:
    known = make_observer(db, phone="+1 613 555 0100")
    changed = (
        f"{known.full_name},CA,female,en es,electoral_organization,{known.email},+1 613 555 0199\n"
    )
    token = csrf_of(client.get("/roster/import").text)
    done = client.post(
        "/roster/import",
        data={"csrf": token},
        files={"file": ("roster.csv", codecs.BOM_UTF8 + (GOOD + changed).encode(), "text/csv")},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/roster"
    roster = client.get("/roster").text
    assert "Roster imported: 2 new, 1 updated." in roster
    assert "Ana Núñez" in roster and "Ben Okafor" in roster
    assert _emails(db) == sorted(
        ["ana.nunez@observers.example", "ben.okafor@observers.example", known.email]
    )


def test_a_bad_file_is_reported_row_by_row_and_stores_nothing(
    client: TestClient, db: Database, staff: None
) -> None:
    token = csrf_of(client.get("/roster/import").text)
    bad = GOOD.replace("CA,male", "ZZ,male").replace("ben.okafor@observers.example", "ben at home")
    refused = client.post(
        "/roster/import",
        data={"csrf": token},
        files={"file": ("roster.csv", bad.encode(), "text/csv")},
    )
    assert refused.status_code == 422
    assert 'id="problems"' in refused.text
    assert "<td>3</td><td>nationality</td>" in refused.text
    assert "<td>3</td><td>email</td>" in refused.text
    assert "use the two-letter country code" in refused.text
    assert _emails(db) == []


def test_only_staff_open_the_import_page(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    signed_out = client.get("/roster/import", follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")
    for role in (Role.observer, Role.donor):
        client.cookies.clear()
        sign_in(client, make_user(db, hasher, role=role).email)
        assert client.get("/roster/import").status_code == 403, role
        token = csrf_of(client.get("/").text)
        upload = client.post(
            "/roster/import",
            data={"csrf": token},
            files={"file": ("roster.csv", GOOD.encode(), "text/csv")},
        )
        assert upload.status_code == 403, role
    assert _emails(db) == []


def test_an_upload_without_its_token_is_refused_and_stores_nothing(
    client: TestClient, db: Database, staff: None
) -> None:
    forged = client.post(
        "/roster/import", files={"file": ("roster.csv", GOOD.encode(), "text/csv")}
    )
    assert forged.status_code == 403 and _emails(db) == []
