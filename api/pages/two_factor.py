"""A person's two-factor sign-in, from their own account (``/account/two-factor``):
setting it up with an authenticator app (its key as a QR code and as text, confirmed by
a first code), the recovery codes shown once, and turning it off with the password and
a code. Any role has it; each person sees and changes only their own."""

from typing import Annotated

import segno
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from api.deps import DatabaseDep, HasherDep, SessionDep, SettingsDep
from api.pages.my_account import SignedInPage
from api.sign_in import turn_off_second_factor
from api.web import CsrfChecked, field_errors, flash, render
from eom.accounts import totp
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput
from eom.core.i18n import N_
from eom.core.settings import Settings

router = APIRouter(include_in_schema=False)


class EnrolForm(BaseModel):
    offer: str = Field(default="", max_length=500)
    code: str = Field(default="", max_length=40)


class TurnOffForm(BaseModel):
    password: str = Field(default="", max_length=1024)
    code: str = Field(default="", max_length=40)


def qr_svg(uri: str) -> str:
    """The setup address as an inline SVG QR code, for the app's camera."""
    return str(segno.make(uri, error="m").svg_inline(scale=4, border=2, omitsize=True))


def _grouped(secret: str) -> str:
    """A key as a person types it: groups of four."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@router.get("/account/two-factor", response_class=HTMLResponse)
def two_factor_page(
    request: Request, session: SessionDep, settings: SettingsDep, signed_in: SignedInPage
) -> HTMLResponse:
    """Set up two-factor sign-in with a new key, or, once set up, turn it off."""
    return _page(request, session, settings, signed_in[0])


@router.post("/account/two-factor", dependencies=[CsrfChecked])
def enrol(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: SignedInPage,
    form: Annotated[EnrolForm, Form()],
) -> Response:
    """Confirm the key with a first code: two-factor sign-in is on, and the recovery
    codes are shown, this once."""
    user = signed_in[0]
    key = settings.resolved_secret_key()
    try:
        codes = totp.enrol(session, user, form.offer, form.code, secret_key=key, now=utcnow())
    except (InvalidInput, Conflict) as error:
        errors = field_errors(request, error)
        return _page(request, session, settings, user, offer=form.offer, errors=errors)
    response = render(request, "my_recovery_codes.html", user, codes=codes)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/account/two-factor/disable", dependencies=[CsrfChecked])
def turn_off(
    request: Request,
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    hasher: HasherDep,
    signed_in: SignedInPage,
    form: Annotated[TurnOffForm, Form()],
) -> Response:
    """Turn two-factor sign-in off, with the password and a code."""
    user = signed_in[0]
    try:
        turn_off_second_factor(session, db, settings, hasher, user, form.password, form.code)
    except (InvalidInput, Conflict) as error:
        session.rollback()
        return _page(request, session, settings, user, errors=field_errors(request, error))
    response = RedirectResponse("/account", status_code=303)
    flash(request, response, N_("Two-factor sign-in is off."))
    return response


def _page(
    request: Request,
    session: Session,
    settings: Settings,
    user: User,
    *,
    offer: str | None = None,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    """The page as it stands: the turn-off form once set up, else the setup with the key
    of ``offer`` (a refused code keeps the key the app already has) or a new one."""
    status = 422 if errors else 200
    credential = totp.credential_of(session, user)
    context: dict[str, object] = {"credential": credential, "errors": errors or {}}
    if credential is not None:
        context["codes_left"] = totp.recovery_codes_left(session, credential)
    else:
        key, now = settings.resolved_secret_key(), utcnow()
        try:
            secret = totp.offered_secret(key, user, offer or "", now=now)
        except InvalidInput:
            secret, offer = totp.offer(key, user, now=now)
        uri = totp.provisioning_uri(secret, user)
        context |= {"offer": offer, "key": _grouped(secret), "uri": uri, "qr": qr_svg(uri)}
    response = render(request, "my_two_factor.html", user, status_code=status, **context)
    response.headers["Cache-Control"] = "no-store"
    return response
