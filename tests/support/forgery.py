"""What someone who can write to the database can do to the audit log: run any SQL, and
recompute every hash with the algorithm the source code publishes (``entry_hash``), so
that the hash chains alone still look intact."""

from typing import Any

from sqlalchemy import text
from sqlmodel import col, select

from eom.audit.models import GENESIS_HASH, AuditChain, AuditEntry
from eom.audit.service import entry_hash
from eom.core.db import Database


def sql(db: Database, statement: str, **params: Any) -> None:
    """One statement, committed, as a database client runs it."""
    with db.engine.begin() as connection:
        connection.execute(text(statement), params)


def renumber(db: Database, chain: str) -> None:
    """Number the chain's entries 1, 2, 3… in their present order, closing any gap."""
    sql(db, "UPDATE audit_entry SET seq = -seq WHERE chain = :chain", chain=chain)
    with db.session_scope() as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.chain == chain).order_by(col(AuditEntry.seq).desc())
        ).all()
        for seq, entry in enumerate(entries, start=1):
            entry.seq = seq
            session.add(entry)


def rehash(db: Database, chain: str) -> None:
    """Recompute every link and hash of the chain from its first entry, and move its head
    to the last, as the application would have written them."""
    with db.session_scope() as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.chain == chain).order_by(col(AuditEntry.seq))
        ).all()
        last_seq, prev_hash = 0, GENESIS_HASH
        for entry in entries:
            entry.prev_hash = prev_hash
            entry.hash = entry_hash(entry)
            session.add(entry)
            last_seq, prev_hash = entry.seq, entry.hash
        head = session.get(AuditChain, chain) or AuditChain(chain=chain)
        head.last_seq, head.last_hash = last_seq, prev_hash
        session.add(head)
