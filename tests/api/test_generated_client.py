"""A client generated from ``/openapi.json`` by openapi-python-client, with no warning,
drives a short flow: sign in, create a mission, file a checklist, and read a refusal's
kind from its problem document — as an integrator's code would."""

import importlib
import io
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    PASSWORD,
    advance,
    assigned_station,
    field_observer,
    make_form,
    make_mission,
    make_user,
)

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
# Binary answers (PDF, XLSX, XML, pictures) are bytes to the client: the generator's
# documented way to say so, since it parses JSON, forms and octet streams only.
BINARY_TYPES = (
    "application/pdf",
    "application/xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/csv",
)
BINARY = dict.fromkeys(BINARY_TYPES, "application/octet-stream")


@pytest.fixture(scope="module")
def eom_client(app: FastAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generated package, imported; the test fails on any warning of the generator."""
    folder = tmp_path_factory.mktemp("generated")
    (folder / "openapi.json").write_text(json.dumps(app.openapi()))
    config = {"post_hooks": [], "package_name_override": "eom_client"}
    (folder / "config.json").write_text(json.dumps({**config, "content_type_overrides": BINARY}))
    run = subprocess.run(
        [str(GENERATOR), "generate", "--path", "openapi.json", "--meta", "none"]
        + ["--config", "config.json", "--output-path", "eom_client"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = run.stdout + run.stderr
    assert run.returncode == 0, said
    assert "warning" not in said.lower(), said
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("eom_client")
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n.startswith("eom_client")]:
            del sys.modules[name]


def _module(name: str) -> Any:
    return importlib.import_module(f"eom_client.{name}")


def _signed_in(app: FastAPI, email: str) -> Any:
    """A generated client over the app in process, signed in through the client itself."""
    transport = TestClient(app)
    anonymous = _module("client").Client(base_url="http://testserver")
    anonymous.set_httpx_client(transport)
    body = _module("models").AuthIssueTokenBody(username=email, password=PASSWORD)
    issued = _module("api.auth.auth_issue_token").sync(client=anonymous, body=body)
    assert issued.access_token, issued
    transport.headers["Authorization"] = f"Bearer {issued.access_token}"
    signed_in = _module("client").AuthenticatedClient(
        base_url="http://testserver", token=issued.access_token
    )
    signed_in.set_httpx_client(transport)
    return signed_in


@pytest.mark.slow
def test_a_generated_client_creates_a_mission_files_a_checklist_and_reads_a_refusal_s_kind(
    eom_client: ModuleType, app: FastAPI, db: Database, hasher: PasswordHasher
) -> None:
    models = _module("models")
    staff = _signed_in(app, make_user(db, hasher, role=Role.staff).email)
    election = date.today() + timedelta(days=90)
    created = _module("api.missions.missions_create").sync_detailed(
        client=staff,
        body=models.MissionCreate(
            code="EOM-PAN-2027",
            kind=models.MissionKind.ELECTORAL_OBSERVATION,
            host_country=models.MemberStateCode.PA,
            election_type=models.ElectionType.GENERAL,
            election_date=election,
        ),
    )
    assert created.status_code == 201 and created.parsed.code == "EOM-PAN-2027"

    mission = advance(db, make_mission(db, election_date=date.today()), MissionStatus.deployed)
    member, email = field_observer(db, hasher, mission)
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    observer = _signed_in(app, email)
    submit = _module("api.field_reporting.submissions_submit")
    checklist = models.SubmissionIn(
        uuid=str(uuid.uuid4()),
        form_id=form.id,
        station_id=station.id,
        observed_at=datetime.now(UTC),
        answers=models.SubmissionInAnswers.from_dict(
            {"opened_on_time": True, "assessment": "good"}
        ),
    )
    filed = submit.sync_detailed(mission.id, client=observer, body=checklist)
    assert filed.status_code == 201 and filed.parsed.uuid == checklist.uuid

    checklist.answers = models.SubmissionInAnswers.from_dict(
        {"opened_on_time": False, "assessment": "good"}
    )
    refused = submit.sync_detailed(mission.id, client=observer, body=checklist)
    assert refused.status_code == 409
    assert isinstance(refused.parsed, models.Problem)
    assert refused.parsed.type_ == "/problems/uuid-reused"


@pytest.mark.slow
def test_a_generated_client_uploads_a_csv_file_to_an_import(
    eom_client: ModuleType, app: FastAPI, db: Database, hasher: PasswordHasher
) -> None:
    models, types = _module("models"), _module("types")
    staff = _signed_in(app, make_user(db, hasher, role=Role.staff).email)
    mission = make_mission(db)
    csv = "region,municipality,centre,code,registered_voters\nNorte,Uno,Escuela 1,UP-1,400\n"
    upload = types.File(payload=io.BytesIO(csv.encode()), file_name="stations.csv")
    body = models.CsvFile(file=upload)
    imported = _module("api.field_reporting.field_import_stations").sync_detailed(
        mission.id, client=staff, body=body
    )
    assert imported.status_code == 200 and imported.parsed.created == 1
