from datetime import timedelta

import pytest
from argon2 import PasswordHasher, extract_parameters
from sqlmodel import select

from eom.accounts import service as accounts
from eom.accounts.models import AccessToken, Role, TokenKind, User, UserCreate, UserUpdate
from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import (
    Conflict,
    Forbidden,
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


def _admin_changes_self(db: Database, hasher: PasswordHasher, changes: UserUpdate) -> None:
    admin = make_user(db, hasher, role=Role.admin)
    with db.session_scope() as session:
        accounts.update_user(
            session,
            accounts.get_user(session, admin.id or 0),
            changes,
            actor=accounts.actor_of(admin),
            hasher=hasher,
        )


def test_an_administrator_cannot_deactivate_their_own_account(
    db: Database, hasher: PasswordHasher
) -> None:
    with pytest.raises(Forbidden, match="cannot deactivate your own account"):
        _admin_changes_self(db, hasher, UserUpdate(is_active=False))


def test_an_administrator_cannot_give_up_their_own_role(
    db: Database, hasher: PasswordHasher
) -> None:
    with pytest.raises(Forbidden, match="cannot give up your own administrator role"):
        _admin_changes_self(db, hasher, UserUpdate(role=Role.staff))


def test_an_administrator_changes_their_own_name_and_password(
    db: Database, hasher: PasswordHasher
) -> None:
    _admin_changes_self(db, hasher, UserUpdate(full_name="New Name", role=Role.admin))


def test_an_administrator_demotes_and_deactivates_another_administrator(
    db: Database, hasher: PasswordHasher
) -> None:
    admin, other = make_user(db, hasher, role=Role.admin), make_user(db, hasher, role=Role.admin)
    with db.session_scope() as session:
        changed = accounts.update_user(
            session,
            accounts.get_user(session, other.id or 0),
            UserUpdate(role=Role.staff, is_active=False),
            actor=accounts.actor_of(admin),
            hasher=hasher,
        )
        assert (changed.role, changed.is_active) == (Role.staff, False)


def test_accounts_are_listed_by_role_and_whether_active(
    db: Database, hasher: PasswordHasher
) -> None:
    make_user(db, hasher, role=Role.staff, email="a@example.org")
    make_user(db, hasher, role=Role.staff, email="b@example.org", is_active=False)
    make_user(db, hasher, role=Role.donor, email="c@example.org")
    with db.session_scope() as session:

        def emails(role: Role | None = None, is_active: bool | None = None) -> list[str]:
            found, total = accounts.list_users(
                session, limit=10, offset=0, role=role, is_active=is_active
            )
            assert total == len(found)
            return [u.email for u in found]

        assert emails() == ["a@example.org", "b@example.org", "c@example.org"]
        assert emails(role=Role.staff) == ["a@example.org", "b@example.org"]
        assert emails(is_active=False) == ["b@example.org"]
        assert emails(role=Role.staff, is_active=True) == ["a@example.org"]


def test_the_last_sign_in_is_the_newest_token(db: Database, hasher: PasswordHasher) -> None:
    user, never = make_user(db, hasher), make_user(db, hasher)
    first, later = utcnow() - timedelta(days=3), utcnow() - timedelta(hours=1)
    with db.session_scope() as session:
        for at, kind in ((first, TokenKind.api), (later, TokenKind.web)):
            accounts.issue_token(session, user, kind=kind, lifetime=timedelta(hours=1), now=at)
    with db.session_scope() as session:
        assert accounts.last_sign_ins(session, [user.id or 0, never.id or 0]) == {user.id: later}


# --- device sessions ---------------------------------------------------------------------


def _device_token(
    db: Database, user: User, *, lifetime: timedelta = timedelta(hours=36)
) -> tuple[str, AccessToken]:
    with db.session_scope() as session:
        return accounts.issue_token(
            session, user, kind=TokenKind.device, lifetime=lifetime, now=utcnow()
        )


def _refresh(db: Database, plain: str) -> tuple[str, AccessToken]:
    with db.session_scope() as session:
        user, token = accounts.user_for_token(session, plain, now=utcnow())
        return accounts.refresh_device_token(
            session, user, token, lifetime=timedelta(hours=36), now=utcnow()
        )


def test_refreshing_a_device_token_gives_a_new_one_for_36_hours_and_ends_the_old(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    old, _ = _device_token(db, user, lifetime=timedelta(hours=1))
    new, token = _refresh(db, old)
    assert new != old and token.kind == TokenKind.device
    assert token.expires_at - token.created_at == timedelta(hours=36)
    with db.session_scope() as session:
        assert accounts.user_for_token(session, new, now=utcnow())[0].id == user.id
        with pytest.raises(NotAuthenticated, match="revoked"):
            accounts.user_for_token(session, old, now=utcnow())


def test_a_token_already_refreshed_is_not_refreshed_again(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    old, _ = _device_token(db, user)
    with db.session_scope() as session:
        # Both refreshes read the token while it still worked; the second one finds it gone.
        signed_in, token = accounts.user_for_token(session, old, now=utcnow())
        accounts.refresh_device_token(
            session, signed_in, token, lifetime=timedelta(hours=36), now=utcnow()
        )
        with pytest.raises(NotAuthenticated, match="revoked"):
            accounts.refresh_device_token(
                session, signed_in, token, lifetime=timedelta(hours=36), now=utcnow()
            )


@pytest.mark.parametrize("kind", [TokenKind.api, TokenKind.web])
def test_only_a_device_session_is_refreshed(
    db: Database, hasher: PasswordHasher, kind: TokenKind
) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        plain, token = accounts.issue_token(
            session, user, kind=kind, lifetime=timedelta(hours=1), now=utcnow()
        )
    with pytest.raises(Forbidden, match="Only a device session"), db.session_scope() as session:
        accounts.refresh_device_token(
            session, user, token, lifetime=timedelta(hours=36), now=utcnow()
        )
    with db.session_scope() as session:
        assert accounts.user_for_token(session, plain, now=utcnow())[0].id == user.id


@pytest.mark.parametrize(
    "changes",
    [UserUpdate(is_active=False), UserUpdate(password="a brand new password")],
    ids=["deactivated", "password changed"],
)
def test_deactivation_or_a_new_password_ends_device_sessions_and_their_refresh(
    db: Database, hasher: PasswordHasher, changes: UserUpdate
) -> None:
    user = make_user(db, hasher)
    plain, _ = _device_token(db, user)
    with db.session_scope() as session:
        accounts.update_user(
            session, accounts.get_user(session, user.id or 0), changes, actor=SYSTEM, hasher=hasher
        )
    with pytest.raises(NotAuthenticated):
        _refresh(db, plain)


def test_signing_out_everywhere_ends_every_session_and_is_audited(
    db: Database, hasher: PasswordHasher
) -> None:
    user, other = make_user(db, hasher), make_user(db, hasher)
    phone, _ = _device_token(db, user)
    laptop, _ = _device_token(db, user)
    kept, _ = _device_token(db, other)
    with db.session_scope() as session:
        assert accounts.live_sessions(session, user, now=utcnow()) == 2
        revoked = accounts.sign_out_everywhere(session, user, actor=SYSTEM)
    assert revoked == 2
    with db.session_scope() as session:
        for plain in (phone, laptop):
            with pytest.raises(NotAuthenticated):
                accounts.user_for_token(session, plain, now=utcnow())
        assert accounts.user_for_token(session, kept, now=utcnow())[0].id == other.id
        assert accounts.live_sessions(session, user, now=utcnow()) == 0
        assert accounts.get_user(session, user.id or 0).is_active
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.action == "sign_out_everywhere")
        ).one()
        assert (entry.entity_type, entry.entity_id) == ("user", str(user.id))
        assert entry.after == '{"sessions_revoked":2}'


def test_signing_out_everywhere_counts_the_sessions_that_still_worked(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    _device_token(db, user)
    with db.session_scope() as session:
        accounts.issue_token(
            session,
            user,
            kind=TokenKind.api,
            lifetime=timedelta(hours=1),
            now=utcnow() - timedelta(hours=2),
        )
    with db.session_scope() as session:
        assert accounts.sign_out_everywhere(session, user, actor=SYSTEM) == 1


def test_an_unknown_email_is_checked_against_a_hash_of_the_configured_cost() -> None:
    # A raised cost must make a miss as slow as a hit, or timing tells who has an account.
    raised = PasswordHasher(time_cost=3, memory_cost=32768, parallelism=1)
    dummy = extract_parameters(accounts.dummy_hash(raised))
    assert dummy == extract_parameters(raised.hash(PASSWORD))
    assert extract_parameters(accounts.dummy_hash(PasswordHasher(time_cost=1))).time_cost == 1
