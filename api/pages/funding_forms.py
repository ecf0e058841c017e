"""Staff forms for funding: donors recorded, corrected and linked to their accounts; a
mission's budget revised line by line; pledges, commitments, receipts and expenditure
recorded and reversed; exchange rates entered by hand or uploaded from CSV. Each form
calls the service function its API route calls; a refusal shows the form again with the
reader's input and the reason beside the field."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.deps import RecordId, SessionDep, actor
from api.pages.funding import LABELS, donor_page_for
from api.web import CsrfChecked, PageStaff, error_in_words, field_errors, flash, render
from eom.accounts import service as accounts
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.csvimport import MAX_FILE_BYTES, read_file
from eom.core.errors import DomainError, InvalidInput, StaleVersion
from eom.core.i18n import N_
from eom.core.inputs import MAX_ID
from eom.core.reference import THEME_LABELS, Theme, country_codes
from eom.funding import budgets, donors, figures, movements, rates
from eom.funding.models import (
    BudgetCategory,
    BudgetIn,
    Donor,
    DonorCreate,
    DonorKind,
    ExchangeRateCreate,
    MovementCreate,
    MovementKind,
    ReversalIn,
)
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission

router = APIRouter(include_in_schema=False)
RATES_PAGE_SIZE = 50


def _text(limit: int) -> Any:
    return Field(default="", max_length=limit)


class DonorForm(BaseModel):
    """The donor form as the browser sends it: text, empty for "none"; a ticked box."""

    name: str = _text(200)
    kind: str = _text(40)
    country: str = _text(2)
    iati_ref: str = _text(100)
    contact_name: str = _text(200)
    contact_email: str = _text(320)
    amounts_public: bool = False

    def filled(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: value.strip()
            for name, value in self.model_dump(exclude={"amounts_public"}).items()
            if value.strip()
        }
        return {**values, "amounts_public": self.amounts_public}


class MovementForm(BaseModel):
    kind: str = _text(20)
    on: str = _text(20)
    amount: str = _text(30)
    currency: str = _text(3)
    donor_id: str = _text(12)
    budget_category: str = _text(40)
    earmark_theme: str = _text(60)
    description: str = _text(500)
    allow_over_commitment: bool = False
    over_commitment_reason: str = _text(500)

    def filled(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: value.strip()
            for name, value in self.model_dump(exclude={"allow_over_commitment"}).items()
            if value.strip()
        }
        return {**values, "allow_over_commitment": self.allow_over_commitment}


class RateForm(BaseModel):
    currency: str = _text(3)
    on: str = _text(20)
    usd_per_unit: str = _text(30)

    def filled(self) -> dict[str, str]:
        return {
            k: v.strip().upper() if k == "currency" else v.strip()
            for k, v in self.model_dump().items()
            if v.strip()
        }


def donor_values(donor: Donor) -> dict[str, Any]:
    """A stored donor as its form shows it."""
    values = donor.model_dump(include=set(DonorForm.model_fields))
    return {k: ("" if v is None else v) for k, v in values.items()}


# Donors ---------------------------------------------------------------------------------


def _donor_form(
    request: Request,
    user: User,
    *,
    donor: Donor | None,
    kept: dict[str, Any],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "donor_form.html",
        user,
        status_code=status_code,
        donor=donor,
        kept=kept,
        errors=errors or {},
        kinds=list(DonorKind),
        countries=sorted(
            country_codes(), key=lambda c: LABELS["country_name"](c, request.state.language)
        ),
        **LABELS,
    )


@router.get("/donors/new", response_class=HTMLResponse)
def new_donor_page(request: Request, user: PageStaff) -> HTMLResponse:
    return _donor_form(request, user, donor=None, kept={"kind": DonorKind.member_state.value})


@router.post("/donors/new", dependencies=[CsrfChecked])
def create_donor(
    request: Request,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[DonorForm, Form()],
) -> Response:
    """Record a donor, as ``POST /api/v1/donors`` does."""
    try:
        made = donors.create_donor(
            session, DonorCreate.model_validate(form.filled()), actor=actor(user)
        )
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "name"})
        return _donor_form(
            request, user, donor=None, kept=form.filled(), errors=errors, status_code=422
        )
    response = RedirectResponse(f"/donors/{made.id}", status_code=303)
    flash(request, response, N_("Donor {name} recorded."), name=made.name)
    return response


@router.get("/donors/{donor_id}/edit", response_class=HTMLResponse)
def edit_donor_page(
    request: Request, donor_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    donor = donors.get_donor(session, donor_id)
    return _donor_form(request, user, donor=donor, kept=donor_values(donor))


@router.post("/donors/{donor_id}/edit", dependencies=[CsrfChecked])
def edit_donor(
    request: Request,
    donor_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[DonorForm, Form()],
) -> Response:
    """Correct the donor's record, as ``PUT /api/v1/donors/{id}`` does."""
    donor = donors.get_donor(session, donor_id)
    try:
        data = DonorCreate.model_validate(form.filled())
        donors.update_donor(session, donor, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "name"})
        donor = donors.get_donor(session, donor_id)
        return _donor_form(
            request, user, donor=donor, kept=form.filled(), errors=errors, status_code=422
        )
    response = RedirectResponse(f"/donors/{donor_id}", status_code=303)
    flash(request, response, N_("Saved."))
    return response


