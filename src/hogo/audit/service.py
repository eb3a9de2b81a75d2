"""Audit use cases: append events inside the caller's transaction; verify the whole chain; list events.

Events are registered on the unit of work (`UnitOfWork.record`), which hands them to `write` when it commits.
Verification reads the rows in one snapshot (PostgreSQL REPEATABLE READ, a SQLite read transaction),
so events appended meanwhile look neither inserted nor removed. It fetches the driver's raw values in
batches through one cursor (no ORM objects, no type processing; `occurred_at` as UTC text) and runs
the hot path (`policy.scan`) over them; only at the first row that fails a check does it hand over
to `policy.verify_chain`, which names and classifies the break.
"""

from __future__ import annotations

import hashlib
from collections.abc import Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any, cast

from sqlalchemy import Connection, Dialect, Table, select
from sqlalchemy.orm import Session

from hogo.audit import merkle
from hogo.audit.models import AuditEvent, AuditHead, AuditNode
from hogo.audit.policy import (
    GENESIS,
    Bodies,
    ChainBreak,
    ChainedEvent,
    ChainHead,
    ChainState,
    Row,
    chain_hash,
    scan,
    verify_chain,
    view,
)
from hogo.clock import Clock
from hogo.db.bulk import BulkInsert
from hogo.db.uow import Pending, UnitOfWorkFactory
from hogo.errors import DomainError

HEAD_ID = 1


# occurred_at as text in UTC, 'YYYY-MM-DD HH:MM:SS.ffffff': how SQLAlchemy stores it on SQLite (UtcDateTime
# hands it UTC), and what PostgreSQL renders its timestamptz as here (policy.stored_at in Python).
_AT_SQL = {
    "sqlite": "occurred_at",
    "postgresql": "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
}


class AuditUnreadable(DomainError):
    code = "audit-unreadable"


@dataclass(frozen=True)
class VerifyResult:
    events: int
    """How many events verified intact: all of them, or those before the first break."""
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


class AuditService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, *, tree: bool = True) -> None:
        self._uow = uow
        self._clock = clock
        self._tree = tree
        """False only for the baseline of bench/audit_tree.py: the chain alone, as before the tree."""

    # -- the unit of work's participant: append what a use case registered, inside its transaction -----------
    def write(self, session: Session, pending: Pending) -> None:
        """Append the unit of work's events to the chain, all at one instant, holding the head's lock until commit.

        The head is locked also when only the change journal is written, so that journal rows commit in the order
        of their seq (see `hogo.changes`)."""
        if pending.events:
            self.append(session, [(e.actor, e.action, e.entity_type, e.entity_id, e.data) for e in pending.events])
        elif pending.changed:
            _lock_head(session)

    def committed(self, pending: Pending) -> None:
        """Nothing to do after commit: the events are in the chain."""

    def append(self, session: Session, events: Sequence[tuple[str, str, str, str, dict[str, Any]]]) -> int:
        """Append events (actor, action, entity_type, entity_id, data) in the caller's transaction; the last seq.

        One head lock and one `executemany` of the events (and of the Merkle nodes they close) through the driver
        (`db.bulk`, ADR 0027). `data` must hold no personal values. Only the unit of work calls this
        (`UnitOfWork.record`), and the tests of the chain itself."""
        head = _lock_head(session)
        if not events:
            return head.seq
        occurred_at = self._clock.now()
        connection = session.connection()
        sql = _inserts(connection.dialect)
        at = sql.events.bind("occurred_at", occurred_at)
        size, seq, prev = head.seq, head.seq, head.hash
        rows: list[tuple[Any, ...]] = []
        leaves: list[bytes] = []
        sha = hashlib.sha256
        body_of = Bodies(occurred_at)  # canonical(), byte for byte
        for actor, action, entity_type, entity_id, data in events:
            seq += 1
            body = body_of(seq, actor, action, entity_type, entity_id, data)
            digest = chain_hash(prev, body)
            leaf = sha(b"\x00" + body).digest() if self._tree else None
            rows.append((seq, at, actor, action, entity_type, entity_id, prev, digest, body, leaf))
            if leaf is not None:
                leaves.append(leaf)
            prev = digest
        sql.events.insert(connection, rows)
        if self._tree:
            frontier = merkle.unpack(head.frontier)
            sql.nodes.insert(connection, merkle.append_all(frontier, size, leaves))
            head.frontier = merkle.pack(frontier)
        head.seq, head.hash = seq, prev
        session.flush()
        return seq

    def verify(self, batch: int = 10_000) -> VerifyResult:
        """Recompute the chain from the first event to the head; name and classify the first break."""
        with self._uow(read_only=True) as uow:
            connection = snapshot(uow.session)
            found = connection.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID)).first()
            head = ChainHead(found.seq, found.hash) if found is not None else None
            last = head.seq if head is not None else 0
            state = ChainState()
            with closing(_batches(connection, batch)) as batches:
                for rows in batches:
                    # Rows beyond the head are for verify_chain to name; scan stops before them.
                    good = scan(rows[: max(0, last - state.seq + 1)], state)
                    state = state.after(rows[:good])
                    if good < len(rows):
                        rest = chain(rows[good:], chain.from_iterable(batches))
                        broken = verify_chain(rest, head=head, start=state)
                        break
                else:
                    broken = verify_chain((), head=head, start=state)
        return VerifyResult(max(0, broken.seq - 1) if broken is not None else last, broken)

    def events(self, *, action_prefix: str | None = None, limit: int = 100) -> list[ChainedEvent]:
        """The latest events, newest first, as their bodies record them."""
        with self._uow(read_only=True) as uow:
            query = (
                select(AuditEvent.seq, AuditEvent.prev_hash, AuditEvent.hash, AuditEvent.body)
                .order_by(AuditEvent.seq.desc())
                .limit(limit)
            )
            if action_prefix:
                query = query.where(AuditEvent.action.startswith(action_prefix, autoescape=True))
            return readable(uow.session.execute(query))


