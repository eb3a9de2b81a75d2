"""The audit trail's Merkle tree: each event's leaf hash, the stored complete subtrees, the right edge, checkpoints.

Revision ID: 0015_audit_tree
Revises: 0014_retention
Create Date: 2026-12-05

Upgrade builds the tree over the events already stored, from their bodies as they are now (a body tampered with
before the upgrade is in the tree as it is: the hash chain still names it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hogo.audit import merkle
from hogo.db.types import UtcDateTime

revision = "0015_audit_tree"
down_revision = "0014_retention"
branch_labels = None
depends_on = None

BATCH = 10_000

events = sa.table("audit_events", sa.column("seq", sa.BigInteger()), sa.column("body", sa.LargeBinary()))
events_leaf = sa.table("audit_events", sa.column("seq", sa.BigInteger()), sa.column("leaf", sa.LargeBinary()))
head = sa.table("audit_head", sa.column("id", sa.Integer()), sa.column("frontier", sa.LargeBinary()))
nodes = sa.table(
    "audit_nodes", sa.column("level", sa.SmallInteger()), sa.column("idx", sa.BigInteger()), sa.column("hash")
)


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("leaf", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("frontier", sa.LargeBinary(), nullable=False, server_default=""))
    op.create_table(
        "audit_nodes",
        sa.Column("level", sa.SmallInteger(), nullable=False, autoincrement=False),
        sa.Column("idx", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("hash", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("level", "idx", name="pk_audit_nodes"),
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("origin", sa.String(200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("root", sa.LargeBinary(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("written_at", UtcDateTime(), nullable=False),
        sa.Column("verified_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("origin", "size", name="pk_audit_checkpoints"),
    )
    op.create_index("ix_audit_checkpoints_written_at", "audit_checkpoints", ["written_at"])

    connection = op.get_bind()
    frontier: list[bytes] = []
    size = 0
    update = sa.update(events_leaf).where(events_leaf.c.seq == sa.bindparam("key")).values(leaf=sa.bindparam("value"))
    while True:
        rows = connection.execute(
            sa.select(events.c.seq, events.c.body).where(events.c.seq > size).order_by(events.c.seq).limit(BATCH)
        ).all()
        if not rows:
            break
        leaves = merkle.leaf_hashes(bytes(r.body) for r in rows)
        connection.execute(update, [{"key": r.seq, "value": leaf} for r, leaf in zip(rows, leaves, strict=True)])
        stored = merkle.append_all(frontier, size, leaves)
        if stored:
            connection.execute(sa.insert(nodes), [{"level": lv, "idx": i, "hash": h} for lv, i, h in stored])
        size = rows[-1].seq
    connection.execute(sa.update(head).values(frontier=merkle.pack(frontier)))


def downgrade() -> None:
    op.drop_index("ix_audit_checkpoints_written_at", table_name="audit_checkpoints")
    op.drop_table("audit_checkpoints")
    op.drop_table("audit_nodes")
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("frontier")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("leaf")
