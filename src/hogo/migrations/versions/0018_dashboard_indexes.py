"""Indexes the officer's dashboard and the audit page filter by: records past their retention, requests and
consents per month, audit events by time, entity and actor.

Revision ID: 0018_dashboard_indexes
Revises: 0017_pms
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0018_dashboard_indexes"
down_revision = "0017_pms"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_persons_erased_at", "persons", ["erased_at"]),
    ("ix_records_retention_until", "records", ["retention_until", "superseded_at", "person_id"]),
    ("ix_person_requests_received_at", "person_requests", ["received_at"]),
    ("ix_person_requests_kind_received", "person_requests", ["kind", "received_at"]),
    ("ix_person_requests_channel_received", "person_requests", ["channel", "received_at"]),
    ("ix_person_requests_status_due", "person_requests", ["status", "due_on"]),
    (
        "ix_person_requests_answer_times",
        "person_requests",
        ["received_at", "due_on", "notified_at", "answered_at", "fulfilled_at"],
    ),
    ("ix_consents_given_at", "consents", ["given_at"]),
    ("ix_consents_withdrawn_at", "consents", ["withdrawn_at"]),
    ("ix_audit_events_occurred_at", "audit_events", ["occurred_at"]),
    ("ix_audit_events_entity_id", "audit_events", ["entity_id"]),
    ("ix_audit_events_actor", "audit_events", ["actor"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
