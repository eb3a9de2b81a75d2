"""Sealed notes (free text kept out of the audit trail) and rate limits shared by every process.

Revision ID: 0012_notes_rate_limits
Revises: 0011_datasets_shared
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import UtcDateTime

revision = "0012_notes_rate_limits"
down_revision = "0011_datasets_shared"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("person_id", sa.String(32), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
    )
    op.create_index("ix_notes_person_id", "notes", ["person_id"])
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(96), nullable=False),
        sa.Column("window_start", UtcDateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window_start", name="pk_rate_limits"),
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
    op.drop_index("ix_notes_person_id", table_name="notes")
    op.drop_table("notes")
