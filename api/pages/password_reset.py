"""Setting a new password through a one-time link an administrator made
(``/reset/{token}``): open to whoever holds the link, signed in or not."""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from api.deps import HasherDep, SessionDep
from api.web import CsrfChecked, PageUser, field_errors, flash, render
from eom.accounts import resets
from eom.accounts.models import NewPassword, User
from eom.core.clock import utcnow
from eom.core.i18n import N_

router = APIRouter(include_in_schema=False)

# The link's token as it arrives; one that was never made is a 404 like any other.
Token = Annotated[str, Path(max_length=200)]


class NewPasswordForm(BaseModel):
    password: str = Field(default="", max_length=1024)
    password_again: str = Field(default="", max_length=1024)


def _reset_form(
    request: Request,
    user: User | None,
    *,
    token: str,
    email: str,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    response = render(
        request,
        "reset.html",
        user,
        status_code=status_code,
        token=token,
        email=email,
        errors=errors or {},
    )
    # The address holds the token: no copy of the page is kept.
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/reset/{token}", response_class=HTMLResponse, name="password_reset_page")
def password_reset_page(
    request: Request, token: Token, session: SessionDep, user: PageUser
) -> HTMLResponse:
    """The form for a new password, while the link works; a clear 404 or 410 otherwise."""
    _, account = resets.link_in_force(session, token, now=utcnow())
    return _reset_form(request, user, token=token, email=account.email)


@router.post("/reset/{token}", dependencies=[CsrfChecked])
def reset_password(
    request: Request,
    token: Token,
    session: SessionDep,
    user: PageUser,
    hasher: HasherDep,
    form: Annotated[NewPasswordForm, Form()],
) -> Response:
    """Set the password, once: the link is used up and every sign-in of the account ends."""
    try:
        new = NewPassword.model_validate(form.model_dump())
    except ValidationError as error:
        _, account = resets.link_in_force(session, token, now=utcnow())
        errors = field_errors(request, error)
        return _reset_form(
            request, user, token=token, email=account.email, errors=errors, status_code=422
        )
    account = resets.reset_password(session, token, new, hasher=hasher, now=utcnow())
    response = RedirectResponse("/login", status_code=303)
    done = N_("The password of {email} is set. Sign in with it.")
    flash(request, response, done, email=account.email)
    return response
