"""A step of a mission's lifecycle may say why it was taken; a cancellation must.

Revision ID: 0008
Revises: 0007
Created: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mission_transition") as batch:
        batch.add_column(sa.Column("reason", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mission_transition") as batch:
        batch.drop_column("reason")
