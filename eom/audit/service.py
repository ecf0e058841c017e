"""Appending to the audit log and verifying its hash chains.

Services change records through ``created`` and ``changing``: one audited write that
stores the record, bumps its version and appends the entry with its state before and
after. ``record`` appends an entry by hand, for the one write that bypasses the ORM (a
filed checklist, inserted with SQLAlchemy Core on the hot path).
"""

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, bindparam, inspect
from sqlalchemy import insert as insert_
from sqlalchemy import select as sa_select
from sqlalchemy import update as update_
from sqlmodel import Session, SQLModel, col, func, select

from eom.audit.models import GENESIS_HASH, AuditChain, AuditEntry
from eom.core.clock import utcnow
from eom.core.db import dialect_insert
from eom.core.errors import check_version


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


R = TypeVar("R", bound=SQLModel)


def snapshot(row: SQLModel) -> dict[str, Any]:
    """What the audit log keeps of a record: every field but its secrets (the names in
    its model's ``__audit_secrets__``, such as a password hash)."""
    return row.model_dump(mode="json", exclude=set(getattr(row, "__audit_secrets__", ())))


def entity_type_of(row: SQLModel) -> str:
    """What the log calls a record's kind: its table's name, unless its model says
    otherwise (``__audit_type__``)."""
    return str(getattr(row, "__audit_type__", None) or row.__tablename__)


def created(
    session: Session,
    row: R,
    *,
    actor: Actor,
    chain: str | Callable[[R], str],
    action: str = "create",
    after: dict[str, Any] | None = None,
) -> R:
    """Store a new record and append its entry: its state after, or ``after`` when the
    entry should show more than the row (a budget revision with its lines, say). A record
    whose chain is named by its own id (a mission's) passes a function of the record."""
    session.add(row)
    session.flush()
    name = chain(row) if callable(chain) else chain
    record_row(session, row, actor=actor, action=action, chain=name, after=after or snapshot(row))
    return row


def deleted(
    session: Session, row: SQLModel, *, actor: Actor, chain: str, action: str = "delete"
) -> None:
    """Remove a record and append its entry: its state before, nothing after."""
    record_row(session, row, actor=actor, action=action, chain=chain, before=snapshot(row))
    session.delete(row)
    session.flush()


@dataclass
class Change:
    """What a ``changing`` block may add to its entry beyond the record's own fields."""

    noted: dict[str, Any] = field(default_factory=dict)

    def note(self, **facts: Any) -> None:
        self.noted.update(facts)


@contextmanager
def changing(
    session: Session,
    row: SQLModel,
    *,
    actor: Actor,
    chain: str,
    action: str = "update",
    expected_version: int | None = None,
) -> Iterator[Change]:
    """Change a record inside the block; then its edit counter ``version`` (its ETag) goes
    up and its ``updated_at`` is now, for records that keep them, it is stored, and one
    entry records its state before and after. ``expected_version`` (from ``If-Match``)
    refuses a change made from a stale read before anything happens. Nothing is recorded
    when the block raises. A model whose ``version`` means something else says so with
    ``__audit_counts_edits__ = False`` (a checklist's version number)."""
    if expected_version is not None:
        check_version(row.version, expected_version)  # type: ignore[attr-defined]
    before = snapshot(row)
    change = Change()
    yield change
    if getattr(row, "__audit_counts_edits__", hasattr(row, "version")):
        row.version += 1  # type: ignore[attr-defined]
    if hasattr(row, "updated_at"):
        row.updated_at = utcnow()
    session.add(row)
    session.flush()
    after = {**snapshot(row), **change.noted}
    record_row(session, row, actor=actor, action=action, chain=chain, before=before, after=after)


