"""What a person does to their own account, signed in: change their password, see their
sessions and end them."""

from argon2 import PasswordHasher
from sqlmodel import Session

from eom.accounts.models import AccessToken, PasswordChange, User
from eom.accounts.service import CHAIN, actor_of, revoke_all_tokens
from eom.audit import service as audit
from eom.core.errors import InvalidInput
from eom.core.i18n import N_
from eom.core.security import verify_password

WRONG_CURRENT_PASSWORD = N_("This is not your current password.")


def change_password(
    session: Session,
    user: User,
    change: PasswordChange,
    *,
    signed_in_with: AccessToken,
    hasher: PasswordHasher,
) -> int:
    """Set the person's new password, when ``change`` brings their current one: every other
    session of theirs ends (someone who knew the old password is signed out), the one
    they are using goes on. Returns how many sessions ended."""
    if not verify_password(hasher, user.password_hash, change.current_password):
        raise InvalidInput(
            WRONG_CURRENT_PASSWORD,
            errors=[{"loc": ["body", "current_password"], "msg": WRONG_CURRENT_PASSWORD}],
        )
    with audit.changing(session, user, actor=actor_of(user), chain=CHAIN) as record:
        user.password_hash = hasher.hash(change.password)
        ended = revoke_all_tokens(session, user, keep=signed_in_with)
        record.note(password_changed=True, sessions_revoked=ended)
    return ended
