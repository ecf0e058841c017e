"""Signing in and out through the API, and ``GET /api/v1/me``."""

from datetime import timedelta
from typing import Annotated

from argon2 import PasswordHasher
from fastapi import APIRouter, Depends
from fastapi.responses import Response
from fastapi.security import OAuth2PasswordRequestForm
from sqlmodel import Session

from api.deps import CurrentUser, DatabaseDep, HasherDep, SessionDep, SettingsDep, SignedInDep
from api.errors import problem_responses
from eom.accounts import service as accounts
from eom.accounts.models import IssuedToken, Me, TokenKind, User
from eom.clock import utcnow
from eom.db import Database
from eom.errors import InvalidCredentials
from eom.settings import Settings

router = APIRouter(tags=["auth"])


def login_policy(settings: Settings) -> accounts.LoginPolicy:
    return accounts.LoginPolicy(
        max_failures=settings.login_max_failures,
        lockout_seconds=settings.login_lockout_seconds,
        lockout_max_seconds=settings.login_lockout_max_seconds,
    )


def sign_in(
    session: Session,
    db: Database,
    settings: Settings,
    hasher: PasswordHasher,
    email: str,
    password: str,
    *,
    kind: TokenKind,
) -> tuple[str, User]:
    """Check the credentials and issue a token.

    A failure must be counted although the request fails, so the request's transaction
    is ended first (SQLite has one writer) and the count written in a transaction of
    its own.
    """
    now = utcnow()
    try:
        user = accounts.authenticate(session, email, password, hasher=hasher, now=now)
    except InvalidCredentials:
        session.rollback()
        with db.session_scope() as own:
            accounts.record_failed_login(own, email, policy=login_policy(settings), now=now)
        raise
    lifetime = timedelta(minutes=settings.token_lifetime_minutes)
    plain, _ = accounts.issue_token(session, user, kind=kind, lifetime=lifetime, now=now)
    return plain, user


@router.post("/auth/token", response_model=IssuedToken, responses=problem_responses(401, 429))
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    hasher: HasherDep,
) -> IssuedToken:
    """Exchange an email (``username``) and password for a bearer token."""
    plain, _ = sign_in(
        session, db, settings, hasher, form.username, form.password, kind=TokenKind.api
    )
    return IssuedToken(access_token=plain, expires_in=settings.token_lifetime_minutes * 60)


@router.post("/auth/logout", status_code=204, responses=problem_responses(401))
def logout(session: SessionDep, signed_in: SignedInDep) -> Response:
    """Revoke the token that signs this request."""
    user, token = signed_in
    accounts.revoke_token(session, token, actor=accounts.actor_of(user))
    return Response(status_code=204)


@router.get("/me", response_model=Me, responses=problem_responses(401))
def me(user: CurrentUser) -> User:
    """Who the bearer token belongs to."""
    return user
