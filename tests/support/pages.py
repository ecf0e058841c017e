"""Using the web pages from a test client: the CSRF token of a form, and signing in."""

import re

import httpx
from fastapi.testclient import TestClient

from tests.factories import PASSWORD


def csrf_of(page: str) -> str:
    """The CSRF token that the page's form carries."""
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert match, "the form carries a CSRF token"
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> httpx.Response:
    """Sign in on the login page as a person does; the client keeps the session cookie."""
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf": token},
        follow_redirects=False,
    )
