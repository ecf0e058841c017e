"""Who may do what by role alone: DECO staff and administrators manage everything;
administrators alone manage accounts and read the audit log.

Each domain's own ``access.py`` builds on this: what a signed-in observer, donor or
visitor may see of that domain's records.
"""

from eom.accounts.models import Role, User
from eom.core.errors import Forbidden

STAFF_ROLES = (Role.staff, Role.admin)


def is_staff(user: User | None) -> bool:
    """DECO staff, or an administrator (who may do whatever staff may)."""
    return user is not None and user.role in STAFF_ROLES


def require_staff(user: User) -> None:
    if not is_staff(user):
        raise Forbidden("Only DECO staff may do this.")


def is_admin(user: User | None) -> bool:
    """An administrator: manages accounts and reads the audit log."""
    return user is not None and user.role == Role.admin


def require_admin(user: User) -> None:
    if not is_admin(user):
        raise Forbidden("Only administrators may do this.")
