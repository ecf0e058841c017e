"""Signing in and out through the API, and ``GET /api/v1/me``."""

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import CurrentUser, DatabaseDep, HasherDep, SessionDep, SettingsDep, SignedInDep
from api.errors import problem_responses
from api.sign_in import sign_in
from eom.accounts import service as accounts
from eom.accounts.models import IssuedToken, Me, TokenKind, User

router = APIRouter(tags=["auth"])


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
