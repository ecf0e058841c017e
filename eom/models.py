"""Every table model, imported in one place so that the metadata is complete."""

from sqlmodel import SQLModel

from eom.accounts.models import AccessToken, LoginThrottle, User
from eom.audit.models import AuditChain, AuditEntry

metadata = SQLModel.metadata

__all__ = ["AccessToken", "AuditChain", "AuditEntry", "LoginThrottle", "User", "metadata"]
