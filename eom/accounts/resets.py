"""Password reset links: an administrator makes a one-time link for an account and passes
it on, or has it emailed; a person who forgot their password asks for one by email; whoever
opens it sets the account's password once."""

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from eom.accounts.models import RESET_LINK_LIFETIME, NewPassword, PasswordReset, User, UserUpdate
from eom.accounts.service import CHAIN, actor_of, find_user_by_email, get_user, update_user
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.errors import Gone, NotFound
from eom.core.i18n import N_, translate
from eom.core.security import hash_token, new_token

# Who makes a link asked for on the "forgot password" page: whoever typed the email.
FORGOT_PASSWORD = Actor(id=None, label="forgot password page")
# An account asked for again within this time gets no new link, so no mailbox is flooded.
ASK_AGAIN_AFTER = timedelta(minutes=5)

RESET_SUBJECT = N_("Set your EOM password")
RESET_BODY = N_(
    "A new password was asked for the EOM account {email}.\n\n"
    "To set it, open this link before {until} UTC. It works once:\n\n{url}\n\n"
    "If you did not ask for it, ignore this message: your password stays as it is."
)


def create_reset_link(
    session: Session, user: User, *, actor: Actor, now: datetime
) -> tuple[str, PasswordReset]:
    """A new link for the account: its token (shown once, stored only as its SHA-256) and
    its record. Earlier links of the account that still work stop working."""
    assert user.id is not None, "a stored user"
    for earlier in session.exec(_open_links(user, now)).all():
        with audit.changing(session, earlier, actor=actor, chain=CHAIN, action="revoke"):
            earlier.revoked_at = now
    plain = new_token()
    link = PasswordReset(
        user_id=user.id,
        token_hash=hash_token(plain),
        created_at=now,
        expires_at=now + RESET_LINK_LIFETIME,
    )
    return plain, audit.created(session, link, actor=actor, chain=CHAIN)


def link_for_forgotten_password(
    session: Session, email: str, *, now: datetime
) -> tuple[str, PasswordReset, User] | None:
    """A new link for the active account with this email, asked for on the "forgot
    password" page: its token, its record and the account. None for an unknown or
    deactivated email, and for an account that got a link less than five minutes ago;
    the page answers the same in every case, so that it never tells who has an account."""
    user = find_user_by_email(session, email)
    if user is None or not user.is_active:
        return None
    recent = open_link_of(session, user, now=now)
    if recent is not None and recent.created_at > now - ASK_AGAIN_AFTER:
        return None
    plain, link = create_reset_link(session, user, actor=FORGOT_PASSWORD, now=now)
    return plain, link, user


def reset_email(language: str, *, email: str, url: str, link: PasswordReset) -> tuple[str, str]:
    """The subject and body of the email that brings a reset link, in ``language``."""
    until = link.expires_at.strftime("%Y-%m-%d %H:%M")
    body = translate(language, RESET_BODY, email=email, until=until, url=url)
    return translate(language, RESET_SUBJECT), body


def link_in_force(
    session: Session, plain: str, *, now: datetime, for_update: bool = False
) -> tuple[PasswordReset, User]:
    """The link with this token and its account, if it still works: ``NotFound`` for a token
    never made, ``Gone`` for a link used, replaced or expired, or whose account is off.
    ``for_update`` locks both until the transaction ends, so a link is used once even when
    two requests bring it at the same moment."""
    query = select(PasswordReset).where(PasswordReset.token_hash == hash_token(plain))
    link = session.exec(query.with_for_update() if for_update else query).first()
    if link is None:
        raise NotFound(
            "This password reset link is not known. Check that it was copied whole, "
            "or ask an administrator for a new one."
        )
    if link.used_at is not None:
        raise Gone("This password reset link was already used. Ask an administrator for a new one.")
    if link.revoked_at is not None:
        raise Gone("This password reset link was replaced by a newer one. Use the newest link.")
    if link.expires_at <= now:
        raise Gone("This password reset link has expired. Ask an administrator for a new one.")
    user = get_user(session, link.user_id, for_update=for_update)
    if not user.is_active:
        raise Gone("This account is deactivated; its password cannot be reset.")
    return link, user


def reset_password(
    session: Session, plain: str, new: NewPassword, *, hasher: PasswordHasher, now: datetime
) -> User:
    """Set the account's password through the link, once: the link is used up and every
    sign-in of the account ends (as any change of password does). The person holding the
    link is the actor."""
    link, user = link_in_force(session, plain, now=now, for_update=True)
    actor = actor_of(user)
    update_user(session, user, UserUpdate(password=new.password), actor=actor, hasher=hasher)
    with audit.changing(session, link, actor=actor, chain=CHAIN, action="use"):
        link.used_at = now
    return user


def open_link_of(session: Session, user: User, *, now: datetime) -> PasswordReset | None:
    """The account's link that still works, if there is one (a newer one replaces it)."""
    return session.exec(_open_links(user, now).order_by(col(PasswordReset.id).desc())).first()


def _open_links(user: User, now: datetime) -> SelectOfScalar[PasswordReset]:
    return select(PasswordReset).where(
        PasswordReset.user_id == user.id,
        col(PasswordReset.used_at).is_(None),
        col(PasswordReset.revoked_at).is_(None),
        col(PasswordReset.expires_at) > now,
    )
