"""Incidents (漏えい等): the register, the reports owed and their versions, notices to persons, the timeline and the
clock warnings.

Revision ID: 0013_incidents
Revises: 0012_notes_rate_limits
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.db.types import JsonDocument, UtcDateTime

revision = "0013_incidents"
down_revision = "0012_notes_rate_limits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("effects", JsonDocument, nullable=False),
        sa.Column("occurred_at", UtcDateTime(), nullable=True),
        sa.Column("aware_at", UtcDateTime(), nullable=False),
        sa.Column("found_by", sa.String(24), nullable=False),
        sa.Column("entrustee_id", sa.String(64), nullable=True),
        sa.Column("as_entrustee", sa.Boolean(), nullable=False),
        sa.Column("principal_notified_at", UtcDateTime(), nullable=True),
        sa.Column("scope", JsonDocument, nullable=False),
        sa.Column("flags", JsonDocument, nullable=False),
        sa.Column("description_note", sa.String(32), nullable=True),
        sa.Column("ledger_version", sa.Integer(), nullable=False),
        sa.Column("assessment", JsonDocument, nullable=True),
        sa.Column("assessed_at", UtcDateTime(), nullable=True),
        sa.Column("announcement_note", sa.String(32), nullable=True),
        sa.Column("announced_at", UtcDateTime(), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
    )
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_table(
        "incident_reports",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("authority", sa.String(16), nullable=False),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("article", sa.String(80), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filed_at", UtcDateTime(), nullable=True),
        sa.Column("filed_by", sa.String(200), nullable=True),
        sa.Column("filed_reference", sa.String(100), nullable=True),
        sa.Column("filed_version", sa.Integer(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_incident_reports_incident_id_incidents"),
        sa.PrimaryKeyConstraint("id", name="pk_incident_reports"),
    )
    op.create_index("ix_incident_reports_incident_id", "incident_reports", ["incident_id"])
    op.create_index("ix_incident_reports_due_on", "incident_reports", ["due_on"])
    op.create_table(
        "incident_report_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_note", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["incident_reports.id"], name="fk_incident_report_versions_report_id_incident_reports"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incident_report_versions"),
        sa.UniqueConstraint("report_id", "version", name="uq_incident_report_versions_report_id"),
    )
    op.create_index("ix_incident_report_versions_report_id", "incident_report_versions", ["report_id"])
    op.create_table(
        "incident_notices",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("person_id", sa.String(32), nullable=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(48), nullable=True),
        sa.Column("message_id", sa.String(48), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_incident_notices_incident_id_incidents"),
        sa.PrimaryKeyConstraint("id", name="pk_incident_notices"),
        sa.UniqueConstraint("incident_id", "target", name="uq_incident_notices_incident_id"),
    )
    op.create_index("ix_incident_notices_incident_id", "incident_notices", ["incident_id"])
    op.create_index("ix_incident_notices_person_id", "incident_notices", ["person_id"])
    op.create_table(
        "incident_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("data", JsonDocument, nullable=False),
        sa.Column("note_id", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_incident_events_incident_id_incidents"),
        sa.PrimaryKeyConstraint("id", name="pk_incident_events"),
    )
    op.create_index("ix_incident_events_incident_id", "incident_events", ["incident_id"])
    op.create_table(
        "incident_warnings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(32), nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["incident_reports.id"], name="fk_incident_warnings_report_id_incident_reports"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incident_warnings"),
        sa.UniqueConstraint("report_id", "level", "due_on", name="uq_incident_warnings_report_id"),
    )
    op.create_index("ix_incident_warnings_report_id", "incident_warnings", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_warnings_report_id", table_name="incident_warnings")
    op.drop_table("incident_warnings")
    op.drop_index("ix_incident_events_incident_id", table_name="incident_events")
    op.drop_table("incident_events")
    op.drop_index("ix_incident_notices_person_id", table_name="incident_notices")
    op.drop_index("ix_incident_notices_incident_id", table_name="incident_notices")
    op.drop_table("incident_notices")
    op.drop_index("ix_incident_report_versions_report_id", table_name="incident_report_versions")
    op.drop_table("incident_report_versions")
    op.drop_index("ix_incident_reports_due_on", table_name="incident_reports")
    op.drop_index("ix_incident_reports_incident_id", table_name="incident_reports")
    op.drop_table("incident_reports")
    op.drop_index("ix_incidents_status", table_name="incidents")
    op.drop_table("incidents")
