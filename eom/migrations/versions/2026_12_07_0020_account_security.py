"""Accounts as ASVS Level 2 asks: a session keeps when it was last used (web sessions end
after a time without use) and the user agent that opened it.

Revision ID: 0020
Revises: 0015
Created: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0020"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("access_token") as batch:
        batch.add_column(sa.Column("last_used_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("user_agent", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("access_token") as batch:
        batch.drop_column("user_agent")
        batch.drop_column("last_used_at")
