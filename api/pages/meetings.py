"""A mission's meetings with interlocutors, for DECO staff: the latest held first, narrowed
by theme and kind of institution with a GET form (so it works without JavaScript), each
with who filed it."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import RecordId, SessionDep
from api.pages.board import ThemeChoice
from api.pages.missions import LABELS, PAGE_SIZE
from api.web import PageStaff, render
from eom.core.reference import Theme
from eom.field import meetings
from eom.field.models import INSTITUTION_TYPE_LABELS, InstitutionType
from eom.planning.members import service as members
from eom.planning.missions import service as missions

router = APIRouter(include_in_schema=False)
InstitutionChoice = Annotated[str, Query(pattern="^(" + "|".join(InstitutionType) + ")?$")]


@router.get("/missions/{mission_id}/meetings", response_class=HTMLResponse)
def meetings_page(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    # A filter form sends empty fields for "any": they mean no filter.
    theme: ThemeChoice = "",
    institution_type: InstitutionChoice = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    mission = missions.get_mission(session, mission_id)
    found, total = meetings.list_meetings(
        session,
        mission,
        member=None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        theme=Theme(theme) if theme else None,
        institution_type=InstitutionType(institution_type) if institution_type else None,
    )
    return render(
        request,
        "meetings.html",
        user,
        mission=mission,
        meetings=found,
        total=total,
        names=members.names_of(session, {m.member_id for m in found}),
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        filters={"theme": theme, "institution_type": institution_type},
        institution_labels=INSTITUTION_TYPE_LABELS,
        **LABELS,
    )
