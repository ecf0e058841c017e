"""The one mapping from errors to answers: RFC 9457 problem documents
(``application/problem+json``) from the API, HTML pages from the pages.

Domain errors, FastAPI's validation errors, unknown routes, wrong methods, malformed
JSON and unexpected failures all leave the server in this shape, translated into the
request's language, and never with a stack trace.
"""

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.web import error_page, in_words, is_page
from eom.core import errors, inputs, problems
from eom.core.errors import FieldError
from eom.core.i18n import DEFAULT_LANGUAGE, N_, translate
from eom.core.logs import request_id

log = logging.getLogger("eom.api")

PROBLEM_JSON = "application/problem+json"


class Problem(BaseModel):
    """An RFC 9457 problem document. ``type`` names the kind of problem, stable and
    machine-readable (``/problems/{kind}``, each documented there); ``title`` and
    ``detail`` are in the reader's language; ``errors`` names each refused field."""

    type: str = Field(examples=["/problems/not-deployed"])
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries declaring that these statuses answer with a problem document (under
    ``application/problem+json`` only, the media type sent: see ``api/openapi.py``)."""
    return {
        status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": _title(status)}
        for status in statuses
    }


def _title(status: int) -> str:
    return problems.KINDS[problems.kind_of_status(status)].title


# Which status each domain error means; the first match in this order wins.
_STATUS_OF: list[tuple[type[errors.DomainError], int]] = [
    (errors.TooManyAttempts, 429),
    (errors.NotAuthenticated, 401),
    (errors.Forbidden, 403),
    (errors.NotFound, 404),
    (errors.Gone, 410),
    (errors.StaleVersion, 412),
    (errors.TooLarge, 413),
    (errors.UnsupportedFormat, 415),
    (errors.Conflict, 409),
    (errors.InvalidInput, 422),
]


def language_of(request: Request) -> str:
    return getattr(request.state, "language", DEFAULT_LANGUAGE)


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    detail_params: dict[str, Any] | None = None,
    problem_errors: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
    kind: str | None = None,
) -> Response:
    """A translated problem response (``detail`` is a catalogue message template) of this
    kind (``problems.KINDS``; by default its status's): a problem document for the API,
    an HTML page for a page; a page that needs a signed-in reader sends them to sign in
    first."""
    language = language_of(request)
    kind = kind or problems.kind_of_status(status)
    title = translate(language, problems.KINDS[kind].title)
    text = translate(language, detail, **(detail_params or {}))
    if is_page(request):
        if status == 401 and request.method in ("GET", "HEAD"):
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        refused = [_in_words(language, e) for e in problem_errors or []]
        return error_page(request, status, title, text, refused, dict(headers or {}))
    body: dict[str, Any] = {
        "type": problems.type_uri(kind),
        "title": title,
        "status": status,
        "detail": text,
    }
    if problem_errors is not None:
        body["errors"] = problem_errors
    return JSONResponse(
        body, status_code=status, media_type=PROBLEM_JSON, headers=dict(headers or {})
    )


def _in_words(language: str, error: dict[str, Any]) -> dict[str, str]:
    """A refused field as a page shows it: its name and the reason in the reader's words."""
    loc = [str(part) for part in error.get("loc", []) if part not in ("body", "query", "path")]
    return {"field": ".".join(loc), "msg": in_words(language, str(error.get("msg", "")))}


def _status_of(error: errors.DomainError) -> int:
    return next(status for kind, status in _STATUS_OF if isinstance(error, kind))


async def _domain_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, errors.DomainError)
    if type(error) is errors.DomainError:
        return await _unexpected(request, error)
    status = _status_of(error)
    headers: dict[str, str] = {}
    if isinstance(error, errors.TooManyAttempts):
        headers["Retry-After"] = str(error.retry_after)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    problem_errors = error.errors if isinstance(error, errors.InvalidInput) else None
    return problem(
        request,
        status,
        error.template,
        detail_params=error.params,
        problem_errors=problem_errors,
        headers=headers,
        kind=error.kind,
    )


def _location(loc: tuple[Any, ...]) -> list[str | int]:
    # A key sent may hold a lone surrogate, which no JSON answer can repeat.
    return [part if isinstance(part, int) else inputs.printable(str(part)) for part in loc]


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    language = language_of(request)
    found = [{"loc": _location(e["loc"]), "msg": _said(language, e)} for e in error.errors()]
    if any(e.get("type") == "json_invalid" for e in error.errors()):
        return problem(request, 400, "The request body is not valid JSON.", problem_errors=found)
    return problem(request, 422, "The request is not valid.", problem_errors=found)


def _said(language: str, error: Any) -> str:
    # A model's own rule (``RuleBroken``) says its sentence, in the caller's language,
    # without Pydantic's "Value error, "; any other error is Pydantic's own words.
    rule = (error.get("ctx") or {}).get("error")
    if isinstance(rule, errors.RuleBroken):
        return translate(language, rule.template)
    return str(error["msg"])


_HTTP_DETAILS = {
    401: N_("Sign in to do this."),
    404: N_("Nothing is here."),
    405: N_("This method is not allowed here."),
}


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    detail = _HTTP_DETAILS.get(error.status_code, _title(error.status_code))
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem(request, error.status_code, detail, headers=headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path (Starlette names only the first route's)."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] == Match.FULL for r in routes)
    ]


async def _model_error(request: Request, error: Exception) -> Response:
    """A model validated inside a service: still the caller's bad input, never a 500."""
    assert isinstance(error, ValidationError)
    language = language_of(request)
    found = [{"loc": _location(tuple(e["loc"])), "msg": _said(language, e)} for e in error.errors()]
    return problem(request, 422, "The request is not valid.", problem_errors=found)


async def _integrity_error(request: Request, error: Exception) -> Response:
    log.info("integrity error answered as 409: %s", error)
    return problem(request, 409, "The change conflicts with a record that already exists.")


async def _data_error(request: Request, error: Exception) -> Response:
    log.info("data error answered as 422: %s", error)
    return problem(request, 422, "A value in the request cannot be stored (a NUL character, say).")


async def _operational_error(request: Request, error: Exception) -> Response:
    log.warning("database unavailable: %s", error)
    return problem(
        request,
        503,
        "The database is busy or unreachable. Try again shortly.",
        headers={"Retry-After": "1"},
    )


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    response = problem(request, 500, "Something went wrong on our side. It has been logged.")
    # Answered outside the request-id middleware: the id is added here.
    response.headers["X-Request-ID"] = request_id.get() or "-"
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(errors.DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(ValidationError, _model_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(PoolTimeout, _operational_error)
    app.add_exception_handler(Exception, _unexpected)
