"""Demo accounts, one per role. Their passwords are public: this is demo data only."""

from eom.accounts.models import Role
from eom.audit.service import Actor

# Who the demo data set acts as in the audit log.
SEED_ACTOR = Actor(id=None, label="seed")

DEMO_ACCOUNTS: list[tuple[str, str, Role, str]] = [
    ("admin@eom.example", "Ada Administradora", Role.admin, "admin-demo-2026"),
    ("staff@eom.example", "Sofía Planificadora", Role.staff, "staff-demo-2026"),
    ("observer@eom.example", "Olivier Observateur", Role.observer, "observer-demo-2026"),
    ("donor@eom.example", "Dana Donante", Role.donor, "donor-demo-2026"),
]