def record_row(
    session: Session,
    row: SQLModel,
    *,
    actor: Actor,
    action: str,
    chain: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append the entry of a stored record, named by its table and primary key (what
    ``created`` and ``changing`` do; by hand when the entry must wait for the record's
    parts, such as a budget revision's lines)."""
    identity = inspect(row).identity
    assert identity is not None, "a stored record"
    entity_id = identity[0] if len(identity) == 1 else ":".join(map(str, identity))
    record(
        session,
        actor=actor,
        action=action,
        entity_type=entity_type_of(row),
        entity_id=entity_id,
        before=before,
        after=after,
        chain=chain,
    )


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


# What signed checkpoints say each chain held: its name, then a sequence number and the
# hash of the entry there (``eom.audit.checkpoints`` reads them from outside the database).
Pins = Mapping[str, Mapping[int, str]]


def _chain_problems(
    chain: str, entries: Iterator[AuditEntry], head: AuditChain | None, pins: Mapping[int, str]
) -> Iterator[ChainProblem]:
    expected_seq, prev_hash = 1, GENESIS_HASH
    for entry in entries:
        if entry.seq != expected_seq:
            yield ChainProblem(chain, entry.seq, entry.id, f"expected seq {expected_seq}: removed")
        elif entry.prev_hash != prev_hash:
            yield ChainProblem(chain, entry.seq, entry.id, "does not link to the entry before")
        elif entry_hash(entry) != entry.hash:
            yield ChainProblem(chain, entry.seq, entry.id, "content does not match its hash")
        elif pins.get(entry.seq, entry.hash) != entry.hash:
            yield ChainProblem(
                chain, entry.seq, entry.id, "differs from the entry a checkpoint signed: rewritten"
            )
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    last_seq = expected_seq - 1
    signed = max(pins, default=0)
    if signed > last_seq:
        held = f"the chain ends at seq {last_seq}" if last_seq else "the chain has no entries"
        yield ChainProblem(
            chain, signed, None, f"a checkpoint signed seq {signed} but {held}: entries removed"
        )
        if head is None and not last_seq:
            return  # a whole chain dropped, head and all: said once
    if head is None:
        yield ChainProblem(chain, last_seq, None, "chain has no head record")
    elif (head.last_seq, head.last_hash) != (last_seq, prev_hash):
        yield ChainProblem(
            chain, head.last_seq, None, f"head says seq {head.last_seq}: entries removed"
        )


def verify(session: Session, pins: Pins | None = None) -> tuple[int, list[ChainProblem]]:
    """Walk every chain; return how many entries were checked and every problem found.

    With ``pins`` (what signed checkpoints say), each chain must also still hold the entry
    each checkpoint signed: a chain rewritten, shortened or dropped by someone who could
    recompute every hash is broken, not intact."""
    pins = pins or {}
    problems: list[ChainProblem] = []
    heads = {head.chain: head for head in session.exec(select(AuditChain))}
    chains = set(heads) | set(session.exec(select(AuditEntry.chain).distinct())) | set(pins)
    for chain in sorted(chains):
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.chain == chain)
            .order_by(col(AuditEntry.seq))
            .execution_options(yield_per=1000)
        )
        problems.extend(
            _chain_problems(chain, iter(entries), heads.get(chain), pins.get(chain, {}))
        )
    checked = session.exec(select(func.count()).select_from(AuditEntry)).one()
    problems.sort(key=lambda p: (p.entry_id is None, p.entry_id or 0))
    return checked, problems


def last_change(session: Session, row: SQLModel) -> AuditEntry | None:
    """The latest entry about a stored record: who changed it last, and when."""
    identity = inspect(row).identity
    assert identity is not None, "a stored record"
    return session.exec(
        select(AuditEntry)
        .where(
            AuditEntry.entity_type == entity_type_of(row),
            AuditEntry.entity_id == ":".join(map(str, identity)),
        )
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class AuditFilters:
    """Which entries to list: by who made them (part of the actor's label, any case), by
    record (its entity type, and id), and by the days, in UTC, they were made on
    (``since`` to ``until``, both included)."""

    actor: str | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    since: date | None = None
    until: date | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.actor:
            found.append(col(AuditEntry.actor).icontains(self.actor.strip(), autoescape=True))
        if self.entity_type:
            found.append(col(AuditEntry.entity_type) == self.entity_type)
        if self.entity_id:
            found.append(col(AuditEntry.entity_id) == self.entity_id.strip())
        if self.since:
            found.append(col(AuditEntry.at) >= _start_of(self.since))
        if self.until and self.until < date.max:
            found.append(col(AuditEntry.at) < _start_of(self.until + timedelta(days=1)))
        return found


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def list_entries(
    session: Session, *, limit: int, offset: int, filters: AuditFilters | None = None
) -> tuple[list[AuditEntry], int]:
    """Entries newest first, those the filters keep, with how many they keep in all."""
    conditions = (filters or AuditFilters()).conditions()
    query = select(AuditEntry).where(*conditions).order_by(col(AuditEntry.id).desc())
    count = select(func.count()).select_from(AuditEntry).where(*conditions)
    items = session.exec(query.limit(limit).offset(offset))
    return list(items), session.exec(count).one()


def entity_types(session: Session) -> list[str]:
    """The kinds of record the log has entries about, in alphabetical order."""
    query = select(AuditEntry.entity_type).distinct().order_by(col(AuditEntry.entity_type))
    return list(session.exec(query))


class Absent(Enum):
    """What a field was when the record did not have it: before its creation, after its
    removal."""

    absent = "absent"


ABSENT = Absent.absent


@dataclass(frozen=True)
class FieldChange:
    """One field of a record as an entry saw it before and after (its JSON value, or
    ``ABSENT``)."""

    name: str
    before: Any
    after: Any


def changed_fields(entry: AuditEntry) -> list[FieldChange]:
    """The fields an entry changed, in alphabetical order: every field of a record
    created or removed, the fields whose value differs for any other change."""
    before: dict[str, Any] = json.loads(entry.before) if entry.before else {}
    after: dict[str, Any] = json.loads(entry.after) if entry.after else {}
    return [
        FieldChange(name, before.get(name, ABSENT), after.get(name, ABSENT))
        for name in sorted(before.keys() | after.keys())
        if name not in before or name not in after or before[name] != after[name]
    ]