@router.post("/donors/{donor_id}/accounts", dependencies=[CsrfChecked])
def link_account(
    request: Request,
    donor_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    account: Annotated[int, Form(ge=0, le=MAX_ID)] = 0,
) -> Response:
    """Let a donor account speak for this donor, as ``POST /api/v1/donors/{id}/accounts``."""
    donor = donors.get_donor(session, donor_id)
    try:
        if not account:
            raise InvalidInput("Choose the account to link.")
        linked = accounts.get_user(session, account)
        donors.link_account(session, donor, linked, actor=actor(user))
    except DomainError as error:
        session.rollback()
        errors = field_errors(request, error, {"": "account"})
        return donor_page_for(request, session, user, donor_id, errors=errors, status_code=422)
    response = RedirectResponse(f"/donors/{donor_id}#accounts", status_code=303)
    flash(
        request, response, N_("{email} now speaks for {name}."), email=linked.email, name=donor.name
    )
    return response


# A mission's budget and money -----------------------------------------------------------


def _mission_funding(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    status_code: int = 200,
    budget_kept: dict[str, str] | None = None,
    budget_errors: dict[str, str] | None = None,
    movement_kept: dict[str, Any] | None = None,
    movement_errors: dict[str, str] | None = None,
    reversal: dict[str, Any] | None = None,
    stale: bool = False,
) -> HTMLResponse:
    budget = budgets.budget_of(session, mission)
    current = {
        line.category.value: str(line.amount_usd)
        for line in (budget.current.lines if budget.current else [])
    }
    found, _ = movements.list_movements(session, limit=1000, offset=0, mission_id=mission.id)
    return render(
        request,
        "mission_funding.html",
        user,
        status_code=status_code,
        mission=mission,
        figures=figures.mission_figures(session, mission),
        budget=budget,
        budget_kept=budget_kept if budget_kept is not None else current,
        budget_errors=budget_errors or {},
        stale=stale,
        movements=movements.views_of(session, found),
        movement_kept=movement_kept or {"on": utcnow().date().isoformat(), "currency": "USD"},
        movement_errors=movement_errors or {},
        reversal=reversal or {},
        categories=list(BudgetCategory),
        kinds=list(MovementKind),
        themes=list(Theme),
        theme_labels=THEME_LABELS,
        donors=donors.all_donors(session).values(),
        currencies=rates.currencies(session),
        today=utcnow().date().isoformat(),
        **LABELS,
    )


@router.get("/missions/{mission_id}/funding", response_class=HTMLResponse)
def mission_funding_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    """The mission's budget with its revisions, and every movement of its money."""
    return _mission_funding(request, session, user, missions.get_mission(session, mission_id))


