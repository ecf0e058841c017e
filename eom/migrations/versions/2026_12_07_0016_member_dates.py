"""A member's own days in the field (long-term observers arrive weeks before short-term
ones); none, as every member had until now, means the mission's period.

Revision ID: 0016
Revises: 0015
Created: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mission_member") as batch:
        batch.add_column(sa.Column("arrives_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("leaves_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mission_member") as batch:
        batch.drop_column("leaves_on")
        batch.drop_column("arrives_on")
