"""Every error leaves the server as an RFC 9457 problem document, never a stack trace."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts import service as accounts
from tests.support.problems import assert_problem


def test_an_unknown_route_is_a_404_problem(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/no-such-thing"), 404, "Nothing is here.")


def test_a_wrong_method_is_a_405_problem(client: TestClient) -> None:
    assert_problem(client.delete("/api/v1/health"), 405, "This method is not allowed here.")


def test_a_405_names_every_method_the_address_takes_not_only_the_first_route_s(
    client: TestClient,
) -> None:
    assert client.delete("/api/v1/missions").headers["allow"] == "GET, POST"
    assert client.put("/api/v1/missions/1").headers["allow"] == "GET, PATCH"
    assert client.request("TRACE", "/api/v1/me").headers["allow"] == "GET"


def test_malformed_json_is_a_400_problem(client: TestClient) -> None:
    response = client.post(
        "/api/v1/users", content=b'{"email": ', headers={"content-type": "application/json"}
    )
    assert_problem(response, 400, "The request body is not valid JSON.")


def test_invalid_input_is_a_422_problem_listing_each_error(client: TestClient) -> None:
    response = client.post("/api/v1/auth/token", data={"username": "someone@example.org"})
    body = assert_problem(response, 422, "The request is not valid.")
    assert body["errors"] == [{"loc": ["body", "password"], "msg": "Field required"}]


@pytest.mark.parametrize(
    ("headers", "url"),
    [
        ({}, "/api/v1/nowhere?lang=es"),
        ({"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}, "/api/v1/nowhere"),
    ],
    ids=["query", "accept-language"],
)
def test_problems_speak_the_requested_language(
    client: TestClient, headers: dict[str, str], url: str
) -> None:
    body = assert_problem(client.get(url, headers=headers), 404, "No hay nada aquí.")
    assert body["title"] == "No encontrado"


def test_an_unexpected_failure_is_a_500_problem_without_a_trace(
    app: FastAPI, db: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals /srv/eom/db.py line 42")

    monkeypatch.setattr(accounts, "authenticate", explode)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/api/v1/auth/token", data={"username": "a@b.org", "password": "x"})
    body = assert_problem(response, 500)
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert body["detail"] == "Something went wrong on our side. It has been logged."
