"""The CSV imports of the API do their database work in a worker thread: a long import
never holds the event loop, so every other request goes on while it runs; and a long
import logs how far it has come."""

import asyncio
import logging
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.csvimport import ImportReport
from eom.core.db import Database
from tests.factories import make_mission, signed_in_as

# Each import route, and the service function (module, name) that does its work.
IMPORTS = [
    ("/api/v1/observers/import", "eom.planning.observers.importing", "import_roster"),
    ("/api/v1/missions/{mission_id}/stations/import", "eom.field.stations", "import_stations"),
    ("/api/v1/funding/exchange-rates/import", "eom.funding.rates", "import_rates"),
    ("/api/v1/recommendations/import", "recommendations.importing", "import_recommendations"),
    (
        "/api/v1/recommendations/assessments/import",
        "recommendations.importing",
        "import_assessments",
    ),
]


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.mark.parametrize(("path", "module", "name"), IMPORTS)
def test_an_import_runs_off_the_event_loop(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    module: str,
    name: str,
) -> None:
    seen: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> ImportReport:
        seen.append(_on_event_loop())
        return ImportReport(created=0, updated=0)

    monkeypatch.setattr(f"{module}.{name}", spy)
    mission = make_mission(db)
    answer = client.post(
        path.format(mission_id=mission.id),
        content=b"anything\n",
        headers={**signed_in_as(client, db, hasher, Role.staff), "Content-Type": "text/csv"},
    )
    assert answer.status_code == 200, answer.text
    assert seen == [False]


def test_a_long_import_logs_its_progress(
    client: TestClient, db: Database, hasher: PasswordHasher, caplog: pytest.LogCaptureFixture
) -> None:
    rows = "".join(
        f"Observer {n},UY,female,es,media,o{n}@observers.example,\n" for n in range(2_500)
    )
    csv = "full_name,nationality,gender,languages,expertise,email,phone\n" + rows
    staff = signed_in_as(client, db, hasher, Role.staff)
    with caplog.at_level(logging.INFO, logger="eom.core.csvimport"):
        answer = client.post(
            "/api/v1/observers/import",
            content=csv.encode(),
            headers={**staff, "Content-Type": "text/csv"},
        )
    assert answer.json() == {"created": 2_500, "updated": 0}
    assert [r.getMessage() for r in caplog.records if r.name == "eom.core.csvimport"] == [
        "roster import: 1000 of 2500 rows stored",
        "roster import: 2000 of 2500 rows stored",
        "roster import: 2500 of 2500 rows stored",
    ]


def test_an_import_takes_the_csv_as_an_uploaded_file(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    staff = signed_in_as(client, db, hasher, Role.staff)
    csv = "full_name,nationality,gender,languages,expertise,email,phone\n"
    csv += "Ana Pérez,UY,female,es,media,ana@observers.example,\n"
    files = {"file": ("roster.csv", csv.encode(), "text/csv")}
    answer = client.post("/api/v1/observers/import", files=files, headers=staff)
    assert answer.json() == {"created": 1, "updated": 0}
    # A form without the file names the field it needs.
    no_file = {"other": (None, b"x")}
    missing = client.post("/api/v1/observers/import", files=no_file, headers=staff)
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"loc": ["body", "file"], "msg": "required"}]
