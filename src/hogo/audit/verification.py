"""Verification of the whole log against a signed checkpoint, or of the events after a trusted one.

`verify_log` checks every event's body against its leaf hash, the root at the checkpoint's size against the signed
root, and the rest of the log against the stored tree (bulk reads through raw cursors, no ORM; see `scan_leaves`);
only when something does not match is the log read again to name the first bad event (`locate`). `verify_after`
touches only the events after a trusted checkpoint. `CheckpointService.verify` / `.verify_from` open the snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, select

from hogo.audit import bulk, merkle, tree
from hogo.audit.models import AuditHead
from hogo.audit.note import Checkpoint
from hogo.audit.publishing import RolledBack, check_published

CHUNK = 1 << 16
"""Events read and hashed per batch in a full verification (a power of two: each batch is a complete subtree)."""


@dataclass(frozen=True)
class TreeReport:
    checkpoint: Checkpoint
    events: int
    """Events whose body was checked against its leaf (all of them, or those before the first bad one)."""
    problem: str | None = None
    first_bad: int | None = None
    """The seq of the first event found altered, missing or out of place; None if none or if it cannot be told."""

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_log(
    connection: Connection,
    checkpoint: Checkpoint,
    workers: int | None,
    published: Callable[[], Sequence[Checkpoint]],
) -> TreeReport:
    """Check the whole log against a signed checkpoint; name the first bad event.

    The hot path reads only the bodies up to the checkpoint's size (in several processes on SQLite, see `bulk`) and
    compares the root; then the bodies after it against their leaves. Only if something does not match is the log
    read again, with the stored leaves, to name the first bad event (`locate`, which reads `published()` to say where
    a rewritten log diverges)."""
    head = connection.execute(select(AuditHead.seq)).first()
    head_size = head.seq if head is not None else 0
    if _root_of_bodies(connection, checkpoint.size, workers) == (checkpoint.size, checkpoint.root):
        checked = checkpoint.size
        with closing(scan_leaves(connection, checkpoint.size)) as chunks:
            for first, bodies, stored in chunks:
                if first != checked + 1 or merkle.leaf_hashes(bodies) != stored:
                    break
                checked += len(bodies)
            else:
                if checked == head_size:
                    return TreeReport(checkpoint, checked)
    return locate(connection, checkpoint, head_size, published)


def locate(
    connection: Connection, checkpoint: Checkpoint, head_size: int, published: Callable[[], Sequence[Checkpoint]]
) -> TreeReport:
    """The slow path: every body against its stored leaf, in order, to name what is wrong."""
    builder = merkle.RootBuilder()
    checked = 0
    with closing(scan_leaves(connection, 0)) as chunks:
        for first, bodies, stored in chunks:
            if first != checked + 1:
                return _report(checkpoint, checked, checked + 1, f"event {checked + 1} is missing")
            computed = merkle.leaf_hashes(bodies)
            if computed != stored:
                bad = next(i for i, (a, b) in enumerate(zip(computed, stored, strict=True)) if a != b)
                seq = first + bad
                return _report(
                    checkpoint,
                    seq - 1,
                    seq,
                    f"event {seq} was altered: its body no longer hashes to its leaf in the tree",
                )
            take = max(0, min(len(computed), checkpoint.size - checked))
            if take:
                builder.add(computed[:take])
            checked += len(computed)
    if checked < checkpoint.size:
        return _report(
            checkpoint,
            checked,
            checked + 1,
            f"the log was truncated: it holds {checked} event(s), the checkpoint {checkpoint.size}",
        )
    if builder.root() != checkpoint.root:
        where = ""
        try:
            check_published(connection, checked, None, published())
        except RolledBack as exc:
            first, last = exc.details["first_divergent_size"], exc.details["last_consistent_size"]
            where = (
                f"; against the published checkpoints it diverges at size {first} (it still matches size "
                f"{last}): events {last + 1}..{first} were rewritten"
            )
        return _report(
            checkpoint,
            checked,
            None,
            f"the log's first {checkpoint.size} event(s) are not the ones the checkpoint signed: "
            "they were rewritten (bodies and leaves together) or the database was restored from an older "
            f"backup{where}",
        )
    if checked != head_size:
        return _report(
            checkpoint,
            checked,
            min(checked, head_size) + 1,
            f"the log holds {checked} event(s) but its head records {head_size}",
        )
    return TreeReport(checkpoint, checked)


def verify_after(connection: Connection, trusted: Checkpoint) -> tuple[TreeReport, bytes]:
    """Check only the events after a trusted checkpoint: the stored tree must still hold the trusted root, and the
    new events' bodies must hash to the leaves that lead from it to the current root (returned)."""
    head = connection.execute(select(AuditHead.seq, AuditHead.frontier)).first()
    size = head.seq if head is not None else 0
    if size < trusted.size:
        return TreeReport(
            trusted,
            0,
            f"the log was truncated: it holds {size} event(s), the checkpoint {trusted.size}",
            size + 1,
        ), b""
    levels = merkle.frontier_levels(trusted.size)
    subtrees, at = [], 0
    for level in levels:
        subtrees.append((level, at >> level))
        at += 1 << level
    known = tree.complete_hashes(connection, subtrees)
    frontier = [known[s] for s in subtrees]
    if merkle.root_of_frontier(frontier) != trusted.root:
        problem = f"the stored tree no longer holds the checkpoint's root at size {trusted.size}"
        return TreeReport(trusted, 0, problem), b""
    builder = merkle.RootBuilder(trusted.size, frontier)
    with closing(scan_leaves(connection, trusted.size)) as chunks:
        for first, bodies, stored in chunks:
            computed = merkle.leaf_hashes(bodies)
            if first != builder.size + 1 or computed != stored:
                bad = next((i for i, (a, b) in enumerate(zip(computed, stored, strict=True)) if a != b), 0)
                seq = first + bad if first == builder.size + 1 else builder.size + 1
                return TreeReport(trusted, seq - 1 - trusted.size, f"event {seq} was altered", seq), b""
            builder.add(computed)
    checked, root = builder.size, builder.root()
    if head is not None and root != merkle.root_of_frontier(merkle.unpack(head.frontier)):
        return TreeReport(trusted, checked - trusted.size, "the tree's right edge disagrees"), root
    return TreeReport(trusted, checked - trusted.size), root


