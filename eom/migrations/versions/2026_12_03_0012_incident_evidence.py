"""Incidents with evidence: an optional position (latitude, longitude, accuracy in metres)
and up to three photos each, stored in the database without their metadata.

Revision ID: 0012
Revises: 0011
Created: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSITION = ("latitude", "longitude", "accuracy_m")


def upgrade() -> None:
    with op.batch_alter_table("incident") as batch:
        for name in POSITION:
            batch.add_column(sa.Column(name, sa.Float(), nullable=True))
    op.create_table(
        "incident_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("received_sha256", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", UtcDateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incident.id"], name=op.f("fk_incident_photo_incident_id_incident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_photo")),
        sa.UniqueConstraint(
            "incident_id", "received_sha256", name=op.f("uq_incident_photo_incident_id")
        ),
    )
    op.create_index(op.f("ix_incident_photo_incident_id"), "incident_photo", ["incident_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_incident_photo_incident_id"), table_name="incident_photo")
    op.drop_table("incident_photo")
    with op.batch_alter_table("incident") as batch:
        for name in reversed(POSITION):
            batch.drop_column(name)
