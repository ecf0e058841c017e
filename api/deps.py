"""Dependencies shared by routes: the session, the caller, pagination and ETags."""

from collections.abc import AsyncIterator, Callable
from datetime import UTC
from typing import Annotated, Any, Generic, TypeVar

from argon2 import PasswordHasher
from fastapi import Depends, Form, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordBearer
from pydantic import AfterValidator, BaseModel
from sqlmodel import Session

from api.group_commit import GroupCommit
from eom.accounts import service as accounts
from eom.accounts.models import AccessToken, Role, User
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Forbidden, NotAuthenticated
from eom.core.inputs import MAX_ID, Instant
from eom.core.settings import Settings

T = TypeVar("T")

_READ_METHODS = {"GET", "HEAD", "OPTIONS"}


# Dependencies that do no I/O are ``async``: FastAPI runs them on the event loop instead
# of sending each to a worker thread.


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_settings_(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_group_commit(request: Request) -> GroupCommit:
    group_commit: GroupCommit = request.app.state.group_commit
    return group_commit


async def get_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.hasher
    return hasher


async def get_session(request: Request) -> AsyncIterator[Session]:
    """The request's one transaction: committed before the response, or rolled back.

    A request first waits, on the event loop, for a free database connection (a slot);
    only then does it take worker threads. Waiting in a thread instead would let
    requests that wait for a connection hold every worker thread while the request that
    has the connection needs one to go on: a deadlock under load.
    """
    db: Database = request.app.state.db
    write = request.method not in _READ_METHODS
    async with db.slot(write=write):
        session = db.session(write=write)
        try:
            yield session
        except BaseException:
            await run_in_threadpool(_end, session, commit=False)
            raise
        await run_in_threadpool(_end, session, commit=True)


async def in_session(db: Database, work: Callable[[Session], T], *, write: bool) -> T:
    """``work`` done in a transaction of its own, committed (or rolled back) before this
    returns, waiting for a slot as ``get_session`` does: for a route whose slow part must
    hold no transaction (a photo being re-encoded would hold SQLite's one writer)."""
    async with db.slot(write=write):
        return await run_in_threadpool(_in_scope, db, work, write)


def _in_scope(db: Database, work: Callable[[Session], T], write: bool) -> T:
    with db.session_scope(write=write) as session:
        return work(session)


def _end(session: Session, *, commit: bool) -> None:
    """Commit (or roll back) and close, in one trip to a worker thread."""
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_)]
HasherDep = Annotated[PasswordHasher, Depends(get_hasher)]
GroupCommitDep = Annotated[GroupCommit, Depends(get_group_commit)]
# scope="function": commit before the response is sent, so a failed commit is never a 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
# The same token where an anonymous caller is served too: its own name only so that
# api/openapi.py can declare those operations' token optional.
optional_bearer = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", auto_error=False, scheme_name="OptionalBearer"
)


def get_signed_in(
    session: SessionDep, token: Annotated[str | None, Depends(bearer)]
) -> tuple[User, AccessToken]:
    if not token:
        raise NotAuthenticated("Sign in to do this.")
    return accounts.user_for_token(session, token, now=utcnow())


SignedInDep = Annotated[tuple[User, AccessToken], Depends(get_signed_in)]


async def get_bearer_token(token: Annotated[str | None, Depends(bearer)]) -> str:
    """The caller's bearer token, not yet checked (for routes that check it themselves)."""
    if not token:
        raise NotAuthenticated("Sign in to do this.")
    return token


BearerToken = Annotated[str, Depends(get_bearer_token)]


def get_current_user(session: SessionDep, token: BearerToken) -> User:
    return accounts.signed_in_user(session, token, now=utcnow())


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_optional_user(
    session: SessionDep, token: Annotated[str | None, Depends(optional_bearer)]
) -> User | None:
    """The signed-in user, or None for an anonymous caller (a bad token is still a 401)."""
    if not token:
        return None
    return accounts.signed_in_user(session, token, now=utcnow())


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


