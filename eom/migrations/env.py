"""Alembic environment: runs migrations on the connection that ``eom.migrate`` hands it."""

from alembic import context

# eom may not import the recommendation domain above it, so the migration environment
# (part of no package) adds its tables to the metadata.
import recommendations.models  # noqa: F401
from eom.models import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
