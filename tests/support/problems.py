"""Reading an error answer: every error leaves the server as an RFC 9457 problem document."""

from typing import Any

import httpx

from eom.core import problems

PROBLEM = "application/problem+json"


def assert_problem(
    response: httpx.Response, status: int, detail: str | None = None, *, kind: str | None = None
) -> dict[str, Any]:
    """Check that the response is a problem document with this status, of a documented
    kind of that status (this kind, when given; and this detail); return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    said = body["type"].removeprefix(problems.PATH + "/")
    assert body["type"] == problems.type_uri(said) and said in problems.KINDS, body["type"]
    assert body["status"] == status == problems.KINDS[said].status
    if kind is not None:
        assert said == kind, f"{said} instead of {kind}"
    assert body["title"] and body["detail"]
    if detail is not None:
        assert body["detail"] == detail
    return body
