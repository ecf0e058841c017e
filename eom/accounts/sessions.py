"""A person's sessions: a web session ends after a time without use (besides its absolute
lifetime), and each person sees the sessions of their own that still work and ends any.

Only web sessions (the pages' cookie) record their use and end when idle: an API token
lives its configured lifetime, and a device session of the field app keeps its 36-hour
rule (a phone offline all day must not be signed out), renewed by ``refresh``.
"""

from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from eom.accounts.models import AccessToken, SessionPublic, TokenKind, User
from eom.accounts.service import (
    CHAIN,
    actor_of,
    revoke_all_tokens,
    revoke_token,
    user_for_token,
)
from eom.audit import service as audit
from eom.core.errors import NotAuthenticated, NotFound

# The use of a session is written at most once a minute: a page a second costs no write.
USE_RECORDED_EVERY = timedelta(minutes=1)


def web_session(
    session: Session, plain: str, *, now: datetime, idle: timedelta
) -> tuple[User, AccessToken]:
    """The user and session of the pages' cookie token, if it still works: a web session
    ends once unused for ``idle``, besides the reasons ``user_for_token`` gives. (Another
    kind of token in the cookie works as it does as a bearer token, for its lifetime.)"""
    user, token = user_for_token(session, plain, now=now)
    if token.kind == TokenKind.web and (token.last_used_at or token.created_at) + idle <= now:
        raise NotAuthenticated("Your session ended after a time without use. Sign in again.")
    return user, token


def use_is_due(token: AccessToken, *, now: datetime) -> bool:
    """Whether this use of the session should be written (the last is a minute old)."""
    return (token.last_used_at or token.created_at) + USE_RECORDED_EVERY <= now


def record_use(session: Session, token_id: int, *, now: datetime) -> None:
    """Write that the session was used now: bookkeeping that keeps it alive, not a change
    the audit log records."""
    session.execute(
        update(AccessToken).where(col(AccessToken.id) == token_id).values(last_used_at=now)
    )


def sessions_of(
    session: Session, user: User, *, now: datetime, current: AccessToken | None = None
) -> list[SessionPublic]:
    """The user's sessions that still work (web, API, devices), the newest first; the one
    of this request is marked ``current``."""
    tokens = session.exec(
        select(AccessToken)
        .where(
            AccessToken.user_id == user.id,
            col(AccessToken.revoked_at).is_(None),
            col(AccessToken.expires_at) > now,
        )
        .order_by(col(AccessToken.created_at).desc(), col(AccessToken.id).desc())
    ).all()
    return [
        SessionPublic.model_validate(
            token, update={"current": current is not None and token.id == current.id}
        )
        for token in tokens
    ]


def end_session(session: Session, user: User, session_id: int, *, now: datetime) -> None:
    """End one of the user's own sessions that still works; another person's, or one that
    already ended, is ``NotFound``."""
    token = session.get(AccessToken, session_id)
    if (
        token is None
        or token.user_id != user.id
        or token.revoked_at is not None
        or token.expires_at <= now
    ):
        raise NotFound("You have no open session with id {session_id}.", session_id=session_id)
    revoke_token(session, token, actor=actor_of(user))


def end_other_sessions(session: Session, user: User, *, keep: AccessToken) -> int:
    """End every session of the user but ``keep`` (the one they use); how many ended."""
    ended = revoke_all_tokens(session, user, keep=keep)
    audit.record(
        session,
        actor=actor_of(user),
        action="end_other_sessions",
        entity_type=audit.entity_type_of(user),
        entity_id=user.id,
        after={"sessions_revoked": ended},
        chain=CHAIN,
    )
    return ended
