"""``GET /api/v1/health``: is the database reachable and its schema current?"""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from api.deps import DatabaseDep
from api.errors import problem, problem_responses
from eom.core import migrate

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    database: str
    migrations: str
    revision: str | None


@router.get("/health", response_model=Health, responses=problem_responses(503))
def health(request: Request, db: DatabaseDep) -> Health | Response:
    """200 when the database answers and is at the newest migration, else 503."""
    # Reading the revision is the query that proves the database answers; it is never
    # cached, so an upgrade or a downgrade shows at once.
    try:
        revision = migrate.current_revision(db.read_engine)
    except SQLAlchemyError:
        return problem(request, 503, "The database is unreachable.")
    if revision != migrate.head_revision():
        return problem(
            request,
            503,
            "The database schema is not current: run eom db upgrade.",
        )
    return Health(status="ok", database="ok", migrations="current", revision=revision)
