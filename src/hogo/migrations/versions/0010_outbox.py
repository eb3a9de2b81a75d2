"""The outbox (messages sent after their transaction commits); a request's answer and its download period.

Revision ID: 0010_outbox
Revises: 0009_jobs
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import UtcDateTime

revision = "0010_outbox"
down_revision = "0009_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("purpose", sa.String(64), nullable=False),
        sa.Column("about_type", sa.String(32), nullable=True),
        sa.Column("about_id", sa.String(64), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("lease_until", UtcDateTime(), nullable=True),
        sa.Column("expires_at", UtcDateTime(), nullable=True),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("resent", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("key", name="uq_outbox_key"),
    )
    op.create_index("ix_outbox_due", "outbox", ["state", "next_attempt_at"])
    op.create_index("ix_outbox_about", "outbox", ["about_type", "about_id"])
    with op.batch_alter_table("person_requests") as batch:
        batch.add_column(sa.Column("answered_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("package_until", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("package_ended_at", UtcDateTime(), nullable=True))
    # Requests answered before: the answer and the notice were recorded as one instant.
    op.execute("UPDATE person_requests SET answered_at = notified_at WHERE notified_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("person_requests") as batch:
        batch.drop_column("package_ended_at")
        batch.drop_column("package_until")
        batch.drop_column("answered_at")
    op.drop_index("ix_outbox_about", table_name="outbox")
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_table("outbox")
