"""The ``eom`` command line, run as a person runs it: a process with the EOM_ environment."""

import shutil
import socket
import stat
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

from eom.core.db import Database
from eom.core.settings import Settings
from eom.funding import figures
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from tests.factories import advance, bearer, make_mission, make_user
from tests.support import forgery
from tests.support.cli import env_for, eom, one_line_error
from tests.support.examples import DRAFT_WORDS, Bolivia, bolivia
from tests.support.network import free_port
from tests.support.pdfs import text_of
from tests.support.worlds import FundedDonors, funded_donors


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


def test_a_log_never_checkpointed_verifies_with_a_warning_that_it_is_not_anchored(
    settings: Settings, db: Database, hasher: PasswordHasher
) -> None:
    make_user(db, hasher)
    result = eom(settings, "audit", "verify")
    assert result.returncode == 0 and "1 entries verified" in result.stdout
    assert result.stderr.startswith("warning: no signed checkpoint anchors the log")


@pytest.fixture
def anchored(settings: Settings, tmp_path: Path) -> Settings:
    """The test database with a data folder of its own, where the signing key and the
    checkpoints are made."""
    data = tmp_path / "data"
    data.mkdir()
    return settings.model_copy(
        update={"data_dir": data, "database_url": settings.resolved_database_url}
    )


def test_a_checkpoint_is_signed_with_a_new_key_and_the_log_verified_against_it(
    anchored: Settings, db: Database, hasher: PasswordHasher
) -> None:
    for _ in range(3):
        make_user(db, hasher)
    made = eom(anchored, "audit", "checkpoint")
    assert made.returncode == 0, made.stderr
    checkpoints_file = anchored.data_dir / "audit-checkpoints.jsonl"
    assert made.stdout.splitlines()[0] == (
        f"checkpoint 1 appended to {checkpoints_file}: 1 chains, 3 entries"
    )
    digest = made.stdout.splitlines()[1].removeprefix("digest ")
    assert len(digest) == 64 and "made the signing key" in made.stderr
    assert stat.S_IMODE((anchored.data_dir / "audit-signing-key").stat().st_mode) == 0o600
    verified = eom(anchored, "audit", "verify", "--digest", digest)
    assert verified.returncode == 0 and verified.stderr == ""
    assert "3 entries verified against 1 signed checkpoint(s)" in verified.stdout
    assert f"(digest {digest})" in verified.stdout
    again = eom(anchored, "audit", "checkpoint").stdout.splitlines()
    assert again == [
        f"no chain moved since checkpoint 1 of {checkpoints_file} (1 chains, 3 entries)",
        f"digest {digest}",
    ]


def test_a_log_emptied_after_a_checkpoint_is_broken_not_intact(
    anchored: Settings, db: Database, hasher: PasswordHasher
) -> None:
    make_user(db, hasher)
    assert eom(anchored, "audit", "checkpoint").returncode == 0
    forgery.sql(db, "DELETE FROM audit_entry")
    forgery.sql(db, "DELETE FROM audit_chain")
    assert one_line_error(eom(anchored, "audit", "verify")) == (
        "error: audit log broken at chain head (chain 'accounts', seq 1): a checkpoint signed"
        " seq 1 but the chain has no entries: entries removed (1 problem(s) in all)"
    )


def test_a_broken_log_is_refused_a_checkpoint(
    anchored: Settings, db: Database, hasher: PasswordHasher
) -> None:
    make_user(db, hasher)
    forgery.sql(db, "UPDATE audit_entry SET actor = 'forged'")
    assert one_line_error(eom(anchored, "audit", "checkpoint")) == (
        "error: The audit log is broken (entry "
        f"{_first_entry_id(db)} (chain 'accounts', seq 1): content does not match its hash):"
        " no checkpoint was signed."
    )
    assert not (anchored.data_dir / "audit-checkpoints.jsonl").read_text()
    assert not (anchored.data_dir / "audit-signing-key").exists()


def _first_entry_id(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text("SELECT MIN(id) FROM audit_entry")).scalar() or 0)


