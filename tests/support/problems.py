"""Reading an error answer: every error leaves the server as an RFC 9457 problem document."""

from typing import Any

import httpx

PROBLEM = "application/problem+json"


def assert_problem(
    response: httpx.Response, status: int, detail: str | None = None
) -> dict[str, Any]:
    """Check that the response is a problem document with this status (and detail, when
    given); return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    if detail is not None:
        assert body["detail"] == detail
    return body
