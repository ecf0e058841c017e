"""Accounts, managed by administrators on the pages: the list with its filters, a new
account, an account's role and whether it is active, and a one-time link to reset its
password. Each form calls the service function ``/api/v1/users`` calls; a refusal shows
the form again with the input kept and the reason beside the field."""

from typing import Annotated, Any

from argon2 import PasswordHasher
from fastapi import APIRouter, BackgroundTasks, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from api.deps import HasherDep, RecordId, SessionDep, SettingsDep, actor
from api.sign_in import check_email_configured, email_reset_link
from api.web import CsrfChecked, PageAdmin, field_errors, flash, render
from eom.accounts import resets, totp
from eom.accounts import service as accounts
from eom.accounts.models import ROLE_LABELS, Role, User, UserCreate, UserUpdate
from eom.core import mail
from eom.core.clock import utcnow
from eom.core.errors import DomainError
from eom.core.i18n import N_, translate

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
# The active filter as the form sends it, and what it means.
ACTIVE_CHOICES = {"true": True, "false": False}


class AccountForm(BaseModel):
    """The new-account form as the browser sends it: text, empty for "none"."""

    full_name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    role: str = Field(default="", max_length=20)
    password: str = Field(default="", max_length=1024)

    def filled(self) -> dict[str, str]:
        """What was typed, trimmed (a password as typed), without the empty fields."""
        values = {k: v.strip() for k, v in self.model_dump(exclude={"password"}).items()}
        return {**{k: v for k, v in values.items() if v}, "password": self.password}

    def kept(self) -> dict[str, str]:
        """What the form shows again after a refusal: never the password."""
        return {k: v for k, v in self.filled().items() if k != "password"}


# The list ----------------------------------------------------------------------------------


@router.get("/admin/accounts", response_class=HTMLResponse)
def accounts_page(
    request: Request,
    session: SessionDep,
    user: PageAdmin,
    # A filter form sends empty fields for "any": they are accepted and mean no filter.
    role: Annotated[str, Query(max_length=20)] = "",
    active: Annotated[str, Query(max_length=5)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    chosen = Role(role) if role in set(Role) else None
    items, total = accounts.list_users(
        session,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        role=chosen,
        is_active=ACTIVE_CHOICES.get(active),
    )
    return render(
        request,
        "accounts.html",
        user,
        accounts=items,
        last_sign_ins=accounts.last_sign_ins(session, [u.id or 0 for u in items]),
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        roles=list(Role),
        filters={
            "role": chosen.value if chosen else "",
            "active": active if active in ACTIVE_CHOICES else "",
        },
    )


# A new account -----------------------------------------------------------------------------


def _new_account_form(
    request: Request,
    user: User,
    *,
    kept: dict[str, Any],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "account_new.html",
        user,
        status_code=status_code,
        kept=kept,
        errors=errors or {},
        roles=list(Role),
    )


@router.get("/admin/accounts/new", response_class=HTMLResponse)
def new_account_page(request: Request, user: PageAdmin) -> HTMLResponse:
    return _new_account_form(request, user, kept={"role": Role.observer.value})


@router.post("/admin/accounts/new", dependencies=[CsrfChecked])
def create_account(
    request: Request,
    session: SessionDep,
    user: PageAdmin,
    hasher: HasherDep,
    form: Annotated[AccountForm, Form()],
) -> Response:
    """Open an account, as ``POST /api/v1/users`` does."""
    try:
        data = UserCreate.model_validate(form.filled())
        made = accounts.create_user(session, data, actor=actor(user), hasher=hasher)
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "email"})
        return _new_account_form(request, user, kept=form.kept(), errors=errors, status_code=422)
    response = RedirectResponse(f"/admin/accounts/{made.id}", status_code=303)
    flash(request, response, N_("Account opened for {email}."), email=made.email)
    return response


# One account -------------------------------------------------------------------------------


