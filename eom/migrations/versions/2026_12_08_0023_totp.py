"""Two-factor sign-in: a person's TOTP secret (encrypted) and their recovery codes (hashed).

Revision ID: 0023
Revises: 0022
Created: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "totp_credential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_used_step", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_totp_credential_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_totp_credential")),
        sa.UniqueConstraint("user_id", name=op.f("uq_totp_credential_user_id")),
    )
    op.create_table(
        "recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=100), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["totp_credential.id"],
            name=op.f("fk_recovery_code_credential_id_totp_credential"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_code")),
    )
    op.create_index(op.f("ix_recovery_code_credential_id"), "recovery_code", ["credential_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_recovery_code_credential_id"), table_name="recovery_code")
    op.drop_table("recovery_code")
    op.drop_table("totp_credential")
