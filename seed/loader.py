"""Loads the demo data set into a database, through the services, skipping what exists."""

from collections.abc import Callable

from argon2 import PasswordHasher
from sqlmodel import Session

from eom.accounts import service as accounts
from eom.accounts.models import UserCreate
from seed.accounts import DEMO_ACCOUNTS, SEED_ACTOR
from seed.field import load_field_reports
from seed.funding import load_funding
from seed.meetings import load_meetings
from seed.missions import load_later_steps, load_missions, load_observers
from seed.recommendations import load_recommendations

Progress = Callable[[str], None]


def load_accounts(session: Session, hasher: PasswordHasher, progress: Progress) -> int:
    """Create the demo accounts that do not exist yet; return how many were created."""
    created = 0
    for email, name, role, password in DEMO_ACCOUNTS:
        progress(f"account {email}")
        if accounts.find_user_by_email(session, email) is None:
            data = UserCreate(email=email, full_name=name, role=role, password=password)
            accounts.create_user(session, data, actor=SEED_ACTOR, hasher=hasher)
            created += 1
    return created


# Each step of the demo data set, in the order they load; later domains append theirs.
STEPS: list[tuple[str, Callable[[Session, PasswordHasher, Progress], int]]] = [
    ("accounts", load_accounts),
    ("observers", load_observers),
    ("missions", load_missions),
    ("field reports", load_field_reports),
    # Before the later steps: once its final report is out a mission takes no more.
    ("meetings with interlocutors", load_meetings),
    ("later steps of the missions", load_later_steps),
    ("funding", load_funding),
    ("recommendations", load_recommendations),
]
