"""A person's sessions: a web session ends after a time without use, besides its lifetime,
while API tokens and the field app's device sessions keep their own rules; each person
sees their sessions that still work and ends any of them."""

from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session

from eom.accounts import service as accounts
from eom.accounts import sessions
from eom.accounts.models import AccessToken, TokenKind, User
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import NotAuthenticated, NotFound
from tests.factories import make_user

IDLE = timedelta(minutes=30)


def _signed_in(
    db: Database, user: User, kind: TokenKind = TokenKind.web, *, at: datetime | None = None
) -> str:
    with db.session_scope() as session:
        plain, _ = accounts.issue_token(
            session,
            user,
            kind=kind,
            lifetime=timedelta(hours=12),
            now=at or utcnow(),
            user_agent="Firefox\x00 on a phone",
        )
    return plain


def _use(session: Session, plain: str, now: datetime) -> AccessToken:
    _, token = sessions.web_session(session, plain, now=now, idle=IDLE)
    if sessions.use_is_due(token, now=now):
        assert token.id is not None
        sessions.record_use(session, token.id, now=now)
    return token


def test_a_web_session_unused_for_the_idle_time_ends(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    start = utcnow()
    plain = _signed_in(db, user, at=start)
    with db.session_scope() as session:
        _use(session, plain, start + timedelta(minutes=29))
    with db.session_scope() as session:  # each use keeps it alive: 29 + 29 minutes
        _use(session, plain, start + timedelta(minutes=58))
    with (
        pytest.raises(NotAuthenticated, match="without use"),
        db.session_scope() as session,
    ):
        sessions.web_session(session, plain, now=start + timedelta(minutes=88), idle=IDLE)


def test_a_use_is_written_at_most_once_a_minute(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    start = utcnow()
    plain = _signed_in(db, user, at=start)
    with db.session_scope() as session:
        token = _use(session, plain, start + timedelta(seconds=30))
        assert not sessions.use_is_due(token, now=start + timedelta(seconds=30))
    with db.session_scope() as session:
        _use(session, plain, start + timedelta(minutes=2))
    with db.session_scope() as session:
        token = accounts.user_for_token(session, plain, now=utcnow())[1]
        assert token.last_used_at == start + timedelta(minutes=2)


@pytest.mark.parametrize("kind", [TokenKind.api, TokenKind.device])
def test_api_tokens_and_device_sessions_do_not_end_when_idle(
    db: Database, hasher: PasswordHasher, kind: TokenKind
) -> None:
    user = make_user(db, hasher)
    start = utcnow()
    plain = _signed_in(db, user, kind, at=start)
    with db.session_scope() as session:
        later = start + timedelta(hours=11)
        assert accounts.user_for_token(session, plain, now=later)[0].id == user.id
        assert sessions.web_session(session, plain, now=later, idle=IDLE)[0].id == user.id


def test_a_person_sees_their_live_sessions_newest_first_with_this_one_marked(
    db: Database, hasher: PasswordHasher
) -> None:
    user, other = make_user(db, hasher), make_user(db, hasher)
    old = _signed_in(db, user, TokenKind.device, at=utcnow() - timedelta(hours=1))
    this = _signed_in(db, user)
    _signed_in(db, other)
    with db.session_scope() as session:
        current = accounts.user_for_token(session, this, now=utcnow())[1]
        found = sessions.sessions_of(session, user, now=utcnow(), current=current)
        old_token = accounts.user_for_token(session, old, now=utcnow())[1]
    assert [s.id for s in found] == [current.id, old_token.id]
    assert [s.current for s in found] == [True, False]
    assert found[0].user_agent == "Firefox on a phone"  # no control characters
    assert [s.kind for s in found] == [TokenKind.web, TokenKind.device]


def test_a_person_ends_one_session_of_theirs_but_never_anothers(
    db: Database, hasher: PasswordHasher
) -> None:
    user, other = make_user(db, hasher), make_user(db, hasher)
    phone = _signed_in(db, user, TokenKind.device)
    theirs = _signed_in(db, other)
    with db.session_scope() as session:
        phone_id = accounts.user_for_token(session, phone, now=utcnow())[1].id or 0
        their_id = accounts.user_for_token(session, theirs, now=utcnow())[1].id or 0
        sessions.end_session(session, user, phone_id, now=utcnow())
        with pytest.raises(NotFound):
            sessions.end_session(session, user, their_id, now=utcnow())
        with pytest.raises(NotFound):
            sessions.end_session(session, user, phone_id, now=utcnow())
    with db.session_scope() as session:
        assert accounts.user_for_token(session, theirs, now=utcnow())[0].id == other.id
        with pytest.raises(NotAuthenticated):
            accounts.user_for_token(session, phone, now=utcnow())


def test_ending_the_other_sessions_keeps_this_one(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    this, *others = [_signed_in(db, user) for _ in range(3)]
    with db.session_scope() as session:
        current = accounts.user_for_token(session, this, now=utcnow())[1]
        assert sessions.end_other_sessions(session, user, keep=current) == 2
    with db.session_scope() as session:
        assert len(sessions.sessions_of(session, user, now=utcnow())) == 1
        for plain in others:
            with pytest.raises(NotAuthenticated):
                accounts.user_for_token(session, plain, now=utcnow())
