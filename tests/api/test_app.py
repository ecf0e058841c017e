"""The application object: importing it builds nothing; how it routes a request."""

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Match

from api.app import create_app
from api.routes import router as api_router
from eom.core.settings import Settings


def test_importing_the_app_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import api.app

    monkeypatch.chdir(tmp_path)
    importlib.reload(api.app)
    assert not (tmp_path / "data").exists()


def _routed_by(app: FastAPI, path: str) -> str:
    """Which of the app's routes a GET of ``path`` goes to: a mount's or router's name."""
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "headers": []}
    for route in app.router.routes:
        if route.matches(scope)[0] == Match.FULL:
            original = getattr(route, "original_router", None)
            return "api" if original is api_router else getattr(route, "name", "") or "pages"
    return "nothing"


def test_the_api_routes_are_tried_only_for_api_paths_and_static_files_first(app: FastAPI) -> None:
    assert _routed_by(app, "/api/v1/health") == "api"
    assert _routed_by(app, "/api/v1") == "nothing"
    assert _routed_by(app, "/api/v10/health") == "nothing"
    assert _routed_by(app, "/static/eom.css") == "static"
    assert _routed_by(app, "/funding") == "pages"
    scope = {"type": "http", "method": "GET", "path": "/funding", "root_path": "", "headers": []}
    assert api_router.matches(scope) == (Match.NONE, {})


def test_an_api_path_with_a_trailing_slash_still_finds_its_route(client: TestClient) -> None:
    answer = client.get("/api/v1/health/", follow_redirects=False)
    assert answer.status_code == 307
    assert answer.headers["location"].endswith("/api/v1/health")


def test_a_served_app_settles_what_every_request_reads_out_of_the_collectors_sight(
    settings: Settings,
) -> None:
    import gc

    app = create_app(settings.model_copy(update={"freeze_at_startup": True}))
    try:
        with TestClient(app) as client:
            assert gc.get_freeze_count() > 100_000  # the templates, the standard lists
            assert client.get("/api/v1/health").status_code == 200
    finally:
        gc.unfreeze()
        app.state.db.dispose()


def test_an_app_in_a_test_process_freezes_nothing(app: FastAPI) -> None:
    import gc

    with TestClient(app):
        assert gc.get_freeze_count() == 0
