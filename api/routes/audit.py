"""The audit log, read by administrators: ``/api/v1/audit``."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, Page, PaginationDep, SessionDep
from api.errors import problem_responses
from eom.audit import service as audit
from eom.audit.models import AuditEntryPublic

router = APIRouter(prefix="/audit", tags=["audit"], responses=problem_responses(401, 403))


@router.get("", response_model=Page[AuditEntryPublic])
def list_audit_entries(
    session: SessionDep,
    _: AdminUser,
    page: PaginationDep,
    entity_type: Annotated[str | None, Query(max_length=60, pattern=r"^[a-z_]+$")] = None,
) -> Page[AuditEntryPublic]:
    """Audit entries, newest first, optionally of one entity type."""
    items, total = audit.list_entries(
        session, limit=page.limit, offset=page.offset, entity_type=entity_type
    )
    return Page[AuditEntryPublic](
        items=[AuditEntryPublic.model_validate(e) for e in items], total=total
    )