class RoleCheck:
    """A dependency that lets through a signed-in user whose role is one of ``roles``."""

    def __init__(self, *roles: Role) -> None:
        self.roles = roles

    async def __call__(self, user: CurrentUser) -> User:
        if user.role not in self.roles:
            raise Forbidden("Your role may not do this.")
        return user


AdminUser = Annotated[User, Depends(RoleCheck(Role.admin))]
# DECO staff; administrators may do whatever staff may.
StaffUser = Annotated[User, Depends(RoleCheck(Role.staff, Role.admin))]


def actor(user: User) -> Actor:
    return accounts.actor_of(user)


# Record ids in paths: positive and within a 32-bit integer on every database (inputs.Id).
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]
# Record ids ticked in a form (checkboxes of one name), within the same bounds.
TickedIds = Annotated[list[Annotated[int, Form(ge=1, le=MAX_ID)]], Form()]


# Free text in a query string: no control characters (PostgreSQL refuses NUL outright).
SearchText = Annotated[
    str | None,
    Query(max_length=100, pattern=r"^[^\x00-\x1f]*$", description="part of a name or email"),
]


# ``updated_since`` of the lists a client syncs: an instant with its offset, refused (422)
# when naive, malformed or beyond the calendar in UTC.
UpdatedSince = Annotated[
    Annotated[Instant, AfterValidator(lambda instant: instant.astimezone(UTC))] | None,
    Query(
        description="only records whose updated_at is at or after this instant (ISO 8601 "
        "with its offset, such as 2026-12-08T09:30:00Z); send a few seconds before the "
        "newest updated_at you have read"
    ),
]


class Pagination(BaseModel):
    limit: int
    offset: int


async def get_pagination(
    limit: Annotated[int, Query(ge=1, le=500, description="at most 500")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> Pagination:
    return Pagination(limit=limit, offset=offset)


PaginationDep = Annotated[Pagination, Depends(get_pagination)]


class Page(BaseModel, Generic[T]):
    """One page of a list, and how many items the whole list has."""

    items: list[T]
    total: int


def etag(version: int) -> str:
    return f'"{version}"'


# The 201 of an operation that says where its new record is read (``created_at``).
CREATED: dict[int | str, dict[str, Any]] = {
    201: {
        "description": "Created",
        "headers": {
            "Location": {
                "description": "the path where the new record is read",
                "schema": {"type": "string"},
            }
        },
    }
}


def created_at(request: Request, response: Response, route: str, **params: object) -> None:
    """Say in ``Location`` where the record just made is read: the path of the route
    named ``route`` (its handler's name) with these parameters."""
    response.headers["Location"] = _path_template(request.app, route, *params).format(
        **{name: str(value) for name, value in params.items()}
    )


def _path_template(app: Any, route: str, *params: str) -> str:
    # ``app.url_path_for`` walks every route on each call (a tenth of a filing's time):
    # each route's path, its parameters left as ``{name}``, is asked once per app.
    known: dict[tuple[str, ...], str] | None = getattr(app.state, "path_templates", None)
    if known is None:
        known = app.state.path_templates = {}
    key = (route, *params)
    if key not in known:
        known[key] = str(app.url_path_for(route, **{name: f"{{{name}}}" for name in params}))
    return known[key]


async def expected_version(
    if_match: Annotated[
        str | None,
        Header(description="The ETag you read; a stale one is refused with 412"),
    ] = None,
) -> int | None:
    """The version named by ``If-Match``; an unrecognisable tag can match nothing (-1). A
    GET's tag is the version and a digest of the body (``"3.Zk1…"``, ``api/caching.py``):
    the version is what a change is checked against."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.strip().removeprefix("W/").strip('"').split(".", 1)[0]
    return int(tag) if tag.isdigit() and len(tag) < 12 else -1


ExpectedVersion = Annotated[int | None, Depends(expected_version)]
