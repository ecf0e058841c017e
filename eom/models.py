"""Every table model, imported in one place so that the metadata is complete."""

from sqlmodel import SQLModel

from eom.accounts.models import AccessToken, LoginThrottle, User
from eom.audit.models import AuditChain, AuditEntry
from eom.conduct.models import Acknowledgement, ConductItem, ConductVersion
from eom.field.models import (
    AnswerCount,
    Form,
    Incident,
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
from eom.members.models import MissionMember
from eom.missions.models import Agreement, Mission, MissionTransition
from eom.observers.models import Observer

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
    "Donor",
    "DonorAccount",
    "ExchangeRate",
    "Form",
    "Incident",
    "LoginThrottle",
    "Mission",
    "MissionMember",
    "MissionTransition",
    "Movement",
    "Observer",
    "PollingStation",
    "StationAssignment",
    "Submission",
    "User",
    "metadata",
]