def account_page_for(
    request: Request,
    session: Session,
    user: User,
    account_id: int,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    """An account's page; with ``errors`` (a refused change, by field) it comes back 422."""
    account = accounts.get_user(session, account_id)
    return render(
        request,
        "account.html",
        user,
        status_code=status_code,
        account=account,
        last_sign_in=accounts.last_sign_ins(session, [account_id]).get(account_id),
        live_sessions=accounts.live_sessions(session, account, now=utcnow()),
        open_link=resets.open_link_of(session, account, now=utcnow()),
        two_factor=totp.credential_of(session, account),
        mails=mail.is_configured(request.app.state.settings),
        roles=list(Role),
        errors=errors or {},
        **extra,
    )


@router.get("/admin/accounts/{account_id}", response_class=HTMLResponse)
def account_page(
    request: Request, account_id: RecordId, session: SessionDep, user: PageAdmin
) -> HTMLResponse:
    return account_page_for(request, session, user, account_id)


def _change(
    request: Request,
    session: Session,
    user: User,
    hasher: PasswordHasher,
    account_id: int,
    changes: dict[str, str],
    *,
    field: str,
) -> User | HTMLResponse:
    """Apply ``changes`` as ``PATCH /api/v1/users/{id}`` does: the account as changed, or
    its page again (422) with the reason beside ``field``."""
    try:
        return accounts.update_user(
            session,
            accounts.get_user(session, account_id, for_update=True),
            UserUpdate.model_validate(changes),
            actor=actor(user),
            hasher=hasher,
        )
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": field})
        return account_page_for(request, session, user, account_id, errors=errors, status_code=422)


@router.post("/admin/accounts/{account_id}/role", dependencies=[CsrfChecked])
def change_role(
    request: Request,
    account_id: RecordId,
    session: SessionDep,
    user: PageAdmin,
    hasher: HasherDep,
    role: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Give the account another role."""
    account = _change(request, session, user, hasher, account_id, {"role": role}, field="role")
    if isinstance(account, Response):
        return account
    response = RedirectResponse(f"/admin/accounts/{account_id}", status_code=303)
    label = translate(request.state.language, ROLE_LABELS[Role(account.role)])
    flash(request, response, N_("{email} is now: {role}."), email=account.email, role=label)
    return response


@router.post("/admin/accounts/{account_id}/active", dependencies=[CsrfChecked])
def change_active(
    request: Request,
    account_id: RecordId,
    session: SessionDep,
    user: PageAdmin,
    hasher: HasherDep,
    active: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Deactivate the account (it is signed out everywhere) or reactivate it."""
    changes = {"is_active": active}
    account = _change(request, session, user, hasher, account_id, changes, field="active")
    if isinstance(account, Response):
        return account
    response = RedirectResponse(f"/admin/accounts/{account_id}", status_code=303)
    done = (
        N_("{email} is active again.")
        if account.is_active
        else N_("{email} is deactivated and signed out everywhere.")
    )
    flash(request, response, done, email=account.email)
    return response


@router.post("/admin/accounts/{account_id}/sign-out", dependencies=[CsrfChecked])
def sign_out_everywhere(
    request: Request, account_id: RecordId, session: SessionDep, user: PageAdmin
) -> Response:
    """Revoke every session of the account, as ``POST /api/v1/users/{id}/sign-out`` does."""
    account = accounts.get_user(session, account_id, for_update=True)
    revoked = accounts.sign_out_everywhere(session, account, actor=actor(user))
    response = RedirectResponse(f"/admin/accounts/{account_id}", status_code=303)
    flash(
        request,
        response,
        N_("{email} is signed out everywhere ({count} sessions ended)."),
        email=account.email,
        count=revoked,
    )
    return response


@router.post("/admin/accounts/{account_id}/two-factor/remove", dependencies=[CsrfChecked])
def remove_two_factor(
    request: Request, account_id: RecordId, session: SessionDep, user: PageAdmin
) -> Response:
    """Remove the account's two-factor sign-in (a person who lost their phone and their
    recovery codes), as ``DELETE /api/v1/users/{id}/totp`` does."""
    account = accounts.get_user(session, account_id, for_update=True)
    totp.remove(session, account, actor=actor(user))
    response = RedirectResponse(f"/admin/accounts/{account_id}", status_code=303)
    done = N_("Two-factor sign-in of {email} is removed: their password alone signs them in.")
    flash(request, response, done, email=account.email)
    return response


@router.post("/admin/accounts/{account_id}/reset-link", dependencies=[CsrfChecked])
def create_reset_link(
    request: Request,
    account_id: RecordId,
    session: SessionDep,
    settings: SettingsDep,
    background: BackgroundTasks,
    user: PageAdmin,
    send: Annotated[bool, Form()] = False,
) -> Response:
    """Make a one-time password reset link, as ``POST /api/v1/users/{id}/password-reset``
    does, show it this once and, when asked, email it to the person."""
    if send:
        check_email_configured(settings)
    account = accounts.get_user(session, account_id)
    plain, link = resets.create_reset_link(session, account, actor=actor(user), now=utcnow())
    if send:
        email_reset_link(background, settings, request.state.language, account, plain, link)
    response = render(
        request,
        "reset_link.html",
        user,
        account=account,
        url=str(request.url_for("password_reset_page", token=plain)),
        link=link,
        emailed=send,
    )
    # Shown once: no copy of the page is kept by the browser or a proxy.
    response.headers["Cache-Control"] = "no-store"
    return response
