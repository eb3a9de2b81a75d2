"""SQLite's single writer: how long a writing transaction waits for the write lock, and how that wait ends.

A writing unit of work begins with `BEGIN IMMEDIATE` (ADR 0011). SQLite's own busy handler waits with a
back-off that grows to 100 ms between tries, so a writer that has waited long tries less often than one that
has just arrived, and under many concurrent writers a few starve past the timeout. `begin_immediate` instead
asks in short attempts (each with SQLite's busy handler, `ATTEMPT_MS`) and starts again after a short random
pause until its budget is spent; only the BEGIN is retried, before anything was read or written, so a retry
never repeats work. When the budget is spent the `OperationalError` ("database is locked") goes up, and the
web layer answers 503 with Retry-After (ADR 0016). PostgreSQL is the store for many concurrent writers.
"""

from __future__ import annotations

import random
import sqlite3
import time
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

ATTEMPT_MS = 200
"""SQLite's busy timeout for one attempt (PRAGMA busy_timeout of each connection)."""
RETRY_AFTER_SECONDS = 2
"""What a 503 tells the client to wait before trying again."""
_BUSY = ("database is locked", "database is busy", "database table is locked")


def is_busy(error: BaseException) -> bool:
    """Whether a SQLAlchemy error is SQLite's "locked"/"busy" (the write lock was not had in time)."""
    orig = error.orig if isinstance(error, OperationalError) else error
    return isinstance(orig, sqlite3.OperationalError) and any(text in str(orig).lower() for text in _BUSY)


def attempt_ms(budget_seconds: float) -> int:
    return max(1, min(ATTEMPT_MS, int(budget_seconds * 1000)))


def begin_immediate(connection: Connection, budget_seconds: float, sleep: Any = time.sleep) -> None:
    """`BEGIN IMMEDIATE`, tried again until `budget_seconds` have passed; then the busy error is raised."""
    deadline = time.monotonic() + budget_seconds
    while True:
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
                raise
        sleep(random.uniform(0.001, 0.02))  # jitter, not a secret
