"""The code of conduct in force: ``/api/v1/code-of-conduct``."""

from fastapi import APIRouter
from sqlmodel import Session

from api.deps import SessionDep, StaffUser, actor
from api.errors import problem_responses
from eom.planning.conduct import service as conduct
from eom.planning.conduct.models import ConductVersion, ItemPublic, VersionCreate, VersionPublic

router = APIRouter(prefix="/code-of-conduct", tags=["code of conduct"])


def version_view(session: Session, version: ConductVersion) -> VersionPublic:
    items = [ItemPublic.model_validate(i) for i in conduct.items_of_version(session, version)]
    return VersionPublic(number=version.number, published_at=version.published_at, items=items)


@router.get("", response_model=VersionPublic, responses=problem_responses(404))
def current_code(session: SessionDep) -> VersionPublic:
    """The version in force, with its items in English and Spanish. Anyone may read it."""
    return version_view(session, conduct.current_version(session))


@router.post(
    "", response_model=VersionPublic, status_code=201, responses=problem_responses(401, 403)
)
def publish_version(data: VersionCreate, session: SessionDep, staff: StaffUser) -> VersionPublic:
    """Publish a new version, in force at once: every member must acknowledge it again."""
    return version_view(session, conduct.publish_version(session, data, actor=actor(staff)))
