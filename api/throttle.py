"""Expensive reads bounded per caller: a PDF, a CSV or XLSX export and the IATI file each
cost the server far more than a page, so one caller (a script, or eight anonymous readers
behind one address) cannot take the server from everyone else. In the process: each
server process counts its own callers."""

import hashlib
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import problem
from api.web import SESSION_COOKIE, read_cookie
from eom.core.i18n import N_
from eom.core.settings import Settings

# What a path ends with when its answer is a document made on request.
EXPENSIVE = (".pdf", ".xlsx", ".csv", ".xml")
_WINDOW_SECONDS = 60.0
# Callers idle this long are forgotten once there are this many.
_FORGET_BEYOND = 10_000


@dataclass
class _Caller:
    now_sending: int = 0
    asked_at: deque[float] = field(default_factory=deque)


class ExpensiveReads:
    """Admits at most ``at_once`` expensive reads in progress per caller, and at most
    ``per_minute`` begun within any 60 seconds."""

    def __init__(
        self, at_once: int, per_minute: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.at_once = at_once
        self.per_minute = per_minute
        self.clock = clock
        self.callers: dict[str, _Caller] = {}

    @classmethod
    def of(cls, settings: Settings) -> "ExpensiveReads":
        return cls(settings.expensive_reads_at_once, settings.expensive_reads_per_minute)

    def enter(self, key: str) -> int | None:
        """None when the caller may go on (``leave`` must follow), else the seconds to wait."""
        now = self.clock()
        caller = self.callers.setdefault(key, _Caller())
        while caller.asked_at and caller.asked_at[0] <= now - _WINDOW_SECONDS:
            caller.asked_at.popleft()
        if caller.now_sending >= self.at_once:
            return 1
        if len(caller.asked_at) >= self.per_minute:
            return max(1, math.ceil(caller.asked_at[0] + _WINDOW_SECONDS - now))
        caller.now_sending += 1
        caller.asked_at.append(now)
        return None

    def leave(self, key: str) -> None:
        self.callers[key].now_sending -= 1
        if len(self.callers) > _FORGET_BEYOND:
            self._forget_idle()

    def _forget_idle(self) -> None:
        since = self.clock() - _WINDOW_SECONDS
        for key, caller in list(self.callers.items()):
            if not caller.now_sending and (not caller.asked_at or caller.asked_at[-1] <= since):
                del self.callers[key]


def caller_key(scope: Scope) -> str:
    """Who asks: the credentials sent (a token or a web session, each one person's;
    digested, never kept), else the client's address."""
    request = Request(scope)
    authorization = request.headers.get("authorization", "")
    session = read_cookie(request, SESSION_COOKIE)
    credentials = authorization.removeprefix("Bearer ").strip() or session
    if credentials:
        return "credentials:" + hashlib.sha256(credentials.encode()).hexdigest()[:32]
    return "address:" + (request.client.host if request.client else "unknown")


class ExpensiveReadLimit:
    """Answers 429 (with ``Retry-After``) to a caller asking for more expensive reads
    than ``ExpensiveReads`` admits; other requests pass untouched."""

    def __init__(self, app: ASGIApp, limiter: ExpensiveReads) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not scope["path"].endswith(EXPENSIVE)
        ):
            await self.app(scope, receive, send)
            return
        key = caller_key(scope)
        wait = self.limiter.enter(key)
        if wait is not None:
            refusal = problem(
                Request(scope),
                429,
                N_("Too many documents asked for: try again in {seconds} s."),
                detail_params={"seconds": wait},
                headers={"Retry-After": str(wait)},
            )
            await refusal(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.limiter.leave(key)