@router.post("/missions/{mission_id}/budget", dependencies=[CsrfChecked])
async def revise_budget(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageStaff
) -> Response:
    """Store the budget as its next revision, as ``PUT /api/v1/missions/{id}/budget``
    does: one amount per line (an empty line is not in the budget), and a note."""
    form = await request.form()
    kept = {c.value: str(form.get(f"line_{c.value}", "")).strip()[:30] for c in BudgetCategory}
    note = str(form.get("note", "")).strip()[:500]
    revision = str(form.get("revision", "")).strip()
    return await run_in_threadpool(
        _revise_budget, request, session, user, mission_id, kept, note, revision
    )


def _revise_budget(
    request: Request,
    session: Session,
    user: User,
    mission_id: int,
    kept: dict[str, str],
    note: str,
    revision: str,
) -> Response:
    mission = missions.get_mission(session, mission_id, for_update=True)
    lines = [{"category": c, "amount_usd": a} for c, a in kept.items() if a]
    try:
        data = BudgetIn.model_validate({"lines": lines, "note": note or None})
        expected = int(revision) if revision.isdigit() else None
        budgets.revise_budget(session, mission, data, actor=actor(user), expected_revision=expected)
    except (ValidationError, DomainError) as error:
        session.rollback()
        mission = missions.get_mission(session, mission_id)
        if isinstance(error, StaleVersion):
            return _mission_funding(request, session, user, mission, status_code=409, stale=True)
        errors = _budget_errors(request, error, lines)
        return _mission_funding(
            request,
            session,
            user,
            mission,
            status_code=422,
            budget_kept={**kept, "note": note},
            budget_errors=errors,
        )
    response = RedirectResponse(f"/missions/{mission_id}/funding#budget", status_code=303)
    number = budgets.current_number(session, mission)
    flash(request, response, N_("Budget revision {number} saved."), number=number)
    return response


def _budget_errors(
    request: Request, error: Exception, lines: list[dict[str, str]]
) -> dict[str, str]:
    """A refused budget's messages by field: ``lines.2.amount_usd`` is the third line
    filled in, so its message goes beside that line's amount."""
    if not isinstance(error, ValidationError):
        return field_errors(request, error, {"": "lines"})
    found: dict[str, str] = {}
    for one in error.errors():
        loc = one["loc"]
        if len(loc) >= 2 and loc[0] == "lines" and isinstance(loc[1], int):
            field = f"line_{lines[loc[1]]['category']}"
            found.setdefault(field, _one_message(request, one))
        else:
            found.setdefault(str(loc[0]) if loc else "lines", _one_message(request, one))
    if not lines:
        found = {"lines": found.get("lines", "")}
    return found


def _one_message(request: Request, one: Any) -> str:
    return error_in_words(request.state.language, one)


@router.post("/missions/{mission_id}/movements", dependencies=[CsrfChecked])
def record_movement(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[MovementForm, Form()],
) -> Response:
    """Record a pledge, commitment, receipt or expenditure, as
    ``POST /api/v1/funding/transactions`` does."""
    missions.get_mission(session, mission_id)  # an unknown mission is a 404, not a refusal
    kept = form.filled()
    try:
        data = MovementCreate.model_validate({**kept, "mission_id": mission_id})
        made = movements.record_movement(session, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "amount"})
        mission = missions.get_mission(session, mission_id)
        return _mission_funding(
            request,
            session,
            user,
            mission,
            status_code=422,
            movement_kept=kept,
            movement_errors=errors,
        )
    response = RedirectResponse(f"/missions/{mission_id}/funding#movements", status_code=303)
    flash(
        request,
        response,
        N_("Entry {id} recorded: {amount} {currency}."),
        id=made.id,
        amount=f"{made.amount:,.2f}",
        currency=made.currency,
    )
    return response


