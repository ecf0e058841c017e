"""The ``eom`` command line, run as a person runs it: a process with the EOM_ environment."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import text

from bench.common import free_port
from eom.db import Database
from eom.funding import figures
from eom.missions import service as missions
from eom.settings import Settings
from tests.factories import bearer, make_user


def env_for(settings: Settings, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "EOM_DATABASE_URL": settings.resolved_database_url,
        "EOM_DATA_DIR": str(settings.data_dir),
        "EOM_SECRET_KEY": "test-secret-key",
        "EOM_ARGON2_TIME_COST": "1",
        "EOM_ARGON2_MEMORY_KIB": "1024",
        "COLUMNS": "200",
        **extra,
    }


def eom(settings: Settings, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        env=env_for(settings),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_a_user_created_on_the_command_line_signs_in_through_the_api(
    settings: Settings, client: TestClient
) -> None:
    result = eom(
        settings,
        "user",
        "create",
        "ana.staff@example.org",
        "--role",
        "staff",
        "--name",
        "Ana Staff",
        "--password",
        "a long enough password",
    )
    assert result.returncode == 0, result.stderr
    assert "created staff ana.staff@example.org" in result.stdout
    assert bearer(client, "ana.staff@example.org", "a long enough password")


def test_the_password_is_prompted_for_when_not_given(
    settings: Settings, client: TestClient
) -> None:
    result = eom(
        settings,
        "user",
        "create",
        "prompted@example.org",
        "--role",
        "donor",
        "--name",
        "P",
        stdin="a prompted password\na prompted password\n",
    )
    assert result.returncode == 0, result.stderr
    assert bearer(client, "prompted@example.org", "a prompted password")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "boss", "--name", "X", "--password", "long enough pw"], "'boss' is not one of"),
        (["--role", "staff", "--name", "X", "--password", "short"], "at least 12 characters"),
        (["--role", "staff", "--name", "", "--password", "long enough pw"], "full_name"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    settings: Settings, db: Database, args: list[str], message: str
) -> None:
    assert message in one_line_error(eom(settings, "user", "create", "x@example.org", *args))


def test_a_taken_email_is_one_line_and_a_non_zero_exit(
    settings: Settings, db: Database, hasher: PasswordHasher
) -> None:
    make_user(db, hasher, email="taken@example.org")
    result = eom(
        settings,
        "user",
        "create",
        "taken@example.org",
        "--role",
        "staff",
        "--name",
        "T",
        "--password",
        "long enough pw",
    )
    assert (
        one_line_error(result) == "error: A user with the email taken@example.org already exists."
    )


def test_audit_verify_passes_then_fails_naming_the_altered_entry(
    settings: Settings, db: Database, hasher: PasswordHasher
) -> None:
    for _ in range(3):
        make_user(db, hasher)
    result = eom(settings, "audit", "verify")
    assert result.returncode == 0 and "3 entries verified" in result.stdout
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE audit_entry SET actor = 'systen'"
                " WHERE id = (SELECT MIN(id) + 1 FROM audit_entry)"
            )
        )
    line = one_line_error(eom(settings, "audit", "verify"))
    assert "audit log broken at entry" in line and "content does not match its hash" in line


def test_seeding_twice_loads_the_demo_data_once_and_keeps_the_audit_chain(
    settings: Settings, db: Database
) -> None:
    first = eom(settings, "seed")
    assert first.returncode == 0, first.stderr
    assert eom(settings, "seed").returncode == 0
    with db.engine.connect() as connection:

        def count(table: str) -> int:
            return int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() or 0)

        assert count("user_account") == 4
        assert count("mission") >= 6 and count("observer") >= 300
        assert count("mission_member") >= 250
        assert count("donor") >= 15 and count("donor_account") == 1
        assert count("money_movement") >= 100 and count("budget_revision") >= 12
    with db.session_scope() as session:
        found = figures.figures_of(session, missions.list_missions(session, limit=50, offset=0)[0])
    underfunded = [f.code for f in found if f.budget and f.committed < f.budget / 2]
    assert underfunded == ["EOM-ECU-2027"]
    united_states = next(f for f in found if f.host_country == "US")
    assert united_states.by_donor and "United States" not in {
        d.donor for d in united_states.by_donor
    }
    assert "entries verified" in eom(settings, "audit", "verify").stdout


@pytest.mark.slow
def test_upgrade_then_serve_answers_health_on_a_new_database(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=fresh_database_url())
    assert eom(settings, "db", "upgrade").returncode == 0
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        env=env_for(settings),
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, (
                    f"server did not start: {(tmp_path / 'serve.log').read_text()}"
                )
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["migrations"] == "current"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_commands_on_an_unmigrated_database_say_so(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=fresh_database_url())
    assert "run `eom db upgrade` first" in one_line_error(eom(settings, "audit", "verify"))


def test_importing_observers_reports_every_bad_row_and_stores_none(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text(
        "full_name,nationality,gender,languages,expertise,email,phone\n"
        "Ana Test,CL,female,es,gender,ana.t@observers.example,\n"
        "Bad Row,XX,female,es,gender,bad@observers.example,\n"
    )
    refused = eom(settings, "import", "observers", str(csv))
    assert refused.returncode == 1
    assert "row 3, nationality" in refused.stderr
    assert refused.stderr.strip().splitlines()[-1] == (
        "error: The file has 1 problem(s); nothing was imported."
    )
    csv.write_text(csv.read_text().splitlines()[0] + "\n" + csv.read_text().splitlines()[1] + "\n")
    done = eom(settings, "import", "observers", str(csv))
    assert done.returncode == 0 and "1 observers added, 0 updated" in done.stdout


def test_importing_stations_into_a_mission_by_its_code(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    from tests.factories import make_mission

    make_mission(db, code="EOM-STA-2026")
    csv = tmp_path / "stations.csv"
    csv.write_text(
        "region,municipality,centre,code,registered_voters\n"
        "La Paz,El Alto,UE Bolivia,LP-001,350\nLa Paz,El Alto,UE Bolivia,LP-002,\n"
    )
    done = eom(settings, "import", "stations", "EOM-STA-2026", str(csv))
    assert done.returncode == 0, done.stderr
    assert "2 stations added, 0 updated in EOM-STA-2026" in done.stdout
    assert one_line_error(eom(settings, "import", "stations", "EOM-NONE", str(csv))) == (
        "error: no mission with the code EOM-NONE"
    )


def test_importing_exchange_rates_all_or_none(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    csv = tmp_path / "rates.csv"
    csv.write_text("currency,on,usd_per_unit\nEUR,2026-03-02,1.0825\nXYZ,2026-03-02,1\n")
    refused = eom(settings, "import", "rates", str(csv))
    assert refused.returncode == 1 and "row 3, currency" in refused.stderr
    csv.write_text("currency,on,usd_per_unit\nEUR,2026-03-02,1.0825\nJPY,2026-03-02,0.006683\n")
    done = eom(settings, "import", "rates", str(csv))
    assert done.returncode == 0 and "2 exchange rates added" in done.stdout
