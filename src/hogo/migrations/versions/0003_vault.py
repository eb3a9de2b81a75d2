"""The vault: persons, identifiers, data keys, records, suspensions, consents, API keys.

Revision ID: 0003_vault
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0003_vault"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("subject_kind", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("erased_at", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "person_identifiers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.UniqueConstraint("kind", "digest"),
    )
    op.create_index("ix_person_identifiers_person_id", "person_identifiers", ["person_id"])
    op.create_table(
        "data_keys",
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), primary_key=True),
        sa.Column("master_key_id", sa.String(32), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_data_keys_master_key_id", "data_keys", ["master_key_id"])
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("acquired_at", UtcDateTime(), nullable=False),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("purposes", JsonDocument, nullable=False),
        sa.Column("consents", JsonDocument, nullable=False),
        sa.Column("basis", JsonDocument, nullable=True),
        sa.Column("retention_rule", sa.String(64), nullable=True),
        sa.Column("retention_until", UtcDateTime(), nullable=True),
        sa.Column("superseded_at", UtcDateTime(), nullable=True),
        sa.Column("acquired_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_records_person_item", "records", ["person_id", "item"])
    op.create_table(
        "suspensions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("purposes", JsonDocument, nullable=True),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("lifted_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_suspensions_person_id", "suspensions", ["person_id"])
    op.create_table(
        "consents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("shown", JsonDocument, nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("evidence", sa.String(500), nullable=True),
        sa.Column("given_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("withdrawn_at", UtcDateTime(), nullable=True),
        sa.Column("withdrawal_method", sa.String(32), nullable=True),
    )
    op.create_index("ix_consents_person_id", "consents", ["person_id"])
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("categories", JsonDocument, nullable=True),
        sa.Column("secret_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("revoked_at", UtcDateTime(), nullable=True),
    )


def downgrade() -> None:
    for table in ("api_keys", "consents", "suspensions", "records", "data_keys", "person_identifiers", "persons"):
        op.drop_table(table)
