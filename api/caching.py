"""What a client may keep of the API's answers, and how it asks whether they changed.

- ``cache_control`` is the one rule of ``Cache-Control`` under ``/api/``: an answer to a
  signed-in caller is never stored (``no-store``), nor a refusal or the answer to a
  change; an anonymous caller's successful JSON or XML GET is public data (the public
  missions, their funding, published recommendations, the IATI file), which any cache
  may keep a minute and then revalidate (``public, max-age=60``, ``Vary: Authorization``).
  A route that sets its own keeps it; a PDF or an export is left to its route.
- Every answer under ``/api/`` says ``Vary: Accept-Language``: the language of a call is
  its ``?lang=`` (in the address, so a cache tells them apart already), else that header
  (``LanguageMiddleware``; never the pages' ``lang`` cookie). The ETag is a digest of the
  body, so an answer whose words differ by language has an ETag of each: a cache holding
  the Spanish one revalidates it in English and gets the English body, not a 304.
- ``ConditionalGetMiddleware`` gives every successful JSON or XML GET of the API a strong
  ``ETag``, a digest of its body, and answers ``304 Not Modified`` with no body when
  ``If-None-Match`` names it (RFC 9110 §13.1.2: ``*`` or a list, compared weakly). A
  record whose route sets its own ETag (its ``version``, which ``If-Match`` reads) keeps
  that version in front: ``"3.Zk1…"`` — what the record's view shows (a mission's chief,
  say) may change while its version does not.
"""

import base64
import hashlib
from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API = "/api/"
PUBLIC = "public, max-age=60"
NO_STORE = "no-store"
SESSION_COOKIE = "eom_session"
# Answers whose body is digested; PDFs, spreadsheets and photos pass as they are.
DIGESTED_TYPES = ("application/json", "application/xml")
# A body larger than this goes out without an ETag rather than held in memory.
MAX_DIGESTED_BYTES = 16_000_000
# Never kept: a probe must reach the server every time.
NEVER_CACHED = ("/api/v1/health",)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def signed_in(scope: Scope) -> bool:
    """Whether the request comes with a caller's credentials: a token or a page session."""
    if _header(scope, b"authorization"):
        return True
    cookies = _header(scope, b"cookie") or ""
    return any(part.strip().startswith(SESSION_COOKIE + "=") for part in cookies.split(";"))


def cache_control(scope: Scope, status: int, media_type: str) -> str | None:
    """``Cache-Control`` of an API answer to this request: the module's one rule. None
    leaves it to the route (a PDF, an export: their own rule)."""
    if signed_in(scope) or scope["path"] in NEVER_CACHED:
        return NO_STORE
    if scope["method"] not in ("GET", "HEAD") or status >= 400:
        return NO_STORE
    if status == 200 and media_type in DIGESTED_TYPES:
        return PUBLIC
    return None


def digest_tag(body: bytes, version: str | None = None) -> str:
    """A strong entity tag of the body: 22 characters of its SHA-256, after the record's
    version when it has one."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()[:16]).decode().rstrip("=")
    return f'"{version}.{digest}"' if version else f'"{digest}"'


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def none_match(if_none_match: str | None, tag: str) -> bool:
    """Whether ``If-None-Match`` names this tag (weak comparison: ``W/`` is ignored), or is
    ``*``, which any current representation matches."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    return _opaque(tag) in {_opaque(candidate) for candidate in _tags(if_none_match)}


def _tags(header: str) -> Iterable[str]:
    """The entity tags of a list (quoted strings may hold commas)."""
    tag, quoted = "", False
    for char in header:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            yield tag
            tag = ""
        else:
            tag += char
    yield tag


def _media_type(message: Message) -> str:
    headers = MutableHeaders(raw=message["headers"])
    return headers.get("content-type", "").partition(";")[0].strip().lower()


def _digested(message: Message) -> bool:
    return message["status"] == 200 and _media_type(message) in DIGESTED_TYPES


class ConditionalGetMiddleware:
    """Under ``/api/``: ``Cache-Control`` on every answer (unless the route set one) and
    ``Vary: Accept-Language``, and for a successful JSON or XML GET its ``ETag``, or
    ``304`` when the caller has it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, _with_cache_control(scope, send))
            return
        await _ConditionalGet(scope, send).run(self.app, receive)


def _with_cache_control(scope: Scope, send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            _set_cache_control(scope, message)
        await send(message)

    return sending


def _set_cache_control(scope: Scope, message: Message) -> None:
    headers = MutableHeaders(raw=message.setdefault("headers", []))
    if "cache-control" not in headers:
        rule = cache_control(scope, message["status"], _media_type(message))
        if rule is not None:
            headers["Cache-Control"] = rule
    if headers.get("cache-control") == PUBLIC:
        _vary(headers, "Authorization")  # a signed-in caller gets their own answer
    _vary(headers, "Accept-Language")  # problems, PDFs: in the caller's language


def _vary(headers: MutableHeaders, name: str) -> None:
    """``name`` among the answer's ``Vary`` headers, once."""
    named = {part.strip().lower() for value in headers.getlist("vary") for part in value.split(",")}
    if name.lower() not in named:
        headers.add_vary_header(name)


class _ConditionalGet:
    """One GET: its answer's start held until the whole body is in, then sent with its
    ETag, or replaced by a 304."""

    def __init__(self, scope: Scope, send: Send) -> None:
        self.scope, self.send = scope, send
        self.start: Message | None = None
        self.parts: list[bytes] = []
        self.size = 0

    async def run(self, app: ASGIApp, receive: Receive) -> None:
        await app(self.scope, receive, self.sending)

    async def sending(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            _set_cache_control(self.scope, message)
            if _digested(message):
                self.start = message
                return
        elif message["type"] == "http.response.body" and self.start is not None:
            await self._hold(message)
            return
        await self.send(message)

    async def _hold(self, message: Message) -> None:
        assert self.start is not None
        body = message.get("body", b"")
        self.parts.append(body)
        self.size += len(body)
        if self.size > MAX_DIGESTED_BYTES:  # too large to hold: the rest streams untagged
            await self._release(more_body=message.get("more_body", False))
            return
        if not message.get("more_body", False):
            await self._answer(b"".join(self.parts))

    async def _release(self, *, more_body: bool) -> None:
        assert self.start is not None
        start, self.start = self.start, None
        await self.send(start)
        await self.send(
            {"type": "http.response.body", "body": b"".join(self.parts), "more_body": more_body}
        )

    async def _answer(self, body: bytes) -> None:
        assert self.start is not None
        headers = MutableHeaders(raw=self.start["headers"])
        version = headers.get("etag", "").strip().removeprefix("W/").strip('"') or None
        tag = digest_tag(body, version)
        headers["ETag"] = tag
        if none_match(_header(self.scope, b"if-none-match"), tag):
            for name in ("content-length", "content-type"):
                del headers[name]
            await self.send({**self.start, "status": 304})
            await self.send({"type": "http.response.body", "body": b""})
            return
        await self.send(self.start)
        await self.send({"type": "http.response.body", "body": body})
