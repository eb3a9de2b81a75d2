"""The website's consent banner: its versions, the visitors' choices, and visitors linked to persons.

Revision ID: 0016_web_consent
Revises: 0015_audit_tree
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0016_web_consent"
down_revision = "0015_audit_tree"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_banners",
        sa.Column("version", sa.String(24), nullable=False),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("content", JsonDocument, nullable=False),
        sa.Column("first_shown_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_web_banners"),
    )
    op.create_table(
        "web_consents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("visitor_id", sa.String(40), nullable=False),
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("banner_version", sa.String(24), nullable=False),
        sa.Column("choices", JsonDocument, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("gpc", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(200), nullable=True),
        sa.Column("given_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_consents"),
        sa.UniqueConstraint("nonce", name="uq_web_consents_nonce"),
    )
    op.create_index("ix_web_consents_visitor_id", "web_consents", ["visitor_id"])
    op.create_index("ix_web_consents_given_at", "web_consents", ["given_at"])
    op.create_table(
        "web_consent_links",
        sa.Column("visitor_id", sa.String(40), nullable=False),
        sa.Column("person_id", sa.String(32), nullable=False),
        sa.Column("linked_at", UtcDateTime(), nullable=False),
        sa.Column("linked_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("visitor_id", name="pk_web_consent_links"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_web_consent_links_person_id_persons"),
    )
    op.create_index("ix_web_consent_links_person_id", "web_consent_links", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_web_consent_links_person_id", table_name="web_consent_links")
    op.drop_table("web_consent_links")
    op.drop_index("ix_web_consents_given_at", table_name="web_consents")
    op.drop_index("ix_web_consents_visitor_id", table_name="web_consents")
    op.drop_table("web_consents")
    op.drop_table("web_banners")
