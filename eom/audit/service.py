"""Appending to the audit log and verifying its hash chains."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import insert as insert_
from sqlalchemy import select as sa_select
from sqlalchemy import update as update_
from sqlmodel import Session, col, func, select

from eom.audit.models import GENESIS_HASH, AuditChain, AuditEntry
from eom.clock import utcnow
from eom.db import dialect_insert


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a signed-in user, or a named process such as the CLI."""

    id: int | None
    label: str


SYSTEM = Actor(id=None, label="system")


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same bytes on every database."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(entry: AuditEntry) -> str:
    """The hash of an entry's content chained to the hash of the entry before it."""
    content = canonical_json(
        [
            entry.chain,
            entry.seq,
            entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
            entry.actor_id,
            entry.actor,
            entry.action,
            entry.entity_type,
            entry.entity_id,
            entry.before,
            entry.after,
        ]
    )
    return hashlib.sha256((entry.prev_hash + content).encode()).hexdigest()


_HEAD = AuditChain.__table__  # type: ignore[attr-defined]
_ENTRY = AuditEntry.__table__  # type: ignore[attr-defined]


# Every change in the system passes through ``record``: its statements are built once, so
# each append only binds values (building a statement per call cost more than running it).
_READ_HEAD = (
    sa_select(_HEAD.c.last_seq, _HEAD.c.last_hash)
    .where(_HEAD.c.chain == bindparam("chain"))
    .with_for_update()
)
_APPEND = insert_(_ENTRY)
_ADVANCE_HEAD = (
    update_(_HEAD)
    .where(_HEAD.c.chain == bindparam("head_chain"))
    .values(last_seq=bindparam("seq"), last_hash=bindparam("hash"))
)


_COLUMNS = [c.name for c in _ENTRY.columns if c.name != "id"]
# PostgreSQL appends the entry and advances the head in one statement (one round trip
# instead of two); SQLite has no INSERT inside a WITH, so it takes the two.
_APPENDED = (
    insert_(_ENTRY)
    .values({name: bindparam(f"entry_{name}") for name in _COLUMNS})
    .returning(_ENTRY.c.chain, _ENTRY.c.seq, _ENTRY.c.hash)
    .cte("appended")
)
_APPEND_AND_ADVANCE = (
    update_(_HEAD)
    .where(_HEAD.c.chain == _APPENDED.c.chain)
    .values(last_seq=_APPENDED.c.seq, last_hash=_APPENDED.c.hash)
)


def _append(session: Session, entry: AuditEntry) -> None:
    connection = session.connection()
    row = entry.model_dump(exclude={"id"})
    if connection.dialect.name == "postgresql":
        connection.execute(_APPEND_AND_ADVANCE, {f"entry_{k}": v for k, v in row.items()})
        return
    connection.execute(_APPEND, row)
    connection.execute(
        _ADVANCE_HEAD, {"head_chain": entry.chain, "seq": entry.seq, "hash": entry.hash}
    )


def _locked_head(session: Session, chain: str) -> tuple[int, str]:
    """The chain's last sequence number and hash, locked until the transaction ends."""
    connection = session.connection()
    head = connection.execute(_READ_HEAD, {"chain": chain}).first()
    if head is None:
        connection.execute(
            dialect_insert(connection, _HEAD)
            .values(chain=chain, last_seq=0, last_hash=GENESIS_HASH)
            .on_conflict_do_nothing(index_elements=["chain"])
        )
        head = connection.execute(_READ_HEAD, {"chain": chain}).one()
    return int(head.last_seq), str(head.last_hash)


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    chain: str = "global",
) -> AuditEntry:
    """Append one entry to ``chain`` in the caller's transaction and return it.

    Written with SQLAlchemy Core: every change in the system passes here."""
    session.flush()
    last_seq, last_hash = _locked_head(session, chain)
    entry = AuditEntry(
        chain=chain,
        seq=last_seq + 1,
        at=utcnow(),
        actor_id=actor.id,
        actor=actor.label,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        before=None if before is None else canonical_json(before),
        after=None if after is None else canonical_json(after),
        prev_hash=last_hash,
        hash="",
    )
    entry.hash = entry_hash(entry)
    _append(session, entry)
    return entry


@dataclass(frozen=True)
class ChainProblem:
    """Why the chain breaks at one entry (or at a chain's head when its tail is missing)."""

    chain: str
    seq: int
    entry_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"entry {self.entry_id}" if self.entry_id is not None else "chain head"
        return f"{where} (chain {self.chain!r}, seq {self.seq}): {self.reason}"


def _chain_problems(
    chain: str, entries: Iterator[AuditEntry], head: AuditChain | None
) -> Iterator[ChainProblem]:
    expected_seq, prev_hash = 1, GENESIS_HASH
    for entry in entries:
        if entry.seq != expected_seq:
            yield ChainProblem(chain, entry.seq, entry.id, f"expected seq {expected_seq}: removed")
        elif entry.prev_hash != prev_hash:
            yield ChainProblem(chain, entry.seq, entry.id, "does not link to the entry before")
        elif entry_hash(entry) != entry.hash:
            yield ChainProblem(chain, entry.seq, entry.id, "content does not match its hash")
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    if head is None:
        yield ChainProblem(chain, expected_seq - 1, None, "chain has no head record")
    elif (head.last_seq, head.last_hash) != (expected_seq - 1, prev_hash):
        yield ChainProblem(
            chain, head.last_seq, None, f"head says seq {head.last_seq}: entries removed"
        )


def verify(session: Session) -> tuple[int, list[ChainProblem]]:
    """Walk every chain; return how many entries were checked and every problem found."""
    problems: list[ChainProblem] = []
    heads = {head.chain: head for head in session.exec(select(AuditChain))}
    chains = set(heads) | set(session.exec(select(AuditEntry.chain).distinct()))
    for chain in sorted(chains):
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.chain == chain)
            .order_by(col(AuditEntry.seq))
            .execution_options(yield_per=1000)
        )
        problems.extend(_chain_problems(chain, iter(entries), heads.get(chain)))
    checked = session.exec(select(func.count()).select_from(AuditEntry)).one()
    problems.sort(key=lambda p: (p.entry_id is None, p.entry_id or 0))
    return checked, problems


def list_entries(
    session: Session, *, limit: int, offset: int, entity_type: str | None = None
) -> tuple[list[AuditEntry], int]:
    """Entries newest first, optionally of one entity type, with the total count."""
    query = select(AuditEntry)
    count = select(func.count()).select_from(AuditEntry)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
        count = count.where(AuditEntry.entity_type == entity_type)
    items = session.exec(query.order_by(col(AuditEntry.id).desc()).limit(limit).offset(offset))
    return list(items), session.exec(count).one()
