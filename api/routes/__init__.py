"""JSON routes under ``/api/v1``: thin handlers that parse, authorize, call a service, shape."""

from fastapi import APIRouter

from api.errors import problem_responses
from api.routes import (
    audit,
    auth,
    conduct,
    donors,
    field,
    funding,
    health,
    iati,
    members,
    missions,
    observers,
    recommendations,
    reports,
    submissions,
    users,
)

router = APIRouter(prefix="/api/v1", responses=problem_responses(400, 422, 500))
router.include_router(health.router)
router.include_router(auth.router)
router.include_router(users.router)
router.include_router(audit.router)
router.include_router(missions.router)
router.include_router(members.router)
router.include_router(observers.router)
router.include_router(conduct.router)
router.include_router(field.router)
router.include_router(submissions.router)
router.include_router(donors.router)
router.include_router(funding.router)
router.include_router(iati.router)
router.include_router(recommendations.router)
router.include_router(recommendations.worklist_router)
router.include_router(reports.router)
