"""What a person does to their own account: change their password with the current one;
every other session of theirs ends, the one they use goes on."""

import json
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import col, select

from eom.accounts import own
from eom.accounts import service as accounts
from eom.accounts.models import PasswordChange, TokenKind, User
from eom.audit.models import AuditEntry
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import InvalidInput, NotAuthenticated
from tests.factories import PASSWORD, make_user

NEW = "a brand new passphrase"


def _sessions(db: Database, user: User, count: int) -> list[str]:
    with db.session_scope() as session:
        return [
            accounts.issue_token(
                session, user, kind=TokenKind.web, lifetime=timedelta(hours=1), now=utcnow()
            )[0]
            for _ in range(count)
        ]


def _change(db: Database, hasher: PasswordHasher, user: User, plain: str, current: str) -> int:
    change = PasswordChange(current_password=current, password=NEW, password_again=NEW)
    with db.session_scope() as session:
        signed_in, token = accounts.user_for_token(session, plain, now=utcnow())
        return own.change_password(session, signed_in, change, signed_in_with=token, hasher=hasher)


def test_a_person_changes_their_password_and_their_other_sessions_end(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    this, other, third = _sessions(db, user, 3)
    assert _change(db, hasher, user, this, PASSWORD) == 2
    with db.session_scope() as session:
        assert accounts.user_for_token(session, this, now=utcnow())[0].id == user.id
        for ended in (other, third):
            with pytest.raises(NotAuthenticated):
                accounts.user_for_token(session, ended, now=utcnow())
        accounts.authenticate(session, user.email, NEW, hasher=hasher, now=utcnow())


def test_the_change_needs_the_current_password_and_changes_nothing_without_it(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    this, other = _sessions(db, user, 2)
    with pytest.raises(InvalidInput, match="not your current password") as refused:
        _change(db, hasher, user, this, "not the password at all")
    assert refused.value.errors[0]["loc"] == ["body", "current_password"]
    with db.session_scope() as session:
        assert accounts.user_for_token(session, other, now=utcnow())[0].id == user.id
        accounts.authenticate(session, user.email, PASSWORD, hasher=hasher, now=utcnow())


def test_the_change_is_audited_without_the_hash(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    this, _ = _sessions(db, user, 2)
    _change(db, hasher, user, this, PASSWORD)
    with db.session_scope() as session:
        entry = session.exec(
            select(AuditEntry)
            .where(AuditEntry.entity_type == "user", AuditEntry.action == "update")
            .order_by(col(AuditEntry.id).desc())
        ).first()
        changed = session.get(User, user.id)
        assert changed is not None and entry is not None and entry.after is not None
        assert changed.password_hash not in entry.after
    after = json.loads(entry.after)
    assert entry.actor_id == user.id
    assert after["password_changed"] is True and after["sessions_revoked"] == 1
