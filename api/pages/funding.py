"""The donor funding dashboard: the portfolio for staff, a donor's own contributions and
the missions it funded, the public totals for everyone; SVG charts, CSV and XLSX."""

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import RecordId, SessionDep
from api.pages.web import PageUser, render
from api.routes.reports import PeriodEnd, PeriodStart, statement_file
from eom.funding import access
from eom.funding.dashboard import Dashboard, dashboard
from eom.funding.donors import all_donors
from eom.funding.figures import MissionFunding
from eom.funding.models import CATEGORY_LABELS, MOVEMENT_LABELS
from eom.i18n import N_, translate
from eom.reference import country_name
from reports import funding as tables
from reports.charts import Bar, Series, bar_chart, stacked_bar_chart

router = APIRouter(include_in_schema=False)

CHART_WIDTH = 620
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A mission is flagged when less than half of its budget is committed.
UNDERFUNDED_SHARE = Decimal("0.5")


def money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def thousands(value: float) -> str:
    return f"{value:,.0f}"


def underfunded(found: MissionFunding) -> bool:
    return bool(found.budget) and found.committed < found.budget * UNDERFUNDED_SHARE


def charts(board: Dashboard, language: str) -> dict[str, str]:
    """The dashboard's charts as SVG, labelled in the page's language."""

    def _(message: str) -> str:
        return translate(language, message)

    shown = [f for f in board.missions if f.budget or f.committed][:20]
    drawn = {
        "missions": stacked_bar_chart(
            [f.code for f in shown],
            [
                Series(_("Received"), tuple(float(f.received) for f in shown)),
                Series(
                    _("Committed, not yet received"),
                    tuple(float(max(f.committed - f.received, Decimal(0))) for f in shown),
                ),
                Series(_("Funding gap"), tuple(float(max(f.gap, Decimal(0))) for f in shown)),
            ],
            title=_("Funding by mission (USD)"),
            width=CHART_WIDTH,
            value_format=thousands,
            empty_text=_("No funding recorded yet"),
        )
    }
    if board.viewer.staff:
        drawn["donors"] = bar_chart(
            [Bar(r.key, float(r.committed)) for r in board.by_donor[:12]],
            title=_("Committed by donor (USD)"),
            width=CHART_WIDTH,
            value_format=thousands,
            empty_text=_("No funding recorded yet"),
        )
    if board.viewer.donor is not None:
        drawn["own"] = bar_chart(
            [Bar(f.code, float(board.paid.get(f.mission_id, 0))) for f in board.funded],
            title=_("What you paid, by mission (USD)"),
            width=CHART_WIDTH,
            value_format=thousands,
            empty_text=_("No contributions yet"),
        )
    return drawn


LABELS: dict[str, Any] = {
    "money": money,
    "country_name": country_name,
    "movement_labels": MOVEMENT_LABELS,
    "category_labels": CATEGORY_LABELS,
    "underfunded": underfunded,
}


@router.get("/funding", response_class=HTMLResponse)
def funding_page(request: Request, session: SessionDep, user: PageUser) -> HTMLResponse:
    board = dashboard(session, user)
    return render(
        request,
        "funding.html",
        user,
        board=board,
        codes={f.mission_id: f.code for f in board.missions},
        charts=charts(board, request.state.language),
        # Staff download any donor's statement from the table by donor (names are unique).
        donor_ids={d.name: d.id for d in all_donors(session).values()}
        if board.viewer.staff
        else {},
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