def test_verify_checks_against_the_copies_an_operator_kept_apart(
    anchored: Settings, db: Database, hasher: PasswordHasher, tmp_path: Path
) -> None:
    """A forger who rewrote the log and the server's checkpoints, signing them with a key
    of their own, is found from the public key and the digest kept elsewhere."""
    make_user(db, hasher)
    digest = eom(anchored, "audit", "checkpoint").stdout.splitlines()[1].removeprefix("digest ")
    kept = shutil.copy(anchored.data_dir / "audit-signing-key.pub", tmp_path / "kept.pub")
    forgery.sql(db, "UPDATE audit_entry SET actor = 'forged'")
    forgery.rehash(db, "accounts")
    for name in ("audit-checkpoints.jsonl", "audit-signing-key"):
        (anchored.data_dir / name).unlink()
    assert eom(anchored, "audit", "checkpoint").returncode == 0
    assert eom(anchored, "audit", "verify").returncode == 0
    with_key = one_line_error(eom(anchored, "audit", "verify", "--public-key", str(kept)))
    assert "audit log broken at checkpoint 1: signed by another key" in with_key
    with_digest = one_line_error(eom(anchored, "audit", "verify", "--digest", digest))
    assert f"no checkpoint has the digest {digest}: the file was cut back" in with_digest


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
        # Importing the app takes seconds; under a parallel test run, several of them.
        deadline = time.monotonic() + 30
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


# --- eom report mission ---------------------------------------------------------------


