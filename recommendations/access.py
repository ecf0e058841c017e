"""Who may see which recommendations: staff see every one, drafts included; anyone else,
signed in or not, sees the published ones and their assessments only. A draft is a
``NotFound`` to them, never a refusal that would tell them it exists."""

from typing import Any

from sqlmodel import Session

from eom.accounts.access import is_staff
from eom.accounts.models import User
from eom.core.errors import NotFound
from recommendations import service
from recommendations.models import Recommendation
from recommendations.service import Filters


def filters_for(user: User | None, **values: Any) -> Filters:
    """Filters as the caller may use them: anyone but staff sees published ones only."""
    return Filters(**values, published_only=not is_staff(user))


def visible_recommendation(
    session: Session, recommendation_id: int, user: User | None, *, for_update: bool = False
) -> Recommendation:
    """The recommendation if the caller may see it (staff: all; others: published ones)."""
    found = service.get_recommendation(session, recommendation_id, for_update=for_update)
    if found.published or is_staff(user):
        return found
    raise NotFound(
        "No recommendation with id {recommendation_id}.", recommendation_id=recommendation_id
    )
