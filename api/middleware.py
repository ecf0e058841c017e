"""Plain ASGI middleware: the request's language, and security headers on every answer."""

from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eom.i18n import negotiate, supported

LANGUAGE_COOKIE = "lang"
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
