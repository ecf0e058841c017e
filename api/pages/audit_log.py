"""The audit log, read by administrators (``/admin/audit``): the entries newest first with
the filters of ``GET /api/v1/audit``, each with the fields it changed, under the result of
verifying every hash chain against the signed checkpoints."""

import json
import time
from datetime import date
from typing import Annotated, Any

from babel.numbers import format_decimal
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from api.deps import SessionDep, SettingsDep
from api.web import PageAdmin, render
from eom.audit import checkpoints
from eom.audit import service as audit
from eom.core.i18n import N_, translate
from reports.formatting import number_text

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
# More problems than this are counted, not listed: a broken chain is named by its first.
PROBLEMS_SHOWN = 20


def shown(value: Any) -> str:
    """A field's value as the log page writes it: text as it is, anything else as JSON,
    nothing for a field the record did not have."""
    if value is audit.ABSENT:
        return ""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def breakable(name: str) -> Markup:
    """A field's name that a narrow screen may break after each underscore."""
    return Markup("_<wbr>").join(escape(part) for part in name.split("_"))


def _day(language: str, text: str, errors: dict[str, str], name: str) -> date | None:
    """A day typed in a filter, or None; a day not written as YYYY-MM-DD is said so."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors[name] = translate(language, N_("Write a date as YYYY-MM-DD."))
        return None


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: PageAdmin,
    # A filter form sends empty fields for "any": they are accepted and mean no filter.
    actor: Annotated[str, Query(max_length=100, pattern=r"^[^\x00-\x1f]*$")] = "",
    entity_type: Annotated[str, Query(max_length=60, pattern=r"^[a-z_]*$")] = "",
    entity_id: Annotated[str, Query(max_length=60, pattern=r"^[^\x00-\x1f]*$")] = "",
    since: Annotated[str, Query(alias="from", max_length=20)] = "",
    until: Annotated[str, Query(alias="to", max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    language: str = request.state.language
    errors: dict[str, str] = {}
    first, last = _day(language, since, errors, "from"), _day(language, until, errors, "to")
    if first and last and first > last:
        errors["to"] = translate(language, N_("The last day cannot come before the first."))
    filters = audit.AuditFilters(
        actor=actor or None,
        entity_type=entity_type or None,
        entity_id=entity_id or None,
        since=first,
        until=last,
    )
    entries, total = audit.list_entries(
        session, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, filters=filters
    )
    started = time.perf_counter()
    verified = checkpoints.verify(session, checkpoints.Anchoring.of(settings))
    problems = verified.problems
    return render(
        request,
        "audit.html",
        user,
        status_code=422 if errors else 200,
        entries=[(entry, audit.changed_fields(entry)) for entry in entries],
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        checked=number_text(verified.checked, language),
        checkpoints=number_text(len(verified.checkpoints), language),
        latest=verified.latest,
        problems=problems[:PROBLEMS_SHOWN],
        more_problems=max(0, len(problems) - PROBLEMS_SHOWN),
        seconds=format_decimal(time.perf_counter() - started, format="#,##0.00", locale=language),
        entity_types=audit.entity_types(session),
        filters={
            "actor": actor,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "from": since,
            "to": until,
        },
        errors=errors,
        shown=shown,
        breakable=breakable,
    )
