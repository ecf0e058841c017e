"""Password reset links: made by an administrator, stored only as the SHA-256 of a random
token, used once within 24 hours; using one sets the password and ends every sign-in."""

import json
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from pydantic import ValidationError
from sqlmodel import col, select

from eom.accounts import resets
from eom.accounts import service as accounts
from eom.accounts.models import NewPassword, PasswordReset, Role, TokenKind, User, UserUpdate
from eom.audit.models import AuditEntry
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Gone, NotAuthenticated, NotFound, RuleBroken
from eom.core.security import hash_token, verify_password
from tests.factories import make_user

NEW = NewPassword(password="a brand new passphrase", password_again="a brand new passphrase")


def _link(db: Database, user: User, admin: User, *, now: datetime | None = None) -> str:
    with db.session_scope() as session:
        plain, _ = resets.create_reset_link(
            session, user, actor=accounts.actor_of(admin), now=now or utcnow()
        )
    return plain


def _reset(db: Database, hasher: PasswordHasher, plain: str, *, now: datetime) -> User:
    with db.session_scope() as session:
        return resets.reset_password(session, plain, NEW, hasher=hasher, now=now)


@pytest.fixture
def admin(db: Database, hasher: PasswordHasher) -> User:
    return make_user(db, hasher, role=Role.admin, email="admin@example.org")


def test_a_link_is_stored_only_as_the_sha256_of_its_token(
    db: Database, hasher: PasswordHasher, admin: User
) -> None:
    plain = _link(db, make_user(db, hasher), admin)
    with db.session_scope() as session:
        stored = session.exec(select(PasswordReset)).one()
        entries = list(session.exec(select(AuditEntry.after)))
    assert len(plain) >= 43 and stored.token_hash == hash_token(plain)
    assert plain not in stored.model_dump_json() and all(plain not in (e or "") for e in entries)


def test_a_link_sets_the_password_once_and_ends_every_sign_in(
    db: Database, hasher: PasswordHasher, admin: User
) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        signed_in, _ = accounts.issue_token(
            session, user, kind=TokenKind.web, lifetime=timedelta(hours=1), now=utcnow()
        )
    plain = _link(db, user, admin)
    _reset(db, hasher, plain, now=utcnow())
    with db.session_scope() as session:
        stored = accounts.get_user(session, user.id or 0)
        assert verify_password(hasher, stored.password_hash, NEW.password)
        with pytest.raises(NotAuthenticated):
            accounts.user_for_token(session, signed_in, now=utcnow())
    with pytest.raises(Gone, match="already used"):
        _reset(db, hasher, plain, now=utcnow())


def test_a_link_expires_after_24_hours(db: Database, hasher: PasswordHasher, admin: User) -> None:
    made = utcnow()
    plain = _link(db, make_user(db, hasher), admin, now=made)
    with db.session_scope() as session:
        resets.link_in_force(session, plain, now=made + timedelta(hours=23, minutes=59))
    with pytest.raises(Gone, match="expired"):
        _reset(db, hasher, plain, now=made + timedelta(hours=24))


def test_a_token_never_made_is_not_found(db: Database, hasher: PasswordHasher) -> None:
    with pytest.raises(NotFound, match="not known"):
        _reset(db, hasher, "no-such-token", now=utcnow())


def test_a_new_link_replaces_the_one_before(
    db: Database, hasher: PasswordHasher, admin: User
) -> None:
    user = make_user(db, hasher)
    first = _link(db, user, admin)
    second = _link(db, user, admin)
    with pytest.raises(Gone, match="replaced by a newer one"):
        _reset(db, hasher, first, now=utcnow())
    _reset(db, hasher, second, now=utcnow())


def test_the_link_of_a_deactivated_account_does_not_work(
    db: Database, hasher: PasswordHasher, admin: User
) -> None:
    user = make_user(db, hasher)
    plain = _link(db, user, admin)
    with db.session_scope() as session:
        accounts.update_user(
            session,
            accounts.get_user(session, user.id or 0),
            UserUpdate(is_active=False),
            actor=accounts.actor_of(admin),
            hasher=hasher,
        )
    with pytest.raises(Gone, match="deactivated"):
        _reset(db, hasher, plain, now=utcnow())


def test_making_and_using_a_link_are_audited(
    db: Database, hasher: PasswordHasher, admin: User
) -> None:
    user = make_user(db, hasher)
    _reset(db, hasher, _link(db, user, admin), now=utcnow())
    with db.session_scope() as session:
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
    made, changed, used = entries[-3:]
    assert (made.action, made.entity_type, made.actor) == ("create", "password_reset", admin.email)
    assert (changed.entity_type, changed.entity_id, changed.actor) == (
        "user",
        str(user.id),
        user.email,
    )
    assert json.loads(changed.after or "")["password_changed"] is True
    assert (used.action, used.entity_id, used.actor) == ("use", made.entity_id, user.email)
    assert "token_hash" not in (made.after or "")


@pytest.mark.parametrize(
    ("password", "again", "field"),
    [("short", "short", "password"), ("a brand new passphrase", "another one", "password_again")],
    ids=["too short", "typed differently"],
)
def test_a_new_password_follows_the_rules_and_is_typed_twice_alike(
    password: str, again: str, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        NewPassword(password=password, password_again=again)
    (error,) = refused.value.errors()
    rule = (error.get("ctx") or {}).get("error")
    assert field == (rule.field if isinstance(rule, RuleBroken) else error["loc"][0])
