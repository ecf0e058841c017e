"""Plain ASGI middleware: the request's id and language, security headers on every
answer, and the API's request bodies bounded (and gunzipped when sent compressed)."""

import base64
import hashlib
import logging
import re
import secrets
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from anyio import to_thread
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem
from api.web import HOST_PREFIX, SESSION_COOKIE, is_page_path
from eom.core.i18n import N_, negotiate, supported
from eom.core.logs import request_id
from eom.core.settings import Settings

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
    # The field app takes the phone's position; nothing asks for any other device.
    (
        b"permissions-policy",
        b"accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
        b"microphone=(), payment=(), usb=()",
    ),
]
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
# Code and styles from this site only (a page with inline code names it by its hash:
# ``content_security_policy``); pictures also as data: (Swagger UI's icons) and blob: (a
# photo the field app is about to send); never framed.
_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Documents made on request (and the IATI file): never kept by a cache.
# The IATI file is not one: public data, the same for all, revalidated by its ETag
# (``api/caching.py``).
DOCUMENT_TYPES = (
    "application/pdf",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
# Public, the same for everyone, and worth caching however the reader is signed in.
_SHARED_PATHS = ("/static/", "/field/")


def content_security_policy(*, scripts: Sequence[str] = (), styles: Sequence[str] = ()) -> str:
    """The site's policy, also allowing the inline scripts and styles given (their text)."""
    policy = {
        **_POLICY,
        "script-src": [*_POLICY["script-src"], *map(inline_hash, scripts)],
        "style-src": [*_POLICY["style-src"], *map(inline_hash, styles)],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def inline_hash(code: str) -> str:
    """The CSP source that allows this inline script or style, and no other."""
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def signed_in(scope: Scope) -> bool:
    """Whether the request came with credentials (a token, a web session cookie)."""
    return _header(scope, b"authorization") is not None or any(
        _cookie(scope, name) for name in (SESSION_COOKIE, HOST_PREFIX + SESSION_COOKIE)
    )


def must_not_be_stored(scope: Scope, headers: list[Any]) -> bool:
    """Whether no cache may keep the answer: anything answered to a signed-in caller
    (but the site's shared files), and every document made on request (a PDF, an export,
    the IATI file), whoever asked."""
    media_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    media_type = media_type.decode("latin-1").split(";")[0].strip().lower()
    if media_type in DOCUMENT_TYPES:
        return True
    return signed_in(scope) and not scope["path"].startswith(_SHARED_PATHS)


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
    """Sets ``request.state.language``. On a page: ``?lang=``, then the ``lang`` cookie,
    then ``Accept-Language``, and ``?lang=`` is remembered in the cookie for the pages
    that follow. Anywhere else (``web.NOT_PAGES``: the API above all) the language is the
    call's own, ``?lang=``, then ``Accept-Language``: the cookie is neither read nor set,
    so a choice made on the pages never decides what a program calling the API reads."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = is_page_path(scope["path"])
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [None])[0]
        cookie = _cookie(scope, LANGUAGE_COOKIE) if page else None
        language = negotiate(query, cookie, _header(scope, b"accept-language"))
        scope.setdefault("state", {})["language"] = language
        remember = page and supported(query) is not None

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and remember:
                cookie = f"{LANGUAGE_COOKIE}={language}; Path=/; Max-Age={_ONE_YEAR}; SameSite=Lax"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _no_store(headers: list[Any]) -> None:
    """``Cache-Control: no-store`` in place of any other (one saying it already stays)."""
    given = [v for k, v in headers if k.lower() == b"cache-control"]
    if not any(b"no-store" in v for v in given):
        headers[:] = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
        headers.append((b"cache-control", b"no-store"))


class SecurityHeadersMiddleware:
    """Headers that stop sniffing, framing, scripts from elsewhere and referrer leaks, on
    every response; ``Strict-Transport-Security`` when the site is served over HTTPS
    (``EOM_COOKIE_SECURE``); and ``Cache-Control: no-store`` where
    ``must_not_be_stored`` says so. A response that brings its own
    ``Content-Security-Policy`` (naming its inline code) keeps it."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        self.https = https
        self.policy = content_security_policy().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = message.setdefault("headers", [])
                headers.extend(SECURITY_HEADERS)
                if self.https:
                    headers.append(_HSTS)
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", self.policy))
                if must_not_be_stored(scope, headers):
                    _no_store(headers)
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


GZIP = ("gzip", "x-gzip")
# A compressed body larger than this is inflated in a worker thread, off the event loop.
_INFLATE_IN_THREAD = 256 * 1024


class BodyTooLarge(Exception):
    pass


@dataclass(frozen=True)
class BodyLimits:
    """The largest body taken of each kind, in bytes (``EOM_MAX_*_BYTES``)."""

    json: int
    csv: int
    photo: int

    @classmethod
    def of(cls, settings: Settings) -> "BodyLimits":
        return cls(settings.max_json_bytes, settings.max_csv_bytes, settings.max_photo_bytes)

    def for_request(self, scope: Scope) -> int:
        """The bound of this request's body: a photo's (an incident's photos), a CSV file's
        (a CSV body, any upload to an import, a document's PDF), else JSON's (forms and
        the rest)."""
        path = scope["path"].rstrip("/")
        media_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if path.endswith("/photos"):
            return self.photo
        # A document's PDF is bounded like a CSV file: 20 MB and its form.
        if media_type == "text/csv" or path.endswith(("/import", "/file")):
            return self.csv
        return self.json


class RequestBodyMiddleware:
    """Bounds the body of every request by its kind (``BodyLimits``), before any of it
    is read: a ``Content-Length`` past the bound is refused at once, and a body sent in
    chunks is counted as the app reads it, refused as soon as it passes the bound (the
    app never holds more than the bound, and the rest is never read). Larger is 413, a
    problem document (a page for a page). The API also accepts a body sent with
    ``Content-Encoding: gzip`` (a phone's batch of filings), bounded after it is
    inflated: broken gzip is 400, another encoding 415."""

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_request(scope)
        encoding = (_header(scope, b"content-encoding") or "identity").strip().lower()
        length = _header(scope, b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > limit:
            await self._refuse(scope, receive, send, 413, limit)
            return
        if encoding == "identity" or not scope["path"].startswith("/api/"):
            await self._counted(scope, receive, send, limit)
            return
        if encoding not in GZIP:
            await self._refuse(scope, receive, send, 415, limit, encoding=encoding)
            return
        try:
            body = await self._inflate(await self._read(receive, limit), limit)
        except BodyTooLarge:
            await self._refuse(scope, receive, send, 413, limit)
            return
        except (zlib.error, EOFError):
            await self._refuse(scope, receive, send, 400, limit)
            return
        await self.app(_plain(scope, len(body)), _replay(body, receive), send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """The app, reading the body through a count that stops it past ``limit``: what
        it answers then is replaced by the 413 (it may have read the refusal as a broken
        body)."""
        size, over, started = 0, False, False

        async def counting() -> Message:
            nonlocal size, over
            message = await receive()
            if message["type"] == "http.request":
                size += len(message.get("body", b""))
                if size > limit:
                    over = True
                    raise BodyTooLarge
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if not over:
                started = started or message["type"] == "http.response.start"
                await send(message)

        try:
            await self.app(scope, counting, sending)
        except BodyTooLarge:
            pass
        except Exception:
            if not over:
                raise
        if over and not started:
            await self._refuse(scope, receive, send, 413, limit)

    async def _read(self, receive: Receive, limit: int) -> bytes:
        """The whole body as sent, refused past the bound."""
        parts, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            part = message.get("body", b"")
            size += len(part)
            if size > limit:
                raise BodyTooLarge
            parts.append(part)
            more = message.get("more_body", False)
        return b"".join(parts)

    async def _inflate(self, data: bytes, limit: int) -> bytes:
        if len(data) > _INFLATE_IN_THREAD:
            return await to_thread.run_sync(gunzip, data, limit)
        return gunzip(data, limit)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, limit: int, **params: str
    ) -> None:
        detail = {
            400: N_("The request body is not valid gzip."),
            413: N_("The request body is larger than {megabytes} MB."),
            415: N_("A request body encoded as {encoding} is not accepted: send it plain or gzip."),
        }[status]
        params = {"megabytes": f"{limit / 1_000_000:g}", **params}
        response = problem(Request(scope), status, detail, detail_params=params)
        await response(scope, receive, send)


def gunzip(data: bytes, limit: int) -> bytes:
    """The gzip data inflated (every member of it), or ``BodyTooLarge`` once more than
    ``limit`` bytes come out; ``zlib.error`` or ``EOFError`` if it is not whole gzip."""
    out = bytearray()
    rest = data
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out += inflater.decompress(rest, limit + 1 - len(out))
        if len(out) > limit or inflater.unconsumed_tail:
            raise BodyTooLarge
        if not inflater.eof:
            raise EOFError("the gzip data ends before its last member does")
        rest = inflater.unused_data
        if not rest:
            return bytes(out)


def _plain(scope: Scope, length: int) -> Scope:
    """The request as the app reads it: a plain body of ``length`` bytes."""
    headers = [
        (key, value)
        for key, value in scope["headers"]
        if key not in (b"content-encoding", b"content-length", b"transfer-encoding")
    ]
    return {**scope, "headers": [*headers, (b"content-length", str(length).encode())]}


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body read already, then whatever the connection says next
    (a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


class FieldCompression:
    """Gzip for what the field app waits for on a phone's slow network: its shell and the
    API answers it reads (its assignments, what it sent, a batch's results), when the
    phone takes gzip. Pages and other answers go as they are: on a laptop the CPU time
    costs more than the bytes (and a proxy in front may compress them)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.compressing = GZipMiddleware(app, minimum_size=1024, compresslevel=6)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path.startswith(FIELD_PATHS) or path.endswith("/submissions/batch"):
            await self.compressing(scope, receive, send)
        else:
            await self.app(scope, receive, send)


FIELD_PATHS = ("/field/", "/api/v1/me/")