def readable(rows: Iterable[Any]) -> list[ChainedEvent]:
    """Rows of (seq, prev_hash, hash, body) as events; a damaged body is an error that names the event."""
    views = []
    for seq, prev_hash, digest, body in rows:
        try:
            views.append(view(seq, prev_hash, digest, body))
        except (ValueError, KeyError, TypeError):
            raise AuditUnreadable(
                f"audit event {seq} cannot be read: its body is damaged; run `hogo audit verify`"
            ) from None
    return views


EVENT_COLUMNS = (
    "seq",
    "occurred_at",
    "actor",
    "action",
    "entity_type",
    "entity_id",
    "prev_hash",
    "hash",
    "body",
    "leaf",
)
"""The columns of an audit_events row as `append` builds it."""


@dataclass(frozen=True)
class _Inserts:
    events: BulkInsert
    nodes: BulkInsert


@lru_cache(maxsize=8)
def _inserts(dialect: Dialect) -> _Inserts:
    return _Inserts(
        BulkInsert(cast(Table, AuditEvent.__table__), EVENT_COLUMNS, dialect),
        BulkInsert(cast(Table, AuditNode.__table__), ("level", "idx", "hash"), dialect),
    )


def _lock_head(session: Session) -> AuditHead:
    head = session.get(AuditHead, HEAD_ID, with_for_update=True)
    if head is None:
        head = AuditHead(id=HEAD_ID, seq=0, hash=GENESIS, frontier=b"")
        session.add(head)
    return head


def snapshot(session: Session) -> Connection:
    """The session's connection, reading one consistent snapshot until the unit of work ends."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    connection = session.connection()
    driver: Any = connection.connection.driver_connection
    if dialect == "sqlite" and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN")  # pysqlite would run each SELECT in its own snapshot
    return connection


def _batches(connection: Connection, size: int) -> Generator[list[Row]]:
    """Every stored event in seq order, `size` rows at a time, as the driver returns them (no type processing).

    One statement read through one cursor: server-side on PostgreSQL (so the planner picks the
    fast-start index scan and the client holds one batch at a time), the plain cursor on SQLite.
    """
    dialect = connection.dialect.name
    query = f"SELECT seq, prev_hash, hash, body, {_AT_SQL[dialect]}, actor, action, entity_type, entity_id"
    query += " FROM audit_events ORDER BY seq"
    if dialect == "postgresql":
        driver: Any = connection.connection.driver_connection
        cursor = driver.cursor(name="hogo_audit_verify", binary=True)
    else:
        cursor = connection.connection.cursor()
    try:
        cursor.execute(query)
        while rows := cast(list[Row], cursor.fetchmany(size)):
            yield rows
    finally:
        cursor.close()
