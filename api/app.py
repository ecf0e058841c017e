"""The application factory: ``create_app(settings)`` builds everything, nothing at import."""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from babel import Locale
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp

from api.caching import ConditionalGetMiddleware
from api.cors import ApiCors
from api.errors import install_error_handlers
from api.group_commit import GroupCommit
from api.middleware import (
    BodyLimits,
    FieldCompression,
    LanguageMiddleware,
    RequestBodyMiddleware,
    RequestIdMiddleware,
    SecurityHeadersMiddleware,
)
from api.openapi import install_openapi, operation_id
from api.pages import (
    accounts,
    archive,
    assets,
    audit_log,
    board,
    board_exports,
    docs,
    document_sections,
    documents,
    field_app,
    filings,
    form_builder,
    funding,
    funding_forms,
    home,
    incident_photos,
    meetings,
    mission_forms,
    missions,
    my_account,
    password_reset,
    recommendation_forms,
    recommendations,
    roster_import,
    stations,
    team,
    two_factor,
    verification,
    visits,
)
from api.routes import router as api_router
from api.throttle import ExpensiveReadLimit, ExpensiveReads
from eom.core.db import Database
from eom.core.i18n import LANGUAGES
from eom.core.logs import configure_logging
from eom.core.reference import country_name, language_name
from eom.core.security import make_password_hasher
from eom.core.settings import Settings, get_settings

HERE = Path(__file__).parent

log = logging.getLogger(__name__)


def compressed(files: StaticFiles) -> ASGIApp:
    """Static files sent gzip-compressed to a browser that takes it: the field app's shell
    is a quarter of its size so (a phone on a slow network waits for every byte)."""
    return GZipMiddleware(files, minimum_size=1024, compresslevel=6)


def settle(app: FastAPI) -> None:
    """Load what every request reads (the templates, compiled; the country, language and
    locale data of the standard lists), then freeze it out of the garbage collector's
    sight: a full collection walked those 340,000 objects in 200 ms, inside whichever
    request it fell on (the pages' p95 under light load)."""
    templates: Jinja2Templates = app.state.templates
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)
    for language in LANGUAGES:
        country_name("BO", language), language_name("es", language)
        Locale.parse(language).currencies  # noqa: B018 (loads the locale's data)
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None) -> FastAPI:
    """A ready app over the configured database (whose schema ``eom db upgrade`` owns)."""
    settings = settings or get_settings()
    configure_logging(settings.log_format, settings.log_level)
    db = Database(settings)
    group_commit = GroupCommit(db)

    @asynccontextmanager
    async def lifespan(started: FastAPI) -> AsyncIterator[None]:
        if settings.freeze_at_startup:
            settle(started)
        yield
        await group_commit.close()
        db.dispose()

    app = FastAPI(
        title="EOM — electoral observation missions",
        version="0.1.0",
        description="Planning, observers, field reporting, recommendations and funding of "
        "OAS electoral observation missions. Errors are RFC 9457 problem documents, in "
        "English or Spanish: `?lang=` of the call, else `Accept-Language`.",
        lifespan=lifespan,
        docs_url=None,  # served by api/pages/docs.py from local assets
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.group_commit = group_commit
    app.state.hasher = make_password_hasher(settings)
    app.state.secret_key = settings.resolved_secret_key()
    app.state.templates = Jinja2Templates(directory=HERE / "templates")

    install_error_handlers(app)
    install_openapi(app)
    app.add_middleware(ExpensiveReadLimit, limiter=ExpensiveReads.of(settings))
    # Within the language's: their refusals are translated.
    app.add_middleware(RequestBodyMiddleware, limits=BodyLimits.of(settings))
    # Inside compression: the ETag digests the body as the route made it (gzip's output
    # carries a time, so it differs at every answer).
    app.add_middleware(ConditionalGetMiddleware)
    app.add_middleware(FieldCompression)
    app.add_middleware(SecurityHeadersMiddleware, https=settings.cookie_secure)
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(RequestIdMiddleware)  # every line of the request has its id
    if settings.cors_origins:  # outermost: a preflight is answered before anything else
        app.add_middleware(ApiCors, origins=settings.cors_origins)
    # Static files first: a path is matched against the routes in order, and a page's
    # stylesheet and scripts need not walk every route of the pages to be found.
    for name, folder in assets.BROWSER_CODE.items():
        if (assets.NODE_MODULES / folder).is_dir():
            served = compressed(StaticFiles(directory=assets.NODE_MODULES / folder))
            app.mount(f"/static/vendor/{name}", served, name=f"vendor-{name}")
        else:
            missing = assets.NODE_MODULES / folder
            log.warning("browser code missing: %s (run bash .ci/setup)", missing)
    app.mount("/static", compressed(StaticFiles(directory=HERE / "static")), name="static")
    app.include_router(api_router)
    app.include_router(home.router)
    app.include_router(mission_forms.router)  # before missions: /missions/new is no id
    app.include_router(roster_import.router)  # before missions: /roster/import stays its own page
    app.include_router(missions.router)
    app.include_router(visits.router)
    app.include_router(documents.router)
    app.include_router(document_sections.router)
    app.include_router(team.router)
    app.include_router(stations.router)
    app.include_router(board.router)
    app.include_router(form_builder.router)
    app.include_router(board_exports.router)
    app.include_router(filings.router)
    app.include_router(verification.router)
    app.include_router(incident_photos.router)
    app.include_router(meetings.router)
    app.include_router(funding_forms.router)  # before funding: /donors/new is no id
    app.include_router(funding.router)
    app.include_router(recommendation_forms.router)
    app.include_router(recommendations.router)
    app.include_router(archive.router)
    app.include_router(accounts.router)
    app.include_router(audit_log.router)
    app.include_router(password_reset.router)
    app.include_router(my_account.router)
    app.include_router(two_factor.router)
    app.include_router(docs.router)
    app.include_router(field_app.router)
    app.include_router(assets.router)
    if settings.bench_endpoints:
        from api.routes import bench

        app.include_router(bench.router)
    return app
