"""The signed-in user's own field work, for the field app: ``/api/v1/me/...``."""

from fastapi import APIRouter

from api.deps import CurrentUser, SessionDep
from api.errors import problem_responses
from eom.core.clock import utcnow
from eom.field import assignments
from eom.field.assignments import MyAssignments

router = APIRouter(prefix="/me", tags=["me"], responses=problem_responses(401))


@router.get("/assignments", response_model=MyAssignments)
def my_assignments(session: SessionDep, user: CurrentUser) -> MyAssignments:
    """Everything the field app starts from, in one call: each mission the caller is on
    (invited, confirmed, accredited or deployed; only a deployed member files), their
    place in it, the stations they are sent to, the latest published version of each form
    with the JSON Schema of its answers, and their code of conduct. Any role may ask; a
    user on no roster gets no missions."""
    return assignments.my_assignments(session, user, now=utcnow())
