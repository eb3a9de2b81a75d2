"""Migrations 0002_audit_body and 0015_audit_tree on SQLite and PostgreSQL: an existing chain keeps verifying, and
back again; the tree is built over the events already stored exactly as appending them would have built it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hogo.audit.models import AuditEvent, AuditHead, AuditNode
from hogo.audit.policy import GENESIS, canonical, chain_hash
from hogo.bootstrap import Container
from hogo.db import migrate
from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime

BEFORE = "0001"
T0 = dt.datetime(2026, 11, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
DATA: list[dict[str, Any]] = [
    {},
    {"sha256": "ab" * 32, "previous": None, "changes": 3, "flagged": ["purposes:service"]},
    {"note": '引用 "quoted" \\ back', "ratio": 2.5, "nested": {"z": [1, {"b": 2, "a": 1}], "a": True}},
]

old_events = sa.table(
    "audit_events",
    *(sa.column(name) for name in ("seq", "actor", "action", "entity_type", "entity_id", "prev_hash", "hash")),
    sa.column("occurred_at", UtcDateTime()),
    sa.column("data", JsonDocument),
)
old_head = sa.table("audit_head", sa.column("id"), sa.column("seq"), sa.column("hash"))


def write_old_chain(engine: sa.Engine) -> None:
    """Events as revision 0001 stored them: the hashed content only as columns, `data` as JSON."""
    prev = GENESIS
    with engine.begin() as conn:
        for seq, data in enumerate(DATA, start=1):
            at = T0 + dt.timedelta(hours=seq)
            body = canonical(seq, at, "officer", "ledger.applied", "ledger_version", str(seq), data)
            digest = chain_hash(prev, body)
            conn.execute(
                sa.insert(old_events).values(
                    seq=seq,
                    occurred_at=at,
                    actor="officer",
                    action="ledger.applied",
                    entity_type="ledger_version",
                    entity_id=str(seq),
                    data=data,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        conn.execute(sa.insert(old_head).values(id=1, seq=len(DATA), hash=prev))


def test_upgrade_stores_the_hashed_bytes_of_existing_events(container: Container) -> None:
    engine = container.engine
    migrate.downgrade(engine, BEFORE)
    write_old_chain(engine)
    migrate.upgrade(engine)
    result = container.audit.verify()
    assert result.ok and result.events == len(DATA)
    assert [e.data for e in reversed(container.audit.events())] == DATA
    assert "data" not in {c["name"] for c in sa.inspect(engine).get_columns("audit_events")}


def test_upgrade_keeps_a_tampered_event_detectable(container: Container) -> None:
    engine = container.engine
    migrate.downgrade(engine, BEFORE)
    write_old_chain(engine)
    with engine.begin() as conn:
        conn.execute(sa.update(old_events).where(old_events.c.seq == 2).values(data={"changes": 0}))
    migrate.upgrade(engine)
    broken = container.audit.verify().broken
    assert broken is not None and (broken.seq, broken.kind) == (2, "altered")


def test_downgrade_puts_data_back_from_the_bodies(container: Container) -> None:
    with container.uow() as uow:
        for data in DATA:
            uow.record(actor="officer", action="ledger.applied", entity_type="v", entity_id="1", data=data)
        uow.commit()
    engine = container.engine
    migrate.downgrade(engine, BEFORE)
    with engine.connect() as conn:
        assert list(conn.execute(sa.select(old_events.c.data).order_by(old_events.c.seq)).scalars()) == DATA
    migrate.upgrade(engine)
    result = container.audit.verify()
    assert result.ok and result.events == len(DATA)


TREE_BEFORE = "0013_incidents"


def tree_state(container: Container) -> tuple[list[bytes | None], list[tuple[int, int, bytes]], bytes]:
    with container.engine.connect() as conn:
        leaves = [
            bytes(x) if x else None for x in conn.execute(sa.select(AuditEvent.leaf).order_by(AuditEvent.seq)).scalars()
        ]
        nodes = [
            (lv, i, bytes(h)) for lv, i, h in conn.execute(sa.select(AuditNode.level, AuditNode.idx, AuditNode.hash))
        ]
        frontier = bytes(conn.execute(sa.select(AuditHead.frontier)).scalar_one())
    return leaves, sorted(nodes), frontier


def test_upgrade_builds_the_tree_of_the_events_already_stored(container: Container) -> None:
    for batch in (3, 30, 7):
        with container.uow() as uow:
            for i in range(batch):
                uow.record(actor="t", action="test.recorded", entity_type="thing", entity_id=str(i), data={"i": i})
            uow.commit()
    appended = tree_state(container)
    assert len(appended[0]) == 40 and appended[1] and all(leaf for leaf in appended[0])
    migrate.downgrade(container.engine, TREE_BEFORE)
    assert "leaf" not in {c["name"] for c in sa.inspect(container.engine).get_columns("audit_events")}
    migrate.upgrade(container.engine)
    assert tree_state(container) == appended
    assert container.checkpoints.head()[0] == 40 and container.audit.verify().ok


def test_audit_models_match_the_migrations(container: Container) -> None:
    tables = {AuditEvent.__tablename__, "audit_head", "audit_nodes", "audit_checkpoints"}
    with container.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diffs if tables & set(_tables_named(d))] == []


def _tables_named(diff: Any) -> list[str]:
    """The table names an autogenerate diff mentions, however deeply it nests them."""
    if isinstance(diff, list | tuple):
        return [name for part in diff for name in _tables_named(part)]
    if isinstance(diff, sa.Table):
        return [diff.name]
    if isinstance(diff, sa.Index | sa.Column) and diff.table is not None:
        return [diff.table.name]
    return [diff] if isinstance(diff, str) else []
