"""The signed-in person's own account (``/account``): their sessions, which they end one by
one or all but this one, and changing their password. Any role has it; each person sees
and changes only their own."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from api.deps import DatabaseDep, HasherDep, RecordId, SessionDep, SettingsDep
from api.sign_in import change_own_password
from api.web import (
    SESSION_COOKIE,
    CsrfChecked,
    PageSignIn,
    delete_cookie,
    field_errors,
    flash,
    render,
)
from eom.accounts import sessions, totp
from eom.accounts.models import AccessToken, PasswordChange, TokenKind, User
from eom.core.clock import utcnow
from eom.core.errors import InvalidInput, NotAuthenticated
from eom.core.i18n import N_

router = APIRouter(include_in_schema=False)


def page_signed_in(signed_in: PageSignIn) -> tuple[User, AccessToken]:
    """The signed-in person and the session of this browser; signed out, a page is sent
    to sign in (a GET) or refused (a POST)."""
    if signed_in is None:
        raise NotAuthenticated("Sign in to do this.")
    return signed_in


SignedInPage = Annotated[tuple[User, AccessToken], Depends(page_signed_in)]


class PasswordChangeForm(BaseModel):
    current_password: str = Field(default="", max_length=1024)
    password: str = Field(default="", max_length=1024)
    password_again: str = Field(default="", max_length=1024)


# How each kind of session is named to its owner (catalogue messages).
KIND_LABELS = {
    TokenKind.web: N_("Web browser"),
    TokenKind.api: N_("API token"),
    TokenKind.device: N_("Phone (field app)"),
}


@router.get("/account", response_class=HTMLResponse)
def my_account(request: Request, session: SessionDep, signed_in: SignedInPage) -> HTMLResponse:
    """The person's account: who they are, their sessions that still work, and what they
    may change."""
    user, token = signed_in
    found = sessions.sessions_of(session, user, now=utcnow(), current=token)
    two_factor = totp.credential_of(session, user)
    return render(
        request,
        "my_account.html",
        user,
        sessions=found,
        kind_labels=KIND_LABELS,
        two_factor=two_factor,
    )


@router.post("/account/sessions/{session_id}/end", dependencies=[CsrfChecked])
def end_session(
    request: Request, session_id: RecordId, session: SessionDep, signed_in: SignedInPage
) -> Response:
    """End one of the person's sessions; ending this one signs this browser out."""
    user, token = signed_in
    sessions.end_session(session, user, session_id, now=utcnow())
    if session_id == token.id:
        response = RedirectResponse("/login", status_code=303)
        flash(request, response, N_("You are signed out."))
        delete_cookie(request, response, SESSION_COOKIE)
        return response
    response = RedirectResponse("/account", status_code=303)
    flash(request, response, N_("The session is ended."))
    return response


@router.post("/account/sessions/end-others", dependencies=[CsrfChecked])
def end_other_sessions(request: Request, session: SessionDep, signed_in: SignedInPage) -> Response:
    """End every session of the person but this browser's."""
    user, token = signed_in
    ended = sessions.end_other_sessions(session, user, keep=token)
    response = RedirectResponse("/account", status_code=303)
    flash(request, response, N_("Your other sessions are ended: {count}."), count=ended)
    return response


@router.get("/account/password", response_class=HTMLResponse)
def password_page(request: Request, signed_in: SignedInPage) -> HTMLResponse:
    return _password_form(request, signed_in[0])


@router.post("/account/password", dependencies=[CsrfChecked])
def change_password(
    request: Request,
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    hasher: HasherDep,
    signed_in: SignedInPage,
    form: Annotated[PasswordChangeForm, Form()],
) -> Response:
    """Change the password, giving the current one; the other sessions end, this one stays."""
    user = signed_in[0]
    try:
        change = PasswordChange.model_validate(form.model_dump())
        ended = change_own_password(session, db, settings, hasher, signed_in, change)
    except (ValidationError, InvalidInput) as error:
        return _password_form(request, user, errors=field_errors(request, error), status_code=422)
    response = RedirectResponse("/account", status_code=303)
    done = N_("Your password is changed. Other sessions ended: {count}.")
    flash(request, response, done, count=ended)
    return response


def _password_form(
    request: Request, user: User, *, errors: dict[str, str] | None = None, status_code: int = 200
) -> HTMLResponse:
    return render(request, "my_password.html", user, status_code=status_code, errors=errors or {})
