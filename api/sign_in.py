"""Signing in with an email and a password (and a code, for an account with two-factor
sign-in), for the API's token and the pages' cookie; a signed-in person's change of
their own password and turning off of their second factor, which are throttled alike;
and emailing a password reset link."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from fastapi import BackgroundTasks
from sqlmodel import Session

from eom.accounts import own, resets, totp
from eom.accounts import service as accounts
from eom.accounts.models import AccessToken, PasswordChange, PasswordReset, TokenKind, User
from eom.core import mail
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidCredentials, InvalidInput, TooManyAttempts
from eom.core.settings import Settings

log = logging.getLogger(__name__)


def _shown(email: str) -> str:
    """The address as a log line may show it: normalised, at most 320 characters, and no
    control characters that could forge a line of its own."""
    return "".join(c for c in accounts.normalize_email(email)[:320] if c.isprintable())


def login_policy(settings: Settings) -> accounts.LoginPolicy:
    return accounts.LoginPolicy(
        max_failures=settings.login_max_failures,
        lockout_seconds=settings.login_lockout_seconds,
        lockout_max_seconds=settings.login_lockout_max_seconds,
    )


def token_lifetime(settings: Settings, kind: TokenKind) -> timedelta:
    """How long a new token of this kind works: a device's a long field day, others the
    configured minutes."""
    if kind == TokenKind.device:
        return timedelta(hours=settings.device_token_lifetime_hours)
    return timedelta(minutes=settings.token_lifetime_minutes)


def sign_in(
    session: Session,
    db: Database,
    settings: Settings,
    hasher: PasswordHasher,
    email: str,
    password: str,
    *,
    kind: TokenKind,
    user_agent: str | None = None,
    code: str | None = None,
) -> tuple[str, User, AccessToken]:
    """Check the credentials and issue a token: its plain value (shown once), the user and
    the token's record (which keeps the user agent that signed in). An account with a
    second factor also needs ``code`` (a code of its app or a recovery code): without it
    the answer is ``totp.CodeRequired``, with a wrong one ``InvalidCredentials``
    (``totp-invalid``), counted as a failed sign-in.

    A failure must be counted although the request fails, so the request's transaction
    is ended first (SQLite has one writer) and the count written in a transaction of
    its own.
    """
    now = utcnow()
    with _counting_failures(session, db, settings, email, now=now):
        user = accounts.authenticate(session, email, password, hasher=hasher, now=now)
        if accounts.has_second_factor(session, user):
            if not code:
                raise totp.CodeRequired(user)
            _check_code(session, settings, user, code, now=now)
    return _issue(session, settings, user, kind=kind, user_agent=user_agent, now=now)


def sign_in_with_code(
    session: Session,
    db: Database,
    settings: Settings,
    ticket: str,
    code: str,
    *,
    kind: TokenKind,
    user_agent: str | None = None,
) -> tuple[str, User, AccessToken]:
    """The second step of a page's sign-in: the ticket of a right password (made by
    ``second_step_ticket``) and the code; counted and throttled as a password is."""
    now = utcnow()
    user = totp.user_of_ticket(session, settings.resolved_secret_key(), ticket, now=now)
    with _counting_failures(session, db, settings, user.email, now=now):
        accounts.check_not_throttled(session, user.email, now=now)
        _check_code(session, settings, user, code, now=now)
    return _issue(session, settings, user, kind=kind, user_agent=user_agent, now=now)


def second_step_ticket(settings: Settings, user: User) -> str:
    return totp.second_step_ticket(settings.resolved_secret_key(), user, now=utcnow())


def _check_code(
    session: Session, settings: Settings, user: User, code: str, *, now: datetime
) -> None:
    totp.check_code(session, user, code, secret_key=settings.resolved_secret_key(), now=now)
    accounts.clear_failed_logins(session, user.email)


@contextmanager
def _counting_failures(
    session: Session, db: Database, settings: Settings, email: str, *, now: datetime
) -> Iterator[None]:
    """Count a wrong password or code as a failed sign-in of the email, and log refusals."""
    try:
        yield
    except TooManyAttempts as error:
        log.warning("sign-in refused: %s must wait %s s", _shown(email), error.retry_after)
        raise
    except InvalidCredentials as error:
        session.rollback()
        with db.session_scope() as apart:
            throttle = accounts.record_failed_login(
                apart, email, policy=login_policy(settings), now=now
            )
        what = "code" if error.kind == "totp-invalid" else "email or password"
        log.warning(
            "sign-in refused: wrong %s for %s (failure %d in a row)",
            what,
            _shown(email),
            throttle.failures,
        )
        raise


def _issue(
    session: Session,
    settings: Settings,
    user: User,
    *,
    kind: TokenKind,
    user_agent: str | None,
    now: datetime,
) -> tuple[str, User, AccessToken]:
    lifetime = token_lifetime(settings, kind)
    plain, token = accounts.issue_token(
        session, user, kind=kind, lifetime=lifetime, now=now, user_agent=user_agent
    )
    return plain, user, token


def change_own_password(
    session: Session,
    db: Database,
    settings: Settings,
    hasher: PasswordHasher,
    signed_in: tuple[User, AccessToken],
    change: PasswordChange,
) -> int:
    """Change the signed-in person's password (``own.change_password``); a wrong current
    password counts as a failed sign-in of the account, so that a session left open
    cannot be used to guess the password. Returns how many other sessions ended."""
    user, token = signed_in
    email = user.email
    accounts.check_not_throttled(session, email, now=utcnow())
    try:
        return own.change_password(session, user, change, signed_in_with=token, hasher=hasher)
    except InvalidInput:
        session.rollback()
        with db.session_scope() as apart:
            accounts.record_failed_login(apart, email, policy=login_policy(settings), now=utcnow())
        log.warning("password change refused: wrong current password for %s", _shown(email))
        raise


def turn_off_second_factor(
    session: Session,
    db: Database,
    settings: Settings,
    hasher: PasswordHasher,
    user: User,
    password: str,
    code: str,
) -> None:
    """Turn off the signed-in person's second factor (``totp.turn_off``); a wrong password
    or code counts as a failed sign-in of the account, as a wrong current password does."""
    email = user.email
    accounts.check_not_throttled(session, email, now=utcnow())
    try:
        totp.turn_off(
            session,
            user,
            password,
            code,
            hasher=hasher,
            secret_key=settings.resolved_secret_key(),
            now=utcnow(),
        )
    except InvalidInput:
        session.rollback()
        with db.session_scope() as apart:
            accounts.record_failed_login(apart, email, policy=login_policy(settings), now=utcnow())
        log.warning("turning off two-factor sign-in refused for %s", _shown(email))
        raise


def check_email_configured(settings: Settings) -> None:
    """Refuse to promise an email when EOM sends none."""
    if not mail.is_configured(settings):
        raise Conflict(
            "EOM sends no email here: set EOM_SMTP_HOST, EOM_SMTP_FROM and EOM_PUBLIC_URL, "
            "or pass the link on yourself."
        )


def email_reset_link(
    background: BackgroundTasks,
    settings: Settings,
    language: str,
    user: User,
    plain: str,
    link: PasswordReset,
) -> None:
    """Send the link to the account's address once the answer has left: the answer takes
    as long whether or not an email goes, and a slow SMTP server holds no transaction.
    The link is of the configured public address, never of the request's Host."""
    assert settings.public_url, "email is configured"
    url = f"{settings.public_url.rstrip('/')}/reset/{plain}"
    subject, body = resets.reset_email(language, email=user.email, url=url, link=link)
    background.add_task(mail.send_or_log, settings, to=user.email, subject=subject, body=body)
