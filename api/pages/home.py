"""The home page, and signing in and out of the web pages."""

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DatabaseDep, HasherDep, SessionDep, SettingsDep
from api.pages.missions import LABELS
from api.sign_in import sign_in
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
from eom.accounts.models import Role, TokenKind
from eom.core.clock import utcnow
from eom.core.errors import InvalidCredentials, TooManyAttempts
from eom.core.i18n import N_
from reports import day

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, user: PageUser) -> HTMLResponse:
    """The work of the day for the signed-in person; what EOM is, for a visitor."""
    today = utcnow().date()
    context: dict[str, Any] = {}
    if is_staff(user):
        context["staff_day"] = day.staff_day(session, today)
    elif user is not None and user.role == Role.donor:
        context["donor_day"] = day.donor_day(session, user, today)
    elif user is not None and user.role == Role.observer:
        context["tasks"] = day.observer_day(session, user)
    return render(request, "home.html", user, today=today, **context, **LABELS)


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
    try:
        plain, user, _ = sign_in(
            session,
            db,
            settings,
            hasher,
            email,
            password,
            kind=TokenKind.web,
            user_agent=request.headers.get("user-agent"),
        )
    except InvalidCredentials as error:
        return render(
            request,
            "login.html",
            None,
            status_code=401,
            error=error,
            email=email,
            next=safe_next(next),
        )
    except TooManyAttempts as error:
        response = render(
            request,
            "login.html",
            None,
            status_code=429,
            error=error,
            email=email,
            next=safe_next(next),
        )
        response.headers["Retry-After"] = str(error.retry_after)
        return response
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
