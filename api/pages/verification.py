"""Verifying an incident with a note, from the board or from the page of a region, a
station or a member: the form names the page it was sent from (``next``), and the reader
comes back to it; a refused note is shown again beside its field on that same page."""

import re
from collections.abc import Callable
from typing import Annotated
from urllib.parse import parse_qs, unquote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages import filings
from api.pages.board import BoardFilters, board_filters, board_page
from api.pages.missions import sign_in_first
from api.web import CsrfChecked, PageUser, field_errors, flash
from eom.accounts.access import require_staff
from eom.accounts.models import User
from eom.core.errors import DomainError
from eom.core.i18n import N_
from eom.field import incidents, stations
from eom.field.models import IncidentVerify, Verification
from eom.planning.members import service as members
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission

router = APIRouter(include_in_schema=False)
Shown = Callable[[dict[str, str], dict[str, str]], Response]  # the page again, refused
DONE = {
    Verification.confirmed: N_("Incident {id} confirmed."),
    Verification.rejected: N_("Incident {id} rejected."),
}


def _filters(query: str) -> BoardFilters:
    """The board's filters in a query string; a value the board does not offer is left out."""
    values = {k: v[0] for k, v in parse_qs(query).items()}
    phase = values.get("phase", "")
    try:
        return board_filters(phase, values.get("region", "")[:200])
    except ValueError:
        return board_filters("", values.get("region", "")[:200])


def _page(number: str) -> int:
    return min(int(number), 100_000) if number.isdigit() and int(number) >= 1 else 1


def _coming_from(
    request: Request, session: Session, user: User, mission: Mission, sent_from: str
) -> tuple[str, bool, Shown]:
    """The page the form was sent from, if it is one of this mission's pages that show
    incidents (anything else is the board): its address, where the reader lands on it,
    and how to show it again with a refusal; whether it is the board, where a verified
    incident leaves the list."""
    mission_id = mission.id or 0
    path, _, query = sent_from.partition("?")
    base = f"/missions/{mission_id}"
    page = _page((parse_qs(query).get("page") or ["1"])[0])
    if found := re.fullmatch(re.escape(base) + r"/board/regions/(.+)", path):
        chosen = BoardFilters(_filters(query).phase, unquote(found[1])[:200])
        return (
            sent_from,
            False,
            lambda e, k: filings.region_page_for(
                request, session, user, mission, chosen, page, errors=e, kept=k, status_code=422
            ),
        )
    if found := re.fullmatch(re.escape(base) + r"/stations/(\d+)/filings", path):
        station = stations.get_station(session, mission, int(found[1]))
        return (
            sent_from,
            False,
            lambda e, k: filings.station_page_for(
                request, session, user, mission, station, page, errors=e, kept=k, status_code=422
            ),
        )
    if found := re.fullmatch(re.escape(base) + r"/members/(\d+)/filings", path):
        member = members.get_member(session, mission, int(found[1]))
        return (
            sent_from,
            False,
            lambda e, k: filings.member_page_for(
                request, session, user, mission, member, page, errors=e, kept=k, status_code=422
            ),
        )
    chosen = _filters(query) if path == f"{base}/board" else BoardFilters()
    query = chosen.query()
    return (
        f"{base}/board" + (f"?{query}" if query else ""),
        True,
        lambda e, k: board_page(
            request, session, user, mission, chosen, errors=e, kept=k, status_code=422
        ),
    )


@router.post("/missions/{mission_id}/incidents/{incident_id}/verify", dependencies=[CsrfChecked])
def verify_incident(
    request: Request,
    mission_id: RecordId,
    incident_id: RecordId,
    session: SessionDep,
    user: PageUser,
    verification: Annotated[Verification, Form()],
    note: Annotated[str, Form(max_length=5000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Confirm or reject an incident; a refused note is shown again beside its field."""
    if user is None:
        return sign_in_first(request)
    require_staff(user)
    mission = missions.get_mission(session, mission_id)
    incident = incidents.get_incident(session, mission, incident_id)
    back, on_board, shown_again = _coming_from(request, session, user, mission, next)
    field = f"note-{incident_id}"
    try:
        data = IncidentVerify(verification=verification, note=note)
        incidents.verify(session, incident, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        refused = field_errors(request, error, {"note": field, "": field})
        return shown_again(refused, {field: note})
    where = "#incidents" if on_board else f"#incident-{incident_id}"
    response = RedirectResponse(back + where, status_code=303)
    flash(request, response, DONE.get(verification, N_("Saved.")), id=incident_id)
    return response
