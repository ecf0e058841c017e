"""Donor funding: donors and their accounts, budget revisions and lines, exchange rates,
money movements.

Revision ID: 0005
Revises: 0004
Created: 2026-11-28

Self-contained: it only adds tables (referring to ``mission`` and ``user_account``), so
relinking it after another revision is a change of ``down_revision`` alone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(precision=16, scale=2)
RATE = sa.Numeric(precision=20, scale=10)


def upgrade() -> None:
    op.create_table(
        "donor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("iati_ref", sa.String(length=100), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("amounts_public", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_donor")),
        sa.UniqueConstraint("name", name=op.f("uq_donor_name")),
    )
    op.create_table(
        "donor_account",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_donor_account_user_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["donor_id"], ["donor.id"], name=op.f("fk_donor_account_donor_id_donor")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_donor_account")),
    )
    op.create_index(op.f("ix_donor_account_donor_id"), "donor_account", ["donor_id"])

    op.create_table(
        "budget_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_budget_revision_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_revision")),
        sa.UniqueConstraint("mission_id", "number", name=op.f("uq_budget_revision_mission_id")),
    )
    op.create_index(op.f("ix_budget_revision_mission_id"), "budget_revision", ["mission_id"])

    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("amount_usd", MONEY, nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["budget_revision.id"],
            name=op.f("fk_budget_line_revision_id_budget_revision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line")),
        sa.UniqueConstraint("revision_id", "category", name=op.f("uq_budget_line_revision_id")),
    )
    op.create_index(op.f("ix_budget_line_revision_id"), "budget_line", ["revision_id"])

    op.create_table(
        "exchange_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("usd_per_unit", RATE, nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rate")),
        sa.UniqueConstraint("currency", "on", name=op.f("uq_exchange_rate_currency")),
    )

    op.create_table(
        "money_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=True),
        sa.Column("budget_category", sa.String(length=30), nullable=True),
        sa.Column("earmark_theme", sa.String(length=40), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("usd_rate", RATE, nullable=False),
        sa.Column("amount_usd", MONEY, nullable=False),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("over_commitment_reason", sa.String(length=500), nullable=True),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_money_movement_mission_id_mission")
        ),
        sa.ForeignKeyConstraint(
            ["donor_id"], ["donor.id"], name=op.f("fk_money_movement_donor_id_donor")
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["money_movement.id"],
            name=op.f("fk_money_movement_reverses_id_money_movement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_movement")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_money_movement_reverses_id")),
    )
    op.create_index(op.f("ix_money_movement_mission_id"), "money_movement", ["mission_id"])
    op.create_index(op.f("ix_money_movement_donor_id"), "money_movement", ["donor_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_money_movement_donor_id"), table_name="money_movement")
    op.drop_index(op.f("ix_money_movement_mission_id"), table_name="money_movement")
    op.drop_table("money_movement")
    op.drop_table("exchange_rate")
    op.drop_index(op.f("ix_budget_line_revision_id"), table_name="budget_line")
    op.drop_table("budget_line")
    op.drop_index(op.f("ix_budget_revision_mission_id"), table_name="budget_revision")
    op.drop_table("budget_revision")
    op.drop_index(op.f("ix_donor_account_donor_id"), table_name="donor_account")
    op.drop_table("donor_account")
    op.drop_table("donor")
