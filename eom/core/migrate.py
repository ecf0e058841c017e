"""Schema migrations (Alembic): upgrade, downgrade, and whether a database is current."""

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).parent.parent / "migrations"


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["engine"] = engine
    return config


def _run(engine: Engine, action: str, target: str) -> None:
    config = _config(engine)
    # A plain connection: Alembic owns the transaction of each migration.
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by copying it into a new one: rows that refer to it
            # would stop the copy, so foreign keys are checked once, after the migration.
            # The pragma only takes effect outside a transaction: on the driver's connection.
            _pragma(connection, "PRAGMA foreign_keys=OFF")
        config.attributes["connection"] = connection
        getattr(command, action)(config, target)
        connection.commit()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            connection.rollback()
            _pragma(connection, "PRAGMA foreign_keys=ON")
            if broken:
                raise RuntimeError(f"the migration left rows that refer to nothing: {broken[:5]}")


def _pragma(connection: Connection, statement: str) -> None:
    driver = connection.connection.dbapi_connection
    assert driver is not None
    driver.execute(statement)


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the schema up to ``target`` (the newest revision by default)."""
    _run(engine, "upgrade", target)


def downgrade(engine: Engine, target: str = "base") -> None:
    """Take the schema back down to ``target`` (an empty database by default)."""
    _run(engine, "downgrade", target)


@cache
def head_revision() -> str | None:
    """The newest revision of the migrations this code ships with. Read once per process
    (parsing every migration file took ~8 ms): the code a process runs does not change
    under it, while the database's own revision is read afresh every time it is asked."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    """True when the database is at the newest revision."""
    return current_revision(engine) == head_revision()
