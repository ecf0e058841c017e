"""Audit tables: the entries, and the head of each chain (its last sequence and hash)."""

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.core.db import UtcDateTime

GENESIS_HASH = "0" * 64


class AuditEntry(SQLModel, table=True):
    """One change: who did what to which record, before and after, chained by hash."""

    __tablename__ = "audit_entry"
    __table_args__ = (UniqueConstraint("chain", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    chain: str = Field(max_length=100)
    seq: int
    at: datetime = Field(sa_type=UtcDateTime)
    actor_id: int | None = None
    actor: str = Field(max_length=320)
    action: str = Field(max_length=40)
    entity_type: str = Field(max_length=60)
    entity_id: str = Field(max_length=60)
    before: str | None = Field(default=None, sa_type=Text)
    after: str | None = Field(default=None, sa_type=Text)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditChain(SQLModel, table=True):
    """The head of one chain. Locking this row serializes appends to that chain only."""

    __tablename__ = "audit_chain"

    chain: str = Field(primary_key=True, max_length=100)
    last_seq: int = 0
    last_hash: str = Field(default=GENESIS_HASH, max_length=64)


class AuditEntryPublic(SQLModel):
    id: int
    chain: str
    seq: int
    at: datetime
    actor_id: int | None
    actor: str
    action: str
    entity_type: str
    entity_id: str
    before: str | None
    after: str | None
    hash: str
