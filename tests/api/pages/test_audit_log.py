"""Administrators read the audit log on a page: newest first, filtered by who, which record
and which days, each entry with the fields it changed, under the result of verifying the
hash chains against the signed checkpoints. Only administrators read it."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import text

from eom.accounts import service as accounts
from eom.accounts.models import Role, User, UserUpdate
from eom.audit import checkpoints
from eom.audit.checkpoints import Anchoring
from eom.core.clock import utcnow
from eom.core.db import Database
from tests.factories import make_user
from tests.support import forgery
from tests.support.pages import sign_in


@pytest.fixture
def admin(client: TestClient, db: Database, hasher: PasswordHasher) -> User:
    user = make_user(db, hasher, role=Role.admin, email="admin@example.org")
    sign_in(client, user.email)
    return user


def _rename(db: Database, hasher: PasswordHasher, user: User, by: User, name: str) -> None:
    with db.session_scope() as session:
        accounts.update_user(
            session,
            accounts.get_user(session, user.id or 0),
            UserUpdate(full_name=name),
            actor=accounts.actor_of(by),
            hasher=hasher,
        )


def test_the_log_shows_each_change_newest_first_under_an_intact_chain(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: User
) -> None:
    user = make_user(db, hasher, full_name="Before Name")
    _rename(db, hasher, user, admin, "After Name")
    page = client.get("/admin/audit")
    assert page.status_code == 200
    assert "entries checked, the chain is intact." in page.text
    newest = page.text.index(f'<a href="/admin/audit?entity_type=user&amp;entity_id={user.id}">')
    assert newest < page.text.index('<span class="action">create</span>')
    assert "<summary>3 fields changed</summary>" in page.text  # name, version, updated_at
    assert '<th scope="row">full_<wbr>name</th><td>Before Name</td><td>After Name</td>' in page.text
    assert "Created with" in page.text and "password_hash" not in page.text
    assert "No signed checkpoint anchors the log yet" in page.text


def test_the_log_is_filtered_by_actor_record_and_days(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: User
) -> None:
    user = make_user(db, hasher)
    _rename(db, hasher, user, admin, "Renamed")
    by_admin = client.get("/admin/audit?actor=ADMIN@&entity_type=user")
    assert (
        "1 entries" in by_admin.text and '<strong class="actor">admin@example.org' in by_admin.text
    )
    record = client.get(f"/admin/audit?entity_type=user&entity_id={user.id}")
    assert "2 entries" in record.text and 'value="user" selected' in record.text
    today = utcnow().date()
    assert "0 entries" in client.get(f"/admin/audit?to={today.replace(year=today.year - 1)}").text
    days = client.get(f"/admin/audit?from={today}&to={today}&actor=&entity_type=&entity_id=")
    assert days.status_code == 200 and "No entries match." not in days.text


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=03/01/2026", "from", "Write a date as YYYY-MM-DD."),
        ("from=2026-03-02&to=2026-03-01", "to", "The last day cannot come before the first."),
    ],
)
def test_a_bad_day_is_said_beside_its_field(
    client: TestClient, admin: User, query: str, field: str, message: str
) -> None:
    refused = client.get(f"/admin/audit?{query}")
    assert refused.status_code == 422
    assert f'<p class="field-error" id="{field}-error">{message}</p>' in refused.text


def test_a_broken_chain_is_named_at_the_top(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: User
) -> None:
    make_user(db, hasher, full_name="Honest Name")
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_entry SET after = replace(after, 'Honest', 'Forged')")
        )
    page = client.get("/admin/audit")
    assert "entries checked: the chain is broken." in page.text
    assert "content does not match its hash" in page.text


def _checkpoint(db: Database, anchoring: Anchoring) -> checkpoints.Checkpoint:
    with db.session_scope() as session:
        return checkpoints.checkpoint(session, anchoring)[0]


def test_the_chain_is_verified_against_the_signed_checkpoints(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: User, anchoring: Anchoring
) -> None:
    made = _checkpoint(db, anchoring)
    make_user(db, hasher)
    page = client.get("/admin/audit")
    assert "entries checked, the chain is intact." in page.text
    pinned = f"It holds what 1 signed checkpoints pinned, the latest on {made.at:%Y-%m-%d %H:%M}"
    assert pinned in page.text
    assert f'<code class="digest">{made.digest}</code>' in page.text
    assert "No signed checkpoint anchors" not in page.text


def test_a_log_emptied_after_a_checkpoint_is_broken_at_the_top(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: User, anchoring: Anchoring
) -> None:
    _checkpoint(db, anchoring)
    forgery.sql(db, "DELETE FROM audit_entry")
    forgery.sql(db, "DELETE FROM audit_chain")
    page = client.get("/admin/audit")
    assert "0 entries checked: the chain is broken." in page.text
    assert "but the chain has no entries: entries removed" in page.text


def test_signed_out_the_log_sends_to_sign_in(client: TestClient, db: Database) -> None:
    answer = client.get("/admin/audit", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=/admin/audit"


@pytest.mark.parametrize("role", [Role.staff, Role.observer, Role.donor])
def test_only_administrators_read_the_log(
    client: TestClient, db: Database, hasher: PasswordHasher, role: Role
) -> None:
    sign_in(client, make_user(db, hasher, role=role).email)
    refused = client.get("/admin/audit")
    assert refused.status_code == 403 and "Only administrators may do this." in refused.text
    assert 'href="/admin/audit"' not in client.get("/").text
