"""Setting a new password through a one-time link (``/reset/{token}``), open to whoever
holds the link, signed in or not; and asking for such a link by email when the password
is forgotten (``/forgot``), which answers alike whatever the email."""

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from api.deps import HasherDep, SessionDep, SettingsDep
from api.sign_in import email_reset_link
from api.web import CsrfChecked, PageUser, field_errors, flash, render
from eom.accounts import resets
from eom.accounts.models import NewPassword, User
from eom.core import mail
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


@router.get("/forgot", response_class=HTMLResponse)
def forgot_page(request: Request, user: PageUser, settings: SettingsDep) -> HTMLResponse:
    """The form that asks for a reset link by email; without email configured, a page
    that says to ask an administrator."""
    return render(request, "forgot.html", user, mails=mail.is_configured(settings), asked=False)


@router.post("/forgot", response_class=HTMLResponse, dependencies=[CsrfChecked])
def forgot_password(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: PageUser,
    background: BackgroundTasks,
    email: Annotated[str, Form(max_length=320)] = "",
) -> HTMLResponse:
    """Email a reset link to the account with this email, if there is an active one (and
    it got none in the last minutes); the answer is the same in every case."""
    mails = mail.is_configured(settings)
    if mails:
        made = resets.link_for_forgotten_password(session, email, now=utcnow())
        if made is not None:
            plain, link, account = made
            email_reset_link(background, settings, request.state.language, account, plain, link)
    return render(request, "forgot.html", user, mails=mails, asked=mails)


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
