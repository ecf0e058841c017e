"""The donor funding dashboard: the portfolio for staff, a donor's own contributions and
the missions it funded, the public totals for everyone; SVG charts, CSV and XLSX."""

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from api.deps import RecordId, SessionDep
from api.documents import PeriodEnd, PeriodStart, statement_file
from api.web import PageUser, render
from eom.accounts.access import is_staff
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.i18n import N_, translate
from eom.core.reference import country_name
from eom.funding import access, donors, movements
from eom.funding.dashboard import Dashboard, dashboard
from eom.funding.donors import all_donors
from eom.funding.models import CATEGORY_LABELS, DONOR_KIND_LABELS, MOVEMENT_LABELS
from eom.planning.missions import service as missions
from reports import charts
from reports import funding as tables

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dashboard_charts(
    board: Dashboard, language: str, donor_names: dict[str, str]
) -> dict[str, charts.Drawn]:
    """The dashboard's charts as SVG, labelled in the page's language (``donor_names``:
    each donor's name in it, by the name entered)."""
    drawn = {
        "missions": charts.for_screens(
            partial(charts.funding_by_mission_chart, board.missions, language)
        )
    }
    if board.viewer.staff:
        drawn["donors"] = charts.for_screens(
            partial(charts.committed_by_donor_chart, board.by_donor, language, donor_names)
        )
    if board.viewer.donor is not None:
        drawn["own"] = charts.for_screens(
            partial(charts.paid_by_mission_chart, board.funded, board.paid, language)
        )
    return drawn


LABELS: dict[str, Any] = {
    "country_name": country_name,
    "movement_labels": MOVEMENT_LABELS,
    "category_labels": CATEGORY_LABELS,
    "donor_kind_labels": DONOR_KIND_LABELS,
}


@router.get("/funding", response_class=HTMLResponse)
def funding_page(request: Request, session: SessionDep, user: PageUser) -> HTMLResponse:
    board = dashboard(session, user)
    every = all_donors(session)
    names = {d.name: d.name_in(request.state.language) for d in every.values()}
    return render(
        request,
        "funding.html",
        user,
        board=board,
        codes={f.mission_id: f.code for f in board.missions},
        # Received above committed in USD: rates rose between commitment and payment.
        over_committed={f.mission_id for f in board.missions if f.received > f.committed},
        charts=dashboard_charts(board, request.state.language, names),
        # Staff download any donor's statement from the table by donor (names are unique).
        donor_ids={d.name: d.id for d in every.values()} if board.viewer.staff else {},
        donor_names=names,
        **LABELS,
    )


@router.get("/donors/{donor_id}", response_class=HTMLResponse)
def donor_page(
    request: Request, donor_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    """A donor and every movement of its money: for staff, and for the donor's own account."""
    return donor_page_for(request, session, user, donor_id)


def donor_page_for(
    request: Request,
    session: Session,
    user: User | None,
    donor_id: int,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The donor's page; staff also see the accounts that speak for it and may link one
    (``errors`` for a refused link)."""
    donor = access.statement_donor(session, donor_id, user)
    found = movements.donor_movements(session, donor_id, start=None, end=utcnow().date())
    shown = movements.views_of(session, found)
    codes = missions.codes_of(session, {m.mission_id for m in shown})
    staff = is_staff(user)
    return render(
        request,
        "donor.html",
        user,
        status_code=status_code,
        donor=donor,
        contributions=shown,
        codes=codes,
        linked=[u for _, u in donors.accounts_of(session, donor)] if staff else [],
        linkable=donors.unlinked_accounts(session) if staff else [],
        errors=errors or {},
        is_staff=staff,
        **LABELS,
    )


@router.get("/donors/{donor_id}/statement.pdf")
def statement_page(
    request: Request,
    donor_id: RecordId,
    session: SessionDep,
    user: PageUser,
    start: PeriodStart = None,
    end: PeriodEnd = None,
) -> Response:
    """The donor's funding statement for a browser signed in by cookie, readable as in the
    API: staff for any donor, a donor account for its own."""
    donor = access.statement_donor(session, donor_id, user)
    return statement_file(session, donor, request.state.language, start, end)


@router.get("/funding/export.csv")
def export_csv(session: SessionDep, user: PageUser) -> Response:
    """The missions table of the dashboard, as the caller sees it."""
    board = dashboard(session, user)
    return Response(
        tables.to_csv(tables.missions_frame(board.missions)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="eom-funding.csv"'},
    )


@router.get("/funding/export.xlsx")
def export_xlsx(request: Request, session: SessionDep, user: PageUser) -> Response:
    """The dashboard as a workbook: missions, and the caller's own contributions or (for
    staff) the portfolio by donor and by year."""
    board = dashboard(session, user)
    language = request.state.language
    sheets = {translate(language, SHEET_MISSIONS): tables.missions_frame(board.missions)}
    if board.viewer.donor is not None:
        sheets[translate(language, SHEET_CONTRIBUTIONS)] = tables.contributions_frame(
            board.contributions
        )
    if board.viewer.staff:
        sheets[translate(language, SHEET_DONORS)] = tables.portfolio_frame(board.by_donor)
        sheets[translate(language, SHEET_YEARS)] = tables.portfolio_frame(board.by_year)
    return Response(
        tables.to_xlsx(sheets),
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="eom-funding.xlsx"'},
    )


SHEET_MISSIONS = N_("Missions")
SHEET_CONTRIBUTIONS = N_("Your contributions")
SHEET_DONORS = N_("By donor")
SHEET_YEARS = N_("By year")
