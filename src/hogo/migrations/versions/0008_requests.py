"""Requests from the person (開示等の請求) and complaints.

Revision ID: 0008_requests
Revises: 0007_datasets
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0008_requests"
down_revision = "0007_datasets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_requests",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("person_id", sa.String(32), nullable=True),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("claimed_ground", sa.String(40), nullable=True),
        sa.Column("scope", JsonDocument, nullable=False),
        sa.Column("disclosure_method", sa.String(16), nullable=True),
        sa.Column("agent_kind", sa.String(32), nullable=True),
        sa.Column("agent_evidence", JsonDocument, nullable=True),
        sa.Column("agent_identity", sa.String(40), nullable=True),
        sa.Column("identity_method", sa.String(40), nullable=True),
        sa.Column("identity_reference", sa.String(200), nullable=True),
        sa.Column("identity_verified_at", UtcDateTime(), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=True),
        sa.Column("code_expires_at", UtcDateTime(), nullable=True),
        sa.Column("code_attempts", sa.Integer(), nullable=False),
        sa.Column("codes_sent", sa.Integer(), nullable=False),
        sa.Column("code_sent_at", UtcDateTime(), nullable=True),
        sa.Column("fee_jpy", sa.Integer(), nullable=False),
        sa.Column("fee_paid_at", UtcDateTime(), nullable=True),
        sa.Column("fee_method", sa.String(32), nullable=True),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("target_days", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("art39_from", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("ground", sa.String(48), nullable=True),
        sa.Column("article", sa.String(64), nullable=True),
        sa.Column("decided_at", UtcDateTime(), nullable=True),
        sa.Column("fulfilled_at", UtcDateTime(), nullable=True),
        sa.Column("notified_at", UtcDateTime(), nullable=True),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("measures", JsonDocument, nullable=True),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("package", sa.LargeBinary(), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_person_requests_person_id_persons"),
        sa.PrimaryKeyConstraint("id", name="pk_person_requests"),
        sa.UniqueConstraint("token_hash", name="uq_person_requests_token_hash"),
    )
    op.create_index("ix_person_requests_status", "person_requests", ["status"])
    op.create_index("ix_person_requests_person_id", "person_requests", ["person_id"])
    op.create_index("ix_person_requests_due_on", "person_requests", ["due_on"])


def downgrade() -> None:
    op.drop_index("ix_person_requests_due_on", table_name="person_requests")
    op.drop_index("ix_person_requests_person_id", table_name="person_requests")
    op.drop_index("ix_person_requests_status", table_name="person_requests")
    op.drop_table("person_requests")
