"""A form's scope (a station, an area, the whole mission) and theme; a submission names a
station or an area, or neither, and keeps the region it counts under (the stored ones
take their station's).

Revision ID: 0015
Revises: 0012
Created: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("form") as batch:
        batch.add_column(
            sa.Column("scope", sa.String(length=20), nullable=False, server_default="station")
        )
        batch.add_column(sa.Column("theme", sa.String(length=30), nullable=True))
    with op.batch_alter_table("submission") as batch:
        batch.alter_column("station_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("area", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("region", sa.String(length=200), nullable=True))
    submission = sa.table(
        "submission", sa.column("station_id", sa.Integer), sa.column("region", sa.String)
    )
    station = sa.table(
        "polling_station", sa.column("id", sa.Integer), sa.column("region", sa.String)
    )
    region_of_station = (
        sa.select(station.c.region).where(station.c.id == submission.c.station_id).scalar_subquery()
    )
    op.get_bind().execute(submission.update().values(region=region_of_station))
    with op.batch_alter_table("form") as batch:
        batch.alter_column("scope", server_default=None)


def downgrade() -> None:
    # Filings for an area or the whole mission have no place in the older schema.
    submission = sa.table("submission", sa.column("station_id", sa.Integer))
    op.get_bind().execute(submission.delete().where(submission.c.station_id.is_(None)))
    with op.batch_alter_table("submission") as batch:
        batch.drop_column("region")
        batch.drop_column("area")
        batch.alter_column("station_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("form") as batch:
        batch.drop_column("theme")
        batch.drop_column("scope")
