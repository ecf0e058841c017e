"""A mission may let its members file for any station of their area, not only the ones
they were sent to (off, as every mission was until now).

Revision ID: 0011
Revises: 0010
Created: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mission") as batch:
        batch.add_column(
            sa.Column(
                "file_any_station_in_area", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table("mission") as batch:
        batch.alter_column("file_any_station_in_area", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("mission") as batch:
        batch.drop_column("file_any_station_in_area")
