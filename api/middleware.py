"""Plain ASGI middleware: the request's id and language, security headers on every
answer, and the API's request bodies bounded (and gunzipped when sent compressed)."""

import logging
import re
import secrets
import time
import zlib
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from anyio import to_thread
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem
from eom.core.i18n import N_, negotiate, supported
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


# The largest request body the API reads, after decompression: the pages' uploads' limit.
MAX_BODY_BYTES = 20_000_000
GZIP = ("gzip", "x-gzip")
# A compressed body larger than this is inflated in a worker thread, off the event loop.
_INFLATE_IN_THREAD = 256 * 1024


class BodyTooLarge(Exception):
    pass


class RequestBodyMiddleware:
    """Bounds the body of every API request at ``max_bytes`` and accepts one sent with
    ``Content-Encoding: gzip`` (a phone's batch of filings), bounded after it is inflated:
    larger is 413, broken gzip 400, another encoding 415, each a problem document. A plain
    body with a length within the bound passes untouched."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        encoding = (_header(scope, b"content-encoding") or "identity").strip().lower()
        length = _header(scope, b"content-length")
        if encoding == "identity" and length is not None and length.strip().isdigit():
            if int(length) <= self.max_bytes:
                await self.app(scope, receive, send)  # the usual case, untouched
                return
            await self._refuse(scope, receive, send, 413)
            return
        if encoding not in ("identity", *GZIP):
            await self._refuse(scope, receive, send, 415, encoding=encoding)
            return
        try:
            body = await self._read(receive)
            if encoding in GZIP:
                body = await self._inflate(body)
        except BodyTooLarge:
            await self._refuse(scope, receive, send, 413)
            return
        except (zlib.error, EOFError):
            await self._refuse(scope, receive, send, 400)
            return
        await self.app(_plain(scope, len(body)), _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes:
        """The whole body as sent, refused past the bound."""
        parts, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            part = message.get("body", b"")
            size += len(part)
            if size > self.max_bytes:
                raise BodyTooLarge
            parts.append(part)
            more = message.get("more_body", False)
        return b"".join(parts)

    async def _inflate(self, data: bytes) -> bytes:
        if len(data) > _INFLATE_IN_THREAD:
            return await to_thread.run_sync(gunzip, data, self.max_bytes)
        return gunzip(data, self.max_bytes)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, **params: str
    ) -> None:
        detail = {
            400: N_("The request body is not valid gzip."),
            413: N_("The request body is larger than {megabytes} MB."),
            415: N_("A request body encoded as {encoding} is not accepted: send it plain or gzip."),
        }[status]
        params = {"megabytes": str(self.max_bytes // 1_000_000), **params}
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
