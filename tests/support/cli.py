"""Running the ``eom`` command line as a person runs it: a process with the EOM_ environment."""

import os
import subprocess
import sys

from eom.core.settings import Settings


def env_for(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment that points ``eom`` at these settings' database and data folder."""
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
    """Run ``eom *args`` to its end and return what it printed and its exit code."""
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        env=env_for(settings),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The one ``error: `` line of a failed command (and check that it failed so)."""
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]
