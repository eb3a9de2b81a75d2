"""Engine and session factory. Created by the composition root, never at import time."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from hogo.db.busy import attempt_ms, begin_immediate

log = logging.getLogger(__name__)
_LISTS: dict[tuple[str, ...], str] = {}


def json_dumps(value: Any) -> str:
    """`json.dumps`, memoised for short lists of strings (purposes, consent ids: the same few lists on most rows)."""
    if type(value) is list and len(value) <= 8 and all(type(v) is str for v in value):
        key = tuple(value)
        found = _LISTS.get(key)
        if found is None:
            if len(_LISTS) >= 10_000:
                _LISTS.clear()
            found = _LISTS[key] = json.dumps(value)
        return found
    return json.dumps(value)


def make_engine(url: str, *, echo: bool = False, sqlite_busy_seconds: float = 5.0) -> Engine:
    """`sqlite_busy_seconds`: how long a writing transaction on SQLite waits for the write lock (db/busy.py)."""
    kwargs: dict[str, Any] = {"echo": echo, "future": True, "json_serializer": json_dumps}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _owner_only(engine.url.database)
        event.listen(engine, "connect", partial(_sqlite_pragmas, attempt_ms(sqlite_busy_seconds)))
        event.listen(engine, "begin", partial(_sqlite_begin, sqlite_busy_seconds))
    return engine


READ_ONLY = "hogo_read_only"
"""Execution option of the reading engine: its SQLite transactions take no write lock."""


def _owner_only(database: str | None) -> None:
    """hogo's SQLite file holds hashes, sealed details and metadata about people: readable by its owner only, as
    the key file and the mail log are. Created so if new; narrowed if others could read it. SQLite gives the
    -wal and -shm files the main file's permissions."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    try:
        if not path.exists():
            if not path.parent.is_dir():
                return  # SQLite will say it cannot open it
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except OSError as exc:  # not ours to change (a read-only mount, another owner): SQLite will say what it can do
        log.warning("could not make the store file readable by its owner only: %s", type(exc).__name__)


def _sqlite_pragmas(busy_ms: int, dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver must not BEGIN on its own: `_sqlite_begin` does
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA secure_delete=ON")  # a deleted row's bytes are overwritten, not left in the page
    cursor.close()


def _sqlite_begin(busy_seconds: float, connection: Connection) -> None:
    """Every SQLite transaction is a real one; a writing one takes the write lock when it starts.

    With pysqlite's own handling a transaction would read outside any snapshot until its first write, and
    two processes could both read the audit chain head and then both append after it (`FOR UPDATE` is a
    no-op on SQLite). `BEGIN IMMEDIATE` makes the second writer wait instead, for at most `busy_seconds`
    (db/busy.py). Transactions of the reading engine (`make_session_factory(..., read_only=True)`) begin
    deferred: they read one snapshot and never block a writer; their connection is `query_only` meanwhile, so a
    write that slipped past the unit of work is refused by SQLite itself.
    """
    read_only = bool(connection.get_execution_options().get(READ_ONLY, False))
    if connection.info.get("query_only") != read_only:  # per pooled connection: a reader cannot write either
        connection.exec_driver_sql(f"PRAGMA query_only={int(read_only)}")
        connection.info["query_only"] = read_only
    if read_only:
        connection.exec_driver_sql("BEGIN")
    else:
        begin_immediate(connection, busy_seconds)


def make_session_factory(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions of a writing unit of work, or (`read_only`) of a reading one: deferred on SQLite, and a READ ONLY
    transaction on PostgreSQL, where the server itself refuses a write that slipped through."""
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    bind = engine.execution_options(**options) if read_only else engine
    return sessionmaker(bind=bind, expire_on_commit=False, autoflush=True)


def scrub_deleted(engine: Engine) -> bool:
    """Leave no copy of deleted rows in the store's files, where the application can (ADR 0013).

    SQLite: `secure_delete` (set on every connection) has already zeroed the deleted rows in the pages the delete
    wrote; this checkpoints those pages into the main file and truncates the WAL, which held earlier copies of
    them. False if a reader in another connection kept the WAL in use past the busy timeout (the caller retries
    later). PostgreSQL keeps dead tuples, WAL segments and backups the application cannot scrub: nothing to do here,
    the master-key rotation is what makes those copies unreadable.
    """
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        busy, _, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
    except sqlite3.Error as exc:  # the erasure is committed: report, do not fail it
        busy = f"{type(exc).__name__}: {exc}"
    finally:
        raw.close()
    if busy:
        log.warning("the SQLite WAL could not be checkpointed and truncated (%s); it is tried again later", busy)
    return not busy


def lock_out_writers(session: Session, table: str) -> None:
    """Wait for every transaction under way that writes `table`, and keep new ones out until this one ends.

    PostgreSQL: a SHARE lock on the table. SQLite: nothing to add, a writing transaction (`BEGIN IMMEDIATE`) already
    holds the store's one write lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f'LOCK TABLE "{table}" IN SHARE MODE'))


def lock_for_writing(session: Session, table: str) -> None:
    """Take now the lock a write to `table` takes (before deciding what to write), so that `lock_out_writers` in
    another transaction waits for this one to end. SQLite: held since `BEGIN IMMEDIATE`."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f'LOCK TABLE "{table}" IN ROW EXCLUSIVE MODE'))
