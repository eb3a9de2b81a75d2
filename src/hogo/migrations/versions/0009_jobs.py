"""Scheduled duties: the schedule of periodic jobs, and the overdue periodic checks noticed once per due date.

Revision ID: 0009_jobs
Revises: 0008_requests
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0009_jobs"
down_revision = "0008_requests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduled_jobs",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("description_ja", sa.String(200), nullable=False),
        sa.Column("description_en", sa.String(200), nullable=False),
        sa.Column("next_due_at", UtcDateTime(), nullable=False),
        sa.Column("lease_owner", sa.String(120), nullable=True),
        sa.Column("lease_until", UtcDateTime(), nullable=True),
        sa.Column("last_due_at", UtcDateTime(), nullable=True),
        sa.Column("last_started_at", UtcDateTime(), nullable=True),
        sa.Column("last_finished_at", UtcDateTime(), nullable=True),
        sa.Column("last_outcome", sa.String(16), nullable=True),
        sa.Column("last_error_class", sa.String(120), nullable=True),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("last_counts", JsonDocument, nullable=True),
        sa.Column("run_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_scheduled_jobs"),
    )
    op.create_table(
        "provision_overdue_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("register", sa.String(16), nullable=False),
        sa.Column("recipient_id", sa.String(64), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("noticed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_provision_overdue_notices"),
        sa.UniqueConstraint("register", "recipient_id", "due_on", name="uq_provision_overdue_notices_due"),
    )


def downgrade() -> None:
    op.drop_table("provision_overdue_notices")
    op.drop_table("scheduled_jobs")
