"""The application object: importing it builds nothing."""

from pathlib import Path

import pytest


def test_importing_the_app_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import api.app

    monkeypatch.chdir(tmp_path)
    importlib.reload(api.app)
    assert not (tmp_path / "data").exists()
