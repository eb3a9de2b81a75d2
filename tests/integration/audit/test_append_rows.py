"""The chain's rows as `AuditService.append` sends them through the driver (`db.bulk`) are the rows the SQLAlchemy
Core insert of lists of dicts stored before (ADR 0027, addendum): same seq, occurred_at, prev_hash, hash, body, leaf,
the same Merkle nodes and the same head, byte for byte.

The same events are appended twice on one store, each time from the same starting chain and rolled back after: once
by `append`, once by `_append_with_core` (the append as it was, kept here as the reference), and every column is
read back raw from the driver (on PostgreSQL as its text form)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from hogo import bootstrap
from hogo.audit import merkle
from hogo.audit.models import AuditEvent, AuditNode
from hogo.audit.policy import canonical, chain_hash
from hogo.audit.service import _lock_head
from hogo.clock import FixedClock

Event = tuple[str, str, str, str, dict[str, Any]]


def _events(start: int, count: int) -> list[Event]:
    return [
        (
            "u_管理者" if n % 3 == 0 else "system",
            "person.created" if n % 2 else "records.acquired",
            "person",
            f"p_{n:04d}",
            {"n": n, "items": ["email", "氏名"][: n % 3], "none": None, "nested": {"b": 1, "a": [n, "x"]}},
        )
        for n in range(start, start + count)
    ]


def _append_with_core(session: Session, clock: FixedClock, events: list[Event]) -> int:
    """`AuditService.append` as it was before it went through `db.bulk`: Core inserts of lists of dicts."""
    head = _lock_head(session)
    occurred_at = clock.now()
    size, seq, prev = head.seq, head.seq, head.hash
    rows: list[dict[str, Any]] = []
    for actor, action, entity_type, entity_id, data in events:
        seq += 1
        body = canonical(seq, occurred_at, actor, action, entity_type, entity_id, data)
        digest = chain_hash(prev, body)
        rows.append(
            {
                "seq": seq,
                "occurred_at": occurred_at,
                "actor": actor,
                "action": action,
                "entity_type": entity_type,
                "entity_id": entity_id,
                "prev_hash": prev,
                "hash": digest,
                "body": body,
                "leaf": hashlib.sha256(b"\x00" + body).digest(),
            }
        )
        prev = digest
    connection = session.connection()
    connection.execute(insert(AuditEvent), rows)
    frontier = merkle.unpack(head.frontier)
    closed = merkle.append_all(frontier, size, [row["leaf"] for row in rows])
    if closed:
        connection.execute(insert(AuditNode), [{"level": lv, "idx": i, "hash": h} for lv, i, h in closed])
    head.frontier = merkle.pack(frontier)
    head.seq, head.hash = seq, prev
    session.flush()
    return seq


def _raw(connection: Connection, table: str, columns: str, order: str) -> list[tuple[Any, ...]]:
    pg = connection.dialect.name == "postgresql"
    listed = ", ".join(f"CAST({c} AS TEXT)" if pg else c for c in columns.split(", "))
    ordered = ", ".join(f"{table}.{c}" for c in order.split(", "))  # the column, not its text (PostgreSQL)
    found = connection.exec_driver_sql(f"SELECT {listed} FROM {table} ORDER BY {ordered}")
    return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in found]


def _stored(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    events = "seq, occurred_at, actor, action, entity_type, entity_id, prev_hash, hash, body, leaf"
    return {
        "events": _raw(connection, "audit_events", events, "seq"),
        "nodes": _raw(connection, "audit_nodes", "level, idx, hash", "level, idx"),
        "head": _raw(connection, "audit_head", "id, seq, hash, frontier", "id"),
    }


def test_append_through_the_driver_stores_the_rows_the_core_insert_stored(
    container: bootstrap.Container, clock: FixedClock
) -> None:
    # A chain that already holds events (a frontier to extend), then appends that close Merkle nodes of level 4
    # (every 16 leaves) and level 8 (every 256) and leave subtrees open.
    with container.uow() as uow:
        container.audit.append(uow.session, _events(0, 5))
        uow.commit()
    clock.advance(dt.timedelta(seconds=1, microseconds=7))
    batches = [_events(5, 1), _events(6, 40), _events(46, 230)]
    results: list[dict[str, list[tuple[Any, ...]]]] = []
    for append in (
        container.audit.append,
        lambda session, events: _append_with_core(session, clock, events),
    ):
        with container.uow() as uow:
            seqs = [append(uow.session, events) for events in batches]
            assert seqs == [6, 46, 276]
            results.append(_stored(uow.session.connection()))
            uow.session.rollback()
    through_driver, through_core = results
    assert through_driver == through_core
    assert len(through_driver["events"]) == 276
    closed = [(int(level), int(idx)) for level, idx, _ in through_driver["nodes"]]
    assert closed == [(4, i) for i in range(17)] + [(8, 0)]


def test_the_chain_appended_through_the_driver_verifies(container: bootstrap.Container) -> None:
    for start, count in ((0, 3), (3, 17), (20, 300)):
        with container.uow() as uow:
            container.audit.append(uow.session, _events(start, count))
            uow.commit()
    result = container.audit.verify()
    assert result.ok and result.events == 320
