"""Provision: records (Arts. 29-31), suspensions of provision, periodic checks, Art. 31 confirmations.

Revision ID: 0006_provision
Revises: 0005_operators
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0006_provision"
down_revision = "0005_operators"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provision_records",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("route", sa.String(32), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("counterpart_id", sa.String(64), nullable=False),
        sa.Column("basis", sa.String(32), nullable=False),
        sa.Column("items", JsonDocument, nullable=False),
        sa.Column("fields", JsonDocument, nullable=False),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("made_at", UtcDateTime(), nullable=False),
        sa.Column("first_at", UtcDateTime(), nullable=False),
        sa.Column("last_at", UtcDateTime(), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
        sa.Column("retention_until", UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_provision_records_person_id", "provision_records", ["person_id"])
    op.create_index("ix_provision_records_retention_until", "provision_records", ["retention_until"])
    op.create_index(
        "ix_provision_records_bulk", "provision_records", ["person_id", "counterpart_id", "route", "method"]
    )
    op.create_table(
        "provision_suspensions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("recipient_id", sa.String(64), nullable=True),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("lifted_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_provision_suspensions_person_id", "provision_suspensions", ["person_id"])
    op.create_table(
        "provision_checks",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("register", sa.String(16), nullable=False),
        sa.Column("recipient_id", sa.String(64), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.String(500), nullable=True),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_provision_checks_recipient", "provision_checks", ["register", "recipient_id"])
    op.create_table(
        "provision_referable_confirmations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("recipient_id", sa.String(64), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("evidence", sa.String(500), nullable=True),
        sa.Column("foreign_information", sa.Boolean(), nullable=False),
        sa.Column("confirmed_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("withdrawn_at", UtcDateTime(), nullable=True),
    )
    op.create_index(
        "ix_provision_referable_confirmations_person_id", "provision_referable_confirmations", ["person_id"]
    )


def downgrade() -> None:
    op.drop_table("provision_referable_confirmations")
    op.drop_table("provision_checks")
    op.drop_table("provision_suspensions")
    op.drop_table("provision_records")
