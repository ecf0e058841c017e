"""Accounts, managed by administrators: ``/api/v1/users``."""

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response

from api.deps import (
    CREATED,
    AdminUser,
    ExpectedVersion,
    HasherDep,
    Page,
    PaginationDep,
    RecordId,
    SessionDep,
    SettingsDep,
    actor,
    created_at,
    etag,
)
from api.errors import language_of, problem_responses
from api.sign_in import check_email_configured, email_reset_link
from eom.accounts import resets, totp
from eom.accounts import service as accounts
from eom.accounts.models import (
    PasswordResetLink,
    Role,
    SignedOut,
    User,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from eom.core.clock import utcnow

router = APIRouter(prefix="/users", tags=["users"], responses=problem_responses(401, 403))


@router.get("", response_model=Page[UserPublic])
def list_users(
    session: SessionDep,
    _: AdminUser,
    page: PaginationDep,
    role: Annotated[Role | None, Query(description="accounts of this role only")] = None,
    active: Annotated[bool | None, Query(description="active (true) or not (false)")] = None,
) -> Page[UserPublic]:
    """Every account, ordered by email; optionally of one role, active or not."""
    items, total = accounts.list_users(
        session, limit=page.limit, offset=page.offset, role=role, is_active=active
    )
    return Page[UserPublic](items=[UserPublic.model_validate(u) for u in items], total=total)


@router.post(
    "",
    response_model=UserPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(409)},
)
def create_user(
    data: UserCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    admin: AdminUser,
    hasher: HasherDep,
) -> User:
    """A new account with the given role."""
    user = accounts.create_user(session, data, actor=actor(admin), hasher=hasher)
    response.headers["ETag"] = etag(user.version)
    created_at(request, response, "read_user", user_id=user.id)
    return user


@router.get("/{user_id}", response_model=UserPublic, responses=problem_responses(404))
def read_user(user_id: RecordId, response: Response, session: SessionDep, _: AdminUser) -> User:
    user = accounts.get_user(session, user_id)
    response.headers["ETag"] = etag(user.version)
    return user


@router.patch("/{user_id}", response_model=UserPublic, responses=problem_responses(404, 412))
def update_user(
    user_id: RecordId,
    changes: UserUpdate,
    response: Response,
    session: SessionDep,
    admin: AdminUser,
    hasher: HasherDep,
    version: ExpectedVersion,
) -> User:
    """Change name, role, active flag or password; send ``If-Match`` to avoid lost updates.
    An administrator may not deactivate or demote their own account (403)."""
    user = accounts.update_user(
        session,
        accounts.get_user(session, user_id, for_update=True),
        changes,
        actor=actor(admin),
        hasher=hasher,
        expected_version=version,
    )
    response.headers["ETag"] = etag(user.version)
    return user


@router.post(
    "/{user_id}/password-reset",
    response_model=PasswordResetLink,
    status_code=201,
    responses=problem_responses(404, 409),
)
def create_password_reset(
    user_id: RecordId,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    background: BackgroundTasks,
    admin: AdminUser,
    send: Annotated[
        bool,
        Query(description="also email the link to the account's address (409 without EOM_SMTP_*)"),
    ] = False,
) -> PasswordResetLink:
    """A one-time link that sets the account's password, working for 24 hours; a newer
    link replaces it. It is shown only here: pass it on to the person, or ask for it to
    be emailed to them (``send=true``)."""
    if send:
        check_email_configured(settings)
    user = accounts.get_user(session, user_id)
    plain, link = resets.create_reset_link(session, user, actor=actor(admin), now=utcnow())
    if send:
        email_reset_link(background, settings, language_of(request), user, plain, link)
    url = str(request.url_for("password_reset_page", token=plain))
    return PasswordResetLink(user_id=user_id, url=url, expires_at=link.expires_at, emailed=send)


@router.post("/{user_id}/sign-out", response_model=SignedOut, responses=problem_responses(404))
def sign_out_everywhere(user_id: RecordId, session: SessionDep, admin: AdminUser) -> SignedOut:
    """Revoke every session of the account (API, pages and devices), as when a phone is
    lost: the person signs in again with their password. The account stays active."""
    user = accounts.get_user(session, user_id, for_update=True)
    revoked = accounts.sign_out_everywhere(session, user, actor=actor(admin))
    return SignedOut(user_id=user_id, revoked=revoked)


@router.delete("/{user_id}/totp", status_code=204, responses=problem_responses(404, 409))
def remove_two_factor(user_id: RecordId, session: SessionDep, admin: AdminUser) -> Response:
    """Remove the account's two-factor sign-in, for a person who lost both their phone and
    their recovery codes: their password alone signs them in until they set it up again.
    409 when the account has none."""
    user = accounts.get_user(session, user_id, for_update=True)
    totp.remove(session, user, actor=actor(admin))
    return Response(status_code=204)
