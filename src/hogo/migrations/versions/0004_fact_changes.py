"""The change journal: which persons' decision facts (or the ledger) changed, for other processes' caches.

Revision ID: 0004_fact_changes
Revises: 0002_audit_body
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import UtcDateTime

revision = "0004_fact_changes"
down_revision = "0002_audit_body"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fact_changes",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(32), nullable=True),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_fact_changes_changed_at", "fact_changes", ["changed_at"])


def downgrade() -> None:
    op.drop_index("ix_fact_changes_changed_at", table_name="fact_changes")
    op.drop_table("fact_changes")
