"""Alembic environment: runs migrations on the connection that ``eom.core.migrate`` hands it."""

from alembic import context

from eom.migrations.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
