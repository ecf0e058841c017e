"""The application factory: ``create_app(settings)`` builds everything, nothing at import."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from api.errors import install_error_handlers
from api.intake import GroupCommit
from api.middleware import LanguageMiddleware, SecurityHeadersMiddleware
from api.pages import board, funding, home, missions, recommendations
from api.routes import router as api_router
from eom.db import Database
from eom.security import make_password_hasher
from eom.settings import Settings, get_settings

HERE = Path(__file__).parent


def create_app(settings: Settings | None = None) -> FastAPI:
    """A ready app over the configured database (whose schema ``eom db upgrade`` owns)."""
    settings = settings or get_settings()
    db = Database(settings)
    group_commit = GroupCommit(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await group_commit.close()
        db.dispose()

    app = FastAPI(
        title="EOM — electoral observation missions",
        version="0.1.0",
        description="Planning, observers, field reporting, recommendations and funding of "
        "OAS electoral observation missions. Errors are RFC 9457 problem documents.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.group_commit = group_commit
    app.state.hasher = make_password_hasher(settings)
    app.state.secret_key = settings.resolved_secret_key()
    app.state.templates = Jinja2Templates(directory=HERE / "templates")

    install_error_handlers(app)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(LanguageMiddleware)
    app.include_router(api_router)
    app.include_router(home.router)
    app.include_router(missions.router)
    app.include_router(board.router)
    app.include_router(funding.router)
    app.include_router(recommendations.router)
    if settings.bench_endpoints:
        from api.routes import bench

        app.include_router(bench.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
