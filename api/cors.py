"""CORS for the API, for a field app or a dashboard served from another origin: the
origins of ``EOM_CORS_ORIGINS`` (none by default, and then no CORS header at all) may call
``/api/`` from a browser with a bearer token. Pages and static files are never offered:
they use the session cookie, which no other origin may ride on."""

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

# What such a caller sends beyond the simple headers, and what it may read of an answer.
ALLOWED_HEADERS = [
    "Authorization",
    "Content-Type",
    "Content-Encoding",
    "If-Match",
    "If-None-Match",
    "Accept-Language",
    "X-Request-ID",
]
EXPOSED_HEADERS = ["ETag", "Location", "Retry-After", "Content-Disposition", "X-Request-ID"]


class ApiCors:
    """Starlette's ``CORSMiddleware`` for paths under ``/api/`` only. Credentials are not
    allowed: the API reads bearer tokens, never cookies."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=origins,
            allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=ALLOWED_HEADERS,
            expose_headers=EXPOSED_HEADERS,
            allow_credentials=False,
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
