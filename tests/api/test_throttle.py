"""Expensive reads (PDFs, CSV and XLSX exports, the IATI file) bounded per caller: at
most so many in progress at once and so many a minute, then 429 with Retry-After."""

from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.throttle import ExpensiveReads
from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import signed_in_as
from tests.support.problems import assert_problem

IATI = "/api/v1/iati/activities.xml"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_caller_has_at_most_so_many_reads_in_progress() -> None:
    reads = ExpensiveReads(at_once=2, per_minute=100, clock=Clock())
    assert reads.enter("a") is None and reads.enter("a") is None
    assert reads.enter("a") == 1
    assert reads.enter("b") is None  # another caller is not held back
    reads.leave("a")
    assert reads.enter("a") is None


def test_a_caller_begins_at_most_so_many_reads_a_minute_and_is_told_when_to_come_back() -> None:
    clock = Clock()
    reads = ExpensiveReads(at_once=10, per_minute=3, clock=clock)
    for seconds in (0, 10, 20):
        clock.now = 1000.0 + seconds
        assert reads.enter("a") is None
        reads.leave("a")
    clock.now = 1030.0
    assert reads.enter("a") == 30  # the first of the three falls out of the minute at 1060
    clock.now = 1060.0
    assert reads.enter("a") is None


def test_past_the_bound_a_document_is_a_429_with_retry_after_for_that_caller_only(
    settings: Settings, migrated_db: Database, db: Database, hasher: PasswordHasher
) -> None:
    app = create_app(settings.model_copy(update={"expensive_reads_per_minute": 2}))
    with TestClient(app) as client:
        assert [client.get(IATI).status_code for _ in range(2)] == [200, 200]
        refused = client.get(IATI)
        wait = refused.headers["retry-after"]  # when the first leaves the minute: 60 s at most
        assert 55 <= int(wait) <= 60
        assert_problem(refused, 429, f"Too many documents asked for: try again in {wait} s.")
        spanish = client.get(IATI + "?lang=es")
        wait = spanish.headers["retry-after"]
        assert_problem(
            spanish, 429, f"Demasiados documentos pedidos: vuelva a intentarlo en {wait} s."
        )
        staff = signed_in_as(client, db, hasher, Role.staff)
        assert client.get(IATI, headers=staff).status_code == 200  # a caller of their own
        assert client.get("/api/v1/health").status_code == 200  # nothing else is bounded
    app.state.db.dispose()


def test_the_bounded_operations_declare_their_429_and_when_to_come_back(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    bounded = sorted(
        p for p, ops in paths.items() if "429" in ops.get("get", {}).get("responses", {})
    )
    assert bounded == [
        "/api/v1/donors/{donor_id}/statement.pdf",
        IATI,
        "/api/v1/missions/{mission_id}/report.pdf",
        "/api/v1/recommendations/export.csv",
        "/api/v1/recommendations/export.xlsx",
        "/api/v1/recommendations/report.pdf",
    ]
    refusal = paths[IATI]["get"]["responses"]["429"]
    assert refusal["headers"]["Retry-After"]["schema"] == {"type": "integer", "minimum": 1}
    assert "application/problem+json" in refusal["content"]
