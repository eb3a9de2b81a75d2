"""The yearly cycle of the management system (PMS): ledger reviews, internal audits and findings, training courses
and attendance, security measures, responsible persons.

Revision ID: 0017_pms
Revises: 0016_web_consent
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import UtcDateTime

revision = "0017_pms"
down_revision = "0016_web_consent"
branch_labels = None
depends_on = None


def _stamp() -> list[sa.Column[object]]:
    return [
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "pms_reviews",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("section", sa.String(40), nullable=False),
        sa.Column("reviewer_id", sa.String(32), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("findings", sa.String(4000), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=False),
        *_stamp(),
        sa.PrimaryKeyConstraint("id", name="pk_pms_reviews"),
    )
    op.create_index("ix_pms_reviews_section", "pms_reviews", ["section"])
    op.create_index("ix_pms_reviews_next_due", "pms_reviews", ["next_due"])
    op.create_table(
        "pms_audits",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("scope", sa.String(2000), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("auditor_id", sa.String(32), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        *_stamp(),
        sa.PrimaryKeyConstraint("id", name="pk_pms_audits"),
    )
    op.create_table(
        "pms_findings",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("audit_id", sa.String(32), nullable=False),
        sa.Column("text", sa.String(4000), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("action", sa.String(4000), nullable=True),
        sa.Column("owner_id", sa.String(32), nullable=True),
        sa.Column("action_due", sa.Date(), nullable=True),
        sa.Column("completion", sa.String(4000), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["pms_audits.id"], name="fk_pms_findings_audit_id_pms_audits"),
        sa.PrimaryKeyConstraint("id", name="pk_pms_findings"),
    )
    op.create_index("ix_pms_findings_audit_id", "pms_findings", ["audit_id"])
    op.create_index("ix_pms_findings_action_due", "pms_findings", ["action_due"])
    op.create_table(
        "pms_courses",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("interval_months", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pms_courses"),
    )
    op.create_table(
        "pms_trainings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("course_id", sa.String(32), nullable=False),
        sa.Column("operator_id", sa.String(32), nullable=False),
        sa.Column("attended_on", sa.Date(), nullable=False),
        *_stamp(),
        sa.ForeignKeyConstraint(["course_id"], ["pms_courses.id"], name="fk_pms_trainings_course_id_pms_courses"),
        sa.PrimaryKeyConstraint("id", name="pk_pms_trainings"),
    )
    op.create_index("ix_pms_trainings_course_id", "pms_trainings", ["course_id"])
    op.create_index("ix_pms_trainings_last", "pms_trainings", ["operator_id", "course_id", "attended_on"])
    op.create_table(
        "pms_measures",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("title", sa.String(2000), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("evidence", sa.String(2000), nullable=False),
        sa.Column("last_reviewed", sa.Date(), nullable=True),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pms_measures"),
    )
    op.create_index("ix_pms_measures_next_review", "pms_measures", ["next_review"])
    op.create_table(
        "pms_responsibles",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("operator_id", sa.String(32), nullable=True),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        *_stamp(),
        sa.PrimaryKeyConstraint("id", name="pk_pms_responsibles"),
    )


def downgrade() -> None:
    op.drop_table("pms_responsibles")
    op.drop_index("ix_pms_measures_next_review", table_name="pms_measures")
    op.drop_table("pms_measures")
    op.drop_index("ix_pms_trainings_last", table_name="pms_trainings")
    op.drop_index("ix_pms_trainings_course_id", table_name="pms_trainings")
    op.drop_table("pms_trainings")
    op.drop_table("pms_courses")
    op.drop_index("ix_pms_findings_action_due", table_name="pms_findings")
    op.drop_index("ix_pms_findings_audit_id", table_name="pms_findings")
    op.drop_table("pms_findings")
    op.drop_table("pms_audits")
    op.drop_index("ix_pms_reviews_next_due", table_name="pms_reviews")
    op.drop_index("ix_pms_reviews_section", table_name="pms_reviews")
    op.drop_table("pms_reviews")
