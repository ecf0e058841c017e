"""Database engines and sessions for SQLite and PostgreSQL.

SQLite runs in WAL mode with foreign keys on and a busy timeout. SQLite has one writer,
so each process writes through ONE connection: writers queue for it in order (a fair
queue, short tails) instead of polling for the file lock, and every writing
transaction starts with ``BEGIN IMMEDIATE`` so it never fails halfway. Reads use a
second engine with a pool of connections whose transactions start deferred, so that
they never wait for a writer (and on PostgreSQL may point at a replica one day).
"""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, DateTime, Engine, Enum, create_engine, event
from sqlalchemy.dialects.postgresql import Insert as PgInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import sessionmaker
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, Session

from eom.core.clock import utcnow
from eom.core.settings import Settings


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use eom.core.clock.utcnow() or an aware value")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def updated_at_field() -> Any:
    """A record's ``updated_at``: when it last changed, which a client syncing with
    ``updated_since`` reads. Every UPDATE of the row sets it to now (``onupdate``, the app's
    clock) unless the change sets it itself; an INSERT takes the value given."""
    return Field(sa_type=UtcDateTime, sa_column_kwargs={"onupdate": utcnow})


def enum_type(enum: type[StrEnum], length: int = 30) -> Enum:
    """A StrEnum stored as its value in a plain string column (no database enum type,
    so adding a value later needs no schema change), read back as the enum member."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )


def dialect_insert(connection: Connection, table: Any) -> PgInsert | SqliteInsert:
    """An INSERT into ``table`` in the connection's own dialect, which knows ``ON CONFLICT``."""
    if connection.dialect.name == "postgresql":
        return pg_insert(table)
    return sqlite_insert(table)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _configure_sqlite(engine: Engine, *, busy_timeout_ms: int, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(settings: Settings, *, for_writes: bool = True) -> Engine:
    """An engine for the configured database, tuned for writing or for reading."""
    url = settings.resolved_database_url
    if is_sqlite(url):
        if url.startswith("sqlite:///") and ":memory:" not in url:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False},
            pool_size=1 if for_writes else settings.db_pool_size,
            max_overflow=0,
            pool_timeout=settings.db_pool_timeout_seconds,
        )
        _configure_sqlite(
            engine, busy_timeout_ms=settings.sqlite_busy_timeout_ms, immediate=for_writes
        )
        return engine
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=4,
        pool_timeout=settings.db_pool_timeout_seconds,
        pool_pre_ping=True,
    )


class Database:
    """The engines and session factories of one database, built from settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = settings.resolved_database_url
        self.engine = make_engine(settings, for_writes=True)
        self.read_engine = (
            make_engine(settings, for_writes=False) if is_sqlite(self.url) else self.engine
        )
        self._writer = sessionmaker(self.engine, class_=Session, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, class_=Session, expire_on_commit=False)
        self._slots: WeakKeyDictionary[asyncio.AbstractEventLoop, dict[bool, asyncio.Semaphore]] = (
            WeakKeyDictionary()
        )

    def capacity(self, *, write: bool) -> int:
        """How many sessions of this kind can hold a connection at once."""
        engine = self.engine if write else self.read_engine
        pool = engine.pool
        return int(pool.size() + getattr(pool, "_max_overflow", 0))  # type: ignore[attr-defined]

    def slot(self, *, write: bool) -> asyncio.Semaphore:
        """A semaphore, for the running event loop, with one place per pooled connection:
        async code waits here for a connection instead of blocking a worker thread."""
        loop = asyncio.get_running_loop()
        slots = self._slots.setdefault(loop, {})
        pool = write or self.read_engine is self.engine  # one pool serves both on PostgreSQL
        if pool not in slots:
            slots[pool] = asyncio.Semaphore(self.capacity(write=pool))
        return slots[pool]

    def session(self, *, write: bool = True) -> Session:
        """A new session; the caller owns its transaction."""
        return self._writer() if write else self._reader()

    @contextmanager
    def session_scope(self, *, write: bool = True) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        session = self.session(write=write)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()
