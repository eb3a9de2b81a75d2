"""The journal of requests carried out in the company's databases: dataset_runs and their steps.

Revision ID: 0007_datasets
Revises: 0006_provision
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0007_datasets"
down_revision = "0006_provision"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dataset_runs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("identity_kinds", JsonDocument, nullable=False),
        sa.Column("holds", JsonDocument, nullable=False),
        sa.Column("planned_at", UtcDateTime(), nullable=False),
        sa.Column("planned_by", sa.String(200), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_dataset_runs"),
    )
    op.create_table(
        "dataset_run_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("operations", JsonDocument, nullable=False),
        sa.Column("planned_rows", sa.Integer(), nullable=False),
        sa.Column("rows_changed", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(200), nullable=True),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["dataset_runs.id"], name="fk_dataset_run_steps_run_id_dataset_runs"),
        sa.PrimaryKeyConstraint("id", name="pk_dataset_run_steps"),
        sa.UniqueConstraint("run_id", "position", name="uq_dataset_run_steps_run_id"),
    )


def downgrade() -> None:
    op.drop_table("dataset_run_steps")
    op.drop_table("dataset_runs")
