"""Every table of the schema, in one metadata: what the migrations build and the tests empty.

The recommendation domain stands above ``eom`` (DESIGN §3), yet its tables belong to the
one schema these migrations own. This registry is the one place where ``eom`` reaches up;
the layer contract in pyproject.toml names the edge in ``ignore_imports``, so the
contracts see it instead of it being hidden.
"""

from sqlmodel import SQLModel

from eom.accounts.models import (
    AccessToken,
    LoginThrottle,
    PasswordReset,
    RecoveryCode,
    TotpCredential,
    User,
)
from eom.audit.models import AuditChain, AuditEntry
from eom.documents.models import (
    Document,
    DocumentDelivery,
    DocumentFile,
    DocumentSection,
    SectionVersion,
)
from eom.field.models import (
    AnswerCount,
    Form,
    Incident,
    IncidentPhoto,
    Meeting,
    PollingStation,
    StationAssignment,
    Submission,
)
from eom.funding.models import (
    BudgetLine,
    BudgetRevision,
    Donor,
    DonorAccount,
    ExchangeRate,
    Movement,
)
from eom.planning.conduct.models import Acknowledgement, ConductItem, ConductVersion
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import (
    Agreement,
    Mission,
    MissionTransition,
    PreliminaryVisit,
)
from eom.planning.observers.models import Observer
from recommendations.models import FollowUp, Recommendation

metadata = SQLModel.metadata

__all__ = [
    "AccessToken",
    "Acknowledgement",
    "Agreement",
    "AnswerCount",
    "AuditChain",
    "AuditEntry",
    "BudgetLine",
    "BudgetRevision",
    "ConductItem",
    "ConductVersion",
    "Document",
    "DocumentDelivery",
    "DocumentFile",
    "DocumentSection",
    "Donor",
    "DonorAccount",
    "ExchangeRate",
    "FollowUp",
    "Form",
    "Incident",
    "IncidentPhoto",
    "LoginThrottle",
    "Meeting",
    "Mission",
    "MissionMember",
    "MissionTransition",
    "Movement",
    "Observer",
    "PreliminaryVisit",
    "PasswordReset",
    "PollingStation",
    "Recommendation",
    "RecoveryCode",
    "SectionVersion",
    "StationAssignment",
    "Submission",
    "TotpCredential",
    "User",
    "metadata",
]
