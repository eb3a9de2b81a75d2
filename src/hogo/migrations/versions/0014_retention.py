"""Retention: events that start clocks, holds set in hogo, sweeps and their content-free disposal records.

Revision ID: 0014_retention
Revises: 0013_incidents
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0014_retention"
down_revision = "0013_incidents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_events",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("person_id", sa.String(32), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("trigger", sa.String(40), nullable=False),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("reference_note", sa.String(32), nullable=True),
        sa.Column("reversed_at", UtcDateTime(), nullable=True),
        sa.Column("reversed_by", sa.String(200), nullable=True),
        sa.Column("reversal_note", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_retention_events"),
    )
    op.create_index("ix_retention_events_person", "retention_events", ["person_id", "trigger"])
    op.create_table(
        "retention_holds",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("statute", sa.String(200), nullable=False),
        sa.Column("person_id", sa.String(32), nullable=True),
        sa.Column("subject_kinds", JsonDocument, nullable=False),
        sa.Column("items", JsonDocument, nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("reason_note", sa.String(32), nullable=True),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_at", UtcDateTime(), nullable=False),
        sa.Column("released_at", UtcDateTime(), nullable=True),
        sa.Column("released_by", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_retention_holds"),
    )
    op.create_index("ix_retention_holds_person_id", "retention_holds", ["person_id"])
    op.create_table(
        "retention_sweeps",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("as_of", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("started_by", sa.String(200), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("counts", JsonDocument, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_retention_sweeps"),
    )
    op.create_index("ix_retention_sweeps_status", "retention_sweeps", ["status"])
    op.create_table(
        "retention_disposals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sweep_id", sa.String(32), nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(32), nullable=False),
        sa.Column("subject_kind", sa.String(64), nullable=False),
        sa.Column("items", JsonDocument, nullable=False),
        sa.Column("method", sa.String(24), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("vault_done", sa.Boolean(), nullable=False),
        sa.Column("vault_records", sa.Integer(), nullable=False),
        sa.Column("shredded", sa.Boolean(), nullable=False),
        sa.Column("dataset_run_id", sa.String(32), nullable=True),
        sa.Column("dataset_rows", sa.Integer(), nullable=False),
        sa.Column("holds", JsonDocument, nullable=False),
        sa.Column("reason", sa.String(200), nullable=True),
        sa.Column("done_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_retention_disposals"),
        sa.UniqueConstraint("sweep_id", "rule_id", "person_id", name="uq_retention_disposals_sweep_id"),
    )
    op.create_index("ix_retention_disposals_status", "retention_disposals", ["sweep_id", "status"])
    op.create_index("ix_retention_disposals_person_id", "retention_disposals", ["person_id"])


def downgrade() -> None:
    op.drop_table("retention_disposals")
    op.drop_table("retention_sweeps")
    op.drop_table("retention_holds")
    op.drop_table("retention_events")
