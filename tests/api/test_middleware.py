"""What every answer passes through: a request id, which every log line of the request
carries too; the language (a page's chosen by query and remembered in a cookie, an API
call's its own); the security headers; and the API's request bodies, bounded and
accepted gzip-compressed."""

import asyncio
import base64
import gzip
import hashlib
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from httpx import Response
from starlette.types import Message, Receive, Scope, Send

from api.app import create_app
from api.middleware import BodyLimits, RequestBodyMiddleware
from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import make_user, signed_in_as
from tests.support.election_day import Field, in_the_field
from tests.support.problems import assert_problem


def test_every_answer_carries_a_new_request_id(client: TestClient) -> None:
    first = client.get("/api/v1/health").headers["x-request-id"]
    second = client.get("/api/v1/health").headers["x-request-id"]
    assert len(first) == 16 and first != second


def test_a_plain_request_id_from_the_caller_is_kept_and_any_other_replaced(
    client: TestClient,
) -> None:
    kept = client.get("/api/v1/health", headers={"X-Request-ID": "lb-7f3a.91"})
    assert kept.headers["x-request-id"] == "lb-7f3a.91"
    forged = client.get("/api/v1/health", headers={"X-Request-ID": 'x" injected=1'})
    assert forged.headers["x-request-id"] != 'x" injected=1'
    assert len(forged.headers["x-request-id"]) == 16


def test_a_refused_sign_in_is_logged_with_the_request_id(
    client: TestClient, db: Database, hasher: PasswordHasher, caplog: pytest.LogCaptureFixture
) -> None:
    user = make_user(db, hasher)
    with caplog.at_level(logging.WARNING, logger="api.sign_in"):
        answer = client.post(
            "/api/v1/auth/token", data={"username": user.email, "password": "not the password"}
        )
    assert answer.status_code == 401
    (line,) = [r for r in caplog.records if r.name == "api.sign_in"]
    assert user.email in line.getMessage() and "failure 1 in a row" in line.getMessage()
    assert line.request_id == answer.headers["x-request-id"]  # type: ignore[attr-defined]


