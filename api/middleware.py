"""Plain ASGI middleware: the request's id and language, and security headers on every
answer."""

import logging
import re
import secrets
import time
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eom.core.i18n import negotiate, supported
from eom.core.logs import request_id

log = logging.getLogger(__name__)

LANGUAGE_COOKIE = "lang"
REQUEST_ID_HEADER = b"x-request-id"
# A caller's own id (a load balancer's, say) is kept when it is short and plain.
_GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_ONE_YEAR = 365 * 24 * 3600

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(raw)
    except Exception:  # a malformed Cookie header must not fail the request
        return None
    morsel = cookies.get(name)
    return morsel.value if morsel else None


class LanguageMiddleware:
    """Sets ``request.state.language``; ``?lang=`` also remembers the choice in a cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [None])[0]
        language = negotiate(
            query, _cookie(scope, LANGUAGE_COOKIE), _header(scope, b"accept-language")
        )
        scope.setdefault("state", {})["language"] = language
        remember = supported(query) is not None

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and remember:
                cookie = f"{LANGUAGE_COOKIE}={language}; Path=/; Max-Age={_ONE_YEAR}; SameSite=Lax"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class SecurityHeadersMiddleware:
    """Headers that stop sniffing, framing and referrer leaks, on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = message.setdefault("headers", [])
                headers.extend(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestIdMiddleware:
    """Gives each request an id (the caller's ``X-Request-ID`` when it is plain, else a new
    one), which every log line of the request carries and the answer echoes; and logs
    every answer of 500 or more with its method, path and time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, REQUEST_ID_HEADER)
        rid = given if given and _GIVEN_ID.match(given) else secrets.token_hex(8)
        token = request_id.set(rid)
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((REQUEST_ID_HEADER, rid.encode()))
                if message["status"] >= 500:
                    log.error(
                        "%s %s answered %d in %.0f ms",
                        scope["method"],
                        scope["path"],
                        message["status"],
                        (time.perf_counter() - started) * 1000,
                    )
            await send(message)

        await self.app(scope, receive, send_with_id)
        # Reset only after a clean answer: an unexpected error is answered (and logged)
        # outside this middleware, by the app's 500 handler, which must still see the id.
        request_id.reset(token)
