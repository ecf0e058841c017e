"""What every HTML answer shares, pages and error pages alike: the signed-in user from the
cookie, CSRF tokens, navigation, messages after an action, rendering."""

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Form, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from api.deps import SessionDep
from eom.accounts import sessions
from eom.accounts.access import require_admin, require_staff
from eom.accounts.models import ROLE_LABELS, AccessToken, Role, TokenKind, User
from eom.core.clock import utcnow
from eom.core.errors import DomainError, Forbidden, NotAuthenticated, RuleBroken
from eom.core.i18n import LANGUAGES, N_, translate
from eom.core.logs import request_id
from eom.core.security import sign, signatures_match
from reports.formatting import writers

SESSION_COOKIE = "eom_session"
CSRF_COOKIE = "eom_csrf"
FLASH_COOKIE = "eom_flash"
# Secure cookies take this prefix: a browser then keeps them only when set over HTTPS by
# this very host for the whole site, so no other host (a sibling subdomain) can plant one.
HOST_PREFIX = "__Host-"


def cookie_name(request: Request, name: str) -> str:
    """The name a cookie goes by here: ``__Host-`` before it when cookies are secure."""
    return HOST_PREFIX + name if request.app.state.settings.cookie_secure else name


def read_cookie(request: Request, name: str) -> str | None:
    """The value of one of EOM's cookies (``cookie_name``), if the browser sent it."""
    return request.cookies.get(cookie_name(request, name))


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
_DOCUMENTS = NavItem("Documents", "/documents")
_ACCOUNTS = NavItem("Accounts", "/admin/accounts")
_AUDIT = NavItem("Audit log", "/admin/audit")
NAVIGATION: dict[Role | None, list[NavItem]] = {
    None: [_HOME, _MISSIONS, _RECOMMENDATIONS, _DOCUMENTS, _FUNDING],
    Role.admin: [
        _HOME,
        _MISSIONS,
        _ROSTER,
        _RECOMMENDATIONS,
        _DOCUMENTS,
        _FUNDING,
        _ACCOUNTS,
        _AUDIT,
        _API,
    ],
    Role.staff: [_HOME, _MISSIONS, _ROSTER, _RECOMMENDATIONS, _DOCUMENTS, _FUNDING, _API],
    Role.observer: [
        _HOME,
        _MISSIONS,
        _RECOMMENDATIONS,
        _DOCUMENTS,
        _FUNDING,
        NavItem("My code of conduct", "/my/code"),
    ],
    Role.donor: [_HOME, _MISSIONS, _RECOMMENDATIONS, _DOCUMENTS, _FUNDING],
}


def page_sign_in(request: Request, session: SessionDep) -> tuple[User, AccessToken] | None:
    """The user and web session behind the session cookie, or None when signed out (or
    when the session went unused for EOM_SESSION_IDLE_MINUTES); this use keeps it alive."""
    token = read_cookie(request, SESSION_COOKIE)
    if not token:
        return None
    now = utcnow()
    try:
        user, access = sessions.web_session(session, token, now=now, idle=_idle(request))
    except NotAuthenticated:
        return None
    if access.kind == TokenKind.web and sessions.use_is_due(access, now=now):
        _record_use(request, session, access, now)
    return user, access


def _idle(request: Request) -> timedelta:
    return timedelta(minutes=request.app.state.settings.session_idle_minutes)


def _record_use(request: Request, session: SessionDep, access: AccessToken, now: datetime) -> None:
    """Write the session's use in the request's transaction when it may write; a reading
    request on SQLite (whose reads have connections of their own) writes it apart."""
    assert access.id is not None, "a stored token"
    db = request.app.state.db
    if session.get_bind() is db.engine:
        sessions.record_use(session, access.id, now=now)
        return
    with db.session_scope() as apart:
        sessions.record_use(apart, access.id, now=now)


PageSignIn = Annotated[tuple[User, AccessToken] | None, Depends(page_sign_in)]


async def page_user(signed_in: PageSignIn) -> User | None:
    return signed_in[0] if signed_in else None


PageUser = Annotated[User | None, Depends(page_user)]


async def page_staff(user: PageUser) -> User:
    """The signed-in DECO staff member (or admin). Signed out, a page is sent to sign in
    (a GET) or refused as 401; anyone else is refused as 403 — by the shared error pages."""
    if user is None:
        raise NotAuthenticated("Sign in to do this.")
    require_staff(user)
    return user


PageStaff = Annotated[User, Depends(page_staff)]


