"""Missions, the observer roster, mission members, and the code of conduct (version 1).

Revision ID: 0002
Revises: 0001
Created: 2026-11-28
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime
from eom.planning.conduct.standard import CODE_OF_CONDUCT_V1

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conduct_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=320), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conduct_version")),
        sa.UniqueConstraint("number", name=op.f("uq_conduct_version_number")),
    )
    op.create_table(
        "mission",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("host_country", sa.String(length=2), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("election_type", sa.String(length=30), nullable=False),
        sa.Column("election_date", sa.Date(), nullable=False),
        sa.Column("runoff_date", sa.Date(), nullable=True),
        sa.Column("deployment_starts_on", sa.Date(), nullable=True),
        sa.Column("deployment_ends_on", sa.Date(), nullable=True),
        sa.Column("planned_budget_usd", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission")),
        sa.UniqueConstraint("code", name=op.f("uq_mission_code")),
    )
    op.create_index(op.f("ix_mission_host_country"), "mission", ["host_country"])
    op.create_index(op.f("ix_mission_status"), "mission", ["status"])

    op.create_table(
        "observer",
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("gender", sa.String(length=20), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("expertise", sa.JSON(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observer")),
        sa.UniqueConstraint("email", name=op.f("uq_observer_email")),
    )
    op.create_index(op.f("ix_observer_full_name"), "observer", ["full_name"])
    op.create_index(op.f("ix_observer_nationality"), "observer", ["nationality"])

    op.create_table(
        "agreement",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("counterpart", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_agreement_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
        sa.UniqueConstraint("mission_id", "kind", name=op.f("uq_agreement_mission_id")),
    )
    op.create_index(op.f("ix_agreement_mission_id"), "agreement", ["mission_id"])

    op.create_table(
        "conduct_item",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("mission_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_es", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "(version_id IS NULL) <> (mission_id IS NULL)",
            name=op.f("ck_conduct_item_version_or_mission"),
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_conduct_item_mission_id_mission")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["conduct_version.id"],
            name=op.f("fk_conduct_item_version_id_conduct_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conduct_item")),
    )
    op.create_index(op.f("ix_conduct_item_mission_id"), "conduct_item", ["mission_id"])
    op.create_index(op.f("ix_conduct_item_version_id"), "conduct_item", ["version_id"])

    op.create_table(
        "mission_member",
        sa.Column("observer_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("theme", sa.String(length=30), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_mission_member_mission_id_mission")
        ),
        sa.ForeignKeyConstraint(
            ["observer_id"], ["observer.id"], name=op.f("fk_mission_member_observer_id_observer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission_member")),
        sa.UniqueConstraint("mission_id", "observer_id", name=op.f("uq_mission_member_mission_id")),
    )
    op.create_index(op.f("ix_mission_member_mission_id"), "mission_member", ["mission_id"])
    op.create_index(op.f("ix_mission_member_observer_id"), "mission_member", ["observer_id"])

    op.create_table(
        "mission_transition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=30), nullable=False),
        sa.Column("to_status", sa.String(length=30), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_mission_transition_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission_transition")),
    )
    op.create_index(op.f("ix_mission_transition_mission_id"), "mission_transition", ["mission_id"])

    op.create_table(
        "acknowledgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("acknowledged_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["conduct_item.id"], name=op.f("fk_acknowledgement_item_id_conduct_item")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["mission_member.id"],
            name=op.f("fk_acknowledgement_member_id_mission_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acknowledgement")),
        sa.UniqueConstraint("member_id", "item_id", name=op.f("uq_acknowledgement_member_id")),
    )
    op.create_index(op.f("ix_acknowledgement_member_id"), "acknowledgement", ["member_id"])
    _publish_version_1()


def _publish_version_1() -> None:
    """Every database starts with version 1 of the code of conduct in force."""
    version = sa.table(
        "conduct_version",
        sa.column("id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("published_at", UtcDateTime()),
        sa.column("published_by", sa.String),
    )
    item = sa.table(
        "conduct_item",
        sa.column("version_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("key", sa.String),
        sa.column("kind", sa.String),
        sa.column("text_en", sa.Text),
        sa.column("text_es", sa.Text),
    )
    published = datetime(2026, 11, 28, tzinfo=UTC)
    bind = op.get_bind()
    bind.execute(version.insert().values(number=1, published_at=published, published_by="system"))
    version_id = bind.execute(sa.select(version.c.id).where(version.c.number == 1)).scalar_one()
    op.bulk_insert(
        item,
        [
            {
                "version_id": version_id,
                "position": n,
                "key": key,
                "kind": kind,
                "text_en": en,
                "text_es": es,
            }
            for n, (key, kind, en, es) in enumerate(CODE_OF_CONDUCT_V1, start=1)
        ],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_acknowledgement_member_id"), table_name="acknowledgement")

    op.drop_table("acknowledgement")
    op.drop_index(op.f("ix_mission_transition_mission_id"), table_name="mission_transition")

    op.drop_table("mission_transition")
    op.drop_index(op.f("ix_mission_member_observer_id"), table_name="mission_member")
    op.drop_index(op.f("ix_mission_member_mission_id"), table_name="mission_member")

    op.drop_table("mission_member")
    op.drop_index(op.f("ix_conduct_item_version_id"), table_name="conduct_item")
    op.drop_index(op.f("ix_conduct_item_mission_id"), table_name="conduct_item")

    op.drop_table("conduct_item")
    op.drop_index(op.f("ix_agreement_mission_id"), table_name="agreement")

    op.drop_table("agreement")
    op.drop_index(op.f("ix_observer_nationality"), table_name="observer")
    op.drop_index(op.f("ix_observer_full_name"), table_name="observer")

    op.drop_table("observer")
    op.drop_index(op.f("ix_mission_status"), table_name="mission")
    op.drop_index(op.f("ix_mission_host_country"), table_name="mission")

    op.drop_table("mission")
    op.drop_table("conduct_version")
