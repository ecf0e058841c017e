"""What happens to accounts: creating and changing users, signing in and out."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher, Type
from sqlmodel import Session, col, func, select

from eom.accounts.models import (
    AccessToken,
    ActorPublic,
    LoginThrottle,
    Role,
    TokenKind,
    TotpCredential,
    User,
    UserCreate,
    UserUpdate,
)
from eom.audit import service as audit
from eom.audit.service import SYSTEM, Actor
from eom.core.clock import utcnow
from eom.core.db import dialect_insert
from eom.core.errors import (
    Conflict,
    Forbidden,
    InvalidCredentials,
    NotAuthenticated,
    NotFound,
    TooManyAttempts,
)
from eom.core.security import hash_token, new_token, verify_password

CHAIN = "accounts"


def dummy_hash(hasher: PasswordHasher) -> str:
    """A hash verified when the email is unknown, made at the hasher's own cost, so that a
    miss costs as much time as a hit whatever cost is configured (a fixed hash at the
    default cost would answer an unknown email faster once the cost is raised: a way to
    tell which emails have accounts)."""
    cost = (hasher.time_cost, hasher.memory_cost, hasher.parallelism, hasher.hash_len)
    return _dummy_hash_at(*cost, hasher.salt_len, hasher.type)


@cache
def _dummy_hash_at(
    time_cost: int, memory_cost: int, parallelism: int, hash_len: int, salt_len: int, type: Type
) -> str:
    hasher = PasswordHasher(time_cost, memory_cost, parallelism, hash_len, salt_len, type=type)
    return hasher.hash(new_token())


@dataclass(frozen=True)
class LoginPolicy:
    """After ``max_failures`` in a row an account waits ``lockout``, doubling each time."""

    max_failures: int
    lockout_seconds: int
    lockout_max_seconds: int

    def wait_after(self, failures: int) -> timedelta | None:
        if failures < self.max_failures:
            return None
        seconds = self.lockout_seconds * 2 ** min(failures - self.max_failures, 20)
        return timedelta(seconds=min(seconds, self.lockout_max_seconds))


def actor_of(user: User) -> Actor:
    return Actor(id=user.id, label=user.email)


def public_actors(session: Session, labels: Iterable[str]) -> dict[str, ActorPublic]:
    """Each actor label (the email a record keeps of who made it) as a name and a role.
    A label no account has any more (the email changed) is shown as DECO staff, since only
    staff record and verify."""
    wanted = set(labels)
    users = session.exec(select(User).where(col(User.email).in_(wanted))).all()
    known = {u.email: ActorPublic(name=u.full_name, role=u.role) for u in users}
    known[SYSTEM.label] = ActorPublic(name="EOM", role="system")
    unknown = ActorPublic(name="DECO", role="staff")
    return {label: known.get(label, unknown) for label in wanted}


def normalize_email(email: str) -> str:
    return email.strip().lower()


def get_user(session: Session, user_id: int, *, for_update: bool = False) -> User:
    """The user with this id; ``for_update`` locks the row until the transaction ends."""
    user = session.get(User, user_id, with_for_update=for_update)
    if user is None:
        raise NotFound("No user with id {user_id}.", user_id=user_id)
    return user


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalize_email(email))).first()


def list_users(
    session: Session,
    *,
    limit: int,
    offset: int,
    role: Role | None = None,
    is_active: bool | None = None,
) -> tuple[list[User], int]:
    """Users ordered by email, optionally of one role and active or not: one page of them,
    and how many match in all."""
    conditions = []
    if role is not None:
        conditions.append(col(User.role) == role)
    if is_active is not None:
        conditions.append(col(User.is_active).is_(is_active))
    query = select(User).where(*conditions).order_by(col(User.email)).limit(limit).offset(offset)
    total = session.exec(select(func.count()).select_from(User).where(*conditions)).one()
    return list(session.exec(query)), total


def last_sign_ins(session: Session, user_ids: list[int]) -> dict[int, datetime]:
    """When each of these users last signed in (their newest token, of the API or the
    pages), for those who ever did."""
    rows = session.exec(
        select(AccessToken.user_id, func.max(AccessToken.created_at))
        .where(col(AccessToken.user_id).in_(user_ids))
        .group_by(col(AccessToken.user_id))
    )
    return {user_id: at for user_id, at in rows if at is not None}


def create_user(
    session: Session, data: UserCreate, *, actor: Actor, hasher: PasswordHasher
) -> User:
    """A new active or inactive user with a hashed password; refuses a taken email."""
    email = normalize_email(data.email)
    if find_user_by_email(session, email) is not None:
        raise Conflict("A user with the email {email} already exists.", email=email)
    now = utcnow()
    user = User(
        email=email,
        full_name=data.full_name.strip(),
        role=data.role,
        is_active=data.is_active,
        password_hash=hasher.hash(data.password),
        created_at=now,
        updated_at=now,
    )
    return audit.created(session, user, actor=actor, chain=CHAIN)


def update_user(
    session: Session,
    user: User,
    changes: UserUpdate,
    *,
    actor: Actor,
    hasher: PasswordHasher,
    expected_version: int | None = None,
) -> User:
    """Apply the given changes; deactivating a user or changing a password signs them out.
    An administrator may not deactivate or demote their own account, so that an account
    able to undo it always remains."""
    data = changes.model_dump(exclude_unset=True, exclude={"password"})
    data = {key: value for key, value in data.items() if value is not None}
    _check_not_locking_oneself_out(user, changes, actor)
    with audit.changing(
        session, user, actor=actor, chain=CHAIN, expected_version=expected_version
    ) as change:
        user.sqlmodel_update(data)
        if changes.password:
            user.password_hash = hasher.hash(changes.password)
            change.note(password_changed=True)
        if changes.password or user.is_active is False:
            revoke_all_tokens(session, user)
    return user


def _check_not_locking_oneself_out(user: User, changes: UserUpdate, actor: Actor) -> None:
    if actor.id is None or actor.id != user.id:
        return
    if changes.is_active is False:
        raise Forbidden("You cannot deactivate your own account; another administrator can.")
    if user.role == Role.admin and changes.role not in (None, Role.admin):
        raise Forbidden("You cannot give up your own administrator role; another one can.")


def check_not_throttled(session: Session, email: str, *, now: datetime) -> None:
    """Raise ``TooManyAttempts`` while this email must wait before trying again."""
    throttle = session.get(LoginThrottle, normalize_email(email))
    if throttle and throttle.blocked_until and throttle.blocked_until > now:
        raise TooManyAttempts(math.ceil((throttle.blocked_until - now).total_seconds()))


def authenticate(
    session: Session, email: str, password: str, *, hasher: PasswordHasher, now: datetime
) -> User:
    """The active user with this email and password, or ``InvalidCredentials``. The
    failures counted for the account are cleared when the password alone signs in; an
    account with a second factor keeps them until its code is right too, so a known
    password cannot reset the count of wrong codes."""
    check_not_throttled(session, email, now=now)
    user = find_user_by_email(session, email)
    valid = verify_password(hasher, user.password_hash if user else dummy_hash(hasher), password)
    if user is None or not valid or not user.is_active:
        raise InvalidCredentials("Incorrect email or password.")
    if not has_second_factor(session, user):
        clear_failed_logins(session, user.email)
    return user


def has_second_factor(session: Session, user: User) -> bool:
    """Whether signing in also needs a code (``totp``)."""
    found = session.exec(select(TotpCredential.id).where(TotpCredential.user_id == user.id))
    return found.first() is not None


def clear_failed_logins(session: Session, email: str) -> None:
    """Forget the failures counted for this email: it signed in."""
    throttle = session.get(LoginThrottle, normalize_email(email))
    if throttle is not None:
        session.delete(throttle)


def record_failed_login(
    session: Session, email: str, *, policy: LoginPolicy, now: datetime
) -> LoginThrottle:
    """Count one more failure for this email and, past the limit, make it wait."""
    email = normalize_email(email)
    statement = dialect_insert(session.connection(), LoginThrottle).values(email=email, failures=1)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["email"], set_={"failures": LoginThrottle.failures + 1}
        )
    )
    throttle = session.exec(
        select(LoginThrottle)
        .where(LoginThrottle.email == email)
        .execution_options(populate_existing=True)
    ).one()
    wait = policy.wait_after(throttle.failures)
    if wait is not None:
        throttle.blocked_until = now + wait
        session.add(throttle)
    session.flush()
    return throttle


def issue_token(
    session: Session,
    user: User,
    *,
    kind: TokenKind,
    lifetime: timedelta,
    now: datetime,
    user_agent: str | None = None,
) -> tuple[str, AccessToken]:
    """A new token for the user: the plain value (shown once) and its stored record, with
    the user agent that asked for it (cut to its first 300 printable characters)."""
    assert user.id is not None, "a stored user"
    plain = new_token()
    token = AccessToken(
        user_id=user.id,
        token_hash=hash_token(plain),
        kind=kind,
        created_at=now,
        expires_at=now + lifetime,
        user_agent=_agent(user_agent),
    )
    return plain, audit.created(session, token, actor=actor_of(user), chain=CHAIN)


def _agent(user_agent: str | None) -> str | None:
    """A user agent as stored: printable, at most 300 characters, None when empty."""
    kept = "".join(c for c in user_agent or "" if c.isprintable())[:300]
    return kept or None


def user_for_token(session: Session, plain: str, *, now: datetime) -> tuple[User, AccessToken]:
    """The active user signed in with this token, or ``NotAuthenticated``."""
    found = session.exec(
        select(User, AccessToken)
        .join(AccessToken, col(AccessToken.user_id) == col(User.id))
        .where(AccessToken.token_hash == hash_token(plain))
    ).first()
    if found is None:
        raise NotAuthenticated("The access token is not valid.")
    user, token = found
    if token.revoked_at is not None or token.expires_at <= now or not user.is_active:
        raise NotAuthenticated("The access token has expired or was revoked.")
    return user, token


def signed_in_users(session: Session, tokens: set[str], *, now: datetime) -> dict[str, User]:
    """The active users signed in with these tokens, by token, in one query that loads the
    users alone; a token missing here is not valid now (``user_for_token`` says why)."""
    by_hash = {hash_token(token): token for token in tokens}
    rows = session.exec(
        select(User, AccessToken.token_hash)
        .join(AccessToken, col(AccessToken.user_id) == col(User.id))
        .where(
            col(AccessToken.token_hash).in_(by_hash),
            col(AccessToken.revoked_at).is_(None),
            col(AccessToken.expires_at) > now,
            col(User.is_active).is_(True),
        )
    )
    return {by_hash[token_hash]: user for user, token_hash in rows}


def signed_in_user(session: Session, plain: str, *, now: datetime) -> User:
    """The active user signed in with this token, or ``NotAuthenticated`` saying why."""
    user = signed_in_users(session, {plain}, now=now).get(plain)
    return user if user is not None else user_for_token(session, plain, now=now)[0]


def revoke_token(session: Session, token: AccessToken, *, actor: Actor) -> None:
    """Sign out: the token stops working at once."""
    with audit.changing(session, token, actor=actor, chain=CHAIN):
        token.revoked_at = utcnow()


def refresh_device_token(
    session: Session, user: User, token: AccessToken, *, lifetime: timedelta, now: datetime
) -> tuple[str, AccessToken]:
    """A new device token, for ``lifetime`` from now, in place of the one that signs the
    request, which stops working: a phone that comes online within a token's lifetime
    keeps its session without the password. Only a device token is refreshed."""
    if token.kind != TokenKind.device:
        raise Forbidden("Only a device session is refreshed; sign in again with your password.")
    # Locked and read again: two refreshes of one token cannot both succeed.
    current = session.get(AccessToken, token.id, with_for_update=True, populate_existing=True)
    if current is None or current.revoked_at is not None:
        raise NotAuthenticated("The access token has expired or was revoked.")
    revoke_token(session, current, actor=actor_of(user))
    return issue_token(
        session,
        user,
        kind=TokenKind.device,
        lifetime=lifetime,
        now=now,
        user_agent=current.user_agent,
    )


def live_sessions(session: Session, user: User, *, now: datetime) -> int:
    """How many of the user's tokens (API, pages, devices) still work."""
    return session.exec(
        select(func.count())
        .select_from(AccessToken)
        .where(
            AccessToken.user_id == user.id,
            col(AccessToken.revoked_at).is_(None),
            col(AccessToken.expires_at) > now,
        )
    ).one()


def sign_out_everywhere(session: Session, user: User, *, actor: Actor) -> int:
    """Revoke every session of the user (a lost phone, a token seen by someone else): they
    sign in again with their password. Returns how many were revoked."""
    revoked = revoke_all_tokens(session, user)
    audit.record(
        session,
        actor=actor,
        action="sign_out_everywhere",
        entity_type=audit.entity_type_of(user),
        entity_id=user.id,
        after={"sessions_revoked": revoked},
        chain=CHAIN,
    )
    return revoked


def revoke_all_tokens(session: Session, user: User, *, keep: AccessToken | None = None) -> int:
    """Revoke every live token of the user (an expired one is left as it is) but ``keep``;
    return how many there were."""
    now = utcnow()
    others = [col(AccessToken.id) != keep.id] if keep is not None else []
    live = session.exec(
        select(AccessToken).where(
            AccessToken.user_id == user.id,
            col(AccessToken.revoked_at).is_(None),
            col(AccessToken.expires_at) > now,
            *others,
        )
    ).all()
    for token in live:
        token.revoked_at = now
        session.add(token)
    return len(live)
