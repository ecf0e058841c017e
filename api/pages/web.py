"""What every page shares: the signed-in user from the cookie, CSRF tokens, rendering."""

import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Form, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import SessionDep
from eom.accounts import service as accounts
from eom.accounts.models import ROLE_LABELS, AccessToken, Role, User
from eom.clock import utcnow
from eom.errors import Forbidden, NotAuthenticated
from eom.i18n import LANGUAGES, translate
from eom.security import sign, signatures_match

SESSION_COOKIE = "eom_session"
CSRF_COOKIE = "eom_csrf"


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str


# What each role finds in the navigation; later domains add their pages here.
_HOME, _MISSIONS, _API = (
    NavItem("Home", "/"),
    NavItem("Missions", "/missions"),
    NavItem("API", "/docs"),
)
_ROSTER = NavItem("Roster", "/roster")
_FUNDING = NavItem("Funding", "/funding")
_RECOMMENDATIONS = NavItem("Recommendations", "/recommendations")
NAVIGATION: dict[Role | None, list[NavItem]] = {
    None: [_HOME, _MISSIONS, _RECOMMENDATIONS, _FUNDING],
    Role.admin: [_HOME, _MISSIONS, _ROSTER, _RECOMMENDATIONS, _FUNDING, _API],
    Role.staff: [_HOME, _MISSIONS, _ROSTER, _RECOMMENDATIONS, _FUNDING, _API],
    Role.observer: [
        _HOME,
        _MISSIONS,
        _RECOMMENDATIONS,
        _FUNDING,
        NavItem("My code of conduct", "/my/code"),
    ],
    Role.donor: [_HOME, _MISSIONS, _RECOMMENDATIONS, _FUNDING],
}


def page_sign_in(request: Request, session: SessionDep) -> tuple[User, AccessToken] | None:
    """The user and web token behind the session cookie, or None when signed out."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return accounts.user_for_token(session, token, now=utcnow())
    except NotAuthenticated:
        return None


PageSignIn = Annotated[tuple[User, AccessToken] | None, Depends(page_sign_in)]


def page_user(signed_in: PageSignIn) -> User | None:
    return signed_in[0] if signed_in else None


PageUser = Annotated[User | None, Depends(page_user)]


def csrf_seed(request: Request) -> str:
    """The random value of this browser's CSRF cookie (a new one if it has none)."""
    seed = request.cookies.get(CSRF_COOKIE)
    if not seed:
        seed = getattr(request.state, "csrf_seed", None) or secrets.token_urlsafe(24)
        request.state.csrf_seed = seed
    return seed


def csrf_token(request: Request) -> str:
    """The token a form must carry: the cookie's value signed with the secret key."""
    return sign(request.app.state.secret_key, csrf_seed(request))


def check_csrf(request: Request, csrf: Annotated[str, Form(max_length=128)] = "") -> None:
    """Refuse a form whose token does not match this browser's CSRF cookie."""
    seed = request.cookies.get(CSRF_COOKIE)
    if not seed or not csrf or not signatures_match(csrf, sign(request.app.state.secret_key, seed)):
        raise Forbidden("The form has expired. Reload the page and try again.")


CsrfChecked = Depends(check_csrf)


def set_cookie(request: Request, response: Response, name: str, value: str, **extra: Any) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="lax",
        path="/",
        secure=request.app.state.settings.cookie_secure,
        **extra,
    )


def render(
    request: Request, template: str, user: User | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page in the request's language, with navigation for the user's role."""
    language: str = request.state.language

    def _(message: str, **params: Any) -> str:
        return translate(language, message, **params)

    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(
        request,
        template,
        {
            "_": _,
            "user": user,
            "language": language,
            "languages": LANGUAGES,
            "role_labels": ROLE_LABELS,
            "navigation": NAVIGATION[Role(user.role) if user else None],
            "csrf_token": csrf_token(request),
            **context,
        },
        status_code=status_code,
    )
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(
            CSRF_COOKIE,
            csrf_seed(request),
            httponly=True,
            samesite="strict",
            path="/",
            secure=request.app.state.settings.cookie_secure,
        )
    return response