def test_an_unexpected_error_is_a_500_logged_with_its_request_id(
    settings: Settings, db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings)

    @app.get("/api/v1/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        with caplog.at_level(logging.ERROR):
            answer = test_client.get("/api/v1/broken")
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("application/problem+json")
    logged = [r for r in caplog.records if r.name == "eom.api" and r.exc_info]
    assert logged and logged[0].request_id == answer.headers["x-request-id"]  # type: ignore[attr-defined]
    app.state.db.dispose()


def test_a_503_answer_is_logged_with_method_path_and_status(
    client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from eom.core import migrate

    def unreachable(*_: object, **__: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(migrate, "current_revision", unreachable)
    with caplog.at_level(logging.ERROR, logger="api.middleware"):
        answer = client.get("/api/v1/health")
    assert answer.status_code == 503
    (line,) = [r for r in caplog.records if r.name == "api.middleware"]
    assert line.getMessage().startswith("GET /api/v1/health answered 503")


SPANISH_PAGE = '<html lang="es">'
ENGLISH_PAGE = '<html lang="en">'


def test_a_page_remembers_the_language_chosen_by_query_in_a_cookie_which_then_wins(
    client: TestClient,
) -> None:
    chosen = client.get("/login?lang=es")
    assert SPANISH_PAGE in chosen.text
    (cookie,) = [c for c in chosen.headers.get_list("set-cookie") if c.startswith("lang=")]
    assert cookie == f"lang=es; Path=/; Max-Age={365 * 24 * 3600}; SameSite=Lax"
    assert SPANISH_PAGE in client.get("/login").text
    assert SPANISH_PAGE in client.get("/login", headers={"Accept-Language": "en"}).text
    assert SPANISH_PAGE in client.get("/missions/999999").text  # a refusal page too
    assert ENGLISH_PAGE in client.get("/login?lang=en").text
    assert client.cookies.get("lang") == "en"
    assert ENGLISH_PAGE in client.get("/login", headers={"Accept-Language": "es"}).text


def test_without_a_choice_a_page_speaks_the_browser_s_language(client: TestClient) -> None:
    assert SPANISH_PAGE in client.get("/login", headers={"Accept-Language": "es-MX"}).text
    assert ENGLISH_PAGE in client.get("/login", headers={"Accept-Language": "fr, en"}).text
    assert ENGLISH_PAGE in client.get("/login", headers={"Accept-Language": "fr"}).text


def test_an_api_call_speaks_its_own_lang_and_sets_no_cookie(client: TestClient) -> None:
    answer = client.get("/api/v1/nowhere?lang=es")
    assert_problem(answer, 404, "No hay nada aquí.")
    assert "set-cookie" not in answer.headers and client.cookies.get("lang") is None
    assert_problem(client.get("/api/v1/nowhere"), 404, "Nothing is here.")


def test_the_api_never_reads_the_pages_language_cookie(client: TestClient) -> None:
    client.get("/login?lang=es")  # a browser that chose Spanish on the pages
    assert client.cookies.get("lang") == "es"
    assert_problem(client.get("/api/v1/nowhere"), 404, "Nothing is here.")
    english = client.get("/api/v1/nowhere", headers={"Accept-Language": "en"})
    assert_problem(english, 404, "Nothing is here.")
    spanish = client.get("/api/v1/nowhere", headers={"Accept-Language": "es"})
    assert_problem(spanish, 404, "No hay nada aquí.")
    english = client.get("/api/v1/nowhere?lang=en", headers={"Accept-Language": "es"})
    assert_problem(english, 404, "Nothing is here.")  # ?lang= of the call first
    assert "set-cookie" not in english.headers and client.cookies.get("lang") == "es"
    assert SPANISH_PAGE in client.get("/login").text  # the pages' choice stays


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/health",
        "/api/v1/missions",
        "/api/v1/iati/activities.xml",
        "/api/v1/me/assignments",
        "/openapi.json",
        "/docs",
        "/static/favicon.svg",
    ],
)
def test_nothing_but_a_page_sets_the_language_cookie(client: TestClient, path: str) -> None:
    answer = client.get(f"{path}?lang=es")
    assert answer.status_code < 500
    assert not [c for c in answer.headers.get_list("set-cookie") if c.startswith("lang=")]


@pytest.mark.parametrize("path", ["/api/v1/nowhere", "/api/v1/missions", "/api/v1/health"])
def test_every_api_answer_says_it_varies_by_accept_language(client: TestClient, path: str) -> None:
    vary = client.get(path, headers={"Accept-Language": "es"}).headers["vary"]
    assert "accept-language" in {part.strip().lower() for part in vary.split(",")}


def test_responses_carry_security_headers(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "camera=()" in response.headers["permissions-policy"]
    assert "geolocation=(self)" in response.headers["permissions-policy"]
    assert "strict-transport-security" not in response.headers  # not served over HTTPS


def _policy(response: Response) -> dict[str, list[str]]:
    parts = (p.split() for p in response.headers["content-security-policy"].split(";"))
    return {name: sources for name, *sources in parts}


def test_pages_run_scripts_from_the_site_only_and_are_never_framed(client: TestClient) -> None:
    for path in ("/login", "/api/v1/health", "/missions"):
        policy = _policy(client.get(path))
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]


def test_a_page_with_inline_code_allows_exactly_that_code(client: TestClient) -> None:
    docs = client.get("/docs")
    (script,) = re.findall(r"<script>(.*?)</script>", docs.text, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert _policy(docs)["script-src"] == ["'self'", f"'sha256-{digest}'"]
    shell = client.get("/field/")
    (style,) = re.findall(r"<style>(.*?)</style>", shell.text, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert _policy(shell)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert _policy(shell)["script-src"] == ["'self'"]


def test_https_is_required_of_browsers_when_cookies_are_secure(
    settings: Settings, migrated_db: Database
) -> None:
    app = create_app(settings.model_copy(update={"cookie_secure": True}))
    with TestClient(app, base_url="https://testserver") as client:
        hsts = client.get("/api/v1/health").headers["strict-transport-security"]
    assert hsts == "max-age=31536000; includeSubDomains"
    app.state.db.dispose()


def test_no_cache_keeps_signed_in_answers_documents_or_exports(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    staff = signed_in_as(client, db, hasher, Role.staff)
    assert client.get("/api/v1/missions", headers=staff).headers["cache-control"] == "no-store"
    assert client.get("/api/v1/auth/me", headers=staff).headers["cache-control"] == "no-store"
    exports = ("/api/v1/recommendations/export.csv", "/api/v1/recommendations/export.xlsx")
    for path in exports:
        assert client.get(path).headers["cache-control"] == "no-store", path
    # Shared files and public data stay cacheable (tests/api/test_caching.py says how).
    css = client.get("/static/eom.css", headers=staff)
    assert "no-store" not in css.headers.get("cache-control", "")
    for public in ("/api/v1/missions", "/api/v1/iati/activities.xml"):
        assert "no-store" not in client.get(public).headers["cache-control"], public


# --- request bodies: bounded, and gzip accepted --------------------------------------------


def _batch(field: Field, count: int) -> bytes:
    return json.dumps({"items": [field.submission() for _ in range(count)]}).encode()


def _gzip_headers(field: Field) -> dict[str, str]:
    return {**field.observer, "Content-Type": "application/json", "Content-Encoding": "gzip"}


def test_a_batch_sent_as_gzip_is_stored_as_if_sent_plain(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    field = in_the_field(client, db, hasher)
    body = _batch(field, 50)
    sent = client.post(
        f"{field.url}/submissions/batch",
        content=gzip.compress(body),
        headers=_gzip_headers(field),
    )
    assert sent.status_code == 200, sent.text
    assert [r["result"] for r in sent.json()["results"]] == ["created"] * 50
    again = client.post(
        f"{field.url}/submissions/batch",
        content=body,
        headers={**field.observer, "Content-Type": "application/json"},
    )
    assert [r["result"] for r in again.json()["results"]] == ["duplicate"] * 50


def test_a_gzip_body_larger_than_the_json_bound_once_inflated_is_a_413(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    field = in_the_field(client, db, hasher)
    bomb = gzip.compress(b'{"items": [' + b" " * settings.max_json_bytes + b"]}")
    assert len(bomb) < 100_000
    refused = client.post(
        f"{field.url}/submissions/batch", content=bomb, headers=_gzip_headers(field)
    )
    assert_problem(refused, 413, "The request body is larger than 5 MB.")
    spanish = client.post(
        f"{field.url}/submissions/batch?lang=es", content=bomb, headers=_gzip_headers(field)
    )
    assert_problem(spanish, 413, "El cuerpo de la solicitud supera los 5 MB.")


@pytest.mark.parametrize(
    "body",
    [b"not gzip at all", gzip.compress(b'{"items": []}')[:-6], b""],
    ids=["not gzip", "cut short", "empty"],
)
def test_a_broken_gzip_body_is_a_400(
    client: TestClient, db: Database, hasher: PasswordHasher, body: bytes
) -> None:
    field = in_the_field(client, db, hasher)
    refused = client.post(
        f"{field.url}/submissions/batch", content=body, headers=_gzip_headers(field)
    )
    assert_problem(refused, 400, "The request body is not valid gzip.")


def test_a_body_in_another_encoding_is_a_415(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    field = in_the_field(client, db, hasher)
    headers = {**_gzip_headers(field), "Content-Encoding": "br"}
    refused = client.post(f"{field.url}/submissions/batch", content=b"\x00", headers=headers)
    assert_problem(
        refused, 415, "A request body encoded as br is not accepted: send it plain or gzip."
    )


def _echo_app(max_bytes: int, csv: int | None = None, photo: int | None = None) -> TestClient:
    """The middleware before an app that answers the length of the body it read."""

    async def echo(scope: Scope, receive: Receive, send: Send) -> None:
        body, more = b"", True
        while more:
            message = await receive()
            body, more = body + message.get("body", b""), message.get("more_body", False)
        headers = dict(scope["headers"])
        answer = {"read": len(body), "length": headers.get(b"content-length", b"").decode()}
        await JSONResponse(answer)(scope, receive, send)

    limits = BodyLimits(json=max_bytes, csv=csv or max_bytes, photo=photo or max_bytes)
    return TestClient(RequestBodyMiddleware(echo, limits))


def test_a_plain_body_past_the_bound_is_a_413_and_one_within_passes_untouched() -> None:
    client = _echo_app(max_bytes=1000)
    assert client.post("/api/v1/x", content=b"a" * 1000).json() == {"read": 1000, "length": "1000"}
    assert client.post("/api/v1/x", content=b"a" * 1001).status_code == 413

    def chunks(size: int) -> Iterator[bytes]:
        yield from (b"a" * 100 for _ in range(size // 100))

    assert client.post("/api/v1/x", content=chunks(1000)).json()["read"] == 1000
    assert client.post("/api/v1/x", content=chunks(1100)).status_code == 413


def test_a_gzip_body_is_bounded_once_inflated_and_read_as_plain() -> None:
    client = _echo_app(max_bytes=1000)
    headers = {"Content-Encoding": "gzip"}
    fits = client.post("/api/v1/x", content=gzip.compress(b"a" * 1000), headers=headers)
    assert fits.json() == {"read": 1000, "length": "1000"}
    two_members = gzip.compress(b"a" * 400) + gzip.compress(b"b" * 600)
    assert client.post("/api/v1/x", content=two_members, headers=headers).json()["read"] == 1000
    bomb = gzip.compress(b"a" * 1001)
    assert client.post("/api/v1/x", content=bomb, headers=headers).status_code == 413


def test_a_page_body_is_never_inflated() -> None:
    client = _echo_app(max_bytes=100)
    passed = client.post("/login", content=b"a" * 100, headers={"Content-Encoding": "gzip"})
    assert passed.json()["read"] == 100


def test_each_kind_of_body_has_its_own_bound() -> None:
    client = _echo_app(max_bytes=1000, csv=3000, photo=2000)
    csv = {"Content-Type": "text/csv"}
    assert client.post("/api/v1/observers/import", content=b"a" * 3000, headers=csv).is_success
    assert client.post("/api/v1/observers/import", content=b"a" * 3001).status_code == 413
    upload = {"Content-Type": "multipart/form-data; boundary=x"}
    assert client.post("/roster/import", content=b"a" * 3000, headers=upload).is_success
    assert client.post("/api/v1/x", content=b"a" * 3000, headers=csv).is_success
    photo = "/api/v1/incidents/7b7c5a0e-1f40-4d5e-9d1a-0c2f4e0b9a11/photos"
    assert client.post(photo, content=b"a" * 2000, headers=upload).is_success
    assert client.post(photo, content=b"a" * 2001, headers=upload).status_code == 413
    json_body = {"Content-Type": "application/json"}
    assert client.post("/api/v1/x", content=b"a" * 1000, headers=json_body).is_success
    assert client.post("/api/v1/x", content=b"a" * 1001, headers=json_body).status_code == 413


def test_a_body_sent_in_chunks_is_refused_once_past_the_bound_and_the_rest_never_read() -> None:
    """Memory stays flat: the app is given no more than the bound, and the middleware stops
    reading the connection there (a 300 MB body costs no more than the bound)."""
    chunk, chunks = 64 * 1024, 300 * 16  # 300 MB in 64 KiB chunks
    pulled, given = 0, 0
    sent: list[Message] = []

    async def connection() -> Message:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"a" * chunk, "more_body": pulled < chunks}

    async def reading_app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal given
        while True:  # reads as long as it is given something, as a careless app would
            given += len((await receive()).get("body", b""))

    async def answer(message: Message) -> None:
        sent.append(message)

    limit = 1_000_000
    middleware = RequestBodyMiddleware(reading_app, BodyLimits(json=limit, csv=limit, photo=limit))
    scope = {"type": "http", "method": "POST", "path": "/api/v1/missions", "headers": []}
    asyncio.run(middleware({**scope, "query_string": b""}, connection, answer))
    assert sent[0]["status"] == 413
    assert given <= limit
    assert pulled == limit // chunk + 1  # the chunk that passed the bound, and no more


def test_an_anonymous_caller_s_oversized_body_is_a_413_before_any_401(
    settings: Settings, migrated_db: Database
) -> None:
    app = create_app(settings.model_copy(update={"max_json_bytes": 2048}))
    with TestClient(app) as client:
        refused = client.post("/api/v1/missions", content=b"{" + b" " * 4096 + b"}")
        assert_problem(refused, 413, "The request body is larger than 0.002048 MB.")
        assert client.post("/api/v1/missions", json={}).status_code == 401
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        page = client.post("/login", content=b"email=" + b"a" * 4096, headers=form)
        assert page.status_code == 413 and "larger than 0.002048 MB" in page.text
    app.state.db.dispose()