@router.post("/movements/{movement_id}/reverse", dependencies=[CsrfChecked])
def reverse_movement(
    request: Request,
    movement_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    on: Annotated[str, Form(max_length=20)] = "",
    description: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Reverse an entry, as ``POST /api/v1/funding/transactions/{id}/reversal`` does."""
    movement = movements.get_movement(session, movement_id)
    mission_id = movement.mission_id
    kept = {"on": on.strip(), "description": description.strip()}
    try:
        data = ReversalIn.model_validate({k: v for k, v in kept.items() if v})
        made = movements.reverse_movement(session, movement, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "on"})
        mission = missions.get_mission(session, mission_id)
        reversal = {"id": movement_id, "kept": kept, "errors": errors}
        return _mission_funding(request, session, user, mission, status_code=422, reversal=reversal)
    response = RedirectResponse(f"/missions/{mission_id}/funding#movements", status_code=303)
    flash(request, response, N_("Entry {id} reversed by entry {by}."), id=movement_id, by=made.id)
    return response


# Exchange rates -------------------------------------------------------------------------


def _rates_page(
    request: Request,
    session: Session,
    user: User,
    *,
    currency: str = "",
    page: int = 1,
    kept: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    found, total = rates.list_rates(
        session,
        limit=RATES_PAGE_SIZE,
        offset=(page - 1) * RATES_PAGE_SIZE,
        currency=currency or None,
    )
    return render(
        request,
        "rates.html",
        user,
        status_code=status_code,
        rates=found,
        total=total,
        page=page,
        pages=max(1, -(-total // RATES_PAGE_SIZE)),
        filters={"currency": currency},
        currencies=[c for c in rates.currencies(session) if c != "USD"],
        kept=kept or {"on": utcnow().date().isoformat()},
        errors=errors or {},
        **extra,
        **LABELS,
    )


@router.get("/funding/rates", response_class=HTMLResponse)
def rates_page(
    request: Request,
    session: SessionDep,
    user: PageStaff,
    currency: Annotated[str, Query(pattern=r"^([A-Za-z]{3})?$")] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """The recorded exchange rates, newest first, with the forms that add to them."""
    return _rates_page(request, session, user, currency=currency.upper(), page=page)


@router.post("/funding/rates", dependencies=[CsrfChecked])
def record_rate(
    request: Request,
    session: SessionDep,
    user: PageStaff,
    form: Annotated[RateForm, Form()],
) -> Response:
    """Record one rate, as ``POST /api/v1/funding/exchange-rates`` does."""
    kept = form.filled()
    try:
        made = rates.record_rate(
            session, ExchangeRateCreate.model_validate(kept), actor=actor(user)
        )
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "usd_per_unit"})
        return _rates_page(request, session, user, kept=kept, errors=errors, status_code=422)
    response = RedirectResponse("/funding/rates", status_code=303)
    flash(
        request,
        response,
        N_("Rate recorded: 1 {currency} = {rate} USD on {on}."),
        currency=made.currency,
        rate=str(made.usd_per_unit),
        on=made.on.isoformat(),
    )
    return response


@router.post("/funding/rates/import", dependencies=[CsrfChecked])
async def import_rates(
    request: Request,
    session: SessionDep,
    user: PageStaff,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Upload rates as ``POST /api/v1/funding/exchange-rates/import`` does: every row or
    none; a refused file is reported row by row."""
    data = await file.read(MAX_FILE_BYTES + 1)
    return await run_in_threadpool(_import_rates, request, session, user, data)


def _import_rates(request: Request, session: Session, user: User, data: bytes) -> Response:
    try:
        report = rates.import_rates(session, read_file(data), actor=actor(user))
    except DomainError as refused:
        session.rollback()
        found = getattr(refused, "errors", [])
        rows = [e for e in found if e.get("loc", [""])[0] == "row"]
        return _rates_page(request, session, user, status_code=422, refused=refused, rows=rows)
    response = RedirectResponse("/funding/rates", status_code=303)
    flash(
        request,
        response,
        N_("Rates imported: {created} new."),
        created=report.created,
    )
    return response
