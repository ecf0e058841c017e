"""The home page, and signing in and out of the web pages."""

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DatabaseDep, HasherDep, SessionDep, SettingsDep
from api.pages.documents import DOCUMENT_LABELS
from api.pages.missions import LABELS
from api.sign_in import second_step_ticket, sign_in, sign_in_with_code
from api.web import (
    SESSION_COOKIE,
    CsrfChecked,
    PageSignIn,
    PageUser,
    delete_cookie,
    flash,
    render,
    set_cookie,
)
from eom.accounts import service as accounts
from eom.accounts.access import is_staff
from eom.accounts.models import AccessToken, Role, TokenKind, User
from eom.accounts.totp import CodeRequired
from eom.core.clock import utcnow
from eom.core.errors import InvalidCredentials, NotAuthenticated, TooManyAttempts
from eom.core.i18n import N_
from eom.core.settings import Settings
from reports import day

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, user: PageUser) -> HTMLResponse:
    """The work of the day for the signed-in person; what EOM is, for a visitor."""
    today = utcnow().date()
    context: dict[str, Any] = {}
    if is_staff(user):
        assert user is not None, "staff are signed in"
        context["staff_day"] = day.staff_day(session, today)
        context["ask_to_enrol"] = not accounts.has_second_factor(session, user)
    elif user is not None and user.role == Role.donor:
        context["donor_day"] = day.donor_day(session, user, today)
    elif user is not None and user.role == Role.observer:
        context["tasks"] = day.observer_day(session, user)
        context["sections"] = day.sections_to_write(session, user)
    return render(request, "home.html", user, today=today, **context, **LABELS, **DOCUMENT_LABELS)


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, user: PageUser, next: Annotated[str | None, Query(max_length=200)] = None
) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", None, next=safe_next(next))


@router.post("/login", response_class=HTMLResponse, dependencies=[CsrfChecked])
def login(
    request: Request,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    hasher: HasherDep,
    next: Annotated[str, Form(max_length=200)] = "/",
) -> Response:
    """Sign in with the email and password; an account with two-factor sign-in is asked
    for its code next, and has no session until the code is right."""
    agent = request.headers.get("user-agent")
    retry = {"email": email, "next": safe_next(next)}
    try:
        signed_in = sign_in(
            session, db, settings, hasher, email, password, kind=TokenKind.web, user_agent=agent
        )
    except CodeRequired as needed:
        ticket = second_step_ticket(settings, needed.user)
        asked = render(request, "login_code.html", None, ticket=ticket, next=safe_next(next))
        asked.headers["Cache-Control"] = "no-store"
        return asked
    except InvalidCredentials as error:
        return render(request, "login.html", None, status_code=401, error=error, **retry)
    except TooManyAttempts as error:
        return _throttled(request, "login.html", error, **retry)
    return _signed_in(request, settings, signed_in, next)


@router.post("/login/code", response_class=HTMLResponse, dependencies=[CsrfChecked])
def login_code(
    request: Request,
    ticket: Annotated[str, Form(max_length=200)],
    code: Annotated[str, Form(max_length=40)],
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    next: Annotated[str, Form(max_length=200)] = "/",
) -> Response:
    """The second step: the code of the authenticator app, or a recovery code."""
    agent = request.headers.get("user-agent")
    retry = {"ticket": ticket, "next": safe_next(next)}
    try:
        signed_in = sign_in_with_code(
            session, db, settings, ticket, code, kind=TokenKind.web, user_agent=agent
        )
    except InvalidCredentials as error:
        return render(request, "login_code.html", None, status_code=401, error=error, **retry)
    except NotAuthenticated as error:  # the ticket is too old: start again
        return render(
            request, "login.html", None, status_code=401, error=error, next=safe_next(next)
        )
    except TooManyAttempts as error:
        return _throttled(request, "login_code.html", error, **retry)
    return _signed_in(request, settings, signed_in, next)


def _throttled(request: Request, template: str, error: TooManyAttempts, **context: Any) -> Response:
    response = render(request, template, None, status_code=429, error=error, **context)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


def _signed_in(
    request: Request, settings: Settings, signed_in: tuple[str, User, AccessToken], next: str
) -> Response:
    plain, user, _ = signed_in
    redirect = RedirectResponse(safe_next(next), status_code=303)
    flash(request, redirect, N_("Signed in as {name}."), name=user.full_name)
    lifetime = timedelta(minutes=settings.token_lifetime_minutes)
    set_cookie(request, redirect, SESSION_COOKIE, plain, max_age=int(lifetime.total_seconds()))
    return redirect


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, session: SessionDep, signed_in: PageSignIn) -> Response:
    if signed_in is not None:
        user, token = signed_in
        accounts.revoke_token(session, token, actor=accounts.actor_of(user))
    response = RedirectResponse("/login", status_code=303)
    flash(request, response, N_("You are signed out."))
    delete_cookie(request, response, SESSION_COOKIE)
    return response
