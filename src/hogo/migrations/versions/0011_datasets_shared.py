"""Dataset runs: the rows another person reaches too, held and reported for the desk (dataset_runs.shared);
a step done by an interrupted attempt and confirmed on resume (dataset_run_steps.confirmed_on_resume).

Revision ID: 0011_datasets_shared
Revises: 0010_outbox
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument

revision = "0011_datasets_shared"
down_revision = "0010_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dataset_runs") as batch:
        batch.add_column(sa.Column("shared", JsonDocument, nullable=True))
    with op.batch_alter_table("dataset_run_steps") as batch:
        batch.add_column(sa.Column("confirmed_on_resume", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("dataset_run_steps") as batch:
        batch.drop_column("confirmed_on_resume")
    with op.batch_alter_table("dataset_runs") as batch:
        batch.drop_column("shared")