def page_admin(user: PageUser) -> User:
    """The signed-in administrator; signed out, sent to sign in (a GET); anyone else 403."""
    if user is None:
        raise NotAuthenticated("Sign in to do this.")
    require_admin(user)
    return user


PageAdmin = Annotated[User, Depends(page_admin)]


def csrf_seed(request: Request) -> str:
    """The random value of this browser's CSRF cookie (a new one if it has none)."""
    seed = read_cookie(request, CSRF_COOKIE)
    if not seed:
        seed = getattr(request.state, "csrf_seed", None) or secrets.token_urlsafe(24)
        request.state.csrf_seed = seed
    return seed


def csrf_token(request: Request) -> str:
    """The token a form must carry: the cookie's value signed with the secret key."""
    return sign(request.app.state.secret_key, csrf_seed(request))


def check_csrf(request: Request, csrf: Annotated[str, Form(max_length=128)] = "") -> None:
    """Refuse a form whose token does not match this browser's CSRF cookie."""
    seed = read_cookie(request, CSRF_COOKIE)
    if not seed or not csrf or not signatures_match(csrf, sign(request.app.state.secret_key, seed)):
        raise Forbidden("The form has expired. Reload the page and try again.")


CsrfChecked = Depends(check_csrf)


def set_cookie(request: Request, response: Response, name: str, value: str, **extra: Any) -> None:
    """One of EOM's cookies set for the whole site, never read by scripts."""
    options: dict[str, Any] = {"httponly": True, "samesite": "lax", **extra}
    response.set_cookie(
        cookie_name(request, name),
        value,
        path="/",
        secure=request.app.state.settings.cookie_secure,
        **options,
    )


def delete_cookie(request: Request, response: Response, name: str) -> None:
    """One of EOM's cookies removed (a secure one must be removed as it was set)."""
    secure = request.app.state.settings.cookie_secure
    response.delete_cookie(cookie_name(request, name), path="/", secure=secure, httponly=True)


def current_section(path: str, items: list[NavItem]) -> str | None:
    """The navigation entry the page belongs to: the longest one its path starts with."""
    found = [
        i.href
        for i in items
        if path == i.href or (i.href != "/" and path.startswith(i.href.rstrip("/") + "/"))
    ]
    return max(found, key=len, default=None)


def language_url(request: Request, language: str) -> str:
    """This page in another language: the same path and filters, ``lang`` replaced."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return f"{request.url.path}?{urlencode([*query, ('lang', language)])}"


def flash(request: Request, response: Response, message: str, **params: Any) -> None:
    """Say on the next page what was just done ("Saved"): a catalogue message and its
    fields, signed, translated when shown in the reader's language."""
    payload = base64.urlsafe_b64encode(json.dumps([message, params]).encode()).decode()
    value = f"{payload}.{sign(request.app.state.secret_key, payload)}"
    set_cookie(request, response, FLASH_COOKIE, value, max_age=60)


def _flashes(request: Request) -> list[tuple[str, dict[str, Any]]]:
    value = read_cookie(request, FLASH_COOKIE) or ""
    payload, _, signature = value.partition(".")
    if not payload or not signatures_match(signature, sign(request.app.state.secret_key, payload)):
        return []
    try:
        message, params = json.loads(base64.urlsafe_b64decode(payload))
    except ValueError:
        return []
    return [(str(message), dict(params))]


