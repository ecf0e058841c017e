"""The signed-in person's own account (``/account``): changing their password. Any role
has it; each person sees and changes only their own."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from api.deps import DatabaseDep, HasherDep, SessionDep, SettingsDep
from api.sign_in import change_own_password
from api.web import CsrfChecked, PageSignIn, field_errors, flash, render
from eom.accounts.models import AccessToken, PasswordChange, User
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


@router.get("/account", response_class=HTMLResponse)
def my_account(request: Request, signed_in: SignedInPage) -> HTMLResponse:
    """The person's account: who they are, and what they may change."""
    return render(request, "my_account.html", signed_in[0])


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