def _root_of_bodies(connection: Connection, size: int, workers: int | None) -> tuple[int, bytes]:
    """(events read, root) over the bodies of events 1..size."""
    path = connection.engine.url.database
    if connection.dialect.name == "sqlite" and path and path != ":memory:":
        return bulk.sqlite_root(path, size, workers)
    cursor = _cursor(connection)
    try:
        cursor.execute(
            "SELECT body FROM audit_events WHERE seq <= %s ORDER BY seq"
            if connection.dialect.name == "postgresql"
            else "SELECT body FROM audit_events WHERE seq <= ? ORDER BY seq",
            (size,),
        )
        batches = iter(lambda: cast(list[tuple[bytes]], cursor.fetchmany(bulk.CHUNK)), [])
        return bulk.root_of_rows(batches)
    finally:
        cursor.close()


def _cursor(connection: Connection) -> Any:
    """A cursor that streams: server-side on PostgreSQL (the client holds one batch at a time), plain on SQLite."""
    if connection.dialect.name == "postgresql":
        driver: Any = connection.connection.driver_connection
        return driver.cursor(name=f"hogo_audit_tree_{id(connection):x}", binary=True)
    return connection.connection.cursor()


def _report(checkpoint: Checkpoint, events: int, first_bad: int | None, problem: str) -> TreeReport:
    return TreeReport(checkpoint, events, problem, first_bad)


def scan_leaves(
    connection: Connection, after: int, size: int = CHUNK
) -> Generator[tuple[int, list[bytes], list[bytes]]]:
    """(first seq, bodies, stored leaves) of the events after `after`, `size` at a time, through one raw cursor."""
    cursor = _cursor(connection)
    try:
        cursor.execute(
            "SELECT seq, body, leaf FROM audit_events WHERE seq > %s ORDER BY seq"
            if connection.dialect.name == "postgresql"
            else "SELECT seq, body, leaf FROM audit_events WHERE seq > ? ORDER BY seq",
            (after,),
        )
        expected = after + 1
        while rows := cast(list[tuple[int, bytes, bytes | None]], cursor.fetchmany(size)):
            seqs = [r[0] for r in rows]
            if seqs[0] != expected or seqs[-1] - seqs[0] != len(seqs) - 1:
                gap = next((i for i, s in enumerate(seqs) if s != expected + i), 0)
                yield expected + gap, [], []
                return
            yield seqs[0], [bytes(r[1]) for r in rows], [bytes(r[2]) if r[2] is not None else b"" for r in rows]
            expected += len(rows)
    finally:
        cursor.close()