def test_the_mission_report_command_writes_the_report_and_shows_each_step(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    advance(db, make_mission(db, code="EOM-CLI-2026"), MissionStatus.deployed)
    target = tmp_path / "report.pdf"
    result = eom(settings, "report", "mission", "EOM-CLI-2026", "-o", str(target), "--lang", "es")
    assert result.returncode == 0, result.stderr
    steps = result.stderr.strip().splitlines()
    assert len(steps) == 3 and all(line.startswith("report: ") for line in steps)
    assert "EOM-CLI-2026" in steps[0] and str(target) in steps[-1]
    assert "Resumen de la misión" in text_of(target.read_bytes())


def test_an_unknown_mission_is_one_line_and_no_file(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    result = eom(settings, "report", "mission", "EOM-NONE-2026", "-o", str(target))
    assert one_line_error(result) == "error: no mission with the code EOM-NONE-2026"
    assert not target.exists()


def test_an_unwritable_path_is_one_line_before_any_work(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    make_mission(db, code="EOM-CLI-2027")
    for target in (tmp_path / "missing" / "report.pdf", tmp_path):
        result = eom(settings, "report", "mission", "EOM-CLI-2027", "-o", str(target))
        assert one_line_error(result).startswith(f"error: cannot write {target}")


def test_an_unknown_language_is_one_line(settings: Settings, db: Database, tmp_path: Path) -> None:
    make_mission(db, code="EOM-CLI-2028")
    target = tmp_path / "r.pdf"
    result = eom(settings, "report", "mission", "EOM-CLI-2028", "-o", str(target), "--lang", "fr")
    assert "fr" in one_line_error(result)


# --- eom report donor -----------------------------------------------------------------


@pytest.fixture
def funded(db: Database, hasher: PasswordHasher) -> FundedDonors:
    return funded_donors(db, hasher)


def test_the_command_writes_the_statement_and_shows_each_step(
    settings: Settings, funded: FundedDonors, tmp_path: Path
) -> None:
    target = tmp_path / "statement.pdf"
    result = eom(
        settings,
        "report",
        "donor",
        "Canada",
        "-o",
        str(target),
        "--from",
        "2026-01-01",
        "--lang",
        "es",
    )
    assert result.returncode == 0, result.stderr
    steps = result.stderr.strip().splitlines()
    assert len(steps) == 3 and all(line.startswith("report: ") for line in steps)
    assert "Canada" in steps[0] and str(target) in steps[-1]
    text = text_of(target.read_bytes())
    assert "1 de enero de 2026" in text and "73.910,00 US$" in text


def test_the_command_finds_a_donor_by_id(
    settings: Settings, funded: FundedDonors, tmp_path: Path
) -> None:
    target = tmp_path / "statement.pdf"
    result = eom(settings, "report", "donor", str(funded.japan), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "Japan" in text_of(target.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nobody"], "error: no donor named Nobody"),
        (["Canada", "--from", "2026-13-01"], "error: --from 2026-13-01: not a date (YYYY-MM-DD)"),
        (
            ["Canada", "--from", "2026-05-01", "--to", "2026-03-01"],
            "error: The period starts on 2026-05-01, after it ends on 2026-03-01.",
        ),
    ],
)
def test_bad_arguments_are_one_line_and_no_file(
    settings: Settings, funded: FundedDonors, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "statement.pdf"
    result = eom(settings, "report", "donor", args[0], "-o", str(target), *args[1:])
    assert one_line_error(result) == message
    assert not target.exists()


# --- eom report followup --------------------------------------------------------------


PUBLISHED_WORDS = "Enforce gender parity on every list of candidates."


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


def test_the_followup_report_command_writes_the_report_and_shows_each_step(
    settings: Settings, db: Database, example: Bolivia, tmp_path: Path
) -> None:
    target = tmp_path / "bo.pdf"
    result = eom(settings, "report", "followup", "bo", "-o", str(target), "--lang", "es")
    assert result.returncode == 0, result.stderr
    steps = result.stderr.strip().splitlines()
    assert len(steps) == 4 and all(line.startswith("report: ") for line in steps)
    assert "Bolivia" in steps[0] and "3 recommendations, 1 reiterated" in steps[1]
    assert str(target) in steps[-1]
    text = text_of(target.read_bytes())
    assert "Hacer cumplir la paridad de género" in text and DRAFT_WORDS not in text


def test_the_command_writes_drafts_only_when_asked(
    settings: Settings, db: Database, example: Bolivia, tmp_path: Path
) -> None:
    target = tmp_path / "bo.pdf"
    result = eom(settings, "report", "followup", "BO", "-o", str(target), "--drafts")
    assert result.returncode == 0, result.stderr
    assert DRAFT_WORDS in text_of(target.read_bytes())


def test_the_mission_report_command_leaves_drafts_out_unless_asked(
    settings: Settings, db: Database, example: Bolivia, tmp_path: Path
) -> None:
    target = tmp_path / "mission.pdf"
    result = eom(settings, "report", "mission", "EOM-BOL-2026", "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = text_of(target.read_bytes())
    assert "Reiterates EOM-BOL-2020 #2" in text and PUBLISHED_WORDS in text
    assert DRAFT_WORDS not in text
    eom(settings, "report", "mission", "EOM-BOL-2026", "-o", str(target), "--drafts")
    assert DRAFT_WORDS in text_of(target.read_bytes())


@pytest.mark.parametrize("country", ["XX", "FR", "Bolivia"])
def test_a_country_that_is_not_a_member_state_is_one_line_and_no_file(
    settings: Settings, db: Database, tmp_path: Path, country: str
) -> None:
    target = tmp_path / "report.pdf"
    result = eom(settings, "report", "followup", country, "-o", str(target))
    assert one_line_error(result) == (
        f"error: {country} is not the alpha-2 code of an OAS member state"
    )
    assert not target.exists()


def test_a_roster_saved_by_excel_on_windows_is_imported(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_bytes(
        "full_name;nationality;gender;languages;expertise;email\n"
        "José Núñez;UY;male;es;gender;jose.nunez@observers.example\n".encode("cp1252")
    )
    done = eom(settings, "import", "observers", str(csv))
    assert done.returncode == 0 and "1 observers added" in done.stdout, done.stderr
    csv.write_bytes(csv.read_bytes().replace(b";UY;", b";Uruguay;"))
    refused = eom(settings, "import", "observers", str(csv))
    assert "row 2, nationality: use the two-letter country code, e.g. AR" in refused.stderr


def test_serving_on_a_port_already_taken_is_one_line(settings: Settings, db: Database) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = eom(settings, "serve", "--port", str(port))
    assert f"cannot listen on 127.0.0.1:{port}" in one_line_error(result)


def test_the_help_is_plain_and_names_the_columns(settings: Settings) -> None:
    result = eom(settings, "import", "observers", "--help")
    assert result.returncode == 0
    assert "full_name, nationality (two-letter code)" in " ".join(result.stdout.split())
    assert "─" not in result.stdout and "\x1b[" not in result.stdout
