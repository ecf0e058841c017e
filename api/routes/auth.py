"""Signing in and out through the API, refreshing a device's session, ``GET /api/v1/me``,
and the caller's own password and sessions."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from api.deps import (
    CurrentUser,
    DatabaseDep,
    HasherDep,
    RecordId,
    SessionDep,
    SettingsDep,
    SignedInDep,
)
from api.errors import problem_responses
from api.sign_in import change_own_password, sign_in, token_lifetime
from eom.accounts import service as accounts
from eom.accounts import sessions
from eom.accounts.models import (
    AccessToken,
    IssuedToken,
    Me,
    PasswordChange,
    SessionPublic,
    SignedOut,
    TokenKind,
    User,
)
from eom.core.clock import utcnow

router = APIRouter(tags=["auth"])


class PasswordForm:
    """OAuth2's password form with every field bounded: an overlong username is a 422
    before any query or hash (an account's email has at most 320 characters)."""

    def __init__(
        self,
        *,
        username: Annotated[str, Form(min_length=1, max_length=320, description="the email")],
        password: Annotated[str, Form(max_length=1024, json_schema_extra={"format": "password"})],
        grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
        scope: Annotated[str, Form(max_length=200)] = "",
    ) -> None:
        self.username = username
        self.password = password
        self.grant_type = grant_type
        self.scopes = scope.split()


def issued(plain: str, token: AccessToken) -> IssuedToken:
    seconds = int((token.expires_at - token.created_at).total_seconds())
    return IssuedToken(
        access_token=plain, expires_in=seconds, expires_at=token.expires_at, kind=token.kind
    )


@router.post("/auth/token", response_model=IssuedToken, responses=problem_responses(401, 429))
def issue_token(
    request: Request,
    form: Annotated[PasswordForm, Depends()],
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    hasher: HasherDep,
    device: Annotated[
        bool,
        Form(
            description="true for a phone's session for field work: it works for 36 hours "
            "(EOM_DEVICE_TOKEN_LIFETIME_HOURS) and is renewed with POST /auth/refresh"
        ),
    ] = False,
    totp: Annotated[
        str | None,
        Form(
            max_length=40,
            description="for an account with two-factor sign-in: the code of its "
            "authenticator app, or one of its recovery codes (spent once used)",
        ),
    ] = None,
) -> IssuedToken:
    """Exchange an email (``username``) and password for a bearer token; with
    ``device=true``, a device session. An account with two-factor sign-in also sends
    ``totp``: without it the answer is 401 ``totp-required``, with a wrong or used code
    401 ``totp-invalid`` (a failed sign-in, throttled as a wrong password is)."""
    kind = TokenKind.device if device else TokenKind.api
    agent = request.headers.get("user-agent")
    plain, _, token = sign_in(
        session,
        db,
        settings,
        hasher,
        form.username,
        form.password,
        kind=kind,
        user_agent=agent,
        code=totp,
    )
    return issued(plain, token)


@router.post("/auth/refresh", response_model=IssuedToken, responses=problem_responses(401, 403))
def refresh_token(
    session: SessionDep, settings: SettingsDep, signed_in: SignedInDep
) -> IssuedToken:
    """A new device token, working for another 36 hours (by default), in place of the
    device token that signs this request, which stops working at once. Only a device
    session is refreshed (403 for another token); a revoked or expired one is 401: sign in
    again with the password."""
    user, token = signed_in
    lifetime = token_lifetime(settings, TokenKind.device)
    plain, fresh = accounts.refresh_device_token(
        session, user, token, lifetime=lifetime, now=utcnow()
    )
    return issued(plain, fresh)


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


@router.post("/me/password", response_model=SignedOut, responses=problem_responses(401, 422, 429))
def change_password(
    change: PasswordChange,
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    hasher: HasherDep,
    signed_in: SignedInDep,
) -> SignedOut:
    """Change your own password, giving the current one: every other session of yours
    ends (``revoked`` says how many), the token of this request goes on working. A wrong
    current password is a 422 and counts as a failed sign-in (429 after too many)."""
    user = signed_in[0]
    assert user.id is not None, "a stored user"
    ended = change_own_password(session, db, settings, hasher, signed_in, change)
    return SignedOut(user_id=user.id, revoked=ended)


@router.get("/me/sessions", response_model=list[SessionPublic], responses=problem_responses(401))
def my_sessions(session: SessionDep, signed_in: SignedInDep) -> list[SessionPublic]:
    """Your sessions that still work (pages, API tokens, phones), the newest first; the
    one of this request is ``current``."""
    user, token = signed_in
    return sessions.sessions_of(session, user, now=utcnow(), current=token)


@router.delete("/me/sessions/{session_id}", status_code=204, responses=problem_responses(401, 404))
def end_my_session(session_id: RecordId, session: SessionDep, signed_in: SignedInDep) -> Response:
    """End one of your sessions at once (a phone you lost, a browser you left signed in);
    another person's session, or one already ended, is a 404."""
    sessions.end_session(session, signed_in[0], session_id, now=utcnow())
    return Response(status_code=204)


@router.post("/me/sessions/end-others", response_model=SignedOut, responses=problem_responses(401))
def end_my_other_sessions(session: SessionDep, signed_in: SignedInDep) -> SignedOut:
    """End every session of yours but the one of this request."""
    user, token = signed_in
    assert user.id is not None, "a stored user"
    return SignedOut(
        user_id=user.id, revoked=sessions.end_other_sessions(session, user, keep=token)
    )
