"""Every form a page posts is refused without its CSRF token: each POST route outside the
API is tried, signed in as staff, with ids that exist nowhere, and must answer 403 before
anything else is looked at."""

import re

from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.api.test_audit_coverage import mutating_routes
from tests.factories import make_user
from tests.support.pages import sign_in


def page_posts(app: FastAPI) -> list[str]:
    return sorted(
        path
        for method, path in mutating_routes(app)
        if method == "POST" and not path.startswith("/api/")
    )


def test_the_pages_post_forms(app: FastAPI) -> None:
    assert len(page_posts(app)) > 30  # the list below is not empty by mistake


def test_every_page_post_without_its_token_is_refused(
    app: FastAPI, client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.admin).email)
    answers = {
        path: client.post(
            re.sub(r"\{[a-z_]+\}", "999999", path), data={"name": "x"}, follow_redirects=False
        ).status_code
        for path in page_posts(app)
    }
    assert {path: status for path, status in answers.items() if status != 403} == {}