def render(
    request: Request, template: str, user: User | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page in the request's language, with navigation for the user's role and the
    message of the action just done, if any."""
    language: str = request.state.language

    def _(message: str, **params: Any) -> str:
        return translate(language, message, **params)

    navigation = NAVIGATION[Role(user.role) if user else None]
    flashes = _flashes(request)
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(
        request,
        template,
        {
            "_": _,
            "user": user,
            "language": language,
            "languages": LANGUAGES,
            "language_url": lambda code: language_url(request, code),
            "role_labels": ROLE_LABELS,
            "navigation": navigation,
            "current_section": current_section(request.url.path, navigation),
            "csrf_token": csrf_token(request),
            "flashes": [_(message, **params) for message, params in flashes],
            **writers(language),
            **context,
        },
        status_code=status_code,
    )
    if read_cookie(request, FLASH_COOKIE) is not None:
        delete_cookie(request, response, FLASH_COOKIE)
    if read_cookie(request, CSRF_COOKIE) is None:
        set_cookie(request, response, CSRF_COOKIE, csrf_seed(request), samesite="strict")
    return response


# What is not a page, by path prefix (the one rule): the API (its JSON, PDFs, exports, the
# IATI file, the field app's calls, the health probe), its description and documentation,
# the site's files, the bench. A refusal there is a problem document, not a page; and its
# language is the call's own (``?lang=``, else ``Accept-Language``): the ``lang`` cookie,
# which remembers a choice made on the pages, is neither read nor set there.
NOT_PAGES = ("/api/", "/openapi.json", "/docs", "/static/", "/bench/")


def is_page_path(path: str) -> bool:
    """Whether a request for ``path`` asks for a page (``NOT_PAGES`` says what does not)."""
    return not path.startswith(NOT_PAGES)


def is_page(request: Request) -> bool:
    """Whether the request asked for a page (answered in HTML), not the API (problem+json)."""
    return is_page_path(request.url.path)


def _same_site_referer(request: Request) -> str | None:
    referer = request.headers.get("referer", "")
    origin = f"{request.url.scheme}://{request.url.netloc}"
    if referer.startswith(origin + "/") and referer.rstrip("/") != str(request.url).rstrip("/"):
        return referer[len(origin) :]
    return None


def error_page(
    request: Request,
    status: int,
    title: str,
    detail: str,
    problems: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """An error as a page in the reader's language, with the site's header (for whoever
    is signed in) and a way back; ``title`` and ``detail`` are already translated."""
    user = _cookie_user(request)
    response = render(
        request,
        "error.html",
        user,
        status_code=status,
        status=status,
        title=title,
        detail=detail,
        problems=problems or [],
        back=_same_site_referer(request),
        reference=request_id.get() or "-",
    )
    response.headers.update(headers or {})
    return response


def _cookie_user(request: Request) -> User | None:
    """The signed-in user of the cookie, read in a session of its own (the request's may
    have failed); None when there is none or the database cannot say."""
    token = read_cookie(request, SESSION_COOKIE)
    if not token:
        return None
    try:
        with request.app.state.db.session_scope(write=False) as session:
            user, _ = sessions.web_session(session, token, now=utcnow(), idle=_idle(request))
            return user
    except Exception:  # an error page must render even when the database does not answer
        return None


def in_words(language: str, message: str) -> str:
    """A validation message in words a person uses, in their language (a pattern or a
    type name is never shown)."""
    return translate(language, _reason(message))


def _reason(message: str) -> str:
    reasons = (
        (("String should match pattern",), N_("This is not in the expected form.")),
        (
            ("Input should be a valid integer", "Input should be a valid number"),
            N_("Write a whole number."),
        ),
        (("Input should be a valid date",), N_("Write a date as YYYY-MM-DD.")),
        (("Input should be",), N_("Choose one of the values offered.")),
        (
            ("String should have at most", "Value should have at most", "List should have at most"),
            N_("This is too long."),
        ),
        (("String should have at least",), N_("This is too short.")),
        (("Field required",), N_("This is required.")),
        (("Input should be less", "Input should be greater"), N_("This is out of range.")),
    )
    for starts, reason in reasons:
        if message.startswith(starts):
            return reason
    return message


def error_in_words(language: str, e: Any) -> str:
    """One error of a validation error, as a sentence in ``language``."""
    rule = (e.get("ctx") or {}).get("error")
    if isinstance(rule, RuleBroken):
        return translate(language, rule.template)
    return in_words(language, e["msg"])


def field_errors(
    request: Request, error: Exception, fields: dict[str, str] | None = None
) -> dict[str, str]:
    """A refusal as messages by form field, translated: a validation error names its
    fields; a domain error is the form's (``""``) unless ``fields`` maps it to one.
    ``fields`` maps the model's field names to the form's."""
    language: str = request.state.language
    names = fields or {}
    if isinstance(error, ValidationError):
        found: dict[str, str] = {}
        for e in error.errors():
            rule = (e.get("ctx") or {}).get("error")
            if isinstance(rule, RuleBroken) and rule.field:  # a rule across fields, about one
                name = rule.field
            else:
                name = str(e["loc"][0]) if e["loc"] else ""
            found.setdefault(names.get(name, name), error_in_words(language, e))
        return found
    if isinstance(error, DomainError):
        # A rule that names the field it is about is shown beside that field.
        about = [str(e["loc"][-1]) for e in getattr(error, "errors", []) if e.get("loc")]
        name = about[0] if about else ""
        return {names.get(name, name): translate(language, error.template, **error.params)}
    raise error
