"""``/docs``: the API's interactive documentation, Swagger UI served from EOM's own origin
(``swagger-ui-dist`` from npm), so it works without a network beyond this server; and
``/problems``: what each kind of problem document means (its ``type`` points there)."""

import re

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.middleware import content_security_policy
from api.web import PageUser, render
from eom.core import problems
from eom.core.errors import NotFound

router = APIRouter(include_in_schema=False)

SWAGGER = "/static/vendor/swagger-ui"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def with_its_scripts(page: HTMLResponse) -> HTMLResponse:
    """The page allowed to run the inline scripts it holds (FastAPI's Swagger UI pages
    start Swagger UI so), by their hashes, and no other."""
    scripts = _INLINE_SCRIPT.findall(bytes(page.body).decode())
    page.headers["Content-Security-Policy"] = content_security_policy(scripts=scripts)
    return page


@router.get("/docs")
def docs() -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="EOM — API",
        swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        oauth2_redirect_url="/docs/oauth2-redirect",
    )
    # The API is documented in English: say so, for screen readers and translators.
    body = bytes(page.body).replace(b"<html>", b'<html lang="en">', 1)
    return with_its_scripts(HTMLResponse(body))


@router.get("/docs/oauth2-redirect")
def oauth2_redirect() -> HTMLResponse:
    return with_its_scripts(get_swagger_ui_oauth2_redirect_html())


@router.get("/problems")
def problem_kinds(request: Request, user: PageUser) -> HTMLResponse:
    """Every kind of problem the API answers with, each at its ``type``'s address."""
    return render(request, "problems.html", user, kinds=problems.KINDS)


@router.get("/problems/{kind}")
def problem_kind(request: Request, user: PageUser, kind: str) -> Response:
    """A problem document's ``type`` read by a person: the list, at that kind."""
    if kind not in problems.KINDS:
        raise NotFound("No kind of problem is called {kind}.", kind=kind[:60])
    return RedirectResponse(f"{problems.PATH}#{kind}", status_code=307)
