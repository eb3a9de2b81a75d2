"""Store each audit event's hashed bytes (`body`); its `data` lives only there from now on.

Revision ID: 0002_audit_body
Revises: 0003_vault
Create Date: 2026-11-22

It runs after 0003_vault, which was committed first: a database already at 0003_vault still gets it.

Upgrade recomputes every body from the columns with `canonical()` — byte for byte what was hashed
when the event was recorded — so an intact chain keeps verifying, and a row that was tampered with
gets a body that does not match its hash, which `hogo audit verify` then names. Downgrade puts
`data` back from the bodies.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from hogo.audit.policy import canonical
from hogo.db.types import JsonDocument, UtcDateTime

revision = "0002_audit_body"
down_revision = "0003_vault"
branch_labels = None
depends_on = None

BATCH = 5_000

events = sa.table(
    "audit_events",
    sa.column("seq", sa.BigInteger()),
    sa.column("occurred_at", UtcDateTime()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity_type", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("data", JsonDocument),
    sa.column("body", sa.LargeBinary()),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("body", sa.LargeBinary(), nullable=True))
    connection = op.get_bind()
    c = events.c
    for rows in _in_batches(connection, c.occurred_at, c.actor, c.action, c.entity_type, c.entity_id, c.data):
        _set(
            connection,
            "body",
            [
                (r.seq, canonical(r.seq, r.occurred_at, r.actor, r.action, r.entity_type, r.entity_id, r.data))
                for r in rows
            ],
        )
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("body", existing_type=sa.LargeBinary(), nullable=False)
        batch.drop_column("data")


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("data", JsonDocument, nullable=True))
    connection = op.get_bind()
    for rows in _in_batches(connection, events.c.body):
        _set(connection, "data", [(r.seq, _data(r.seq, r.body)) for r in rows])
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("data", existing_type=JsonDocument, nullable=False)
        batch.drop_column("body")


def _in_batches(connection: sa.Connection, *columns: sa.ColumnClause[Any]) -> Iterator[Sequence[sa.Row[Any]]]:
    """Every event, in seq order, with `seq` and the given columns, BATCH rows at a time."""
    last: int | None = None
    while True:
        query = sa.select(events.c.seq, *columns).order_by(events.c.seq).limit(BATCH)
        if last is not None:
            query = query.where(events.c.seq > last)
        rows = connection.execute(query).all()
        if not rows:
            return
        yield rows
        last = rows[-1].seq


def _set(connection: sa.Connection, name: str, values: list[tuple[int, Any]]) -> None:
    statement = sa.update(events).where(events.c.seq == sa.bindparam("key")).values({name: sa.bindparam("value")})
    connection.execute(statement, [{"key": key, "value": value} for key, value in values])


def _data(seq: int, body: bytes) -> Any:
    try:
        return json.loads(body)["data"]
    except (ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"audit event {seq} has a damaged body; its data cannot be restored") from exc
