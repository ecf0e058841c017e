from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from eom.accounts import service as accounts
from eom.accounts.models import AccessToken, Role, TokenKind, UserCreate, UserUpdate
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import (
    Conflict,
    InvalidCredentials,
    NotAuthenticated,
    StaleVersion,
    TooManyAttempts,
)
from tests.factories import PASSWORD, make_user

POLICY = accounts.LoginPolicy(max_failures=3, lockout_seconds=30, lockout_max_seconds=100)


def test_passwords_are_stored_as_argon2id_hashes(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_emails_are_unique_whatever_their_case(db: Database, hasher: PasswordHasher) -> None:
    make_user(db, hasher, email="ana@example.org")
    with pytest.raises(Conflict, match="already exists"), db.session_scope() as session:
        data = UserCreate(
            email="Ana@Example.org", full_name="Ana", role=Role.staff, password=PASSWORD
        )
        accounts.create_user(session, data, actor=SYSTEM, hasher=hasher)


def test_the_right_password_signs_in(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher, email="ana@example.org")
    with db.session_scope() as session:
        found = accounts.authenticate(
            session, "ANA@example.org", PASSWORD, hasher=hasher, now=utcnow()
        )
        assert found.id == user.id


@pytest.mark.parametrize(
    ("email", "password"),
    [("ana@example.org", "wrong password!"), ("nobody@example.org", PASSWORD)],
)
def test_a_wrong_password_or_unknown_email_is_refused_alike(
    db: Database, hasher: PasswordHasher, email: str, password: str
) -> None:
    make_user(db, hasher, email="ana@example.org")
    with (
        pytest.raises(InvalidCredentials, match="Incorrect email or password"),
        db.session_scope() as session,
    ):
        accounts.authenticate(session, email, password, hasher=hasher, now=utcnow())


def test_an_inactive_user_cannot_sign_in(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher, is_active=False)
    with pytest.raises(InvalidCredentials), db.session_scope() as session:
        accounts.authenticate(session, user.email, PASSWORD, hasher=hasher, now=utcnow())


def test_repeated_failures_make_the_account_wait(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    now = utcnow()
    with db.session_scope() as session:
        for _ in range(POLICY.max_failures):
            accounts.record_failed_login(session, user.email, policy=POLICY, now=now)
    with pytest.raises(TooManyAttempts) as refused, db.session_scope() as session:
        # Even the right password waits: the throttle is checked first.
        accounts.authenticate(session, user.email, PASSWORD, hasher=hasher, now=now)
    assert refused.value.retry_after == 30
    with db.session_scope() as session:
        later = now + timedelta(seconds=31)
        accounts.authenticate(session, user.email, PASSWORD, hasher=hasher, now=later)


def test_the_wait_doubles_with_each_further_failure_up_to_a_ceiling() -> None:
    waits = [POLICY.wait_after(n) for n in range(1, 7)]
    assert waits == [None, None] + [timedelta(seconds=s) for s in (30, 60, 100, 100)]


def test_a_successful_sign_in_clears_the_failures(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    now = utcnow()
    with db.session_scope() as session:
        for _ in range(POLICY.max_failures - 1):
            accounts.record_failed_login(session, user.email, policy=POLICY, now=now)
    with db.session_scope() as session:
        accounts.authenticate(session, user.email, PASSWORD, hasher=hasher, now=now)
    with db.session_scope() as session:
        throttle = accounts.record_failed_login(session, user.email, policy=POLICY, now=now)
        assert throttle.failures == 1 and throttle.blocked_until is None


def test_tokens_are_stored_only_as_hashes(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        plain, _ = accounts.issue_token(
            session, user, kind=TokenKind.api, lifetime=timedelta(hours=1), now=utcnow()
        )
    with db.session_scope() as session:
        stored = session.exec(select(AccessToken)).one()
        assert plain not in stored.model_dump_json()
        assert stored.token_hash != plain and len(stored.token_hash) == 64
        assert accounts.user_for_token(session, plain, now=utcnow())[0].id == user.id


def test_an_expired_token_no_longer_works(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    issued = utcnow() - timedelta(hours=2)
    with db.session_scope() as session:
        plain, _ = accounts.issue_token(
            session, user, kind=TokenKind.api, lifetime=timedelta(hours=1), now=issued
        )
    with pytest.raises(NotAuthenticated, match="expired"), db.session_scope() as session:
        accounts.user_for_token(session, plain, now=utcnow())


def test_a_revoked_token_no_longer_works(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        plain, token = accounts.issue_token(
            session, user, kind=TokenKind.api, lifetime=timedelta(hours=1), now=utcnow()
        )
        accounts.revoke_token(session, token, actor=accounts.actor_of(user))
    with pytest.raises(NotAuthenticated), db.session_scope() as session:
        accounts.user_for_token(session, plain, now=utcnow())


@pytest.mark.parametrize(
    "changes",
    [UserUpdate(is_active=False), UserUpdate(password="a brand new password")],
    ids=["deactivated", "password changed"],
)
def test_deactivation_or_a_new_password_signs_the_user_out(
    db: Database, hasher: PasswordHasher, changes: UserUpdate
) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        plain, _ = accounts.issue_token(
            session, user, kind=TokenKind.web, lifetime=timedelta(hours=1), now=utcnow()
        )
    with db.session_scope() as session:
        accounts.update_user(
            session, accounts.get_user(session, user.id or 0), changes, actor=SYSTEM, hasher=hasher
        )
    with pytest.raises(NotAuthenticated), db.session_scope() as session:
        accounts.user_for_token(session, plain, now=utcnow())


def test_updating_from_a_stale_version_is_refused(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        current = accounts.get_user(session, user.id or 0)
        accounts.update_user(
            session,
            current,
            UserUpdate(full_name="First"),
            actor=SYSTEM,
            hasher=hasher,
            expected_version=1,
        )
    with pytest.raises(StaleVersion, match="version 2, not 1"), db.session_scope() as session:
        accounts.update_user(
            session,
            accounts.get_user(session, user.id or 0),
            UserUpdate(full_name="Second"),
            actor=SYSTEM,
            hasher=hasher,
            expected_version=1,
        )
