"""The audit log, read by administrators: ``/api/v1/audit``."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, Page, PaginationDep, SessionDep
from api.errors import problem_responses
from eom.audit import service as audit
from eom.audit.models import AuditEntryPublic
from eom.core.inputs import Day

router = APIRouter(prefix="/audit", tags=["audit"], responses=problem_responses(401, 403))


@router.get("", response_model=Page[AuditEntryPublic])
def list_audit_entries(
    session: SessionDep,
    _: AdminUser,
    page: PaginationDep,
    entity_type: Annotated[str | None, Query(max_length=60, pattern=r"^[a-z_]+$")] = None,
    entity_id: Annotated[
        str | None, Query(max_length=60, pattern=r"^[^\x00-\x1f]*$", description="with the type")
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=r"^[^\x00-\x1f]*$",
            description="part of who made the change (an email, or seed)",
        ),
    ] = None,
    since: Annotated[Day | None, Query(alias="from", description="first day (UTC)")] = None,
    until: Annotated[Day | None, Query(alias="to", description="last day (UTC)")] = None,
) -> Page[AuditEntryPublic]:
    """Audit entries, newest first, optionally of one kind of record (and one record), by
    one actor, made on the days from ``from`` to ``to`` inclusive."""
    filters = audit.AuditFilters(
        actor=actor, entity_type=entity_type, entity_id=entity_id, since=since, until=until
    )
    items, total = audit.list_entries(
        session, limit=page.limit, offset=page.offset, filters=filters
    )
    return Page[AuditEntryPublic](
        items=[AuditEntryPublic.model_validate(e) for e in items], total=total
    )
